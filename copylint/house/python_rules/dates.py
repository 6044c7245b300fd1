"""Check that an article's dates agree with the calendar, with its dateline and with each other.

Two rules live here.

``house/dates`` flags facts that are wrong:

- a weekday that does not fall on its date: "Wednesday, September 21, 2021" (a Tuesday). The
  fix replaces the weekday and keeps its style ("Wed." becomes "Tue."). When the date has no
  year ("on Tuesday, June 15"), the year comes from the article: its front matter ``date:``,
  its dateline (a date alone on the first line, or a news dateline opening the first
  paragraph: "PARIS, Friday, June 9, 2023 (Reuters) —"), or else its other dates that carry a year
  (those with a weekday, or several that agree within a year: a news story's dated years are
  often history), never from today's clock. The message says which. A date that may fall in
  more than one year is flagged only when the weekday fits none, and its fix is only shown.
- an impossible date: "February 30", "31 April", "29 February 2001", "2021-13-02" (an error,
  with no fix: which half is wrong is anyone's guess).
- a relative word that contradicts the dateline: "yesterday (Monday)" in an article dated
  Wednesday.

``house/dates-format`` flags dates that disagree with each other in form:

- mixed orders: "September 21, 2021" beside "21 September 2021" beside "21/09/2021". The
  article's majority form wins unless the ``date-format`` option names one; the fix rewrites
  the minority date in that form. With no majority (one date each way) every side is flagged
  and the fix is only shown: which form the house wants is not ours to guess.
- mixed abbreviations of one month: "Sept. 21" beside "Sep. 28".
- an all-numeric date whose order cannot be told ("03/04/2021"), as information, unless the
  ``numeric-order`` option settles it (or a weekday beside it does).
- "September 11" in either order is the name of the 2001 attacks, not a format choice.

What counts as a date: a capitalised month name or abbreviation with a day number beside it
(so "May" the verb, "March" the verb and a bare "in May 2005" are not), an ISO date
(2021-09-21), or day/month/year in digits with a four-digit year; optionally with a weekday
before it ("Tuesday, 21 September") or after it in brackets ("21 September 2021 (Tuesday)").
A weekday with no date ("on Monday") is not checked. Years from 1900 to 2100 count.

Options (``DateOptions``, parsed and checked when the configuration is loaded: set them under
``[tool.copylint.rules.dates]`` and ``[tool.copylint.rules.dates-format]``; both rules read both
keys):

- ``date-format``: ``"mdy"`` (September 21, 2021), ``"dmy"`` (21 September 2021) or
  ``"iso"`` (2021-09-21): the house form every date should take.
- ``numeric-order``: ``"mdy"`` or ``"dmy"``: how to read all-numeric dates such as 03/04/2021.

Fix safety: a weekday fix is unsafe, since the date may be the wrong half. Rewriting a date in
another form, or a month abbreviation in the majority spelling, keeps its meaning and is safe.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from copylint.diagnostics import Applicability, Category, Severity, Span
from copylint.document.model import Block, Document
from copylint.engines.base import EngineContext, Finding
from copylint.house.rule import Example, document_rule

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(_MONTHS, 1)} | _MONTH_ABBREVIATIONS

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_ABBREVIATIONS = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_WEEKDAY_TWO_LETTERS = {"mo": 0, "tu": 1, "th": 3, "fr": 4, "sa": 5, "su": 6}  # "We" is a word
_WEEKDAY_NUMBER = (
    {name.lower(): i for i, name in enumerate(_WEEKDAYS)}
    | _WEEKDAY_ABBREVIATIONS
    | _WEEKDAY_TWO_LETTERS
)
_ABBREVIATION_STYLES = {
    3: ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    4: ("Mon", "Tues", "Wed", "Thurs", "Fri", "Sat", "Sun"),  # AP style
    2: ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"),
}


def _cased(*words: str) -> str:
    """An alternation of the words as written and in capitals: "May" and "MAY", never "may"."""
    return "|".join(sorted({f for w in words for f in (w, w.upper())}, key=lambda w: -len(w)))


_MONTH_WORDS = _cased(*_MONTHS, *(a.capitalize() for a in _MONTH_ABBREVIATIONS))
_MONTH_RE = r"(?P<mon>(?:" + _MONTH_WORDS + r")(?![\w'’-]))(?P<mdot>\.)?"
_WEEKDAY_WORDS = _cased(
    *_WEEKDAYS, "Mon", "Tues", "Tue", "Wed", "Thurs", "Thur", "Thu", "Fri", "Sat", "Sun"
)
_WEEKDAY_BEFORE = re.compile(  # searched for right before a date: "Tuesday, " "Tue. " "Mo, "
    r"(?<![\w'’-])(?:(?P<wd>(?:" + _WEEKDAY_WORDS + r")(?![\w'’-]))\.?,?"
    r"|(?P<wd2>" + _cased("Mo", "Tu", "Th", "Fr", "Sa", "Su") + r")\.?,)\s+$"
)
_WEEKDAY_AFTER = r"(?:\s*\(\s*(?P<wda>(?:" + _WEEKDAY_WORDS + r")(?![\w'’-]))\.?\s*\))?"
_DAY_RE = r"(?P<day>\d{1,2})(?P<ord>st|nd|rd|th)?(?![\w%]|[.,:]\d)"
_YEAR_RE = r"(?P<year>19\d\d|20\d\d|2100)(?![\w%]|[.,:]\d)"
_NOT_AFTER_NUMBER = r"(?<![\w.,/£$€])"  # "10-16 January" still ends on a date

_MDY = re.compile(
    _MONTH_RE + r"[ \t\u00a0]+" + _DAY_RE
    + r"(?:,?[ \t\u00a0]+" + _YEAR_RE + r")?" + _WEEKDAY_AFTER
)  # fmt: skip
_DMY = re.compile(
    _NOT_AFTER_NUMBER + _DAY_RE + r"[ \t\u00a0]+(?:of[ \t\u00a0]+)?"
    + _MONTH_RE + r"(?:,?[ \t\u00a0]+" + _YEAR_RE + r")?" + _WEEKDAY_AFTER
)  # fmt: skip
_ISO = re.compile(
    r"(?<![\w./-])(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\w/-]|\.\d)"
    + _WEEKDAY_AFTER
)  # fmt: skip
_NUMERIC = re.compile(
    r"(?<![\w./-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4})(?![\w/-]|\.\d)" + _WEEKDAY_AFTER
)  # fmt: skip
_RELATIVE_SHIFT = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_RELATIVE_WORDS = _cased(*(w for word in _RELATIVE_SHIFT for w in (word, word.capitalize())))
_RELATIVE = re.compile(
    r"\b(?P<rel>" + _RELATIVE_WORDS + r")\s*\(\s*(?P<wd>" + _WEEKDAY_WORDS + r")\.?\s*\)"
    r"|\b(?P<rel2>" + _RELATIVE_WORDS + r"),\s+(?P<wd2>" + _WEEKDAY_WORDS + r")\b,"
    r"|\b(?P<wd3>" + _WEEKDAY_WORDS + r")\s*\(\s*(?P<rel3>" + _RELATIVE_WORDS + r")\s*\)"
)
_NEAR_DAYS = 200  # a yearless date may fall in either year within this many days of a reference


@dataclass(frozen=True, slots=True)
class _Token:
    """A word of a date as written, with its place in the block."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Mention:
    """One date written in the article, as found and as read."""

    block: Block
    start: int  # the whole mention, weekday included
    end: int
    date_start: int  # the date alone
    date_end: int
    style: str  # "mdy" | "dmy" | "iso" | "numeric"
    day: int
    month: int | None  # None: an all-numeric date whose order is unknown
    year: int | None
    weekday: _Token | None = None
    month_token: _Token | None = None
    day_text: str = ""
    numeric: tuple[int, int, str] | None = None  # the two numbers and the separator

    @property
    def date_text(self) -> str:
        return self.block.text[self.date_start : self.date_end]

    def date(self) -> dt.date | None:
        if self.month is None or self.year is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class _Reference:
    """A date the article itself gives, to read yearless dates against."""

    date: dt.date
    source: str  # "front matter date", "dateline", "the article's other dates"


