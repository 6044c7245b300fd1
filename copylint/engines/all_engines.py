"""The engines copylint runs, in one table: name → options, factory, version, rules, priority.

Adding an engine means adding its module and one row to `ENGINES`; configuration, merging,
the cache, `copylint rules` and the JSON report all read this table. Each engine's options
are a frozen dataclass parsed strictly from its table (`[tool.copylint.<name>]`) when the
configuration is loaded (copylint.options). First-party engines are imported here
unconditionally: one that fails to import is a bug and must fail loudly, not vanish.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from copylint.engines import house, languagetool, proselint
from copylint.engines.base import Engine, RuleInfo

if TYPE_CHECKING:
    from copylint.config import Config


@dataclass(frozen=True, slots=True)
class EngineSpec:
    """One engine: how it is configured, built, versioned and listed."""

    name: str
    priority: int  # where findings overlap, the lower number leads (merge.py)
    options: type[Any] | None  # the dataclass of [tool.copylint.<name>]; None: no table
    factory: Callable[[Config], Engine]
    version: Callable[[Config], str]  # what would run, found without starting anything
    rules: Callable[[Config], Iterable[RuleInfo]]  # for `copylint rules`, without a server
    # The rule ids (after "<name>/") it may have beyond those `rules` lists; None: none.
    unlisted_ids: re.Pattern[str] | None = None


ENGINES: Mapping[str, EngineSpec] = {
    spec.name: spec
    for spec in (
        EngineSpec(
            name=house.ENGINE,
            priority=0,
            options=None,  # house rules take their options from [tool.copylint.rules.<rule>]
            factory=house.build,
            version=house.version,
            rules=house.rules,
        ),
        EngineSpec(
            name=languagetool.ENGINE,
            priority=1,
            options=languagetool.Options,
            factory=languagetool.build,
            version=languagetool.version,
            rules=languagetool.rules,
            unlisted_ids=re.compile(r"[A-Z0-9_]*"),  # thousands of rules, per language
        ),
        EngineSpec(
            name=proselint.ENGINE,
            priority=2,
            options=proselint.Options,
            factory=proselint.build,
            version=proselint.version,
            rules=proselint.rules,
        ),
    )
}

UNAVAILABLE = "not installed"  # in an engine's version: it cannot run here


def priority(engine: str) -> int:
    """The merge priority of an engine by name (unknown engines come last)."""
    spec = ENGINES.get(engine)
    return spec.priority if spec is not None else len(ENGINES)


__all__ = ["ENGINES", "UNAVAILABLE", "EngineSpec", "priority"]
