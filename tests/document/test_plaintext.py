"""Tests for the plain-text reader."""

from __future__ import annotations

from copylint.document.model import PLACEHOLDER, BlockKind
from copylint.document.plaintext import read_plaintext


def test_paragraphs_split_on_blank_lines_and_keep_line_breaks() -> None:
    doc = read_plaintext(
        "a.txt", "Title line\n\nFirst line of text\nsecond line.\n\n  \nLast one.\n"
    )
    assert [b.text for b in doc.blocks] == [
        "Title line",
        "First line of text\nsecond line.",
        "Last one.",
    ]
    assert doc.blocks[0].kind is BlockKind.HEADING


def test_urls_are_placeholders() -> None:
    doc = read_plaintext("a.txt", "Visit www.example.org today.")
    assert doc.blocks[0].text == f"Visit {PLACEHOLDER} today."


def test_bullets_are_list_items() -> None:
    doc = read_plaintext("a.txt", "  • One point here.\n  • Another point.\n")
    assert doc.blocks[0].kind is BlockKind.LIST_ITEM
