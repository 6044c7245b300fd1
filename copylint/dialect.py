"""Which English an article is written in: British or American spelling, counted from its words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"[a-z]+")
AUTO = frozenset({"en", "auto"})  # a language setting that leaves the variant to the article

# Pairs from breame that are not a dialect choice: both spellings are used on both sides of the
# Atlantic, or they are different words ("program" for software in British English).
NOT_DIALECT = frozenset(
    [
        "analog",
        "analogs",
        "ax",
        "connection",
        "connections",
        "dialog",
        "dialogs",
        "disk",
        "disks",
        "draft",
        "drafts",
        "filter",
        "filters",
        "gray",
        "install",
        "installs",
        "judgment",
        "judgments",
        "licensed",
        "licenses",
        "licensing",
        "meter",
        "meters",
        "practice",
        "practiced",
        "practices",
        "program",
        "programs",
        "ton",
        "tons",
        "tire",
        "tires",
        "disc",
        "discs",
        "grey",
        "dialogue",
        "dialogues",
        "catalogue",
        "catalogues",
        "judgement",
        "judgements",
        "yoghurt",
        "yogurt",
        "whisky",
        "whiskey",
        "griffin",
        "griffins",
    ]
)


@lru_cache(maxsize=1)
def _pairs() -> tuple[frozenset[str], frozenset[str]]:
    from breame.data.spelling_constants import (
        AMERICAN_ENGLISH_SPELLINGS,
        BRITISH_ENGLISH_SPELLINGS,
    )

    british = frozenset(BRITISH_ENGLISH_SPELLINGS)
    american = frozenset(AMERICAN_ENGLISH_SPELLINGS)
    both = british & american  # words spelled alike, or read as either
    return british - both - NOT_DIALECT, american - both - NOT_DIALECT


def detect(texts: Iterable[str]) -> str | None:
    """'en-GB' or 'en-US' when the article's spellings lean one way, else None."""
    british, american = _pairs()
    gb = us = 0
    for text in texts:
        for word in _WORD.findall(text.lower()):
            if word in british:
                gb += 1
            elif word in american:
                us += 1
    if gb == us:
        return None
    return "en-GB" if gb > us else "en-US"


def variant(language: str, texts: Iterable[str], default: str = "en-US") -> str:
    """The language to check with: the configured one, or for plain 'en' the article's own."""
    if language.lower() not in AUTO:
        return language
    return detect(texts) or default
