"""Plain data of the evidence check: what a claim asks a source to show, and what the source showed.

`ClaimEvidence` is built from a stored claim's `fields`; `SourceCheck` is the result of
`check_source(claim, source_text)` and is stored as JSON (`to_dict` / `from_dict`).
All offsets are Python string indices (code points) into the source text as it was checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

VERBATIM = "verbatim"
DIFFERENCES = "differences"
NOT_FOUND = "not-found"
NO_QUOTE = "no-quote"
# Worst first: a source check is only as good as its worst quote.
_QUOTE_RANK = {NOT_FOUND: 0, DIFFERENCES: 1, VERBATIM: 2}
_T = TypeVar("_T")


@dataclass(frozen=True)
class DateRef:
    """A date the claim states: `text` as written, `value` ISO 8601 at the text's precision
    ("2025-03-18", "2025-03", "2025"; the extractor may also give ranges "2018/2019" and weeks "2025-W12")."""

    text: str
    value: str


@dataclass(frozen=True)
class NumberRef:
    """A number the claim states: `text` as written ("480 Milliarden Euro"), `value` in plain units
    (4.8e11), `unit` as the extractor gives it ("Euro", "%", "Prozent", "USD", "Tote"; "" for none)."""

    text: str
    value: float
    unit: str


@dataclass(frozen=True)
class ClaimEvidence:
    """What a source has to show for one claim: its quotes (without quote marks), dates and numbers.

    `language` is the claim's ("de" or "en"); the source may be in either.
    """

    text: str
    language: str
    quotes: tuple[str, ...] = ()
    dates: tuple[DateRef, ...] = ()
    numbers: tuple[NumberRef, ...] = ()

    @classmethod
    def from_fields(cls, text: str, fields: Mapping[str, Any], language: str) -> ClaimEvidence:
        """From a stored claim's `fields` JSON (the extraction contract):
        {"quotes": [{"text", "speaker", ...}], "dates": [{"text", "value", ...}],
        "quantities": [{"text", "value", "unit", ...}], ...}.

        Quotes with empty text, dates without a value (unresolved relative dates) and quantities without
        a value are skipped; repeated entries are kept once, in order. Missing lists count as empty.
        """
        quotes = _unique(str(q.get("text") or "").strip() for q in fields.get("quotes") or [])
        dates = _unique(
            DateRef(text=str(d.get("text") or ""), value=str(d["value"]))
            for d in fields.get("dates") or []
            if d.get("value")
        )
        numbers = _unique(
            NumberRef(text=str(q.get("text") or ""), value=float(q["value"]), unit=str(q.get("unit") or ""))
            for q in fields.get("quantities") or []
            if q.get("value") is not None
        )
        return cls(
            text=text,
            language=language,
            quotes=tuple(q for q in quotes if q),
            dates=tuple(dates),
            numbers=tuple(numbers),
        )


@dataclass(frozen=True)
class QuoteCheck:
    """Where a quote stands in the source, and how exactly.

    `outcome`: "verbatim" (the normalised quote occurs as it is), "differences" (a passage close enough,
    see `quotes.DIFFERENCES_THRESHOLD`), "not-found". `score`: 0..1 similarity of the best passage
    (1.0 for verbatim; for not-found the best score seen, which stayed under the threshold).
    `passage` is source_text[start:end] exactly; `context` is the passage with up to ~150 characters
    either side, cut at word boundaries. `diff` is word-level, in quote order: ("equal"|"delete"|"insert",
    words), delete = in the quote, not in the source; insert = in the source, not in the quote; empty for
    verbatim and not-found. Passage, offsets and context are None when not found.
    """

    quote: str
    outcome: str
    score: float
    passage: str | None = None
    start: int | None = None
    end: int | None = None
    context: str | None = None
    diff: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "outcome": self.outcome,
            "score": self.score,
            "passage": self.passage,
            "start": self.start,
            "end": self.end,
            "context": self.context,
            "diff": [[tag, words] for tag, words in self.diff],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuoteCheck:
        return cls(
            quote=str(data.get("quote", "")),
            outcome=str(data.get("outcome", NOT_FOUND)),
            score=float(data.get("score") or 0.0),
            passage=data.get("passage"),
            start=data.get("start"),
            end=data.get("end"),
            context=data.get("context"),
            diff=tuple((str(tag), str(words)) for tag, words in data.get("diff") or []),
        )


@dataclass(frozen=True)
class DateCheck:
    """Whether the source states the claim's date `value` (see `dates.find_date`); where, when found."""

    text: str
    value: str
    found: bool
    passage: str | None = None
    start: int | None = None
    end: int | None = None
    context: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "found": self.found,
            "passage": self.passage,
            "start": self.start,
            "end": self.end,
            "context": self.context,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DateCheck:
        return cls(
            text=str(data.get("text", "")),
            value=str(data.get("value", "")),
            found=bool(data.get("found", False)),
            passage=data.get("passage"),
            start=data.get("start"),
            end=data.get("end"),
            context=data.get("context"),
        )


@dataclass(frozen=True)
class NumberCheck:
    """Whether the source states the claim's number (see `numbers.find_number`); where, when found."""

    text: str
    value: float
    unit: str
    found: bool
    passage: str | None = None
    start: int | None = None
    end: int | None = None
    context: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "found": self.found,
            "passage": self.passage,
            "start": self.start,
            "end": self.end,
            "context": self.context,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NumberCheck:
        return cls(
            text=str(data.get("text", "")),
            value=float(data.get("value") or 0.0),
            unit=str(data.get("unit") or ""),
            found=bool(data.get("found", False)),
            passage=data.get("passage"),
            start=data.get("start"),
            end=data.get("end"),
            context=data.get("context"),
        )


@dataclass(frozen=True)
class SourceCheck:
    """The result of checking one source against one claim: one entry per quote, date and number."""

    quotes: tuple[QuoteCheck, ...] = ()
    dates: tuple[DateCheck, ...] = ()
    numbers: tuple[NumberCheck, ...] = ()

    @property
    def best_quote_score(self) -> float | None:
        """The highest quote score, 0..1; None when the claim has no quote."""
        return max((q.score for q in self.quotes), default=None)

    @property
    def outcome(self) -> str:
        """The worst quote outcome ("verbatim" | "differences" | "not-found"); "no-quote" when none."""
        if not self.quotes:
            return NO_QUOTE
        return min((q.outcome for q in self.quotes), key=lambda o: _QUOTE_RANK.get(o, 0))

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict; `outcome` and `best_quote_score` are included for readers of the stored row."""
        return {
            "outcome": self.outcome,
            "best_quote_score": self.best_quote_score,
            "quotes": [q.to_dict() for q in self.quotes],
            "dates": [d.to_dict() for d in self.dates],
            "numbers": [n.to_dict() for n in self.numbers],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceCheck:
        """From `to_dict` output; missing keys (rows written by an older version) read as empty/defaults."""
        return cls(
            quotes=tuple(QuoteCheck.from_dict(q) for q in data.get("quotes") or []),
            dates=tuple(DateCheck.from_dict(d) for d in data.get("dates") or []),
            numbers=tuple(NumberCheck.from_dict(n) for n in data.get("numbers") or []),
        )


def _unique(items: Iterable[_T]) -> list[_T]:
    seen: set[_T] = set()
    out: list[_T] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
