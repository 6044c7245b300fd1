"""Turn Findings (prose offsets) into Diagnostics (source offsets): the only code that maps."""

from __future__ import annotations

from copylint.diagnostics import Applicability, Category, Diagnostic, Edit, Fix, Severity
from copylint.document.model import Document
from copylint.engines.base import Finding, RuleInfo


def fix_title(source: str, edits: tuple[Edit, ...]) -> str:
    """A short human title for a fix, from what it changes."""
    if len(edits) != 1:
        return f"Apply {len(edits)} edits"
    e = edits[0]
    old = source[e.start : e.end]
    if not e.text:
        return f"Remove “{old}”" if old.strip() else "Remove the extra space"
    if not old:
        return "Insert a space" if e.text == " " else f"Insert “{e.text}”"
    return f"Replace “{old}” with “{e.text}”"


def capped(applicability: Applicability, info: RuleInfo | None) -> Applicability:
    """A finding's fix is never safer than its rule declares (RuleInfo.fix)."""
    if info is None or info.fix is None:
        return applicability if info is None else Applicability.DISPLAY_ONLY
    return min(applicability, info.fix)


def locate(doc: Document, finding: Finding, info: RuleInfo | None) -> Diagnostic:
    """Map one finding onto the source; its fix is dropped where it would touch code, URLs,
    markup or front matter (the finding still reports, without a fix), and capped at what
    its rule declares: a rule that declares no fix only ever shows one."""
    block = finding.block
    span = block.source_span(finding.span)
    fix: Fix | None = None
    if finding.edits and not any(block.touches_placeholder(e.span) for e in finding.edits):
        mapped = [block.edit(e.span, e.text) for e in finding.edits]
        edits = tuple(e for e in mapped if e is not None)
        if (
            len(edits) == len(mapped)
            and not any(doc.is_protected(e) for e in edits)
            and any(doc.source[e.start : e.end] != e.text for e in edits)
        ):
            try:
                fix = Fix(
                    finding.title or fix_title(doc.source, edits),
                    edits,
                    capped(finding.applicability, info),
                )
            except ValueError:
                fix = None
    rule = finding.rule or (info.id if info else "house/unknown")
    message = finding.message or rule
    return Diagnostic(
        rule=rule,
        message=message,
        span=span,
        severity=finding.severity
        if finding.severity is not None
        else (info.severity if info else Severity.WARNING),
        category=finding.category or (info.category if info else Category.STYLE),
        fix=fix,
        suggestions=finding.suggestions,
    )
