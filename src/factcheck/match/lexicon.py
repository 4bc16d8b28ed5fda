"""German word list for compound splitting: simplemma's shipped lemma dictionary (1.1M forms).

simplemma decodes its dictionary in Python (≈0.8–2 s per process), which made a cold `factcheck
similar` take seconds. The forms are therefore kept as a memory-mapped MARISA trie in the user's
cache folder (≈2.7 MB, opened in well under a millisecond), built once from simplemma's own data
the first time it is needed and rebuilt when simplemma's version changes. Nothing is downloaded:
the trie is derived from the installed package. Without a writable cache folder or without
marisa-trie the dictionary is used as simplemma returns it.
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from factcheck.cachedir import cache_folder, write_atomically


def _trie_path() -> Path | None:
    try:
        simplemma_version = version("simplemma")
    except PackageNotFoundError:
        return None
    return cache_folder() / f"simplemma-{simplemma_version}-de.marisa"


def _simplemma_forms() -> Container[str] | None:
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        return DefaultDictionaryFactory().get_dictionary("de")
    except (ImportError, ValueError, OSError):  # simplemma missing/broken: compounds stay whole
        return None


@lru_cache(maxsize=1)
def _german_forms() -> Container[str] | None:
    try:
        import marisa_trie
    except ImportError:
        return _simplemma_forms()
    path = _trie_path()
    if path is not None and path.is_file():
        trie = marisa_trie.Trie()
        try:
            trie.mmap(str(path))
            return trie
        except (OSError, RuntimeError, ValueError):
            pass  # a damaged cache file is rebuilt below
    forms = _simplemma_forms()
    if forms is None or path is None:
        return forms
    trie = marisa_trie.Trie(iter(forms))  # type: ignore[call-overload]
    # (the same bytes trie.save() writes; a read-only home keeps this process's trie, the next one builds again)
    write_atomically(path, trie.tobytes())
    return trie


def available() -> bool:
    return _german_forms() is not None


@lru_cache(maxsize=100_000)
def is_known_de(word: str) -> bool:
    """`word` (casefolded) is a German word form; nouns are stored capitalised, so try both."""
    forms = _german_forms()
    if forms is None or len(word) < 3 or not word.isalpha():
        return False
    return word in forms or word.capitalize() in forms
