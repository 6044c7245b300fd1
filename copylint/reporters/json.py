"""`--format json`: the schema_version 1 document of DESIGN.md, exactly."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from copylint.diagnostics import Applicability, Diagnostic
from copylint.document.source_map import LineIndex
from copylint.pipeline import FileResult

SCHEMA_VERSION = 1


def _position(lines: LineIndex, offset: int) -> dict[str, int]:
    line, column = lines.line_col(offset)
    return {"offset": offset, "line": line, "column": column}


def diagnostic_json(d: Diagnostic, lines: LineIndex) -> dict[str, Any]:
    return {
        "rule": d.rule,
        "engine": d.engine,
        "category": d.category.value,
        "severity": d.severity.label,
        "message": d.message,
        "start": _position(lines, d.span.start),
        "end": _position(lines, d.span.end),
        "fix": None
        if d.fix is None
        else {
            "title": d.fix.title,
            "applicability": d.fix.applicability.label,
            "edits": [{"start": e.start, "end": e.end, "replacement": e.text} for e in d.fix.edits],
        },
        "suggestions": list(d.suggestions),
        "also_reported_by": list(d.also_reported_by),
    }


def render(results: Sequence[FileResult]) -> str:
    files = []
    total = fixable = 0
    for r in results:
        lines = LineIndex(r.source)
        diags = [diagnostic_json(d, lines) for d in r.diagnostics]
        total += len(diags)
        fixable += sum(
            1
            for d in r.diagnostics
            if d.fix is not None and d.fix.applicability is Applicability.SAFE
        )
        files.append({"path": r.path, "error": r.error, "diagnostics": diags})
    doc = {
        "schema_version": SCHEMA_VERSION,
        "files": files,
        "summary": {"files": len(results), "diagnostics": total, "fixable": fixable},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
