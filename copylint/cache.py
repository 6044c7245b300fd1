"""A result cache keyed by file content, path, effective config and engine versions."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from copylint import __version__
from copylint.config import Config
from copylint.diagnostics import Applicability, Category, Diagnostic, Edit, Fix, Severity, Span
from copylint.engines.all_engines import ENGINES, UNAVAILABLE
from copylint.pipeline import FileResult, Linter, check_source
from copylint.sources import InputError, read_source

CACHE_DIR = ".copylint_cache"
FORMAT = 1  # bump when the entry layout or the key recipe changes
DEFAULT_MAX_ENTRIES = 20_000

_Json = dict[str, Any]


# Serialising diagnostics ------------------------------------------------------------------


def diagnostic_to_json(d: Diagnostic) -> _Json:
    """A Diagnostic as plain JSON values; diagnostic_from_json gives back an equal value."""
    return {
        "rule": d.rule,
        "message": d.message,
        "span": [d.span.start, d.span.end],
        "severity": d.severity.label,
        "category": d.category.value,
        "fix": None
        if d.fix is None
        else {
            "title": d.fix.title,
            "applicability": d.fix.applicability.label,
            "edits": [[e.start, e.end, e.text] for e in d.fix.edits],
        },
        "suggestions": list(d.suggestions),
        "also_reported_by": list(d.also_reported_by),
        "related": [diagnostic_to_json(r) for r in d.related],
    }


def diagnostic_from_json(data: Any) -> Diagnostic:
    """The Diagnostic that diagnostic_to_json wrote; KeyError, TypeError or ValueError if the
    data is not one."""
    fix = data["fix"]
    return Diagnostic(
        rule=str(data["rule"]),
        message=str(data["message"]),
        span=Span(int(data["span"][0]), int(data["span"][1])),
        severity=Severity.parse(data["severity"]),
        category=Category(data["category"]),
        fix=None
        if fix is None
        else Fix(
            title=str(fix["title"]),
            edits=tuple(Edit(int(s), int(e), str(t)) for s, e, t in fix["edits"]),
            applicability=Applicability.parse(fix["applicability"]),
        ),
        suggestions=tuple(str(s) for s in data["suggestions"]),
        also_reported_by=tuple(str(s) for s in data["also_reported_by"]),
        related=tuple(diagnostic_from_json(r) for r in data["related"]),
    )


# What the results depend on ---------------------------------------------------------------


def _hash_files(files: Iterable[Path], base: Path, digest: Any) -> None:
    for f in sorted(files):
        try:
            data = f.read_bytes()
        except OSError:
            data = b"<unreadable>"
        digest.update(f.relative_to(base).as_posix().encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(data).digest())


def tree_hash(root: Path, suffixes: tuple[str, ...] = ()) -> str:
    """A hash of every file's name and content under root (only those suffixes, if given)."""
    digest = hashlib.sha256()
    if root.is_dir():
        files = (
            p
            for p in root.rglob("*")
            if p.is_file()
            and "__pycache__" not in p.parts
            and (not suffixes or p.suffix in suffixes)
        )
        _hash_files(files, root, digest)
    elif root.is_file():
        _hash_files([root], root.parent, digest)
    else:
        digest.update(b"<missing>")
    return digest.hexdigest()


@cache
def code_version() -> str:
    """copylint's version plus a hash of its own code and shipped rules, so that a source
    checkout whose code changed does not reuse results computed by older code."""
    from copylint.house.loader import shipped_rules_dir

    package = Path(__file__).resolve().parent
    code = tree_hash(package, (".py", ".yaml", ".yml", ".json", ".txt"))
    rules = tree_hash(shipped_rules_dir())
    return f"{__version__}+{hashlib.sha256((code + rules).encode()).hexdigest()[:16]}"


