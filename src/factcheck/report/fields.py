"""A claim's extracted fields as short human-readable strings, shared by every report format.

All return plain text (no markup); each renderer escapes it for its own format.
"""

from __future__ import annotations

from typing import Any

from factcheck.evidence_lines import EvidenceLine, evidence_lines
from factcheck.extract.dates import year_inferred, year_unknown
from factcheck.report.words import source_state, word
from factcheck.services.views import ClaimView, SourceView
from factcheck.vocabulary import TIME_CUE_WORDS, word_for


def date_text(date: dict[str, Any], lang: str) -> str:
    """ "18. März 2025 → 2025-03-18"; a relative date without a value says so, and a year the text does not
    write is marked as inferred ("7. Juni → 2023-06-07 (year inferred)")."""
    written = str(date.get("text") or "")
    value = date.get("value")
    if not value:
        return f"{written} ({word('year_unknown' if year_unknown(date) else 'relative', lang)})"
    return f"{written} → {value} ({word('year_inferred', lang)})" if year_inferred(date) else f"{written} → {value}"


def as_of_text(claim: ClaimView, lang: str) -> str | None:
    """ "2025-03-19 (the latest: “Der letzte”)" for a time-sensitive claim; None for any other."""
    if not claim.time_cues or not claim.as_of:
        return None
    opening, closing = ("„", "“") if lang == "de" else ("“", "”")
    cues = "; ".join(
        f"{word_for(TIME_CUE_WORDS, c.get('family'), lang)}: {opening}{c.get('text') or ''}{closing}"
        for c in claim.time_cues
    )
    return f"{claim.as_of} ({cues})"


def quote_text(quote: dict[str, Any], lang: str) -> str:
    """ "„…“ — Speaker" in German, "“…” — Speaker" in English."""
    opening, closing = ("„", "“") if lang == "de" else ("“", "”")
    speaker = quote.get("speaker") or word("unknown_speaker", lang)
    return f"{opening}{quote.get('text') or ''}{closing} — {speaker}"


def quantity_text(quantity: dict[str, Any]) -> str:
    """ "480 Milliarden → 480,000,000,000"; the written form alone when no value was read."""
    written = str(quantity.get("text") or "")
    value = quantity.get("value")
    if not isinstance(value, int | float):
        return written
    shown = f"{int(value):,}" if float(value).is_integer() else f"{value:,}"
    unit = quantity.get("unit")
    return f"{written} → {shown}{' ' + str(unit) if unit else ''}"


def claim_speaker(claim: ClaimView) -> str | None:
    """Who made the claim: the first quote's speaker, else the first speaker the extractor found."""
    for quote in claim.quotes:
        if quote.get("speaker"):
            return str(quote["speaker"])
    return claim.speakers[0] if claim.speakers else None


def source_status(source: SourceView, lang: str) -> str:
    """ "ok HTTP 200, fetched 2026-11-30T10:00:00Z" / "pending" in `lang`."""
    status = source_state(source.state, lang) + (f" HTTP {source.http_status}" if source.http_status else "")
    if source.fetched_at:
        status += f", {word('fetched', lang)} {source.fetched_at}"
    checked = source.checked
    if checked is not None and checked is not source.latest:  # the newest fetch failed: say whose evidence
        status += f"; {word('evidence_as_of', lang)} {checked.fetched_at}"
    return status


def source_evidence(source: SourceView, lang: str) -> list[EvidenceLine]:
    """How the claim's quotes, dates and numbers fared in the source's latest snapshot ([] if unchecked)."""
    return evidence_lines(source.checks, lang)


def evidence_text(line: EvidenceLine, lang: str) -> str:
    """ "✓ found verbatim: „…“", "≈ found with differences (93 %): „…“ — keine Abkommen ohne [-die-]
    Ukraine", "✓ 18. März 2025: in the source" (plain text; the diff in [-deleted-] {+inserted+})."""
    opening, closing = ("„", "“") if lang == "de" else ("“", "”")
    subject = f"{opening}{line.subject}{closing}" if line.kind == "quote" else line.subject
    if line.kind != "quote":
        return f"{line.glyph} {subject}: {line.words}"
    score = f" ({line.score:.0%})" if line.score is not None and line.outcome == "differences" else ""
    text = f"{line.glyph} {line.words}{score}: {subject}"
    if line.diff:
        marked = {"delete": "[-{}-]", "insert": "{{+{}+}}"}
        text += " — " + " ".join(marked.get(tag, "{}").format(words) for tag, words in line.diff)
    return text
