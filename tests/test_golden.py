"""Golden articles: the text report, the JSON report and the fixed text of each article in
tests/fixtures/articles/, against snapshots (update with `pytest --snapshot-update`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from syrupy.assertion import SnapshotAssertion

from copylint.cli import cli

SUFFIXES = {".md", ".txt", ".html"}
ARTICLES = sorted(
    p for p in (Path(__file__).parent / "fixtures" / "articles").iterdir() if p.suffix in SUFFIXES
)
CLEAN = sorted(
    p for p in (Path(__file__).parent / "fixtures" / "clean").iterdir() if p.suffix in SUFFIXES
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["check", "--select", "house", "--no-cache", *args], env={"NO_COLOR": "1"}
    )
    return result.exit_code, result.stdout


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_text_report(
    article: Path, snapshot: SnapshotAssertion, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(article.parent)
    code, out = run(article.name)
    assert code == 1
    assert out == snapshot


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_json_report(
    article: Path, snapshot: SnapshotAssertion, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(article.parent)
    _, out = run("--format", "json", article.name)
    doc = json.loads(out)
    text = article.read_bytes().decode("utf-8-sig")
    for d in doc["files"][0]["diagnostics"]:
        assert 0 <= d["start"]["offset"] <= d["end"]["offset"] <= len(text)
    assert doc == snapshot


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.name)
def test_fixed_text(article: Path, snapshot: SnapshotAssertion, tmp_path: Path) -> None:
    copy = tmp_path / article.name
    copy.write_bytes(article.read_bytes())
    run("--fix", str(copy))
    fixed = copy.read_bytes()
    assert fixed.decode("utf-8").replace("\r\n", "⏎\n") == snapshot
    assert fixed.count(b"\r\n") == article.read_bytes().count(b"\r\n")
    again = tmp_path / ("again-" + article.name)
    again.write_bytes(fixed)
    run("--fix", str(again))
    assert again.read_bytes() == fixed  # fixing twice equals fixing once


@pytest.mark.parametrize("article", CLEAN, ids=lambda p: p.name)
def test_well_edited_articles_draw_no_house_diagnostics(article: Path) -> None:
    code, out = run(str(article))
    assert code == 0, out