def _plain(value: Any) -> Any:
    """Config values as JSON in a stable order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Severity):
        return value.label
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)


def config_fingerprint(config: Config) -> str:
    """A hash of everything in the effective config that can change what is reported,
    including the contents of the extra rules folders."""
    fields = _plain(config)
    fields.pop("path", None)  # where the settings came from does not matter, only what they say
    fields["rules_dirs_content"] = [tree_hash(Path(d)) for d in config.rules_dirs]
    text = json.dumps(fields, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def engine_versions(config: Config) -> dict[str, str]:
    """The version of each engine this config runs, found without starting anything (each
    engine's `version` in copylint.engines.all_engines)."""
    return {
        name: spec.version(config)
        for name, spec in ENGINES.items()
        if config.selection.engine_selected(name)
    }


def cache_root(config: Config, cwd: Path | None = None) -> Path:
    """Where the cache lives: beside the config file (the project root), else in cwd."""
    base = config.path.parent if config.path is not None else (cwd or Path.cwd())
    return base / CACHE_DIR


# The cache ----------------------------------------------------------------------------------


class ResultCache:
    """Diagnostics per file, one JSON file per entry under root/v<FORMAT>/.

    Writes go to a temporary file that is renamed into place, so a reader (in this or another
    process) sees a whole entry or none; an entry that does not parse is ignored. Never use it
    when fixing: cached results carry no fix outcome.
    """

    def __init__(
        self,
        root: Path | str,
        config_fingerprint: str,
        engine_versions: Mapping[str, str] | None = None,
        max_entries: int = DEFAULT_MAX_ENTRIES,
    ) -> None:
        self.root = Path(root)
        self.folder = self.root / f"v{FORMAT}"
        self.max_entries = max_entries
        self.engine_versions = dict(engine_versions or {})
        self.hits = 0
        self.misses = 0
        self._salt = json.dumps(
            {
                "format": FORMAT,
                "copylint": code_version(),
                "engines": dict(sorted(self.engine_versions.items())),
                "config": config_fingerprint,
            },
            sort_keys=True,
        )

    def key(self, path: str, text: str) -> str:
        digest = hashlib.sha256(self._salt.encode())
        digest.update(b"\0" + Path(path).as_posix().encode("utf-8", "surrogatepass") + b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, path: str, text: str) -> list[Diagnostic] | None:
        """The cached diagnostics for this file's text, or None."""
        key = self.key(path, text)
        entry = self._entry(key)
        try:
            data = json.loads(entry.read_bytes())
            if data["key"] != key:
                raise ValueError("key mismatch")
            found = [diagnostic_from_json(d) for d in data["diagnostics"]]
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            self.misses += 1  # corrupt or foreign: ignore it; the next put replaces it
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # recently used: pruned last
        self.hits += 1
        return found

    def put(self, path: str, text: str, diagnostics: Iterable[Diagnostic]) -> None:
        """Record the diagnostics for this file's text; a failure to write is silent."""
        key = self.key(path, text)
        entry = self._entry(key)
        body = json.dumps(
            {"key": key, "diagnostics": [diagnostic_to_json(d) for d in diagnostics]},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        try:
            self._prepare()
            entry.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key[:16]}.", suffix=".tmp", dir=entry.parent)
        except OSError:
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(body)
            os.replace(tmp, entry)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)

    def _prepare(self) -> None:
        if self.folder.is_dir():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # Keep the cache out of version control and backups, as pytest and ruff do.
        for name, text in (
            (".gitignore", "# Created by copylint automatically.\n*\n"),
            ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"),
        ):
            with contextlib.suppress(OSError):
                if not (self.root / name).exists():
                    (self.root / name).write_text(text, encoding="utf-8")

    def prune(self) -> int:
        """Remove the least recently used entries beyond max_entries (and stray temporary
        files); the number removed."""
        entries: list[tuple[float, Path]] = []
        removed = 0
        if not self.folder.is_dir():
            return 0
        for sub in self.folder.iterdir():
            if not sub.is_dir():
                continue
            for f in sub.iterdir():
                try:
                    mtime = f.stat().st_mtime
                except OSError:
                    continue
                if f.suffix == ".tmp":
                    # another process may be writing it: only an old one is litter
                    if mtime < time.time() - 3600:
                        with contextlib.suppress(OSError):
                            f.unlink()
                            removed += 1
                    continue
                entries.append((mtime, f))
        excess = len(entries) - self.max_entries
        if excess > 0:
            entries.sort()
            for _, f in entries[:excess]:
                with contextlib.suppress(OSError):
                    f.unlink()
                    removed += 1
        return removed


def check_path_cached(linter: Linter, cache: ResultCache, path: str) -> FileResult:
    """check_path without fixing, answered from the cache when the file is unchanged.

    Results are stored only while every engine has run, or has failed in the way its
    version in the key foretells (LanguageTool not installed, no Java): a file checked after
    a passing failure (a server that timed out) would otherwise be remembered without its
    findings.
    """
    try:
        src = read_source(path)
    except InputError as exc:
        return FileResult(path, error=str(exc))
    cached = cache.get(path, src.text)
    if cached is not None:
        return FileResult(path, cached, source=src.text)
    result = check_source(linter, src)
    if result.error is None and _failures_expected(linter, cache):
        cache.put(path, src.text, result.diagnostics)
    return result


def _failures_expected(linter: Linter, cache: ResultCache) -> bool:
    for message in [*linter.notices, *linter.errors]:
        engine = message.split(":", 1)[0]
        version = cache.engine_versions.get(engine, "")
        if UNAVAILABLE not in version:
            return False
    return True


__all__ = [
    "CACHE_DIR",
    "ResultCache",
    "cache_root",
    "check_path_cached",
    "code_version",
    "config_fingerprint",
    "diagnostic_from_json",
    "diagnostic_to_json",
    "engine_versions",
]
