"""The RuleSet: every house rule by name, built fresh per Linter, with no global state."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from copylint.config import Config, Selection
from copylint.house import registry
from copylint.house.loader import RuleFileError
from copylint.house.registry import RuleSet, house_rules
from copylint.pipeline import Linter

RULE = """\
name: {name}
kind: substitution
message: "Prefer “{{replacement}}” to “{{match}}”."
why: "Shorter."
fix: safe
swap: {{leverage: use}}
examples:
  - {{bad: "We <<leverage>> it.", fixed: "We use it."}}
  - good: "We use it."
"""


def write(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(RULE.format(name=name), encoding="utf-8")
    return path


def test_python_shipped_and_extra_rules_in_one_set(tmp_path: Path) -> None:
    write(tmp_path, "leverage")
    rules = RuleSet([tmp_path]).rules
    assert {"house/duplicated-word", "house/utilize", "house/leverage"} <= set(rules)
    assert rules["house/utilize"].source.endswith("utilize.yaml")
    assert "house/leverage" not in house_rules()  # each set is its own; nothing leaks


def test_a_user_rule_may_not_reuse_a_shipped_name(tmp_path: Path) -> None:
    path = write(tmp_path, "utilize")
    with pytest.raises(RuleFileError) as info:
        RuleSet([tmp_path])
    assert info.value.path == str(path) and "already defined" in info.value.message


def test_no_module_keeps_a_registry() -> None:
    from copylint.house import kinds, loader

    assert not hasattr(kinds, "TRIGGERS")  # was a process-wide index every load grew
    assert not hasattr(loader, "_SHIPPED_LOADED")
    assert not [
        name
        for name, value in vars(registry).items()
        if isinstance(value, dict | list | set) and not name.startswith("__")
    ]


def test_each_linter_has_its_own_rules(tmp_path: Path) -> None:
    write(tmp_path, "leverage")
    plain = Linter(Config(selection=Selection(("house",), ())))
    extra = Linter(Config(selection=Selection(("house",), ()), rules_dirs=(tmp_path,)))
    text = "We leverage it.\n"
    assert [d.rule for d in extra.lint("a.md", text)] == ["house/leverage"]
    assert plain.lint("a.md", text) == []


@pytest.mark.slow
def test_loading_the_same_folder_a_thousand_times_leaves_memory_flat(tmp_path: Path) -> None:
    """An editor server builds rule sets for days in one process."""
    folder = tmp_path / "style"
    for name in ("leverage", "synergy", "paradigm"):
        write(folder, name)
    from copylint.house import loader

    def load() -> None:
        assert len(loader.load_rules([folder])) == 3

    for _ in range(50):  # warm up caches that are bounded by design (compiled patterns)
        load()
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(1000):
            load()
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 200_000, f"grew by {after - before} bytes over 1,000 loads"


@pytest.mark.slow
def test_building_whole_rule_sets_leaves_memory_flat(tmp_path: Path) -> None:
    write(tmp_path, "leverage")
    for _ in range(5):
        RuleSet([tmp_path])
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        for _ in range(50):
            RuleSet([tmp_path])
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert after - before < 200_000, f"grew by {after - before} bytes over 50 rule sets"
