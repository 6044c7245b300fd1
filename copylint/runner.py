"""One run of `copylint check`: which files, from the cache or linted in parallel, with a
progress bar, then filtered by a baseline. cli.py parses options; this does the work."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from copylint.baseline import Baseline
from copylint.config import Config
from copylint.diagnostics import Applicability
from copylint.pipeline import FileResult, Linter, check_path, check_source, run_parallel
from copylint.progress import progress, progress_enabled
from copylint.sources import InputError, decode, expand

if TYPE_CHECKING:  # the cache module is imported only when a run uses it
    from copylint.cache import ResultCache


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
    strict_paths: bool = False  # a folder with no articles is an error, not a notice


@dataclass
class RunOutcome:
    """Every file's result, plus notices (a folder without articles, a cache note…)."""

    results: list[FileResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    hidden_by_baseline: int = 0


# Worker processes (--jobs > 1 on enough files): the house rules are pure Python, so threads
# share one core; processes use them all. Each worker builds its own Linter from the config,
# with LanguageTool pointed at the parent's server, and sends back results and engine notes.
PROCESS_MIN_FILES = 8
_worker: tuple[Linter, ResultCache | None, RunOptions] | None = None


def _init_worker(parent: int, config: Config, options: RunOptions) -> None:
    global _worker
    from copylint.lifetime import die_with_parent
    from copylint.sources import remember_trees

    die_with_parent(parent)  # SIGKILL or SIGTERM of copylint must not leave workers running
    remember_trees(options.paths)  # the folders fixes may write in, as in the parent
    _worker = (Linter(config), _cache_for(config, options), options)


def _work_in_process(path: str) -> tuple[FileResult, list[str], list[str]]:
    assert _worker is not None
    linter, cache, options = _worker
    result = _check_one(linter, cache, options, path)
    notes, errors = list(linter.notices), list(linter.errors)
    linter.notices.clear()
    linter.errors.clear()
    return result, notes, errors


def _cache_for(config: Config, options: RunOptions) -> ResultCache | None:
    """The result cache, when this run may use one (never when fixing)."""
    if not options.use_cache or options.fix is not None:
        return None
    from copylint.cache import ResultCache, cache_root, config_fingerprint, engine_versions

    return ResultCache(cache_root(config), config_fingerprint(config), engine_versions(config))


def _check_one(
    linter: Linter, cache: ResultCache | None, options: RunOptions, path: str
) -> FileResult:
    if cache is not None:
        from copylint.cache import check_path_cached

        return check_path_cached(linter, cache, path)
    return check_path(linter, path, options.fix, write=options.write)


def _shared_config(linter: Linter, config: Config) -> Config:
    """The config workers use: each engine's shared options (LanguageTool at the parent's
    server, started once for all)."""
    from copylint.config import with_overrides
    from copylint.engines.base import EngineUnavailable

    shared: dict[str, object] = {}
    for engine in linter.engines:
        try:
            options = engine.shared_options()
        except EngineUnavailable as exc:
            linter.record_failure(engine, exc)
            config = with_overrides(config, ignore=[engine.name])
            continue
        if options is not None:
            shared[engine.name] = options
    return with_overrides(config, engine_options=shared) if shared else config


def _run_in_processes(
    linter: Linter,
    config: Config,
    options: RunOptions,
    targets: list[str],
    jobs: int,
    advance: Callable[[], None],
) -> list[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    shared = _shared_config(linter, config)
    results: dict[int, FileResult] = {}
    context = multiprocessing.get_context("spawn")  # no inherited threads, locks or exit hooks
    with ProcessPoolExecutor(
        jobs, context, initializer=_init_worker, initargs=(os.getpid(), shared, options)
    ) as pool:
        futures = {pool.submit(_work_in_process, path): i for i, path in enumerate(targets)}
        from concurrent.futures import as_completed

        for future in as_completed(futures):
            result, notes, errors = future.result()
            results[futures[future]] = result
            linter.absorb(notes, errors)
            advance()
    return [results[i] for i in range(len(targets))]


def run(linter: Linter, config: Config, options: RunOptions) -> RunOutcome:
    outcome = RunOutcome()
    targets: list[str] = []
    for path, problem in expand(options.paths):
        if problem and problem.startswith("notice:") and not options.strict_paths:
            outcome.notices.append(f"{path}: {problem.removeprefix('notice: ')}")
        elif problem and problem.startswith("notice:"):
            outcome.results.append(FileResult(path, error=problem.removeprefix("notice: ")))
        elif problem:
            outcome.results.append(FileResult(path, error=problem))
        elif path == "-" or not config.excluded(path):
            targets.append(path)

    cache = _cache_for(config, options)

    def work(path: str) -> FileResult:
        if path == "-":
            name = options.stdin_filename or "-"
            try:
                src = decode(name, sys.stdin.buffer.read())
            except InputError as exc:
                return FileResult(name, error=str(exc))
            return check_source(linter, src, options.fix)
        return _check_one(linter, cache, options, path)

    jobs = options.jobs or os.cpu_count() or 1
    show = progress_enabled(len(targets), quiet=options.quiet)
    in_processes = jobs > 1 and len(targets) >= PROCESS_MIN_FILES and "-" not in targets
    with progress(len(targets), show) as advance:
        if in_processes:
            outcome.results.extend(
                _run_in_processes(linter, config, options, targets, jobs, advance)
            )
            return _finish(outcome, options, cache)  # workers wrote to the same folder

        def counted(path: str) -> FileResult:
            result = work(path)
            advance()
            return result

        outcome.results.extend(run_parallel(targets, counted, jobs))
    return _finish(outcome, options, cache)


def _finish(outcome: RunOutcome, options: RunOptions, cache: ResultCache | None) -> RunOutcome:
    if cache is not None:
        cache.prune()
    if options.baseline is not None:
        before = sum(len(r.diagnostics) for r in outcome.results)
        outcome.results = [options.baseline.filter(r) for r in outcome.results]
        outcome.hidden_by_baseline = before - sum(len(r.diagnostics) for r in outcome.results)
    return outcome
