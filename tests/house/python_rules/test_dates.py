"""Tests for house/dates and house/dates-format: weekdays, impossible dates, formats, the year."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copylint.diagnostics import Applicability, Severity
from copylint.document.model import Document
from copylint.document.plaintext import read_plaintext
from copylint.engines.base import EngineContext, Finding
from copylint.house.examples import ExampleKind
from copylint.house.python_rules.dates import DateOptions, date_format, dates
from copylint.house.registry import house_rules
from copylint.options import ConfigError, parse_options

FIXTURES = Path(__file__).parents[2] / "fixtures" / "dates"
Rule = Callable[[Document, EngineContext], Iterable[Finding]]


def run(
    rule: Rule,
    text: str,
    options: Mapping[str, str] | None = None,
    metadata: Mapping[str, Any] | None = None,
) -> list[Finding]:
    doc = read_plaintext("article.txt", text)
    if metadata is not None:
        doc = dataclasses.replace(doc, metadata=metadata)
    parsed = parse_options(DateOptions, options or {}, "test", "rules.dates")
    return list(rule(doc, EngineContext(options=parsed)))


def flagged(rule: Rule, text: str) -> list[str]:
    return [f.matched for f in run(rule, text)]


def fixed(text: str, finding: Finding) -> str:
    """The article once the finding's fix is applied, through the source map."""
    edit = finding.block.edit(finding.edits[0].span, finding.edits[0].text)
    assert edit is not None
    return text[: edit.start] + edit.text + text[edit.end :]


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# ------------------------------------------------------------------ the rules' own examples

RULES: dict[str, Rule] = {"house/dates": dates, "house/dates-format": date_format}
EXAMPLES = [
    (rule_id, example) for rule_id in RULES for example in house_rules()[rule_id].info.examples
]


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES, ids=lambda v: str(v)[:60])
def test_examples(rule_id: str, example: Any) -> None:
    rule = RULES[rule_id]
    findings = run(rule, example.text)
    if example.kind is ExampleKind.GOOD:
        assert findings == []
        return
    assert example.kind is ExampleKind.BAD
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.block.source_span(finding.span),) == example.spans
    if example.fixed is None:
        assert finding.edits == ()
        return
    after = fixed(example.text, finding)
    assert after == example.fixed
    assert run(rule, after) == []


def test_both_rules_registered_in_the_dates_category() -> None:
    rules = house_rules()
    for rule_id in RULES:
        assert rules[rule_id].info.category.value == "dates"
        kinds = {e.kind for e in rules[rule_id].info.examples}
        assert {ExampleKind.BAD, ExampleKind.GOOD} <= kinds


# ------------------------------------------------------------------ weekdays


@pytest.mark.parametrize(
    ("text", "weekday", "correct"),
    [
        ("Polls open on Wednesday, September 21, 2021.", "Wednesday", "Tuesday"),
        ("Polls open Wed., Sept. 21, 2021.", "Wed", "Tue"),
        ("Polls open Tues., Sept. 22, 2021.", "Tues", "Wed"),
        ("Polls open Monday 21 September 2021.", "Monday", "Tuesday"),
        ("Polls open Monday, 21 September 2021.", "Monday", "Tuesday"),
        ("Polls open on 21 September 2021 (Monday).", "Monday", "Tuesday"),
        ("Polls open on September 21, 2021 (Sunday).", "Sunday", "Tuesday"),
        ("Polls open on Monday, 2021-09-21.", "Monday", "Tuesday"),
        ("Polls open on Friday, 21/09/2021.", "Friday", "Tuesday"),
        ("POLLS OPEN MONDAY, SEPTEMBER 21, 2021", "MONDAY", "TUESDAY"),
        ("IGD Convention - Mo, October 7, 2014", "Mo", "Tu"),
    ],
)
def test_weekday_that_misses_its_date(text: str, weekday: str, correct: str) -> None:
    [finding] = run(dates, text)
    assert finding.matched == weekday
    assert finding.edits[0].text == correct
    assert finding.applicability is Applicability.UNSAFE  # the date may be the wrong half
    assert "Tuesday" in (finding.message or "") or "Thursday" in (finding.message or "")


