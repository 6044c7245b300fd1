"""One diagnostic per problem, however many engines saw it; then a stable reading order."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from copylint.diagnostics import Diagnostic

ENGINE_PRIORITY = {"house": 0, "languagetool": 1, "proselint": 2}


def _priority(d: Diagnostic) -> int:
    return ENGINE_PRIORITY.get(d.engine, 9)


def _replacements(d: Diagnostic) -> tuple[tuple[int, int, str], ...] | None:
    if d.fix is None:
        return None
    return tuple((e.start, e.end, e.text) for e in d.fix.edits)


def merge(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Identical findings from several engines (same span and same replacement) become one,
    the others named in also_reported_by; a lower-priority engine's finding that overlaps a
    higher one's goes into that one's `related`. Findings of the same engine stay apart."""
    ordered = sorted(diagnostics, key=lambda d: (_priority(d), d.span.start, d.span.end, d.rule))
    kept: list[Diagnostic] = []
    for d in ordered:
        leader_index = None
        for i, k in enumerate(kept):
            if k.engine == d.engine or _priority(k) > _priority(d):
                continue
            if k.span == d.span and (
                _replacements(k) == _replacements(d)
                or (
                    d.fix is None and d.suggestions[:1] == (k.fix.edits[0].text,)
                    if k.fix
                    else False
                )
            ):
                kept[i] = dataclasses.replace(k, also_reported_by=(*k.also_reported_by, d.rule))
                leader_index = -1
                break
            if k.span.overlaps(d.span):
                leader_index = i
                break
        if leader_index is None:
            kept.append(d)
        elif leader_index >= 0:
            k = kept[leader_index]
            kept[leader_index] = dataclasses.replace(k, related=(*k.related, d))
    return sorted(kept, key=lambda d: (d.span.start, d.span.end, _priority(d), d.rule))
