"""Readers that turn a source file into a Document: source text, prose view and source map."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from copylint.document.html import read_html
from copylint.document.markdown import read_markdown
from copylint.document.model import Document
from copylint.document.plaintext import read_plaintext

Reader = Callable[[str, str], Document]

READERS: dict[str, Reader] = {"markdown": read_markdown, "html": read_html, "text": read_plaintext}
FORMAT_OF_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".mkd": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
}


def format_of(path: str) -> str | None:
    """The reader for a file name, or None when copylint does not read that kind of file."""
    return FORMAT_OF_SUFFIX.get(PurePath(path).suffix.lower())


def read_document(path: str, source: str, fmt: str | None = None) -> Document:
    """Build the Document for a file's decoded text, by its extension unless fmt is given."""
    return READERS[fmt or format_of(path) or "text"](path, source)
