"""Every rule of every engine, for `copylint rules` and `rules explain`."""

from __future__ import annotations

import textwrap

from copylint.config import Config
from copylint.engines.all_engines import ENGINES
from copylint.engines.base import RuleInfo
from copylint.house.examples import ExampleKind


def all_rules(config: Config) -> list[RuleInfo]:
    """Every engine's rules, in priority order (house first); nothing is started."""
    specs = sorted(ENGINES.values(), key=lambda spec: spec.priority)
    return [info for spec in specs for info in spec.rules(config)]


def _named(config: Config) -> list[str]:
    return [
        *config.selection.select,
        *config.selection.ignore,
        *config.severity,
        *(p for ps in config.per_path_ignores.values() for p in ps),
    ]


def names_rules(config: Config) -> bool:
    """Whether the configuration names anything finer than a whole engine."""
    return any(prefix not in ENGINES for prefix in _named(config))


def unknown_prefixes(config: Config, infos: list[RuleInfo]) -> list[str]:
    """Rule prefixes in select, ignore, severity or per-path ignores that name no rule."""
    ids = [i.id for i in infos]
    unknown = []
    for prefix in _named(config):
        if prefix in ENGINES or any(i.startswith(prefix) for i in ids):
            continue
        engine, _, rest = prefix.partition("/")
        spec = ENGINES.get(engine)
        if spec is not None and spec.unlisted_ids is not None and spec.unlisted_ids.fullmatch(rest):
            continue  # an engine with more rules than it lists: any well-formed id is accepted
        unknown.append(prefix)
    return unknown


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
