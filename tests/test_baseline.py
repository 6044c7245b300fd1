"""Baseline mode with real lint output: known findings stay known, new ones are reported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from copylint.baseline import (
    SCHEMA_VERSION,
    BaselineError,
    load_baseline,
    write_baseline,
)
from copylint.config import Config, Selection
from copylint.pipeline import FileResult, Linter, check_path

ARTICLE = """\
# A week in Geneva

We walked along the lake in the the morning and watched the boats.

The museum opened at nine.Then we had lunch near the old town.
"""


@pytest.fixture(scope="module")
def linter() -> Iterator[Linter]:
    lint = Linter(Config(selection=Selection(("house",), ())))
    yield lint
    lint.close()


def check(linter: Linter, path: Path) -> FileResult:
    result = check_path(linter, str(path))
    assert result.error is None
    return result


def rules(result: FileResult) -> list[tuple[str, str]]:
    return [(d.rule, result.source[d.span.start : d.span.end]) for d in result.diagnostics]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "articles" / "geneva.md"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def write_and_load(linter: Linter, article: Path) -> Path:
    first = check(linter, article)
    assert rules(first) == [
        ("house/duplicated-word", "the"),
        ("house/missing-space", "nine.Then"),
    ]
    baseline = article.parent.parent / "copylint-baseline.json"
    assert write_baseline(baseline, [first]) == 2
    return baseline


def test_unchanged_file_has_nothing_new(linter: Linter, article: Path) -> None:
    baseline = load_baseline(write_and_load(linter, article))
    assert len(baseline) == 2
    assert baseline.filter(check(linter, article)).diagnostics == []


def test_paragraph_added_above_keeps_findings_known(linter: Linter, article: Path) -> None:
    baseline = load_baseline(write_and_load(linter, article))
    article.write_text(
        ARTICLE.replace(
            "# A week in Geneva\n",
            "# A week in Geneva\n\nA new opening paragraph, added long after the baseline.\n",
        ),
        encoding="utf-8",
    )
    result = check(linter, article)
    assert len(result.diagnostics) == 2
    assert baseline.filter(result).diagnostics == []


def test_rewrapped_paragraph_keeps_findings_known(linter: Linter, article: Path) -> None:
    baseline = load_baseline(write_and_load(linter, article))
    article.write_text(
        ARTICLE.replace("in the the morning and", "in the the\nmorning and"), encoding="utf-8"
    )
    assert baseline.filter(check(linter, article)).diagnostics == []


def test_new_error_in_same_file_is_reported(linter: Linter, article: Path) -> None:
    baseline = load_baseline(write_and_load(linter, article))
    article.write_text(ARTICLE + "\nWe took a a boat back.\n", encoding="utf-8")
    new = baseline.filter(check(linter, article))
    assert rules(new) == [("house/duplicated-word", "a")]
    assert new.source[new.diagnostics[0].span.start - 7 :].startswith("took a a boat")


def test_editing_the_flagged_words_makes_it_new(linter: Linter, article: Path) -> None:
    baseline = load_baseline(write_and_load(linter, article))
    article.write_text(ARTICLE.replace("nine.Then", "ten.Then"), encoding="utf-8")
    assert rules(baseline.filter(check(linter, article))) == [("house/missing-space", "ten.Then")]


def test_counts_identical_findings(linter: Linter, tmp_path: Path) -> None:
    line = "It was the the best.\n\n"
    path = tmp_path / "a.md"
    path.write_text(line * 2, encoding="utf-8")
    baseline_file = tmp_path / "baseline.json"
    assert write_baseline(baseline_file, [check(linter, path)]) == 2
    entries = json.loads(baseline_file.read_text(encoding="utf-8"))["findings"]
    assert [e["count"] for e in entries] == [2]

    path.write_text(line * 3, encoding="utf-8")
    result = check(linter, path)
    new = load_baseline(baseline_file).filter(result)
    assert len(result.diagnostics) == 3
    assert len(new.diagnostics) == 1
    assert new.diagnostics[0] == result.diagnostics[2]


def test_other_file_with_same_text_is_new(linter: Linter, article: Path) -> None:
    baseline = load_baseline(write_and_load(linter, article))
    other = article.with_name("lausanne.md")
    other.write_text(ARTICLE, encoding="utf-8")
    assert len(baseline.filter(check(linter, other)).diagnostics) == 2


def test_paths_are_relative_to_the_baseline_file(
    linter: Linter, article: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline_file = write_and_load(linter, article)
    data = json.loads(baseline_file.read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {"articles/geneva.md"}
    monkeypatch.chdir(article.parent)  # run from elsewhere, naming the file differently
    result = check(linter, Path("geneva.md"))
    assert load_baseline(baseline_file).filter(result).diagnostics == []


def test_file_is_sorted_stable_and_one_finding_per_line(linter: Linter, article: Path) -> None:
    baseline_file = write_and_load(linter, article)
    text = baseline_file.read_text(encoding="utf-8")
    write_baseline(baseline_file, [check(linter, article)])
    assert baseline_file.read_text(encoding="utf-8") == text
    data = json.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["kind"] == "copylint-baseline"
    assert data["findings"] == sorted(
        data["findings"], key=lambda e: (e["path"], e["rule"], e["text"], e["before"], e["after"])
    )
    finding_lines = [line for line in text.splitlines() if '"rule"' in line]
    assert len(finding_lines) == 2
    assert "line" not in data["findings"][0]
    assert data["findings"][0]["before"] == "ong the lake in the "
    assert data["findings"][0]["after"] == " morning and watched"


def test_error_results_pass_through(tmp_path: Path) -> None:
    baseline_file = tmp_path / "b.json"
    write_baseline(baseline_file, [FileResult("x.md", error="binary file")])
    result = FileResult("x.md", error="binary file")
    assert load_baseline(baseline_file).filter(result) is result


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "invalid JSON"),
        ('{"findings": []}', 'no "kind"'),
        ('{"schema_version": 99, "kind": "copylint-baseline", "findings": []}', "99"),
        ('{"schema_version": 1, "kind": "copylint-baseline", "findings": [{"path": 1}]}', "1"),
        ('{"schema_version": 1, "kind": "copylint-baseline", "findings": {}}', "list"),
    ],
)
def test_bad_file_is_a_one_line_error_naming_it(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "baseline.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as info:
        load_baseline(bad)
    text = str(info.value)
    assert text.startswith(f"{bad}: ")
    assert message in text
    assert "\n" not in text


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match=r"no such baseline file"):
        load_baseline(tmp_path / "nope.json")


def test_paragraph_added_directly_above_a_finding_that_opens_its_paragraph(
    linter: Linter, tmp_path: Path
) -> None:
    path = tmp_path / "a.md"
    path.write_text("First paragraph.\n\nThe the boats left early.\n", encoding="utf-8")
    baseline_file = tmp_path / "baseline.json"
    assert write_baseline(baseline_file, [check(linter, path)]) == 1
    path.write_text(
        "First paragraph.\n\nAn inserted paragraph.\n\nThe the boats left early.\n",
        encoding="utf-8",
    )
    result = check(linter, path)
    assert len(result.diagnostics) == 1
    assert load_baseline(baseline_file).filter(result).diagnostics == []


def test_a_baseline_recorded_before_a_rule_was_split_still_hides_its_findings(
    linter: Linter, tmp_path: Path
) -> None:
    """Entries written as `house/typography` keep hiding what is now
    `house/typography/bullets`; a sibling check's finding is still new."""
    path = tmp_path / "list.md"
    path.write_text("● One.\n\n● Two.\n\n• Three.\n", encoding="utf-8")
    result = check(linter, path)
    assert [r for r, _ in rules(result)] == ["house/typography/bullets"]
    baseline = tmp_path / "copylint-baseline.json"
    write_baseline(baseline, [result])
    data = json.loads(baseline.read_text(encoding="utf-8"))
    for entry in data["findings"]:
        entry["rule"] = "house/typography"  # as a 0.1 baseline recorded it
    baseline.write_text(json.dumps(data), encoding="utf-8")
    assert load_baseline(baseline).filter(result).diagnostics == []
    for entry in data["findings"]:
        entry["rule"] = "house/typography/quotes"  # another check: no match
    baseline.write_text(json.dumps(data), encoding="utf-8")
    assert len(load_baseline(baseline).filter(result).diagnostics) == 1
