"""One diagnostic per problem, however many engines saw it; then a stable reading order.

Where findings overlap, one leads and the others are listed as related (their fixes stay
available to `--fix`): an error in the words (grammar, spelling, a doubled word, words run
together…) leads over a matter of typography, and otherwise the engine with the higher priority leads
(copylint.engines.all_engines). Engines never undo each other: a finding whose fix would
reverse a higher-priority engine's fix elsewhere in the article ("organise" → "organize"
where the house rules chose "organise") is dropped.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from copylint.diagnostics import Category, Diagnostic
from copylint.engines import all_engines

# How a text looks, not what it says: outranked by any other finding on the same words.
# Spacing is not among them: words run together ("criticizingKremlin") are an error in the
# words, and the house rule that splits them leads over the speller that flags them.
PRESENTATION = frozenset({Category.TYPOGRAPHY})


def rank(d: Diagnostic) -> tuple[int, int]:
    """Lower leads: errors in the words before presentation, then by engine priority."""
    return (d.category in PRESENTATION, all_engines.priority(d.engine))


def _priority(d: Diagnostic) -> tuple[int, int]:
    return rank(d)


def _replacements(d: Diagnostic) -> tuple[tuple[int, int, str], ...] | None:
    if d.fix is None:
        return None
    return tuple((e.start, e.end, e.text) for e in d.fix.edits)


def _same_problem(leader: Diagnostic, d: Diagnostic) -> bool:
    """Same span and same replacement (or a bare flag whose first suggestion is the fix)."""
    if leader.span != d.span:
        return False
    if _replacements(leader) == _replacements(d):
        return True
    return (
        d.fix is None
        and leader.fix is not None
        and d.suggestions[:1] == (leader.fix.edits[0].text,)
    )


def _reading_order(d: Diagnostic) -> tuple[int, int, tuple[int, int], str]:
    return (d.span.start, d.span.end, _priority(d), d.rule)


def _substitution(d: Diagnostic, source: str) -> tuple[str, str] | None:
    """(old, new) words, case-folded, of a fix that replaces one word with another."""
    if d.fix is None or len(d.fix.edits) != 1:
        return None
    edit = d.fix.edits[0]
    old, new = source[edit.start : edit.end].strip(), edit.text.strip()
    if not old or not new or not (old.isalpha() and new.isalpha()):
        return None
    return old.casefold(), new.casefold()


def drop_contrary(diagnostics: Iterable[Diagnostic], source: str) -> list[Diagnostic]:
    """Without the findings whose fix reverses a fix of a higher-priority engine anywhere in
    the same article: the house decision wins, and fixes can settle. Engines are heard in
    priority order; a finding dropped here decides nothing."""
    found = list(diagnostics)
    decided: dict[tuple[str, str], int] = {}  # (old, new) → the engine priority that chose it
    dropped: set[int] = set()
    for i in sorted(range(len(found)), key=lambda i: all_engines.priority(found[i].engine)):
        pair = _substitution(found[i], source)
        if pair is None:
            continue
        level = all_engines.priority(found[i].engine)
        if decided.get((pair[1], pair[0]), level) < level:
            dropped.add(i)
        else:
            decided.setdefault(pair, level)
    return [d for i, d in enumerate(found) if i not in dropped]


def merge(diagnostics: Iterable[Diagnostic], source: str | None = None) -> list[Diagnostic]:
    """Identical findings from several engines (same span and same replacement) become one,
    the others named in also_reported_by; a finding that overlaps a higher-ranked one goes
    into that one's `related`. Findings of the same rank stay apart. With the source text,
    findings that undo a higher-priority engine's fixes are dropped first."""
    if source is not None:
        diagnostics = drop_contrary(diagnostics, source)
    by_engine: dict[tuple[int, int], list[Diagnostic]] = {}
    for d in diagnostics:
        by_engine.setdefault(_priority(d), []).append(d)
    if len(by_engine) <= 1:
        return sorted((d for ds in by_engine.values() for d in ds), key=_reading_order)
    kept: list[Diagnostic] = []
    starts: list[int] = []  # kept, sorted by span start, for the overlap search
    order: list[int] = []  # index into kept, parallel to starts
    longest = 0
    for priority in sorted(by_engine):
        placed: list[tuple[int, Diagnostic]] = []
        for d in sorted(by_engine[priority], key=_reading_order):
            # Leaders are of higher-priority engines: those already kept.
            lo = bisect.bisect_left(starts, d.span.start - longest)
            hi = bisect.bisect_right(starts, d.span.end)
            target = None
            for j in range(lo, hi):
                k = kept[order[j]]
                if _same_problem(k, d) or k.span.overlaps(d.span):
                    target = order[j]
                    break
            if target is None:
                placed.append((len(kept) + len(placed), d))
                continue
            k = kept[target]
            if _same_problem(k, d):
                kept[target] = dataclasses.replace(
                    k, also_reported_by=(*k.also_reported_by, d.rule)
                )
            else:
                kept[target] = dataclasses.replace(k, related=(*k.related, d))
        for _, d in placed:
            index = len(kept)
            kept.append(d)
            at = bisect.bisect_right(starts, d.span.start)
            starts.insert(at, d.span.start)
            order.insert(at, index)
            longest = max(longest, d.span.end - d.span.start)
    return sorted(kept, key=_reading_order)
