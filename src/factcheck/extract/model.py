"""Plain data produced by claim extraction (the `factcheck extract --json` contract)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class DateMention:
    text: str
    value: str | None  # ISO 8601 at the precision the text gives; None for unresolved relative dates
    start: int = 0
    end: int = 0
    relative: bool = False
    rule: str = ""


@dataclass
class QuoteMention:
    text: str
    speaker: str | None
    start: int = 0
    end: int = 0
    rule: str = ""


@dataclass
class Quantity:
    text: str
    value: float | None
    unit: str
    start: int = 0
    end: int = 0


@dataclass
class TimeCue:
    """Words that make a claim time-sensitive (extract.time_sensitivity): family and article offsets."""

    text: str
    family: str  # latest, so-far, never, first-time, not-until, currently, record
    start: int = 0
    end: int = 0


@dataclass
class ExtractedClaim:
    text: str
    start: int
    end: int
    kinds: list[str] = field(default_factory=list)
    checkworthiness: float = 0.0
    checkworthy: bool = True
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    # Why each field was produced: rule/cue names, so a checker can see where a value came from.
    cues: list[str] = field(default_factory=list)
    # Time-sensitive claims (kind "time-sensitive"): the cues, and the date the claim holds as of
    # (the article's date when the text or its metadata gives one; the store falls back to the import day).
    time_cues: list[TimeCue] = field(default_factory=list)
    as_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The claim as plain data; a date whose year was inferred carries "year_inferred": true."""
        from factcheck.extract.dates import with_year_flag  # (dates.py imports this module)

        data = asdict(self)
        data["dates"] = [with_year_flag(d) for d in data["dates"]]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractedClaim:
        return cls(
            text=data["text"],
            start=data["start"],
            end=data["end"],
            kinds=list(data.get("kinds", [])),
            checkworthiness=float(data.get("checkworthiness", 0.0)),
            checkworthy=bool(data.get("checkworthy", True)),
            dates=[
                DateMention(**{k: v for k, v in d.items() if k not in ("year_inferred", "year_unknown")})
                for d in data.get("dates", [])
            ],
            quotes=[QuoteMention(**q) for q in data.get("quotes", [])],
            speakers=list(data.get("speakers", [])),
            places=list(data.get("places", [])),
            quantities=[Quantity(**q) for q in data.get("quantities", [])],
            cues=list(data.get("cues", [])),
            time_cues=[TimeCue(**t) for t in data.get("time_cues", [])],
            as_of=data.get("as_of"),
        )
