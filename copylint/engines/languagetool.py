"""LanguageTool as an engine: grammar, spelling and usage from a real server, ids `languagetool/<ID>`.

Each file is one request: its blocks' prose joined with blank lines (LanguageTool sees
paragraphs, never Markdown), sent to /v2/check; every match is split back to its block in
code points (LanguageTool counts UTF-16 units; the client converts). A match crossing a block
boundary is dropped. Only a file longer than `max-request-chars` (default 50,000 characters of
prose) is sent in several requests, split between blocks: a 20 MB file in one request would
outlast any timeout, and public servers refuse long texts (api.languagetool.org: 20,000 for
anonymous use; set `max-request-chars = 20000` there). One server serves every file of a run; `check` is thread-safe.

The server is found lazily, on the first check: the `url` given to the constructor or the
`url` option, then $COPYLINT_LANGUAGETOOL_URL, then the background server of `copylint
languagetool start`, else one is started for the run and `close()` stops it. When none can be
had (no Java, Java too old, not installed, a start that fails or times out) `check` raises
`EngineUnavailable` with one line, and so does a server that dies or errs mid-run.

Options (`[tool.copylint.languagetool]`; dashes or underscores alike):

- `url`: a LanguageTool server (local, self-hosted or https://api.languagetool.org).
- `language`: overrides copylint's `language` for LanguageTool (`en-GB`, `de-DE`…).
- `mother-tongue`: the writer's first language, for false-friend rules (`de`, `fr`…).
- `picky`: true turns on LanguageTool's picky level (more style rules).
- `disable`: rule ids (`EN_QUOTES` or `languagetool/EN_QUOTES`) to turn off.
- `enable`: rule ids to turn on, including ones copylint or LanguageTool keep off by default.
- `disable-categories` / `enable-categories`: LanguageTool category ids (`STYLE`, `TYPOS`…).
- `safe`: rule ids whose fixes are SAFE when they offer exactly one replacement.
- `heap`: the -Xmx of a server started here (default 1g; also $COPYLINT_LANGUAGETOOL_HEAP).
- `timeout`: seconds per request (default 60); `start-timeout`: seconds to start (default 60).
- `max-request-chars`: the most prose sent in one request (default 50000).

Fix safety: one replacement → UNSAFE (SAFE for rules listed in `safe`); several → DISPLAY_ONLY
with the first as the shown fix and up to five in `suggestions`; none → flagged only.

Language: plain `en` (copylint's default) checks each article in the variant its own
spellings lean to (copylint.dialect), American when they don't lean; `en-US`/`en-GB` force one.

Precision: spelling matches are dropped for words in the vocabulary, for capitalised words
inside a sentence (names LanguageTool does not know are the commonest false alarm on news
copy; a misspelt first word of a sentence is still reported), for names
the article itself uses at least twice (one use not at a sentence start), and wherever
they touch a placeholder (inline code or a URL, which reaches LanguageTool as "x"); so are
a/an and sentence-capital matches next to a placeholder, whose real text LanguageTool never
saw. `DEFAULT_DISABLED` lists rules off by default because a house rule does them better.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from copylint.diagnostics import Applicability, Category, Severity, Span
from copylint.dialect import AUTO
from copylint.document.model import Block, Document
from copylint.engines.base import EngineContext, EngineUnavailable, Finding, RuleInfo
from copylint.languagetool import server
from copylint.languagetool.client import (
    DEFAULT_TIMEOUT,
    LanguageToolClient,
    LanguageToolError,
    Match,
)
from copylint.options import parse_options

if TYPE_CHECKING:
    from copylint.config import Config

ENGINE = "languagetool"
_SEPARATOR = "\n\n"
MAX_SUGGESTIONS = 5
MAX_REQUEST_CHARS = 50_000  # a longer file goes in several requests, split between blocks

# Off by default (enable them with `enable` or by selecting their id): a house rule does
# them better, or, for the last few, they are mostly false alarms on edited prose.
DEFAULT_DISABLED: Mapping[str, str] = {
    "ENGLISH_WORD_REPEAT_RULE": "house/duplicated-word (knows “had had”, names like Bora Bora)",
    "PHRASE_REPETITION": "house/duplicated-word (repeated phrases; knows a byline line followed "
    "by a bio that starts with the same name)",
    "WHITESPACE_RULE": "house/whitespace",
    "CONSECUTIVE_SPACES": "house/whitespace",
    "COMMA_PARENTHESIS_WHITESPACE": "house/whitespace (space before punctuation)",
    "SENTENCE_WHITESPACE": "house/missing-space",
    "EN_QUOTES": "house/typography (flags straight/curly mixes, not a house choice)",
    "ELLIPSIS": "house/typography (flags mixed “...”/“…”, not every “...”)",
    "EN_DATE_WEEKDAY_CURRENTYEAR": "house/dates (takes the year from the article, not today)",
    "EN_UNPAIRED_QUOTES": "house/typography; here it flags every quotation running over several "
    "paragraphs (24 per 10,000 words of clean edited news in eval-dev)",
    # Not a house rule, only noise: 18 per 10,000 words of clean edited news, ~all false.
    "COMMA_COMPOUND_SENTENCE": "noisy on edited prose (a comma before “and” is a style choice)",
    "COMMA_COMPOUND_SENTENCE_2": "noisy on edited prose (a comma before “and” is a style choice)",
    # Style choices, not errors, on edited news copy: false flags per 10,000 words of
    # eval-dev's clean BBC articles (63,421 words) in brackets.
    "OXFORD_SPELLING_Z_NOT_S": "-ise is as British as -ize; house/consistency flags a mix (12.0)",
    "SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA": "newsroom style often drops the comma "
    "after “However”, “Meanwhile” (2.4)",
    "THE_SUPERLATIVE": "award and headline copy: “was named best new play” (2.0)",
    "EN_SPECIFIC_CASE": "titles and names in title case: “Sex And The City” (1.3)",
    "SECOND_LARGEST_HYPHEN": "“Europe's second largest”: many style books leave it open (0.9)",
    "SINGULAR_AGREEMENT_SENT_START": "British English: “the band are” (0.8)",
    "ANYMORE": "“anymore” and “any more” are both standard (0.6)",
    "CAPITALIZATION": "“western Europe”: a style-book choice (0.6)",
    "MAKER_COMPOUNDS": "“car maker” / “carmaker”: house/consistency checks the mix (0.5)",
}

# LanguageTool category id → copylint category; MISC and unknown ids go by issue type.
_CATEGORIES: Mapping[str, Category] = {
    "TYPOS": Category.SPELLING,
    "MULTITOKEN_SPELLING": Category.SPELLING,
    "PROPER_NOUNS": Category.SPELLING,
    "COMPOUNDING": Category.SPELLING,
    "GRAMMAR": Category.GRAMMAR,
    "CASING": Category.GRAMMAR,
    "PUNCTUATION": Category.PUNCTUATION,
    "TYPOGRAPHY": Category.TYPOGRAPHY,
    "STYLE": Category.STYLE,
    "REDUNDANCY": Category.STYLE,
    "PLAIN_ENGLISH": Category.STYLE,
    "WIKIPEDIA": Category.STYLE,
    "CREATIVE_WRITING": Category.STYLE,
    "TEXT_ANALYSIS": Category.STYLE,
    "REPETITIONS_STYLE": Category.STYLE,
    "TON_ACADEMIC": Category.STYLE,
    "GENDER_NEUTRALITY": Category.STYLE,
    "CONFUSED_WORDS": Category.USAGE,
    "COLLOCATIONS": Category.USAGE,
    "NONSTANDARD_PHRASES": Category.USAGE,
    "SEMANTICS": Category.USAGE,
    "AMERICAN_ENGLISH_STYLE": Category.USAGE,
    "BRITISH_ENGLISH": Category.USAGE,
    "FALSE_FRIENDS": Category.USAGE,
    "REGIONALISMS": Category.USAGE,
    "REPETITIONS": Category.DUPLICATION,
}
_ISSUE_TYPES: Mapping[str, Category] = {
    "misspelling": Category.SPELLING,
    "grammar": Category.GRAMMAR,
    "typographical": Category.TYPOGRAPHY,
    "whitespace": Category.SPACING,
    "duplication": Category.DUPLICATION,
    "inconsistency": Category.CONSISTENCY,
    "style": Category.STYLE,
    "register": Category.STYLE,
    "locale-violation": Category.USAGE,
}
_RULE_CATEGORIES: Mapping[str, Category] = {
    "EN_A_VS_AN": Category.GRAMMAR,
    "WHITESPACE_RULE": Category.SPACING,
    "CONSECUTIVE_SPACES": Category.SPACING,
    "COMMA_PARENTHESIS_WHITESPACE": Category.SPACING,
    "SENTENCE_WHITESPACE": Category.SPACING,
    "ENGLISH_WORD_REPEAT_RULE": Category.DUPLICATION,
    "EN_DATE_WEEKDAY": Category.DATES,
    "EN_DATE_WEEKDAY_CURRENTYEAR": Category.DATES,
    "INVALID_DATE": Category.DATES,
    "DATE_NEW_YEAR": Category.DATES,
}
_SPELLER = re.compile(r"^(MORFOLOGIK_RULE|HUNSPELL_RULE|SPELLER_RULE)|_SPELLER_RULE$|SPELLING")
# Rules that judge the word next to them: a placeholder "x" hides that word's real text.
_NEEDS_NEXT_WORD = frozenset({"EN_A_VS_AN", "UPPERCASE_SENTENCE_START"})
_INFO_CATEGORIES = frozenset(
    {Category.STYLE, Category.TYPOGRAPHY, Category.SPACING, Category.CONSISTENCY}
)

_NEXT_WORD = re.compile(r"\s*(\S+)")
_WORD = re.compile(r"[^\W\d_](?:[\w’'\-.]*[^\W_])?")
_OPENERS = frozenset("\"“‘'([")  # may stand between a sentence's end and its first word
_SENTENCE_END = frozenset(".!?:…")


def opens_sentence(text: str, start: int) -> bool:
    """Whether text[start] begins a sentence: only spaces, quote marks and brackets stand
    between it and the start of the text, a line break, or sentence punctuation followed by a
    space. Looks back over that short run only, so a long paragraph costs linear time."""
    i = start
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in _OPENERS):
        i -= 1
    run = text[i:start]
    if i == 0 or "\n" in run:
        return True
    return text[i - 1] in _SENTENCE_END and run[:1].isspace()


def category_of(match: Match) -> Category:
    rule = _RULE_CATEGORIES.get(match.rule_id)
    if rule is not None:
        return rule
    if _SPELLER.search(match.rule_id):
        return Category.SPELLING
    if match.category_id in _CATEGORIES:
        if match.category_id == "TYPOGRAPHY" and match.issue_type == "whitespace":
            return Category.SPACING
        if match.category_id == "SEMANTICS" and "DATE" in match.rule_id:
            return Category.DATES
        return _CATEGORIES[match.category_id]
    return _ISSUE_TYPES.get(match.issue_type, Category.USAGE)


def severity_of(category: Category) -> Severity:
    return Severity.INFO if category in _INFO_CATEGORIES else Severity.WARNING


def _bare(rule: str) -> str:
    return rule.split("/", 1)[1] if rule.startswith(f"{ENGINE}/") else rule


@dataclass(frozen=True, slots=True)
class Options:
    """The `[tool.copylint.languagetool]` table (see the module docstring), checked at load."""

    url: str | None = None
    language: str | None = None
    mother_tongue: str | None = None
    picky: bool = False
    disable: frozenset[str] = frozenset()
    enable: frozenset[str] = frozenset()
    disable_categories: frozenset[str] = frozenset()
    enable_categories: frozenset[str] = frozenset()
    safe: frozenset[str] = frozenset()
    heap: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    start_timeout: float = server.DEFAULT_START_TIMEOUT
    max_request_chars: int = MAX_REQUEST_CHARS

    def __post_init__(self) -> None:
        for key in ("disable", "enable", "safe"):  # "languagetool/EN_QUOTES" or "EN_QUOTES"
            object.__setattr__(self, key, frozenset(_bare(r) for r in getattr(self, key)))
        for key in ("timeout", "start_timeout"):
            if getattr(self, key) <= 0:
                raise ValueError(f"{key.replace('_', '-')}: must be more than 0 seconds")
        if self.max_request_chars < 1:
            raise ValueError("max-request-chars must be at least 1")
        if self.heap is not None and not _HEAP.fullmatch(self.heap):
            raise ValueError(
                f"heap: expected a Java heap size like '1g' or '512m', not {self.heap!r}"
            )
        if self.url is not None and not self.url.strip():
            raise ValueError("url: expected a server address, not an empty string")

    @classmethod
    def parse(cls, table: Mapping[str, Any] | None, where: str = "options") -> Options:
        """The options from a table (as in the config file); ConfigError names the key."""
        return parse_options(cls, dict(table or {}), where, "tool.copylint.languagetool")

    @property
    def disabled_rules(self) -> frozenset[str]:
        return (frozenset(DEFAULT_DISABLED) | self.disable) - self.enable


_HEAP = re.compile(r"[1-9][0-9]*[kKmMgG]?")


class LanguageToolEngine:
    """Findings from a LanguageTool server; one instance serves a whole run."""

    name = ENGINE

    def __init__(
        self, options: Options | Mapping[str, Any] | None = None, url: str | None = None
    ) -> None:
        self._options = options if isinstance(options, Options) else Options.parse(options)
        self._url = url or self._options.url
        self._lock = threading.Lock()
        self._client: LanguageToolClient | None = None
        self._failure: str | None = None
        self._stack = ExitStack()

    # The server ---------------------------------------------------------------------------

    def _connect(self) -> LanguageToolClient:
        """The client, resolving (and perhaps starting) the server on first use."""
        with self._lock:
            if self._client is not None:
                return self._client
            if self._failure is not None:
                raise EngineUnavailable(self._failure)
            try:
                url = self._stack.enter_context(
                    server.server_for_run(
                        self._url,
                        heap=self._options.heap,
                        timeout=self._options.start_timeout,
                    )
                )
            except server.ServerError as e:
                self._failure = str(e)
                raise EngineUnavailable(self._failure) from None
            self._client = LanguageToolClient(url, timeout=self._options.timeout)
            return self._client

    def server_url(self) -> str:
        """The server's URL, starting one for the run if needed (for worker processes to share)."""
        return self._connect().url

    def shared_options(self) -> Options:
        """These options at this engine's server, started once here for worker processes."""
        return dataclasses.replace(self._options, url=self.server_url())

    def close(self) -> None:
        """Stop the server if this engine started it."""
        with self._lock:
            self._client = None
            self._stack.close()

    # Rules --------------------------------------------------------------------------------

    def rules(self) -> Iterable[RuleInfo]:
        for rule_id, (category, summary) in KNOWN_RULES.items():
            yield RuleInfo(
                id=f"{ENGINE}/{rule_id}",
                category=category,
                severity=severity_of(category),
                fix=Applicability.SAFE if rule_id in self._options.safe else Applicability.UNSAFE,
                summary=summary,
                doc=_rule_doc(rule_id),
                enabled=rule_id not in self._options.disabled_rules,
            )

    # Checking -----------------------------------------------------------------------------

    def check(self, doc: Document, ctx: EngineContext) -> Iterator[Finding]:
        options = self._options
        blocks = [b for b in doc.blocks if b.text.strip()]
        if not blocks:
            return iter(())
        client = self._connect()
        setting = options.language or ctx.language or "en"
        # The article's own leaning, the one dialect decision the house rules read too.
        language = setting if setting.lower() not in AUTO else doc.analysis.leaning or "en-US"
        named = frozenset(
            rule
            for rule in DEFAULT_DISABLED
            if _selected(ctx, f"{ENGINE}/{rule}", default_on=False)
        )
        located: list[tuple[Block, Match]] = []
        for chunk in _chunks(blocks, options.max_request_chars):
            starts: list[int] = []
            offset = 0
            for block in chunk:
                starts.append(offset)
                offset += len(block.text) + len(_SEPARATOR)
            try:
                matches = client.check(
                    _SEPARATOR.join(b.text for b in chunk),
                    language,
                    mother_tongue=options.mother_tongue,
                    enabled_rules=options.enable | named,
                    disabled_rules=options.disabled_rules - named,
                    enabled_categories=options.enable_categories,
                    disabled_categories=options.disable_categories,
                    picky=options.picky,
                )
            except LanguageToolError as e:
                raise EngineUnavailable(str(e)) from None
            for match in matches:
                i = bisect_right(starts, match.offset) - 1
                if i >= 0:
                    located.append((chunk[i], _shifted(match, -starts[i])))
        names = _NameIndex(blocks)
        vocabulary = _Vocabulary(ctx.vocabulary)
        findings: list[Finding] = []
        for block, match in located:
            start, end = match.offset, match.end
            if start >= len(block.text) or end > len(block.text):
                continue  # in the separator, or across two blocks
            span = Span(start, end)
            category = category_of(match)
            if (
                category is Category.SPELLING
                and (
                    _capitalised_mid_sentence(block.text, start)  # a name, or a word of a title
                    or _looks_like_a_name(block.text, span)
                    or block.touches_placeholder(span)
                    or vocabulary.accepts(block.text, span)
                    or names.is_name(block.text[start:end])
                )
            ):
                continue
            if match.rule_id in _NEEDS_NEXT_WORD and _placeholder_near(block, span):
                continue
            if not _selected(ctx, f"{ENGINE}/{match.rule_id}", default_on=True):
                continue
            findings.append(self._finding(block, span, match, category, options))
        return iter(findings)

    def _finding(
        self, block: Block, span: Span, match: Match, category: Category, options: Options
    ) -> Finding:
        suggestions = tuple(dict.fromkeys(match.replacements))[:MAX_SUGGESTIONS]
        common: dict[str, Any] = {
            "rule": f"{ENGINE}/{match.rule_id}",
            "severity": severity_of(category),
            "category": category,
            "suggestions": suggestions,
        }
        message = match.message or match.short_message or match.rule_description
        if not suggestions:
            return Finding.flag(block, span, message, **common)
        if len(suggestions) == 1:
            safety = Applicability.SAFE if match.rule_id in options.safe else Applicability.UNSAFE
        else:
            safety = Applicability.DISPLAY_ONLY
        found = block.text[span.start : span.end]
        first = suggestions[0]
        title = f"Replace “{found}” with “{first}”" if first else f"Remove “{found}”"
        return Finding.replace(
            block, span, first, applicability=safety, message=message, title=title, **common
        )


