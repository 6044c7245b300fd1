"""`--format text`: each problem with its source line, the fix shown inline, and a caret."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import click
from wcwidth import wcwidth

from copylint.diagnostics import Applicability, Diagnostic, Severity
from copylint.document.source_map import LineIndex
from copylint.pipeline import FileResult

CONTEXT = 50  # characters of context either side of a span on a long line
_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_INVISIBLE = {"\u00a0": "⍽", "\t": "→", "\u202f": "⍽"}


@dataclass(frozen=True)
class Style:
    colour: bool

    @property
    def marker_width(self) -> int:
        """Columns the plain [-…-] / {+…+} markers add; colour adds none."""
        return 0 if self.colour else 4

    def deleted(self, text: str) -> str:
        if self.colour:
            return click.style(text, fg="red", strikethrough=True)
        return f"[-{text}-]"

    def inserted(self, text: str) -> str:
        if self.colour:
            return click.style(text, fg="green", underline=True)
        return f"{{+{text}+}}"

    def paint(self, text: str, **kw: object) -> str:
        return click.style(text, **kw) if self.colour else text  # type: ignore[arg-type]


def width(text: str) -> int:
    """Terminal columns: CJK and emoji take two, combining marks none (wcwidth)."""
    return sum(max(0, wcwidth(c)) for c in text)


def _shown(text: str) -> str:
    """Source context as printed: a tab as one space, so the caret below stays aligned."""
    return text.replace("\t", " ")


def _visible(text: str) -> str:
    """Show whitespace that would otherwise be invisible in a fix."""
    if not text.strip():
        return "".join(_INVISIBLE.get(c, c) for c in text).replace(" ", "␣") or text
    return "".join(_INVISIBLE.get(c, c) for c in text)


def excerpt(source: str, lines: LineIndex, d: Diagnostic, style: Style) -> list[str]:
    """The diagnostic's line with its fix inline, and a caret line under the span."""
    line_no, _ = lines.line_col(d.span.start)
    start, next_start = lines.line_span(line_no)
    end = len(source) if next_start < 0 else next_start
    line = source[start:end].rstrip("\r\n")
    line_end = start + len(line)
    edits = [e for e in (d.fix.edits if d.fix else ()) if start <= e.start <= line_end]
    lo = max(start, min([d.span.start, *(e.start for e in edits)]) - CONTEXT)
    hi = min(
        line_end, max([min(d.span.end, line_end), *(min(e.end, line_end) for e in edits)]) + CONTEXT
    )
    # Don't cut words at the window's edges.
    while lo > start and not source[lo - 1].isspace():
        lo -= 1
        if d.span.start - lo > CONTEXT + 20:
            break
    while hi < line_end and not source[hi].isspace():
        hi += 1
        if hi - d.span.end > CONTEXT + 20:
            break
    shown: list[str] = ["…" if lo > start else ""]
    column = width(shown[0])  # display columns so far, which the caret line follows
    caret_from = caret_to = None
    pos = lo
    for e in sorted(edits):
        if e.start < pos:
            continue
        chunk = _shown(source[pos : e.start])
        if caret_from is None and d.span.start <= e.start:
            caret_from = column + width(chunk[: max(0, d.span.start - pos)])
        shown.append(chunk)
        column += width(chunk)
        old, new = source[e.start : min(e.end, line_end)], e.text
        if caret_from is None:
            caret_from = column
        for text, mark in ((old, style.deleted), (new, style.inserted)):
            if text:
                visible = _visible(text)
                shown.append(mark(visible))
                column += width(visible) + style.marker_width
        pos = min(e.end, line_end)
        if d.span.end <= pos:
            caret_to = column
    tail = _shown(source[pos:hi])
    if caret_from is None:
        caret_from = column + width(tail[: max(0, d.span.start - pos)])
    if caret_to is None:
        caret_to = column + width(tail[: max(0, min(d.span.end, hi) - pos)])
    shown.append(tail)
    shown.append("…" if hi < line_end else "")
    gutter = f"{line_no:>5} | "
    carets = " " * caret_from + "^" * max(1, caret_to - caret_from)
    return [
        style.paint(gutter, dim=True) + "".join(shown),
        style.paint(" " * (len(gutter) - 2) + "| ", dim=True)
        + style.paint(carets, fg="cyan", bold=True),
    ]


def render_diagnostic(
    path: str, source: str, lines: LineIndex, d: Diagnostic, style: Style
) -> list[str]:
    line, col = lines.line_col(d.span.start)
    head = (
        f"{style.paint(f'{path}:{line}:{col}:', bold=True)} "
        f"{style.paint(d.severity.label, fg=_SEVERITY_COLOUR[d.severity], bold=True)} "
        f"{style.paint(d.rule, dim=True)} {d.message}"
    )
    out = [head, *excerpt(source, lines, d, style)]
    if d.fix is not None:
        label = {
            Applicability.SAFE: "fix",
            Applicability.UNSAFE: "unsafe fix",
            Applicability.DISPLAY_ONLY: "suggestion",
        }[d.fix.applicability]
        out.append(f"      = {label}: {d.fix.title}")
    # Every suggestion, numbered: the shown fix is only the first of several.
    if len(d.suggestions) > 1 or (d.fix is None and d.suggestions):
        numbered = "  ".join(f"{i}. “{_visible(s)}”" for i, s in enumerate(d.suggestions, 1))
        out.append(f"      = suggestions: {numbered}")
    if d.also_reported_by:
        out.append("      = also reported by: " + ", ".join(d.also_reported_by))
    for r in d.related:
        rl, rc = lines.line_col(r.span.start)
        out.append(f"      = related: {r.rule} at {rl}:{rc}: {r.message}")
    return out


def summary(results: Sequence[FileResult], fixed: int = 0) -> str:
    diags = [d for r in results for d in r.diagnostics]
    safe = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.UNSAFE)
    errors = sum(1 for r in results if r.error)
    checked = len(results) - errors
    files = f"{checked} file{'s' if checked != 1 else ''}"
    parts = []
    if fixed:
        parts.append(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.")
    if diags:
        fixable = []
        if safe:
            fixable.append(f"{safe} fixable with --fix")
        if unsafe:
            fixable.append(f"{unsafe} more with --unsafe-fixes")
        extra = f" ({', '.join(fixable)})" if fixable else ""
        parts.append(
            f"Found {len(diags)} problem{'s' if len(diags) != 1 else ''} in {files}{extra}."
        )
    elif checked or not errors:
        parts.append(f"No problems found in {files}.")
    if errors:
        parts.append(f"{errors} file{'s' if errors != 1 else ''} could not be checked.")
    return " ".join(parts)


def render(results: Sequence[FileResult], colour: bool, fixed: int = 0) -> str:
    style = Style(colour)
    out: list[str] = []
    for r in results:
        if r.error or not r.diagnostics:
            continue
        lines = LineIndex(r.source)
        for d in r.diagnostics:
            out.extend(render_diagnostic(r.path, r.source, lines, d, style))
            out.append("")
    out.append(summary(results, fixed))
    return "\n".join(out) + "\n"
