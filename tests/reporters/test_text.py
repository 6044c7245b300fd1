"""Tests for the text reporter: inline fixes, carets, colour and the summary line."""

from __future__ import annotations

import dataclasses

import pytest

from copylint.diagnostics import Applicability, Category, Diagnostic, Edit, Fix, Severity, Span
from copylint.document.source_map import LineIndex
from copylint.pipeline import FileResult
from copylint.reporters.text import Style, excerpt, render, render_diagnostic, summary, width

SOURCE = "First line.\nParis in the the spring.\n"


def dup(app: Applicability = Applicability.SAFE) -> Diagnostic:
    return Diagnostic(
        "house/duplicated-word",
        "“the” repeats the word before it.",
        Span(25, 28),
        Severity.WARNING,
        Category.DUPLICATION,
        Fix("Remove the second “the”", (Edit(24, 28, ""),), app),
    )


def test_plain_markers_and_caret_under_the_change() -> None:
    line, carets = excerpt(SOURCE, LineIndex(SOURCE), dup(), Style(colour=False))
    assert line.endswith("Paris in the[- the-] spring.")
    prefix = line.index("[-")
    assert carets.index("^") - carets.index("| ") == prefix - line.index("| ")
    assert carets.count("^") == len("[- the-]")


def test_colour_uses_ansi_and_no_markers() -> None:
    line, _ = excerpt(SOURCE, LineIndex(SOURCE), dup(), Style(colour=True))
    assert "\x1b[" in line
    assert "[-" not in line


def test_insertion_shows_a_visible_space() -> None:
    src = "He left office.So it goes.\n"
    d = Diagnostic(
        "house/missing-space",
        "m",
        Span(10, 17),
        Severity.WARNING,
        Category.SPACING,
        Fix("Insert a space", (Edit(15, 15, " "),), Applicability.SAFE),
    )
    line, _ = excerpt(src, LineIndex(src), d, Style(colour=False))
    assert "office.{+␣+}So" in line


def test_long_lines_are_windowed() -> None:
    src = ("word " * 60) + "the the " + ("word " * 60) + "\n"
    start = src.index("the the") + 4
    d = Diagnostic(
        "house/duplicated-word",
        "m",
        Span(start, start + 3),
        Severity.WARNING,
        Category.DUPLICATION,
        None,
    )
    line, _ = excerpt(src, LineIndex(src), d, Style(colour=False))
    assert line.count("…") == 2
    assert len(line) < 160


def test_report_and_summary() -> None:
    results = [
        FileResult("a.md", [dup(), dup(Applicability.UNSAFE)], source=SOURCE),
        FileResult("b.md", error="invalid UTF-8 at byte offset 3"),
    ]
    out = render(results, colour=False)
    assert "a.md:2:14: warning house/duplicated-word" in out
    assert "= fix: Remove the second “the”" in out
    assert "= unsafe fix: Remove the second “the”" in out
    assert out.rstrip().endswith(
        "Found 2 problems in 1 file (1 fixable with --fix, 1 more with --unsafe-fixes). "
        "1 file could not be checked."
    )
    assert summary([FileResult("a.md", source="")]) == "No problems found in 1 file."


def test_the_summary_never_counts_a_file_that_could_not_be_checked() -> None:
    missing = FileResult("missing.md", error="no such file or directory")
    assert summary([missing]) == "1 file could not be checked."
    clean = FileResult("a.md", source="Fine.\n")
    assert summary([clean, missing]) == (
        "No problems found in 1 file. 1 file could not be checked."
    )
    assert summary([]) == "No problems found in 0 files."


@pytest.mark.parametrize(
    "before",
    ["東京で ", "Paris 🎉 ", "Cafe\u0301 au lait ", "Col\tone ", "plain "],
    ids=["cjk", "emoji", "combining", "tab", "ascii"],
)
@pytest.mark.parametrize("with_fix", [False, True])
def test_the_caret_sits_under_the_span_in_display_columns(before: str, with_fix: bool) -> None:
    source = f"{before}the the end.\n"
    at = source.index("the ") + 3  # " the": the space and the second copy
    fix = Fix("Remove", (Edit(at, at + 4, ""),), Applicability.SAFE) if with_fix else None
    d = Diagnostic(
        "house/duplicated-word", "m", Span(at + 1, at + 4), Severity.WARNING,
        Category.DUPLICATION, fix,
    )  # fmt: skip
    line, carets = excerpt(source, LineIndex(source), d, Style(colour=False))
    shown = line.split(" | ", 1)[1]
    bar = carets.split("| ", 1)[1]
    lead = len(bar) - len(bar.lstrip(" "))
    marker = "[- the-]" if with_fix else "the end"
    target = shown.index(marker)
    assert lead == width(shown[:target])
    assert "\t" not in shown


def test_every_suggestion_is_shown_numbered() -> None:
    source = "He go to school.\n"
    fix = Fix("Replace “go” with “goes”", (Edit(3, 5, "goes"),), Applicability.DISPLAY_ONLY)
    d = Diagnostic(
        "languagetool/HE_VERB_AGR", "m", Span(3, 5), Severity.WARNING, Category.GRAMMAR, fix,
        suggestions=("goes", "went", "will go"),
    )  # fmt: skip
    out = render_diagnostic("a.md", source, LineIndex(source), d, Style(colour=False))
    assert "      = suggestion: Replace “go” with “goes”" in out
    assert "      = suggestions: 1. “goes”  2. “went”  3. “will go”" in out
    single = dataclasses.replace(d, suggestions=("goes",))
    lines = render_diagnostic("a.md", source, LineIndex(source), single, Style(colour=False))
    assert not any("suggestions:" in line for line in lines)  # the fix already says it
