"""Shared helpers for the reliability suite: run `copylint check` in-process, in a clean folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from copylint.cli import cli

HOUSE = ("--select", "house", "--no-cache")
DOUBLED = "Paris in the the spring.\n"  # one safe-fixable house/duplicated-word

Check = Callable[..., Result]


@pytest.fixture
def check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Check:
    """`check(*args)` runs `copylint check --select house --no-cache *args` from tmp_path."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COPYLINT_LANGUAGETOOL_URL", raising=False)
    runner = CliRunner()

    def run(*args: str, house: bool = True) -> Result:
        return runner.invoke(cli, ["check", *(HOUSE if house else ()), *args])

    return run
