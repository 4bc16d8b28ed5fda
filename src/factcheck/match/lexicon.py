"""German word list for compound splitting: simplemma's shipped lemma dictionary (1.1M forms).

Loaded lazily (≈0.8 s, once per process) so that English-only use never pays for it. The
dictionary is used as it comes (a read-only mapping) rather than copied into a set: copying
would double the start-up cost.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache


@lru_cache(maxsize=1)
def _german_forms() -> Mapping[str, object] | None:
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        return DefaultDictionaryFactory().get_dictionary("de")
    except (ImportError, ValueError, OSError):  # simplemma missing/broken: compounds stay whole
        return None


def available() -> bool:
    return _german_forms() is not None


@lru_cache(maxsize=100_000)
def is_known_de(word: str) -> bool:
    """`word` (casefolded) is a German word form; nouns are stored capitalised, so try both."""
    forms = _german_forms()
    if forms is None or len(word) < 3 or not word.isalpha():
        return False
    return word in forms or word.capitalize() in forms
