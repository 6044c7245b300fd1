"""`--format sarif`: SARIF 2.1.0 for code scanning, with rules, code-point regions and fixes."""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from copylint import __version__
from copylint.diagnostics import Diagnostic, Edit, Severity
from copylint.document.source_map import LineIndex
from copylint.engines.base import RuleInfo
from copylint.pipeline import FileResult

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://example.invalid/copylint"  # the project's home page, once it has one
SRCROOT = "%SRCROOT%"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def level(severity: Severity) -> str:
    """The SARIF level of a copylint severity."""
    return _LEVEL[severity]


def artifact_location(path: str) -> dict[str, str]:
    """A relative path as a %SRCROOT%-based URI reference; an absolute one as a file: URI."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    normal = posixpath.normpath(path.replace(os.sep, "/"))
    return {"uri": quote(normal, safe="/"), "uriBaseId": SRCROOT}


def region(lines: LineIndex, start: int, end: int) -> dict[str, int]:
    """A text region of the decoded source: 1-based lines and columns, 0-based offsets, all in
    code points; endColumn is the column just after the region, as SARIF defines it."""
    start_line, start_column = lines.line_col(start)
    end_line, end_column = lines.line_col(end)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": start,
        "charLength": end - start,
    }


def _rule_descriptor(rule_id: str, info: RuleInfo | None, example: Diagnostic) -> dict[str, Any]:
    """The reportingDescriptor of a rule; from the diagnostic alone when the catalog lacks it."""
    name = rule_id.split("/", 1)[-1]
    if info is None:
        category, severity, fix, summary = (
            example.category,
            example.severity,
            example.fix.applicability if example.fix else None,
            example.message,
        )
        full, help_text = summary, f"{rule_id}\n\n{summary}"
    else:
        from copylint.catalog import explain_text

        category, severity, fix, summary = info.category, info.severity, info.fix, info.summary
        full, help_text = info.doc.strip() or summary, explain_text(info)
    return {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": level(severity)},
        "properties": {
            "engine": rule_id.split("/", 1)[0],
            "category": category.value,
            "fixApplicability": fix.label if fix is not None else "none",
            "tags": [category.value, rule_id.split("/", 1)[0]],
        },
    }


def _replacement(lines: LineIndex, edit: Edit) -> dict[str, Any]:
    return {
        "deletedRegion": region(lines, edit.start, edit.end),
        "insertedContent": {"text": edit.text},
    }


def _result(d: Diagnostic, rule_index: int, path: str, lines: LineIndex) -> dict[str, Any]:
    location = artifact_location(path)
    result: dict[str, Any] = {
        "ruleId": d.rule,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": region(lines, d.span.start, d.span.end),
                }
            }
        ],
    }
    if d.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": d.fix.title},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [_replacement(lines, e) for e in d.fix.edits],
                    }
                ],
                "properties": {"applicability": d.fix.applicability.label},
            }
        ]
    if d.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": location,
                    "region": region(lines, r.span.start, r.span.end),
                },
                "message": {"text": f"{r.rule}: {r.message}"},
            }
            for i, r in enumerate(d.related, start=1)
        ]
    properties: dict[str, Any] = {"category": d.category.value}
    if d.suggestions:
        properties["suggestions"] = list(d.suggestions)
    if d.also_reported_by:
        properties["alsoReportedBy"] = list(d.also_reported_by)
    result["properties"] = properties
    return result


def _notification(text: str, level_name: str, path: str | None = None) -> dict[str, Any]:
    note: dict[str, Any] = {"level": level_name, "message": {"text": text}}
    if path is not None:
        note["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(path)}}]
    return note


def render(
    results: Sequence[FileResult],
    rules: Iterable[RuleInfo],
    *,
    engine_errors: Sequence[str] = (),
    notices: Sequence[str] = (),
) -> str:
    """The SARIF log of one run. `rules` is the catalog (all_rules(config)); only rules with a
    result are listed. `engine_errors` (the run fails) and `notices` become notifications."""
    catalog = {info.id: info for info in rules}
    first_seen: dict[str, Diagnostic] = {}
    for r in results:
        for d in r.diagnostics:
            first_seen.setdefault(d.rule, d)
    rule_ids = sorted(first_seen)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    descriptors = [_rule_descriptor(i, catalog.get(i), first_seen[i]) for i in rule_ids]

    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for r in results:
        if r.error is not None:
            notifications.append(_notification(f"{r.path}: {r.error}", "error", r.path))
            continue
        if r.notice:
            notifications.append(_notification(f"{r.path}: {r.notice}", "note", r.path))
        lines = LineIndex(r.source)
        sarif_results.extend(_result(d, index[d.rule], r.path, lines) for d in r.diagnostics)
    notifications.extend(_notification(e, "error") for e in engine_errors)
    notifications.extend(_notification(n, "note") for n in notices)

    invocation: dict[str, Any] = {
        "executionSuccessful": not engine_errors and all(r.error is None for r in results)
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    log = {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copylint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