@pytest.mark.parametrize(
    "text",
    [
        "Polls open on Tuesday, September 21, 2021.",
        "Polls open Tue., Sept. 21, 2021.",
        "Polls open Tuesday 21 September 2021.",
        "Polls open on 21 September 2021 (Tuesday).",
        "Polls open on Tuesday, 2021-09-21.",
        "The leap day fell on Sunday, 29 February 2004.",
        "See you on Monday; the report is due Friday.",  # no date: nothing to check
    ],
)
def test_weekday_that_fits(text: str) -> None:
    assert run(dates, text) == []


def test_correct_dateline_is_not_flagged() -> None:
    text = fixture("dateline_correct.txt")
    assert text.startswith("Tuesday, September 21, 2021\n")
    assert run(dates, text) == []
    assert run(date_format, text) == []


def test_weekday_on_an_ambiguous_numeric_date_that_fits_neither_reading() -> None:
    [finding] = run(dates, "IGD Convention 2014 - Monday, 10/09/2014")
    assert finding.matched == "Monday"
    assert finding.edits == ()
    assert run(dates, "Opening: Thursday, 10/09/2014") == []  # October 9 was a Thursday
    assert run(date_format, "Opening: Thursday, 10/09/2014") == []  # the weekday settles it


# ------------------------------------------------------------------ the missing year


def test_year_from_the_dateline() -> None:
    text = "Tuesday, September 21, 2021\n\nThe talks began on Wednesday, June 15, in Geneva."
    [finding] = run(dates, text)
    assert finding.matched == "Wednesday"
    assert finding.edits[0].text == "Tuesday"
    assert "June 15, 2021 is a Tuesday" in (finding.message or "")
    assert "dateline" in (finding.message or "")


def test_year_from_the_front_matter_in_every_shape() -> None:
    text = "The talks began on Wednesday, June 15, in Geneva."
    for value in ("2021-09-21", dt.date(2021, 9, 21), dt.datetime(2021, 9, 21, 8, 30)):
        [finding] = run(dates, text, metadata={"date": value})
        assert "front matter" in (finding.message or "")
        assert finding.edits[0].text == "Tuesday"
    assert run(dates, text.replace("Wednesday", "Tuesday"), metadata={"date": "2021-09-21"}) == []


def test_year_near_the_turn_of_the_year() -> None:
    # Dated late December 2021: "Tuesday, January 4" is 2022, when January 4 was a Tuesday.
    text = "Thursday, December 30, 2021\n\nSchools reopen on Tuesday, January 4."
    assert run(dates, text) == []
    [finding] = run(dates, text.replace("Tuesday, January", "Monday, January"))
    assert "January 4, 2022 is a Tuesday" in (finding.message or "")


def test_year_from_the_other_dates() -> None:
    text = fixture("year_from_other_dates.txt")
    [finding] = run(dates, text)
    assert finding.matched == "Thursday"
    assert "other dates" in (finding.message or "")
    # Several years are possible, so the fix is only shown.
    assert finding.applicability is Applicability.DISPLAY_ONLY


def test_no_year_anywhere_means_no_weekday_check() -> None:
    assert run(dates, "The talks began on Wednesday, June 15, in Geneva.") == []


def test_historic_full_dates_do_not_set_the_year() -> None:
    # A 2005 story citing 1999 and 2002: "Tuesday, 1 March" (2005) must not be read in 2002.
    text = (
        "The firm was founded on 13 January 1999 and listed on 16 January 2002.\n\n"
        "Its new chief starts on Tuesday, 1 March."
    )
    assert run(dates, text) == []


def test_never_from_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    class Frozen(dt.date):
        @classmethod
        def today(cls) -> Frozen:
            raise AssertionError("the rule read today's date")

    monkeypatch.setattr(dt, "date", Frozen)
    assert run(dates, "The talks began on Wednesday, June 15, in Geneva.") == []


# ------------------------------------------------------------------ impossible dates


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The rent is due on February 30.", "February 30"),
        ("The match is on 31 April.", "31 April"),
        ("Figures returned to pre-29 February 2001 levels.", "29 February 2001"),
        ("The match is from 4-31 September.", "31 September"),
        ("Filed on 2021-13-02.", "2021-13-02"),
        ("Filed on 31/04/2021.", "31/04/2021"),
        ("Filed on 02/30/2021.", "02/30/2021"),
        ("Due Sept. 31, 2021.", "Sept. 31, 2021"),
    ],
)
def test_impossible_date(text: str, date: str) -> None:
    [finding] = run(dates, text)
    assert finding.matched == date
    assert finding.severity is Severity.ERROR
    assert finding.edits == ()


