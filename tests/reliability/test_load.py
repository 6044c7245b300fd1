"""Load, at a size a test run can afford (benchmarks/bench_load.py runs the full 2,000): many
articles with --jobs 2 against one LanguageTool server, each reported exactly once."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[2] / "benchmarks" / "bench_load.py"


@pytest.mark.languagetool
@pytest.mark.slow
def test_two_hundred_articles_with_two_jobs(lt_url: str, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_load", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = bench
    spec.loader.exec_module(bench)
    result = bench.run_load(200, 2, lt_url, tmp_path)
    assert result.files_reported == 200
    assert result.duplicates == 0 and result.missing == 0 and result.errors == 0
    assert result.house_findings == 200  # one "and and" per article
    assert result.languagetool_findings >= 200  # "It were", "the members was"
    assert result.exit_status == 1
    assert result.peak_rss_copylint_mb < 1024
