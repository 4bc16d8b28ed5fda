"""German word list for compound splitting, taken from simplemma's shipped lemma dictionary.

Loaded lazily (≈1 s, once per process) so that English-only use never pays for it.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _german_words() -> frozenset[str]:
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory
    except ImportError:  # simplemma missing: analysis still works, compounds stay whole
        return frozenset()
    words: set[str] = set()
    for form, lemma in DefaultDictionaryFactory().get_dictionary("de").items():
        for w in (form, lemma):
            w = w.decode() if isinstance(w, bytes) else w
            # Only plain alphabetic words of >= 3 letters: shorter pieces give junk splits.
            if len(w) >= 3 and w.isalpha():
                words.add(w.casefold())
    return frozenset(words)


def available() -> bool:
    return bool(_german_words())


def is_known_de(word: str) -> bool:
    return word in _german_words()
