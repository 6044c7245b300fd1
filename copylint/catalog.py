"""Every rule of every engine, for `copylint rules` and `rules explain`."""

from __future__ import annotations

import difflib
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from copylint.config import Config
from copylint.engines.all_engines import ENGINES
from copylint.engines.base import RuleInfo
from copylint.house.examples import ExampleKind


def all_rules(config: Config) -> list[RuleInfo]:
    """Every engine's rules, in priority order (house first); nothing is started."""
    specs = sorted(ENGINES.values(), key=lambda spec: spec.priority)
    return [info for spec in specs for info in spec.rules(config)]


def _named(config: Config) -> list[tuple[str, str]]:
    """(where it was written, prefix) for every rule prefix the configuration names."""
    return [
        *(("select", p) for p in config.selection.select),
        *(("ignore", p) for p in config.selection.ignore),
        *(("severity", p) for p in config.severity),
        *(
            (f"per-path-ignores.{glob}", p)
            for glob, ps in config.per_path_ignores.items()
            for p in ps
        ),
    ]


def names_rules(config: Config) -> bool:
    """Whether the configuration names anything finer than a whole engine."""
    return any(prefix.rstrip("/") not in ENGINES for _, prefix in _named(config))


@dataclass(frozen=True, slots=True)
class UnknownPrefix:
    """A prefix that names no rule, where it was written, and the nearest that does."""

    where: str  # "select", "severity", "per-path-ignores.drafts/*"
    prefix: str
    hint: str | None

    def message(self, config: Config) -> str:
        """One line naming the file (or the command line), the key and the prefix."""
        also = f"; did you mean {self.hint!r}?" if self.hint else ""
        where = config.where(self.where, self.prefix)
        return f"{where}: no rule matches {self.prefix!r}{also}"


def _segment_prefixes(ids: Iterable[str]) -> set[str]:
    """Every whole-segment prefix of the ids: house, house/typography, house/typography/x,
    proselint/typography.symbols (a dot separates segments too)."""
    found: set[str] = set()
    for rule in ids:
        found.add(rule)
        found.update(rule[:i] for i, c in enumerate(rule) if c in "/.")
    return found


def unknown_prefixes(config: Config, infos: list[RuleInfo]) -> list[UnknownPrefix]:
    """Rule prefixes in select, ignore, severity or per-path ignores that name no rule, by
    whole id segments (`hous` and `house/dates-f` name nothing)."""
    return _sort(config, infos)[0]


def unchecked_prefixes(config: Config, infos: list[RuleInfo]) -> list[str]:
    """Well-formed ids of an engine with more rules than it lists (LanguageTool), that are
    not among those it lists: passed on, but nobody could check that they exist."""
    return _sort(config, infos)[1]


def _sort(config: Config, infos: list[RuleInfo]) -> tuple[list[UnknownPrefix], list[str]]:
    known = _segment_prefixes(i.id for i in infos) | set(ENGINES)
    unknown: list[UnknownPrefix] = []
    unchecked: list[str] = []
    for where, prefix in _named(config):
        bare = prefix.rstrip("/")
        if bare in known:
            continue
        engine, _, rest = bare.partition("/")
        spec = ENGINES.get(engine)
        if spec is not None and spec.unlisted_ids is not None and spec.unlisted_ids.fullmatch(rest):
            unchecked.append(prefix)  # more rules than it lists: a well-formed id may be one
            continue
        hint = difflib.get_close_matches(bare, sorted(known), n=1, cutoff=0.75)
        unknown.append(UnknownPrefix(where, prefix, hint[0] if hint else None))
    return unknown, unchecked


def explain_text(info: RuleInfo) -> str:
    """A rule's documentation, facts and examples as plain text."""
    fix = info.fix.label if info.fix is not None else "none (flags only)"
    lines = [
        info.id,
        "=" * len(info.id),
        f"engine: {info.engine}   category: {info.category.value}   "
        f"severity: {info.severity.label}   fix: {fix}   default: {'on' if info.enabled else 'off'}",
        "",
        info.doc or info.summary,
    ]
    if info.examples:
        lines += ["", "Examples:"]
        for ex in info.examples:
            kind = getattr(ex, "kind", None)
            if kind is ExampleKind.BAD:
                lines.append(f"  ✗ {ex.marked}")
                if ex.fixed is not None:
                    lines.append(f"    → {ex.fixed}")
            elif kind is ExampleKind.GOOD:
                lines.append(f"  ✓ {ex.marked}")
            else:
                lines.append(f"  ~ {getattr(ex, 'marked', ex)} (known false positive)")
    return "\n".join(textwrap.dedent(x) for x in lines)
