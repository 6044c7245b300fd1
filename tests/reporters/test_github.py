"""Tests for the GitHub Actions reporter: the command format and @actions/core's escaping rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copylint.diagnostics import Applicability, Category, Diagnostic, Edit, Fix, Severity, Span
from copylint.pipeline import FileResult
from copylint.reporters.github import command, escape_data, escape_property, render

SOURCE = "First line.\nParis in the the spring.\n"
THE = Span(25, 28)  # the second “the”


def dup(
    severity: Severity = Severity.WARNING,
    message: str = "“the” repeats the word before it.",
    fix: Fix | None = None,
    span: Span = THE,
    suggestions: tuple[str, ...] = (),
) -> Diagnostic:
    return Diagnostic(
        "house/duplicated-word",
        message,
        span,
        severity,
        Category.DUPLICATION,
        fix,
        suggestions=suggestions,
    )


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Read a workflow command back the way the runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    head, data = line[2:end], line[end + 2 :]
    name, _, props_text = head.partition(" ")
    props = {}
    if props_text:
        for pair in props_text.split(","):
            key, _, value = pair.partition("=")
            props[key] = (
                value.replace("%0D", "\r")
                .replace("%0A", "\n")
                .replace("%3A", ":")
                .replace("%2C", ",")
                .replace("%25", "%")
            )
    message = data.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    return name, props, message


# --- escaping, character by character -----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("%", "%25", "%25"),
        ("\r", "%0D", "%0D"),
        ("\n", "%0A", "%0A"),
        (":", ":", "%3A"),
        (",", ",", "%2C"),
        ("\r\n", "%0D%0A", "%0D%0A"),
        ("%0A", "%250A", "%250A"),  # a literal escape sequence is not mistaken for one
        ("%3A", "%253A", "%253A"),
        ("100%,\n", "100%25,%0A", "100%25%2C%0A"),
        ("a::b", "a::b", "a%3A%3Ab"),
        ("x=1;y]", "x=1;y]", "x=1;y]"),  # '=', ';' and ']' need no escaping in :: commands
        ("café 🎉 “quotes”\t", "café 🎉 “quotes”\t", "café 🎉 “quotes”\t"),
        ("", "", ""),
    ],
)
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_percent_is_escaped_first() -> None:
    # Escaping LF first and % second would give %250A for a newline.
    assert escape_data("\n") == "%0A"
    assert escape_property(":") == "%3A"


def test_escaped_text_has_no_raw_specials() -> None:
    text = "50% off: red, green\r\nand blue"
    assert not set(escape_data(text)) & {"\r", "\n"}
    assert not set(escape_property(text)) & {"\r", "\n", ":", ","}


@given(st.text(), st.text(), st.text())
def test_commands_round_trip_through_the_runner_parser(path: str, title: str, msg: str) -> None:
    line = command("warning", [("file", path), ("line", 3), ("title", title)], msg)
    assert "\n" not in line and "\r" not in line
    name, props, message = parse(line)
    assert name == "warning"
    assert props == {"file": path, "line": "3", "title": title}
    assert message == msg


# --- annotations --------------------------------------------------------------------------------


def test_single_line_annotation_has_every_property() -> None:
    out = render([FileResult("articles/a.md", [dup()], source=SOURCE)])
    assert out == (
        "::warning file=articles/a.md,line=2,col=14,endLine=2,endColumn=17,"
        "title=house/duplicated-word::“the” repeats the word before it.\n"
    )


@pytest.mark.parametrize(
    ("severity", "name"),
    [(Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")],
)
def test_severity_picks_the_command(severity: Severity, name: str) -> None:
    out = render([FileResult("a.md", [dup(severity)], source=SOURCE)])
    assert out.startswith(f"::{name} file=a.md,")


def test_multi_line_range_drops_columns() -> None:
    out = render([FileResult("a.md", [dup(span=Span(6, 17))], source=SOURCE)])
    _, props, _ = parse(out.rstrip("\n"))
    assert props == {"file": "a.md", "line": "1", "endLine": "2", "title": "house/duplicated-word"}


def test_columns_count_code_points() -> None:
    src = "We 🎉 saw the the end.\n"
    start = src.index("the the") + 4
    out = render([FileResult("a.md", [dup(span=Span(start, start + 3))], source=src)])
    _, props, _ = parse(out.rstrip("\n"))
    assert props["col"] == str(len("We 🎉 saw the ") + 1)
    assert props["endColumn"] == str(len("We 🎉 saw the the") + 1)


def test_message_and_path_specials_are_escaped() -> None:
    d = dup(message="50% of it: “a, b”\nsecond line")
    out = render([FileResult("dir,x/a:b.md", [d], source=SOURCE)])
    assert out.count("\n") == 1
    assert "file=dir%2Cx/a%3Ab.md," in out
    assert out.rstrip("\n").endswith("::50%25 of it: “a, b”%0Asecond line")
    _, props, message = parse(out.rstrip("\n"))
    assert props["file"] == "dir,x/a:b.md"
    assert message == "50% of it: “a, b”\nsecond line"


def test_fix_and_suggestions_follow_the_message() -> None:
    safe = Fix("Remove the second “the”", (Edit(24, 28, ""),), Applicability.SAFE)
    shown = Fix("Replace with “a”", (Edit(25, 28, "a"),), Applicability.DISPLAY_ONLY)
    out = render(
        [
            FileResult(
                "a.md",
                [dup(fix=safe), dup(fix=shown, suggestions=("a", "an")), dup(fix=shown)],
                source=SOURCE,
            )
        ]
    ).splitlines()
    assert parse(out[0])[2].endswith("\nFix (safe): Remove the second “the”")
    assert parse(out[1])[2].endswith("\nSuggestions: “a”, “an”")
    assert parse(out[2])[2].endswith("\nSuggestion: Replace with “a”")


def test_file_error_is_an_error_on_the_file() -> None:
    out = render([FileResult("bad,1.md", error="invalid UTF-8 at byte offset 3: 0xff")])
    assert out == "::error file=bad%2C1.md::invalid UTF-8 at byte offset 3: 0xff\n"


def test_no_results_print_nothing() -> None:
    assert render([]) == ""
    assert render([FileResult("a.md", [], source=SOURCE)]) == ""
