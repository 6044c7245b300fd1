"""Flag typography mixed in one article: straight and curly quotes, two bullets, "..." and "…".

Six rules, one per check: `house/typography/quotes`, `…/quote-direction`, `…/apostrophes`,
`…/bullets`, `…/dashes` and `…/ellipses`; `house/typography` selects them all.

What it flags
    - straight and curly double quotes mixed: the quotations in the minority style;
    - straight and curly apostrophes mixed ("bachelor's" among "there’s", "Biden’s");
    - a curly quote facing the wrong way (”Hello“), and a curly quotation closed without being
      opened or opened twice;
    - list bullets of two kinds at the same depth ("•" lines and "●" lines);
    - a hyphen used as a dash (" - ") in an article that also uses real dashes (" – ", "—");
    - "..." beside "…".

    The minority style is flagged and fixed to the majority; when both are used equally often,
    the style used first wins, and the fix is unsafe.

Why
    Mixed marks look like copy pasted from several places; readers see them even when they
    cannot name them.

Fix safety
    Safe: a quote, apostrophe, bullet or ellipsis glyph changes, never a word. Unsafe on a tie,
    and for a spaced hyphen when the article has more spaced hyphens than real dashes. An
    unbalanced quotation is only flagged: where it should close is the writer's call.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from copylint.diagnostics import Applicability, Category, Span
from copylint.document.model import Block, Document
from copylint.engines.base import EngineContext, Finding, ProseEdit
from copylint.house.rule import Example, document_rule

_OPENING_CONTEXT = frozenset(" \t\n([{—–-/")


@dataclass(frozen=True, slots=True)
class _Mark:
    """One glyph (quote, apostrophe, bullet, dash, ellipsis) in one block."""

    block: Block
    span: Span
    style: str  # what is compared: "straight"/"curly", "•", "...", …

    @property
    def position(self) -> tuple[int, int]:
        return (self.block.index, self.span.start)


@dataclass(frozen=True, slots=True)
class _Quotation:
    """A pair of double quotes (or one unpaired mark) in one block."""

    block: Block
    opener: int | None
    closer: int | None
    style: str  # "straight" | "curly"

    @property
    def position(self) -> tuple[int, int]:
        return (self.block.index, self.opener if self.opener is not None else self.closer or 0)

    @property
    def span(self) -> Span:
        first = self.opener if self.opener is not None else self.closer
        last = self.closer if self.closer is not None else self.opener
        assert first is not None and last is not None
        return Span(first, last + 1)


def _blocks(doc: Document) -> Sequence[Block]:
    return doc.analysis.prose_blocks


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _majority(styles: Sequence[tuple[str, tuple[int, int]]]) -> tuple[str, bool, Counter[str]]:
    """The winning style, whether it won only as the first used (a tie), and the counts."""
    counts = Counter(s for s, _ in styles)
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return min(styles, key=lambda s: s[1])[0], True, counts
    return ranked[0][0], False, counts


def _opening(text: str, i: int) -> bool:
    """Whether a quote at i stands where a quotation opens."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _OPENING_CONTEXT or before in "“\"‘'":
        return not after.isspace()
    return False


# --- double quotes -------------------------------------------------------------------------------


def _quotations(block: Block) -> list[_Quotation]:
    text = block.text
    found: list[_Quotation] = []
    open_at: int | None = None
    open_style = ""
    for m in _DOUBLE.finditer(text):
        i = m.start()
        style = "straight" if m[0] == '"' else "curly"
        opens = _opening(text, i) if m[0] == '"' else m[0] == "“"
        if opens:
            if open_at is not None:
                found.append(_Quotation(block, open_at, None, open_style))
            open_at, open_style = i, style
        elif open_at is not None:
            found.append(
                _Quotation(block, open_at, i, open_style if open_style == style else "mixed")
            )
            open_at = None
        else:
            found.append(_Quotation(block, None, i, style))
    if open_at is not None:
        found.append(_Quotation(block, open_at, None, open_style))
    return found


_DOUBLE = re.compile(r"[\"“”]")
_CURLY = re.compile(r"[“”]")
_GLYPHS = {"straight": ('"', '"'), "curly": ("“", "”")}


