"""Word lists as prefix-trie regular expressions.

Python's `re` tries the alternatives of `a|ab|abc|b…` one after another at every position of the text: it
does not share the common prefixes of the words (it factors out only a prefix common to *all*
alternatives). A list of 100 words is then up to 100 failed comparisons per position. The same list as a
trie, `(?:a(?:bc?)?|b…)`, compares each character of the text once per trie level: the first character
picks one branch, the next one the next branch, and so on; a word list of any length costs about as much
as its longest word.

`trie_alternation(words)` matches exactly what `"|".join(sorted(words, key=len, reverse=True))` (each word
escaped) matches, and prefers the same word at each position: where several words match at one position
they are prefixes of one another, and the trie tries the deeper (longer) one first, as the longest-first
alternation does, backtracking to the shorter one when the rest of the pattern fails. That holds for
case-sensitive patterns, and under `re.IGNORECASE` when no two words differ only in case (pass such lists
in one case).

`fold_ignorecase(text)` lower-cases a text for a cheap test before a case-insensitive pattern: a
case-sensitive search for lower-case words in the folded text finds every word the `re.IGNORECASE`
pattern would find (it may find more), so the pattern need only run when the test passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # trie key of "a word ends here" (no word character is the empty string)


def _trie(words: Iterable[str]) -> dict[str, dict]:
    root: dict[str, dict] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return root


def _source(node: dict[str, dict]) -> str:
    """Regex source for the words below `node` (its children; whether `node` ends a word is the caller's)."""
    branches: list[str] = []
    leaves: list[str] = []  # children that end a word and go no further: one character class
    for ch in sorted(k for k in node if k != _END):
        child = node[ch]
        if list(child) == [_END]:
            leaves.append(ch)
            continue
        rest = _source(child)
        if _END in child:
            # greedy "?": the longer word is tried before the word that ends here
            rest = f"(?:{rest})?" if not _is_atom(rest) else rest + "?"
        branches.append(re.escape(ch) + rest)
    if leaves:
        branches.append(re.escape(leaves[0]) if len(leaves) == 1 else "[" + "".join(map(re.escape, leaves)) + "]")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _is_atom(src: str) -> bool:
    """Whether `src` (as built by _source) is one character, one escaped character or one character class,
    so that a quantifier may follow it without a group."""
    if len(src) == 1 or (len(src) == 2 and src[0] == "\\"):
        return True
    return src.startswith("[") and src.endswith("]") and src.count("[") == 1 and not src.endswith("\\]")


def trie_alternation(words: Iterable[str]) -> str:
    """A non-capturing regex group matching any of `words` (literally; shaped as a prefix trie, see the
    module docstring). An empty list gives a group that never matches; the empty word makes it optional."""
    unique = set(words)
    if not unique:
        return "(?!)"
    root = _trie(w for w in unique if w)
    if not root:
        return "(?:)"
    src = _source(root)
    return f"(?:{src})?" if "" in unique else f"(?:{src})"


# re.IGNORECASE equates these with ASCII letters (İ and ı with i, ſ with s, the Kelvin sign with k) and
# str.lower() does not ("İ" even becomes two characters); no other character of Unicode matches a
# letter a-z or ä, ö, ü, ß case-insensitively except that letter's own upper or lower case (checked
# over all code points in tests/unit/test_wordlist_regex.py).
_IGNORECASE_ODD = re.compile("[\u0130\u0131\u017f\u212a]")
_IGNORECASE_ODD_MAP = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_ignorecase(text: str) -> str:
    """`text` lower-cased such that where an `re.IGNORECASE` pattern matches a word of letters a-z and
    ä, ö, ü, ß (and other characters without case), the folded text holds that word in lower case."""
    if not text.isascii() and _IGNORECASE_ODD.search(text):
        text = text.translate(_IGNORECASE_ODD_MAP)
    return text.lower()
