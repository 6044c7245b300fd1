"""A house rule (HouseRule) and the decorators that declare Python rules.

A decorator attaches the rule it declares to its function (`func.house_rule`); nothing is
registered anywhere. copylint.house.registry collects them into a RuleSet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from copylint.diagnostics import Applicability, Category, Severity
from copylint.document.model import Block, BlockKind, Document
from copylint.engines.base import EngineContext, Finding, RuleInfo
from copylint.house.examples import Example

__all__ = ["Example", "HouseRule", "block_rule", "document_rule", "rule_of"]

BlockCheck = Callable[[Block, EngineContext], Iterable[Finding]]
DocumentCheck = Callable[[Document, EngineContext], Iterable[Finding]]
PROSE_KINDS = frozenset(BlockKind) - {BlockKind.ALT}


@dataclass(frozen=True)
class HouseRule:
    """A registered house rule: its facts, its check and its scope."""

    info: RuleInfo
    message: str  # a template: {match} is the flagged text
    scope: frozenset[BlockKind]
    block_check: BlockCheck | None = None
    document_check: DocumentCheck | None = None
    source: str = ""  # the module or file that defines it
    options: dict[str, Any] = field(default_factory=dict)  # a data rule's kind and file
    # The frozen dataclass of its [tool.copylint.rules.<options_table>] table; None: none.
    options_class: type[Any] | None = None
    options_table: str = ""  # defaults to the rule's name; a family may share one

    @property
    def table(self) -> str:
        return self.options_table or self.name

    @property
    def name(self) -> str:
        return self.info.id.split("/", 1)[1]

    def run(self, doc: Document, ctx: EngineContext) -> Iterator[Finding]:
        if self.document_check is not None:
            yield from self.document_check(doc, ctx)
            return
        assert self.block_check is not None
        for block in doc.blocks:
            if block.kind in self.scope:
                yield from self.block_check(block, ctx)


def _decorator(
    *,
    name: str,
    category: Category,
    message: str,
    examples: tuple[Example, ...],
    severity: Severity,
    fix: Applicability | None,
    scope: Iterable[BlockKind] | None,
    level: str,
    options: type[Any] | None = None,
    options_table: str = "",
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    def wrap(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        import sys

        module = sys.modules.get(func.__module__)
        doc = (module.__doc__ or "").strip() if module else ""
        if func.__doc__:
            doc = (doc + "\n\n" + func.__doc__.strip()).strip()
        # The check's own first line when it has one: several rules may share a module.
        own = (func.__doc__ or "").strip()
        first = (own or doc).split("\n\n", 1)[0]
        summary = " ".join(first.split()) if first else name
        info = RuleInfo(
            id=f"house/{name}",
            category=category,
            severity=severity,
            fix=fix,
            summary=summary,
            doc=doc,
            examples=examples,
        )
        func.house_rule = HouseRule(  # type: ignore[attr-defined]
            info=info,
            message=message,
            scope=frozenset(scope) if scope is not None else PROSE_KINDS,
            block_check=func if level == "block" else None,
            document_check=func if level == "document" else None,
            source=func.__module__,
            options_class=options,
            options_table=options_table,
        )
        return func

    return wrap


def block_rule(
    *,
    name: str,
    category: Category,
    message: str,
    examples: tuple[Example, ...],
    severity: Severity = Severity.WARNING,
    fix: Applicability | None = Applicability.SAFE,
    scope: Iterable[BlockKind] | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register a rule that reads one block at a time."""
    return _decorator(
        name=name,
        category=category,
        message=message,
        examples=examples,
        severity=severity,
        fix=fix,
        scope=scope,
        level="block",
    )


def document_rule(
    *,
    name: str,
    category: Category,
    message: str,
    examples: tuple[Example, ...],
    severity: Severity = Severity.WARNING,
    fix: Applicability | None = Applicability.SAFE,
    options: type[Any] | None = None,
    options_table: str = "",
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register a rule that reads the whole article (dates, consistency); `options` is the
    dataclass its `[tool.copylint.rules.<options_table or name>]` table is parsed into."""
    return _decorator(
        name=name,
        category=category,
        message=message,
        examples=examples,
        severity=severity,
        fix=fix,
        scope=None,
        level="document",
        options=options,
        options_table=options_table,
    )


def rule_of(obj: object) -> HouseRule | None:
    """The house rule a decorated function declares, or None."""
    rule = getattr(obj, "house_rule", None)
    return rule if isinstance(rule, HouseRule) else None
