"""Flag one term written two ways in one article: "US" and "U.S.", "e-mail" and "email".

Five rules, one per check: `house/consistency/abbreviations`, `…/compounds`,
`…/spelling-variant`, `…/capitals` and `…/names`; `house/consistency` selects them all.

What it flags
    Variants of one term inside one article, found without a list of terms:

    - dotted and undotted abbreviations: "U.S."/"US", "U.K."/"UK", "Mr."/"Mr";
    - hyphenated and closed compounds: "cyber-attacks"/"cyberattacks", "e-mail"/"emailing";
    - British and American spellings mixed: "organise"/"organize", "colour"/"color"
      (the word pairs come from the `breame` package, less a few pairs that are two words
      in British English, such as "program" and "practice");
    - a capitalised word mid-sentence where the article writes it in lower case elsewhere
      ("Presidential"/"presidential");
    - a name spelled two ways ("Navalny"/"Navalni").

    The minority form is flagged; the fix writes the form the house prefers (the `prefer`
    option), or else the form the article uses most. When two forms are used equally often,
    every occurrence is flagged and none is fixed, unless a preference decides.

Why
    A reader notices "US" in one paragraph and "U.S." in the next, and wonders whether the
    writer took care elsewhere.

What it leaves alone
    "us" the pronoun (and "US" inside a line in capitals); a capital that starts a sentence,
    a heading or a list item; short quotations (titles, cited phrases: up to five words), whose
    wording is not the writer's; capitalisation inside any quotation; image alt text.

Options (`[tool.copylint.rules.consistency]`, parsed into `ConsistencyOptions` at load)
    prefer: a table from a term to its house form, e.g. `{"email" = "email", "US" = "U.S."}`;
        the key is matched without case, dots, hyphens or spaces.
    spelling: "en-GB" or "en-US" to force one spelling; default: the article's majority,
        and `--language` when the two are tied.

Fix safety
    Safe where only the written form changes: dots, hyphens, a lowercase dialect spelling
    towards the configured language. Unsafe for names, capitalised words (a spelling may belong
    to a name, as in "Media Center"), "re-" compounds ("re-sign"/"resign"), a dialect spelling
    against the configured language, and dots at a possible sentence end.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache

from copylint.diagnostics import Applicability, Category, Span
from copylint.dialect import AUTO
from copylint.dialect import NOT_DIALECT as _NOT_DIALECT
from copylint.document.model import PLACEHOLDER, Block, BlockKind, Document
from copylint.engines.base import EngineContext, Finding
from copylint.house.rule import Example, document_rule
from copylint.house.words import table as words_table

# Rewrites one occurrence's text into the target form: (replacement, edit span, safety).
Rewrite = Callable[["_Occurrence", str], tuple[str, Span, Applicability]]

_SHORT_QUOTE_WORDS = 5


@dataclass(frozen=True, slots=True)
class _Occurrence:
    """One written form of a term at one place."""

    block: Block
    span: Span
    form: str  # the variant, as the group compares it ("U.S.", "US", "cyber-attack"…)

    @property
    def position(self) -> tuple[int, int]:
        """Where it sits in the article, for "used first"."""
        return (self.block.index, self.span.start)

    @property
    def text(self) -> str:
        return self.block.text[self.span.start : self.span.end]


@dataclass(slots=True)
class _Group:
    """Every occurrence of one term, in whatever form it was written."""

    key: str  # normalised: lower-case letters only
    what: str  # "abbreviation", "compound", "spelling", "capitalisation", "name"
    rewrite: Rewrite
    occurrences: list[_Occurrence] = field(default_factory=list)
    fixable: bool = True  # names: never a safe fix

    @property
    def forms(self) -> Counter[str]:
        return Counter(o.form for o in self.occurrences)


# --- the prose view ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Quote:
    start: int
    end: int
    words: int

    @property
    def short(self) -> bool:
        return self.words <= _SHORT_QUOTE_WORDS


_OPENERS = {"“": "”", '"': '"', "‘": "’", "'": "'"}


_QUOTE_MARK = re.compile("[“\"‘']")
_SINGLE_CLOSER = {"’": re.compile("[’\n]"), "'": re.compile("['\n]")}


def _quotes(text: str) -> list[_Quote]:
    """Quoted stretches of one block; an unclosed quotation runs to the block's end."""
    found: list[_Quote] = []
    n = len(text)
    i = 0
    while (m := _QUOTE_MARK.search(text, i)) is not None:
        i = m.start()
        ch = text[i]
        closer = _OPENERS[ch]
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < n else " "
        if after.isspace() or (before.isalnum() and ch in "'’‘"):
            i += 1
            continue
        if ch in "'‘" and not (before.isspace() or before in '([{"“—–-'):
            i += 1
            continue
        if ch in "'‘":
            # a single quote closes at a mark not followed by a letter ("don’t" goes on),
            # or gives up at the end of the line
            closing = _SINGLE_CLOSER[closer]
            j = i + 1
            while (c := closing.search(text, j)) is not None:
                j = c.start()
                if text[j] == "\n" or not (j + 1 < n and text[j + 1].isalpha()):
                    break
                j += 1
            else:
                j = n
        else:
            j = text.find(closer, i + 1)
            if j < 0:
                j = n
        end = min(j + 1, n)
        found.append(_Quote(i, end, len(text[i:end].split())))
        i = end
    return found