# ---------------------------------------------------------------------------------- options


_ORDERS = ("mdy", "dmy")


@dataclass(frozen=True, slots=True)
class DateOptions:
    """`[tool.copylint.rules.dates]` and `[tool.copylint.rules.dates-format]`: both rules
    read both keys."""

    date_format: str | None = None  # "mdy" | "dmy" | "iso": the house form of every date
    numeric_order: str | None = None  # "mdy" | "dmy": how to read 03/04/2021

    def __post_init__(self) -> None:
        for key, allowed in (("date_format", (*_ORDERS, "iso")), ("numeric_order", _ORDERS)):
            value = getattr(self, key)
            if value is None:
                continue
            text = value.strip().lower()
            if text not in allowed:
                name = key.replace("_", "-")
                raise ValueError(f"{name}: expected one of {', '.join(allowed)}, not {value!r}")
            object.__setattr__(self, key, text)


def _option(ctx: EngineContext, key: str) -> str | None:
    options = ctx.options if isinstance(ctx.options, DateOptions) else DateOptions()
    value: str | None = getattr(options, key.replace("-", "_"))
    return value


# ---------------------------------------------------------------------------------- finding dates


def _well_cased(word: str) -> bool:
    """ "May", "MAY" and "may" are told apart: only the first two can be a month."""
    letters = word.rstrip(".")
    return letters[:1].isupper() and (letters[1:].islower() or letters.isupper())