@pytest.mark.parametrize(
    "text",
    ["It ends on 30 April.", "It ends on 31 March.", "Born on 29 February 2004.",
     "Due on February 29.", "Due on 2021-12-31."],
)  # fmt: skip
def test_edge_days_are_fine(text: str) -> None:
    assert run(dates, text) == []


# ------------------------------------------------------------------ what is not a date


@pytest.mark.parametrize(
    "text",
    [
        "You may 5 times ask.",
        "They march 30 miles a day.",
        "May I come? In May 2005 we moved.",
        "The Sun 5 newsletter; Sat 12 tests.",
        "Mon 31 is a code name.",
        "March 45 was a label.",
        "The score was 6-2 6-4 on Monday.",
        "Version 1.2.2021 shipped; see 19/20 February.",
        "Meet me on Monday.",
    ],
)
def test_not_dates(text: str) -> None:
    assert run(dates, text) == []
    assert run(date_format, text) == []


def test_dates_inside_quotes_are_dates() -> None:
    assert flagged(dates, "He said: “We met on Monday, 14 January 2005.”") == ["Monday"]


# ------------------------------------------------------------------ relative words


def test_relative_word_against_the_dateline() -> None:
    text = fixture("relative_words.txt")
    findings = run(dates, text)
    assert [f.matched for f in findings] == ["Monday", "Friday"]
    assert [f.edits[0].text for f in findings] == ["Tuesday", "Thursday"]
    assert all("dateline" in (f.message or "") for f in findings)


def test_relative_word_without_a_dateline_is_not_checked() -> None:
    assert run(dates, "The vote came yesterday (Monday).") == []


# ------------------------------------------------------------------ formats


def test_mixed_formats_flag_the_minority() -> None:
    text = fixture("mixed_formats.txt")
    findings = run(date_format, text)
    assert [f.matched for f in findings] == ["21 September 2021", "21/09/2021"]
    assert [f.edits[0].text for f in findings] == ["September 21, 2021", "September 21, 2021"]
    assert all(f.applicability is Applicability.SAFE for f in findings)
    for finding in findings:
        assert "month-day-year" in (finding.message or "")


def test_bbc_article_minority_us_date() -> None:
    text = (
        "The festival begins on Friday, 1 July. Tickets go on sale on 3 June.\n\n"
        "The line-up was announced on Monday, May 2, 2005, in London."
    )
    [finding] = run(date_format, text)
    assert finding.matched == "May 2, 2005"
    assert fixed(text, finding).endswith("on Monday, 2 May 2005, in London.")


def test_yearless_conversions_keep_ordinals_and_abbreviations() -> None:
    text = "Sales run from 3 August to 5 August and 7 August, then December 24th, and to Sept. 5."
    findings = run(date_format, text)
    assert [f.edits[0].text for f in findings] == ["24th December", "5 Sept"]
    assert fixed(text, findings[1]).endswith("and to 5 Sept.")


def test_a_full_stop_is_not_an_abbreviation() -> None:
    text = "We sail on Sept. 20, Sept. 24 and 21 August."
    [finding] = run(date_format, text)
    assert fixed(text, finding) == "We sail on Sept. 20, Sept. 24 and August 21."


def test_a_tie_flags_both_sides_without_an_applied_fix() -> None:
    findings = run(date_format, "It opened on 16 July and closes on December 25.")
    assert [f.matched for f in findings] == ["16 July", "December 25"]
    assert all(f.applicability is Applicability.DISPLAY_ONLY for f in findings)


def test_configured_format_wins() -> None:
    text = "It opened on 16 July, closed on 20 July and reopens on December 25."
    assert flagged(date_format, text) == ["December 25"]
    findings = run(date_format, text, {"date-format": "mdy"})
    assert [f.matched for f in findings] == ["16 July", "20 July"]
    assert [f.edits[0].text for f in findings] == ["July 16", "July 20"]
    iso = run(date_format, "Filed on 21 September 2021.", {"date-format": "iso"})
    assert [f.edits[0].text for f in iso] == ["2021-09-21"]


def test_option_values_are_checked_when_parsed() -> None:
    with pytest.raises(ConfigError, match=r"\[rules.dates\] date-format: expected one of"):
        run(date_format, "On 5 May.", {"date-format": "ymd-ish"})
    assert DateOptions(date_format=" DMY ").date_format == "dmy"


