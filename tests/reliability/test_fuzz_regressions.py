"""Replay every input the fuzzers once crashed on (tests/fixtures/regressions/*.bin) through the
fuzz targets' invariants, and each article through the CLI."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from copylint.cli import cli

ROOT = Path(__file__).parents[2]
REGRESSIONS = sorted((ROOT / "tests" / "fixtures" / "regressions").glob("*.bin"))


def _invariants() -> ModuleType:
    spec = importlib.util.spec_from_file_location("invariants", ROOT / "fuzz" / "invariants.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("invariants", module)
    spec.loader.exec_module(module)
    return module


def test_there_are_regressions_to_replay() -> None:
    assert len(REGRESSIONS) >= 3


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.stem)
def test_fuzz_crash_stays_fixed(path: Path) -> None:
    _invariants().check_document(path.read_bytes())


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.stem)
def test_fuzz_crash_through_the_cli(path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    ext = (".md", ".html", ".txt")[data[0] % 3] if data else ".md"
    article = tmp_path / f"article{ext}"
    article.write_bytes(data[1:])
    result = CliRunner().invoke(
        cli, ["check", "--select", "house", "--no-cache", "--fix", str(article)]
    )
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if result.exit_code == 2:
        (line,) = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert str(article) in line