def _chunks(blocks: list[Block], limit: int) -> Iterator[list[Block]]:
    """Consecutive blocks, joined size at most `limit` (a longer block goes alone)."""
    chunk: list[Block] = []
    size = 0
    for block in blocks:
        extra = len(block.text) + (len(_SEPARATOR) if chunk else 0)
        if chunk and size + extra > limit:
            yield chunk
            chunk, size, extra = [], 0, len(block.text)
        chunk.append(block)
        size += extra
    if chunk:
        yield chunk


def _shifted(match: Match, by: int) -> Match:
    return dataclasses.replace(match, offset=match.offset + by)


def _selected(ctx: EngineContext, rule: str, *, default_on: bool) -> bool:
    """ctx.is_selected, called with `default_on` when it takes one (config.Selection does)."""
    chosen = ctx.is_selected
    if chosen is None:
        return default_on
    try:
        return bool(chosen(rule, default_on=default_on))
    except TypeError:  # a plain predicate: a default-off rule needs more than the engine prefix
        return bool(chosen(rule)) and default_on


def _capitalised_mid_sentence(text: str, start: int) -> bool:
    """A capitalised word that does not open a sentence: a name LanguageTool may not know."""
    if not text[start : start + 1].isupper():
        return False
    before = text[:start].rstrip(" \t\n\"'“‘([")
    return bool(before) and before[-1] not in ".!?:…"