def test_september_11_is_a_name() -> None:
    text = "It fell after 5 March and 9 March, long after the September 11 attacks."
    assert run(date_format, text) == []


def test_mixed_month_abbreviations() -> None:
    text = "Polls open Sept. 21, close Sep. 28 and report Sept. 30."
    [finding] = run(date_format, text)
    assert finding.matched == "Sep"
    assert fixed(text, finding) == "Polls open Sept. 21, close Sept. 28 and report Sept. 30."


def test_ambiguous_numeric_date_is_information() -> None:
    [finding] = run(date_format, "The form is dated 03/04/2021.")
    assert finding.severity is Severity.INFO
    assert finding.matched == "03/04/2021"
    assert finding.edits == ()
    assert run(date_format, "The form is dated 03/04/2021.", {"numeric-order": "dmy"}) == []
    assert run(date_format, "The form is dated 04/04/2021.") == []  # same either way


def test_numeric_order_reads_dates_for_the_weekday_check() -> None:
    text = "Filed on Thursday, 03/04/2021."  # 3 April 2021 was a Saturday; March 4 a Thursday
    assert run(dates, text, {"numeric-order": "mdy"}) == []
    [finding] = run(dates, text, {"numeric-order": "dmy"})
    assert finding.edits[0].text == "Saturday"


def test_numeric_date_against_the_configured_order() -> None:
    [finding] = run(date_format, "Filed on 21/09/2021.", {"numeric-order": "mdy"})
    assert finding.edits[0].text == "09/21/2021"
    assert finding.applicability is Applicability.UNSAFE


def test_fixes_reach_a_fixed_point() -> None:
    text = fixture("mixed_formats.txt")
    for _ in range(5):
        findings = [f for f in run(date_format, text) if f.applicability is Applicability.SAFE]
        if not findings:
            break
        text = fixed(text, findings[-1])
    assert run(date_format, text) == []


_WORDS = [
    "Monday", "Tue.", "Wed", "Mo,", "May", "March", "Sept.", "Sep", "February", "(Friday)",
    "yesterday", "(Sunday)", "today,", "Thursday,", "1", "29", "30", "31", "2021", "1999", "2100",
    "03/04/2021", "2021-13-02", "21.09.2021", "4-31", "of", "the", "on", ",", ".", "\n", "\n\n",
    "`code`", "21st",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_never_raises_and_spans_stay_in_their_block(words: list[str]) -> None:
    text = " ".join(words)
    for rule in (dates, date_format):
        for finding in run(rule, text):
            assert 0 <= finding.span.start < finding.span.end <= len(finding.block.text)
            for edit in finding.edits:
                assert edit.span.end <= len(finding.block.text)


@pytest.mark.parametrize(
    "dateline",
    [
        "PARIS, June 9, 2023 — ",
        "PARIS, Friday, June 9, 2023 (Reuters) - ",
        "NEW YORK, June 9, 2023 (AP) — ",
        "Geneva, Switzerland, 9 June 2023: ",
    ],
)
def test_a_city_dateline_gives_the_article_its_date(dateline: str) -> None:
    # Other dates with years far apart leave no year but the dateline's.
    text = (
        f"{dateline}The ministers met on Monday, June 5, after the summit of 12 March 2019.\n\n"
        "They meet again on Tuesday, June 14.\n"
    )
    (finding,) = run(dates, text)
    assert finding.matched == "Tuesday"
    assert finding.message == (
        "June 14, 2023 is a Wednesday, not a Tuesday (the year comes from the dateline)."
    )
    assert finding.applicability is Applicability.UNSAFE


def test_a_dateline_without_a_date_gives_none() -> None:
    text = "LONDON (AP) — The ministers meet on Tuesday, June 14, after 12 March 2019.\n"
    assert run(dates, text) == []


def test_a_weekday_that_fits_no_nearby_year_is_one_sentence() -> None:
    text = (
        "The report of 12 March 2021 and the deal of 2 April 2022 came first.\n\n"
        "The ministers meet again on Friday, June 14.\n"
    )
    (finding,) = run(dates, text)
    assert finding.message == (
        "June 14 is not a Friday in any year from 2020 to 2023, the years near the article's "
        "other dates; in 2022 it is a Tuesday."
    )
    assert finding.applicability is Applicability.DISPLAY_ONLY
