"""Tests for the SARIF reporter: validity against the OASIS schema, regions, rules and fixes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from copylint import __version__
from copylint.catalog import all_rules
from copylint.config import Config, with_overrides
from copylint.diagnostics import Applicability, Category, Diagnostic, Edit, Fix, Severity, Span
from copylint.engines.base import RuleInfo
from copylint.pipeline import FileResult, Linter, check_source
from copylint.reporters.sarif import artifact_location, render
from copylint.sources import decode

SCHEMA_PATH = Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json"

SOURCE = "First line.\nParis in the the spring.\nHe left office.So it goes.\nUse utilize here.\n"
EMOJI = "# Notes\n\nWe 🎉 went to café the the day.\n"


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def assert_valid(validator: Draft4Validator, log: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def diag(
    rule: str,
    span: tuple[int, int],
    edit: tuple[int, int, str] | None,
    severity: Severity = Severity.WARNING,
    category: Category = Category.DUPLICATION,
    applicability: Applicability = Applicability.SAFE,
) -> Diagnostic:
    fix = None
    if edit is not None:
        fix = Fix(f"fix for {rule}", (Edit(*edit),), applicability)
    return Diagnostic(rule, f"message of {rule}", Span(*span), severity, category, fix)


def at(text: str, needle: str, plus: int = 0) -> int:
    return text.index(needle) + plus


DELETE = diag(
    "house/duplicated-word", (at(SOURCE, "the the", 4), at(SOURCE, "the the", 7)),
    (at(SOURCE, "the the", 3), at(SOURCE, "the the", 7), ""),
)  # fmt: skip
INSERT = diag(
    "house/missing-space", (at(SOURCE, "office.So"), at(SOURCE, "office.So", 9)),
    (at(SOURCE, ".So", 1), at(SOURCE, ".So", 1), " "), category=Category.SPACING,
)  # fmt: skip
REPLACE = diag(
    "house/utilize", (at(SOURCE, "utilize"), at(SOURCE, "utilize", 7)),
    (at(SOURCE, "utilize"), at(SOURCE, "utilize", 7), "use"),
    severity=Severity.ERROR, category=Category.STYLE, applicability=Applicability.UNSAFE,
)  # fmt: skip
NO_FIX = diag(
    "languagetool/SOME_RULE", (0, 5), None, severity=Severity.INFO, category=Category.GRAMMAR
)

RULES = [
    RuleInfo(
        "house/duplicated-word",
        Category.DUPLICATION,
        Severity.WARNING,
        Applicability.SAFE,
        "A word typed twice in a row.",
        doc="Flags a word typed twice.\n\nFix safety: safe unless it looks like a name.",
    ),
    RuleInfo(
        "house/missing-space",
        Category.SPACING,
        Severity.WARNING,
        Applicability.SAFE,
        "A sentence with no space after its full stop.",
    ),
    RuleInfo(
        "house/utilize", Category.STYLE, Severity.WARNING, Applicability.UNSAFE, "Prefer “use”."
    ),
    RuleInfo("house/never-used", Category.STYLE, Severity.WARNING, None, "Not in the results."),
]


def run_of(results: list[FileResult], rules: list[RuleInfo] = RULES) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render(results, rules))
    assert len(log["runs"]) == 1
    run: dict[str, Any] = log["runs"][0]
    return run


def apply_replacements(text: str, result: dict[str, Any]) -> str:
    """Apply a result's first fix using only the SARIF char offsets (right to left)."""
    replacements = [
        r for change in result["fixes"][0]["artifactChanges"] for r in change["replacements"]
    ]
    for r in sorted(replacements, key=lambda r: -r["deletedRegion"]["charOffset"]):
        region = r["deletedRegion"]
        start = region["charOffset"]
        text = text[:start] + r["insertedContent"]["text"] + text[start + region["charLength"] :]
    return text


def offset_of(text: str, line: int, column: int) -> int:
    """Code-point offset of a 1-based line and column, computed independently of LineIndex."""
    lines = text.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def check_region(text: str, region: dict[str, int]) -> None:
    start = offset_of(text, region["startLine"], region["startColumn"])
    end = offset_of(text, region["endLine"], region["endColumn"])
    assert start == region["charOffset"]
    assert end - start == region["charLength"]


# --- validity -----------------------------------------------------------------------------------


