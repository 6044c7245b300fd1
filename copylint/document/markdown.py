"""Markdown reader: CommonMark with GFM tables, strikethrough and footnotes, and front matter.

markdown-it-py gives the block structure with line maps; inline tokens carry no positions, so
each inline token's text is aligned onto its source lines with a cursor that only moves forward
(document/align.py). Code, URLs, link destinations, images, HTML and front matter never reach
the prose view; inline code and URLs become a placeholder word so sentences stay whole.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from types import MappingProxyType
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from copylint.diagnostics import Span
from copylint.document.align import Aligner
from copylint.document.model import Block, BlockKind, Document
from copylint.document.source_map import LineIndex, SegmentBuilder
from copylint.document.suppressions import find_suppressions

_FRONT_MATTER = re.compile(
    r"\A(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)(?:\r?\n)?^(?P=fence)[ \t]*(?:\r?\n|\Z)",
    re.DOTALL | re.MULTILINE,
)
_KIND_OF_OPEN = {
    "heading_open": BlockKind.HEADING,
    "th_open": BlockKind.TABLE_CELL,
    "td_open": BlockKind.TABLE_CELL,
    "list_item_open": BlockKind.LIST_ITEM,
    "blockquote_open": BlockKind.QUOTE,
    "footnote_open": BlockKind.FOOTNOTE,
}
_PRIORITY = [
    BlockKind.HEADING,
    BlockKind.TABLE_CELL,
    BlockKind.LIST_ITEM,
    BlockKind.FOOTNOTE,
    BlockKind.QUOTE,
]


class FrontMatterError(ValueError):
    """Front matter that does not parse; the message names the line."""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark", {"html": True})
        .enable("table")
        .enable("strikethrough")
        .use(footnote_plugin)
    )


# A first line `---` (or `+++`) followed by `key: value` (or `key = value`) opens front matter.
_FRONT_MATTER_OPEN = re.compile(
    r"\A(?:---[ \t]*\r?\n[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|\r?$)|\+\+\+[ \t]*\r?\n[A-Za-z_][\w-]*[ \t]*=)",
    re.MULTILINE,
)


def _front_matter(source: str) -> tuple[Span | None, dict[str, Any]]:
    m = _FRONT_MATTER.match(source)
    if not m:
        if _FRONT_MATTER_OPEN.match(source):
            # Read as Markdown, it would be a thematic break and its fields would be linted
            # (and fixed) as prose: refuse the file instead, clearly.
            fence = source[:3]
            raise FrontMatterError(
                f"front matter opened by {fence} on line 1 is never closed: "
                f"add a {fence} line after its last field"
            )
        return None, {}
    body = m["body"]
    try:
        if m["fence"] == "---":
            data = yaml.safe_load(body) if body.strip() else {}
        else:
            data = tomllib.loads(body)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise FrontMatterError(f"front matter does not parse: {str(exc).splitlines()[0]}") from exc
    except (ValueError, OverflowError, TypeError) as exc:  # a date like 2026-02-30
        raise FrontMatterError(f"front matter does not parse: {exc}") from None
    except RecursionError:  # `x: [[[[…` thousands deep
        raise FrontMatterError("front matter does not parse: nested too deeply") from None
    return Span(0, m.end()), data if isinstance(data, dict) else {}


def _blank_out(source: str, span: Span) -> str:
    """Replace a region with spaces, keeping its line breaks, so line numbers stay true."""
    region = re.sub(r"[^\r\n]", " ", source[span.start : span.end])
    return source[: span.start] + region + source[span.end :]


def _skip_link_tail(al: Aligner) -> None:
    """After a link's text: skip `](destination "title")`, `][ref]` or `]`, protecting it."""
    close = al.skip_past("]")
    if close < 0:
        return
    src, cur = al.source, al.cursor
    if cur < al.limit and src[cur] in "([":
        opener, closer = src[cur], ")" if src[cur] == "(" else "]"
        depth, i, quote = 0, cur, ""
        while i < al.limit:
            ch = src[i]
            if ch == "\\":
                i += 2
                continue
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "\"'" and opener == "(" and i > cur + 1 and src[i - 1].isspace():
                quote = ch
            elif ch == opener:
                depth += 1
            elif ch == closer:
                depth -= 1
                if depth == 0:
                    i += 1
                    break
            i += 1
        al.protected.append((cur, i))
        al.cursor = i


def _skip_image(al: Aligner, token: Token, alts: list[tuple[str, int, int]]) -> None:
    start = al.find("![")
    if start < 0:
        return
    al.cursor = start + 2
    alt_start = al.cursor
    depth, i = 1, al.cursor
    while i < al.limit:
        ch = al.source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                break
        i += 1
    alts.append((token.content, alt_start, i))
    al.cursor = i
    _skip_link_tail(al)
    al.placeholder(start, al.cursor)


_RAW_OPEN = re.compile(r"<(script|style|code|kbd|samp|pre|textarea)\b", re.IGNORECASE)


