"""Configuration: `[tool.copylint]` in the nearest pyproject.toml, or `.copylint.toml`.

Keys (kebab-case): select, ignore, severity, fail-on, vocabulary, per-path-ignores, exclude,
language, rules-dirs, rules (per-rule options), and one table per engine that takes options
(copylint.engines.all_engines), parsed into that engine's options class here. An unknown key
or a bad value is one error naming the file, the table and the key.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copylint.diagnostics import Severity, rule_in
from copylint.engines.all_engines import ENGINES
from copylint.options import ConfigError, parse_options

DEFAULT_SELECT = tuple(ENGINES)
KEYS = (
    "select",
    "ignore",
    "severity",
    "fail-on",
    "vocabulary",
    "per-path-ignores",
    "exclude",
    "language",
    "rules-dirs",
    "rules",
)


def engine_tables() -> dict[str, type[Any]]:
    """Engine name → the options class of its table, for the engines that take options."""
    return {name: spec.options for name, spec in ENGINES.items() if spec.options is not None}


def known_keys() -> frozenset[str]:
    """Every key [tool.copylint] accepts: its own, and one table per engine with options."""
    return frozenset(KEYS) | frozenset(engine_tables())


@dataclass(frozen=True)
class Selection:
    """Which rules run: the longest matching prefix of select or ignore decides."""

    select: tuple[str, ...] = DEFAULT_SELECT
    ignore: tuple[str, ...] = ()

    def is_selected(self, rule: str, default_on: bool = True) -> bool:
        best, on = -1, False
        for prefix in self.select:
            if rule_in(rule, prefix) and len(prefix.rstrip("/")) > best:
                best, on = len(prefix.rstrip("/")), True
        for prefix in self.ignore:
            if rule_in(rule, prefix) and len(prefix.rstrip("/")) >= best:
                best, on = len(prefix.rstrip("/")), False
        if on and not default_on:
            # A rule that is off by default runs only when named more closely than its engine.
            return best > len(rule.split("/", 1)[0]) + 1
        return on

    def engine_selected(self, engine: str) -> bool:
        """Whether any rule of the engine can run."""
        if any(rule_in(p, engine) for p in self.select):
            return not any(p.rstrip("/") == engine for p in self.ignore)
        return False

    def names_engine(self, engine: str) -> bool:
        """Whether the user asked for this engine explicitly (its failure is then an error)."""
        return any(rule_in(p, engine) for p in self.select)


@dataclass(frozen=True)
class Config:
    """Everything a run needs to know, merged from the file and the command line."""

    selection: Selection = field(default_factory=Selection)
    explicit_select: bool = False  # --select or select= was given
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.INFO
    vocabulary: frozenset[str] = frozenset()
    per_path_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    language: str = "en"  # English; the variant (en-US, en-GB) read from each article
    rules_dirs: tuple[Path, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    engine_options: Mapping[str, Any] = field(default_factory=dict)  # name → its options class
    path: Path | None = None  # the file it came from
    cli_prefixes: frozenset[str] = frozenset()  # select/ignore prefixes from the command line

    def options_of(self, engine: str) -> Any:
        """The engine's options: as configured, else its defaults."""
        given = self.engine_options.get(engine)
        if given is not None:
            return given
        return engine_tables()[engine]()

    def severity_of(self, rule: str, default: Severity) -> Severity:
        best, level = -1, default
        for prefix, sev in self.severity.items():
            if rule_in(rule, prefix) and len(prefix.rstrip("/")) > best:
                best, level = len(prefix.rstrip("/")), sev
        return level

    def ignores_for(self, path: str) -> tuple[str, ...]:
        posix = Path(path).as_posix()
        found: list[str] = []
        for pattern, prefixes in self.per_path_ignores.items():
            if fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                found.extend(prefixes)
        return tuple(found)

    def excluded(self, path: str) -> bool:
        posix = Path(path).as_posix()
        return any(
            fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(Path(path).name, p) for p in self.exclude
        )

    def where(self, key: str, prefix: str | None = None) -> str:
        """Where a key (and a prefix in it) was written, for an error message."""
        if self.path is None or (prefix is not None and prefix in self.cli_prefixes):
            return f"command line: --{key}"
        return f"{self.path}: {key}"