def _looks_like_a_name(text: str, span: Span) -> bool:
    """A capitalised word opening a sentence that is still a name: the next word is
    capitalised too ("Herve Gaymard"), or it has an inner capital or hyphen ("McKendry",
    "A-listers"). "Teh cat sat." stays a misspelling, even twice (_NameIndex wants one use
    inside a sentence before it takes a word for a name)."""
    word = text[span.start : span.end]
    if not word[:1].isupper():
        return False
    if any(c.isupper() or c == "-" for c in word[1:]):
        return True
    after = _NEXT_WORD.match(text, span.end)
    return after is not None and after[1][:1].isupper()


def _placeholder_near(block: Block, span: Span) -> bool:
    """Whether the span or the word right after it stands for code or a URL."""
    if block.touches_placeholder(span):
        return True
    m = _NEXT_WORD.match(block.text, span.end)
    return m is not None and block.touches_placeholder(Span(m.start(1), m.end(1)))


class _Vocabulary:
    """The configured accepted words and names, as spelling sees them."""

    def __init__(self, words: Iterable[str]) -> None:
        self.exact = frozenset(w for w in words if " " not in w)
        self.lower = frozenset(w.lower() for w in self.exact if w.islower())
        self.phrases = tuple(re.compile(rf"(?<!\w){re.escape(w)}(?!\w)") for w in words if " " in w)

    def accepts(self, text: str, span: Span) -> bool:
        word = re.sub(r"[’']s$", "", text[span.start : span.end])
        if word in self.exact or word.lower() in self.lower:
            return True
        return any(
            m.start() <= span.start and span.end <= m.end()
            for phrase in self.phrases
            for m in phrase.finditer(text)
        )


