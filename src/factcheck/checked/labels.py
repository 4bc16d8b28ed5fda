"""Publishers' rating labels (German and English) mapped onto our verdict scale.

Decision: `map_label` never raises. A label we cannot place maps to UNMAPPED_KEY ("unmapped"), not
to a verdict: "Spin zone" is not "unverifiable", and an import of a thousand fact-checks must not fail
on one publisher's creative wording either. The caller keeps the original label next to the key
(`CheckedRecord.original_label`), a desk maps it later (`factcheck checked labels --map`, stored by
services.memory in `label_mapping`), and `rating_labels` shows it as "Spin zone (unmapped)" meanwhile.
No label at all (a collection without verdicts) stays NO_LABEL_KEY ("unverifiable"): there is nothing
to map. Use `lookup_label` when you need to know whether the label was recognised (it returns None).

Matching is on a normalised label (NFC, casefold, punctuation and hyphens to spaces); when the
whole label is not in the table, the longest table entry the label *starts with* wins, because
many publishers write "False. The photo is from 2015" or "Mostly false: ...".
"""

from __future__ import annotations

import re
import unicodedata

from factcheck.ratings import BY_KEY, UnknownRating, parse_rating

# A publisher label that names no rating of ours (yet): kept with the label, never shown as a verdict.
UNMAPPED_KEY = "unmapped"
# The key of a fact-check whose source gives no label at all.
NO_LABEL_KEY = "unverifiable"
# How an unmapped rating is shown next to the publisher's label, per language.
UNMAPPED_WORDS = {"en": "unmapped", "de": "nicht zugeordnet"}

_TABLE: dict[str, tuple[str, ...]] = {
    "true": (
        "true",
        "correct",
        "accurate",
        "correct attribution",
        "verified",
        "real",
        "confirmed",
        "richtig",
        "wahr",
        "stimmt",
        "zutreffend",
        "korrekt",
        "echt",
        "bestätigt",
        "belegt",
        "geppetto checkmark",
    ),
    "mostly-true": (
        "mostly true",
        "mostly correct",
        "largely true",
        "largely accurate",
        "mostly accurate",
        "one pinocchio",
        "größtenteils richtig",
        "größtenteils wahr",
        "überwiegend richtig",
        "überwiegend wahr",
        "weitgehend richtig",
        "meist richtig",
        "im wesentlichen richtig",
    ),
    "half-true": (
        "half true",
        "mixture",
        "mixed",
        "partly true",
        "partially true",
        "partly false",
        "partially false",
        "half right",
        "two pinocchios",
        "teils richtig",
        "teilweise richtig",
        "teils wahr",
        "teilweise wahr",
        "halb wahr",
        "halb richtig",
        "teils falsch",
        "teilweise falsch",
        "zum teil richtig",
    ),
    "misleading": (
        "misleading",
        "exaggerated",
        "exaggeration",
        "spins the facts",
        "distorts the facts",
        "miscaptioned",
        "cherry picks",
        "labeled satire",
        "satire",
        "irreführend",
        "übertrieben",
        "verzerrt",
        "manipuliert",
        "satire",
    ),
    "missing-context": (
        "missing context",
        "lacks context",
        "needs context",
        "out of context",
        "false context",
        "fehlender kontext",
        "fehlender zusammenhang",
        "aus dem kontext gerissen",
        "falscher kontext",
        "kontext fehlt",
    ),
    "mostly-false": (
        "mostly false",
        "barely true",
        "largely false",
        "mostly inaccurate",
        "three pinocchios",
        "größtenteils falsch",
        "überwiegend falsch",
        "weitgehend falsch",
        "meist falsch",
    ),
    "false": (
        "false",
        "incorrect",
        "inaccurate",
        "wrong",
        "pants on fire",
        "pants fire",
        "fake",
        "hoax",
        "fabricated",
        "fabrication",
        "scam",
        "four pinocchios",
        "baseless",
        "falsch",
        "frei erfunden",
        "erfunden",
        "gefälscht",
        "fälschung",
        "unwahr",
        "fake news",
        "nicht richtig",
        "stimmt nicht",
    ),
    "misattributed": (
        "misattributed",
        "incorrect attribution",
        "wrongly attributed",
        "fake quote",
        "falsch zugeschrieben",
        "falsche zuschreibung",
        "falsches zitat",
        "zitat erfunden",
    ),
    "unverifiable": (
        "unverifiable",
        "unproven",
        "unverified",
        "unsupported",
        "no evidence",
        "not proven",
        "research in progress",
        "undetermined",
        "legend",
        "unclear",
        # PolitiFact's Flip-O-Meter rates consistency of positions, not truth: not on our scale.
        "no flip",
        "half flip",
        "full flop",
        "nicht belegbar",
        "nicht belegt",
        "unbelegt",
        "unbewiesen",
        "nicht überprüfbar",
        "unklar",
        "nicht nachweisbar",
        "nicht verifizierbar",
    ),
    "outdated": ("outdated", "old news", "no longer true", "veraltet", "nicht mehr aktuell", "überholt"),
}


def normalise_label(label: str) -> str:
    text = unicodedata.normalize("NFC", label).casefold()
    text = re.sub(r"[\W_]+", " ", text)
    return " ".join(text.split())


_LOOKUP: dict[str, str] = {normalise_label(name): key for key, names in _TABLE.items() for name in names}
# Longest first, so "mostly false ..." is not read as "false".
_PREFIXES = sorted(_LOOKUP, key=len, reverse=True)
assert set(_LOOKUP.values()) <= set(BY_KEY), "table keys must be keys of factcheck.ratings.SCALE"


def lookup_label(label: str) -> str | None:
    """Our rating key for a publisher's label, or None when the label is not recognised."""
    if not label or not label.strip():
        return None
    try:
        return parse_rating(label).key  # our own keys and labels first ("größtenteils falsch")
    except UnknownRating:
        pass
    norm = normalise_label(label)
    if norm in _LOOKUP:
        return _LOOKUP[norm]
    for prefix in _PREFIXES:
        if norm.startswith(prefix + " "):
            return _LOOKUP[prefix]
    return None


def map_label(label: str) -> str:
    """Our rating key for a publisher's label: UNMAPPED_KEY when unknown, NO_LABEL_KEY when blank."""
    if not label or not label.strip():
        return NO_LABEL_KEY
    return lookup_label(label) or UNMAPPED_KEY


def rating_labels(key: str, original_label: str = "") -> tuple[str, str]:
    """(English, German) label of a stored rating key: "Spin zone (unmapped)" / "Spin zone (nicht
    zugeordnet)" for an unmapped publisher label; a key off the scale is shown as it is."""
    rating = BY_KEY.get(key)
    if rating is not None:
        return rating.en, rating.de
    if key == UNMAPPED_KEY:
        label = original_label.strip() or "?"
        return f"{label} ({UNMAPPED_WORDS['en']})", f"{label} ({UNMAPPED_WORDS['de']})"
    return key, key


def key_from_value(value: float, best: float = 5.0, worst: float = 1.0) -> str | None:
    """ClaimReview's numeric ratingValue on [worst, best] -> our key via the 1..5 scale."""
    if best == worst:
        return None
    position = (value - worst) / (best - worst)  # 0 = worst (false), 1 = best (true)
    if not 0.0 <= position <= 1.0:
        return None
    return ("false", "mostly-false", "half-true", "mostly-true", "true")[round(position * 4)]
