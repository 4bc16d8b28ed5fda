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


def detect_language(text: str, default: str = "de") -> str:
    words = [w.casefold() for w in _WORD.findall(text[:20000])]
    de = sum(1 for w in words if w in _DE)
    en = sum(1 for w in words if w in _EN)
    if de == en:
        return default
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