class _NameIndex:
    """Capitalised words the article uses at least twice, once not at a sentence start."""

    def __init__(self, blocks: Iterable[Block]) -> None:
        counts: Counter[str] = Counter()
        mid_sentence: set[str] = set()
        for block in blocks:
            for m in _WORD.finditer(block.text):
                word = m[0].rstrip(".")
                if not any(c.isupper() for c in word):
                    continue
                counts[word] += 1
                if not opens_sentence(block.text, m.start()):
                    mid_sentence.add(word)
        self._names = frozenset(w for w, n in counts.items() if n >= 2 and w in mid_sentence)

    def is_name(self, text: str) -> bool:
        words = [w.rstrip(".") for w in _WORD.findall(re.sub(r"[’']s\b", "", text))]
        return bool(words) and all(w in self._names and any(c.isupper() for c in w) for w in words)


def _rule_doc(rule_id: str) -> str:
    reason = DEFAULT_DISABLED.get(rule_id)
    base = (
        f"LanguageTool's {rule_id} rule; see https://community.languagetool.org/rule/show/"
        f"{rule_id}?lang=en"
    )
    return f"{base}\n\nOff by default: {reason}." if reason else base


# Rules copylint knows by name (LanguageTool has thousands; every one it reports gets an id
# `languagetool/<ID>` whether listed here or not). `copylint rules` lists these.
KNOWN_RULES: Mapping[str, tuple[Category, str]] = {
    "MORFOLOGIK_RULE_EN_US": (Category.SPELLING, "Possible spelling mistake (American English)."),
    "MORFOLOGIK_RULE_EN_GB": (Category.SPELLING, "Possible spelling mistake (British English)."),
    "EN_A_VS_AN": (Category.GRAMMAR, "“a” or “an” before the next word's sound."),
    "HE_VERB_AGR": (Category.GRAMMAR, "A verb that does not agree with he/she/it."),
    "UPPERCASE_SENTENCE_START": (Category.GRAMMAR, "A sentence starting in lowercase."),
    "EN_CONTRACTION_SPELLING": (Category.SPELLING, "A contraction missing its apostrophe."),
    "EN_SPECIFIC_CASE": (Category.GRAMMAR, "A name or term with the wrong capitals."),
    "EN_COMPOUNDS": (Category.SPELLING, "A compound written apart or hyphenated wrongly."),
    "PHRASE_REPETITION": (Category.GRAMMAR, "Two words repeated (“at the at the”)."),
    "EN_UNPAIRED_BRACKETS": (Category.PUNCTUATION, "An unpaired bracket or quotation mark."),
    "EN_UNPAIRED_QUOTES": (Category.PUNCTUATION, "An unpaired quotation mark."),
    "DOUBLE_PUNCTUATION": (Category.PUNCTUATION, "Two punctuation marks in a row."),
    "EN_DATE_WEEKDAY": (Category.DATES, "A weekday that does not match its date."),
    "INVALID_DATE": (Category.DATES, "A date that does not exist (“February 30”)."),
    "TOO_LONG_SENTENCE": (Category.STYLE, "A very long sentence."),
    **{
        rule: (
            _RULE_CATEGORIES.get(rule)
            or (
                Category.PUNCTUATION if rule.startswith(("COMMA_COMPOUND", "EN_UNPAIRED")) else None
            )
            or Category.TYPOGRAPHY,
            f"Off by default; {reason}.",
        )
        for rule, reason in DEFAULT_DISABLED.items()
    },
}


def build(config: Config) -> LanguageToolEngine:
    return LanguageToolEngine(config.options_of(ENGINE))


def version(config: Config) -> str:
    """The server that would answer: by URL when one is given (it is not asked), else the
    running background server's version, else the newest local install's; never started."""
    import os
    import shutil
    from importlib import metadata

    from copylint.engines.all_engines import UNAVAILABLE

    options: Options = config.options_of(ENGINE)
    try:
        client = f"language-tool-python {metadata.version('language-tool-python')}"
    except metadata.PackageNotFoundError:
        client = f"language-tool-python {UNAVAILABLE}"
    url = options.url or os.environ.get(server.URL_ENV)
    if url:
        return f"url {server.normalize_url(url)}; {client}"
    running = server.status()
    try:
        found = running.version if running else server.find_install().version
    except server.ServerError:
        found = UNAVAILABLE
    if running is None and found != UNAVAILABLE and shutil.which("java") is None:
        found = f"{found}, {UNAVAILABLE}: no java"
    return f"{found}; {client}"


def rules(config: Config) -> Iterable[RuleInfo]:
    return LanguageToolEngine(config.options_of(ENGINE)).rules()
