"""One diagnostic per problem, however many engines saw it; then a stable reading order."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from copylint.diagnostics import Diagnostic
from copylint.engines import all_engines


def _priority(d: Diagnostic) -> int:
    return all_engines.priority(d.engine)


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


def _reading_order(d: Diagnostic) -> tuple[int, int, int, str]:
    return (d.span.start, d.span.end, _priority(d), d.rule)


def merge(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Identical findings from several engines (same span and same replacement) become one,
    the others named in also_reported_by; a lower-priority engine's finding that overlaps a
    higher one's goes into that one's `related`. Findings of the same engine stay apart."""
    by_engine: dict[int, list[Diagnostic]] = {}
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
