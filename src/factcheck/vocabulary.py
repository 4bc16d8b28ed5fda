"""The workflow's words in English and German: claim statuses, review states, claim kinds, source
states. One catalogue for every front end (CLI history, TUI, reports), so a status reads the same
everywhere: "in progress" / "in Arbeit", an approved verdict "approved" / "bestätigt".
"""

from __future__ import annotations

WordPair = tuple[str, str]  # (English, German)

STATUS_WORDS: dict[str, WordPair] = {
    "open": ("open", "offen"),
    "in-progress": ("in progress", "in Arbeit"),
    "checked": ("checked", "geprüft"),
    "dismissed": ("dismissed", "verworfen"),
}
REVIEW_WORDS: dict[str, WordPair] = {
    "pending": ("pending", "ausstehend"),
    "approved": ("approved", "bestätigt"),
    "rejected": ("rejected", "abgelehnt"),
    "withdrawn": ("withdrawn", "zurückgezogen"),
}
KIND_WORDS: dict[str, WordPair] = {
    "date": ("date", "Datum"),
    "time-relative": ("relative time", "relative Zeit"),
    "time-sensitive": ("time-sensitive", "zeitgebunden"),
    "quantity": ("quantity", "Menge"),
    "place": ("place", "Ort"),
    "quote": ("quote", "Zitat"),
    "attribution": ("attribution", "Zuschreibung"),
    "role": ("role", "Rolle"),
    "event": ("event", "Ereignis"),
}
# the families of extract.time_sensitivity: what makes a claim hold only as of a day
TIME_CUE_WORDS: dict[str, WordPair] = {
    "latest": ("the latest", "zuletzt"),
    "so-far": ("so far", "bisher"),
    "never": ("never before", "noch nie"),
    "first-time": ("first time", "erstmals"),
    "not-until": ("not until", "erst"),
    "currently": ("currently", "derzeit"),
    "record": ("a record", "ein Rekord"),
}
SOURCE_STATE_WORDS: dict[str, WordPair] = {
    "pending": ("not fetched", "nicht abgerufen"),
    "ok": ("ok", "ok"),
    "failed": ("failed", "fehlgeschlagen"),
}


# How a claim fared against a source (factcheck.evidence): a quote's outcome, a date or number found.
OUTCOME_WORDS: dict[str, WordPair] = {
    "verbatim": ("found verbatim", "wörtlich gefunden"),
    "differences": ("found with differences", "mit Abweichungen gefunden"),
    "not-found": ("not found", "nicht gefunden"),
    "no-quote": ("no quote to check", "kein Zitat zu prüfen"),
}
FOUND_WORDS: dict[str, WordPair] = {
    "found": ("in the source", "in der Quelle"),
    "absent": ("not in the source", "nicht in der Quelle"),
}


def pick(pair: WordPair, lang: str) -> str:
    """The German word for lang "de", else the English one."""
    return pair[1] if lang == "de" else pair[0]


def word_for(table: dict[str, WordPair], key: object, lang: str) -> str:
    """`key`'s word in `lang`; a stored value the table does not know is shown as it is ("–" for none)."""
    pair = table.get(str(key)) if key is not None else None
    return pick(pair, lang) if pair else str(key or "–")
