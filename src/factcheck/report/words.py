"""The report's own words in German and English (headings, field names, states).

Ratings take their labels from factcheck.ratings; everything else a report prints is here, so a
report in one language never shows a word of the other.
"""

from __future__ import annotations

from factcheck.ratings import BY_KEY
from factcheck.vocabulary import KIND_WORDS, REVIEW_WORDS, SOURCE_STATE_WORDS, STATUS_WORDS, pick, word_for

LANGUAGES = ("de", "en")

_WORDS: dict[str, tuple[str, str]] = {  # key: (English, German)
    "report": ("Verification report", "Prüfbericht"),
    "source": ("Source", "Quelle"),
    "imported": ("Imported", "Importiert"),
    "imported_by": ("by", "von"),
    "published": ("Published", "Veröffentlicht"),
    "as_of": ("Data as of", "Datenstand"),
    "summary": ("Summary", "Übersicht"),
    "claims": ("Claims", "Behauptungen"),
    "checked": ("checked", "geprüft"),
    "in_progress": ("in progress", "in Arbeit"),
    "open": ("open", "offen"),
    "dismissed": ("dismissed", "verworfen"),
    "verdicts": ("Verdicts", "Bewertungen"),
    "reviewed": ("approved", "bestätigt"),
    "no_claims": ("No claims to report.", "Keine Behauptungen zu berichten."),
    "only_checked": ("Only claims with a verdict are listed.", "Nur Behauptungen mit Bewertung sind aufgeführt."),
    "claim": ("Claim", "Behauptung"),
    "paragraph": ("Paragraph", "Absatz"),
    "kinds": ("Kinds", "Arten"),
    "status": ("Status", "Status"),
    "dates": ("Dates", "Daten"),
    "quotes": ("Quotes", "Zitate"),
    "speakers": ("Speakers", "Sprecher"),
    "places": ("Places", "Orte"),
    "quantities": ("Numbers", "Zahlen"),
    "verdict": ("Verdict", "Bewertung"),
    "no_verdict": ("no verdict yet", "noch keine Bewertung"),
    "rationale": ("Rationale", "Begründung"),
    "checker": ("Checked by", "Geprüft von"),
    "review": ("Review", "Abnahme"),
    "reviewer": ("Reviewer", "Abnehmer"),
    "review_comment": ("Review comment", "Anmerkung der Abnahme"),
    "sources": ("Sources", "Quellen"),
    "no_sources": ("no sources", "keine Quellen"),
    "archive": ("archive", "Archiv"),
    "fetched": ("fetched", "abgerufen"),
    "quote_check": ("quote in source", "Zitat in der Quelle"),
    "evidence_as_of": ("evidence as fetched", "Beleg vom Abruf"),
    "notes": ("Notes", "Notizen"),
    "reused": ("Verdict taken over from", "Bewertung übernommen von"),
    "unknown_speaker": ("unknown speaker", "Sprecher unbekannt"),
    "relative": ("relative", "relativ"),
    "year_inferred": ("year inferred", "Jahr erschlossen"),
    "year_unknown": ("year unknown", "Jahr unbekannt"),
    "holds_as_of": ("Time-sensitive, holds as of", "Zeitgebunden, gilt mit Stand"),
    "article": ("Article", "Artikel"),
    "legend": ("Legend", "Legende"),
    "unchecked": ("not yet rated", "noch nicht bewertet"),
    "text": ("Text", "Text"),
    "id": ("ID", "ID"),
    "label": ("Label", "Bezeichnung"),
    "rating": ("Rating", "Bewertung (Schlüssel)"),
    "review_state": ("Review state", "Abnahmestatus"),
}


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"report language must be de or en, not {lang!r}")
    return lang


def word(key: str, lang: str) -> str:
    """The word for `key` in `lang` ("de"/"en"); KeyError for a key not in the catalogue."""
    english, german = _WORDS[key]
    return german if lang == "de" else english


def state(value: str | None, lang: str) -> str:
    """A claim status or review state in `lang` (factcheck.vocabulary); an unknown value as it is."""
    if not value:
        return ""
    for table in (STATUS_WORDS, REVIEW_WORDS):
        if value in table:
            return pick(table[value], lang)
    return value


def source_state(value: str | None, lang: str) -> str:
    """A source's fetch state (pending / ok / failed) in `lang`."""
    return word_for(SOURCE_STATE_WORDS, value, lang) if value else ""


def kinds(values: list[str], lang: str) -> str:
    """Claim kinds in `lang`, comma-separated ("Datum, Ort")."""
    return ", ".join(word_for(KIND_WORDS, value, lang) for value in values)


def rating_label(key: str, lang: str) -> str:
    """The label of rating `key` in `lang`; a key outside the scale is shown as it is."""
    rating = BY_KEY.get(key)
    return rating.label(lang) if rating else key
