"""Every house rule by name, Python and data alike: a RuleSet, built fresh for each Linter.

Nothing is registered at module level: the Python rules are read off their modules (each
decorated function carries its rule), the data rules are loaded from the shipped `rules/`
folder and the configured rules-dirs each time a RuleSet is built. Building the same set a
thousand times in one process leaves memory flat (a test); an editor server can hold one
process for days.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from pathlib import Path

from copylint.house import loader
from copylint.house.examples import Example
from copylint.house.kinds import TriggerIndex
from copylint.house.rule import HouseRule, block_rule, document_rule, rule_of

__all__ = ["Example", "HouseRule", "RuleSet", "block_rule", "document_rule", "house_rules"]


def python_rules() -> list[HouseRule]:
    """The rules declared in copylint/house/python_rules/, in module and definition order."""
    from copylint.house import python_rules as package

    found: list[HouseRule] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        found.extend(r for r in map(rule_of, vars(module).values()) if r is not None)
    return found


class RuleSet:
    """The house rules of one configuration: Python, shipped data, then the rules-dirs."""

    def __init__(self, extra_dirs: Iterable[Path] = ()) -> None:
        self.rules: dict[str, HouseRule] = {}
        self.triggers = TriggerIndex()  # every data rule's trigger words, this set's own
        for rule in python_rules():
            self._add(rule)
        shipped = [loader.shipped_rules_dir()]
        for rule in loader.load_rules(shipped, validate=False, index=self.triggers):
            self._add(rule)
        for rule in loader.load_rules([Path(d) for d in extra_dirs], index=self.triggers):
            self._add(rule)

    def _add(self, rule: HouseRule) -> None:
        other = self.rules.get(rule.info.id)
        if other is not None:
            raise loader.RuleFileError(
                rule.source, 1, f"rule {rule.name!r} is already defined in {other.source}"
            )
        self.rules[rule.info.id] = rule

    def __len__(self) -> int:
        return len(self.rules)


def house_rules(extra_dirs: Iterable[Path] = ()) -> Mapping[str, HouseRule]:
    """Every house rule of a fresh RuleSet (the shipped ones, plus extra_dirs' rule files)."""
    return RuleSet(extra_dirs).rules
