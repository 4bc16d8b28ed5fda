"""Use cases on claims: listing, detail, status; verdicts and notes live in their own modules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from factcheck.errors import Conflict, NotFound
from factcheck.services import listing
from factcheck.services.audit import record_event
from factcheck.services.inputs import begin_change
from factcheck.services.views import (
    ClaimCounts,
    ClaimDetail,
    ClaimView,
    EventView,
    NoteView,
    RawSpan,
    SourceView,
    VerdictView,
)
from factcheck.statuses import check_status
from factcheck.store.models import Article, Claim, Event, Note, Review, Source, Verdict, utcnow
from factcheck.store.reader import Reader
from factcheck.text.offsets import OffsetMap

# Events the system records on its own (a fetch completing): shown in history, never undone, and
# never in the way of undoing the checker's own last change.
SYSTEM_ACTIONS = frozenset({"source.fetch", "article.import", "checked.import"})


def get_claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim with id {claim_id}")
    return claim


def is_current_verdict() -> ColumnElement[bool]:
    """SQL condition of a verdict that stands (a withdrawal or an undo appends a withdrawn one)."""
    return Verdict.review_state != "withdrawn"


def latest_verdicts(session: Session, claim_ids: list[int]) -> dict[int, Verdict]:
    if not claim_ids:
        return {}
    latest: dict[int, Verdict] = {}
    query = select(Verdict).where(col(Verdict.claim_id).in_(claim_ids), is_current_verdict()).order_by(col(Verdict.id))
    for v in session.exec(query):
        latest[v.claim_id] = v
    return latest


def list_claims(
    session: Session, *, article_id: int | None = None, status: str | None = None, checkworthy_only: bool = False
) -> list[ClaimView]:
    """services.listing.list_claims on the session's connection and transaction."""
    return listing.list_claims(
        Reader.of_session(session), article_id=article_id, status=status, checkworthy_only=checkworthy_only
    )


def count_claims(rows: Iterable[ClaimView]) -> ClaimCounts:
    """ClaimCounts of claim rows already read (the workbench's "N of M claims")."""
    counts = ClaimCounts()
    for row in rows:
        counts.add(checkworthy=row.checkworthy, status=row.status, has_verdict=row.verdict is not None)
    return counts


def counts_by_article(session: Session, article_ids: list[int]) -> dict[int, ClaimCounts]:
    """ClaimCounts per article (every id present, empty articles included): one query over the claims."""
    result = {aid: ClaimCounts() for aid in article_ids}
    if not article_ids:
        return result
    rows = session.exec(
        select(Claim.id, Claim.article_id, Claim.checkworthy, Claim.status).where(
            col(Claim.article_id).in_(article_ids)
        )
    ).all()
    with_verdict = set(
        session.exec(
            select(Verdict.claim_id)
            .join(Claim, col(Claim.id) == col(Verdict.claim_id))
            .where(col(Claim.article_id).in_(article_ids), is_current_verdict())
            .distinct()
        ).all()
    )
    for claim_id, article_id, checkworthy, status in rows:
        result[article_id].add(checkworthy=bool(checkworthy), status=status, has_verdict=claim_id in with_verdict)
    return result


def article_counts(session: Session, article_id: int) -> ClaimCounts:
    """ClaimCounts of one article."""
    return counts_by_article(session, [article_id])[article_id]


def undone_event_ids(session: Session, claim_id: int | list[int]) -> set[int]:
    """Ids of this claim's (these claims') events that an undo reverted."""
    ids = claim_id if isinstance(claim_id, list) else [claim_id]
    undos = session.exec(select(Event.after).where(Event.action == "undo", col(Event.claim_id).in_(ids)))
    return {int(after["undid_event"]) for after in undos if after and after.get("undid_event") is not None}


def history_claim_ids(session: Session, claim_id: int) -> list[int]:
    """The claim and every claim merged into it (and not split off again by an undo), oldest merge
    first: events stay with the claim they happened to, so a merged claim's history is theirs together."""
    from factcheck.services.history import history_claim_ids as walk_merges

    return walk_merges(Reader.of_session(session), [claim_id])


