"""HTML reader: text between tags is prose, split into blocks at block-level elements.

Tags, comments, scripts, styles and <pre> are never prose; <code> becomes a placeholder word;
alt and title attributes become blocks of their own. The standard library's HTMLParser reports
where each piece starts, so every prose character maps straight back to the source.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from copylint.diagnostics import Span
from copylint.document.align import Aligner
from copylint.document.model import Block, BlockKind, Document
from copylint.document.source_map import LineIndex, SegmentBuilder, SegmentKind
from copylint.document.suppressions import find_suppressions

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "head",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_VOID = frozenset({"br", "hr", "img", "input", "wbr", "meta", "link"})
_EMBEDDED = frozenset({"img", "input", "svg", "video", "audio", "iframe", "object", "embed"})
_SKIP_TAGS = frozenset({"script", "style", "pre", "template", "textarea", "svg", "math"})
_KINDS = {
    **{f"h{i}": BlockKind.HEADING for i in range(1, 7)},
    "title": BlockKind.HEADING,
    "li": BlockKind.LIST_ITEM,
    "td": BlockKind.TABLE_CELL,
    "th": BlockKind.TABLE_CELL,
    "blockquote": BlockKind.QUOTE,
}
_ATTR = re.compile(r"""\b(alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.lines = LineIndex(source)
        self.blocks: list[Block] = []
        self.protected: list[Span] = []
        self.builder = SegmentBuilder()
        self.kinds: list[str] = []
        self.skip_depth = 0
        self.skip_start = 0
        self.code_start: int | None = None
        self.code_depth = 0

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.lines.line_span(line)[0] + col

    def flush(self) -> None:
        text, smap = self.builder.build()
        if text.strip():
            kind = next(
                (_KINDS[t] for t in reversed(self.kinds) if t in _KINDS), BlockKind.PARAGRAPH
            )
            self.blocks.append(Block(kind, text, smap, len(self.blocks)))
        self.builder = SegmentBuilder()

    def _attributes(self, start: int) -> None:
        tag_text = self.get_starttag_text() or ""
        for m in _ATTR.finditer(tag_text):
            value_group = 2 if m.group(2) is not None else 3
            value = m.group(value_group)
            if not value.strip():
                continue
            vstart = start + m.start(value_group)
            builder = SegmentBuilder()
            Aligner(self.source, builder, vstart, vstart + len(value)).prose(html.unescape(value))
            text, smap = builder.build()
            self.blocks.append(Block(BlockKind.ALT, text, smap, len(self.blocks)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()
        end = start + len(self.get_starttag_text() or "")
        self.protected.append(Span(start, end))
        if self.skip_depth:
            if tag in _SKIP_TAGS:
                self.skip_depth += 1
            return
        if tag in _SKIP_TAGS:
            self.flush()
            self.skip_depth, self.skip_start = 1, start
            return
        if tag in ("code", "kbd", "samp", "var"):
            if self.code_start is None:
                self.code_start = start
            self.code_depth += 1
            return
        if self.code_start is not None:
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            if tag not in _VOID:
                self.kinds.append(tag)
        elif tag in _EMBEDDED:
            self.builder.unit("x", start, end, SegmentKind.PLACEHOLDER)
        self._attributes(start)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._pos()
        self.protected.append(Span(start, start + len(self.get_starttag_text() or "")))
        if self.skip_depth or self.code_start is not None:
            return
        if tag in _BLOCK_TAGS:
            self.flush()
        elif tag in _EMBEDDED:
            self.builder.unit("x", start, self.protected[-1].end, SegmentKind.PLACEHOLDER)
        self._attributes(start)

    def handle_endtag(self, tag: str) -> None:
        start = self._pos()
        close = self.source.find(">", start)
        end = len(self.source) if close < 0 else close + 1
        self.protected.append(Span(start, end))
        if self.skip_depth:
            if tag in _SKIP_TAGS:
                self.skip_depth -= 1
                if not self.skip_depth:
                    self.protected.append(Span(self.skip_start, end))
            return
        if self.code_start is not None:
            if tag in ("code", "kbd", "samp", "var"):
                self.code_depth -= 1
                if self.code_depth == 0:
                    self.builder.unit("x", self.code_start, end, SegmentKind.PLACEHOLDER)
                    self.protected.append(Span(self.code_start, end))
                    self.code_start = None
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            if tag in self.kinds:
                while self.kinds and self.kinds.pop() != tag:
                    pass

    def _inside_text(self) -> bool:
        return not self.skip_depth and self.code_start is None

    def handle_data(self, data: str) -> None:
        if not self._inside_text():
            return
        start = self._pos()
        al = Aligner(self.source, self.builder, start, start + len(data))
        al.prose(data)
        self.protected.extend(Span(s, e) for s, e in al.protected)

    def _reference(self, head: str) -> None:
        """`&name`, `&#nn` or `&#xhh` (head), with its `;` when there is one, is one unit."""
        if not self._inside_text():
            return
        start = self._pos()
        end = start + len(head)
        if self.source.startswith(";", end):
            end += 1
        raw = self.source[start:end]
        self.builder.unit(html.unescape(raw), start, end, SegmentKind.ATOM)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")

    def handle_comment(self, data: str) -> None:
        start = self._pos()
        self.protected.append(Span(start, start + len(data) + 7))

    def handle_decl(self, decl: str) -> None:
        start = self._pos()
        self.protected.append(Span(start, start + len(decl) + 3))


def read_html(path: str, source: str) -> Document:
    """Parse HTML into a Document whose prose view is the text a reader sees."""
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    reader.flush()
    return Document(
        path,
        source,
        "html",
        tuple(reader.blocks),
        tuple(sorted(reader.protected)),
        suppressions=find_suppressions(source, reader.lines),
    )
