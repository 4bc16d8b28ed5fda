"""The verdict scale, with German and English labels and the ClaimReview 1..5 mapping."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

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


def _norm(label: str) -> str:
    text = unicodedata.normalize("NFC", label).casefold().strip()
    return " ".join(text.replace("-", " ").replace("_", " ").split())


_LOOKUP = {_norm(name): r for r in SCALE for name in (r.key, r.en, r.de)}


class UnknownRating(InputError):
    def __init__(self, label: str) -> None:
        valid = ", ".join(f"{r.en} / {r.de}" for r in SCALE)
        super().__init__(f"unknown rating {label!r}; valid ratings: {valid}")


def parse_rating(label: str) -> Rating:
    """Our scale by key, English or German label (case and hyphens ignored)."""
    rating = _LOOKUP.get(_norm(label))
    if rating is None:
        raise UnknownRating(label)
    return rating
