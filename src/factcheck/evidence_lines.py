"""How a claim fared against a source, as lines a person reads: one per quote, date and number of the
claim, from a stored check (factcheck.evidence.SourceCheck.to_dict()). Plain data, shared by the
workbench and the reports; each front end styles the lines itself (colour, strike-through, markup).

A quote's line carries the passage the source holds and, for *found with differences*, the word-level
diff (deleted: in the quote, not in the source; inserted: in the source, not in the quote).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from factcheck.vocabulary import FOUND_WORDS, OUTCOME_WORDS, pick, word_for

# A glyph per outcome, so the outcome reads without colour (NO_COLOR, print).
GLYPHS = {"verbatim": "✓", "differences": "≈", "not-found": "✗", "found": "✓", "absent": "✗"}


@dataclass(frozen=True)
class EvidenceLine:
    """One thing of the claim checked against the source.

    kind: "quote" | "date" | "number"; subject: the claim's words (a quote without its marks, a date or
    number as the claim writes it); outcome: "verbatim" | "differences" | "not-found" for quotes, "found"
    | "absent" for dates and numbers; words: the outcome in the chosen language; score: a quote's
    similarity 0..1 (None for dates and numbers); passage: what the source says there; context: the
    passage with the words around it; diff: (tag, words) with tag "equal" | "delete" | "insert".
    """

    kind: str
    subject: str
    outcome: str
    words: str
    score: float | None = None
    passage: str | None = None
    context: str | None = None
    diff: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def glyph(self) -> str:
        return GLYPHS.get(self.outcome, "?")

    @property
    def confirmed(self) -> bool:
        return self.outcome in ("verbatim", "found")


def evidence_lines(checks: Mapping[str, Any] | None, lang: str) -> list[EvidenceLine]:
    """The lines of a stored check, quotes first, then dates and numbers; [] for none. Entries that are not
    of the stored shape (an older or hand-edited row) are left out rather than shown wrong."""
    if not isinstance(checks, Mapping):
        return []
    lines: list[EvidenceLine] = []
    for quote in _entries(checks.get("quotes")):
        outcome = str(quote.get("outcome") or "not-found")
        score = quote.get("score")
        diff = tuple(
            (str(part[0]), str(part[1]))
            for part in quote.get("diff") or ()
            if isinstance(part, list | tuple) and len(part) == 2
        )
        lines.append(
            EvidenceLine(
                "quote",
                str(quote.get("quote") or ""),
                outcome,
                word_for(OUTCOME_WORDS, outcome, lang),
                float(score) if isinstance(score, int | float) else None,
                _text(quote.get("passage")),
                _text(quote.get("context")),
                diff if outcome == "differences" else (),
            )
        )
    for kind, key in (("date", "dates"), ("number", "numbers")):
        for entry in _entries(checks.get(key)):
            found = "found" if entry.get("found") else "absent"
            lines.append(
                EvidenceLine(
                    kind,
                    str(entry.get("text") or entry.get("value") or ""),
                    found,
                    pick(FOUND_WORDS[found], lang),
                    passage=_text(entry.get("passage")),
                    context=_text(entry.get("context")),
                )
            )
    return lines


def _entries(value: object) -> list[Mapping[str, Any]]:
    return [entry for entry in value if isinstance(entry, Mapping)] if isinstance(value, list | tuple) else []


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