def _in(quotes: Sequence[_Quote], span: Span) -> _Quote | None:
    for q in quotes:
        if q.start < span.end and span.start < q.end:
            return q
    return None


_SENTENCE_START = re.compile(r"(?:^|[.!?:;…\n]|[\"“‘'(\[—–•●▪◦■-]\s*)\s*$")


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - 4) : start]))


def _blocks(doc: Document) -> Iterator[Block]:
    for block in doc.blocks:
        if block.kind is not BlockKind.ALT:
            yield block


def _case_like(model: str, word: str) -> str:
    """`word` with the capitals of `model` ("Colour" → "Color")."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _norm(term: str) -> str:
    return re.sub(r"[^a-z]", "", term.lower())


# An alternation of a few words finds them at C speed, but costs a compilation: worth it for
# at most this many words, in an article of at least this many characters.
_ALTERNATION_WORDS = 64
_ALTERNATION_TEXT = 4000


def _finder(
    general: re.Pattern[str], template: str, words: AbstractSet[str], size: int
) -> Callable[[str], Iterator[re.Match[str]]]:
    """The matches of `general` whose group 1 is one of `words`, in the texts of an article of
    `size` characters; `template` is `general` with "{}" in place of its group's pattern."""
    if not words:
        return lambda text: iter(())
    if len(words) <= _ALTERNATION_WORDS and size >= _ALTERNATION_TEXT:
        ordered = sorted(words, key=lambda w: (-len(w), w))
        return re.compile(template.format("|".join(map(re.escape, ordered)))).finditer

    def scan(text: str) -> Iterator[re.Match[str]]:
        return (m for m in general.finditer(text) if m[1] in words)

    return scan


# --- abbreviations: "U.S." / "US", "Mr." / "Mr" ------------------------------------------------

_DOTTED = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,})(?![\w])")
_UNDOTTED = re.compile(r"(?<![\w.’'&/])([A-Z]{2,4})(?![\w’'&/]|\.\w)")
_TITLES = "Mr|Mrs|Ms|Dr|Prof|Sgt|Gen|Capt|Rev"
_TITLE = re.compile(rf"\b({_TITLES})(\.?)(?= [A-Z])")
_STARTERS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "although",
        "an",
        "and",
        "as",
        "at",
        "because",
        "before",
        "but",
        "by",
        "despite",
        "even",
        "for",
        "from",
        "he",
        "her",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "it",
        "its",
        "just",
        "many",
        "meanwhile",
        "more",
        "most",
        "mr",
        "mrs",
        "ms",
        "no",
        "not",
        "on",
        "one",
        "only",
        "our",
        "over",
        "she",
        "since",
        "so",
        "some",
        "that",
        "the",
        "their",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "to",
        "under",
        "until",
        "we",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "why",
        "with",
        "without",
        "yet",
    ]
)


def _capitals_line(text: str, span: Span) -> bool:
    """Whether the word sits among words in capitals ("LET US GO"): then it is not an acronym."""
    before = re.findall(r"[A-Za-z]+", text[max(0, span.start - 30) : span.start])[-1:]
    after = re.findall(r"[A-Za-z]+", text[span.end : span.end + 30])[:1]
    return any(w.isupper() and len(w) > 1 for w in before + after)