def _weekday_token(text: str, m: re.Match[str]) -> _Token | None:
    """The weekday written with the date: after it in brackets, or right before it."""
    if m.group("wda") is not None:
        return _Token(m.start("wda"), m.end("wda"), m.group("wda"))
    before = _WEEKDAY_BEFORE.search(text, max(0, m.start() - 20), m.start())
    if before is None:
        return None
    group = "wd" if before.group("wd") is not None else "wd2"
    return _Token(before.start(group), before.end(group), before.group(group))


def _scan_block(block: Block, numeric_order: str | None) -> list[_Mention]:
    candidates: list[tuple[int, int, re.Match[str], str]] = []
    for style, pattern in (("mdy", _MDY), ("dmy", _DMY), ("iso", _ISO), ("numeric", _NUMERIC)):
        for m in pattern.finditer(block.text):
            candidates.append((m.start(), -(m.end() - m.start()), m, style))
    candidates.sort(key=lambda c: (c[0], c[1]))
    mentions: list[_Mention] = []
    taken_until = -1
    for start, _, m, style in candidates:
        if start < taken_until:
            continue
        mention = _read(block, m, style, numeric_order)
        if mention is None:
            continue
        if block.touches_placeholder(Span(mention.start, mention.end)):
            continue
        mentions.append(mention)
        taken_until = mention.end
    return mentions


def _read(block: Block, m: re.Match[str], style: str, numeric_order: str | None) -> _Mention | None:
    weekday = _weekday_token(block.text, m)
    start = min(m.start(), weekday.start) if weekday is not None else m.start()
    if style in ("mdy", "dmy"):
        mon = m.group("mon")
        day = int(m.group("day"))
        if not _well_cased(mon) or not 1 <= day <= 31:
            return None
        date_start = m.start("mon") if style == "mdy" else m.start("day")
        if m.group("year"):
            date_end = m.end("year")
        elif style == "mdy":
            date_end = m.end("ord") if m.group("ord") else m.end("day")
        else:
            date_end = m.end("mon")  # "on 5 Sept." may end a sentence: leave the dot alone
        year = int(m.group("year")) if m.group("year") else None
        mention = _Mention(
            block, start, m.end(), date_start, date_end, style, day, _MONTH_NUMBER[mon.lower()],
            year, weekday, _Token(m.start("mon"), m.end("mon"), mon),
            m.group("day") + (m.group("ord") or ""),
        )  # fmt: skip
    else:
        year = int(m.group("year"))
        if not 1900 <= year <= 2100:
            return None
        if style == "iso":
            mention = _Mention(
                block, start, m.end(), m.start("year"), m.end("day"), "iso",
                int(m.group("day")), int(m.group("mon")), year, weekday,
            )  # fmt: skip
        else:
            a, b = int(m.group("a")), int(m.group("b"))
            if a == 0 or b == 0:
                return None
            dotted = m.group("sep") == "."
            if dotted and weekday is None and (len(m.group("a")) < 2 or len(m.group("b")) < 2):
                return None  # "version 1.2.2021"; "21.09.2021" stays a date
            month, day = _numeric_reading(a, b, numeric_order)
            mention = _Mention(
                block, start, m.end(), m.start("a"), m.end("year"), "numeric", day, month, year,
                weekday, numeric=(a, b, m.group("sep")),
            )  # fmt: skip
    return mention


