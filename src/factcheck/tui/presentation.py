"""How claims look in the workbench: labels in two languages, status glyphs, kind badges, times.

Pure functions over plain data so widgets, modals and the command palette render the same words.
Every status also has a glyph and a text style besides its colour, so NO_COLOR terminals keep the meaning.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from factcheck.ratings import BY_KEY, RATING_COLOURS, RATING_GLYPHS, SCALE, Rating
from factcheck.text.control import terminal_safe
from factcheck.tui.i18n import CATALOGUE, t

if TYPE_CHECKING:
    from factcheck.services.views import SimilarMatch

STATUSES: tuple[str, ...] = ("open", "in-progress", "checked", "dismissed")

STATUS_GLYPHS: dict[str, str] = {"open": "○", "in-progress": "◐", "checked": "●", "dismissed": "×"}

# One letter per kind keeps the table column narrow; the detail pane spells them out.
KIND_BADGES: dict[str, str] = {
    "date": "D",
    "time-relative": "T",
    "time-sensitive": "S",
    "quantity": "N",
    "place": "P",
    "quote": "Q",
    "attribution": "A",
    "role": "R",
    "event": "E",
}
STATUS_COLOURS: dict[str, str] = {
    "open": "#58a6ff",
    "in-progress": "#d29922",
    "checked": "#3fb950",
    "dismissed": "#8b949e",
}


def word(key: str, language: str) -> str:
    return t(key, language)


def status_label(status: str, language: str) -> str:
    """The status in `language`; a status this version does not know shows as stored (escaped)."""
    key = f"status.{status}"
    return t(key, language) if key in CATALOGUE else terminal_safe(status or "?", one_line=True)


def kind_label(kind: str, language: str) -> str:
    key = f"kind.{kind}"
    return t(key, language) if key in CATALOGUE else terminal_safe(kind or "?", one_line=True)


def review_label(state: str, language: str) -> str:
    key = f"review.{state}"
    return t(key, language) if key in CATALOGUE else terminal_safe(state or "?", one_line=True)


def rating_label(key: str, language: str) -> str:
    rating = BY_KEY.get(key)
    return rating.label(language) if rating else terminal_safe(key or "?", one_line=True)


def match_label(match: SimilarMatch, language: str) -> str:
    """A checked claim's rating as the memory words it (an unmapped publisher label included)."""
    return terminal_safe(match.label_de if language == "de" else match.label_en, one_line=True)


def rating_choices(language: str) -> list[tuple[Rating, str]]:
    """The scale in order, each with the label in the chosen language first and the other after it."""
    other = "en" if language == "de" else "de"
    return [(r, f"{r.label(language)}  ·  {r.label(other)}") for r in SCALE]


def kind_badges(kinds: list[str]) -> Text:
    text = Text()
    for kind in kinds:
        kind = str(kind)
        text.append(KIND_BADGES.get(kind, terminal_safe(kind[:1].upper(), one_line=True)), style="bold")
    return text


def state_cell(status: str, rating: str | None, language: str) -> Text:
    """Status glyph plus the verdict label for checked claims, else the status word.

    Any stored combination renders, also statuses and ratings this version does not know (older or
    newer databases): those show as "?" with their stored name, escaped.
    """
    if rating and status == "checked":
        colour = RATING_COLOURS.get(rating, "")
        label = terminal_safe(rating_label(rating, language), one_line=True)
        return Text.assemble((RATING_GLYPHS.get(rating, STATUS_GLYPHS["checked"]) + " ", colour), (label, colour))
    colour = STATUS_COLOURS.get(status, "")
    label = terminal_safe(status_label(status, language), one_line=True)
    return Text.assemble((STATUS_GLYPHS.get(status, "?") + " ", colour), (label, colour))


