"""trie_alternation: the same matches as the longest-first alternation it replaces; fold_ignorecase: a
substring test on the folded text is never stricter than the case-insensitive pattern."""

from __future__ import annotations

import random
import re

import pytest

from factcheck.extract.wordlist_regex import fold_ignorecase, trie_alternation


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def test_shape_shares_prefixes() -> None:
    assert trie_alternation(["Jan", "Juni", "Juli", "Jun"]) == "(?:J(?:an|u(?:li|ni?)))"
    assert trie_alternation(["ab", "abc", "abd"]) == "(?:ab[cd]?)"
    assert trie_alternation(["a", "b", "c"]) == "(?:[abc])"


def test_longest_word_first() -> None:
    pat = re.compile(r"\b" + trie_alternation(["erst", "erstmals", "er"]) + r"\b")
    assert [m.group() for m in pat.finditer("erstmals erst er erste")] == ["erstmals", "erst", "er"]
    # without a boundary the longest word at the position wins, as in the sorted alternation
    assert re.match(trie_alternation(["a", "ab", "abc"]), "abcd").group() == "abc"


def test_backtracks_to_a_shorter_word() -> None:
    # "seit" fails on "\s+Jahren"; the trie backtracks to "sei" as the alternation does
    pat = re.compile(trie_alternation(["sei", "seit"]) + r"t\b")
    assert pat.fullmatch("seit")


def test_special_characters_are_literal() -> None:
    words = ["a.b", "a+b", "(x)", "[y]", "-", "^", "\\", "a b", "€", "z.B."]
    pat = re.compile(trie_alternation(words))
    for w in words:
        assert pat.fullmatch(w), w
    assert not pat.fullmatch("axb")


def test_empty_list_and_empty_word() -> None:
    assert re.search(trie_alternation([]), "anything") is None
    assert re.fullmatch(trie_alternation(["", "ab"]), "")
    assert re.fullmatch(trie_alternation(["", "ab"]), "ab")


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_same_matches_as_sorted_alternation(flags: int) -> None:
    rng = random.Random(13)
    alphabet = "abcäöß.-"
    for _ in range(300):
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(1, 12))]
        if flags:
            words = [w.lower() for w in words]
        text = "".join(rng.choice(alphabet + " AB") for _ in range(60))
        for wrap in ("{}", r"\b{}\b", r"{}(?=b)", r"{}\.?c"):
            trie = re.compile(wrap.format(trie_alternation(words)), flags)
            alt = re.compile(wrap.format(_alternation(words)), flags)
            assert [m.span() for m in trie.finditer(text)] == [m.span() for m in alt.finditer(text)], (words, text)


def test_fold_ignorecase_covers_every_case_insensitive_letter() -> None:
    # every code point that re.IGNORECASE matches with a letter a-z, ä, ö, ü or ß folds to that letter
    letters = "abcdefghijklmnopqrstuvwxyzäöüß"
    cls = re.compile("[" + letters + "]", re.IGNORECASE)
    for c in map(chr, range(0x110000)):
        if cls.fullmatch(c):
            folded = fold_ignorecase(c)
            assert len(folded) == 1 and re.fullmatch(folded, c, re.IGNORECASE), hex(ord(c))
            assert folded in letters, hex(ord(c))


def test_fold_ignorecase_keeps_words_findable() -> None:
    text = "DIE BEHÖRDE İST ſeit gestern OFFEN, 3 \u212ailometer"
    for word in ("behörde", "ist", "seit", "gestern", "offen", "kilometer"):
        assert re.search(word, text, re.IGNORECASE)
        assert word in fold_ignorecase(text), word
