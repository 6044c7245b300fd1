"""Every rule of every engine, for `copylint rules` and `rules explain`."""

from __future__ import annotations

import re
import textwrap

from copylint.config import ENGINES, Config
from copylint.engines.base import RuleInfo
from copylint.house.examples import ExampleKind
from copylint.house.registry import house_rules


def all_rules(config: Config) -> list[RuleInfo]:
    """House rules, then the other engines' rules where their packages are installed."""
    infos = [r.info for r in house_rules(config.rules_dirs).values()]
    try:
        from copylint.engines.proselint import ProselintEngine
    except ImportError:
        pass
    else:
        infos.extend(ProselintEngine().rules())
    try:
        from copylint.engines.languagetool import LanguageToolEngine
    except ImportError:
        pass
    else:
        infos.extend(LanguageToolEngine(config.languagetool).rules())
    return infos


_LANGUAGETOOL_ID = re.compile(r"^languagetool/[A-Z0-9_]+$")


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
        if _LANGUAGETOOL_ID.match(prefix) or prefix == "languagetool/":
            continue  # LanguageTool has thousands of rules; any well-formed id is accepted
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
