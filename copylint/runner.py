"""One run of `copylint check`: which files, from the cache or linted in parallel, with a
progress bar, then filtered by a baseline. cli.py parses options; this does the work."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from copylint.baseline import Baseline
from copylint.config import Config
from copylint.diagnostics import Applicability
from copylint.pipeline import FileResult, Linter, check_path, check_source, run_parallel
from copylint.progress import progress, progress_enabled
from copylint.sources import InputError, decode, expand


@dataclass(frozen=True)
class RunOptions:
    """What the command line asked of one run."""

    paths: Sequence[str]
    fix: Applicability | None = None  # apply fixes at this threshold
    write: bool = False  # write the fixes back (else only shown as a diff)
    jobs: int = 0  # 0: the number of cores
    stdin_filename: str | None = None
    use_cache: bool = True
    baseline: Baseline | None = None
    quiet: bool = False


@dataclass
class RunOutcome:
    """Every file's result, plus notices (a folder without articles, a cache note…)."""

    results: list[FileResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    hidden_by_baseline: int = 0


def run(linter: Linter, config: Config, options: RunOptions) -> RunOutcome:
    outcome = RunOutcome()
    targets: list[str] = []
    for path, problem in expand(options.paths):
        if problem and problem.startswith("notice:"):
            outcome.notices.append(f"{path}: {problem.removeprefix('notice: ')}")
        elif problem:
            outcome.results.append(FileResult(path, error=problem))
        elif path == "-" or not config.excluded(path):
            targets.append(path)

    cache = None
    if options.use_cache and options.fix is None:
        from copylint.cache import ResultCache, cache_root, config_fingerprint, engine_versions

        cache = ResultCache(cache_root(config), config_fingerprint(config), engine_versions(config))

    def work(path: str) -> FileResult:
        if path == "-":
            name = options.stdin_filename or "-"
            try:
                src = decode(name, sys.stdin.buffer.read())
            except InputError as exc:
                return FileResult(name, error=str(exc))
            return check_source(linter, src, options.fix)
        if cache is not None:
            from copylint.cache import check_path_cached

            return check_path_cached(linter, cache, path)
        return check_path(linter, path, options.fix, write=options.write)

    show = progress_enabled(len(targets), quiet=options.quiet)
    with progress(len(targets), show) as advance:

        def counted(path: str) -> FileResult:
            result = work(path)
            advance()
            return result

        outcome.results.extend(run_parallel(targets, counted, options.jobs or os.cpu_count() or 1))
    if cache is not None:
        cache.prune()
    if options.baseline is not None:
        before = sum(len(r.diagnostics) for r in outcome.results)
        outcome.results = [options.baseline.filter(r) for r in outcome.results]
        outcome.hidden_by_baseline = before - sum(len(r.diagnostics) for r in outcome.results)
    return outcome
