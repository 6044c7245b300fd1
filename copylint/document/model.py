"""Document and Block: the untouched source, its prose view, and where each block came from."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from copylint.diagnostics import Edit, Span, rule_in
from copylint.document.source_map import LineIndex, SourceMap

if TYPE_CHECKING:
    from copylint.document.analysis import Analysis

PLACEHOLDER = "x"  # the neutral word that stands for inline code, URLs and e-mail addresses


class BlockKind(StrEnum):
    """Where in the article a block of prose sits; rules may scope themselves by kind."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"
    QUOTE = "quote"
    ALT = "alt"  # image alt text and title attributes
    FOOTNOTE = "footnote"


@dataclass(frozen=True, slots=True)
class Block:
    """A run of prose (a paragraph, heading, cell…) with its map back to the source."""

    kind: BlockKind
    text: str
    map: SourceMap
    index: int = 0

    def source_span(self, span: Span) -> Span:
        return self.map.span_to_source(span)

    def edit(self, span: Span, text: str) -> Edit | None:
        """A clean source edit replacing prose[span], or None where it would cut markup."""
        return self.map.edit(span, text)

    def touches_placeholder(self, span: Span) -> bool:
        return self.map.touches_placeholder(span)

    @property
    def source_start(self) -> int:
        return self.map.segments[0].source_start if self.map.segments else 0


@dataclass(frozen=True, slots=True)
class Suppression:
    """A `copylint-disable…` comment: which rules, from which line to which line."""

    rules: tuple[str, ...]  # empty means every rule
    first_line: int
    last_line: int  # inclusive; a huge number for "to the end"

    def covers(self, rule: str, line: int) -> bool:
        if not self.first_line <= line <= self.last_line:
            return False
        return not self.rules or any(
            rule_in(rule, r) or rule_in(rule.split("/", 1)[-1], r) for r in self.rules
        )


@dataclass(frozen=True, slots=True)
class Document:
    """One file as every engine sees it."""

    path: str
    source: str
    format: str  # "markdown" | "html" | "text"
    blocks: tuple[Block, ...]
    protected: tuple[Span, ...] = ()  # code, front matter, tags, URLs: never edited
    metadata: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    suppressions: tuple[Suppression, ...] = ()
    lines: LineIndex = field(init=False)
    _protected_starts: list[int] = field(init=False, repr=False)
    _analysis: Analysis | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", LineIndex(self.source))
        object.__setattr__(self, "protected", tuple(sorted(self.protected)))
        object.__setattr__(self, "_protected_starts", [p.start for p in self.protected])

    @property
    def analysis(self) -> Analysis:
        """The facts rules and engines share about this document, computed on first use."""
        if self._analysis is None:
            from copylint.document.analysis import Analysis

            object.__setattr__(self, "_analysis", Analysis(self))
        assert self._analysis is not None
        return self._analysis

    def is_protected(self, span: Span | Edit) -> bool:
        """Whether an edit or span would reach into code, front matter, a tag or a URL."""
        # protected is sorted by start; only ranges starting before the span's end can touch it.
        upto = bisect.bisect_left(self._protected_starts, max(span.end, span.start + 1))
        for p in self.protected[max(0, upto - 64) : upto]:
            if span.start == span.end:
                if p.start < span.start < p.end:
                    return True
            elif p.start < span.end and span.start < p.end:
                return True
        if upto > 64:  # a long protected range may start far before the span
            return any(
                p.end > span.start and p.start < span.end for p in self.protected[: upto - 64]
            )
        return False
