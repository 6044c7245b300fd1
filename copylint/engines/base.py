"""The Engine protocol, the engine-neutral Finding, and the facts each rule declares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from copylint.diagnostics import Applicability, Category, Severity, Span
from copylint.document.model import Block, Document


@dataclass(frozen=True, slots=True)
class ProseEdit:
    """Replace block.text[span] with text; block-relative prose offsets."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    """What an engine saw, in prose offsets of one block; locate.py maps it to the source."""

    block: Block
    span: Span
    message: str | None = None
    edits: tuple[ProseEdit, ...] = ()
    applicability: Applicability = Applicability.SAFE
    title: str | None = None
    rule: str | None = None  # "engine/rule"; house rules get theirs from the registry
    severity: Severity | None = None  # None: the rule's default
    category: Category | None = None
    suggestions: tuple[str, ...] = ()

    @classmethod
    def replace(
        cls,
        block: Block,
        span: tuple[int, int] | Span,
        text: str,
        *,
        applicability: Applicability,  # always stated; capped by the rule's RuleInfo.fix
        message: str | None = None,
        title: str | None = None,
        flagged: tuple[int, int] | Span | None = None,
        **extra: Any,
    ) -> Finding:
        """A finding whose fix replaces the span with text; `flagged` narrows what is shown.
        Its applicability is always stated, never assumed; locate caps it at the rule's."""
        edit_span = span if isinstance(span, Span) else Span(*span)
        shown = (
            edit_span
            if flagged is None
            else (flagged if isinstance(flagged, Span) else Span(*flagged))
        )
        return cls(
            block=block,
            span=shown,
            message=message,
            edits=(ProseEdit(edit_span, text),),
            applicability=applicability,
            title=title,
            **extra,
        )

    @classmethod
    def flag(
        cls, block: Block, span: tuple[int, int] | Span, message: str | None = None, **extra: Any
    ) -> Finding:
        """A finding with no fix."""
        return cls(
            block=block,
            span=span if isinstance(span, Span) else Span(*span),
            message=message,
            **extra,
        )

    @property
    def matched(self) -> str:
        return self.block.text[self.span.start : self.span.end]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What `copylint rules` lists and `rules explain` prints about one rule."""

    id: str  # "house/duplicated-word"
    category: Category
    severity: Severity
    fix: Applicability | None  # the best fix the rule offers; None when it only flags
    summary: str
    doc: str = ""
    examples: tuple[Any, ...] = ()
    enabled: bool = True  # on unless selected

    @property
    def engine(self) -> str:
        return self.id.split("/", 1)[0]


@dataclass(frozen=True, slots=True)
class EngineContext:
    """What engines need from the configuration."""

    language: str = "en"  # English, the variant read from each article (copylint.dialect)
    vocabulary: frozenset[str] = frozenset()
    options: Any = None  # a house rule's options object (its declared dataclass), else None
    is_selected: Any = None  # Callable[[str], bool] | None: whether a rule id is selected


class EngineUnavailable(Exception):
    """An engine cannot run (missing Java, server down…); the message is one line."""


class Engine(Protocol):
    """An engine reads a Document and yields Findings in prose offsets."""

    name: str

    def rules(self) -> Iterable[RuleInfo]: ...

    def check(self, doc: Document, ctx: EngineContext) -> Iterable[Finding]: ...

    def shared_options(self) -> object | None:
        """Options for worker processes, so they share what this engine started (a server);
        None when they can build their own from the config."""
        ...

    def close(self) -> None: ...