def _next_word(text: str, end: int) -> str | None:
    """The word after `end` when only spaces lie between, "" at the end of the block or line."""
    rest = text[end:]
    if not rest.strip(" \t") or rest.lstrip(" \t").startswith("\n"):
        return ""
    m = re.match(r"[ \t]+([\"“‘'(]?)(\w+)", rest)
    if m is None:
        return None
    return m[2] if not m[1] else ""


def _rewrite_abbreviation(occ: _Occurrence, target: str) -> tuple[str, Span, Applicability]:
    text = occ.block.text
    span = occ.span
    safety = Applicability.SAFE
    if re.fullmatch(_TITLES, occ.form.rstrip(".")):
        return target, span, safety  # "Mr. Brown": the dot never ends the sentence
    if occ.form.endswith(".") and not target.endswith("."):
        nxt = _next_word(text, span.end)
        # "in the U.S. The…": the last dot also ends the sentence and must stay.
        if nxt == "" and (span.end == len(text) or text[span.end] in " \t\n"):
            return target + ".", span, safety
        if nxt and nxt[0].isupper():
            if nxt.lower() in _STARTERS:
                return target + ".", span, Applicability.UNSAFE
            safety = Applicability.UNSAFE
    elif target.endswith(".") and text[span.end : span.end + 1] == ".":
        span = Span(span.start, span.end + 1)  # "the US." → "the U.S." absorbs the full stop
    return target, span, safety


def _abbreviations(blocks: Sequence[Block], quoted: Sequence[list[_Quote]]) -> list[_Group]:
    groups: dict[str, _Group] = {}

    def add(key: str, block: Block, span: Span, form: str) -> None:
        group = groups.setdefault(key, _Group(key, "abbreviation", _rewrite_abbreviation))
        group.occurrences.append(_Occurrence(block, span, form))

    for block, quotes in zip(blocks, quoted, strict=True):
        text = block.text
        for m in _DOTTED.finditer(text):
            span = Span(*m.span(1))
            if _short_quoted(quotes, span):
                continue
            add(_norm(m[1]), block, span, m[1])
        for m in _UNDOTTED.finditer(text):
            span = Span(*m.span(1))
            if _short_quoted(quotes, span) or _capitals_line(text, span):
                continue
            if m[1] == PLACEHOLDER.upper():
                continue
            add(_norm(m[1]), block, span, m[1])
        for m in _TITLE.finditer(text):
            span = Span(m.start(1), m.end(2))
            if _short_quoted(quotes, span):
                continue
            add(_norm(m[1]) + ".title", block, span, m[1] + m[2])
    return list(groups.values())


def _short_quoted(quotes: Sequence[_Quote], span: Span) -> bool:
    q = _in(quotes, span)
    return q is not None and q.short


# --- compounds: "cyber-attack" / "cyberattack" ---------------------------------------------------

_HYPHENATED = re.compile(r"(?<![\w-])([A-Za-z]{1,12}(?:-[A-Za-z]{2,12})+)(?![\w-])")
_WORD_TEMPLATE = r"(?<![\w.@-])({})(?![\w@-]|\.[A-Za-z])"
_WORD = re.compile(_WORD_TEMPLATE.format("[A-Za-z]{3,30}"))
_SUFFIXES = ("", "s", "es", "ed", "d", "ing", "er", "ers")


def _stems(joined: str) -> Iterator[str]:
    low = joined.lower()
    for suffix in _SUFFIXES:
        if suffix and not low.endswith(suffix):
            continue
        stem = low[: len(low) - len(suffix)] if suffix else low
        if len(stem) < 4:
            continue
        if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh")):
            continue
        yield stem


def _hyphen_form(word: str, stem_len: int) -> str:
    """The stem with the word's hyphens in place: "e-mails" → "e-mail"."""
    out: list[str] = []
    letters = 0
    for ch in word.lower():
        if ch == "-":
            out.append("-")
            continue
        if letters == stem_len:
            break
        out.append(ch)
        letters += 1
    return "".join(out).strip("-")


