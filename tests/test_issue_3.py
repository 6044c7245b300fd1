"""Regression for issue 3, item 5: the house rules find and fix the errors of the client's
sample article, here in an article written for the tests with the same kinds of error."""

from __future__ import annotations

from pathlib import Path

from copylint.config import Config, Selection
from copylint.pipeline import Linter

ARTICLE = Path(__file__).parent / "fixtures" / "articles" / "issue_3_lakeside.txt"


def linter() -> Linter:
    return Linter(Config(selection=Selection(("house",), ())))


def test_reports_every_seeded_error() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    diagnostics = linter().lint(ARTICLE.name, text)
    found = {(d.rule, text[d.span.start : d.span.end]) for d in diagnostics}
    assert ("house/duplicated-word", "Villa") in found
    assert ("house/missing-space", "criticizingKremlin") in found
    assert ("house/consistency/abbreviations", "US") in found
    assert any(
        rule == "house/typography/apostrophes" and "bachelor" in flagged for rule, flagged in found
    )
    assert ("house/consistency/compounds", "cyber-attacks") in found or (
        "house/consistency/compounds",
        "Cyberattacks",
    ) in found
    assert sum(1 for r, flagged in found if r == "house/typography/bullets" and flagged == "•") >= 1
    assert sum(1 for d in diagnostics if d.rule == "house/whitespace") == 2


def test_fix_gives_the_edited_article_and_loses_nothing() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    fixed = linter().fix(ARTICLE.name, text).text
    assert "Villa La Grange." in fixed
    assert "criticizing Kremlin" in fixed
    assert "U.S. President Joe Biden met" in fixed
    assert "bachelor’s degree" in fixed
    assert not any(line != line.rstrip() for line in fixed.splitlines() if line.strip())
    # Nothing else lost: the words are the same but for the fixes.
    assert fixed.split().count("U.S.") == text.split().count("U.S.") + 1
    # One word less ("Villa"), one more ("criticizing Kremlin").
    assert len(fixed.split()) == len(text.split())
    assert "Grange Villa" not in fixed
