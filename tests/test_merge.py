"""Tests for merging what several engines saw into one diagnostic per problem."""

from __future__ import annotations

from copylint.diagnostics import Applicability, Category, Diagnostic, Edit, Fix, Severity, Span
from copylint.fixes import select_fixes
from copylint.merge import merge


def d(rule: str, start: int, end: int, text: str | None = None) -> Diagnostic:
    fix = None if text is None else Fix("t", (Edit(start, end, text),), Applicability.UNSAFE)
    return Diagnostic(rule, rule, Span(start, end), Severity.WARNING, Category.GRAMMAR, fix)


def test_same_span_and_replacement_become_one() -> None:
    out = merge(
        [d("proselint/x", 0, 4, "a"), d("languagetool/Y", 0, 4, "a"), d("house/z", 0, 4, "a")]
    )
    assert [x.rule for x in out] == ["house/z"]
    assert out[0].also_reported_by == ("languagetool/Y", "proselint/x")


def test_overlap_goes_under_the_higher_priority_engine() -> None:
    out = merge([d("languagetool/SPELL", 5, 12), d("house/missing-space", 5, 12, "a b")])
    assert [x.rule for x in out] == ["house/missing-space"]
    assert [r.rule for r in out[0].related] == ["languagetool/SPELL"]


def test_same_engine_findings_stay_apart_and_order_is_by_position() -> None:
    out = merge([d("house/b", 10, 12), d("house/a", 0, 3), d("house/c", 1, 4)])
    assert [x.rule for x in out] == ["house/a", "house/c", "house/b"]


def test_disjoint_findings_of_different_engines_both_stay() -> None:
    out = merge([d("proselint/x", 20, 24, "a"), d("house/z", 0, 4, "a")])
    assert [x.rule for x in out] == ["house/z", "proselint/x"]


def typed(
    rule: str, start: int, end: int, text: str, category: Category, safety: Applicability
) -> Diagnostic:
    fix = Fix("t", (Edit(start, end, text),), safety)
    return Diagnostic(rule, rule, Span(start, end), Severity.WARNING, category, fix)


WHO = "Who's house is this?"


def test_an_error_in_the_words_leads_over_typography_whatever_the_engine() -> None:
    grammar = typed("languagetool/WHO_S", 0, 5, "Whose", Category.GRAMMAR, Applicability.UNSAFE)
    curl = typed("house/typography", 3, 4, "’", Category.TYPOGRAPHY, Applicability.SAFE)
    (out,) = merge([curl, grammar], WHO)
    assert out.rule == "languagetool/WHO_S"
    assert [r.rule for r in out.related] == ["house/typography"]


def test_both_fixes_stay_available_to_fixing() -> None:
    grammar = typed("languagetool/WHO_S", 0, 5, "Whose", Category.GRAMMAR, Applicability.UNSAFE)
    curl = typed("house/typography", 3, 4, "’", Category.TYPOGRAPHY, Applicability.SAFE)
    merged = merge([curl, grammar], WHO)
    assert select_fixes(merged, Applicability.SAFE) == [curl.fix]  # the related one's
    assert select_fixes(merged, Applicability.UNSAFE) == [grammar.fix]  # the leader's first


ORG = "They organize events. We organise the meeting and we organise the dinner."


def _word(rule: str, at: int, old: str, new: str) -> Diagnostic:
    assert ORG[at : at + len(old)] == old
    return typed(rule, at, at + len(old), new, Category.CONSISTENCY, Applicability.UNSAFE)


def test_a_lower_engine_never_undoes_a_higher_engines_fix() -> None:
    house = _word("house/consistency", 5, "organize", "organise")
    lt_1 = _word("languagetool/EN_WORD_COHERENCY", 25, "organise", "organize")
    lt_2 = _word("languagetool/EN_WORD_COHERENCY", 53, "organise", "organize")
    agrees = _word("proselint/spelling.consistency", 5, "organize", "organise")
    out = merge([lt_1, house, lt_2, agrees], ORG)
    assert [x.rule for x in out] == ["house/consistency"]
    assert out[0].also_reported_by == ("proselint/spelling.consistency",)
    # Without the text nothing is dropped, and the same engine's own findings always stay.
    assert len(merge([lt_1, house, lt_2], None)) == 3
    own = _word("house/consistency", 25, "organise", "organize")
    assert len(merge([house, own], ORG)) == 2


def test_words_run_together_are_an_error_in_the_words_not_presentation() -> None:
    split = typed(
        "house/missing-space", 0, 18, "criticizing Kremlin", Category.SPACING, Applicability.SAFE
    )
    speller = typed(
        "languagetool/MORFOLOGIK_RULE_EN_US", 0, 18, "criticizing", Category.SPELLING,
        Applicability.UNSAFE,
    )  # fmt: skip
    (out,) = merge([speller, split], "criticizingKremlin")
    assert out.rule == "house/missing-space"