def _rewrite_compound(occ: _Occurrence, target: str) -> tuple[str, Span, Applicability]:
    word = occ.text
    letters = [c for c in word if c != "-"]
    out: list[str] = []
    k = 0
    for ch in target:
        if ch == "-":
            out.append("-")
        else:
            out.append(letters[k])
            k += 1
    out.extend(letters[k:])
    safety = Applicability.SAFE
    if occ.form.startswith("re-") or target.startswith("re-") or word[:1].isupper():
        safety = Applicability.UNSAFE  # "re-sign"/"resign"; a capital may be a name
    return "".join(out), occ.span, safety


def _compounds(
    blocks: Sequence[Block], quoted: Sequence[list[_Quote]], vocabulary: AbstractSet[str], size: int
) -> list[_Group]:
    hyphenated: list[list[tuple[Span, str]]] = [[] for _ in blocks]
    stems: set[str] = set()
    for found, block, quotes in zip(hyphenated, blocks, quoted, strict=True):
        if "-" not in block.text:
            continue
        for m in _HYPHENATED.finditer(block.text):
            if _short_quoted(quotes, Span(*m.span(1))):
                continue
            found.append((Span(*m.span(1)), m[1]))
            stems.update(_stems(m[1].replace("-", "")))
    if not stems:
        return []
    groups: dict[str, _Group] = {}

    def add(stem: str, block: Block, span: Span, form: str) -> None:
        group = groups.setdefault(stem, _Group(stem, "compound", _rewrite_compound))
        group.occurrences.append(_Occurrence(block, span, form))

    known: dict[str, str | None] = {}

    def stem_of(word: str) -> str | None:
        if word not in known:
            found = [s for s in _stems(word.replace("-", "")) if s in stems]
            known[word] = min(found, key=len) if found else None
        return known[word]

    prefixes = {s[:4] for s in stems}  # every stem has at least four letters

    def _may_share(word: str) -> bool:
        return word[:4].lower() in prefixes

    # Only words that share a stem with a hyphenated compound can join a group.
    words = _finder(
        _WORD, _WORD_TEMPLATE, {w for w in vocabulary if _may_share(w) and stem_of(w)}, size
    )
    for found, block, quotes in zip(hyphenated, blocks, quoted, strict=True):
        spans = list(found)
        spans.extend((Span(*m.span(1)), m[1]) for m in words(block.text))
        for span, word in sorted(spans, key=lambda s: s[0].start):
            if "-" not in word and _short_quoted(quotes, span):
                continue
            if word[:1].isupper() and not _sentence_initial(block.text, span.start):
                continue  # "Email Systems": a name keeps its own spelling
            stem = stem_of(word)
            if stem is None:
                continue
            form = _hyphen_form(word, len(stem)) if "-" in word else stem
            add(stem, block, span, form)
    return list(groups.values())


# --- British and American spelling ---------------------------------------------------------------

# Pairs where the "American" word is also a British word with its own meaning, or the
# "British" one is common American usage: counting them would misread the dialect.


@cache
def _dialect_pairs() -> tuple[Mapping[str, str], Mapping[str, str]]:
    """(British → American, American → British), lower case."""
    from breame.data.spelling_constants import (
        AMERICAN_ENGLISH_SPELLINGS,
        BRITISH_ENGLISH_SPELLINGS,
    )

    gb = {k: v for k, v in BRITISH_ENGLISH_SPELLINGS.items() if k not in _NOT_DIALECT}
    us = {k: v for k, v in AMERICAN_ENGLISH_SPELLINGS.items() if k not in _NOT_DIALECT}
    return gb, us


def _dialect(language: str) -> str:
    return (
        "GB" if language.lower().replace("_", "-") in {"en-gb", "en-au", "en-nz", "en-ie"} else "US"
    )


def _spelling(
    blocks: Sequence[Block], quoted: Sequence[list[_Quote]], vocabulary: AbstractSet[str], size: int
) -> _Group | None:
    gb, us = _dialect_pairs()
    dialectal = {w for w in vocabulary if w.lower() in gb or w.lower() in us}
    if not dialectal:
        return None
    group = _Group("spelling", "spelling", _rewrite_spelling)
    capitalised = {w for w in dialectal if w[0].isupper()}
    names = _capitalised_mid_sentence(blocks, capitalised, size)
    words = _finder(_WORD, _WORD_TEMPLATE, dialectal, size)
    for block, quotes in zip(blocks, quoted, strict=True):
        for m in words(block.text):
            span = Span(*m.span(1))
            low = m[1].lower()
            if _short_quoted(quotes, span):
                continue
            if low in names:
                continue  # "Media Center", "World Health Organization", "Griffin": names
            group.occurrences.append(_Occurrence(block, span, "GB" if low in gb else "US"))
    return group if group.occurrences else None


