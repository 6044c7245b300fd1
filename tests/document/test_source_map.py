"""Tests for the piecewise source map and line index."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copylint.diagnostics import Edit, Span
from copylint.document import read_document
from copylint.document.source_map import LineIndex, SegmentBuilder, SegmentKind


def _built() -> tuple[str, object]:
    b = SegmentBuilder()
    b.text("the ", 0)  # "the **the** end"
    b.text("the", 6)
    b.text(" end", 11)
    return b.build()


def test_text_segments_merge_when_contiguous() -> None:
    b = SegmentBuilder()
    b.text("ab", 0)
    b.text("cd", 2)
    text, smap = b.build()
    assert text == "abcd"
    assert len(smap.segments) == 1


def test_span_maps_across_markup() -> None:
    text, smap = _built()
    assert text == "the the end"
    assert smap.span_to_source(Span(4, 7)) == Span(6, 9)  # type: ignore[attr-defined]


def test_edit_refuses_to_swallow_markup() -> None:
    _, smap = _built()
    assert smap.edit(Span(3, 7), "") is None  # type: ignore[attr-defined]
    assert smap.edit(Span(0, 4), "") == Edit(0, 4, "")  # type: ignore[attr-defined]


def test_atom_is_edited_only_whole() -> None:
    b = SegmentBuilder()
    b.text("A ", 0)
    b.unit("&", 2, 7, SegmentKind.ATOM)
    b.text(" B", 7)
    _, smap = b.build()
    assert smap.edit(Span(2, 3), "and") == Edit(2, 7, "and")
    assert smap.edit(Span(1, 3), "") == Edit(1, 7, "")
    assert smap.span_to_source(Span(2, 3)) == Span(2, 7)


def test_placeholder_is_never_edited() -> None:
    b = SegmentBuilder()
    b.text("run ", 0)
    b.unit("x", 4, 10, SegmentKind.PLACEHOLDER)
    b.text(" now", 10)
    _, smap = b.build()
    assert smap.edit(Span(4, 5), "y") is None
    assert smap.touches_placeholder(Span(3, 5))
    assert not smap.touches_placeholder(Span(0, 3))


def test_insertion_between_runs_only_without_markup() -> None:
    _, smap = _built()
    assert smap.edit(Span(4, 4), " ") is None  # "**" sits between "the " and "the"
    assert smap.edit(Span(2, 2), "!") == Edit(2, 2, "!")


def test_line_index() -> None:
    lines = LineIndex("ab\ncd\r\nef")
    assert lines.line_col(0) == (1, 1)
    assert lines.line_col(3) == (2, 1)
    assert lines.line_col(7) == (3, 1)
    assert lines.line_col(9) == (3, 3)


_PROSE_CHARS = st.sampled_from([*"abc XYZ.,'’“”é😀\n", "  "])
_MARKUP = st.sampled_from(
    ["**", "_", "`code`", "[link](http://x.org/a_b)", "&amp;", "\\*", "<b>", "</b>", "~~", "\n\n"]
)


@given(
    st.lists(st.one_of(_PROSE_CHARS, _MARKUP), max_size=40),
    st.sampled_from(["x.md", "x.txt", "x.html"]),
)
def test_every_prose_character_maps_back_to_itself(parts: list[str], name: str) -> None:
    """Property: a prose character from a text segment is the same character in the source."""
    source = "".join(parts)
    doc = read_document(name, source)
    for block in doc.blocks:
        for seg in block.map.segments:
            if seg.kind is SegmentKind.TEXT:
                assert (
                    block.text[seg.prose_start : seg.prose_end]
                    == source[seg.source_start : seg.source_end]
                )
        for i, _ch in enumerate(block.text):
            span = block.source_span(Span(i, i + 1))
            assert 0 <= span.start <= span.end <= len(source)


@given(st.lists(st.one_of(_PROSE_CHARS, _MARKUP), max_size=40))
def test_masked_text_never_maps_into_prose_edits(parts: list[str]) -> None:
    """Property: no clean edit of any prose span reaches into code, URLs or tags."""
    source = "".join(parts)
    doc = read_document("x.md", source)
    for block in doc.blocks:
        n = len(block.text)
        for i in range(0, n, 3):
            for j in range(i, min(n, i + 6) + 1):
                edit = block.edit(Span(i, j), "")
                if edit is not None:
                    assert not doc.is_protected(edit), (source, block.text, i, j, edit)
