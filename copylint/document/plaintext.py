"""Plain-text reader: paragraphs split on blank lines, everything prose but URLs and addresses."""

from __future__ import annotations

import re

from copylint.diagnostics import Span
from copylint.document.align import Aligner
from copylint.document.model import Block, BlockKind, Document
from copylint.document.source_map import SegmentBuilder

_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)]\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+•●▪◦‣–]|\d+[.)])\s")


def _kind(text: str) -> BlockKind:
    stripped = text.strip()
    if _BULLET.match(text):
        return BlockKind.LIST_ITEM
    if "\n" not in stripped and len(stripped.split()) <= 14 and not _SENTENCE_END.search(stripped):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def read_plaintext(path: str, source: str) -> Document:
    """One block per paragraph; line breaks inside a paragraph stay in its prose."""
    blocks: list[Block] = []
    protected: list[Span] = []
    for m in _PARAGRAPH.finditer(source):
        end = m.end() - 1 if m[0].endswith("\n") else m.end()
        builder = SegmentBuilder()
        aligner = Aligner(source, builder, m.start(), end)
        aligner.prose(source[m.start() : end])
        protected.extend(Span(s, e) for s, e in aligner.protected)
        text, smap = builder.build()
        blocks.append(Block(_kind(text), text, smap, len(blocks)))
    return Document(path, source, "text", tuple(blocks), tuple(protected))
