"""Choose fixes by applicability, apply them without overlap, and repeat until stable."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from copylint.diagnostics import Applicability, Diagnostic, Edit, Fix
from copylint.merge import rank

MAX_ROUNDS = 10


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply sorted, disjoint edits in one pass."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits):
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def select_fixes(diagnostics: Iterable[Diagnostic], threshold: Applicability) -> list[Fix]:
    """The fixes one round applies: at or above the threshold, never display-only, no two
    overlapping (a fix starting at or before the end of the last one waits for the next
    round; at the same start the higher-ranked finding's goes first), an identical fix from
    two rules applied once. Related findings' fixes count too: a leader that offers no fix
    at this threshold leaves the way to theirs."""
    candidates = [
        (d.fix, rank(d))
        for leader in diagnostics
        for d in (leader, *leader.related)
        if d.fix is not None
        and d.fix.applicability >= threshold
        and d.fix.applicability > Applicability.DISPLAY_ONLY
    ]
    candidates.sort(key=lambda c: (c[0].edits[0].start, c[1], c[0].edits[-1].end))
    chosen: list[Fix] = []
    seen: set[tuple[Edit, ...]] = set()
    last_end = -1
    for fix, _ in candidates:
        if fix.edits in seen:
            continue
        if chosen and fix.edits[0].start <= last_end:
            continue
        chosen.append(fix)
        seen.add(fix.edits)
        last_end = fix.edits[-1].end
    return chosen


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """The text after fixing, how many fixes applied, and whether it settled."""

    text: str
    applied: int
    rounds: int
    converged: bool
    unsettled_rules: tuple[str, ...] = ()


def fix_until_stable(
    text: str,
    lint: Callable[[str], list[Diagnostic]],
    threshold: Applicability = Applicability.SAFE,
    max_rounds: int = MAX_ROUNDS,
) -> FixOutcome:
    """Lint, apply a round of fixes, and lint again until no fix applies (at most max_rounds)."""
    applied = 0
    last_rules: tuple[str, ...] = ()
    for round_ in range(1, max_rounds + 1):
        diagnostics = lint(text)
        fixes = select_fixes(diagnostics, threshold)
        if not fixes:
            return FixOutcome(text, applied, round_ - 1, True)
        text = apply_edits(text, [e for f in fixes for e in f.edits])
        applied += len(fixes)
        by_fix = {
            d.fix: d.rule
            for leader in diagnostics
            for d in (leader, *leader.related)
            if d.fix is not None
        }
        last_rules = tuple(sorted({by_fix[f] for f in fixes if f in by_fix}))
    remaining = select_fixes(lint(text), threshold)
    return FixOutcome(text, applied, max_rounds, not remaining, last_rules if remaining else ())