def _rewrite_spelling(occ: _Occurrence, target: str) -> tuple[str, Span, Applicability]:
    gb, us = _dialect_pairs()
    word = occ.text
    other = (us if target == "GB" else gb)[word.lower()]
    safety = Applicability.UNSAFE if word[:1].isupper() else Applicability.SAFE
    return _case_like(word, other), occ.span, safety


def _capitalised_mid_sentence(
    blocks: Sequence[Block], words: AbstractSet[str], size: int
) -> frozenset[str]:
    """Which of `words` (capitalised) the article writes mid-sentence somewhere, in lower case:
    likely names."""
    found: set[str] = set()
    occurrences = _finder(_WORD, _WORD_TEMPLATE, words, size)
    for block in blocks:
        for m in occurrences(block.text):
            if not _sentence_initial(block.text, m.start(1)):
                found.add(m[1].lower())
    return frozenset(found)


# --- capitalisation mid-sentence: "Presidential" / "presidential" --------------------------------


def _rewrite_case(occ: _Occurrence, target: str) -> tuple[str, Span, Applicability]:
    return target, occ.span, Applicability.UNSAFE


class _Speller:
    """pyspellchecker's known()/unknown() over the word list copylint.house.words already
    holds (one copy of the dictionary per process, not two)."""

    def known(self, words: Iterable[str]) -> set[str]:
        table = words_table()
        return {w.lower() for w in words if w.lower() in table}

    def unknown(self, words: Iterable[str]) -> set[str]:
        table = words_table()
        return {w.lower() for w in words if w.lower() not in table}


@cache
def _speller() -> _Speller:
    return _Speller()


_CASE_TEMPLATE = r"(?<![\w'’.@-])({})(?![\w'’@-]|\.[A-Za-z])"
_CASE_WORD = re.compile(_CASE_TEMPLATE.format("[A-Za-z][a-z]{3,}"))
_CAPITALISED = re.compile(_CASE_TEMPLATE.format("[A-Z][a-z]{3,}"))


def _capitalisation(
    blocks: Sequence[Block], quoted: Sequence[list[_Quote]], size: int
) -> list[_Group]:
    """Lower-case words that the article also capitalises alone, mid-sentence."""
    prose = [(b, q) for b, q in zip(blocks, quoted, strict=True) if b.kind is not BlockKind.HEADING]
    # First the capitals, which are few; then the lower-case forms of only those words.
    capitals: dict[str, list[_Occurrence]] = {}
    for block, quotes in prose:
        text = block.text
        for m in _CAPITALISED.finditer(text):
            span = Span(*m.span(1))
            word = m[1]
            if _in(quotes, span) or _sentence_initial(text, span.start):
                continue
            if _in_name(text, span) or word.lower() in _STARTERS:
                continue
            capitals.setdefault(word.lower(), []).append(_Occurrence(block, span, word))
    if not capitals:
        return []
    known = _speller().known(capitals)
    lower: dict[str, list[_Occurrence]] = {key: [] for key in capitals if key in known}
    words = _finder(_CASE_WORD, _CASE_TEMPLATE, lower.keys(), size)
    for block, quotes in prose:
        text = block.text
        for m in words(text):
            span = Span(*m.span(1))
            if _in(quotes, span) or _sentence_initial(text, span.start):
                continue
            lower[m[1]].append(_Occurrence(block, span, m[1]))
    kept: list[_Group] = []
    for key, low in lower.items():
        high = capitals[key]
        # Only a capital among lower case: "the Internet" among "the internet" is a choice
        # of style, "Labour" beside "labour" a name.
        if len(low) >= 2 and len(low) >= 3 * len(high):
            group = _Group(key, "capitalisation", _rewrite_case)
            group.occurrences.extend(sorted(low + high, key=lambda o: o.position))
            kept.append(group)
    # in the order of each word's first appearance, as one pass over the article would find them
    kept.sort(key=lambda g: g.occurrences[0].position)
    return kept


