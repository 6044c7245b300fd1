"""copylint: a copy-editing linter for articles."""

from __future__ import annotations

__version__ = "0.1.0"

from copylint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from copylint.pipeline import fix_text, lint_text

__all__ = [
    "Applicability",
    "Diagnostic",
    "Edit",
    "Fix",
    "Severity",
    "Span",
    "__version__",
    "fix_text",
    "lint_text",
]
