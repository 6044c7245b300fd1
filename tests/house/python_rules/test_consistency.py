"""Tests for house/consistency: one term written two ways in one article."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from copylint.diagnostics import Applicability
from copylint.document.model import Document
from copylint.document.plaintext import read_plaintext
from copylint.engines.base import EngineContext, Finding
from copylint.house.examples import ExampleKind
from copylint.house.python_rules import consistency as family
from copylint.house.python_rules.consistency import ConsistencyOptions
from copylint.house.registry import house_rules
from copylint.options import parse_options

CHECKS = (
    family.abbreviations,
    family.compounds,
    family.spelling_variant,
    family.capitals,
    family.names,
)


def consistency(doc: Document, ctx: EngineContext) -> list[Finding]:
    """Every consistency check, in reading order, as `--select house/consistency` runs them."""
    found = [f for check in CHECKS for f in check(doc, ctx)]
    return sorted(found, key=lambda f: (f.block.index, f.span.start))


FIXTURES = Path(__file__).parents[2] / "fixtures" / "consistency"


def run(text: str, language: str = "en", options: Mapping[str, Any] | None = None) -> list[Finding]:
    doc = read_plaintext("article.txt", text)
    parsed = parse_options(ConsistencyOptions, options or {}, "test", "rules.consistency")
    return list(consistency(doc, EngineContext(language=language, options=parsed)))


def fixed(text: str, finding: Finding) -> str:
    """The text with the finding's edits applied (plain text maps prose to source one to one)."""
    out = text
    for edit in sorted(finding.edits, key=lambda e: -e.span.start):
        source = finding.block.edit(edit.span, edit.text)
        assert source is not None
        out = out[: source.start] + source.text + out[source.end :]
    return out


FAMILY = [r for i, r in house_rules().items() if i.startswith("house/consistency/")]


def test_each_check_is_its_own_rule_with_examples() -> None:
    assert len(FAMILY) == len(CHECKS)
    for rule in FAMILY:
        kinds = {e.kind for e in rule.info.examples}
        assert {ExampleKind.BAD, ExampleKind.GOOD} <= kinds, rule.info.id
        assert rule.info.category.value == "consistency"
        assert rule.info.summary and not rule.info.summary.startswith("Flag "), rule.info.id
    assert rule.info.category.value == "consistency"


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
    expected = Applicability.parse(example.fix) if example.fix else Applicability.SAFE
    assert findings[0].applicability == expected


def test_us_among_dotted_us_is_fixed_and_pronoun_left_alone() -> None:
    text = "The U.S. team won. Let us see. U.S. fans cheered. The U.S. coach and US players left."
    (finding,) = run(text)
    assert finding.matched == "US"
    assert finding.message == "“US” here, but “U.S.” 3 times elsewhere in the article."
    assert finding.applicability is Applicability.SAFE
    assert fixed(text, finding).endswith("The U.S. coach and U.S. players left.")


def test_capitals_line_is_not_an_acronym() -> None:
    assert run("The U.S. team won. U.S. fans cheered.\n\nLET US GO HOME") == []


def test_dotted_form_at_sentence_end_keeps_its_full_stop() -> None:
    text = "US trade rose. US exports grew. They flew to the U.S.\n\nMore later."
    (finding,) = run(text)
    assert finding.matched == "U.S."
    assert (
        fixed(text, finding)
        == "US trade rose. US exports grew. They flew to the US.\n\nMore later."
    )


def test_undotted_form_at_sentence_end_absorbs_the_full_stop() -> None:
    text = "U.S. trade rose. U.S. exports grew. They flew to the US.\n\nMore later."
    (finding,) = run(text)
    assert fixed(text, finding).startswith(
        "U.S. trade rose. U.S. exports grew. They flew to the U.S.\n"
    )


def test_titles_with_and_without_a_dot() -> None:
    text = "Mr Smith met Mr Jones. Later Mr. Brown arrived."
    (finding,) = run(text)
    assert finding.matched == "Mr."
    assert fixed(text, finding) == "Mr Smith met Mr Jones. Later Mr Brown arrived."


def test_a_tie_is_flagged_towards_the_first_form_without_a_safe_fix() -> None:
    (finding,) = run("The UK voted. The U.K. abstained.")
    assert finding.matched == "U.K."
    assert finding.applicability is Applicability.UNSAFE
    assert "as often" in (finding.message or "")


