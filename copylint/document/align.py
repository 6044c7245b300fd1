"""Align parsed prose back onto its source, and mask URLs and e-mail addresses as placeholders."""

from __future__ import annotations

import html
import re

from copylint.document.model import PLACEHOLDER
from copylint.document.source_map import SegmentBuilder, SegmentKind

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

# URLs, www. addresses and e-mail addresses are not prose: each becomes one placeholder word.
URL_OR_EMAIL = re.compile(
    r"(?:(?:https?|ftp|mailto|file)://|www\.)[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]}’”]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)


class Aligner:
    """Walks the source with a cursor that only moves forward, emitting prose into a builder."""

    __slots__ = ("builder", "cursor", "limit", "protected", "source")

    def __init__(self, source: str, builder: SegmentBuilder, cursor: int, limit: int) -> None:
        self.source = source
        self.builder = builder
        self.cursor = cursor
        self.limit = limit
        self.protected: list[tuple[int, int]] = []

    def prose(self, content: str) -> None:
        """Emit parsed text, masking URLs and e-mail addresses inside it."""
        if "@" not in content and "://" not in content and "www." not in content:
            self._text(content)
            return
        pos = 0
        for m in URL_OR_EMAIL.finditer(content):
            self._text(content[pos : m.start()])
            start = self._skip_text(m[0])
            self.builder.unit(PLACEHOLDER, start, self.cursor, SegmentKind.PLACEHOLDER)
            self.protected.append((start, self.cursor))
            pos = m.end()
        self._text(content[pos:])

    def placeholder(self, start: int, end: int) -> None:
        """Emit one placeholder word for source[start:end] (inline code, an image…)."""
        self.builder.unit(PLACEHOLDER, start, end, SegmentKind.PLACEHOLDER)
        self.protected.append((start, end))
        self.cursor = max(self.cursor, end)

    def find(self, needle: str) -> int:
        """Offset of needle at or after the cursor (within the limit), or -1."""
        return self.source.find(needle, self.cursor, self.limit)

    def skip_past(self, needle: str) -> int:
        """Move the cursor past the next needle; return where the needle started (or -1)."""
        at = self.find(needle)
        if at >= 0:
            self.cursor = at + len(needle)
        return at

    def _skip_text(self, content: str) -> int:
        """Advance over content as _text would, emitting nothing; return its source start."""
        mark = self.builder.length
        probe = SegmentBuilder()
        saved = self.builder
        self.builder = probe
        start = self.cursor
        try:
            self._text(content)
            if probe._segments:
                start = probe._segments[0].source_start
        finally:
            self.builder = saved
        assert self.builder.length == mark
        return start

    def _text(self, content: str) -> None:
        if not content:
            return
        src = self.source
        cur = self.cursor
        if src.startswith(content, cur):
            self.builder.text(content, cur)
            self.cursor = cur + len(content)
            return
        i, n, limit = 0, len(content), self.limit
        while i < n:
            if src.startswith(content[i:], cur):
                self.builder.text(content[i:], cur)
                cur += n - i
                break
            if cur >= limit:
                # The parser produced text the source does not hold where expected: keep the
                # prose, but make it uneditable and map it to where we stand.
                self.builder.unit(content[i:], cur, cur, SegmentKind.PLACEHOLDER)
                break
            ch, s = content[i], src[cur]
            if s == "&" and (m := _ENTITY.match(src, cur)):
                decoded = html.unescape(m[0])
                if decoded and content.startswith(decoded, i):
                    self.builder.unit(decoded, cur, m.end(), SegmentKind.ATOM)
                    i += len(decoded)
                    cur = m.end()
                    continue
            if s == "\\" and ch in _ASCII_PUNCT and src.startswith(ch, cur + 1):
                self.builder.unit(ch, cur, cur + 2, SegmentKind.ATOM)
                i += 1
                cur += 2
                continue
            if s == ch:
                j = i + 1
                k = cur + 1
                while j < n and k < limit and content[j] == src[k] and src[k] not in "&\\":
                    j += 1
                    k += 1
                self.builder.text(content[i:j], cur)
                i, cur = j, k
                continue
            cur += 1  # markup or stripped whitespace the parser dropped
        self.cursor = cur