def _in_name(text: str, span: Span) -> bool:
    """Whether a capitalised word touches another capitalised word ("Media Center", "of State")."""
    before = re.search(
        r"([A-Za-z]+)[,;]?[ \t]+(?:(?:of|the|and|for|de|von|van)[ \t]+)?$",
        text[max(0, span.start - 40) : span.start],
    )
    after = re.match(
        r"[,;]?[ \t]+(?:(?:of|the|and|for|de|von|van)[ \t]+)?([A-Za-z]+)", text[span.end :]
    )
    if before and before[1][0].isupper():
        start = max(0, span.start - 40) + before.start(1)
        # "The Presidential vote": "The" only starts the sentence; "Google News" is a name.
        if not _sentence_initial(text, start) or before[1].lower() not in _STARTERS:
            return True
    if after and after[1][0].isupper():
        return True
    rest = text[span.end : span.end + 2]
    return rest[:1] in {"'", "’"} or rest[:1] == "-"


# --- names spelled two ways: "Navalny" / "Navalni" -----------------------------------------------


def _rewrite_name(occ: _Occurrence, target: str) -> tuple[str, Span, Applicability]:
    return target, occ.span, Applicability.UNSAFE


def _one_letter_apart(a: str, b: str) -> bool:
    if len(a) != len(b) or a[0] != b[0]:
        return False
    diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diffs) == 1:
        return True
    # a swap of two neighbours: "Navlany" / "Navalny"
    i = diffs[0] if len(diffs) == 2 else -1
    return len(diffs) == 2 and diffs[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]


_NAME_TEMPLATE = r"(?<![\w'’.-])({})(?![\w-])"
_NAME = re.compile(_NAME_TEMPLATE.format("[A-Z][a-z]{4,}"))


def _names(blocks: Sequence[Block], size: int) -> list[_Group]:
    distinct: set[str] = set()
    for block in blocks:
        distinct.update(_NAME.findall(block.text))
    unknown = _speller().unknown([n.lower() for n in distinct])
    names = sorted(n for n in distinct if n.lower() in unknown)
    # Only names of one length and first letter can be one letter apart.
    alike: dict[tuple[int, str], list[str]] = {}
    for n in names:
        alike.setdefault((len(n), n[0]), []).append(n)
    pairs: list[tuple[str, str]] = []
    used: set[str] = set()
    for a in names:
        same = alike[(len(a), a[0])]
        for b in same[same.index(a) + 1 :]:
            if a in used or b in used or not _one_letter_apart(a, b):
                continue
            if a.lower().rstrip("s") == b.lower().rstrip("s"):
                continue
            pairs.append((a, b))
            used.update((a, b))
    if not pairs:
        return []
    seen: dict[str, list[_Occurrence]] = {n: [] for n in used}
    occurrences = _finder(_NAME, _NAME_TEMPLATE, used, size)
    for block in blocks:
        for m in occurrences(block.text):
            seen[m[1]].append(_Occurrence(block, Span(*m.span(1)), m[1]))
    groups: list[_Group] = []
    for a, b in pairs:
        group = _Group(_norm(a), "name", _rewrite_name, fixable=False)
        group.occurrences.extend(sorted(seen[a] + seen[b], key=lambda o: o.position))
        groups.append(group)
    return groups


# --- the rule ------------------------------------------------------------------------------------


def _quoted_form(form: str, what: str) -> str:
    if what == "spelling":
        return "British spelling" if form == "GB" else "American spelling"
    return f"“{form}”"


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _preferred(group: _Group, prefer: Mapping[str, str], spelling: str | None) -> str | None:
    if group.what == "spelling":
        return spelling
    for term, form in prefer.items():
        if _norm(term) == group.key.split(".")[0] or _norm(term) == group.key:
            for f in group.forms:
                if f.lower() == form.lower() or (_norm(f) == _norm(form) and f == form):
                    return f
            return form
    return None


