"""The house engine: runs every selected house rule, Python and data alike, over a Document."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from copylint.document.model import Document
from copylint.engines.base import EngineContext, Finding, RuleInfo
from copylint.house.registry import HouseRule, house_rules
from copylint.options import ConfigError, parse_options

if TYPE_CHECKING:
    from copylint.config import Config

ENGINE = "house"


class HouseEngine:
    """Every house rule in the registry; rule ids are `house/<name>`."""

    name = ENGINE

    def __init__(
        self,
        rules: Mapping[str, HouseRule] | None = None,
        options: Mapping[str, Any] | None = None,
        where: str = "config",
        prefix: str = "tool.copylint.",
    ) -> None:
        """`options` is the `[tool.copylint.rules]` table of the file `where`: each of its
        tables is parsed into the options class of the rules it names, now (ConfigError)."""
        self._rules = rules if rules is not None else house_rules()
        self._options = _parse_tables(self._rules, options or {}, where, prefix)

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
            options = self._options.get(rule.table)
            if options is None and rule.options_class is not None:
                options = rule.options_class()
            rule_ctx = dataclasses.replace(ctx, options=options)
            for f in rule.run(doc, rule_ctx):
                message = f.message
                if message is None:
                    message = rule.message.format(match=f.matched)
                yield dataclasses.replace(f, rule=rule.info.id, message=message)

    def shared_options(self) -> None:
        return None  # each worker process builds its own rules

    def close(self) -> None:
        pass


def _parse_tables(
    rules: Mapping[str, HouseRule], tables: Mapping[str, Any], where: str, prefix: str
) -> dict[str, Any]:
    """Each `[rules.<table>]` parsed into the options class of the rules that read it."""
    owners = {r.table: r.options_class for r in rules.values() if r.options_class is not None}
    parsed: dict[str, Any] = {}
    for key, table in tables.items():
        name = f"{prefix}rules.{key}"
        cls = owners.get(key)
        if cls is None:
            hint = difflib.get_close_matches(key, sorted(owners), n=1)
            also = f"; did you mean [{prefix}rules.{hint[0]}]?" if hint else ""
            raise ConfigError(
                f"{where}: [{name}] no house rule takes options by that name{also} "
                f"(rules with options: {', '.join(sorted(owners)) or 'none'})"
            )
        parsed[key] = parse_options(cls, table, where, name)
    return parsed


def build(config: Config) -> HouseEngine:
    """The house engine with the shipped rules, `rules/` and the config's rules-dirs, its
    rule options checked now, before any file is read."""
    pyproject = config.path is not None and config.path.name == "pyproject.toml"
    return HouseEngine(
        house_rules(config.rules_dirs),
        config.rule_options,
        str(config.path or "config"),
        "tool.copylint." if pyproject else "",
    )


def version(config: Config) -> str:
    """House rules are copylint's own code and rule files (both in the cache key already)."""
    from copylint import __version__

    return __version__


def rules(config: Config) -> Iterable[RuleInfo]:
    return build(config).rules()
