"""Diagnostics, fixes and edits: the values every engine, reporter and fixer share."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from itertools import pairwise


class Applicability(IntEnum):
    """How far a fix may be trusted; higher values are safer."""

    DISPLAY_ONLY = 0  # shown as a suggestion, never applied
    UNSAFE = 1  # applied with --unsafe-fixes
    SAFE = 2  # applied with --fix; the text keeps its meaning

    @property
    def label(self) -> str:
        return {0: "display-only", 1: "unsafe", 2: "safe"}[int(self)]

    @classmethod
    def parse(cls, text: str) -> Applicability:
        for member in cls:
            if member.label == text:
                return member
        raise ValueError(f"unknown fix applicability {text!r} (safe, unsafe, display-only)")


class Severity(IntEnum):
    """How serious a diagnostic is; the exit status fails at or above a threshold."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (error, warning, info)") from None


class Category(StrEnum):
    """The closed set of categories in the JSON contract."""

    DUPLICATION = "duplication"
    SPACING = "spacing"
    DATES = "dates"
    CONSISTENCY = "consistency"
    TYPOGRAPHY = "typography"
    GRAMMAR = "grammar"
    SPELLING = "spelling"
    PUNCTUATION = "punctuation"
    STYLE = "style"
    USAGE = "usage"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range of code-point offsets."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        if self.start == self.end or other.start == other.end:
            return other.start <= self.start <= other.end or self.start <= other.start <= self.end
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace source[start:end] with text; "" deletes, start == end inserts."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A titled set of edits, applied all or none."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.edits))
        for a, b in pairwise(ordered):
            if a.end > b.start:
                raise ValueError(f"overlapping edits in fix {self.title!r}")
        object.__setattr__(self, "edits", ordered)

    @property
    def span(self) -> Span:
        return Span(self.edits[0].start, self.edits[-1].end)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at a place in the source file."""

    rule: str  # "house/duplicated-word", "languagetool/EN_A_VS_AN", "proselint/…"
    message: str
    span: Span  # source offsets
    severity: Severity
    category: Category
    fix: Fix | None = None
    suggestions: tuple[str, ...] = ()
    also_reported_by: tuple[str, ...] = ()
    related: tuple[Diagnostic, ...] = field(default=())

    @property
    def engine(self) -> str:
        return self.rule.partition("/")[0]


def rule_in(rule: str, prefix: str) -> bool:
    """Whether a rule id falls under a prefix, by whole segments: `house/dates` covers
    `house/dates` and `house/dates/weekday`, never `house/dates-format`; a trailing slash
    is the same prefix. A dot separates segments too (proselint's `typography.symbols`)."""
    prefix = prefix.rstrip("/")
    return rule == prefix or rule.startswith((prefix + "/", prefix + "."))
