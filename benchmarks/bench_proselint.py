"""Time proselint inside copylint against the proselint command line on the same files.

    python benchmarks/bench_proselint.py [FILE|DIR ...] [--runs N]

Rows (median of N runs, wall clock, the rows taking turns):
- `proselint check` CLI: one process for all files, JSON output (start-up and import included);
- LintFile.lint in-process: proselint as a library with its default checks, no start-up;
- copylint engine, proselint's defaults: read_plaintext + ProselintEngine with the checks the
  CLI runs (everything but `restricted`), so the work matches the CLI's;
- copylint engine, copylint's defaults: the same with DEFAULT_OFF left off.
The ratio is the row's time over the CLI's. Without paths it reads
/work/shared/eval-dev/files/clean/*.txt (read-only).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from copylint.config import Selection
from copylint.document.plaintext import read_plaintext
from copylint.engines.base import EngineContext
from copylint.engines.proselint import DEFAULT_OFF, ProselintEngine, registered_checks

DEFAULT_FILES = Path("/work/shared/eval-dev/files/clean")


def collect(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths or [str(DEFAULT_FILES)]):
        found.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    return found


def median_times(works: list[Callable[[], object]], runs: int) -> list[float]:
    """Median wall time of each; the works take turns, so a busy moment hurts all alike."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for work, spent in zip(works, times, strict=True):
            start = time.perf_counter()
            work()
            spent.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    files = collect(args.paths)
    texts = {str(f): f.read_text(encoding="utf-8") for f in files}
    size = sum(len(t.encode("utf-8")) for t in texts.values())

    def cli() -> None:
        # An empty working folder: no .proselintrc.json of the caller's changes the checks.
        with tempfile.TemporaryDirectory() as empty:
            done = subprocess.run(
                [sys.executable, "-m", "proselint", "check", "-o", "json", *texts],
                cwd=empty,
                capture_output=True,
                check=False,
            )
        if done.returncode not in (0, 1):
            raise SystemExit(f"proselint CLI failed: {done.stderr.decode()[-300:]}")

    from proselint.config import DEFAULT
    from proselint.tools import LintFile

    registered_checks()  # register once, outside the timing

    def library() -> None:
        for name, text in texts.items():
            if text:
                LintFile(name, text).lint(DEFAULT)

    engine = ProselintEngine()
    # What the CLI runs: every check but `restricted` (off in proselint's default.json).
    like_cli = Selection(
        ("proselint", *(f"proselint/{p}" for p in DEFAULT_OFF if not p.startswith("restricted")))
    )

    def copylint(ctx: EngineContext) -> Callable[[], None]:
        def run() -> None:
            for name, text in texts.items():
                engine.check(read_plaintext(name, text), ctx)

        return run

    rows = [
        ("proselint check (CLI)", cli),
        ("LintFile.lint in-process", library),
        (
            "copylint engine, proselint defaults",
            copylint(EngineContext(is_selected=like_cli.is_selected)),
        ),
        ("copylint engine, copylint defaults", copylint(EngineContext())),
    ]
    for _, work in rows:
        work()  # warm up: compile every pattern once
    medians = median_times([work for _, work in rows], args.runs)
    results = list(zip([label for label, _ in rows], medians, strict=True))
    base = results[0][1]
    print(f"{len(files)} files, {size / 1e6:.2f} MB, median of {args.runs} runs")
    print(f"{'':38s} {'seconds':>8s} {'MB/s':>6s} {'vs CLI':>7s}")
    for label, seconds in results:
        print(f"{label:38s} {seconds:8.3f} {size / 1e6 / seconds:6.2f} {seconds / base:7.2f}")


if __name__ == "__main__":
    main()
