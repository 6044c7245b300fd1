"""locate(): findings in prose offsets become diagnostics in source offsets, and each guard
that keeps a fix from touching what is not prose holds."""

from __future__ import annotations

import dataclasses

import pytest

from copylint.diagnostics import Applicability, Category, Severity, Span
from copylint.document import read_document
from copylint.document.model import Document
from copylint.engines.base import Finding, ProseEdit, RuleInfo
from copylint.locate import capped, locate


def info(fix: Applicability | None) -> RuleInfo:
    return RuleInfo("house/test", Category.STYLE, Severity.WARNING, fix, "A test rule.")


def find(doc: Document, word: str, nth: int = 0) -> tuple[int, Span]:
    """The block index and prose span of the nth occurrence of word."""
    seen = 0
    for i, block in enumerate(doc.blocks):
        at = block.text.find(word)
        while at >= 0:
            if seen == nth:
                return i, Span(at, at + len(word))
            seen += 1
            at = block.text.find(word, at + 1)
    raise AssertionError(f"{word!r} not in the prose")


def replace(doc: Document, word: str, text: str, safety: Applicability) -> Finding:
    i, span = find(doc, word)
    return Finding.replace(doc.blocks[i], span, text, applicability=safety, rule="house/test")


def test_a_clean_edit_maps_to_the_source_with_its_line_and_title() -> None:
    doc = read_document("a.md", "# Title\n\nWe saw *the* lake.\n")
    d = locate(doc, replace(doc, "lake", "sea", Applicability.SAFE), info(Applicability.SAFE))
    assert doc.source[d.span.start : d.span.end] == "lake"
    assert d.fix is not None and d.fix.title == "Replace “lake” with “sea”"
    assert [(e.start, e.end, e.text) for e in d.fix.edits] == [(d.span.start, d.span.end, "sea")]


def test_an_edit_touching_inline_code_loses_its_fix_but_still_reports() -> None:
    """Inserting right before `make` maps cleanly onto the source, but would glue text to
    the code: the placeholder guard refuses it."""
    doc = read_document("a.md", "Run `make` now.\n")
    block = doc.blocks[0]
    at = block.text.index("x")  # the placeholder word standing for `make`
    assert block.touches_placeholder(Span(at, at)) and block.edit(Span(at, at), "Z") is not None
    finding = Finding.replace(
        block, (at, at), "Z", rule="house/test", applicability=Applicability.SAFE
    )
    d = locate(doc, finding, info(Applicability.SAFE))
    assert d.fix is None
    assert d.rule == "house/test"


def test_an_edit_that_would_cut_markup_loses_its_fix() -> None:
    """Replacing "saw the" across the opening `**` would leave half of the emphasis."""
    doc = read_document("a.md", "We saw **the lake** today.\n")
    block = doc.blocks[0]
    span = Span(block.text.index("saw"), block.text.index("the") + 3)
    assert block.edit(span, "met a") is None  # no clean source edit exists
    finding = Finding.replace(
        block, span, "met a", rule="house/test", applicability=Applicability.SAFE
    )
    d = locate(doc, finding, info(Applicability.SAFE))
    assert d.fix is None
    assert doc.source[d.span.start : d.span.end].startswith("saw")


def test_a_fix_with_one_unmappable_edit_is_no_fix_at_all() -> None:
    """Half a fix is worse than none: the mappable edit is not applied alone."""
    doc = read_document("a.md", "We saw **the lake** today.\n")
    block = doc.blocks[0]
    across = Span(block.text.index("saw"), block.text.index("the") + 3)
    today = Span(block.text.index("today"), block.text.index("today") + 5)
    finding = Finding(
        block,
        today,
        "m",
        edits=(ProseEdit(across, "met a"), ProseEdit(today, "now")),
        rule="house/test",
    )
    assert locate(doc, finding, info(Applicability.SAFE)).fix is None


def test_an_edit_into_a_protected_range_loses_its_fix() -> None:
    doc = read_document("a.txt", "We saw the lake.\n")
    i, span = find(doc, "lake")
    source = doc.blocks[i].source_span(span)
    guarded = dataclasses.replace(doc, protected=(Span(source.start, source.end),))
    finding = replace(guarded, "lake", "sea", Applicability.SAFE)
    assert locate(doc, finding, info(Applicability.SAFE)).fix is not None
    assert locate(guarded, finding, info(Applicability.SAFE)).fix is None


def test_an_edit_that_changes_nothing_is_no_fix() -> None:
    doc = read_document("a.txt", "We saw the lake.\n")
    assert locate(doc, replace(doc, "lake", "lake", Applicability.SAFE), None).fix is None


def test_overlapping_edits_are_no_fix() -> None:
    doc = read_document("a.txt", "We saw the lake.\n")
    i, span = find(doc, "lake")
    finding = Finding(
        doc.blocks[i],
        span,
        "m",
        edits=(ProseEdit(span, "sea"), ProseEdit(Span(span.start + 1, span.end), "x")),
        rule="house/test",
    )
    assert locate(doc, finding, None).fix is None


@pytest.mark.parametrize(
    ("declared", "offered", "expected"),
    [
        (Applicability.SAFE, Applicability.SAFE, Applicability.SAFE),
        (Applicability.UNSAFE, Applicability.SAFE, Applicability.UNSAFE),
        (Applicability.SAFE, Applicability.UNSAFE, Applicability.UNSAFE),
        (None, Applicability.SAFE, Applicability.DISPLAY_ONLY),
    ],
)
def test_a_fix_is_never_safer_than_its_rule_declares(
    declared: Applicability | None, offered: Applicability, expected: Applicability
) -> None:
    doc = read_document("a.txt", "We saw the lake.\n")
    d = locate(doc, replace(doc, "lake", "sea", offered), info(declared))
    assert d.fix is not None and d.fix.applicability is expected
    assert capped(offered, None) is offered  # a finding with no rule facts keeps its own
