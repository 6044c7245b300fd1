"""Tests for house/typography: quotes, apostrophes, bullets, dashes and ellipses mixed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from copylint.diagnostics import Applicability
from copylint.document.model import Document
from copylint.document.plaintext import read_plaintext
from copylint.engines.base import EngineContext, Finding
from copylint.house.examples import ExampleKind
from copylint.house.python_rules import typography as family
from copylint.house.registry import house_rules

CHECKS = (
    family.quotes,
    family.quote_direction,
    family.apostrophes,
    family.bullets,
    family.dashes,
    family.ellipses,
)


def typography(doc: Document, ctx: EngineContext) -> list[Finding]:
    """Every typography check, in reading order, as `--select house/typography` runs them."""
    found = [f for check in CHECKS for f in check(doc, ctx)]
    return sorted(found, key=lambda f: (f.block.index, f.span.start))


FIXTURES = Path(__file__).parents[2] / "fixtures" / "consistency"


def run(text: str) -> list[Finding]:
    return list(typography(read_plaintext("article.txt", text), EngineContext()))


def fixed(text: str, finding: Finding) -> str:
    out = text
    for edit in sorted(finding.edits, key=lambda e: -e.span.start):
        source = finding.block.edit(edit.span, edit.text)
        assert source is not None
        out = out[: source.start] + source.text + out[source.end :]
    return out


FAMILY = [r for i, r in house_rules().items() if i.startswith("house/typography/")]


def test_each_check_is_its_own_rule_with_examples() -> None:
    assert len(FAMILY) == len(CHECKS)
    for rule in FAMILY:
        kinds = {e.kind for e in rule.info.examples}
        assert {ExampleKind.BAD, ExampleKind.GOOD} <= kinds, rule.info.id
        assert rule.info.category.value == "typography"
        assert rule.info.summary and not rule.info.summary.startswith("Flag "), rule.info.id


@pytest.mark.parametrize(
    "example",
    [e for rule in FAMILY for e in rule.info.examples],
    ids=lambda e: e.marked[:40],
)
def test_examples(example: Any) -> None:
    findings = run(example.text)
    if example.kind is ExampleKind.GOOD:
        assert findings == []
        return
    assert [f.block.source_span(f.span) for f in findings] == list(example.spans)
    result = fixed(example.text, findings[0])
    assert result == example.fixed
    assert run(result) == []


def test_curly_pair_among_straight_quotes_fixes_both_marks() -> None:
    text = 'He said "yes" and "no". She said “maybe” twice.'
    (finding,) = run(text)
    assert finding.matched == "“maybe”"
    assert finding.applicability is Applicability.SAFE
    assert fixed(text, finding) == 'He said "yes" and "no". She said "maybe" twice.'
    assert "straight quotes twice" in (finding.message or "")


def test_straight_pair_among_curly_quotes_gets_the_right_facing() -> None:
    text = 'He said “yes” and “no”. She said "maybe" twice.'
    (finding,) = run(text)
    assert fixed(text, finding) == "He said “yes” and “no”. She said “maybe” twice."


def test_a_tie_is_fixed_towards_the_first_style_but_unsafely() -> None:
    (finding,) = run('He said "yes". She said “no”.')
    assert finding.matched == "“no”"
    assert finding.applicability is Applicability.UNSAFE


def test_straight_apostrophe_among_curly_ones() -> None:
    text = "There’s a plan, Biden’s aides say. She has a bachelor's degree."
    (finding,) = run(text)
    assert finding.matched == "bachelor's"
    assert fixed(text, finding).endswith("a bachelor’s degree.")
    assert finding.message == (
        "A straight apostrophe in “bachelor's”, but curly ones twice elsewhere in the article."
    )


def test_single_quotes_as_quotation_marks_are_not_apostrophes() -> None:
    assert run("Casinos 'face ban' in UK. It’s over, isn’t it?") == []


def test_unbalanced_curly_quotes() -> None:
    (opened,) = run("He said “yes and left.\n\nThen it rained.")
    assert opened.matched == "“" and not opened.edits
    (closed,) = run("He said yes” and left.")
    assert closed.matched == "”" and not closed.edits


def test_a_quotation_running_over_paragraphs_is_balanced() -> None:
    assert run("“We will go on,” he said. “It is long.\n\n“And it goes on.”") == []


def test_bullets_compare_within_one_depth() -> None:
    text = "• One.\n  ◦ One point one.\n• Two.\n\n● Three."
    (finding,) = run(text)
    assert finding.matched == "●"
    assert finding.applicability is Applicability.SAFE
    assert fixed(text, finding).endswith("• Three.")


def test_hyphens_as_dashes_alone_are_fine() -> None:
    assert run("Prices rose - sharply - and fell - slowly.") == []


def test_hyphen_beside_more_hyphens_than_dashes_is_unsafe() -> None:
    findings = run("Prices rose - sharply - and fell — slowly.")
    assert [f.applicability for f in findings] == [Applicability.UNSAFE] * 2
    assert fixed("Prices rose - sharply - and fell — slowly.", findings[0]).startswith(
        "Prices rose — sharply"
    )


def test_ellipsis_tie_is_unsafe() -> None:
    (finding,) = run("Wait... then… no.")
    assert finding.matched == "…"
    assert finding.applicability is Applicability.UNSAFE


def test_fixture_article() -> None:
    text = (FIXTURES / "mixed.txt").read_text(encoding="utf-8")
    got = [(f.matched, f.applicability) for f in run(text)]
    assert got == [
        ("•", Applicability.SAFE),
        ("•", Applicability.SAFE),
        ("bachelor's", Applicability.SAFE),
    ]
