"""The house engine: runs every selected house rule, Python and data alike, over a Document."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from copylint.document.model import Document
from copylint.engines.base import EngineContext, Finding, RuleInfo
from copylint.house.registry import HouseRule, house_rules


class HouseEngine:
    """Every house rule in the registry; rule ids are `house/<name>`."""

    name = "house"

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
            rule_ctx = dataclasses.replace(ctx, options=ctx.options.get(rule.name, {}))
            for f in rule.run(doc, rule_ctx):
                message = f.message
                if message is None:
                    message = rule.message.format(match=f.matched)
                yield dataclasses.replace(f, rule=rule.info.id, message=message)

    def close(self) -> None:
        pass