def test_house_preference_wins_over_the_majority() -> None:
    text = "Send an e-mail. Two e-mails came. One email was lost."
    findings = run(text, options={"prefer": {"email": "email"}})
    assert [f.matched for f in findings] == ["e-mail", "e-mails"]
    assert fixed(text, findings[1]) == "Send an e-mail. Two emails came. One email was lost."


def test_compound_inflections_are_one_term() -> None:
    text = "Send an e-mail. Two e-mails came. She was emailing all day."
    (finding,) = run(text)
    assert finding.matched == "emailing"
    assert fixed(text, finding).endswith("She was e-mailing all day.")
    assert finding.applicability is Applicability.SAFE


def test_capitalised_compound_mid_sentence_is_a_name() -> None:
    assert run("Send an e-mail. Two e-mails came from the firm Email Systems.") == []


def test_re_compounds_are_unsafe() -> None:
    (finding,) = run("He will re-sign. They re-sign often. She may resign.")
    assert finding.matched == "resign"
    assert finding.applicability is Applicability.UNSAFE


def test_text_in_short_quotes_is_not_the_writers_usage() -> None:
    assert run('The U.S. team won. U.S. fans cheered. The film "US" opened.') == []


def test_dialect_minority_follows_the_majority() -> None:
    text = (
        "The organisation chose a colour. Its favourite programme was cancelled. The color faded."
    )
    (finding,) = run(text, language="en-GB")
    assert finding.matched == "color"
    assert finding.applicability is Applicability.SAFE
    assert fixed(text, finding).endswith("The colour faded.")
    # With en-US configured the fix goes against the language: still offered, but unsafe.
    (finding,) = run(text, language="en-US")
    assert finding.applicability is Applicability.UNSAFE


def test_dialect_tie_is_broken_by_the_language() -> None:
    text = "The colour faded. The program was organized."
    gb = run(text, language="en-GB")
    assert [f.matched for f in gb] == ["organized"]
    us = run(text, language="en-US")
    assert [f.matched for f in us] == ["colour"]
    assert us[0].applicability is Applicability.UNSAFE


def test_dialect_option_forces_a_spelling() -> None:
    text = "The colour faded. The favourite colour won. The color ran."
    findings = run(text, options={"spelling": "en-US"})
    assert [f.matched for f in findings] == ["colour", "favourite", "colour"]


def test_names_with_dialect_spellings_are_left_alone() -> None:
    text = "The centre opened. The theatre closed. He runs Windows Media Center at home."
    assert run(text) == []


def test_capitalised_word_mid_sentence_among_lower_case() -> None:
    text = (
        "The presidential race began. The presidential debate followed. "
        "Three presidential hopefuls spoke. The Presidential vote is in May."
    )
    (finding,) = run(text)
    assert finding.matched == "Presidential"
    assert fixed(text, finding).endswith("The presidential vote is in May.")
    assert finding.applicability is Applicability.UNSAFE


def test_sentence_start_and_headings_are_not_capitalisation_variants() -> None:
    text = (
        "Presidential Race Begins\n\n"
        "The presidential race began. The presidential debate followed. Three presidential "
        "hopefuls spoke. Presidential candidates rested."
    )
    assert run(text) == []


def test_name_spelled_two_ways_is_flagged_without_a_safe_fix() -> None:
    text = "Navalny returned. Police held Navalny. Navalni was jailed."
    (finding,) = run(text)
    assert finding.matched == "Navalni"
    assert finding.applicability is Applicability.UNSAFE
    assert fixed(text, finding).endswith("Navalny was jailed.")


def test_fixture_article() -> None:
    text = (FIXTURES / "mixed.txt").read_text(encoding="utf-8")
    findings = run(text)
    got = [(f.matched, f.applicability) for f in findings]
    assert got == [
        ("US", Applicability.SAFE),
        ("cyber-attacks", Applicability.UNSAFE),
        ("Kowalczik", Applicability.UNSAFE),
    ]


def test_a_dialect_tie_flags_both_spellings_with_suggestions_only() -> None:
    from copylint.config import Config, Selection
    from copylint.diagnostics import Applicability
    from copylint.pipeline import Linter

    text = "The colour of the flag was analyzed."
    found = Linter(Config(selection=Selection(("house/consistency",), ()))).lint("a.md", text)
    assert sorted(text[d.span.start : d.span.end] for d in found) == ["analyzed", "colour"]
    assert all(
        d.fix is not None and d.fix.applicability is Applicability.DISPLAY_ONLY for d in found
    )
    british = Linter(Config(selection=Selection(("house/consistency",), ()), language="en-GB"))
    (only,) = british.lint("a.md", text)
    assert text[only.span.start : only.span.end] == "analyzed"
