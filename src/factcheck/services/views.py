"""Plain data handed to the CLI and the TUI: no ORM objects leave the services."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from factcheck.store.models import Claim, Event, Note, Source, Verdict


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds") + "Z"


@dataclass
class ArticleSummary:
    id: int
    title: str
    language: str
    origin: str
    claims: int
    checked: int
    checked_percent: float
    last_change: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class VerdictView:
    id: int
    rating: str
    label_en: str
    label_de: str
    rationale: str
    checker: str
    created_at: str | None
    review_state: str
    reviewer: str | None
    reused_from: str | None

    @classmethod
    def of(cls, v: Verdict) -> VerdictView:
        from factcheck.ratings import BY_KEY

        rating = BY_KEY.get(v.rating)
        return cls(
            id=v.id or 0,
            rating=v.rating,
            label_en=rating.en if rating else v.rating,
            label_de=rating.de if rating else v.rating,
            rationale=v.rationale,
            checker=v.checker,
            created_at=_iso(v.created_at),
            review_state=v.review_state,
            reviewer=v.reviewer,
            reused_from=v.reused_from,
        )


@dataclass
class NoteView:
    id: int
    author: str
    body: str
    created_at: str | None

    @classmethod
    def of(cls, n: Note) -> NoteView:
        return cls(id=n.id or 0, author=n.author, body=n.body, created_at=_iso(n.created_at))


@dataclass
class SourceView:
    id: int
    url: str
    title: str | None
    http_status: int | None
    fetched_at: str | None
    quote_match_score: float | None
    added_by: str

    @classmethod
    def of(cls, s: Source) -> SourceView:
        return cls(
            id=s.id or 0,
            url=s.url,
            title=s.title,
            http_status=s.http_status,
            fetched_at=_iso(s.fetched_at),
            quote_match_score=s.quote_match_score,
            added_by=s.added_by,
        )


@dataclass
class EventView:
    id: int
    at: str | None
    actor: str
    action: str
    entity: str
    entity_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @classmethod
    def of(cls, e: Event) -> EventView:
        return cls(
            id=e.id or 0,
            at=_iso(e.at),
            actor=e.actor,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            before=e.before,
            after=e.after,
        )


@dataclass
class ClaimView:
    id: int
    article_id: int
    start: int
    end: int
    text: str
    kinds: list[str]
    checkworthiness: float
    checkworthy: bool
    status: str
    version: int
    dates: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    speakers: list[str]
    places: list[str]
    quantities: list[dict[str, Any]]
    verdict: VerdictView | None = None
    updated_at: str | None = None

    @classmethod
    def of(cls, c: Claim, verdict: Verdict | None = None) -> ClaimView:
        f = c.fields or {}
        return cls(
            id=c.id or 0,
            article_id=c.article_id,
            start=c.start,
            end=c.end,
            text=c.text,
            kinds=list(c.kinds),
            checkworthiness=c.checkworthiness,
            checkworthy=c.checkworthy,
            status=c.status,
            version=c.version,
            dates=list(f.get("dates", [])),
            quotes=list(f.get("quotes", [])),
            speakers=list(f.get("speakers", [])),
            places=list(f.get("places", [])),
            quantities=list(f.get("quantities", [])),
            verdict=VerdictView.of(verdict) if verdict else None,
            updated_at=_iso(c.updated_at),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ClaimDetail:
    claim: ClaimView
    article_title: str
    raw_start: int
    raw_end: int
    verdicts: list[VerdictView] = field(default_factory=list)
    notes: list[NoteView] = field(default_factory=list)
    sources: list[SourceView] = field(default_factory=list)
    history: list[EventView] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = self.claim.to_dict()
        data.update(
            article_title=self.article_title,
            raw_start=self.raw_start,
            raw_end=self.raw_end,
            cues=self.cues,
            verdicts=[asdict(v) for v in self.verdicts],
            notes=[asdict(n) for n in self.notes],
            sources=[asdict(s) for s in self.sources],
            history=[asdict(e) for e in self.history],
        )
        return data


@dataclass
class SimilarMatch:
    checked_id: int
    score: float
    text: str
    rating: str
    label_en: str
    label_de: str
    original_label: str
    url: str | None
    published: str | None
    publisher: str | None
    origin: str
    claim_id: int | None
    matched_terms: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
