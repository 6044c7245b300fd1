"""Suppression comments: `<!-- copylint-disable RULE -->` … `<!-- copylint-enable -->` and
`<!-- copylint-disable-next-line RULE -->`."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

from copylint.diagnostics import Span
from copylint.document.model import Suppression
from copylint.document.source_map import LineIndex

_COMMENT = re.compile(
    r"<!--\s*copylint-(?P<verb>disable-next-line|disable|enable)\b(?P<rules>[^>]*?)\s*-->"
)
_END = sys.maxsize


def _rules(text: str) -> tuple[str, ...]:
    return tuple(r for r in re.split(r"[\s,]+", text.strip()) if r)


def find_suppressions(
    source: str, lines: LineIndex, code: Sequence[Span] = ()
) -> tuple[Suppression, ...]:
    """Every suppression in the source, skipping comments inside code."""
    found: list[Suppression] = []
    open_: dict[tuple[str, ...], int] = {}
    for m in _COMMENT.finditer(source):
        if any(c.start <= m.start() < c.end for c in code):
            continue
        line = lines.line_col(m.start())[0]
        rules = _rules(m["rules"])
        verb = m["verb"]
        if verb == "disable-next-line":
            end_line = lines.line_col(m.end())[0]
            found.append(Suppression(rules, end_line + 1, end_line + 1))
        elif verb == "disable":
            open_.setdefault(rules, line)
        else:  # enable: closes the named rules, or every open range
            for key in [k for k in open_ if not rules or k == rules or set(rules) & set(k)]:
                found.append(Suppression(key, open_.pop(key), line))
    found.extend(Suppression(key, start, _END) for key, start in open_.items())
    return tuple(found)
