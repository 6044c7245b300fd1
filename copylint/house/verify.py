"""Run every house rule's own examples; shared by the test suite and `copylint rules verify`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from copylint.config import Config, Selection
from copylint.diagnostics import Applicability
from copylint.engines.house import HouseEngine
from copylint.house.examples import Example, ExampleKind
from copylint.house.registry import HouseRule, house_rules
from copylint.pipeline import Linter

EXAMPLE_PATH = "example.md"


def _linter(rule: HouseRule) -> Linter:
    config = Config(selection=Selection((rule.info.id,), ()))
    return Linter(config, [HouseEngine({rule.info.id: rule})])


def check_example(rule: HouseRule, ex: Example) -> list[str]:
    """Problems with one example (empty when it holds)."""
    linter = _linter(rule)
    rid = rule.info.id
    where = f"{rid} ({rule.source}): {ex.kind.value} example {ex.marked!r}"
    found = [d for d in linter.lint(EXAMPLE_PATH, ex.text) if d.rule == rid]
    if ex.kind is ExampleKind.GOOD:
        return [f"{where}: expected nothing, got {[d.message for d in found]}"] if found else []
    if ex.kind is ExampleKind.KNOWN_FALSE_POSITIVE:
        return [] if found else [f"{where}: no longer fires; turn it into a good example"]
    problems: list[str] = []
    spans = list(ex.spans)
    if len(found) != 1:
        return [
            f"{where}: expected exactly one finding, got {len(found)}: "
            f"{[(ex.text[d.span.start : d.span.end], d.message) for d in found]}"
        ]
    d = found[0]
    if d.span != spans[0]:
        problems.append(
            f"{where}: flagged {ex.text[d.span.start : d.span.end]!r}, "
            f"expected {ex.text[spans[0].start : spans[0].end]!r}"
        )
    if ex.fixed is not None:
        if d.fix is None:
            return [*problems, f"{where}: expected a fix giving {ex.fixed!r}, got none"]
        want = ex.fix or (rule.info.fix.label if rule.info.fix is not None else None)
        if want is not None and d.fix.applicability.label != want:
            problems.append(f"{where}: fix is {d.fix.applicability.label}, expected {want}")
        fixed = linter.fix(EXAMPLE_PATH, ex.text, Applicability.UNSAFE).text
        if fixed != ex.fixed:
            problems.append(f"{where}: fix gave {fixed!r}, expected {ex.fixed!r}")
        again = [x for x in linter.lint(EXAMPLE_PATH, ex.fixed) if x.rule == rid]
        if again:
            problems.append(f"{where}: the fixed text still fires: {[x.message for x in again]}")
    return problems


def check_rule(rule: HouseRule) -> list[str]:
    """Meta-checks: a rule carries at least one bad and one good example."""
    kinds = {getattr(e, "kind", None) for e in rule.info.examples}
    problems = []
    if ExampleKind.BAD not in kinds:
        problems.append(f"{rule.info.id} ({rule.source}): has no bad example")
    if ExampleKind.GOOD not in kinds:
        problems.append(f"{rule.info.id} ({rule.source}): has no good example")
    return problems


def rules_to_verify(directory: Path | None) -> Iterable[HouseRule]:
    from copylint.house.loader import load_rules, shipped_rules_dir

    if directory is None:
        load_rules([shipped_rules_dir()])  # validates every shipped file against the schema
        return list(house_rules().values())
    return load_rules([directory])


def verify_rules(directory: Path | None = None) -> tuple[list[str], int]:
    """(failures, examples checked) for every rule, or the rule files in one folder."""
    failures: list[str] = []
    count = 0
    try:
        rules = list(rules_to_verify(directory))
    except Exception as exc:  # a bad rule file: report it as the failure it is
        return [str(exc)], 0
    for rule in rules:
        failures.extend(check_rule(rule))
        for ex in rule.info.examples:
            count += 1
            failures.extend(check_example(rule, ex))
    return failures, count
