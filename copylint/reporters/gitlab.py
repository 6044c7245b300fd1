"""`--format gitlab`: a GitLab Code Quality report (the Code Climate subset GitLab reads)."""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from collections import Counter
from collections.abc import Sequence
from typing import Any

from copylint.diagnostics import Category, Diagnostic, Severity
from copylint.document.source_map import LineIndex
from copylint.pipeline import FileResult

SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
INPUT_ERROR_CHECK = "copylint/input-error"  # a file that could not be read or decoded
INPUT_ERROR_SEVERITY = "critical"
# Code Climate's categories (GitLab ignores them; other Code Climate readers require them).
_CODE_CLIMATE_CATEGORY = {Category.DUPLICATION: "Duplication", Category.GRAMMAR: "Clarity"}


def report_path(path: str) -> str:
    """The path as GitLab wants it: relative, forward slashes, no leading './'."""
    return posixpath.normpath(path.replace(os.sep, "/")) if path else path


def fingerprint(rule: str, path: str, flagged: str, occurrence: int) -> str:
    """Stable across edits elsewhere in the file: no line numbers, only what was flagged and
    how many identical findings came before it in the same file."""
    key = "\0".join((rule, report_path(path), flagged, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _fingerprints(result: FileResult) -> list[str]:
    """One fingerprint per diagnostic, in order; occurrences count in source order."""
    diags = result.diagnostics
    order = sorted(range(len(diags)), key=lambda i: (diags[i].span, diags[i].rule))
    seen: Counter[tuple[str, str]] = Counter()
    prints = [""] * len(diags)
    for i in order:
        d = diags[i]
        flagged = result.source[d.span.start : d.span.end]
        prints[i] = fingerprint(d.rule, result.path, flagged, seen[d.rule, flagged])
        seen[d.rule, flagged] += 1
    return prints


def _issue(d: Diagnostic, path: str, lines: LineIndex, fp: str) -> dict[str, Any]:
    line, column = lines.line_col(d.span.start)
    end_line, end_column = lines.line_col(d.span.end)
    return {
        "type": "issue",
        "description": d.message,
        "check_name": d.rule,
        "fingerprint": fp,
        "severity": SEVERITY[d.severity],
        "categories": [_CODE_CLIMATE_CATEGORY.get(d.category, "Style")],
        "location": {
            "path": report_path(path),
            "positions": {
                "begin": {"line": line, "column": column},
                "end": {"line": end_line, "column": end_column},
            },
        },
    }


def render(results: Sequence[FileResult]) -> str:
    issues: list[dict[str, Any]] = []
    for r in results:
        if r.error is not None:
            issues.append(
                {
                    "type": "issue",
                    "description": r.error,
                    "check_name": INPUT_ERROR_CHECK,
                    "fingerprint": fingerprint(INPUT_ERROR_CHECK, r.path, "", 0),
                    "severity": INPUT_ERROR_SEVERITY,
                    "categories": ["Bug Risk"],
                    "location": {"path": report_path(r.path), "lines": {"begin": 1}},
                }
            )
            continue
        lines = LineIndex(r.source)
        prints = _fingerprints(r)
        issues.extend(
            _issue(d, r.path, lines, p) for d, p in zip(r.diagnostics, prints, strict=True)
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
