"""Flag words run together ("criticizingKremlin", "thepresident") and a missing space after
sentence punctuation ("office.So", "word,word").

What it flags: a lowercase word glued to a capitalised one; an unknown lowercase word that
splits into two common words, one of them a short function word or both frequent; and a
letter right after . , ; : ? ! where a space belongs.

Why: lost spaces come from editing and pasting, and spell checkers often miss them.

Not flagged: brand capitals (iPhone, eBay, YouTube, JavaScript, PowerPoint, McDonald's,
MacBook, DeSantis, LeBron), abbreviations (U.S., e.g., Ph.D.), numbers (3.14, 10:30, 3,000),
domain names (example.com), URLs, ellipses, and any word in the configured vocabulary.

Fix safety: inserting the space is safe where the split is certain (a known word before a
capital, or a space after sentence punctuation); a split of an unknown word is unsafe when
more than one split is plausible.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copylint.diagnostics import Applicability, Category, Span
from copylint.document.model import Block
from copylint.engines.base import EngineContext, Finding
from copylint.house.rule import Example, block_rule
from copylint.house.words import FUNCTION_WORDS as _FUNCTION
from copylint.house.words import frequency, known_words, zipf

_TOKEN = re.compile(r"(?<![\w@/.’'-])[^\W\d_]+(?![\w@/’'-]|\.[^\W\d_])")
# Every _PUNCT hit holds this: a cheap search that spares the full pattern most blocks.
_PUNCT_HINT = re.compile(r"[.!?,;:][\"“]?[A-Za-z]")
_LOWER_UPPER = re.compile(r"^([a-z]{2,})([A-Z][a-z]+)$")
_PUNCT = re.compile(
    r"(?<![\w.])([^\W\d_]*[a-z]{2}|[a-z]{2,}[\"”’)]?|\d{2,}(?=\.[A-Z][a-z]))([.!?,;:])"
    r"([\"“]?[A-Z][a-z]+|[a-z]{2,})"
    r"(?![\w@/-]|\.[a-z])"
)
_TLDS = frozenset(
    [
        "com",
        "org",
        "net",
        "edu",
        "gov",
        "io",
        "co",
        "uk",
        "us",
        "de",
        "fr",
        "info",
        "biz",
        "tv",
        "me",
        "ly",
        "app",
        "dev",
        "ai",
        "eu",
        "ca",
        "au",
    ]
)


def _known(word: str) -> int:
    return frequency(word.lower())


# wordfreq's Zipf scale: a closed compound in real use ("gameplay" 4.0, "openside" 1.5) is
# seen on the web; two words run together ("lastmonth", "toprevent") almost never are, and
# the commonest run-ons with a function word ("withthe" 2.0) stay below 2.5.
_RUN_ON_WITH_FUNCTION_WORD = 2.5
_RUN_ON_OF_CONTENT_WORDS = 1.0
_COMMON_PART = 4.5  # both halves very common: "last month", not "beer maker"
_OTHER_WORD = 2.0  # beside a function word, in a token never seen: "theodes"
_OTHER_WORD_IF_SEEN = 4.0  # ... in a token seen on the web: "toprevent", not "inode"


def _suspect(token: str) -> bool:
    """Whether a token may be flagged below: camel-cased, or lowercase and not a known word."""
    if _LOWER_UPPER.match(token):
        return True
    return token.islower() and not _known(token)


def _splits(token: str) -> list[tuple[str, str]]:
    """Plausible two-word splits of a lowercase token that is not itself a word."""
    found: list[tuple[str, str]] = []
    # Splits into two known words first (cheap); wordfreq is loaded only when there are some.
    halves = [
        (token[:i], token[i:])
        for i in range(1, len(token))
        if (i > 1 or token[0] in "ai")
        and (len(token) - i > 1 or token[-1] == "a")
        and _known(token[:i])
        and _known(token[i:])
    ]
    if not halves:
        return found
    seen = zipf(token)
    if seen >= _RUN_ON_WITH_FUNCTION_WORD:
        return found
    # A token the web has seen at all ("inode" 1.65) is split only into a common word
    # ("in ode": "ode" is 3.3, too rare to be the likelier reading).
    need = _OTHER_WORD if seen == 0 else _OTHER_WORD_IF_SEEN
    for a, b in halves:
        if a in _FUNCTION or b in _FUNCTION:
            other = b if a in _FUNCTION else a
            if len(other) >= 3 and zipf(other) >= need:
                found.append((a, b))
        elif (
            seen < _RUN_ON_OF_CONTENT_WORDS
            and min(len(a), len(b)) >= 3
            and min(zipf(a), zipf(b)) >= _COMMON_PART
        ):
            found.append((a, b))
    return found


@block_rule(
    name="missing-space",
    category=Category.SPACING,
    message="“{match}” is missing a space.",
    examples=(
        Example.bad("Jailed for <<criticizingKremlin>>.", fixed="Jailed for criticizing Kremlin."),
        Example.bad("He took <<office.So>> they met.", fixed="He took office. So they met."),
        Example.bad("It was <<thepresident>> who spoke.", fixed="It was the president who spoke."),
        Example.bad(
            "Output rose <<lastmonth>>, data showed.", fixed="Output rose last month, data showed."
        ),
        Example.bad("Apples, <<pears,plums>> and figs.", fixed="Apples, pears, plums and figs."),
        Example.bad("the FBI <<said.The>> message asks", fixed="the FBI said. The message asks"),
        Example.good("My iPhone, eBay, YouTube, JavaScript and PowerPoint."),
        Example.good("McDonald's, MacBook, DeSantis, LeBron, DiCaprio and PlayStation."),
        Example.good("The U.S. economy, e.g. jobs, grew 3.14% by 10:30 on 3,000 sites."),
        Example.good("See example.com or https://example.com/a.b for more. She has a Ph.D. in it."),
        Example.good("Wait... What? It was the colour of labour and organisation."),
        Example.bad(
            "It was the first since <<2011.So>> all was calm.",
            fixed="It was the first since 2011. So all was calm.",
        ),
        Example.good("Cyberattacks and counterterrorism rose."),
        Example.good("The gameplay, the frontman and the shockwaves of dancehall offences."),
        Example.good("Calls were routed by TalkTalk and One.Tel last year."),
        Example.good("Run `foo.Bar` now."),
        Example.good("The rename gives the fixed file a new inode."),
    ),
)
def missing_space(block: Block, ctx: EngineContext) -> Iterator[Finding]:
    text = block.text
    vocabulary = ctx.vocabulary
    taken: list[Span] = []
    punct = _PUNCT.finditer(text) if _PUNCT_HINT.search(text) else ()
    for m in punct:
        left, mark, right = m[1], m[2], m[3]
        span = Span(m.start(), m.end())
        if block.touches_placeholder(span) or m[0] in vocabulary:
            continue
        if mark == "." and right.lower() in _TLDS:
            continue  # a domain name: example.com
        if mark in ".!?" and not right[-1:].isalpha():
            continue
        if mark in ".!?" and right[0].islower():
            continue  # "node.js", "e.g.x": not a sentence
        if mark == "." and left[0].isupper() and len(left) <= 4:
            continue  # a brand or abbreviation: "One.Tel", "Inc.Com"
        if mark == ":" and right[0].islower():
            continue
        insert_at = m.end(2)
        taken.append(span)
        yield Finding.replace(
            block,
            (insert_at, insert_at),
            " ",
            flagged=span,
            message=f"Add a space after “{mark}” in “{m[0]}”.",
            title=f"Insert a space after “{mark}”",
            applicability=Applicability.SAFE,
        )
    # Most tokens are dictionary words: one set difference leaves the few worth a look.
    suspects = {
        token
        for token in set(_TOKEN.findall(text)).difference(known_words())
        if len(token) >= 5 and _suspect(token)
    }
    if not suspects:
        return
    lowered_vocab = {v.lower() for v in vocabulary}
    for m in _TOKEN.finditer(text):
        token = m[0]
        if token not in suspects:
            continue
        span = Span(*m.span())
        if len(token) < 5 or token in vocabulary or token.lower() in lowered_vocab:
            continue
        if any(t.overlaps(span) for t in taken) or block.touches_placeholder(span):
            continue
        camel = _LOWER_UPPER.match(token)
        if camel:
            left, right = camel[1], camel[2]
            if _known(left) and _known(token) == 0:
                yield Finding.replace(
                    block,
                    (span.start + len(left), span.start + len(left)),
                    " ",
                    flagged=span,
                    message=f"“{token}” looks like two words run together: “{left} {right}”.",
                    title=f"Split into “{left} {right}”",
                    applicability=Applicability.SAFE,
                )
            continue
        if not token.islower() or _known(token):
            continue
        splits = _splits(token)
        if not splits:
            continue
        best = max(splits, key=lambda ab: min(_known(ab[0]), _known(ab[1])))
        safety = Applicability.SAFE if len(splits) == 1 else Applicability.UNSAFE
        at = span.start + len(best[0])
        yield Finding.replace(
            block,
            (at, at),
            " ",
            flagged=span,
            applicability=safety,
            message=f"“{token}” looks like two words run together: “{best[0]} {best[1]}”.",
            title=f"Split into “{best[0]} {best[1]}”",
        )