def _double_quotes(blocks: Sequence[Block]) -> Iterator[Finding]:
    quotations = [q for b in blocks if _DOUBLE.search(b.text) for q in _quotations(b)]
    if len({q.style for q in quotations} - {"mixed"}) < 2:
        return
    styled = [(q.style, q.position) for q in quotations if q.style != "mixed"]
    target, tie, counts = _majority(styled)
    safety = Applicability.UNSAFE if tie else Applicability.SAFE
    opener, closer = _GLYPHS[target]
    for q in quotations:
        if q.style == target:
            continue
        edits = []
        if q.opener is not None and q.block.text[q.opener] != opener:
            edits.append(ProseEdit(Span(q.opener, q.opener + 1), opener))
        if q.closer is not None and q.block.text[q.closer] != closer:
            edits.append(ProseEdit(Span(q.closer, q.closer + 1), closer))
        if not edits:
            continue
        mine = "curly" if q.style != "straight" else "straight"
        yield Finding(
            block=q.block,
            span=q.span,
            message=(
                f"{mine.capitalize()} quotes here, but {target} quotes {_times(counts[target])} "
                "elsewhere in the article."
            ),
            edits=tuple(edits),
            applicability=safety,
            title=f"Use {target} quotes",
        )


def _facing(blocks: Sequence[Block]) -> Iterator[Finding]:
    """Curly quotes that face the wrong way, and curly quotations left open or never opened."""
    for n, block in enumerate(blocks):
        text = block.text
        if _CURLY.search(text) is None:
            continue
        for m in _CURLY.finditer(text):
            i = m.start()
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if m[0] == "”" and before.isspace() and after.isalnum():
                yield Finding.replace(
                    block,
                    (i, i + 1),
                    "“",
                    message="A closing quote “”” opens this quotation.",
                    applicability=Applicability.SAFE,
                )
            elif (
                m[0] == "“"
                and (before.isalnum() or before in ".,!?")
                and (after.isspace() or after in ".,;:!?)")
            ):
                yield Finding.replace(
                    block,
                    (i, i + 1),
                    "”",
                    message="An opening quote “““” closes this quotation.",
                    applicability=Applicability.SAFE,
                )
        depth_open: int | None = None
        for m in _CURLY.finditer(text):
            i = m.start()
            opens = (m[0] == "“") != _wrong_facing(text, i)
            if opens:
                if depth_open is not None:
                    yield Finding.flag(
                        block,
                        (depth_open, depth_open + 1),
                        "This quotation opens but never closes.",
                    )
                depth_open = i
            elif depth_open is None:
                yield Finding.flag(block, (i, i + 1), "This quotation closes but never opens.")
            else:
                depth_open = None
        if depth_open is not None:
            follows = blocks[n + 1].text.lstrip()[:1] if n + 1 < len(blocks) else ""
            if follows != "“":  # a quotation that runs on opens each paragraph again
                yield Finding.flag(
                    block, (depth_open, depth_open + 1), "This quotation opens but never closes."
                )


