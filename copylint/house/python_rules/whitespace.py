"""Flag stray whitespace: trailing spaces and no-break spaces at line ends, doubled spaces
between words, and a space before , . ; : ? !

Why: invisible in most editors, these break line wrapping, diffs and search, and a space
before punctuation reads as a typo.

Not flagged: indentation at the start of a line, Markdown's hard line breaks, an ellipsis
after a space ("wait ..."), smileys.

Fix safety: every fix here is safe; the words stay the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copylint.diagnostics import Applicability, Category, Span
from copylint.document.model import Block
from copylint.engines.base import EngineContext, Finding
from copylint.house.rule import Example, block_rule

_TRAILING = re.compile(r"(?<=\S)[ \t\u00a0\u202f]+(?=\r?\n|\Z)")
_DOUBLED = re.compile(r"(?<=\S)(?: [\u00a0 ]+|\u00a0[\u00a0 ]+)(?=\S)")
_LONE_NBSP_EOL = re.compile(r"\u00a0(?=\S)")
_BEFORE_PUNCT = re.compile(r"(?<=[^\W_])[ \t\u00a0]+(?=[,.;:?!](?:[\s\"”’]|\Z)(?!\.\.))")
# Substrings each pattern's hits hold: a few plain searches spare most blocks the patterns.
_TRAILING_SPACES = " \t\u00a0\u202f"
_TRAILING_HINTS = tuple(c + end for c in _TRAILING_SPACES for end in ("\n", "\r\n"))
_DOUBLED_HINTS = ("  ", " \u00a0", "\u00a0 ", "\u00a0\u00a0")
_BEFORE_PUNCT_HINT = re.compile(r"[ \t\u00a0][,.;:?!]")


def _has(text: str, hints: tuple[str, ...]) -> bool:
    return any(hint in text for hint in hints)


@block_rule(
    name="whitespace",
    category=Category.SPACING,
    message="Stray whitespace.",
    examples=(
        Example.bad(
            "Biden took office.<< >>\nThen he flew.", fixed="Biden took office.\nThen he flew."
        ),
        Example.bad("the Colonial<<\u00a0 >>pipeline", fixed="the Colonial pipeline"),
        Example.bad("two<<  >>spaces", fixed="two spaces"),
        Example.bad("a space<< >>, here", fixed="a space, here"),
        Example.bad("Why<< >>?", fixed="Why?"),
        Example.good("Fine text, with normal spacing: yes? Yes!"),
        Example.good("Wait ... what? Smile :)"),
        Example.good("A line  \nwith a Markdown hard break."),
    ),
)
def whitespace(block: Block, ctx: EngineContext) -> Iterator[Finding]:
    text = block.text
    trailing = bool(text) and (text[-1] in _TRAILING_SPACES or _has(text, _TRAILING_HINTS))
    for m in _TRAILING.finditer(text) if trailing else ():
        span = Span(*m.span())
        if block.edit(span, "") is None:
            continue
        kind = "no-break space" if "\u00a0" in m[0] else "space"
        yield Finding.replace(
            block,
            span,
            "",
            message=f"Trailing {kind} at the end of the line.",
            title="Remove the trailing whitespace",
            applicability=Applicability.SAFE,
        )
    for m in _DOUBLED.finditer(text) if _has(text, _DOUBLED_HINTS) else ():
        span = Span(*m.span())
        if block.edit(span, " ") is None or block.touches_placeholder(
            Span(span.start - 1, span.end + 1)
        ):
            continue
        label = "A no-break space and a space" if "\u00a0" in m[0] else "Doubled space"
        yield Finding.replace(
            block,
            span,
            " ",
            message=f"{label} between words.",
            title="Use one space",
            applicability=Applicability.SAFE,
        )
    for m in _BEFORE_PUNCT.finditer(text) if _BEFORE_PUNCT_HINT.search(text) else ():
        span = Span(*m.span())
        if block.edit(span, "") is None or block.touches_placeholder(
            Span(span.start - 1, span.end)
        ):
            continue
        mark = text[span.end]
        yield Finding.replace(
            block,
            span,
            "",
            message=f"Space before “{mark}”.",
            title=f"Remove the space before “{mark}”",
            applicability=Applicability.SAFE,
        )
