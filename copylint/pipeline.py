"""The whole path, top to bottom: read, run engines, locate, suppress, merge, fix, report."""

from __future__ import annotations

import dataclasses
import difflib
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from copylint.config import Config, Selection
from copylint.diagnostics import Applicability, Diagnostic
from copylint.document import read_document
from copylint.document.model import Document
from copylint.engines.all_engines import ENGINES
from copylint.engines.base import Engine, EngineContext, EngineUnavailable, RuleInfo
from copylint.fixes import FixOutcome, fix_until_stable
from copylint.locate import locate
from copylint.merge import merge
from copylint.sources import InputError, SourceFile, decode, read_source, write_atomically


class EngineError(Exception):
    """An engine the user asked for by name could not run; str() is one line."""


def build_engines(config: Config) -> list[Engine]:
    """The engines the selection needs, in priority order (house first)."""
    specs = sorted(ENGINES.values(), key=lambda spec: spec.priority)
    return [spec.factory(config) for spec in specs if config.selection.engine_selected(spec.name)]


@dataclass
class FileResult:
    """What a run found in one file."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None
    notice: str | None = None
    source: str = ""  # the text the diagnostics' offsets refer to
    original: str | None = None  # the text before fixing, when fixes were applied
    fix: FixOutcome | None = None


class Linter:
    """Runs the configured engines over documents; one instance serves a whole run."""

    def __init__(self, config: Config, engines: Sequence[Engine] | None = None) -> None:
        self.config = config
        self.engines = list(engines) if engines is not None else build_engines(config)
        self.notices: list[str] = []
        self.errors: list[str] = []
        self._failed: set[str] = set()
        self._lock = threading.Lock()
        self._infos: dict[str, RuleInfo] = {}
        for engine in self.engines:
            self._infos.update((i.id, i) for i in engine.rules())

    def _context(self, engine: Engine, path: str) -> EngineContext:
        extra = self.config.ignores_for(path)
        selection = self.config.selection
        if extra:
            selection = Selection(selection.select, selection.ignore + extra)
        return EngineContext(
            language=self.config.language,
            vocabulary=self.config.vocabulary,
            is_selected=selection.is_selected,
        )

    def absorb(self, notices: Iterable[str], errors: Iterable[str]) -> None:
        """Take a worker process's engine notes, each once."""
        with self._lock:
            self.notices.extend(n for n in notices if n not in self.notices)
            self.errors.extend(e for e in errors if e not in self.errors)

    def record_failure(self, engine: Engine, exc: Exception) -> None:
        """Note that an engine cannot run (an error if the user named it, else a notice)."""
        with self._lock:
            if engine.name in self._failed:
                return
            self._failed.add(engine.name)
            message = f"{engine.name}: {exc}"
            if self.config.explicit_select and self.config.selection.names_engine(engine.name):
                self.errors.append(message)
            else:
                self.notices.append(message + " (other engines still ran)")

    def lint_document(self, doc: Document) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for engine in self.engines:
            if engine.name in self._failed:
                continue
            ctx = self._context(engine, doc.path)
            try:
                for finding in engine.check(doc, ctx):
                    info = self._infos.get(finding.rule or "")
                    found.append(locate(doc, finding, info))
            except EngineUnavailable as exc:
                self.record_failure(engine, exc)
        kept = []
        for d in found:
            line = doc.lines.line_col(d.span.start)[0]
            if any(s.covers(d.rule, line) for s in doc.suppressions):
                continue
            severity = self.config.severity_of(d.rule, d.severity)
            kept.append(d if severity == d.severity else dataclasses.replace(d, severity=severity))
        return merge(kept, doc.source)

    def lint(self, path: str, text: str) -> list[Diagnostic]:
        return self.lint_document(read_document(path, text))

    def fix(
        self, path: str, text: str, threshold: Applicability = Applicability.SAFE
    ) -> FixOutcome:
        return fix_until_stable(text, lambda t: self.lint(path, t), threshold)

    def close(self) -> None:
        for engine in self.engines:
            engine.close()


def check_source(linter: Linter, src: SourceFile, fix: Applicability | None = None) -> FileResult:
    """Lint one decoded file; with fix, apply fixes at that threshold (nothing is written)."""
    try:
        if fix is None:
            return FileResult(src.path, linter.lint(src.path, src.text), source=src.text)
        outcome = linter.fix(src.path, src.text, fix)
        remaining = linter.lint(src.path, outcome.text)
        return FileResult(src.path, remaining, source=outcome.text, original=src.text, fix=outcome)
    except InputError as exc:
        return FileResult(src.path, error=str(exc))
    except ValueError as exc:  # a reader's complaint (front matter that does not parse…)
        return FileResult(src.path, error=str(exc))
    except RecursionError:
        return FileResult(src.path, error="nested too deeply to read")
    except Exception as exc:  # a bug: this file's error, and the other files still checked
        return FileResult(
            src.path, error=f"internal error, please report it: {type(exc).__name__}: {exc}"
        )


def check_path(
    linter: Linter,
    path: str,
    fix: Applicability | None = None,
    write: bool = False,
) -> FileResult:
    """Read, lint, and optionally fix and write back one file; errors become the result."""
    try:
        src = read_source(path)
    except InputError as exc:
        return FileResult(path, error=str(exc))
    result = check_source(linter, src, fix)
    if write and result.fix is not None and result.source != src.text:
        try:
            write_atomically(path, src.encode(result.source))
        except InputError as exc:
            result.error = str(exc)
    return result


def unified_diff(result: FileResult) -> str:
    if result.original is None or result.original == result.source:
        return ""
    return "".join(
        difflib.unified_diff(
            result.original.splitlines(keepends=True),
            result.source.splitlines(keepends=True),
            fromfile=f"a/{result.path}",
            tofile=f"b/{result.path}",
        )
    )


def run_parallel(
    items: Iterable[str], work: Callable[[str], FileResult], jobs: int
) -> list[FileResult]:
    """Run work over items on `jobs` threads, keeping the input order."""
    items = list(items)
    if jobs <= 1 or len(items) <= 1:
        return [work(i) for i in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(work, items))


def lint_text(text: str, path: str = "<text>.md", config: Config | None = None) -> list[Diagnostic]:
    """Lint a string as if it were the file at path (the extension picks the reader)."""
    linter = Linter(config or Config())
    try:
        return linter.lint(path, text)
    finally:
        linter.close()


def fix_text(
    text: str,
    path: str = "<text>.md",
    config: Config | None = None,
    unsafe: bool = False,
) -> str:
    """The text with its safe (or also unsafe) fixes applied until stable."""
    linter = Linter(config or Config())
    try:
        return linter.fix(path, text, Applicability.UNSAFE if unsafe else Applicability.SAFE).text
    finally:
        linter.close()


__all__ = [
    "EngineError",
    "FileResult",
    "Linter",
    "build_engines",
    "check_path",
    "check_source",
    "decode",
    "fix_text",
    "lint_text",
    "run_parallel",
    "unified_diff",
]
