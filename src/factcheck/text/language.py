"""Language (de/en) and title of an article."""

from __future__ import annotations

import re

from factcheck.text.layout import RepairedText

_WORD = re.compile(r"[^\W\d_]+")
# Frequent function words: enough to tell German from English on a sentence or more.
_DE = set(
    [
        "der",
        "die",
        "das",
        "und",
        "ist",
        "nicht",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "sich",
        "mit",
        "auf",
        "für",
        "von",
        "zu",
        "im",
        "auch",
        "sie",
        "er",
        "es",
        "wird",
        "wurde",
        "nach",
        "bei",
        "aus",
        "über",
        "hat",
        "haben",
        "sind",
        "war",
        "dass",
        "noch",
        "wie",
        "am",
        "oder",
        "werden",
        "zum",
        "zur",
    ]
)
_EN = set(
    [
        "the",
        "and",
        "is",
        "are",
        "was",
        "were",
        "of",
        "to",
        "in",
        "that",
        "it",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "this",
        "be",
        "has",
        "have",
        "had",
        "not",
        "an",
        "which",
        "or",
        "but",
        "their",
        "they",
        "he",
        "she",
        "said",
        "would",
        "will",
        "been",
        "who",
    ]
)


# Function words of languages we do not support, chosen not to be German or English words as well
# (no "des", "du", "es", "um", "as", "do", "no", "on", "per", "plus", "met", "door", "van", "die", "er").
_OTHER: dict[str, tuple[str, frozenset[str]]] = {
    "fr": (
        "French",
        frozenset(
            "le la les un une et est que qui dans pour pas sur au aux avec ce cette il elle sont ont été était "
            "ne se sa ses mais ou nous vous leur selon en qu l d c n s j".split()
        ),
    ),
    "es": (
        "Spanish",
        frozenset(
            "el la los las que y en del una por con para se su sus al lo como más pero fue ha está este esta "
            "muy sobre también hay entre".split()
        ),
    ),
    "it": (
        "Italian",
        frozenset(
            "il lo la gli le di che e è un una con del della dei delle non sono ha nel nella alla anche più ma "
            "questo questa essere stato".split()
        ),
    ),
    "nl": (
        "Dutch",
        frozenset(
            "de het een en dat op te zijn voor niet aan om ook als bij naar heeft wordt werd ze hij maar nog".split()
        ),
    ),
    "pt": (
        "Portuguese",
        frozenset("o os a de da dos das que e em uma para com não por na se mais foi ao mas é são seu sua".split()),
    ),
}
SUPPORTED = ("de", "en")


def unsupported_language(text: str) -> tuple[str, str] | None:
    """(code, name) when `text` is clearly in a language other than German or English, else None.

    Counts function words in the first 20,000 characters. Cautious by design: short or mixed texts are
    never refused (at least 8 function words of the other language, twice as many as German or English
    ones, and 15 % of all words), since a wrong refusal blocks a checker who can only override with --lang.
    """
    words = [w.casefold() for w in _WORD.findall(text[:20000])]
    if not words:
        return None
    de = sum(1 for w in words if w in _DE)
    en = sum(1 for w in words if w in _EN)
    best, hits = "", 0
    for code, (_name, vocabulary) in _OTHER.items():
        n = sum(1 for w in words if w in vocabulary)
        if n > hits:
            best, hits = code, n
    if hits >= 8 and hits >= 2 * max(de, en) and hits >= 0.15 * len(words):
        return best, _OTHER[best][0]
    return None


def detect_language(text: str, default: str = "de") -> str:
    words = [w.casefold() for w in _WORD.findall(text[:20000])]
    de = sum(1 for w in words if w in _DE)
    en = sum(1 for w in words if w in _EN)
    if de == en:
        return default
    return "de" if de > en else "en"


# Function words that are also common words of the other language ("die", "am", "war" in English;
# "was", "will", "an", "in" in German): no evidence either way in a sentence-long text.
_HOMOGRAPHS = frozenset({"die", "am", "war", "was", "will", "an", "in"})


def sure_language(text: str) -> str | None:
    """The language of a short text (a claim), "de" or "en", when its function words clearly say so, else None.

    Clear means: words of one language and none of the other, or at least twice as many; words that are
    function words in one language and ordinary words in the other are not counted. None (too few
    words, or mixed) lets the caller fall back on what it was told, e.g. a ClaimReview's languageCode.
    """
    words = [w for w in (w.casefold() for w in _WORD.findall(text[:20000])) if w not in _HOMOGRAPHS]
    de = sum(1 for w in words if w in _DE)
    en = sum(1 for w in words if w in _EN)
    if max(de, en) == 0 or (min(de, en) and max(de, en) < 2 * min(de, en)):
        return None
    return "de" if de > en else "en"


def guess_title(repaired: RepairedText) -> str:
    """The first paragraph when it reads like a headline, else the start of the text."""
    if repaired.paragraphs:
        first = repaired.paragraphs[0]
        candidate = repaired.text[first.start : first.end].strip()
        if 0 < len(candidate) <= 200:
            return candidate
    line = repaired.text.strip().split("\n", 1)[0]
    return line[:117] + "…" if len(line) > 120 else line
