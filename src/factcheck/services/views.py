"""Plain data handed to the CLI and the TUI: no ORM objects leave the services."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from factcheck.extract.dates import with_year_flag

if TYPE_CHECKING:  # the views are built from ORM rows or from plain rows of the same shape (listing)
    from factcheck.store.models import Claim, Event, Note, Source, Verdict


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="seconds") + "Z"


@dataclass
class ClaimCounts:
    """How many claims an article (or any list) has, by the one definition used everywhere.

    A claim *counts* (is one of `claims`) when it is check-worthy or a checker has touched it (its
    status is no longer open, or it has a verdict), and it is not dismissed. Dismissed claims are
    counted apart; claims the extractor found but judged not worth checking and nobody touched are
    `not_checkworthy`. `claims == checked + in_progress + open`; `total` is every stored claim.
    """

    claims: int = 0
    checked: int = 0
    in_progress: int = 0
    open: int = 0
    dismissed: int = 0
    not_checkworthy: int = 0

    @property
    def total(self) -> int:
        return self.claims + self.dismissed + self.not_checkworthy

    @property
    def checked_percent(self) -> float:
        """Share of the counted claims that are checked, 0..100, one decimal."""
        return round(100.0 * self.checked / self.claims, 1) if self.claims else 0.0

    def add(self, *, checkworthy: bool, status: str, has_verdict: bool) -> None:
        if status == "dismissed":
            self.dismissed += 1
        elif not counts_as_claim(checkworthy=checkworthy, status=status, has_verdict=has_verdict):
            self.not_checkworthy += 1
        else:
            self.claims += 1
            if status == "checked":
                self.checked += 1
            elif status == "in-progress":
                self.in_progress += 1
            else:
                self.open += 1

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "total": self.total, "checked_percent": self.checked_percent}


def counts_as_claim(*, checkworthy: bool, status: str, has_verdict: bool) -> bool:
    """The definition of a claim that counts (see ClaimCounts)."""
    if status == "dismissed":
        return False
    return checkworthy or status != "open" or has_verdict


@dataclass
class ArticleSummary:
    """One row of the article list. `claims`, `checked`, `checked_percent`, `dismissed`, `open` follow
    ClaimCounts; numbers only, so each front end words them (and their plurals) itself."""

    id: int
    title: str
    language: str
    origin: str
    claims: int
    checked: int
    checked_percent: float
    last_change: str | None
    dismissed: int = 0
    open: int = 0
    in_progress: int = 0
    total: int = 0  # every stored claim, the not check-worthy ones included

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
    review_comment: str | None = None  # what the reviewer wrote (a rejection says what to change)

    @classmethod
    def of(cls, v: Verdict, review_comment: str | None = None, reviewed_by: str | None = None) -> VerdictView:
        """The view of a verdict row; `review_comment` and `reviewed_by` come from its latest review row,
        which the audit covers (the verdict's own `reviewer` column is a cache it does not)."""
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
            reviewer=reviewed_by or v.reviewer,
            reused_from=v.reused_from,
            review_comment=review_comment,
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def source_state(http_status: int | None, fetched_at: datetime | None, error: str | None = None) -> str:
    """ "pending" (not fetched yet), "ok" (a 2xx answer or a readable file) or "failed" (any other answer,
    no answer, or a document that could not be read: `error` says why)."""
    if fetched_at is None and http_status is None:
        return "pending"
    if error:
        return "failed"
    if http_status is None:
        return "ok"  # a local file: no HTTP status
    return "ok" if 200 <= http_status < 300 else "failed"


@dataclass
class SnapshotView:
    """One fetch of a source (services.sources): what came back, what it says, how the claim fared."""

    id: int
    source_id: int
    fetched_at: str | None
    fetched_by: str
    requested_url: str
    final_url: str | None
    redirects: list[dict[str, Any]]
    http_status: int | None
    headers: dict[str, str]
    kind: str | None  # html, pdf, text, json, other
    sha256: str | None
    size: int | None
    stored_size: int | None  # bytes the compressed body takes in the database
    text_length: int | None
    title: str | None
    author: str | None
    published: str | None
    error: str | None
    changed: bool | None  # the body differs from the previous snapshot's (None: first, or nothing to compare)
    checks: dict[str, Any] | None  # factcheck.evidence.SourceCheck.to_dict(): quotes, dates, numbers, outcome
    state: str = "ok"  # ok / failed

    @property
    def outcome(self) -> str | None:
        """verbatim / differences / not-found / no-quote, or None when the claim was not checked."""
        return self.checks.get("outcome") if isinstance(self.checks, dict) else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "outcome": self.outcome}


