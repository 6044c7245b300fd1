"""Every example of every house rule, Python and data alike, plus the meta-checks."""

from __future__ import annotations

import pkgutil

import pytest

from copylint.house import python_rules
from copylint.house.examples import Example
from copylint.house.registry import HouseRule, house_rules
from copylint.house.verify import check_example, check_rule

RULES = house_rules()
CASES = [
    pytest.param(rule, ex, id=f"{rule.name}-{i}-{ex.kind.value}")
    for rule in RULES.values()
    for i, ex in enumerate(rule.info.examples)
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule: HouseRule, example: Example) -> None:
    assert check_example(rule, example) == []


@pytest.mark.parametrize("rule", list(RULES.values()), ids=lambda r: r.name)
def test_rule_has_bad_and_good_examples(rule: HouseRule) -> None:
    assert check_rule(rule) == []


def test_every_python_rule_module_registers() -> None:
    sources = {r.source for r in RULES.values()}
    for mod in pkgutil.iter_modules(python_rules.__path__):
        assert f"{python_rules.__name__}.{mod.name}" in sources, mod.name


def test_the_runner_catches_a_wrong_example() -> None:
    rule = RULES["house/duplicated-word"]
    assert check_example(rule, Example.good("The the end."))
    assert check_example(rule, Example.bad("<<The>> the end.", fixed="The end."))
    assert check_example(rule, Example.bad("The <<the>> end.", fixed="The the end."))