def _month_length(year: int | None, month: int) -> int:
    """Days in the month; without a year, 29 February may be right (2000 was a leap year)."""
    return calendar.monthrange(year if year is not None else 2000, month)[1]


def _valid(year: int | None, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _month_length(year, month)


def _numeric_reading(a: int, b: int, order: str | None) -> tuple[int | None, int]:
    """(month, day) of "a/b/yyyy"; month None when the order cannot be told."""
    as_mdy, as_dmy = (a, b), (b, a)
    fits_mdy = 1 <= a <= 12 and 1 <= b <= 31
    fits_dmy = 1 <= b <= 12 and 1 <= a <= 31
    if order == "mdy" and fits_mdy:
        return as_mdy
    if order == "dmy" and fits_dmy:
        return as_dmy
    if a == b or (fits_mdy and not fits_dmy):
        return as_mdy
    if fits_dmy and not fits_mdy:
        return as_dmy
    if not fits_mdy and not fits_dmy:
        return (a if a > 12 else b), min(a, b)  # impossible either way; reported as such
    return None, b


_last_scan: tuple[Document, str | None, list[_Mention]] | None = None


def _mentions(doc: Document, ctx: EngineContext) -> list[_Mention]:
    """Every date in the article; both rules read the same document, so it is scanned once."""
    global _last_scan
    order = _option(ctx, "numeric-order")
    last = _last_scan
    if last is not None and last[0] is doc and last[1] == order:
        return last[2]
    found = [m for block in doc.blocks for m in _scan_block(block, order)]
    _last_scan = (doc, order, found)
    return found


# ---------------------------------------------------------------------------------- references


def _front_matter_date(doc: Document) -> dt.date | None:
    value = doc.metadata.get("date") if doc.metadata else None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        iso = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
        if iso:
            try:
                return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
            except ValueError:
                return None
        for pattern in (_MDY, _DMY):
            m = pattern.search(value)
            if m and m.group("year"):
                try:
                    return dt.date(int(m["year"]), _MONTH_NUMBER[m["mon"].lower()], int(m["day"]))
                except ValueError:
                    return None
    return None


# "PARIS, June 9, 2023 —", "NEW YORK, Friday, June 9, 2023 (Reuters) -", "Geneva, 9 June 2023:":
# a place (in capitals, or capitalised words), then the date, then an agency and a dash.
_DATELINE_PLACE = re.compile(
    r"\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)(?:,\s*[A-Z][\w.'’ -]*)?,\s*"
)
_DATELINE_AFTER = re.compile(r"\s*(?:\([A-Z][\w .&/-]*\)\s*)?(?:[—–:]|--?\s)")


def _dateline(doc: Document, mentions: list[_Mention]) -> _Mention | None:
    """The article's own date: a full date alone on its first line ("Tuesday, September 21,
    2021"), or a news dateline opening its first paragraph ("PARIS, June 9, 2023 (AP) —")."""
    if not doc.blocks:
        return None
    first = doc.blocks[0]
    line_end = first.text.find("\n")
    line = first.text if line_end == -1 else first.text[:line_end]
    for m in mentions:
        if m.block is not first or m.date() is None or m.end > len(line):
            continue
        before, after = line[: m.start], line[m.end :]
        if not before.strip(" \t|–—-") and not after.strip(" \t.|–—-"):
            return m
        if _DATELINE_PLACE.fullmatch(before) and _DATELINE_AFTER.match(after):
            return m
    return None


def _references(doc: Document, mentions: list[_Mention]) -> list[_Reference]:
    front = _front_matter_date(doc)
    if front is not None:
        return [_Reference(front, "the front matter date")]
    dateline = _dateline(doc, mentions)
    if dateline is not None:
        day = dateline.date()
        assert day is not None
        return [_Reference(day, "the dateline")]
    # Dates that carry a year are often history ("13 January 1999" in a 2005 story), while the
    # story's own days go without one. Trust full dates that name a weekday, as a story does
    # for its own week; else several full dates that agree on the year within one.
    full = [(m, d) for m in mentions if (d := m.date()) is not None]
    chosen = [d for m, d in full if m.weekday is not None] or (
        [d for _, d in full] if len(full) > 1 else []
    )
    if not chosen or max(chosen).year - min(chosen).year > 1:
        return []
    return [_Reference(d, "the article's other dates") for d in sorted(chosen)]


def _candidates(month: int, day: int, refs: list[_Reference]) -> list[dt.date]:
    """The dates a yearless "month day" may mean, the likeliest first."""
    if not refs:
        return []
    if refs[0].source == "the article's other dates":
        low, high = refs[0].date.year, refs[-1].date.year
        years = [high, high + 1, *range(high - 1, low - 2, -1)]
        return [dt.date(y, month, day) for y in years if _valid(y, month, day)]
    ref = refs[0]
    found = [
        dt.date(y, month, day)
        for y in (ref.date.year - 1, ref.date.year, ref.date.year + 1)
        if _valid(y, month, day)
    ]
    near = [d for d in found if abs((d - ref.date).days) <= _NEAR_DAYS]
    return sorted(near, key=lambda d: abs((d - ref.date).days))


# ---------------------------------------------------------------------------------- weekdays


def _weekday_name(original: str, weekday: int) -> str:
    """The weekday in the style of `original`: full or abbreviated, with its capitals."""
    letters = original.rstrip(".")
    if letters.lower() in {w.lower() for w in _WEEKDAYS}:
        name = _WEEKDAYS[weekday]
    else:
        name = _ABBREVIATION_STYLES.get(len(letters), _ABBREVIATION_STYLES[3])[weekday]
    return name.upper() if letters.isupper() and len(letters) > 1 else name


def _long(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _readings(m: _Mention) -> list[dt.date]:
    """Both dates an ambiguous numeric date may be."""
    if m.numeric is None or m.year is None:
        return []
    a, b, _ = m.numeric
    return [dt.date(m.year, x, y) for x, y in ((a, b), (b, a)) if _valid(m.year, x, y)]


def _weekday_findings(mentions: list[_Mention], refs: list[_Reference]) -> Iterator[Finding]:
    for m in mentions:
        if m.weekday is None:
            continue
        written = _WEEKDAY_NUMBER[m.weekday.text.lower()]
        span = (m.weekday.start, m.weekday.end)
        if m.month is None:
            readings = _readings(m)
            if readings and all(d.weekday() != written for d in readings):
                either = " or ".join(f"{_long(d)}" for d in readings)
                yield Finding.flag(
                    m.block,
                    span,
                    f"“{m.date_text}” is {either}; neither is a {_WEEKDAYS[written]}.",
                )
            continue
        if not _valid(m.year, m.month, m.day):
            continue  # reported as impossible
        source = ""
        if m.year is not None:
            options = [dt.date(m.year, m.month, m.day)]
        else:
            options = _candidates(m.month, m.day, refs)
            if options:
                source = f" (the year comes from {refs[0].source})"
        if not options or any(day.weekday() == written for day in options):
            continue
        right = options[0]
        correct = _weekday_name(m.weekday.text, right.weekday())
        if len(options) == 1:
            facts = f"{_MONTHS[right.month - 1]} {right.day}, {right.year} is a "
            facts += f"{_WEEKDAYS[right.weekday()]}, not a {_WEEKDAYS[written]}{source}"
        else:  # one sentence, not a list of candidate years
            years = sorted(d.year for d in options)
            facts = (
                f"{_MONTHS[m.month - 1]} {m.day} is not a {_WEEKDAYS[written]} in any year from "
                f"{years[0]} to {years[-1]}, the years near {refs[0].source}; in {right.year} it "
                "is a "
                f"{_WEEKDAYS[right.weekday()]}"
            )
        yield Finding.replace(
            m.block,
            span,
            correct,
            # One year: the weekday or the date is wrong. Several: we cannot even tell which year.
            applicability=Applicability.UNSAFE if len(options) == 1 else Applicability.DISPLAY_ONLY,
            message=f"{facts}.",
            title=f"Replace “{m.weekday.text}” with “{correct}”",
        )


def _relative_findings(doc: Document, refs: list[_Reference]) -> Iterator[Finding]:
    trusted = [r for r in refs if r.source != "the article's other dates"]
    if len(trusted) != 1:
        return
    ref = trusted[0]
    for block in doc.blocks:
        for m in _RELATIVE.finditer(block.text):
            group = "wd" if m["wd"] else "wd2" if m["wd2"] else "wd3"
            word = (m["rel"] or m["rel2"] or m["rel3"]).lower()
            token = m[group]
            if not _well_cased(token):
                continue
            meant = ref.date + dt.timedelta(days=_RELATIVE_SHIFT[word])
            if _WEEKDAY_NUMBER[token.lower()] == meant.weekday():
                continue
            correct = _weekday_name(token, meant.weekday())
            written = _WEEKDAYS[_WEEKDAY_NUMBER[token.lower()]]
            yield Finding.replace(
                block,
                m.span(group),
                correct,
                applicability=Applicability.UNSAFE,
                message=(
                    f"“{word}” is {_WEEKDAYS[meant.weekday()]} in an article dated "
                    f"{_long(ref.date)} ({ref.source}), not {written}."
                ),
                title=f"Replace “{token}” with “{correct}”",
            )


# ---------------------------------------------------------------------------------- house/dates


@document_rule(
    name="dates",
    options=DateOptions,
    category=Category.DATES,
    message="“{match}” does not agree with the calendar.",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    examples=(
        Example.bad(
            "The summit opened on <<Wednesday>>, September 21, 2021.",
            fixed="The summit opened on Tuesday, September 21, 2021.",
            fix="unsafe",
        ),
        Example.bad(
            "Polls close <<Wed>>., Sept. 21, 2021.",
            fixed="Polls close Tue., Sept. 21, 2021.",
            fix="unsafe",
        ),
        Example.bad(
            "It opens on <<Monday>> 21 September 2021.",
            fixed="It opens on Tuesday 21 September 2021.",
            fix="unsafe",
        ),
        Example.bad(
            "Tuesday, September 21, 2021\n\nVoting ends <<Monday>>, Sept. 24.",
            fixed="Tuesday, September 21, 2021\n\nVoting ends Friday, Sept. 24.",
            fix="unsafe",
        ),
        Example.bad("The rent is due on <<February 30>>.", fixed=None),
        Example.bad("Filed on <<29 February 2001>>.", fixed=None),
        Example.bad("Filed on <<2021-13-02>>.", fixed=None),
        Example.bad(
            "Wednesday, September 22, 2021\n\nThe vote came yesterday (<<Monday>>).",
            fixed="Wednesday, September 22, 2021\n\nThe vote came yesterday (Tuesday).",
            fix="unsafe",
        ),
        Example.good("Tuesday, September 21, 2021\n\nThe talks ended on Tuesday, June 15."),
        Example.good("The leap day fell on Sunday, 29 February 2004."),
        Example.good("You may 5 times ask; we march on; Sun and Sat are names; see you on Monday."),
        Example.good("He said: “We met on Friday, 14 January 2005.”"),
    ),
)
def dates(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """Weekdays that miss their date, impossible dates, and relative days against the dateline."""
    mentions = _mentions(doc, ctx)
    for m in mentions:
        if m.month is not None and not _valid(m.year, m.month, m.day):
            reason = (
                f"{m.year} is not a leap year"
                if m.month == 2 and m.day == 29
                else "there is no such month"
                if not 1 <= m.month <= 12
                else f"{_MONTHS[m.month - 1]} has {_month_length(m.year, m.month)} days"
            )
            yield Finding.flag(
                m.block,
                (m.date_start, m.date_end),
                f"“{m.date_text}” is not a date: {reason}.",
                severity=Severity.ERROR,
            )
    refs = _references(doc, mentions)
    yield from _weekday_findings(mentions, refs)
    yield from _relative_findings(doc, refs)


# ------------------------------------------------------------------------------ house/dates-format

_STYLE_NAMES = {
    "mdy": "month-day-year (September 21, 2021)",
    "dmy": "day-month-year (21 September 2021)",
    "iso": "ISO (2021-09-21)",
    "numeric": "all-numeric (21/09/2021)",
}


def _rewrite(m: _Mention, style: str, numeric_like: _Mention | None) -> str | None:
    """The date of `m` written in `style`, or None when it cannot be (no year, order unknown)."""
    if m.month is None:
        return None
    month_word, day_word = _MONTHS[m.month - 1], str(m.day)
    text = m.block.text
    if m.month_token is not None:
        abbreviated = m.month_token.text.lower() in _MONTH_ABBREVIATIONS
        dotted = abbreviated and text[m.month_token.end : m.month_token.end + 1] == "."
        month_word, day_word = m.month_token.text + ("." if dotted else ""), m.day_text
    if style == "mdy":
        return f"{month_word} {day_word}" + (f", {m.year}" if m.year is not None else "")
    if style == "dmy":
        if m.year is None and month_word.endswith(".") and text[m.date_end : m.date_end + 1] == ".":
            month_word = month_word[:-1]  # "on Sept. 5." becomes "on 5 Sept.", one dot
        return f"{day_word} {month_word}" + (f" {m.year}" if m.year is not None else "")
    if m.year is None:
        return None
    if style == "iso":
        return f"{m.year:04d}-{m.month:02d}-{m.day:02d}"
    if numeric_like is None or numeric_like.numeric is None:
        return None
    first_number, _, sep = numeric_like.numeric
    month_first = first_number == numeric_like.month
    width = len(numeric_like.date_text.split(sep)[0])
    first, second = (m.month, m.day) if month_first else (m.day, m.month)
    return f"{first:0{width}d}{sep}{second:0{width}d}{sep}{m.year}"


def _is_a_name(m: _Mention) -> bool:
    """ "September 11" names the 2001 attacks in either order, whatever the article's style."""
    return m.month == 9 and m.day == 11 and m.year in (None, 2001) and m.style in ("mdy", "dmy")


def _format_findings(mentions: list[_Mention], house: str | None) -> Iterator[Finding]:
    checked = [
        m
        for m in mentions
        if m.month is not None and _valid(m.year, m.month, m.day) and not _is_a_name(m)
    ]  # fmt: skip  (ambiguous and impossible dates have findings of their own)
    styles = [m.style for m in checked]
    counts = Counter(styles)
    tied: list[str] = []
    if house is not None:
        why = f"the house style is {_STYLE_NAMES[house]}"
    elif len(counts) < 2:
        return
    else:
        best = max(counts.values())
        tied = [s for s in dict.fromkeys(styles) if counts[s] == best]
        house = tied[0]
        why = f"most dates in this article are written {_STYLE_NAMES[house]}"
        if len(tied) > 1:
            why = "this article writes as many dates one way as another; choose one"
    numeric_like = next(
        (m for m in checked if m.style == "numeric" and m.numeric and m.numeric[0] != m.numeric[1]),
        None,
    )
    for m in checked:
        if m.style == house and len(tied) < 2:
            continue
        if len(tied) > 1:
            others = [s for s in tied if s != m.style]
            target = others[0] if len(others) == 1 else None
            message = (
                f"“{m.date_text}” is written {_STYLE_NAMES[m.style]}, as many others are written "
                f"{' or '.join(_STYLE_NAMES[s] for s in others)}; {why} (or set date-format)."
            )
            safety = Applicability.DISPLAY_ONLY  # no majority: which form the house wants is open
        else:
            target = house
            message = f"“{m.date_text}” is written {_STYLE_NAMES[m.style]}; {why}."
            safety = Applicability.SAFE
        replacement = _rewrite(m, target, numeric_like) if target is not None else None
        if replacement is None:
            yield Finding.flag(m.block, (m.date_start, m.date_end), message)
        else:
            yield Finding.replace(
                m.block,
                (m.date_start, m.date_end),
                replacement,
                applicability=safety,
                message=message,
                title=f"Write “{replacement}”",
            )


def _abbreviation_findings(mentions: list[_Mention]) -> Iterator[Finding]:
    by_month: dict[int, list[_Token]] = {}
    for m in mentions:
        token = m.month_token
        if token is not None and m.month is not None and token.text.lower() in _MONTH_ABBREVIATIONS:
            by_month.setdefault(m.month, []).append(token)
    blocks = {id(t): m.block for m in mentions if (t := m.month_token) is not None}
    for tokens in by_month.values():
        spellings = [t.text.lower() for t in tokens]
        counts = Counter(spellings)
        if len(counts) < 2:
            continue
        best = max(counts.values())
        house = next(s for s in spellings if counts[s] == best)
        for token in tokens:
            if token.text.lower() == house:
                continue
            correct = house.upper() if token.text.isupper() else house.capitalize()
            yield Finding.replace(
                blocks[id(token)],
                (token.start, token.end),
                correct,
                message=f"“{token.text}” abbreviates the month as “{correct}” does elsewhere "
                "in this article; use one spelling.",
                title=f"Write “{correct}”",
                applicability=Applicability.SAFE,
            )


def _ambiguous_findings(mentions: list[_Mention], order: str | None) -> Iterator[Finding]:
    for m in mentions:
        if m.style != "numeric" or m.numeric is None:
            continue
        a, b, sep = m.numeric
        if m.month is None and m.weekday is None:  # a weekday settles it, or is flagged itself
            yield Finding.flag(
                m.block,
                (m.date_start, m.date_end),
                f"“{m.date_text}” may mean {_MONTHS[a - 1]} {b} or {a} {_MONTHS[b - 1]}; spell out "
                "the month, or set the numeric-order option.",
                severity=Severity.INFO,
            )
            continue
        if m.month is None:
            continue
        house = (a, b) if order == "mdy" else (b, a)
        if order is None or house == (m.month, m.day) or not _valid(m.year, m.month, m.day):
            continue
        left, right, _ = m.date_text.split(sep)
        swapped = f"{b:0{len(left)}d}{sep}{a:0{len(right)}d}{sep}{m.year}"
        yield Finding.replace(
            m.block,
            (m.date_start, m.date_end),
            swapped,
            applicability=Applicability.UNSAFE,
            message=f"“{m.date_text}” is not in the house order ({order}) for numeric dates.",
            title=f"Write “{swapped}”",
        )


@document_rule(
    name="dates-format",
    options=DateOptions,
    category=Category.DATES,
    message="“{match}” is not written like the article's other dates.",
    severity=Severity.WARNING,
    fix=Applicability.SAFE,
    examples=(
        Example.bad(
            "Voting opened on 2 May 2005, closed on 5 May 2005; results came on <<May 6, 2005>>.",
            fixed="Voting opened on 2 May 2005, closed on 5 May 2005; results came on 6 May 2005.",
        ),
        Example.bad(
            "We met on September 21, 2021, on October 2, 2021, and on <<21/10/2021>>.",
            fixed="We met on September 21, 2021, on October 2, 2021, and on October 21, 2021.",
        ),
        Example.bad(
            "Polls open Sept. 21 and close <<Sep>>. 28, 2021; the count ends Sept. 30.",
            fixed="Polls open Sept. 21 and close Sept. 28, 2021; the count ends Sept. 30.",
        ),
        Example.bad("The form is dated <<03/04/2021>>.", fixed=None),
        Example.good("Results came on 6 May 2005, two days after 4 May 2005."),
        Example.good("The form is dated 21/09/2021."),
    ),
)
def date_format(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """Dates written in more than one form, mixed month abbreviations, and ambiguous numbers."""
    mentions = _mentions(doc, ctx)
    yield from _format_findings(mentions, _option(ctx, "date-format"))
    yield from _abbreviation_findings(mentions)
    yield from _ambiguous_findings(mentions, _option(ctx, "numeric-order"))