def _align_inline(al: Aligner, children: Sequence[Token], alts: list[tuple[str, int, int]]) -> None:
    in_autolink = False
    raw_until: str | None = None  # inside inline <script>…</script> and the like: not prose
    raw_start = 0
    for tok in children:
        kind = tok.type
        if in_autolink:
            if kind == "link_close":
                in_autolink = False
            continue
        if raw_until is not None:
            if kind == "html_inline" and tok.content.lower().startswith(raw_until):
                end = al.find(tok.content)
                end = al.limit if end < 0 else end + len(tok.content)
                al.placeholder(raw_start, end)
                raw_until = None
            continue
        if kind == "html_inline" and (raw := _RAW_OPEN.match(tok.content)):
            start = al.find(tok.content)
            if start >= 0 and not tok.content.endswith("/>"):
                raw_until, raw_start = f"</{raw[1].lower()}", start
                al.cursor = start + len(tok.content)
                continue
        if kind == "text":
            al.prose(tok.content)
        elif kind == "softbreak":
            nl = al.find("\n")
            if nl < 0:
                continue
            gap = al.source[al.cursor : nl]
            if gap.strip() == "":
                al.builder.text(al.source[al.cursor : nl + 1], al.cursor)  # keeps trailing spaces
            else:
                al.builder.text("\n", nl)
            al.cursor = nl + 1
        elif kind == "hardbreak":
            nl = al.find("\n")
            if nl >= 0:
                al.builder.text("\n", nl)
                al.cursor = nl + 1
        elif kind == "code_inline":
            start = al.find(tok.markup)
            if start < 0:
                continue
            end = start + len(tok.markup)
            while True:
                end = al.source.find(tok.markup, end, al.limit)
                if end < 0:
                    end = al.limit
                    break
                run_end = end
                while run_end < al.limit and al.source[run_end] == "`":
                    run_end += 1
                if run_end - end == len(tok.markup):
                    end = run_end
                    break
                end = run_end
            al.placeholder(start, end)
        elif kind == "link_open":
            if tok.markup == "autolink":
                start = al.find("<")
                end = al.source.find(">", max(start, al.cursor), al.limit)
                if start >= 0 and end >= 0:
                    al.placeholder(start, end + 1)
                in_autolink = True
            else:
                al.skip_past("[")
        elif kind == "link_close":
            _skip_link_tail(al)
        elif kind == "image":
            _skip_image(al, tok, alts)
        elif kind in ("html_inline",):
            start = al.find(tok.content)
            if start >= 0:
                al.protected.append((start, start + len(tok.content)))
                al.cursor = start + len(tok.content)
        elif kind == "footnote_ref":
            al.skip_past("]")
        elif tok.markup and kind.endswith(("_open", "_close")):
            al.skip_past(tok.markup)  # emphasis, strong, strikethrough


def _block_kind(stack: list[BlockKind]) -> BlockKind:
    for kind in _PRIORITY:
        if kind in stack:
            return kind
    return BlockKind.PARAGRAPH


def read_markdown(path: str, source: str) -> Document:
    """Parse Markdown into a Document whose prose view skips everything that is not prose."""
    fm_span, metadata = _front_matter(source)
    parse_source = _blank_out(source, fm_span) if fm_span else source
    tokens = _parser().parse(parse_source)
    lines = LineIndex(source)

    def line_offset(line: int) -> int:
        if line >= lines.line_count:
            return len(source)
        return lines.line_span(line + 1)[0]

    blocks: list[Block] = []
    protected: list[Span] = [fm_span] if fm_span else []
    stack: list[BlockKind] = []
    code_ranges: list[Span] = []
    cursor, last_line = 0, -1
    for tok in tokens:
        if tok.type in _KIND_OF_OPEN:
            stack.append(_KIND_OF_OPEN[tok.type])
        elif tok.type.replace("_close", "_open") in _KIND_OF_OPEN and tok.type.endswith("_close"):
            if stack:
                stack.pop()
        elif tok.type in ("fence", "code_block", "html_block") and tok.map:
            region = Span(line_offset(tok.map[0]), line_offset(tok.map[1]))
            protected.append(region)
            if tok.type != "html_block":
                code_ranges.append(region)
        elif tok.type == "inline" and tok.map:
            start_line, end_line = tok.map
            if start_line != last_line:
                cursor = line_offset(start_line)
            last_line = start_line
            builder = SegmentBuilder()
            al = Aligner(source, builder, cursor, line_offset(end_line))
            alts: list[tuple[str, int, int]] = []
            _align_inline(al, tok.children or [], alts)
            # Keep what trails the last word on its line (spaces, no-break spaces) in the prose.
            eol = source.find("\n", al.cursor, al.limit)
            eol = al.limit if eol < 0 else eol
            if al.cursor < eol and source[al.cursor : eol].strip() == "" and builder.length:
                builder.text(source[al.cursor : eol].rstrip("\r"), al.cursor)
            cursor = al.cursor
            protected.extend(Span(s, e) for s, e in al.protected)
            text, smap = builder.build()
            if text.strip():
                blocks.append(Block(_block_kind(stack), text, smap, len(blocks)))
            for alt, start, end in alts:
                alt_builder = SegmentBuilder()
                Aligner(source, alt_builder, start, end).prose(alt)
                alt_text, alt_map = alt_builder.build()
                if alt_text.strip():
                    blocks.append(Block(BlockKind.ALT, alt_text, alt_map, len(blocks)))
    return Document(
        path,
        source,
        "markdown",
        tuple(blocks),
        tuple(sorted(protected)),
        MappingProxyType(metadata),
        find_suppressions(source, lines, code_ranges),
    )
