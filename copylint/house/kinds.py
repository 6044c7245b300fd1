"""The three kinds of data rule (existence, substitution, consistency), each built into a check."""

from __future__ import annotations

import re
import string
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from copylint.diagnostics import Applicability, Category, Span
from copylint.document.model import Block, BlockKind, Document
from copylint.engines.base import EngineContext, Finding

BlockCheck = Callable[[Block, EngineContext], Iterable[Finding]]
DocumentCheck = Callable[[Document, EngineContext], Iterable[Finding]]
KeyPath = tuple[str | int, ...]

KINDS = ("existence", "substitution", "consistency")
DEFAULT_CATEGORY = {
    "existence": Category.STYLE,
    "substitution": Category.STYLE,
    "consistency": Category.CONSISTENCY,
}
MESSAGE_FIELDS = {
    "existence": frozenset({"match"}),
    "substitution": frozenset({"match", "replacement"}),
    "consistency": frozenset({"match", "replacement"}),
}
REGEX_TIMEOUT = 1.0  # seconds one rule may spend on one block before it is declared broken

_BEFORE = r"(?<![\w-])"  # a word boundary that also refuses "tax-free gift" for "free gift"
_AFTER = r"(?![\w-])"
_OPENING = frozenset("“«")
_CLOSING = frozenset("”»")
_SENTENCE_START = regex.compile(r"(?:^|[.!?…][\"”’)\]]*\s+)[\"“‘(\[]*\Z")
_WORD_RUN = regex.compile(r"\w+")  # the \w of the patterns' own _BEFORE and _AFTER
_ASCII_WORD_RUN = re.compile(r"\w+", re.ASCII)  # the same on ASCII text, and faster


class SpecError(Exception):
    """A rule that cannot be built; `where` is the key path of the offending value."""

    def __init__(self, where: KeyPath, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


class RuleTimeoutError(ValueError):
    """A rule's pattern ran past REGEX_TIMEOUT on one block: the rule is broken, not the text.

    A ValueError so that the pipeline reports it as that file's error (exit status 2, naming
    the rule file and line) and goes on with the other files, instead of crashing the run.
    """


@dataclass(frozen=True)
class RuleSpec:
    """A validated rule file: its data (every scalar a string) and where each key sits."""

    name: str
    path: str
    data: Mapping[str, Any]
    lines: Mapping[KeyPath, int] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.data["kind"])

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        return default if value is None else value == "true"

    def line_of(self, where: KeyPath) -> int:
        """The line of the nearest recorded key on the path (1 for the file itself)."""
        for n in range(len(where), 0, -1):
            if where[:n] in self.lines:
                return self.lines[where[:n]]
        return 1

    @property
    def fix(self) -> Applicability | None:
        label = self.data.get("fix", "none" if self.kind == "existence" else "safe")
        return None if label == "none" else Applicability.parse(label)


@dataclass(frozen=True, slots=True)
class Match:
    """One hit of a rule's pattern in a block."""

    span: Span
    text: str


# --------------------------------------------------------------------------- patterns


def phrase_pattern(phrase: str) -> str:
    """A literal phrase as a regex: any run of spaces matches any whitespace, ' matches ’."""
    words = [regex.escape(w).replace("'", "['’]") for w in phrase.split()]
    return r"\s+".join(words)


def normalize(text: str, ignore_case: bool) -> str:
    """The lookup key of a matched phrase: spaces collapsed, apostrophes straightened."""
    key = " ".join(text.split()).replace("’", "'")
    return key.casefold() if ignore_case else key


def _compile(source: str, ignore_case: bool, where: KeyPath) -> regex.Pattern[str]:
    flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        raise SpecError(where, f"bad regular expression {source!r}: {exc}") from None


def _alternation(phrases: Sequence[str], ignore_case: bool, where: KeyPath) -> regex.Pattern[str]:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    body = "|".join(phrase_pattern(p) for p in ordered)
    return _compile(f"{_BEFORE}(?:{body}){_AFTER}", ignore_case, where)