def _findings(group: _Group, ctx: EngineContext) -> Iterator[Finding]:
    forms = group.forms
    if len(forms) < 2:
        return
    group.occurrences.sort(key=lambda o: o.position)
    options = ctx.options if isinstance(ctx.options, ConsistencyOptions) else ConsistencyOptions()
    prefer: Mapping[str, str] = options.prefer
    explicit = options.spelling
    spelling = _dialect(str(explicit)) if explicit else None
    preferred = _preferred(group, prefer, spelling)
    ranked = forms.most_common()
    tie = ranked[0][1] == ranked[1][1]
    if preferred is not None:
        target = preferred
    elif not tie:
        target = ranked[0][0]
    elif group.what == "spelling":
        target = _dialect(ctx.language)  # the configured language breaks a tie
    else:
        target = group.occurrences[0].form  # a tie: the form the article used first
    # British and American spellings as often as each other, and nothing in the article or
    # the configuration to choose: flag both sides, with the other spelling as a suggestion.
    unresolved = (
        group.what == "spelling" and tie and preferred is None and ctx.language.lower() in AUTO
    )
    example = {o.form: o.text for o in reversed(group.occurrences)}
    for occ in group.occurrences:
        if unresolved:
            target = next(f for f, _ in ranked if f != occ.form)
        if occ.form == target or occ.block.touches_placeholder(occ.span):
            continue
        replacement, span, safety = group.rewrite(occ, target)
        n = forms.get(target, 0)
        if not group.fixable or (tie and preferred is None):
            safety = Applicability.UNSAFE
        if unresolved:
            safety = Applicability.DISPLAY_ONLY  # either side may be the writer's choice
        if (
            group.what == "spelling"
            and not unresolved
            and target != _dialect(ctx.language)
            and explicit is None
        ):
            safety = Applicability.UNSAFE  # the majority against the configured language
        told = (
            _quoted_form(target, group.what)
            if group.what == "spelling"
            else (f"“{example.get(target, target)}”")
        )
        if group.what == "spelling":
            mine = _quoted_form(occ.form, group.what)
            message = f"“{occ.text}” is {mine}, but the article uses {told} {_times(n)}."
        elif preferred is not None and n == 0:
            message = f"“{occ.text}” here, but the house style is {told}."
        else:
            message = f"“{occ.text}” here, but {told} {_times(n)} elsewhere in the article."
        if tie and preferred is None:
            message = (
                f"“{occ.text}” here, but {told} elsewhere in the article, as often "
                f"({_times(n)} each): pick one."
            )
        yield Finding.replace(
            occ.block,
            span,
            replacement,
            applicability=safety,
            message=message,
            title=f"Write “{replacement}”",
            flagged=occ.span,
        )


