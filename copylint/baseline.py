"""Baseline mode: remember today's findings so that only new ones are reported.

A finding is known by its rule, its file, the flagged text and up to CONTEXT characters of
whitespace-normalised text either side (within its paragraph), never by line number: adding
or removing paragraphs elsewhere keeps it known; editing the flagged words makes it new.
Identical fingerprints in one file are counted, so a third copy of a twice-known problem is new.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from copylint.diagnostics import Diagnostic
from copylint.pipeline import FileResult
from copylint.sources import InputError, write_atomically

SCHEMA_VERSION = 1
KIND = "copylint-baseline"
CONTEXT = 20

_SPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n|\r\r")


class BaselineError(Exception):
    """A baseline file that cannot be read or written; str() is one line naming the file."""


@dataclass(frozen=True, slots=True, order=True)
class Fingerprint:
    """What identifies a finding across edits to the rest of its file."""

    path: str
    rule: str
    text: str
    before: str
    after: str


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text)


def _context_before(source: str, start: int) -> str:
    window = source[max(0, start - CONTEXT * 4) : start]
    breaks = list(_PARAGRAPH_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    return _normalise(window).lstrip()[-CONTEXT:]


def _context_after(source: str, end: int) -> str:
    window = source[end : end + CONTEXT * 4]
    found = _PARAGRAPH_BREAK.search(window)
    if found:
        window = window[: found.start()]
    return _normalise(window).rstrip()[:CONTEXT]


def _path_key(path: str, base: Path) -> str:
    """The file's path relative to the baseline's folder, so that the baseline works from
    any working directory; standard input keeps its name."""
    if path == "-" or not path:
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


def fingerprint(d: Diagnostic, source: str, path: str) -> Fingerprint:
    """The fingerprint of a diagnostic in source (the text its offsets refer to)."""
    return Fingerprint(
        path=path,
        rule=d.rule,
        text=_normalise(source[d.span.start : d.span.end]),
        before=_context_before(source, d.span.start),
        after=_context_after(source, d.span.end),
    )


def fingerprints(result: FileResult, base: Path) -> Iterator[tuple[Fingerprint, Diagnostic]]:
    path = _path_key(result.path, base)
    for d in result.diagnostics:
        yield fingerprint(d, result.source, path), d


@dataclass(frozen=True)
class Baseline:
    """The findings recorded in a baseline file, counted per fingerprint."""

    counts: Counter[Fingerprint]
    base: Path  # the baseline file's folder; paths in it are relative to this

    def __len__(self) -> int:
        return sum(self.counts.values())

    def filter(self, result: FileResult) -> FileResult:
        """The result without the diagnostics the baseline knows (as many of each as it
        recorded; the later ones in the file are reported as new)."""
        if result.error is not None or not result.diagnostics:
            return result
        left = Counter(self.counts)
        kept: list[Diagnostic] = []
        for fp, d in fingerprints(result, self.base):
            # A baseline written before a rule was split records the family's id
            # (house/typography for house/typography/quotes): that entry still counts.
            known = next((k for k in _recorded_as(fp) if left[k] > 0), None)
            if known is not None:
                left[known] -= 1
            else:
                kept.append(d)
        if len(kept) == len(result.diagnostics):
            return result
        return dataclasses.replace(result, diagnostics=kept)


def _recorded_as(fp: Fingerprint) -> Iterator[Fingerprint]:
    """The fingerprint, then the same under each ancestor of its rule id (not the engine)."""
    yield fp
    parts = fp.rule.split("/")
    for i in range(len(parts) - 1, 1, -1):
        yield dataclasses.replace(fp, rule="/".join(parts[:i]))


def _entry(fp: Fingerprint, count: int) -> str:
    return json.dumps(
        {
            "path": fp.path,
            "rule": fp.rule,
            "text": fp.text,
            "before": fp.before,
            "after": fp.after,
            "count": count,
        },
        ensure_ascii=False,
    )


def count_findings(results: Iterable[FileResult], base: Path) -> Counter[Fingerprint]:
    """How many times each fingerprint occurs in the results (files with errors skipped)."""
    counts: Counter[Fingerprint] = Counter()
    for result in results:
        if result.error is None:
            counts.update(fp for fp, _ in fingerprints(result, base))
    return counts


def render_baseline(counts: Counter[Fingerprint]) -> str:
    """The baseline file's text: one finding per line, sorted, so that it diffs well."""
    lines = [_entry(fp, counts[fp]) for fp in sorted(counts)]
    body = ",\n    ".join(lines)
    findings = f"[\n    {body}\n  ]" if lines else "[]"
    return (
        f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "kind": "{KIND}",\n'
        f'  "findings": {findings}\n}}\n'
    )


def write_baseline(path: str | Path, results: Iterable[FileResult]) -> int:
    """Record the results' findings in a baseline file; the number of findings recorded."""
    target = Path(path)
    counts = count_findings(results, target.resolve().parent)
    data = render_baseline(counts).encode("utf-8")
    try:
        if target.exists():
            write_atomically(str(target), data)
        else:
            target.write_bytes(data)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    except InputError as exc:  # from write_atomically: read-only file, …
        raise BaselineError(f"{path}: cannot write the baseline: {exc}") from None
    return sum(counts.values())


def load_baseline(path: str | Path) -> Baseline:
    """Read a baseline file; BaselineError (one line, naming the file) if it is not one."""
    source = Path(path)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: no such baseline file (create one with --write-baseline)"
        ) from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a copylint baseline (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise BaselineError(f'{path}: not a copylint baseline (no "kind": "{KIND}")')
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise BaselineError(
            f"{path}: baseline schema_version {version!r} is not supported "
            f"(this copylint reads {SCHEMA_VERSION}); write it again with --write-baseline"
        )
    counts: Counter[Fingerprint] = Counter()
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError(f'{path}: "findings" must be a list')
    for i, item in enumerate(findings):
        try:
            fp = Fingerprint(
                path=_string(item["path"]),
                rule=_string(item["rule"]),
                text=_string(item["text"]),
                before=_string(item["before"]),
                after=_string(item["after"]),
            )
            count = item.get("count", 1)
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                raise TypeError("count must be a positive integer")
        except (KeyError, TypeError, AttributeError) as exc:
            raise BaselineError(f"{path}: finding {i + 1} is malformed ({exc})") from None
        counts[fp] += count
    return Baseline(counts, source.resolve().parent)


def _string(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


__all__ = [
    "Baseline",
    "BaselineError",
    "Fingerprint",
    "count_findings",
    "fingerprint",
    "load_baseline",
    "render_baseline",
    "write_baseline",
]
