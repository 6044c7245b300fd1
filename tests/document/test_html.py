"""Tests for the HTML reader."""

from __future__ import annotations

from copylint.diagnostics import Span
from copylint.document.html import read_html
from copylint.document.model import PLACEHOLDER, BlockKind


def test_text_between_tags_is_prose_and_maps_back() -> None:
    source = "<p>The <em>the</em> end.</p>"
    doc = read_html("a.html", source)
    block = doc.blocks[0]
    assert block.text == "The the end."
    span = block.source_span(Span(4, 7))
    assert source[span.start : span.end] == "the"


def test_scripts_styles_pre_and_comments_are_not_prose() -> None:
    source = "<style>p{}</style><script>the the</script><pre>the the</pre><!-- c --><p>Ok.</p>"
    assert [b.text for b in read_html("a.html", source).blocks] == ["Ok."]


def test_code_is_a_placeholder_and_alt_title_are_prose() -> None:
    source = '<p>Run <code>make</code> now <img alt="A cat" src="c.png" title="Tabby">.</p>'
    blocks = read_html("a.html", source).blocks
    texts = {(b.kind, b.text) for b in blocks}
    assert (BlockKind.PARAGRAPH, f"Run {PLACEHOLDER} now {PLACEHOLDER}.") in texts
    assert (BlockKind.ALT, "A cat") in texts
    assert (BlockKind.ALT, "Tabby") in texts


def test_entities_map_to_their_source() -> None:
    source = "<p>caf&eacute; &amp; bar</p>"
    block = read_html("a.html", source).blocks[0]
    assert block.text == "café & bar"
    span = block.source_span(Span(3, 4))
    assert source[span.start : span.end] == "&eacute;"


def test_block_elements_split_blocks() -> None:
    source = "<h1>Title</h1><ul><li>One</li><li>Two</li></ul><table><tr><td>Cell</td></tr></table>"
    kinds = [(b.kind, b.text) for b in read_html("a.html", source).blocks]
    assert kinds == [
        (BlockKind.HEADING, "Title"),
        (BlockKind.LIST_ITEM, "One"),
        (BlockKind.LIST_ITEM, "Two"),
        (BlockKind.TABLE_CELL, "Cell"),
    ]


def test_unbalanced_html_does_not_raise() -> None:
    doc = read_html("a.html", "<p>Open <b>bold <i>text</p></div><p>Next")
    assert [b.text for b in doc.blocks] == ["Open bold text", "Next"]
