"""How claims look in the workbench: labels in two languages, status glyphs, kind badges, times.

Pure functions over plain data so widgets, modals and the command palette render the same words.
Every status also has a glyph and a text style besides its colour, so NO_COLOR terminals keep the meaning.
"""

from __future__ import annotations

from datetime import UTC, datetime

from rich.style import Style
from rich.text import Text

from factcheck.ratings import BY_KEY, SCALE, Rating

STATUSES: tuple[str, ...] = ("open", "in-progress", "checked", "dismissed")

STATUS_LABELS: dict[str, dict[str, str]] = {
    "open": {"en": "open", "de": "offen"},
    "in-progress": {"en": "in progress", "de": "in Arbeit"},
    "checked": {"en": "checked", "de": "geprüft"},
    "dismissed": {"en": "dismissed", "de": "verworfen"},
}
STATUS_GLYPHS: dict[str, str] = {"open": "○", "in-progress": "◐", "checked": "●", "dismissed": "×"}

# One letter per kind keeps the table column narrow; the detail pane spells them out.
KIND_BADGES: dict[str, str] = {
    "date": "D",
    "time-relative": "T",
    "quantity": "N",
    "place": "P",
    "quote": "Q",
    "attribution": "A",
    "role": "R",
    "event": "E",
}
KIND_LABELS: dict[str, dict[str, str]] = {
    "date": {"en": "date", "de": "Datum"},
    "time-relative": {"en": "relative time", "de": "relative Zeit"},
    "quantity": {"en": "quantity", "de": "Menge"},
    "place": {"en": "place", "de": "Ort"},
    "quote": {"en": "quote", "de": "Zitat"},
    "attribution": {"en": "attribution", "de": "Zuschreibung"},
    "role": {"en": "role", "de": "Rolle"},
    "event": {"en": "event", "de": "Ereignis"},
}

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
}
STATUS_COLOURS: dict[str, str] = {
    "open": "#58a6ff",
    "in-progress": "#d29922",
    "checked": "#3fb950",
    "dismissed": "#8b949e",
}

# Words of the interface that change with the DE/EN toggle.
WORDS: dict[str, dict[str, str]] = {
    "id": {"en": "#", "de": "#"},
    "kinds": {"en": "Kinds", "de": "Art"},
    "speaker": {"en": "Speaker", "de": "Sprecher"},
    "date": {"en": "Date", "de": "Datum"},
    "status": {"en": "Status", "de": "Status"},
    "text": {"en": "Claim", "de": "Aussage"},
    "title": {"en": "Title", "de": "Titel"},
    "language": {"en": "Lang", "de": "Spr."},
    "claims": {"en": "Claims", "de": "Aussagen"},
    "checked": {"en": "Checked", "de": "Geprüft"},
    "last_change": {"en": "Last change", "de": "Letzte Änderung"},
    "fields": {"en": "Extracted fields", "de": "Extrahierte Angaben"},
    "checkworthiness": {"en": "Check-worthiness", "de": "Prüfwürdigkeit"},
    "verdict": {"en": "Verdict", "de": "Bewertung"},
    "sources": {"en": "Sources", "de": "Quellen"},
    "notes": {"en": "Notes", "de": "Notizen"},
    "history": {"en": "History", "de": "Verlauf"},
    "similar": {"en": "Similar checked claims", "de": "Ähnliche geprüfte Aussagen"},
    "no_similar": {"en": "No similar checked claims yet", "de": "Noch keine ähnlichen geprüften Aussagen"},
    "similar_loading": {"en": "Looking for similar checked claims…", "de": "Suche ähnliche geprüfte Aussagen…"},
    "matched": {"en": "matched", "de": "Treffer"},
    "reuse_hint": {"en": "r reuses one of these verdicts", "de": "r übernimmt eine dieser Bewertungen"},
    "no_verdict": {"en": "No verdict yet", "de": "Noch keine Bewertung"},
    "no_sources": {"en": "No sources yet (s adds a URL)", "de": "Noch keine Quellen (s fügt eine URL hinzu)"},
    "no_notes": {"en": "No notes yet (n adds one)", "de": "Noch keine Notizen (n fügt eine hinzu)"},
    "no_fields": {"en": "Nothing extracted", "de": "Nichts extrahiert"},
    "select_claim": {"en": "Select a claim to see its details.", "de": "Eine Aussage auswählen, um Details zu sehen."},
}


def word(key: str, language: str) -> str:
    entry = WORDS.get(key)
    return entry.get(language, entry["en"]) if entry else key


def status_label(status: str, language: str) -> str:
    return STATUS_LABELS.get(status, {}).get(language, status)


def rating_label(key: str, language: str) -> str:
    rating = BY_KEY.get(key)
    return rating.label(language) if rating else key


def rating_choices(language: str) -> list[tuple[Rating, str]]:
    """The scale in order, each with the label in the chosen language first and the other after it."""
    other = "en" if language == "de" else "de"
    return [(r, f"{r.label(language)}  ·  {r.label(other)}") for r in SCALE]


def kind_badges(kinds: list[str]) -> Text:
    text = Text()
    for kind in kinds:
        text.append(KIND_BADGES.get(kind, kind[:1].upper()), style="bold")
    return text


def state_cell(status: str, rating: str | None, language: str) -> Text:
    """Status glyph plus the verdict label for checked claims, else the status word."""
    if rating and status == "checked":
        colour = RATING_COLOURS.get(rating, "")
        return Text.assemble((STATUS_GLYPHS["checked"] + " ", colour), (rating_label(rating, language), colour))
    colour = STATUS_COLOURS.get(status, "")
    return Text.assemble((STATUS_GLYPHS.get(status, "?") + " ", colour), (status_label(status, language), colour))


def claim_highlight_style(status: str, rating: str | None, checkworthy: bool, *, dark: bool) -> Style:
    """Style of a claim in the article text: a tinted background by status (verdict colour once checked).

    Underlines and italics repeat the status without colour, for NO_COLOR terminals.
    """
    if status == "dismissed":
        return Style(dim=True, strike=True)
    if not checkworthy and status == "open":
        return Style(underline=False, dim=True)
    colour = RATING_COLOURS.get(rating or "", "") if status == "checked" else STATUS_COLOURS.get(status, "")
    tint = _tint(colour, 0.28 if dark else 0.22, dark)
    return Style(
        bgcolor=tint,
        underline=status == "open",
        italic=status == "in-progress",
        bold=status == "checked",
    )


def _tint(colour: str, amount: float, dark: bool) -> str:
    """Blend a colour into the background so highlighted text stays readable."""
    if not colour.startswith("#"):
        return colour
    base = (0x1E, 0x1E, 0x1E) if dark else (0xFF, 0xFF, 0xFF)
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(b + (c - b) * amount) for b, c in zip(base, rgb, strict=True)]
    return "#" + "".join(f"{v:02x}" for v in mixed)


def relative_time(iso: str | None, now: datetime | None = None) -> str:
    """'just now', '5 min ago', 'today 14:02', '2026-03-18': stable within a test run, readable for people."""
    if not iso:
        return "–"
    try:
        at = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    seconds = (now - at).total_seconds()
    if seconds < 90:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    local = at.astimezone()
    if seconds < 86400 and local.date() == now.astimezone().date():
        return f"today {local:%H:%M}"
    return f"{local:%Y-%m-%d}"


def short(text: str, width: int) -> str:
    """One line of at most `width` characters, with an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"