@dataclass(frozen=True, slots=True)
class ConsistencyOptions:
    """`[tool.copylint.rules.consistency]`, read by every consistency check."""

    prefer: dict[str, str] = field(default_factory=dict)  # term → its house form
    spelling: str | None = None  # "en-GB" | "en-US": force one spelling

    def __post_init__(self) -> None:
        if self.spelling is not None and self.spelling.lower() not in {"en-gb", "en-us"}:
            raise ValueError(f"spelling: expected 'en-GB' or 'en-US', not {self.spelling!r}")


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What every consistency check reads, computed once per document."""

    blocks: list[Block]
    quoted: list[list[_Quote]]  # the quotations of each block
    size: int
    vocabulary: set[str]  # every word `_WORD` finds, once


def _prepare(doc: Document) -> _Prepared:
    blocks = list(_blocks(doc))
    vocabulary: set[str] = set()
    for block in blocks:
        vocabulary.update(_WORD.findall(block.text))
    return _Prepared(
        blocks, [_quotes(b.text) for b in blocks], sum(len(b.text) for b in blocks), vocabulary
    )


def _check(
    doc: Document, ctx: EngineContext, groups: Callable[[_Prepared], Iterable[_Group]]
) -> Iterator[Finding]:
    """The findings of one check: its groups of variants, each resolved to one form."""
    # Plain "en": the article's own leaning (its other British or American spellings)
    # breaks a tie between two spellings of one word; en-GB / en-US force one.
    if ctx.language.lower() in AUTO:
        leaning = doc.analysis.leaning  # the one dialect decision every engine reads
        if leaning is not None:
            ctx = dataclasses.replace(ctx, language=leaning)
    prepared = doc.analysis.shared("consistency", _prepare)
    findings = [f for group in groups(prepared) for f in _findings(group, ctx)]
    findings.sort(key=lambda f: (f.block.index, f.span.start))
    yield from findings


# One rule per check, so that each can be selected, ignored and measured alone; the family
# prefix `house/consistency` still selects them all, and `[tool.copylint.rules.consistency]`
# holds the options of all five.


@document_rule(
    name="consistency/abbreviations",
    options=ConsistencyOptions,
    options_table="consistency",
    category=Category.CONSISTENCY,
    message="“{match}” is abbreviated another way elsewhere in the article.",
    examples=(
        Example.bad(
            "The U.S. economy grew. U.S. exports rose. <<US>> imports fell.",
            fixed="The U.S. economy grew. U.S. exports rose. U.S. imports fell.",
        ),
        Example.bad(
            "Mr Smith and Mr Jones met <<Mr.>> Brown.",
            fixed="Mr Smith and Mr Jones met Mr Brown.",
        ),
        Example.good("Let us go to the US. The US team won. Give us a call."),
        Example.good("The U.S. team won. “US” was the title of the film."),
    ),
)
def abbreviations(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """Dotted and undotted abbreviations mixed in one article: "U.S."/"US", "Mr."/"Mr"."""
    yield from _check(doc, ctx, lambda p: _abbreviations(p.blocks, p.quoted))


@document_rule(
    name="consistency/compounds",
    options=ConsistencyOptions,
    options_table="consistency",
    category=Category.CONSISTENCY,
    message="“{match}” is hyphenated differently elsewhere in the article.",
    examples=(
        Example.bad(
            "Cyberattacks rose. Two cyberattacks hit banks. Three <<cyber-attacks>> failed.",
            fixed="Cyberattacks rose. Two cyberattacks hit banks. Three cyberattacks failed.",
        ),
        Example.good("The well-known band played. Its e-mail list and e-mail address grew."),
    ),
)
def compounds(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """Hyphenated and closed compounds mixed: "cyber-attacks"/"cyberattacks"."""
    yield from _check(doc, ctx, lambda p: _compounds(p.blocks, p.quoted, p.vocabulary, p.size))


@document_rule(
    name="consistency/spelling-variant",
    options=ConsistencyOptions,
    options_table="consistency",
    category=Category.CONSISTENCY,
    message="“{match}” is spelled the other side of the Atlantic elsewhere in the article.",
    examples=(
        Example.bad(
            "The organisation's colour and favourite <<color>> differ.",
            fixed="The organisation's colour and favourite colour differ.",
        ),
        Example.good("The organisation's colour and favourite flavour."),
    ),
)
def spelling_variant(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """British and American spellings mixed: "organise"/"organize", "colour"/"color"; the
    `spelling` option or the configured language settles a tie."""

    def groups(p: _Prepared) -> list[_Group]:
        found = _spelling(p.blocks, p.quoted, p.vocabulary, p.size)
        return [found] if found is not None else []

    yield from _check(doc, ctx, groups)


@document_rule(
    name="consistency/capitals",
    options=ConsistencyOptions,
    options_table="consistency",
    category=Category.CONSISTENCY,
    message="“{match}” is capitalised here but not elsewhere in the article.",
    examples=(
        Example.bad(
            "The presidential race and presidential polls began. Then the presidential debate "
            "and the <<Presidential>> vote.",
            fixed="The presidential race and presidential polls began. Then the presidential "
            "debate and the presidential vote.",
            fix="unsafe",  # a capital may belong to a name
        ),
        Example.good("Presidential races are long. The presidential debate followed."),
    ),
)
def capitals(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """A capitalised word mid-sentence where the article writes it in lower case elsewhere
    ("Presidential"/"presidential"); a capital that starts a sentence, heading or list item
    is left alone."""
    yield from _check(doc, ctx, lambda p: _capitalisation(p.blocks, p.quoted, p.size))


@document_rule(
    name="consistency/names",
    options=ConsistencyOptions,
    options_table="consistency",
    category=Category.CONSISTENCY,
    message="“{match}” is spelled another way elsewhere in the article.",
    fix=Applicability.UNSAFE,
    examples=(
        Example.bad(
            "Alexei Navalny spoke. Navalny said no. Later <<Navalni>> left.",
            fixed="Alexei Navalny spoke. Navalny said no. Later Navalny left.",
            fix="unsafe",
        ),
        Example.good("Alexei Navalny spoke. Navalny said no."),
    ),
)
def names(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """A name spelled two ways, one letter apart ("Navalny"/"Navalni"); the fix is unsafe."""
    yield from _check(doc, ctx, lambda p: _names(p.blocks, p.size))