def match_case(matched: str, written: str, replacement: str) -> str:
    """The replacement in the matched text's case: "Utilizing" -> "Using", "UTILIZE" -> "USE".

    Text matched as written in the rule ("PIN number", "OK") takes the replacement as written.
    """
    if normalize(matched, False) == normalize(written, False):
        return replacement
    letters = [c for c in matched if c.isalpha()]
    if not letters or not replacement:
        return replacement
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if letters[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    return replacement


def quoted_spans(text: str) -> list[Span]:
    """Direct speech in a block, “…” or "…"; a quote reopened before it closes (a new paragraph
    of speech) continues it, and an unclosed quote runs to the block's end."""
    spans: list[Span] = []
    start: int | None = None
    for i, c in enumerate(text):
        if c in _OPENING or (c == '"' and _opens(text, i)):
            if start is None:
                start = i
        elif (c in _CLOSING or c == '"') and start is not None:
            spans.append(Span(start, i + 1))
            start = None
    if start is not None:
        spans.append(Span(start, len(text)))
    return spans


def _opens(text: str, i: int) -> bool:
    """Whether a straight double quote opens speech: after a space or bracket, before a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-") and not after.isspace()


# --------------------------------------------------------------------------- triggers

Trigger = tuple[str, frozenset[str]]  # a word every hit of a phrase holds; all its words


def fold(text: str) -> str:
    """Text as the trigger words see it: case folded, and "İ" (which IGNORECASE matches to
    "i") as "i"."""
    return text.replace("İ", "i").casefold()


def words_of(text: str) -> set[str]:
    """The folded runs of word characters in a block: a phrase can only match a block that
    holds every one of the phrase's own runs."""
    folded = fold(text)
    if folded.isascii():
        return set(_ASCII_WORD_RUN.findall(folded))
    return set(_WORD_RUN.findall(folded))


def phrase_triggers(phrases: Sequence[str]) -> tuple[Trigger, ...] | None:
    """For each phrase its longest word and all its words (folded), or None when some phrase
    cannot be told by its words (no word characters, or letters outside ASCII, whose case
    matching the folding here is not proven to follow)."""
    triggers: list[Trigger] = []
    for phrase in phrases:
        runs = _WORD_RUN.findall(phrase)
        if not runs or not phrase.isascii():
            return None
        folded = [fold(r) for r in runs]
        longest = max(folded, key=len)
        triggers.append((longest, frozenset(folded)))
    return tuple(triggers)


class TriggerIndex:
    """Which data rules may hit which blocks of a document, from one pass over its words.

    Every phrase rule adds its triggers once, at build time; a document's blocks are then read
    once for all the rules (per thread, for the document being checked), and a rule's regex
    runs only on the blocks that hold all the words of at least one of its phrases."""

    def __init__(self) -> None:
        self._by_word: dict[str, list[tuple[int, frozenset[str]]]] = {}
        self._count = 0
        self._lock = threading.Lock()

    def add(self, triggers: Sequence[Trigger]) -> int:
        """Register one rule's triggers; returns the rule's key."""
        with self._lock:
            key = self._count
            for word, needs in triggers:
                self._by_word.setdefault(word, []).append((key, needs))
            self._count += 1
        return key

    def blocks(self, doc: Document, key: int) -> Sequence[int]:
        """Indexes of the blocks of `doc` where the rule with this key may hit, in order.
        The scan is kept with the document (doc.analysis), once for all this index's rules."""
        hits = doc.analysis.shared(f"triggers/{id(self)}/{self._count}", self._scan)
        return hits.get(key, ())

    def _scan(self, doc: Document) -> dict[int, list[int]]:
        by_word = self._by_word
        hits: dict[int, list[int]] = {}
        for i, block in enumerate(doc.blocks):
            words = words_of(block.text)
            for word in words & by_word.keys():
                for key, needs in by_word[word]:
                    if needs <= words:
                        found = hits.setdefault(key, [])
                        if not found or found[-1] != i:
                            found.append(i)
        return hits


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _Matcher:
    """Finds a rule's hits in a block, minus placeholders, exceptions and (optionally) quotes."""

    spec: RuleSpec
    patterns: tuple[tuple[regex.Pattern[str], KeyPath], ...]
    exceptions: tuple[tuple[regex.Pattern[str], KeyPath], ...]
    skip_quotes: bool
    scope: frozenset[BlockKind]
    index: TriggerIndex  # the rule set's index of trigger words
    key: int | None  # in index; None when every block must be read (`patterns`)

    def blocks(self, doc: Document) -> Iterator[Block]:
        """The blocks in the rule's scope where it may hit."""
        scope = self.scope
        if self.key is None:
            candidates: Iterable[Block] = doc.blocks
        else:
            every = doc.blocks
            candidates = [every[i] for i in self.index.blocks(doc, self.key)]
        return (block for block in candidates if block.kind in scope)

    def _finditer(self, pattern: regex.Pattern[str], where: KeyPath, text: str) -> Iterator[Any]:
        try:
            yield from pattern.finditer(text, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            raise RuleTimeoutError(
                f"{self.spec.path}:{self.spec.line_of(where)}: house/{self.spec.name}: pattern "
                f"took more than {REGEX_TIMEOUT:g} s on one block; simplify it"
            ) from None

    def matches(self, block: Block, ctx: EngineContext) -> Iterator[Match]:
        text = block.text
        excluded: list[Span] | None = None
        for pattern, where in self.patterns:
            for m in self._finditer(pattern, where, text):
                span = Span(m.start(), m.end())
                if span.start == span.end or block.touches_placeholder(span):
                    continue
                if m.group() in ctx.vocabulary:
                    continue
                if excluded is None:
                    excluded = self._excluded(text)
                if any(e.start <= span.start and span.end <= e.end for e in excluded):
                    continue
                yield Match(span, m.group())

    def _excluded(self, text: str) -> list[Span]:
        spans = quoted_spans(text) if self.skip_quotes else []
        for pattern, where in self.exceptions:
            spans.extend(Span(m.start(), m.end()) for m in self._finditer(pattern, where, text))
        return spans


def _matcher(
    spec: RuleSpec, phrases: Sequence[str], phrase_key: str, index: TriggerIndex
) -> _Matcher:
    ignore_case = spec.flag("ignore-case", True)
    patterns: list[tuple[regex.Pattern[str], KeyPath]] = []
    if phrases:
        patterns.append((_alternation(phrases, ignore_case, (phrase_key,)), (phrase_key,)))
    for i, source in enumerate(spec.data.get("patterns", ())):
        patterns.append((_compile(source, ignore_case, ("patterns", i)), ("patterns", i)))
    exceptions = tuple(
        (_compile(source, ignore_case, ("exceptions", i)), ("exceptions", i))
        for i, source in enumerate(spec.data.get("exceptions", ()))
    )
    triggers = None if spec.data.get("patterns") else phrase_triggers(phrases)
    key = None if triggers is None else index.add(triggers)
    return _Matcher(
        spec, tuple(patterns), exceptions, spec.flag("skip-quotes", False), _scope(spec), index, key
    )


def _scope(spec: RuleSpec) -> frozenset[BlockKind]:
    kinds = spec.data.get("scope")
    if kinds is None:
        return frozenset(BlockKind) - {BlockKind.ALT}
    return frozenset(BlockKind(k) for k in kinds)


def check_message(spec: RuleSpec) -> str:
    """The rule's message template, refusing fields its kind cannot fill."""
    message = str(spec.data["message"])
    allowed = MESSAGE_FIELDS[spec.kind]
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(message) if f is not None}
    except ValueError as exc:
        raise SpecError(("message",), f"bad message template: {exc}") from None
    unknown = sorted(fields - allowed)
    if unknown:
        raise SpecError(
            ("message",),
            f"message uses {{{unknown[0]}}}; a {spec.kind} rule offers "
            + ", ".join(f"{{{f}}}" for f in sorted(allowed)),
        )
    return message


def _replacement_finding(
    spec: RuleSpec, block: Block, hit: Match, written: str, options: Sequence[str], message: str
) -> Finding:
    choices = tuple(match_case(hit.text, written, o) for o in options)
    if hit.text[:1].isupper() and _SENTENCE_START.search(block.text, 0, hit.span.start):
        choices = tuple(c[:1].upper() + c[1:] for c in choices)
    text = message.format(match=hit.text, replacement=choices[0])
    fix = spec.fix
    if fix is None or block.edit(hit.span, choices[0]) is None:
        return Finding.flag(block, hit.span, text, suggestions=choices)
    return Finding.replace(
        block,
        hit.span,
        choices[0],
        applicability=fix,
        message=text,
        title=f"Replace “{hit.text}” with “{choices[0]}”",
        suggestions=choices[1:],
    )


# --------------------------------------------------------------------------- the kinds


def existence(spec: RuleSpec, index: TriggerIndex) -> DocumentCheck:
    """Flag every occurrence of a word or phrase (`tokens`, or `patterns` as regexes)."""
    message = check_message(spec)
    matcher = _matcher(spec, list(spec.data.get("tokens", ())), "tokens", index)

    def check(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
        for block in matcher.blocks(doc):
            for hit in matcher.matches(block, ctx):
                yield Finding.flag(block, hit.span, message.format(match=hit.text))

    return check


def _options(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def substitution(spec: RuleSpec, index: TriggerIndex) -> DocumentCheck:
    """Prefer one phrase to another (`swap`), keeping the flagged text's capital in the fix."""
    message = check_message(spec)
    ignore_case = spec.flag("ignore-case", True)
    swap: Mapping[str, str | Sequence[str]] = spec.data["swap"]
    table: dict[str, tuple[str, tuple[str, ...]]] = {}  # normalized -> (as written, options)
    for key, value in swap.items():
        norm = normalize(key, ignore_case)
        if norm in table:
            raise SpecError(("swap", key), f"“{key}” is listed twice in swap")
        table[norm] = (key, _options(value))
    matcher = _matcher(spec, list(swap), "swap", index)

    def check(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
        for block in matcher.blocks(doc):
            for hit in matcher.matches(block, ctx):
                entry = table.get(normalize(hit.text, ignore_case))
                if entry is None:  # a `patterns` hit: nothing to swap in
                    message_text = message.format(match=hit.text, replacement="")
                    yield Finding.flag(block, hit.span, message_text)
                    continue
                yield _replacement_finding(spec, block, hit, entry[0], entry[1], message)

    return check


def consistency(spec: RuleSpec, index: TriggerIndex) -> DocumentCheck:
    """Either form of each `either` pair in one article, not both; fix towards `prefer`, else the
    form the article uses most (on a tie, the one it uses first)."""
    message = check_message(spec)
    ignore_case = spec.flag("ignore-case", True)
    either: Mapping[str, str] = spec.data["either"]
    side: dict[str, tuple[int, str, str]] = {}  # normalized -> (side, as written, partner)
    for left, right in either.items():
        for form, number, partner in ((left, 0, right), (right, 1, left)):
            norm = normalize(form, ignore_case)
            if norm in side:
                raise SpecError(("either", left), f"“{form}” appears twice in either")
            side[norm] = (number, form, partner)
    preferred: int | None = None
    if "prefer" in spec.data:
        prefer = normalize(spec.data["prefer"], ignore_case)
        if prefer not in side:
            raise SpecError(("prefer",), f"prefer names “{spec.data['prefer']}”, not in either")
        preferred = side[prefer][0]
    matcher = _matcher(spec, [*either.keys(), *either.values()], "either", index)

    def check(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
        hits: list[tuple[Block, Match, int, str, str]] = []
        for block in matcher.blocks(doc):
            for hit in matcher.matches(block, ctx):
                entry = side.get(normalize(hit.text, ignore_case))
                if entry is not None:
                    hits.append((block, hit, *entry))
        counts = [sum(1 for h in hits if h[2] == n) for n in (0, 1)]
        if not all(counts):
            return
        keep = preferred
        if keep is None:
            keep = hits[0][2] if counts[0] == counts[1] else int(counts[1] > counts[0])
        for block, hit, number, written, partner in hits:
            if number != keep:
                yield _replacement_finding(spec, block, hit, written, (partner,), message)

    return check


BUILDERS: dict[str, Callable[[RuleSpec, TriggerIndex], DocumentCheck]] = {
    "existence": existence,
    "substitution": substitution,
    "consistency": consistency,
}


def scope_of(spec: RuleSpec) -> frozenset[BlockKind]:
    """The block kinds a rule reads (every prose kind but alt text unless `scope` says)."""
    return _scope(spec)
