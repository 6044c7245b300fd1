"""English word frequencies for house rules: pyspellchecker's list for a fast 'is this a word',
wordfreq for how common a word or a run-together pair is; each loaded once, on demand."""

from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()
_freq: dict[str, int] | None = None

# British spellings the (American) list lacks: map the ending to its American form.
_BRITISH_ENDINGS = (
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("ence", "ense"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
    ("mme", "m"),
    ("mmes", "ms"),
)


def table() -> dict[str, int]:
    """The whole word list: lowercase word -> count (loaded once, shared by every rule)."""
    return _table()


def _table() -> dict[str, int]:
    global _freq
    if _freq is None:
        with _lock:
            if _freq is None:
                from spellchecker import SpellChecker

                _freq = dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)
    return _freq


_known: frozenset[str] | None = None


def known_words() -> frozenset[str]:
    """Every lowercase word of the list (frequency() > 0 for each): a set to subtract a block's
    words from in one step before any word-by-word work."""
    global _known
    if _known is None:
        table = _table()
        with _lock:
            if _known is None:
                _known = frozenset(w for w, count in table.items() if count and w.islower())
    return _known


@lru_cache(maxsize=65536)
def frequency(word: str) -> int:
    """How often a lowercase word occurs in the reference corpus (0 when unknown)."""
    table = _table()
    count = table.get(word, 0)
    if count:
        return count
    for british, american in _BRITISH_ENDINGS:
        if word.endswith(british) and len(word) > len(british) + 1:
            count = table.get(word[: -len(british)] + american, 0)
            if count:
                return count
    return 0


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in web, news and book text, on wordfreq's Zipf scale (0 when
    unseen; 3 is once per million words). Broader than frequency(): it knows closed compounds
    ("gameplay", "frontman") and British spellings."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


# Short words of grammar (articles, prepositions, pronouns, auxiliaries): a run-together word
# that splits into one of these and a word, or a repeated phrase made only of them, is a slip.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "was",
        "be",
        "are",
        "were",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "not",
        "no",
        "so",
        "if",
        "than",
        "then",
        "into",
        "onto",
        "about",
        "we",
        "they",
        "he",
        "she",
    ]
)
