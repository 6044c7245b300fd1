"""Tests for fix selection and application, including the fixed-point properties."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.config import Config, Selection
from copylint.diagnostics import Applicability, Category, Diagnostic, Edit, Fix, Severity, Span
from copylint.fixes import apply_edits, select_fixes
from copylint.pipeline import Linter


def diag(
    start: int, end: int, text: str, app: Applicability = Applicability.SAFE, rule: str = "house/x"
) -> Diagnostic:
    return Diagnostic(
        rule,
        "m",
        Span(start, end),
        Severity.WARNING,
        Category.STYLE,
        Fix("t", (Edit(start, end, text),), app),
    )


def test_overlapping_fixes_wait_for_the_next_round() -> None:
    chosen = select_fixes([diag(0, 5, "a"), diag(3, 8, "b"), diag(10, 12, "c")], Applicability.SAFE)
    assert [f.edits[0].start for f in chosen] == [0, 10]


def test_threshold_and_display_only() -> None:
    ds = [diag(0, 1, "a", Applicability.UNSAFE), diag(2, 3, "b", Applicability.DISPLAY_ONLY)]
    assert select_fixes(ds, Applicability.SAFE) == []
    assert [f.edits[0].start for f in select_fixes(ds, Applicability.UNSAFE)] == [0]


def test_identical_fix_from_two_engines_applies_once() -> None:
    ds = [diag(0, 3, "x", rule="house/a"), diag(0, 3, "x", rule="languagetool/B")]
    assert len(select_fixes(ds, Applicability.UNSAFE)) == 1


def test_fix_rejects_overlapping_edits() -> None:
    try:
        Fix("t", (Edit(0, 3, ""), Edit(2, 4, "")), Applicability.SAFE)
    except ValueError:
        return
    raise AssertionError("overlapping edits were accepted")


@given(
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 5), st.text("xy ", max_size=3)), max_size=12
    )
)
def test_selected_edits_are_disjoint_and_match_right_to_left_application(
    raw: list[tuple[int, int, str]],
) -> None:
    text = "abcdefghijklmnopqrstuvwxyz0123456789"
    ds = [diag(s, min(len(text), s + n), r) for s, n, r in raw]
    chosen = select_fixes(ds, Applicability.SAFE)
    edits = sorted(e for f in chosen for e in f.edits)
    for a, b in pairwise(edits):
        assert a.end < b.start or (a.end <= b.start and a.start != a.end)
    expected = text
    for e in reversed(edits):
        expected = expected[: e.start] + e.text + expected[e.end :]
    assert apply_edits(text, edits) == expected


_SNIPPETS = st.sampled_from(
    [
        "the the",
        "In in",
        "word",
        "criticizingKremlin",
        "office.So",
        "two  spaces",
        "end .",
        "**bold** text",
        "`code code`",
        "[a link](http://x.org)",
        "\n",
        "\n\n",
        " ",
        "Villa La Grange Villa",
        "trailing \n",
        "e.g. U.S.",
        "thepresident",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_SNIPPETS, max_size=12))
def test_fixing_twice_equals_fixing_once(parts: list[str]) -> None:
    """Property: fix(fix(x)) == fix(x), and nothing safe is left to fix."""
    text = " ".join(parts)
    linter = Linter(
        Config(
            selection=Selection(
                ("house/duplicated-word", "house/missing-space", "house/whitespace"), ()
            )
        )
    )
    once = linter.fix("a.md", text).text
    twice = linter.fix("a.md", once).text
    assert once == twice
    assert not select_fixes(linter.lint("a.md", once), Applicability.SAFE)


@settings(max_examples=60, deadline=None)
@given(st.lists(_SNIPPETS, max_size=12))
def test_fixes_never_touch_code_or_urls(parts: list[str]) -> None:
    text = " ".join(parts) + "\n\n```\nthe the  x .\n```\n"
    linter = Linter(Config(selection=Selection(("house",), ())))
    fixed = linter.fix("a.md", text).text
    assert fixed.endswith("```\nthe the  x .\n```\n")
    for part in ("`code code`", "(http://x.org)"):
        assert text.count(part) == fixed.count(part)


@pytest.mark.languagetool
def test_engines_that_disagree_on_a_spelling_still_settle_on_the_house_choice() -> None:
    """LanguageTool wanted the first spelling, the house rules the majority's: they undid each
    other for ten rounds. The house decision wins and the fix settles at once."""
    text = "They organize events. We organise the meeting and we organise the dinner.\n"
    linter = Linter(Config())
    try:
        outcome = linter.fix("a.md", text, Applicability.UNSAFE)
    finally:
        linter.close()
    assert outcome.converged
    assert outcome.text == text.replace("organize", "organise")
    assert outcome.applied == 1
