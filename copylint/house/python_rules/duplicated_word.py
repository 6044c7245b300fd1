"""Flag a word or phrase typed twice ("in the the spring", "of the of the"), and a name that
repeats its first word ("Villa La Grange Villa").

What it flags: the second of two identical words or phrases (case aside) separated only by
spaces or a line break, even across emphasis; and a capitalised name whose first word comes
back at its end, when no further capitalised word follows.

Why: doubled words survive spell checkers and proofreading because the eye skips them.

Not flagged: grammatical doubles ("had had", "that that was"), reduplicated names that are not
dictionary words ("Bora Bora", "Walla Walla"), "so-so", numbers, and anything across a
sentence boundary ("…ended. Ended it was…").

Fix safety: removing the repeat is safe; the fix keeps the capital of the first word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import eq

from copylint.diagnostics import Applicability, Category, Span
from copylint.document.model import Block
from copylint.engines.base import EngineContext, Finding
from copylint.house.rule import Example, block_rule
from copylint.house.words import FUNCTION_WORDS as _FUNCTION
from copylint.house.words import frequency

_WORD = r"[^\W\d_][\w’'-]*"
_REPEAT = re.compile(
    rf"(?<![\w’'-])({_WORD}(?:[ \t]+{_WORD}){{0,3}})(\s+)(\1)(?![\w’'-])", re.IGNORECASE
)
_RUN = re.compile(r"[\w’'-]+")  # _WORD's characters: each word of a _REPEAT hit is one run
_NAME_PART = r"(?:[A-Z][\w’'-]*|de|la|le|du|von|van|der|da|di|del|y|el|al|bin|St\.?)"
_NEAR = re.compile(
    rf"(?<![\w’'-])([A-Z][a-z][\w’'-]*)((?:[ \t]+{_NAME_PART}){{1,3}})([ \t]+)(\1)(?![\w’'-])"
    rf"(?![ \t]+[A-Z])"
)
_OFTEN_MEANT = frozenset(
    [
        "had",
        "bye",
        "ha",
        "haha",
        "ho",
        "hee",
        "no",
        "yes",
        "yeah",
        "tut",
        "chop",
        "knock",
        "blah",
        "there",
        "well",
        "now",
        "night",
        "tsk",
        "boo",
        "hip",
        "hush",
        "dum",
        "tom",
        "pom",
        "cha",
        "can",
        "papa",
        "mama",
        "ta",
        "very",
        "really",
        "gimme",
    ]
)
_AFTER_THAT_THAT = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "its",
        "this",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
    ]
)
_COMMON = 1000  # a capitalised double of a rarer word is taken for a name: Bora Bora
_BEFORE_IS_IS = frozenset(["it", "this", "that", "what", "which"])
_PREPOSITIONS = frozenset(
    [
        "to",
        "of",
        "about",
        "with",
        "for",
        "on",
        "in",
        "at",
        "from",
        "by",
        "like",
        "into",
        "onto",
        "than",
        "as",
        "against",
        "over",
        "under",
    ]
)
_TITLE_WORDS = frozenset(
    [
        "That",
        "The",
        "Of",
        "And",
        "In",
        "On",
        "Is",
        "A",
        "An",
        "To",
        "For",
        "With",
        "At",
        "By",
        "Or",
        "But",
    ]
)


def _may_repeat(text: str) -> bool:
    """Whether _REPEAT can hit: some k <= 4 consecutive words come twice in a row, case aside.

    A cheap necessary test on the runs of word characters: the words of a hit are whole runs
    with only spaces between them. The runs are folded together (a line break cannot come of
    folding), so the runs stay those of the text; re's IGNORECASE pairs a letter with its simple
    lowercase (and "i" with "ı"), and casefold() joins every such pair too, once "İ" and "ı"
    read as "i"."""
    folded = "\n".join(_RUN.findall(text)).replace("İ", "i").replace("ı", "i").casefold()
    runs = folded.split("\n")
    return any(b"\x01" * k in bytes(map(eq, runs, runs[k:])) for k in (1, 2, 3, 4))


def _word_before(text: str, start: int) -> str:
    before = re.search(r"([\w’']+)\s*$", text[:start])
    return before[1].lower() if before else ""


def _thrice(text: str, m: re.Match[str]) -> bool:
    """Whether the doubled word also comes right before or right after the pair."""
    word = re.escape(m[1])
    before = re.search(rf"(?<![\w’'-]){word}\s+$", text[: m.start(1)], re.IGNORECASE)
    after = re.match(rf"\s+{word}(?![\w’'-])", text[m.end(3) :], re.IGNORECASE)
    return bool(before or after)


def _deletion(block: Block, first: Span, second: Span, same_case: bool) -> Span | None:
    """The prose span to delete: the space and second copy, or else the first copy and its
    space when that maps cleanly onto the source (emphasis may sit between the two). A line
    break between the copies stays: the second copy goes with the spaces after it, or the
    first with the spaces before it ("in\nin September" → "in\nSeptember")."""
    text = block.text
    if "\n" in text[first.end : second.start]:
        after = len(text[second.end :]) - len(text[second.end :].lstrip(" \t"))
        before = len(text[: first.start]) - len(text[: first.start].rstrip(" \t"))
        options = [Span(second.start, second.end + after)] if after else []
        if before and same_case:
            options.append(Span(first.start - before, first.end))
        for candidate in options:
            if block.edit(candidate, "") is not None:
                return candidate
    candidate = Span(first.end, second.end)
    if block.edit(candidate, "") is not None:
        return candidate
    candidate = Span(first.start, second.start)
    if same_case and block.edit(candidate, "") is not None:
        return candidate
    return None


@block_rule(
    name="duplicated-word",
    category=Category.DUPLICATION,
    message="“{match}” is repeated.",
    examples=(
        Example.bad("Paris in the <<the>> spring.", fixed="Paris in the spring."),
        Example.bad("The <<the>> end.", fixed="The end."),
        Example.bad("It was the\n<<the>> end.", fixed="It was the\nend."),
        Example.bad(
            "at the conference in\n<<in>> September.", fixed="at the conference in\nSeptember."
        ),
        Example.bad("It was the end of the\n<<the>>.", fixed="It was the end of\nthe."),
        Example.bad("It was the **<<the>>** end.", fixed="It was **the** end."),
        Example.bad(
            "the surprise inclusion of the <<of the>> report",
            fixed="the surprise inclusion of the report",
        ),
        Example.bad(
            "the gates of 18th century Villa La Grange <<Villa>>.",
            fixed="the gates of 18th century Villa La Grange.",
        ),
        Example.bad(
            "But British <<British>> Casino Association members agreed.",
            fixed="But British Casino Association members agreed.",
        ),
        Example.bad(
            "I'd say that <<that>> the likelihood is low.",
            fixed="I'd say that the likelihood is low.",
        ),
        Example.good("She had had enough."),
        Example.good("He said that that was wrong."),
        Example.good("We flew to Bora Bora and Walla Walla."),
        Example.good("New York, New York is a song."),
        Example.good("The food was so-so."),
        Example.good("The match ended. Ended it was, for good."),
        Example.good("Manchester United and Manchester City drew."),
        Example.good("He played for Manchester United Manchester City never signed him."),
        Example.good("Run `make` `make` once."),
        Example.good("Scores were 10 10 and 12."),
        Example.good("Manika Sharma\nManika Sharma is a writer."),
        Example.good(
            "She played in Measure for Measure and All's Well That Ends Well at the Globe."
        ),
        Example.good("He sang in Gimme Gimme Gimme with Soul II Soul in the past."),
        Example.good("Add to this this new law, and ask what makes a gadget a gadget."),
        Example.good(
            "Swiss Re and Munich Re lost value, as did the Building Societies Association."
        ),
    ),
)
def duplicated_word(block: Block, ctx: EngineContext) -> Iterator[Finding]:
    text = block.text
    flagged: list[Span] = []
    repeats = _REPEAT.finditer(text) if _may_repeat(text) else ()
    for m in repeats:
        first, second = Span(*m.span(1)), Span(*m.span(3))
        phrase = m[1].lower()
        words = phrase.split()
        if block.touches_placeholder(Span(first.start, second.end)):
            continue
        if "\n" in m[2] and (first.start == 0 or text[first.start - 1] == "\n") and len(words) > 1:
            continue  # a byline or title on its own line, then the sentence that starts with it
        if len(words) > 1 and not (
            all(w in _FUNCTION for w in words)
            or (len(words) >= 3 and any(w in _FUNCTION for w in words))
        ):
            continue  # "what makes a gadget a gadget", "Measure for Measure": meant
        if len(words) == 1:
            word = words[0]
            if word in _OFTEN_MEANT:
                continue
            if _thrice(text, m):
                continue  # a word three times is a refrain or a title: "Gimme Gimme Gimme"
            if word == "this" and _word_before(text, first.start) in _PREPOSITIONS:
                continue  # "add to this this new law": a pronoun, then a determiner
            if word == "that":
                after = re.match(r"\s+([\w’']+)", text[second.end :])
                if not after or after[1].lower() not in _AFTER_THAT_THAT:
                    continue
            if word == "is" and _word_before(text, first.start) in _BEFORE_IS_IS:
                continue
            if m[1][0].isupper() and m[3][0].isupper() and frequency(word) < _COMMON:
                continue  # a reduplicated name: Bora Bora, Walla Walla, Sirhan Sirhan
        deletion = _deletion(block, first, second, m[1] == m[3])
        message = (
            f"“{m[3]}” repeats the word before it."
            if len(words) == 1
            else (f"“{m[3]}” repeats the phrase before it.")
        )
        flagged.append(second)
        if deletion is None:
            yield Finding.flag(block, second, message)
        else:
            yield Finding.replace(
                block,
                deletion,
                "",
                flagged=second,
                message=message,
                title=f"Remove the second “{m[3]}”",
                applicability=Applicability.SAFE,
            )
    for m in _NEAR.finditer(text):
        second = Span(*m.span(4))
        if any(f.overlaps(second) for f in flagged):
            continue
        whole = Span(m.start(1), second.end)
        if block.touches_placeholder(whole):
            continue
        if any(
            w in _TITLE_WORDS or (w.isupper() and len(w) > 1) or w == m[1] for w in m[2].split()
        ):
            continue  # a title ("All's Well That Ends Well") or a band ("Soul II Soul")
        name = text[whole.start : whole.end]
        deletion = Span(m.start(3), second.end)
        yield Finding.replace(
            block,
            deletion,
            "",
            flagged=second,
            applicability=Applicability.SAFE,
            message=f"“{m[4]}” is repeated in “{name}”.",
            title=f"Remove the second “{m[4]}”",
        )