def _wrong_facing(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == "”":
        return before.isspace() and after.isalnum()
    return (before.isalnum() or before in ".,!?") and (after.isspace() or after in ".,;:!?)")


# --- apostrophes ---------------------------------------------------------------------------------

_APOSTROPHE = re.compile(r"(?<=[A-Za-z])['’](?=[A-Za-z])")


def _apostrophes(blocks: Sequence[Block]) -> Iterator[Finding]:
    marks = [
        _Mark(b, Span(*m.span()), "straight" if m[0] == "'" else "curly")
        for b in blocks
        if "'" in b.text or "’" in b.text
        for m in _APOSTROPHE.finditer(b.text)
    ]
    if len({m.style for m in marks}) < 2:
        return
    target, tie, counts = _majority([(m.style, m.position) for m in marks])
    glyph = "'" if target == "straight" else "’"
    for m in marks:
        if m.style == target:
            continue
        word = re.search(r"[\w'’]*$", m.block.text[: m.span.start])
        tail = re.match(r"[\w'’]*", m.block.text[m.span.end :])
        start = word.start() if word else m.span.start
        end = m.span.end + (tail.end() if tail else 0)
        shown = m.block.text[start:end]
        fixed = shown[: m.span.start - start] + glyph + shown[m.span.end - start :]
        yield Finding.replace(
            m.block,
            m.span,
            glyph,
            applicability=Applicability.UNSAFE if tie else Applicability.SAFE,
            message=(
                f"A {m.style} apostrophe in “{shown}”, but {target} ones "
                f"{_times(counts[target])} elsewhere in the article."
            ),
            title=f"Write “{fixed}”",
            flagged=Span(start, end),
        )


# --- bullets -------------------------------------------------------------------------------------

_BULLET = re.compile(r"^([ \t]*)([•●▪◦■‣○►▸➢*-])[ \t]+(?=\S)", re.MULTILINE)


def _indentation(block: Block, source: str, m: re.Match[str]) -> int:
    """How deep a bullet line is indented; Markdown drops the indentation of a paragraph's
    later lines from the prose, so there it is read from the source."""
    indent = m[1]
    if not indent and m.start() > 0:
        glyph = block.source_span(Span(m.start(2), m.end(2))).start
        prefix = source[source.rfind("\n", 0, glyph) + 1 : glyph]
        if not prefix.strip(" \t"):
            indent = prefix
    return len(indent.expandtabs(4))


def _bullets(blocks: Sequence[Block], source: str) -> Iterator[Finding]:
    marks: list[tuple[_Mark, int]] = []  # (the glyph, its depth in its own list)
    run: list[tuple[_Mark, int]] = []  # the current list: (glyph, indentation)
    previous: int | None = None

    def close() -> None:
        levels = sorted({indent for _, indent in run})
        marks.extend((mark, levels.index(indent)) for mark, indent in run)
        run.clear()

    for block in blocks:
        lines = list(_BULLET.finditer(block.text))
        if not lines or previous is None or previous != block.index - 1:
            close()
        for m in lines:
            mark = _Mark(block, Span(*m.span(2)), m[2])
            run.append((mark, _indentation(block, source, m)))
        previous = block.index if lines else previous
    close()
    for depth in {d for _, d in marks}:
        level = [mk for mk, d in marks if d == depth]
        if len({mark.style for mark in level}) < 2:
            continue
        target, tie, counts = _majority([(mark.style, mark.position) for mark in level])
        for mark in level:
            if mark.style == target:
                continue
            yield Finding.replace(
                mark.block,
                mark.span,
                target,
                applicability=Applicability.UNSAFE if tie else Applicability.SAFE,
                message=(
                    f"A “{mark.style}” bullet here, but “{target}” {_times(counts[target])} "
                    "elsewhere in the article."
                ),
                title=f"Use “{target}”",
            )


# --- dashes and ellipses -------------------------------------------------------------------------

_SPACED_HYPHEN = re.compile(r"(?<=\S)( - )(?=\S)")
_REAL_DASH = re.compile(r"( [–—] |(?<=[A-Za-z])—(?=[A-Za-z]))")


def _dashes(blocks: Sequence[Block]) -> Iterator[Finding]:
    hyphens = [(b, m) for b in blocks if " - " in b.text for m in _SPACED_HYPHEN.finditer(b.text)]
    if not hyphens:
        return
    dashes = Counter(
        m[1] for b in blocks if "–" in b.text or "—" in b.text for m in _REAL_DASH.finditer(b.text)
    )
    if not hyphens or not dashes:
        return
    target, n = dashes.most_common(1)[0]
    total = sum(dashes.values())
    safety = Applicability.SAFE if total >= len(hyphens) else Applicability.UNSAFE
    for block, m in hyphens:
        yield Finding.replace(
            block,
            m.span(1),
            target,
            applicability=safety,
            message=f"A hyphen used as a dash, but “{target.strip()}” {_times(n)} elsewhere.",
            title=f"Use “{target.strip()}”",
            flagged=(m.start(1) + 1, m.end(1) - 1),
        )


_ELLIPSIS = re.compile(r"(?<![.…])(\.\.\.|\. \. \.|…)(?![.…])")


def _ellipses(blocks: Sequence[Block]) -> Iterator[Finding]:
    marks = [
        _Mark(b, Span(*m.span(1)), m[1])
        for b in blocks
        if ". ." in b.text or "…" in b.text or ".." in b.text
        for m in _ELLIPSIS.finditer(b.text)
    ]
    if len({m.style for m in marks}) < 2:
        return
    target, tie, counts = _majority([(m.style, m.position) for m in marks])
    for m in marks:
        if m.style == target:
            continue
        yield Finding.replace(
            m.block,
            m.span,
            target,
            applicability=Applicability.UNSAFE if tie else Applicability.SAFE,
            message=f"“{m.style}” here, but “{target}” {_times(counts[target])} elsewhere.",
            title=f"Write “{target}”",
        )


# One rule per check, so that each can be selected, ignored and measured alone; the family
# prefix `house/typography` still selects them all.


@document_rule(
    name="typography/quotes",
    category=Category.TYPOGRAPHY,
    message="“{match}” is quoted differently elsewhere in the article.",
    examples=(
        Example.bad(
            'He said "no". She said "yes". They said <<“maybe”>>.',
            fixed='He said "no". She said "yes". They said "maybe".',
        ),
        Example.good('He said "no". She said "yes". It\'s fine, isn\'t it?'),
        Example.good("“It’s late,” she said. “We’re going.”"),
    ),
)
def quotes(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """Straight and curly double quotes mixed in one article: the minority style is fixed."""
    yield from _double_quotes(_blocks(doc))


@document_rule(
    name="typography/quote-direction",
    category=Category.TYPOGRAPHY,
    message="“{match}” faces the wrong way or is unpaired.",
    examples=(
        Example.bad("She said <<”>>Hello” to him.", fixed="She said “Hello” to him."),
        Example.good("“It’s late,” she said. “We’re going.”"),
    ),
)
def quote_direction(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """A curly quote facing the wrong way, or a quotation closed without being opened or
    opened twice (only flagged: where it should close is the writer's call)."""
    yield from _facing(_blocks(doc))


@document_rule(
    name="typography/apostrophes",
    category=Category.TYPOGRAPHY,
    message="“{match}” has an apostrophe unlike the others in the article.",
    examples=(
        Example.bad(
            "There’s a plan. Biden’s aides agree. She has a <<bachelor's>> degree.",
            fixed="There’s a plan. Biden’s aides agree. She has a bachelor’s degree.",
        ),
        Example.good("It's fine, isn't it? The cat's toy."),
    ),
)
def apostrophes(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """Straight and curly apostrophes mixed in one article ("bachelor's" among "there’s")."""
    yield from _apostrophes(_blocks(doc))


@document_rule(
    name="typography/bullets",
    category=Category.TYPOGRAPHY,
    message="“{match}” is a different bullet from the others in this list.",
    examples=(
        Example.bad("● One.\n\n● Two.\n\n<<•>> Three.", fixed="● One.\n\n● Two.\n\n● Three."),
        Example.good("• One.\n  ◦ One point one.\n• Two."),
    ),
)
def bullets(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """List bullets of two kinds at the same depth ("•" lines and "●" lines)."""
    yield from _bullets(_blocks(doc), doc.source)


@document_rule(
    name="typography/dashes",
    category=Category.TYPOGRAPHY,
    message="“{match}” is a hyphen used as a dash.",
    examples=(
        Example.bad(
            "It rose – sharply – and then fell <<->> slowly.",
            fixed="It rose – sharply – and then fell – slowly.",
        ),
        Example.good("Prices rose - sharply - in 2004-05."),
    ),
)
def dashes(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """A spaced hyphen used as a dash (" - ") in an article that also uses real dashes; the
    fix is unsafe when the article has more spaced hyphens than dashes."""
    yield from _dashes(_blocks(doc))


@document_rule(
    name="typography/ellipses",
    category=Category.TYPOGRAPHY,
    message="“{match}” is an ellipsis typed differently elsewhere.",
    examples=(
        Example.bad(
            "Wait… and then… it came. Well<<...>> no.", fixed="Wait… and then… it came. Well… no."
        ),
        Example.good("Wait... and then... it came."),
    ),
)
def ellipses(doc: Document, ctx: EngineContext) -> Iterator[Finding]:
    """Three dots ("...") beside the ellipsis character ("…") in one article."""
    yield from _ellipses(_blocks(doc))
