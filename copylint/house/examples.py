"""Rule examples: `<<marked>>` bad text with its fixed form, good text, known false positives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from copylint.diagnostics import Span

_MARK = re.compile(r"<<(.*?)>>", re.DOTALL)


class ExampleKind(StrEnum):
    BAD = "bad"
    GOOD = "good"
    KNOWN_FALSE_POSITIVE = "known-false-positive"


@dataclass(frozen=True, slots=True)
class Example:
    """One example a rule carries; the test suite and `rules verify` run every one."""

    kind: ExampleKind
    marked: str  # the text as written, with <<markers>> for bad examples
    fixed: str | None = None  # the text once the fix is applied (bad examples)
    fix: str | None = None  # the fix's applicability label when it is not the rule's best

    @classmethod
    def bad(cls, marked: str, fixed: str | None = None, fix: str | None = None) -> Example:
        if "<<" not in marked:
            raise ValueError(f"a bad example marks its span with <<…>>: {marked!r}")
        return cls(ExampleKind.BAD, marked, fixed, fix)

    @classmethod
    def good(cls, text: str) -> Example:
        return cls(ExampleKind.GOOD, text)

    @classmethod
    def known_false_positive(cls, text: str) -> Example:
        return cls(ExampleKind.KNOWN_FALSE_POSITIVE, text)

    @property
    def text(self) -> str:
        """The example without its markers."""
        return _MARK.sub(r"\1", self.marked)

    @property
    def spans(self) -> tuple[Span, ...]:
        """Where the markers are, in offsets of `text`."""
        spans: list[Span] = []
        removed = 0
        for m in _MARK.finditer(self.marked):
            start = m.start() - removed
            spans.append(Span(start, start + len(m[1])))
            removed += 4
        return tuple(spans)
