"""`--format github`: GitHub Actions workflow commands that annotate each problem in the diff."""

from __future__ import annotations

import os
from collections.abc import Sequence

from copylint.diagnostics import Applicability, Diagnostic, Severity
from copylint.document.source_map import LineIndex
from copylint.pipeline import FileResult

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as @actions/core's escapeData does: %, CR, LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value as @actions/core's escapeProperty does: also ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Sequence[tuple[str, object]], message: str) -> str:
    """`::name key=value,key=value::message`, every part escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _path(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path


def annotation(path: str, lines: LineIndex, d: Diagnostic) -> str:
    """One diagnostic as an error, warning or notice command."""
    line, col = lines.line_col(d.span.start)
    end_line, end_col = lines.line_col(d.span.end)
    props: list[tuple[str, object]] = [("file", _path(path)), ("line", line)]
    if end_line == line:  # GitHub takes columns only for a single-line range
        props.append(("col", col))
        props += [("endLine", end_line), ("endColumn", end_col)]
    else:
        props.append(("endLine", end_line))
    props.append(("title", d.rule))
    message = d.message
    if d.fix is not None and d.fix.applicability is not Applicability.DISPLAY_ONLY:
        message += f"\nFix ({d.fix.applicability.label}): {d.fix.title}"
    elif d.suggestions:
        message += "\nSuggestions: " + ", ".join(f"“{s}”" for s in d.suggestions)
    elif d.fix is not None:
        message += f"\nSuggestion: {d.fix.title}"
    return command(_COMMAND[d.severity], props, message)


def render(results: Sequence[FileResult]) -> str:
    out = []
    for r in results:
        if r.error is not None:
            out.append(command("error", [("file", _path(r.path))], r.error))
            continue
        lines = LineIndex(r.source)
        out.extend(annotation(r.path, lines, d) for d in r.diagnostics)
    return "".join(line + "\n" for line in out)