def claim_highlight_style(status: str, rating: str | None, checkworthy: bool, *, dark: bool) -> Style:
    """Style of a claim in the article text: a tinted background by status (verdict colour once checked).

    Underlines and italics repeat the status without colour, for NO_COLOR terminals. A status or rating
    without a colour (checked without verdict, unknown values) gets no background rather than an error.
    """
    if status == "dismissed":
        return Style(dim=True, strike=True)
    if not checkworthy and status == "open":
        return Style(underline=False, dim=True)
    colour = RATING_COLOURS.get(rating or "") if status == "checked" else STATUS_COLOURS.get(status)
    if status == "checked" and colour is None:
        colour = STATUS_COLOURS["checked"]  # checked without a (known) verdict: the status colour
    return Style(
        bgcolor=_tint(colour, 0.28 if dark else 0.22, dark) if colour else None,
        underline=status == "open",
        italic=status == "in-progress",
        bold=status == "checked",
    )


def _tint(colour: str, amount: float, dark: bool) -> str:
    """Blend a "#rrggbb" colour into the background so highlighted text stays readable."""
    base = (0x1E, 0x1E, 0x1E) if dark else (0xFF, 0xFF, 0xFF)
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    mixed = [round(b + (c - b) * amount) for b, c in zip(base, rgb, strict=True)]
    return "#" + "".join(f"{v:02x}" for v in mixed)


def relative_time(iso: str | None, now: datetime | None = None, language: str = "en") -> str:
    """'just now', '5 min ago', 'today 14:02', '2026-03-18': stable within a test run, readable for people."""
    if not iso:
        return "–"
    try:
        at = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except (ValueError, TypeError):
        return terminal_safe(iso, one_line=True)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    seconds = (now - at).total_seconds()
    if seconds < 90:
        return t("just_now", language)
    if seconds < 3600:
        return t("min_ago", language, n=int(seconds // 60))
    local = at.astimezone()
    if seconds < 86400 and local.date() == now.astimezone().date():
        return t("today_at", language, time=f"{local:%H:%M}")
    return f"{local:%Y-%m-%d}"


def number(value: float, language: str, *, decimals: int | None = None) -> str:
    """A number as people write it: 200,000,000 / 1,234.5 in English, 200.000.000 / 1.234,5 in German.

    Whole numbers keep every digit (never "2e+08"); others get up to 3 decimals, or exactly `decimals`.
    """
    if value != value or value in (float("inf"), float("-inf")):  # NaN, infinity from odd stored data
        return terminal_safe(str(value))
    if decimals is not None:
        shown = f"{value:,.{decimals}f}"
    elif float(value).is_integer() and abs(value) < 1e21:
        shown = f"{int(value):,}"
    else:
        shown = f"{value:,.3f}".rstrip("0").rstrip(".")
    return shown.translate(str.maketrans(",.", ".,")) if language == "de" else shown


def percent(value: float, language: str) -> str:
    """A share with one decimal, as the CLI prints it: "6.2 %", German "6,2 %"."""
    return f"{number(value, language, decimals=1)} %"


def short(text: object, width: int) -> str:
    """One line of at most `width` characters, with an ellipsis when cut; control characters escaped."""
    line = " ".join(terminal_safe(text).split())
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"


def safe(text: object) -> str:
    """Stored text as it may be shown: control characters escaped, newlines kept."""
    return terminal_safe(text)


# Control Pictures (U+2400–U+2421) show C0 controls and DEL as one visible character each, so the
# article text keeps its offsets 1:1 while an ESC or BEL in it can never reach the terminal.
_PICTURES = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES[0x7F] = 0x2421
_PICTURES.update({code: 0xFFFD for code in range(0x80, 0xA0)})  # C1 has no picture of its own
_PICTURES.update({code: 0xFFFD for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
_PICTURES.update({code: 0xFFFD for code in (0x200E, 0x200F, 0x061C)})  # bidi marks move the text around them
_PICTURES.update({0x2028: 0x2424, 0x2029: 0x2424})  # line/paragraph separator: the newline picture


def control_pictures(text: str) -> str:
    """`text` with every control character (but newline and tab) replaced by a single visible one."""
    return text.translate(_PICTURES)