@dataclass
class SourceView:
    id: int
    url: str
    title: str | None
    http_status: int | None
    fetched_at: str | None
    quote_match_score: float | None
    added_by: str
    final_url: str | None = None  # where the URL led after redirects (None until fetched)
    state: str = "pending"  # pending / ok / failed (source_state)
    archive_url: str | None = None
    quote_context: str | None = None  # the passage of the source that best matched the claim's quote
    claim_id: int | None = None
    note: str | None = None  # what the checker wrote when adding it
    error: str | None = None  # why the latest fetch failed
    # Every fetch, oldest first (filled by services.sources.list_sources and claims.claim_detail).
    snapshots: list[SnapshotView] = field(default_factory=list)

    @classmethod
    def of(cls, s: Source, snapshots: list[SnapshotView] | None = None) -> SourceView:
        return cls(
            id=s.id or 0,
            url=s.url,
            title=s.title,
            http_status=s.http_status,
            fetched_at=_iso(s.fetched_at),
            quote_match_score=s.quote_match_score,
            added_by=s.added_by,
            final_url=s.final_url,
            state=source_state(s.http_status, s.fetched_at, getattr(s, "fetch_error", None)),
            archive_url=s.archive_url,
            quote_context=s.quote_context,
            claim_id=getattr(s, "claim_id", None),
            note=getattr(s, "note", None),
            error=getattr(s, "fetch_error", None),
            snapshots=list(snapshots or []),
        )

    @property
    def latest(self) -> SnapshotView | None:
        return self.snapshots[-1] if self.snapshots else None

    @property
    def checked(self) -> SnapshotView | None:
        """The newest snapshot the claim was checked against: a later fetch that failed (the page gone)
        does not hide the evidence an earlier one holds."""
        return next((snap for snap in reversed(self.snapshots) if snap.checks is not None), None)

    @property
    def checks(self) -> dict[str, Any] | None:
        """The check of the claim against the newest checked snapshot (SourceCheck.to_dict()), if any."""
        checked = self.checked
        return checked.checks if checked is not None else None

    @property
    def outcome(self) -> str | None:
        """verbatim / differences / not-found / no-quote for the newest checked snapshot; None if none."""
        checked = self.checked
        return checked.outcome if checked is not None else None

    @property
    def changed(self) -> bool | None:
        latest = self.latest
        return latest.changed if latest is not None else None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["snapshots"] = [snapshot.to_dict() for snapshot in self.snapshots]
        data.update(checks=self.checks, outcome=self.outcome, changed=self.changed)
        return data


