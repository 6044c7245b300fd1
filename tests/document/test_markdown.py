"""Tests for the Markdown reader: what is prose, and where it came from."""

from __future__ import annotations

import pytest

from copylint.diagnostics import Span
from copylint.document.markdown import FrontMatterError, read_markdown
from copylint.document.model import PLACEHOLDER, BlockKind


def prose(source: str) -> list[str]:
    return [b.text for b in read_markdown("a.md", source).blocks]


def test_emphasis_does_not_split_words() -> None:
    doc = read_markdown("a.md", "the **the** end\n")
    block = doc.blocks[0]
    assert block.text == "the the end"
    assert block.source_span(Span(4, 7)) == Span(6, 9)


def test_code_is_never_prose() -> None:
    source = "Run `make make` now.\n\n```\nthe the\n```\n\n    indented code\n"
    assert prose(source) == [f"Run {PLACEHOLDER} now."]


def test_links_keep_their_text_and_lose_their_destination() -> None:
    doc = read_markdown(
        "a.md", 'See [the report](https://x.org/the "Title") and <https://y.org>.\n'
    )
    assert doc.blocks[0].text == f"See the report and {PLACEHOLDER}."
    dest = doc.source.index("https://x.org")
    assert doc.is_protected(Span(dest, dest + 5))


def test_bare_urls_and_emails_are_placeholders() -> None:
    assert prose("Mail me@example.com or see https://example.com/a.\n") == [
        f"Mail {PLACEHOLDER} or see {PLACEHOLDER}."
    ]


def test_front_matter_is_metadata_not_prose() -> None:
    doc = read_markdown("a.md", "---\ntitle: The the\ndate: 2021-09-21\n---\nBody text.\n")
    assert [b.text for b in doc.blocks] == ["Body text."]
    assert str(doc.metadata["date"]) == "2021-09-21"
    assert doc.is_protected(Span(5, 10))


def test_toml_front_matter() -> None:
    doc = read_markdown("a.md", '+++\ntitle = "x"\n+++\nBody.\n')
    assert doc.metadata["title"] == "x"
    assert [b.text for b in doc.blocks] == ["Body."]


def test_bad_front_matter_is_a_clear_error() -> None:
    with pytest.raises(FrontMatterError, match="front matter"):
        read_markdown("a.md", "---\ntitle: [unclosed\n---\nBody.\n")


def test_block_kinds() -> None:
    source = "# Head\n\n- item one\n\n> quoted\n\n| a | b |\n|---|---|\n| c | d |\n\nText[^1].\n\n[^1]: Note.\n"
    kinds = [(b.kind, b.text) for b in read_markdown("a.md", source).blocks]
    assert (BlockKind.HEADING, "Head") in kinds
    assert (BlockKind.LIST_ITEM, "item one") in kinds
    assert (BlockKind.QUOTE, "quoted") in kinds
    assert (BlockKind.TABLE_CELL, "d") in kinds
    assert (BlockKind.FOOTNOTE, "Note.") in kinds


def test_image_alt_text_is_its_own_block() -> None:
    doc = read_markdown("a.md", "A ![the cat](cat.png) here.\n")
    assert doc.blocks[0].text == f"A {PLACEHOLDER} here."
    alt = next(b for b in doc.blocks if b.kind is BlockKind.ALT)
    assert alt.text == "the cat"
    assert doc.source[alt.source_span(Span(0, 7)).start :].startswith("the cat")


def test_entities_and_escapes_are_atoms() -> None:
    doc = read_markdown("a.md", "AT&amp;T \\*not emphasis\\*\n")
    block = doc.blocks[0]
    assert block.text == "AT&T *not emphasis*"
    assert block.source_span(Span(2, 3)) == Span(2, 7)


def test_crlf_and_trailing_spaces_are_kept_in_prose() -> None:
    doc = read_markdown("a.md", "One line \r\nnext line\u00a0\r\n")
    assert doc.blocks[0].text == "One line \r\nnext line\u00a0"


def test_suppression_comments() -> None:
    doc = read_markdown(
        "a.md",
        "<!-- copylint-disable house/duplicated-word -->\nthe the\n<!-- copylint-enable -->\n\n"
        "<!-- copylint-disable-next-line -->\nthe the\n\n```\n<!-- copylint-disable -->\n```\n",
    )
    assert len(doc.suppressions) == 2
    assert doc.suppressions[0].covers("house/duplicated-word", 2)
    assert not doc.suppressions[0].covers("house/whitespace", 2)
    assert doc.suppressions[1].covers("house/anything", 6)


def test_inline_script_and_code_tags_are_not_prose() -> None:
    doc = read_markdown("a.md", 'Text <script>alert("x")</script> and <code>the the</code> end.\n')
    assert [b.text for b in doc.blocks] == [f"Text {PLACEHOLDER} and {PLACEHOLDER} end."]
