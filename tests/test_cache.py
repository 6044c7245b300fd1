"""The result cache: exact round trips, keys that change when they should, and safe writes."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from copylint.cache import (
    CACHE_DIR,
    ResultCache,
    cache_root,
    check_path_cached,
    config_fingerprint,
    diagnostic_from_json,
    diagnostic_to_json,
    engine_versions,
)
from copylint.config import Config, Selection
from copylint.diagnostics import (
    Applicability,
    Category,
    Diagnostic,
    Edit,
    Fix,
    Severity,
    Span,
)
from copylint.engines.languagetool import Options
from copylint.pipeline import Linter, check_path

HOUSE = Config(selection=Selection(("house",), ()))

RICH = Diagnostic(
    rule="house/duplicated-word",
    message="“the” is repeated — «quoted»\nover two lines",
    span=Span(10, 17),
    severity=Severity.WARNING,
    category=Category.DUPLICATION,
    fix=Fix("Remove the second “the”", (Edit(13, 17, ""), Edit(2, 2, "é🙂")), Applicability.SAFE),
    suggestions=("the", "a"),
    also_reported_by=("languagetool",),
    related=(
        Diagnostic(
            rule="languagetool/ENGLISH_WORD_REPEAT_RULE",
            message="Possible typo",
            span=Span(10, 17),
            severity=Severity.ERROR,
            category=Category.GRAMMAR,
            fix=Fix("x", (Edit(10, 17, "the"),), Applicability.DISPLAY_ONLY),
        ),
        Diagnostic(
            rule="proselint/misc.x",
            message="m",
            span=Span(0, 0),
            severity=Severity.INFO,
            category=Category.USAGE,
        ),
    ),
)


def test_diagnostic_json_round_trip_is_exact() -> None:
    data = json.loads(json.dumps(diagnostic_to_json(RICH)))
    assert diagnostic_from_json(data) == RICH


def test_put_get_round_trip(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / CACHE_DIR, "cfg", {"proselint": "0.16.0"})
    assert cache.get("a.md", "text") is None
    cache.put("a.md", "text", [RICH, RICH])
    again = ResultCache(tmp_path / CACHE_DIR, "cfg", {"proselint": "0.16.0"})
    assert again.get("a.md", "text") == [RICH, RICH]
    cache.put("b.md", "clean", [])
    assert again.get("b.md", "clean") == []
    assert (again.hits, again.misses) == (2, 0)


def test_cache_folder_is_ignored_by_git(tmp_path: Path) -> None:
    root = tmp_path / CACHE_DIR
    ResultCache(root, "cfg").put("a.md", "x", [])
    assert (root / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (root / "CACHEDIR.TAG").is_file()


@pytest.mark.parametrize(
    ("changed", "path", "text"),
    [
        ({"config": "other"}, "a.md", "text"),
        ({"engines": {"proselint": "0.17.0"}}, "a.md", "text"),
        ({"engines": {"proselint": "0.16.0", "languagetool": "6.8"}}, "a.md", "text"),
        ({}, "a.md", "text!"),
        ({}, "a.txt", "text"),  # another reader, other per-path ignores
    ],
)
def test_key_changes_with_config_versions_path_and_content(
    tmp_path: Path, changed: dict[str, object], path: str, text: str
) -> None:
    base = {"config": "cfg", "engines": {"proselint": "0.16.0"}}
    cache = ResultCache(tmp_path, "cfg", {"proselint": "0.16.0"})
    cache.put("a.md", "text", [RICH])
    settings = {**base, **changed}
    other = ResultCache(tmp_path, str(settings["config"]), settings["engines"])  # type: ignore[arg-type]
    assert other.get(path, text) is None


def test_key_changes_with_copylint_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = ResultCache(tmp_path, "cfg")
    cache.put("a.md", "text", [RICH])
    monkeypatch.setattr("copylint.cache.code_version", lambda: "9.9.9+feed")
    assert ResultCache(tmp_path, "cfg").get("a.md", "text") is None


def test_config_fingerprint_follows_what_matters(tmp_path: Path) -> None:
    base = config_fingerprint(HOUSE)
    assert config_fingerprint(Config(selection=Selection(("house",), ()))) == base
    assert config_fingerprint(dataclasses.replace(HOUSE, path=tmp_path / "x.toml")) == base
    variants = [
        dataclasses.replace(HOUSE, selection=Selection(("house",), ("house/duplicated-word",))),
        dataclasses.replace(HOUSE, severity={"house": Severity.ERROR}),
        dataclasses.replace(HOUSE, vocabulary=frozenset({"Geneva"})),
        dataclasses.replace(HOUSE, language="en-GB"),
        dataclasses.replace(HOUSE, per_path_ignores={"drafts/*": ("house",)}),
        dataclasses.replace(HOUSE, rule_options={"dates": {"format": "iso"}}),
        dataclasses.replace(
            HOUSE, engine_options={"languagetool": Options(disable=frozenset("X"))}
        ),
    ]
    prints = {config_fingerprint(v) for v in variants}
    assert base not in prints
    assert len(prints) == len(variants)


def test_config_fingerprint_follows_rules_dir_contents(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    rule = rules / "utilize.yaml"
    rule.write_text("name: utilize\n", encoding="utf-8")
    config = dataclasses.replace(HOUSE, rules_dirs=(rules,))
    before = config_fingerprint(config)
    assert config_fingerprint(config) == before
    rule.write_text("name: utilize\nseverity: error\n", encoding="utf-8")
    assert config_fingerprint(config) != before
    (rules / "more.yaml").write_text("name: more\n", encoding="utf-8")
    assert len({before, config_fingerprint(config)}) == 2


def test_engine_versions_name_only_the_engines_that_run(monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(engine_versions(HOUSE)) == {"house"}
    with_proselint = engine_versions(Config(selection=Selection(("proselint",), ())))
    assert set(with_proselint) == {"proselint"}
    assert with_proselint["proselint"][:1].isdigit()
    monkeypatch.delenv("COPYLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setattr("copylint.languagetool.server.status", lambda: None)
    monkeypatch.setattr("shutil.which", lambda name: None)
    no_java = engine_versions(Config(selection=Selection(("languagetool",), ())))
    assert "not installed" in no_java["languagetool"]
    monkeypatch.setenv("COPYLINT_LANGUAGETOOL_URL", "http://lt.example:8081")
    lt = engine_versions(Config(selection=Selection(("languagetool",), ())))
    assert set(lt) == {"languagetool"}
    assert lt["languagetool"].startswith("url http://lt.example:8081; language-tool-python ")


def test_cache_root_is_the_project_root_or_cwd(tmp_path: Path) -> None:
    assert cache_root(Config(), cwd=tmp_path) == tmp_path / CACHE_DIR
    config = dataclasses.replace(Config(), path=tmp_path / "proj" / "pyproject.toml")
    assert cache_root(config, cwd=tmp_path) == tmp_path / "proj" / CACHE_DIR


@pytest.mark.parametrize(
    "garbage",
    [
        b"",
        b"{not json",
        b'{"key": "wrong", "diagnostics": []}',
        b'{"diagnostics": [{"rule": "x"}]}',
        b"\xff\xfe",
    ],
)
def test_corrupt_entry_is_ignored_and_replaced(tmp_path: Path, garbage: bytes) -> None:
    cache = ResultCache(tmp_path, "cfg")
    cache.put("a.md", "text", [RICH])
    entries = list((tmp_path / "v1").glob("*/*.json"))
    assert len(entries) == 1
    entries[0].write_bytes(garbage)
    assert cache.get("a.md", "text") is None
    cache.put("a.md", "text", [RICH])
    assert cache.get("a.md", "text") == [RICH]


def test_prune_keeps_the_most_recently_used(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path, "cfg", max_entries=3)
    for i in range(5):
        cache.put(f"{i}.md", "x", [])
    past = time.time() - 1000
    for i, entry in enumerate(sorted((tmp_path / "v1").glob("*/*.json"))):
        os.utime(entry, (past + i, past + i))
    assert cache.get("0.md", "x") == []  # a hit refreshes it
    assert cache.prune() == 2
    assert len(list((tmp_path / "v1").glob("*/*.json"))) == 3
    assert cache.get("0.md", "x") == []


def test_unwritable_cache_is_silent(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = ResultCache(blocker / CACHE_DIR, "cfg")
    cache.put("a.md", "x", [RICH])
    assert cache.get("a.md", "x") is None


_WRITER = textwrap.dedent(
    """
    import sys
    from copylint.cache import ResultCache
    from copylint.diagnostics import Category, Diagnostic, Severity, Span

    root, tag = sys.argv[1], sys.argv[2]
    cache = ResultCache(root, "cfg")
    for round in range(15):
        for i in range(25):
            n = 1 + (round + i) % 7
            found = [
                Diagnostic("house/x", tag * 500, Span(j, j + 1), Severity.WARNING,
                           Category.STYLE)
                for j in range(n)
            ]
            cache.put(f"{i}.md", "same text", found)
            got = cache.get(f"{i}.md", "same text")
            assert got is not None and len(got) in range(1, 8), got
    """
)


def test_concurrent_writers_do_not_corrupt(tmp_path: Path) -> None:
    root = tmp_path / CACHE_DIR
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(root), tag]) for tag in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    cache = ResultCache(root, "cfg")
    for i in range(25):
        got = cache.get(f"{i}.md", "same text")
        assert got is not None
        assert len({d.message for d in got}) == 1  # one writer's entry, whole
    assert not list(root.glob("v1/*/*.tmp"))


def test_check_path_cached_answers_from_the_cache(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("We saw the the lake.\n", encoding="utf-8")
    linter = Linter(HOUSE)
    try:
        cache = ResultCache(tmp_path / CACHE_DIR, config_fingerprint(HOUSE))
        first = check_path_cached(linter, cache, str(article))
        assert first == check_path(linter, str(article))
        assert [d.rule for d in first.diagnostics] == ["house/duplicated-word"]
        second = check_path_cached(linter, cache, str(article))
        assert (cache.hits, cache.misses) == (1, 1)
        assert second.diagnostics == first.diagnostics
        assert second.source == first.source
        article.write_text("We saw the lake.\n", encoding="utf-8")
        assert check_path_cached(linter, cache, str(article)).diagnostics == []
        assert check_path_cached(linter, cache, str(tmp_path / "gone.md")).error == "no such file"
    finally:
        linter.close()


def test_check_path_cached_does_not_store_when_an_engine_failed(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("We saw the the lake.\n", encoding="utf-8")
    linter = Linter(HOUSE)
    try:
        linter.notices.append("languagetool: server not reachable (other engines still ran)")
        cache = ResultCache(tmp_path / CACHE_DIR, "cfg")
        check_path_cached(linter, cache, str(article))
        assert cache.get(str(article), article.read_text(encoding="utf-8")) is None
    finally:
        linter.close()


def test_check_path_cached_stores_when_the_failure_is_in_the_key(tmp_path: Path) -> None:
    """LanguageTool not installed is a steady state, and the key says so: cache away."""
    article = tmp_path / "a.md"
    article.write_text("We saw the the lake.\n", encoding="utf-8")
    linter = Linter(HOUSE)
    try:
        linter.notices.append("languagetool: LanguageTool is not installed (other engines ran)")
        cache = ResultCache(tmp_path / CACHE_DIR, "cfg", {"languagetool": "not installed"})
        check_path_cached(linter, cache, str(article))
        assert cache.get(str(article), article.read_text(encoding="utf-8")) is not None
    finally:
        linter.close()


def test_a_cached_rerun_lints_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second pass reads every result from the cache: no file is linted again. (How much
    faster that is, is measured in benchmarks/bench_repo.py, not in a timed test.)"""
    files = []
    for i in range(40):
        f = tmp_path / f"{i}.md"
        f.write_text(("We walked by the lake in the morning. " * 60 + "\n\n") * 5, encoding="utf-8")
        files.append(str(f))
    linter = Linter(HOUSE)
    try:
        cache = ResultCache(tmp_path / CACHE_DIR, config_fingerprint(HOUSE))
        cold = [check_path_cached(linter, cache, f) for f in files]

        def no_linting(*args: object, **kwargs: object) -> None:
            raise AssertionError("a cached file was linted again")

        monkeypatch.setattr(linter, "lint", no_linting)
        monkeypatch.setattr(linter, "lint_document", no_linting)
        warm = [check_path_cached(linter, cache, f) for f in files]
    finally:
        linter.close()
    assert cold == warm
    assert cache.hits == len(files)
