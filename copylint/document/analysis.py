"""What several rules and engines need from one document, computed once, when first asked.

`doc.analysis` is made with the document and dies with it: nothing here is kept at module
level, so an editor server holding one process for days holds no old documents. Rules that
share preparatory work (the consistency checks share their quotations and vocabulary) keep it
through `shared`, keyed by the name of the work.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from copylint.dialect import detect

if TYPE_CHECKING:
    from copylint.document.model import Block, Document

T = TypeVar("T")


class Analysis:
    """Facts about one document, each computed on first use."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._shared: dict[str, Any] = {}

    @cached_property
    def prose_blocks(self) -> tuple[Block, ...]:
        """The blocks of running prose: every block but image alt text."""
        from copylint.document.model import BlockKind

        return tuple(b for b in self._doc.blocks if b.kind is not BlockKind.ALT)

    @cached_property
    def leaning(self) -> str | None:
        """ "en-GB" or "en-US" when the article's own spellings lean one way, else None: the
        one dialect decision every engine and rule reads (copylint.dialect)."""
        return detect(b.text for b in self.prose_blocks if b.text.strip())

    def shared(self, key: str, compute: Callable[[Document], T]) -> T:
        """compute(doc), once per document for each key."""
        if key not in self._shared:
            self._shared[key] = compute(self._doc)
        result: T = self._shared[key]
        return result


__all__ = ["Analysis"]