def claim_detail(session: Session, claim_id: int) -> ClaimDetail:
    """Everything about one claim: verdicts, current notes and sources, history, raw-text span."""
    claim = get_claim(session, claim_id)
    article = session.get(Article, claim.article_id)
    assert article is not None
    verdicts = list(session.exec(select(Verdict).where(Verdict.claim_id == claim_id).order_by(col(Verdict.id))))
    notes = session.exec(
        select(Note).where(Note.claim_id == claim_id, col(Note.withdrawn_at).is_(None)).order_by(col(Note.id))
    )
    sources = list(
        session.exec(
            select(Source)
            .where(Source.claim_id == claim_id, col(Source.withdrawn_at).is_(None))
            .order_by(col(Source.id))
        )
    )
    from factcheck.services.sources import snapshot_views  # it builds on this module

    snapshots = snapshot_views(session, [s.id for s in sources if s.id is not None])
    history_ids = history_claim_ids(session, claim_id)
    events = list(session.exec(select(Event).where(col(Event.claim_id).in_(history_ids)).order_by(col(Event.id))))
    undone = undone_event_ids(session, history_ids)
    current = [v for v in verdicts if v.review_state != "withdrawn"]
    reviews = latest_reviews(session, [v.id for v in verdicts if v.id is not None])
    standing = current[-1] if current else None
    standing_review = reviews.get(standing.id or 0) if standing else None
    raw_start, raw_end = OffsetMap.from_json(article.offset_map).span_to_raw(claim.start, claim.end)
    return ClaimDetail(
        claim=ClaimView.of(
            claim,
            standing,
            standing_review.comment if standing_review else None,
            standing_review.reviewer if standing_review else None,
        ),
        article_title=article.title,
        raw_start=raw_start,
        raw_end=raw_end,
        verdicts=[VerdictView.of(v, *_review_fields(reviews.get(v.id or 0))) for v in verdicts],
        notes=[NoteView.of(n) for n in notes],
        sources=[SourceView.of(s, snapshots.get(s.id or 0)) for s in sources],
        history=[
            EventView.of(e, undone=(e.id or 0) in undone, user_change=e.action not in SYSTEM_ACTIONS) for e in events
        ],
        cues=list((claim.fields or {}).get("cues", [])),
        raw=RawSpan(raw_start, raw_end, article.raw_text[raw_start:raw_end]),
    )


def latest_reviews(session: Session, verdict_ids: list[int]) -> dict[int, Review]:
    """The latest review of each of these verdicts that was reviewed (verdict id -> review row)."""
    if not verdict_ids:
        return {}
    query = select(Review).where(col(Review.verdict_id).in_(verdict_ids)).order_by(col(Review.id))
    return {r.verdict_id: r for r in session.exec(query)}


def _review_fields(review: Review | None) -> tuple[str | None, str | None]:
    return (review.comment, review.reviewer) if review else (None, None)


def snapshot(claim: Claim) -> dict[str, Any]:
    """A claim's full state as the audit log records it; enough for undo to restore it exactly."""
    return {
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "status": claim.status,
        "version": claim.version,
        "kinds": list(claim.kinds),
        "fields": dict(claim.fields or {}),
        "checkworthiness": claim.checkworthiness,
        "checkworthy": claim.checkworthy,
    }


def check_version(claim: Claim, expected_version: int | None) -> None:
    """Optimistic concurrency: refuse a write based on a stale read (None: the caller read nothing)."""
    if expected_version is not None and claim.version != expected_version:
        raise Conflict(
            f"claim {claim.id} changed meanwhile (version {claim.version}, you expected {expected_version}):"
            " it was changed by someone else since you read it; reload and try again"
        )


def touch(claim: Claim, expected_version: int | None) -> None:
    """Optimistic concurrency: refuse a write based on a stale read; bump the version (the UPDATE then
    carries `WHERE version = <the version read>`, models.Claim)."""
    check_version(claim, expected_version)
    claim.version += 1
    claim.updated_at = utcnow()


def claim_event(
    session: Session, claim: Claim, action: str, *, actor: str, before: dict[str, Any] | None = None, **extra: Any
) -> None:
    """The audit event of a change to one claim: its snapshot before and after (plus `extra`)."""
    claim_id = claim.id or 0
    record_event(
        session,
        actor=actor,
        action=action,
        entity="claim",
        entity_id=claim_id,
        claim_id=claim_id,
        before=before,
        after={**snapshot(claim), **extra},
    )


def set_status(
    session: Session, claim_id: int, status: str, *, actor: str, expected_version: int | None = None
) -> ClaimView:
    actor = begin_change(session, actor)
    claim = get_claim(session, claim_id)
    check_status(status)
    before = snapshot(claim)
    touch(claim, expected_version)
    claim.status = status
    session.add(claim)
    claim_event(session, claim, "claim.status", actor=actor, before=before)
    return ClaimView.of(claim)


def filter_claims(
    rows: list[ClaimView],
    *,
    status: str | None = None,
    kind: str | None = None,
    speaker: str | None = None,
    rating: str | None = None,
    text: str | None = None,
) -> list[ClaimView]:
    """Narrow a claim list the way the workbench's filter bar does (case-insensitive substrings)."""

    def has(haystack: str, needle: str | None) -> bool:
        return not needle or needle.casefold() in haystack.casefold()

    result = []
    for row in rows:
        speakers = " | ".join([*row.speakers, *(q.get("speaker") or "" for q in row.quotes)])
        verdict = f"{row.verdict.rating} {row.verdict.label_en} {row.verdict.label_de}" if row.verdict else ""
        if (
            (not status or row.status == status)
            and (not kind or kind in row.kinds)
            and has(speakers, speaker)
            and (not rating or (row.verdict is not None and has(verdict, rating)))
            and has(row.text, text)
        ):
            result.append(row)
    return result