def test_full_log_is_valid_sarif(validator: Draft4Validator) -> None:
    results = [
        FileResult("articles/a.md", [DELETE, INSERT, REPLACE, NO_FIX], source=SOURCE),
        FileResult("articles/broken.md", error="invalid UTF-8 at byte offset 3"),
        FileResult("clean.md", [], source="Nothing to see.\n"),
    ]
    log = json.loads(render(results, RULES, engine_errors=["languagetool: no Java"]))
    assert_valid(validator, log)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-schema-2.1.0.json")


def test_no_results_is_valid_and_successful(validator: Draft4Validator) -> None:
    log = json.loads(render([], RULES))
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_the_validator_rejects_a_broken_log(validator: Draft4Validator) -> None:
    log = json.loads(render([FileResult("a.md", [DELETE], source=SOURCE)], RULES))
    log["runs"][0]["columnKind"] = "bytes"
    del log["runs"][0]["results"][0]["message"]
    assert len(list(validator.iter_errors(log))) == 2


def test_real_pipeline_output_is_valid(validator: Draft4Validator) -> None:
    linter = Linter(with_overrides(Config(), select=["house"]))
    try:
        result = check_source(linter, decode("notes.md", EMOJI.encode()))
    finally:
        linter.close()
    assert result.diagnostics, "the house rules should flag “the the”"
    log = json.loads(render([result], [r for r in all_rules(Config()) if r.engine == "house"]))
    assert_valid(validator, log)
    found = log["runs"][0]["results"]
    dup = next(r for r in found if r["ruleId"] == "house/duplicated-word")
    region = dup["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 3
    # "We 🎉 went to café the " is 22 code points (23 UTF-16 units): column 23, not 24.
    assert region["startColumn"] == len("We 🎉 went to café the ") + 1 == 23
    check_region(EMOJI, region)
    assert apply_replacements(EMOJI, dup) == EMOJI.replace("the the", "the")


# --- tool, rules, results -----------------------------------------------------------------------


def test_driver_lists_only_the_rules_with_results() -> None:
    run = run_of([FileResult("a.md", [REPLACE, DELETE, INSERT, DELETE], source=SOURCE)])
    driver = run["tool"]["driver"]
    assert driver["name"] == "copylint"
    assert driver["version"] == __version__
    assert driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["house/duplicated-word", "house/missing-space", "house/utilize"]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_rule_descriptor_fields() -> None:
    run = run_of([FileResult("a.md", [DELETE, REPLACE], source=SOURCE)])
    dup, utilize = run["tool"]["driver"]["rules"]
    assert dup["name"] == "duplicated-word"
    assert dup["shortDescription"] == {"text": "A word typed twice in a row."}
    assert dup["fullDescription"]["text"].startswith("Flags a word typed twice.")
    assert "house/duplicated-word" in dup["help"]["text"]
    assert dup["defaultConfiguration"] == {"level": "warning"}
    assert dup["properties"]["category"] == "duplication"
    assert dup["properties"]["fixApplicability"] == "safe"
    # default level comes from the rule; the result's level from the diagnostic (overridable)
    assert utilize["defaultConfiguration"] == {"level": "warning"}
    assert utilize["properties"]["fixApplicability"] == "unsafe"
    assert [r["level"] for r in run["results"]] == ["warning", "error"]


def test_rule_missing_from_the_catalog_is_described_from_its_diagnostic() -> None:
    run = run_of([FileResult("a.md", [NO_FIX], source=SOURCE)])
    (rule,) = run["tool"]["driver"]["rules"]
    assert rule["id"] == "languagetool/SOME_RULE"
    assert rule["name"] == "SOME_RULE"
    assert rule["defaultConfiguration"] == {"level": "note"}
    assert rule["properties"]["category"] == "grammar"
    assert rule["properties"]["fixApplicability"] == "none"
    assert run["results"][0]["level"] == "note"
    assert "fixes" not in run["results"][0]


def test_result_location_and_column_kind() -> None:
    run = run_of([FileResult("articles/a.md", [DELETE], source=SOURCE)])
    assert run["columnKind"] == "unicodeCodePoints"
    (result,) = run["results"]
    assert result["message"] == {"text": "message of house/duplicated-word"}
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "articles/a.md", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {
        "startLine": 2,
        "startColumn": 14,
        "endLine": 2,
        "endColumn": 17,
        "charOffset": DELETE.span.start,
        "charLength": 3,
    }


@pytest.mark.parametrize(
    ("diagnostic", "expected"),
    [
        (DELETE, SOURCE.replace("the the", "the")),
        (INSERT, SOURCE.replace("office.So", "office. So")),
        (REPLACE, SOURCE.replace("utilize", "use")),
    ],
    ids=["delete", "insert", "replace"],
)
def test_fixes_as_artifact_changes(diagnostic: Diagnostic, expected: str) -> None:
    run = run_of([FileResult("articles/a.md", [diagnostic], source=SOURCE)])
    (result,) = run["results"]
    (fix,) = result["fixes"]
    assert fix["description"] == {"text": f"fix for {diagnostic.rule}"}
    assert fix["properties"]["applicability"] == diagnostic.fix.applicability.label  # type: ignore[union-attr]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "articles/a.md", "uriBaseId": "%SRCROOT%"}
    (replacement,) = change["replacements"]
    check_region(SOURCE, replacement["deletedRegion"])
    assert apply_replacements(SOURCE, result) == expected


def test_insertion_is_an_empty_region() -> None:
    run = run_of([FileResult("a.md", [INSERT], source=SOURCE)])
    region = run["results"][0]["fixes"][0]["artifactChanges"][0]["replacements"][0]["deletedRegion"]
    assert region["charLength"] == 0
    assert (region["startLine"], region["startColumn"]) == (region["endLine"], region["endColumn"])
    assert region["startColumn"] == len("He left office.") + 1


def test_multi_edit_fix_keeps_every_replacement() -> None:
    fix = Fix("Swap", (Edit(0, 5, "Last"), Edit(12, 17, "Lyon")), Applicability.SAFE)
    d = Diagnostic("house/x", "m", Span(0, 17), Severity.WARNING, Category.STYLE, fix)
    run = run_of([FileResult("a.md", [d], source=SOURCE)])
    result = run["results"][0]
    assert len(result["fixes"][0]["artifactChanges"][0]["replacements"]) == 2
    assert apply_replacements(SOURCE, result).startswith("Last line.\nLyon in")


def test_related_suggestions_and_also_reported_by() -> None:
    lt = diag(
        "languagetool/ENGLISH_WORD_REPEAT_RULE", (DELETE.span.start - 4, DELETE.span.end), None
    )
    d = Diagnostic(
        DELETE.rule,
        DELETE.message,
        DELETE.span,
        DELETE.severity,
        DELETE.category,
        DELETE.fix,
        suggestions=("the",),
        also_reported_by=("proselint",),
        related=(lt,),
    )
    run = run_of([FileResult("a.md", [d], source=SOURCE)])
    result = run["results"][0]
    assert result["properties"]["suggestions"] == ["the"]
    assert result["properties"]["alsoReportedBy"] == ["proselint"]
    (related,) = result["relatedLocations"]
    assert related["message"]["text"].startswith("languagetool/ENGLISH_WORD_REPEAT_RULE: ")
    check_region(SOURCE, related["physicalLocation"]["region"])


# --- paths and invocations ----------------------------------------------------------------------


def test_paths_become_relative_uri_references() -> None:
    assert artifact_location("./articles/my file.md") == {
        "uri": "articles/my%20file.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert artifact_location("/srv/site/a.md") == {"uri": "file:///srv/site/a.md"}


def test_file_error_becomes_a_failed_invocation_notification() -> None:
    run = run_of(
        [
            FileResult("a.md", [DELETE], source=SOURCE),
            FileResult("bad.md", error="invalid UTF-8 at byte offset 3"),
        ]
    )
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "bad.md: invalid UTF-8 at byte offset 3"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.md"
    assert [r["ruleId"] for r in run["results"]] == ["house/duplicated-word"]


def test_engine_errors_fail_and_notices_do_not() -> None:
    ok = json.loads(render([], RULES, notices=["proselint: not installed"]))["runs"][0]
    assert ok["invocations"][0]["executionSuccessful"] is True
    assert ok["invocations"][0]["toolExecutionNotifications"][0]["level"] == "note"
    bad = json.loads(render([], RULES, engine_errors=["languagetool: no Java"]))["runs"][0]
    assert bad["invocations"][0]["executionSuccessful"] is False
