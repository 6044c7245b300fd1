"""Tests for the GitLab Code Quality reporter: GitLab's documented fields and stable fingerprints."""

from __future__ import annotations

import json
from typing import Any

import pytest

from copylint.diagnostics import Category, Diagnostic, Severity, Span
from copylint.pipeline import FileResult
from copylint.reporters.gitlab import fingerprint, render

SOURCE = "Intro.\nParis in the the spring.\nAnd the the summer.\n"
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def second_the(text: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index("the the", start + 1)
    return Span(start + 4, start + 7)


def dup(span: Span, severity: Severity = Severity.WARNING) -> Diagnostic:
    return Diagnostic(
        "house/duplicated-word", "“the” repeats it.", span, severity, Category.DUPLICATION
    )


def report(results: list[FileResult]) -> list[dict[str, Any]]:
    out = render(results)
    assert not out.startswith("\ufeff")  # GitLab's parser refuses a byte order mark
    issues: list[dict[str, Any]] = json.loads(out)
    return issues


def assert_documented_fields(issue: dict[str, Any]) -> None:
    """The properties GitLab's "Implement a custom tool" table requires, with their types."""
    assert isinstance(issue["description"], str) and issue["description"]
    assert isinstance(issue["check_name"], str) and issue["check_name"]
    assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
    assert issue["severity"] in GITLAB_SEVERITIES
    location = issue["location"]
    assert isinstance(location["path"], str) and not location["path"].startswith(("/", "./"))
    begin = location.get("lines", {}).get("begin") or location["positions"]["begin"]["line"]
    assert isinstance(begin, int) and begin >= 1


def test_issue_has_the_documented_fields() -> None:
    (issue,) = report([FileResult("./articles/a.md", [dup(second_the(SOURCE))], source=SOURCE)])
    assert_documented_fields(issue)
    assert issue["description"] == "“the” repeats it."
    assert issue["check_name"] == "house/duplicated-word"
    assert issue["severity"] == "minor"
    assert issue["type"] == "issue"
    assert issue["location"] == {
        "path": "articles/a.md",
        "positions": {"begin": {"line": 2, "column": 14}, "end": {"line": 2, "column": 17}},
    }


@pytest.mark.parametrize(
    ("severity", "expected"),
    [(Severity.INFO, "info"), (Severity.WARNING, "minor"), (Severity.ERROR, "major")],
)
def test_severity_mapping(severity: Severity, expected: str) -> None:
    (issue,) = report([FileResult("a.md", [dup(second_the(SOURCE), severity)], source=SOURCE)])
    assert issue["severity"] == expected


def test_fingerprint_ignores_lines_added_elsewhere() -> None:
    before = report([FileResult("a.md", [dup(second_the(SOURCE))], source=SOURCE)])
    moved = "A new first paragraph.\n\n" + SOURCE
    after = report([FileResult("a.md", [dup(second_the(moved))], source=moved)])
    assert before[0]["location"] != after[0]["location"]
    assert before[0]["fingerprint"] == after[0]["fingerprint"]


def test_fingerprints_are_unique_per_occurrence_and_stable_in_order() -> None:
    one, two = second_the(SOURCE, 0), second_the(SOURCE, 1)
    issues = report([FileResult("a.md", [dup(one), dup(two)], source=SOURCE)])
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]
    # The output keeps the diagnostics' order; occurrences still count in source order.
    reversed_ = report([FileResult("a.md", [dup(two), dup(one)], source=SOURCE)])
    assert [i["fingerprint"] for i in reversed_] == [i["fingerprint"] for i in issues][::-1]


def test_fingerprint_depends_on_rule_path_and_text() -> None:
    base = fingerprint("house/duplicated-word", "a.md", "the", 0)
    assert len(base) == 64 and int(base, 16) >= 0  # sha256 hex
    assert base == fingerprint("house/duplicated-word", "./a.md", "the", 0)
    others = {
        fingerprint("house/other", "a.md", "the", 0),
        fingerprint("house/duplicated-word", "b.md", "the", 0),
        fingerprint("house/duplicated-word", "a.md", "The", 0),
        fingerprint("house/duplicated-word", "a.md", "the", 1),
    }
    assert base not in others and len(others) == 4


def test_new_finding_in_the_same_file_gets_a_new_fingerprint() -> None:
    old = report([FileResult("a.md", [dup(second_the(SOURCE))], source=SOURCE)])
    edited = SOURCE + "A a new typo.\n"
    start = edited.index("A a")
    new = Diagnostic(
        "house/duplicated-word", "m", Span(start + 2, start + 3), Severity.WARNING,
        Category.DUPLICATION,
    )  # fmt: skip
    both = report([FileResult("a.md", [dup(second_the(edited)), new], source=edited)])
    assert both[0]["fingerprint"] == old[0]["fingerprint"]
    assert both[1]["fingerprint"] not in {old[0]["fingerprint"]}


def test_non_ascii_positions_are_code_points() -> None:
    src = "Café 🎉 the the end.\n"
    (issue,) = report([FileResult("a.md", [dup(second_the(src))], source=src)])
    assert issue["location"]["positions"]["begin"] == {"line": 1, "column": len("Café 🎉 the ") + 1}


def test_file_error_is_reported_as_an_issue() -> None:
    (issue,) = report([FileResult("bad.md", error="invalid UTF-8 at byte offset 3")])
    assert_documented_fields(issue)
    assert issue["check_name"] == "copylint/input-error"
    assert issue["severity"] == "critical"
    assert issue["location"] == {"path": "bad.md", "lines": {"begin": 1}}


def test_no_results_is_an_empty_array() -> None:
    assert render([]) == "[]\n"
    assert report([FileResult("a.md", [], source=SOURCE)]) == []