def find_config(start: Path) -> Path | None:
    """The nearest .copylint.toml, or pyproject.toml with [tool.copylint], at or above start."""
    for folder in [start, *start.parents]:
        dotfile = folder / ".copylint.toml"
        if dotfile.is_file():
            return dotfile
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
                data = tomllib.loads(text)
            except OSError:
                continue
            except tomllib.TOMLDecodeError:
                if "[tool.copylint" in text:
                    return pyproject  # load_config reports the syntax error, naming the file
                continue
            if "copylint" in data.get("tool", {}):
                return pyproject
    return None


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a list of strings")


def _table(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table")
    return value


def load_config(path: Path | None) -> Config:
    """Parse a config file (or return the defaults for None)."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("copylint", {})
        prefix = "tool.copylint."
    else:
        prefix = ""
    return from_mapping(data, path, prefix)


def from_mapping(data: Mapping[str, Any], path: Path | None, prefix: str = "") -> Config:
    """Build a Config from a parsed table, naming the file and key of any problem."""
    where = f"{path or 'config'}"
    known = known_keys()
    for key in data:
        if key not in known:
            raise ConfigError(
                f"{where}: unknown key {prefix}{key!r} (known: {', '.join(sorted(known))})"
            )
    kw: dict[str, Any] = {"path": path}
    if "select" in data:
        kw["explicit_select"] = True
    selection = Selection(
        _strings(data.get("select", list(DEFAULT_SELECT)), f"{where}: {prefix}select"),
        _strings(data.get("ignore", []), f"{where}: {prefix}ignore"),
    )
    kw["selection"] = selection
    severity: dict[str, Severity] = {}
    for rule, level in _table(data.get("severity", {}), f"{where}: {prefix}severity").items():
        try:
            severity[rule] = Severity.parse(str(level))
        except ValueError as exc:
            raise ConfigError(f"{where}: {prefix}severity.{rule}: {exc}") from None
    kw["severity"] = severity
    if "fail-on" in data:
        try:
            kw["fail_on"] = Severity.parse(str(data["fail-on"]))
        except ValueError as exc:
            raise ConfigError(f"{where}: {prefix}fail-on: {exc}") from None
    kw["vocabulary"] = frozenset(
        _strings(data.get("vocabulary", []), f"{where}: {prefix}vocabulary")
    )
    kw["per_path_ignores"] = {
        glob: _strings(v, f"{where}: {prefix}per-path-ignores.{glob}")
        for glob, v in _table(
            data.get("per-path-ignores", {}), f"{where}: {prefix}per-path-ignores"
        ).items()
    }
    kw["exclude"] = _strings(data.get("exclude", []), f"{where}: {prefix}exclude")
    if "language" in data:
        if not isinstance(data["language"], str):
            raise ConfigError(f"{where}: {prefix}language: expected a string like 'en-US'")
        kw["language"] = data["language"]
    base = path.parent if path else Path.cwd()
    kw["rules_dirs"] = tuple(
        base / d for d in _strings(data.get("rules-dirs", []), f"{where}: {prefix}rules-dirs")
    )
    kw["rule_options"] = _table(data.get("rules", {}), f"{where}: {prefix}rules")
    kw["engine_options"] = {
        name: parse_options(cls, data[name], where, f"{prefix}{name}")
        for name, cls in engine_tables().items()
        if name in data
    }
    return Config(**kw)


def with_overrides(
    config: Config,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    language: str | None = None,
    engine_options: Mapping[str, Any] | None = None,
) -> Config:
    """Apply command-line options on top of the file's settings (the command line wins)."""
    import dataclasses

    changes: dict[str, Any] = {}
    if select or ignore:
        changes["cli_prefixes"] = config.cli_prefixes | set(select or ()) | set(ignore or ())
    if select:
        changes["selection"] = Selection(
            tuple(select), config.selection.ignore + tuple(ignore or ())
        )
        changes["explicit_select"] = True
    elif ignore:
        changes["selection"] = Selection(
            config.selection.select, config.selection.ignore + tuple(ignore)
        )
    if language:
        changes["language"] = language
    if engine_options:
        changes["engine_options"] = {**config.engine_options, **engine_options}
    return dataclasses.replace(config, **changes) if changes else config