def event_summary(action: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    """The fields of an event a reader wants, by action: plain values a front end words itself."""
    b, a = before or {}, after or {}
    if action == "verdict.set":
        return {"rating": a.get("rating"), "rationale": a.get("rationale", ""), "reused_from": a.get("reused_from")}
    if action == "verdict.review":
        return {
            "decision": a.get("decision"),
            "reviewer": a.get("reviewer"),
            "comment": a.get("comment", ""),
            "rating": a.get("rating"),
        }
    if action == "claim.status":
        return {"from_status": b.get("status"), "to_status": a.get("status")}
    if action == "note.add":
        return {"body": a.get("body", "")}
    if action == "source.add":
        return {"url": a.get("url")}
    if action == "source.fetch":
        return {"http_status": a.get("status"), "final_url": a.get("final_url")}
    if action == "claim.edit":
        return {
            "from_text": b.get("text"),
            "to_text": a.get("text"),
            "from_span": [b.get("start"), b.get("end")],
            "to_span": [a.get("start"), a.get("end")],
        }
    if action == "claim.split":
        return {"new_claim": a.get("new_claim"), "from_span": [b.get("start"), b.get("end")]}
    if action == "claim.merge":
        second = b.get("second") or {}
        return {"merged_claim": second.get("id"), "merged_text": second.get("text")}
    if action == "claim.add":
        return {"text": a.get("text"), "split_from": a.get("split_from")}
    if action == "undo":
        return {"undid_event": a.get("undid_event"), "undid_action": a.get("undid_action")}
    if action == "article.import":
        return {"title": a.get("title"), "claims": a.get("claims")}
    return {}


@dataclass
class EventView:
    """One audit event. `summary` holds the action's fields for people (event_summary); `undone` is
    True once an undo reverted it; `user_change` is False for what the system did (a fetch)."""

    id: int
    at: str | None
    actor: str
    action: str
    entity: str
    entity_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    summary: dict[str, Any] = field(default_factory=dict)
    undone: bool = False
    user_change: bool = True

    @classmethod
    def of(cls, e: Event, *, undone: bool = False, user_change: bool = True) -> EventView:
        return cls(
            id=e.id or 0,
            at=_iso(e.at),
            actor=e.actor,
            action=e.action,
            entity=e.entity,
            entity_id=e.entity_id,
            before=e.before,
            after=e.after,
            summary=event_summary(e.action, e.before, e.after),
            undone=undone,
            user_change=user_change,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RawSpan:
    """Where a claim sits in the article's raw text (as imported, before layout repair)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _entries(value: object, shape: type) -> list[Any]:
    """The items of a stored list that have `shape` (dict or str); anything else is left out."""
    return [item for item in value if isinstance(item, shape)] if isinstance(value, list) else []


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
    counted: bool = True  # one of the article's claims by ClaimCounts' definition
    # time-sensitive claims: the cues ({text, family, start, end}) and the day the claim holds as of
    time_cues: list[dict[str, Any]] = field(default_factory=list)
    as_of: str | None = None

    @classmethod
    def of(
        cls,
        c: Claim,
        verdict: Verdict | None = None,
        review_comment: str | None = None,
        reviewed_by: str | None = None,
    ) -> ClaimView:
        # Fields come from JSON written by any version (or by hand): keep only entries of the shape
        # the front ends read, so a null or a bare string in a list never reaches them.
        f = c.fields if isinstance(c.fields, dict) else {}
        return cls(
            id=c.id or 0,
            article_id=c.article_id,
            start=c.start,
            end=c.end,
            text=c.text,
            kinds=_entries(c.kinds, str),
            checkworthiness=c.checkworthiness,
            checkworthy=c.checkworthy,
            status=c.status,
            version=c.version,
            dates=[with_year_flag(d) for d in _entries(f.get("dates"), dict)],
            quotes=_entries(f.get("quotes"), dict),
            speakers=_entries(f.get("speakers"), str),
            places=_entries(f.get("places"), str),
            quantities=_entries(f.get("quantities"), dict),
            verdict=VerdictView.of(verdict, review_comment, reviewed_by) if verdict else None,
            updated_at=_iso(c.updated_at),
            counted=counts_as_claim(checkworthy=c.checkworthy, status=c.status, has_verdict=verdict is not None),
            time_cues=_entries(f.get("time_cues"), dict),
            as_of=f.get("as_of") if isinstance(f.get("as_of"), str) else None,
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
    raw: RawSpan | None = None  # the claim's span in the raw text, with that excerpt

    def to_dict(self) -> dict[str, Any]:
        data = self.claim.to_dict()
        data.update(
            article_title=self.article_title,
            raw_start=self.raw_start,
            raw_end=self.raw_end,
            raw_text=self.raw.text if self.raw else None,
            cues=self.cues,
            verdicts=[asdict(v) for v in self.verdicts],
            notes=[asdict(n) for n in self.notes],
            sources=[s.to_dict() for s in self.sources],
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
    claim_date: str | None = None  # when the checked claim was made (ISO), if known
    # a checked claim whose truth depended on when it was said ("the latest …", "so far"), as of that day;
    # possibly_outdated when that day lies further back than recheck.STALE_AFTER_DAYS
    time_sensitive: bool = False
    as_of: str | None = None
    possibly_outdated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
