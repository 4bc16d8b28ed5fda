"""The verdict scale, with German and English labels and the ClaimReview 1..5 mapping."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from factcheck.errors import InputError


@dataclass(frozen=True)
class Rating:
    key: str  # stable identifier stored in the database
    en: str
    de: str
    review_value: int  # schema.org ClaimReview ratingValue, 1 (false) .. 5 (true)

    def label(self, language: str = "en") -> str:
        return self.de if language == "de" else self.en


SCALE: tuple[Rating, ...] = (
    Rating("true", "true", "richtig", 5),
    Rating("mostly-true", "mostly true", "größtenteils richtig", 4),
    Rating("half-true", "half true", "teils richtig", 3),
    Rating("misleading", "misleading", "irreführend", 2),
    Rating("missing-context", "missing context", "fehlender Kontext", 3),
    Rating("mostly-false", "mostly false", "größtenteils falsch", 2),
    Rating("false", "false", "falsch", 1),
    Rating("misattributed", "misattributed", "falsch zugeschrieben", 1),
    Rating("unverifiable", "unverifiable", "nicht belegbar", 3),
    Rating("outdated", "outdated", "veraltet", 2),
)
BY_KEY = {r.key: r for r in SCALE}

# Verdict colours run from green (true) through amber to red (false); grey for "cannot say".
RATING_COLOURS: dict[str, str] = {
    "true": "#3fb950",
    "mostly-true": "#7ee787",
    "half-true": "#d29922",
    "misleading": "#f0883e",
    "missing-context": "#e3b341",
    "mostly-false": "#ff7b72",
    "false": "#f85149",
    "misattributed": "#db61a2",
    "unverifiable": "#8b949e",
    "outdated": "#a371f7",
    "unmapped": "#8b949e",  # a publisher's label the desk has not mapped yet (checked memory only)
}
# One glyph per verdict, so the scale stays readable without colour (NO_COLOR): ✓ … ✗ and the rest.
RATING_GLYPHS: dict[str, str] = {
    "true": "✓",
    "mostly-true": "◕",
    "half-true": "◑",
    "misleading": "↯",
    "missing-context": "…",
    "mostly-false": "◔",
    "false": "✗",
    "misattributed": "⇄",
    "unverifiable": "?",
    "outdated": "↺",
}


def _norm(label: str) -> str:
    text = unicodedata.normalize("NFC", label).casefold().strip()
    # Umlauts typed without them (größtenteils → groesstenteils, irreführend → irrefuehrend) and ß → ss.
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    return " ".join(text.replace("-", " ").replace("_", " ").split())


# Words checkers type for a rating that are not its label but mean it unambiguously (German desks
# say "wahr"/"unwahr"; "teilweise" is the everyday word for "teils"). Kept short on purpose: a synonym
# that could mean two ratings belongs in the suggestions, not here.
SYNONYMS: dict[str, str] = {
    "wahr": "true",
    "unwahr": "false",
    "teilweise richtig": "half-true",
    "teilweise wahr": "half-true",
    "halb wahr": "half-true",
    "halbwahr": "half-true",
    "groesstenteils wahr": "mostly-true",
    "ueberwiegend richtig": "mostly-true",
    "ueberwiegend falsch": "mostly-false",
    "irrefuehrend": "misleading",
    "nicht ueberpruefbar": "unverifiable",
    "unbelegt": "unverifiable",
}

_LOOKUP = {_norm(name): r for r in SCALE for name in (r.key, r.en, r.de)}
_LOOKUP.update({_norm(word): BY_KEY[key] for word, key in SYNONYMS.items()})
_SUGGEST_MIN = 65  # similarity (0..100) below which a label is not offered as "did you mean"
_SUGGEST_BAND = 10  # only labels about as close as the best one: "fals" → false, not also mostly false


def suggestions(label: str, limit: int = 2) -> list[Rating]:
    """The ratings whose labels (or synonyms) come closest to `label`, best first.

    Edit similarity (a typo: "fals", "flase", "richtg") decides first; a fragment of a longer label
    ("mostly", "kontext") is matched by partial similarity when no label is close as a whole.
    """
    query = _norm(label)
    if not query:
        return []
    names = list(_LOOKUP)
    hits = process.extract(query, names, scorer=fuzz.ratio, limit=None, score_cutoff=_SUGGEST_MIN)
    if not hits:
        hits = process.extract(query, names, scorer=fuzz.partial_ratio, limit=None, score_cutoff=90)
        hits = [h for h in hits if len(query) >= 4]  # "al" is in half the labels
    if not hits:
        return []
    best = hits[0][1]
    found: list[Rating] = []
    for name, score, _i in hits:
        rating = _LOOKUP[name]
        if score >= best - _SUGGEST_BAND and rating not in found:
            found.append(rating)
    return found[:limit]


class UnknownRating(InputError):
    """A label that is on no scale; the message names the closest ratings, or all of them."""

    def __init__(self, label: str) -> None:
        self.suggestions = suggestions(label)
        if self.suggestions:
            close = " or ".join(f"{r.en} / {r.de}" for r in self.suggestions)
            super().__init__(f"unknown rating {label!r}: did you mean {close}?")
        else:
            valid = ", ".join(f"{r.en} / {r.de}" for r in SCALE)
            super().__init__(f"unknown rating {label!r}; valid ratings: {valid}")


def parse_rating(label: str) -> Rating:
    """Our scale by key, English or German label or a common synonym (case, hyphens, umlauts ignored)."""
    rating = _LOOKUP.get(_norm(label))
    if rating is None:
        raise UnknownRating(label)
    return rating
