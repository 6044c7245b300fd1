"""The house engine: runs every selected house rule, Python and data alike, over a Document."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from copylint.document.model import Document
from copylint.engines.base import EngineContext, Finding, RuleInfo
from copylint.house.registry import HouseRule, house_rules

if TYPE_CHECKING:
    from copylint.config import Config

ENGINE = "house"


class HouseEngine:
    """Every house rule in the registry; rule ids are `house/<name>`."""

    name = ENGINE

    def __init__(self, rules: dict[str, HouseRule] | None = None) -> None:
        self._rules = rules if rules is not None else house_rules()

    def rules(self) -> Iterable[RuleInfo]:
        return [r.info for r in self._rules.values()]

    def rule(self, rule_id: str) -> HouseRule | None:
        return self._rules.get(rule_id)

    def check(self, doc: Document, ctx: EngineContext) -> Iterator[Finding]:
        for rule in self._rules.values():
            if ctx.is_selected is not None and not ctx.is_selected(
                rule.info.id, default_on=rule.info.enabled
            ):
                continue
            # A rule's own table, else its family's: consistency/names reads rules.consistency.
            family = rule.name.split("/", 1)[0]
            table = ctx.options.get(rule.name) or ctx.options.get(family, {})
            rule_ctx = dataclasses.replace(ctx, options=table)
            for f in rule.run(doc, rule_ctx):
                message = f.message
                if message is None:
                    message = rule.message.format(match=f.matched)
                yield dataclasses.replace(f, rule=rule.info.id, message=message)

    def shared_options(self) -> None:
        return None  # each worker process builds its own rules

    def close(self) -> None:
        pass


def build(config: Config) -> HouseEngine:
    """The house engine with the shipped rules, `rules/` and the config's rules-dirs."""
    return HouseEngine(house_rules(config.rules_dirs))


def version(config: Config) -> str:
    """House rules are copylint's own code and rule files (both in the cache key already)."""
    from copylint import __version__

    return __version__


def rules(config: Config) -> Iterable[RuleInfo]:
    return build(config).rules()
