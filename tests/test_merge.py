"""Tests for merging what several engines saw into one diagnostic per problem."""

from __future__ import annotations

from copylint.diagnostics import Applicability, Category, Diagnostic, Edit, Fix, Severity, Span
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
