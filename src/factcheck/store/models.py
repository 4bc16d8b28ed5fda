"""SQLModel tables. Portable SQL only: the same schema runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, Text, UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

# Re-exported for code that reads the vocabulary next to the tables; it lives in factcheck.statuses.
from factcheck.statuses import CLAIM_STATUSES as CLAIM_STATUSES
from factcheck.statuses import REVIEW_STATES as REVIEW_STATES


def utcnow() -> datetime:
    return datetime.now(UTC)


class Article(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("sha256", name="uq_article_sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    language: str = Field(default="de", max_length=8)
    origin: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    format: str = Field(default="text", max_length=16)
    raw_text: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    offset_map: list[list[int]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    sha256: str = Field(max_length=64)
    published: str | None = Field(default=None, max_length=10)
    imported_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Claim(SQLModel, table=True):
    __table_args__ = (
        Index("ix_claim_article_start", "article_id", "start"),
        Index("ix_claim_status", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    kinds: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # dates, quotes, speakers, places, quantities, cues: as in the extract JSON contract
    fields: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    checkworthiness: float = 0.0
    checkworthy: bool = True
    status: str = Field(default="open", max_length=16)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    # Optimistic concurrency enforced by the database: every UPDATE/DELETE of a claim carries
    # `WHERE version = <the version read>`; the services set the new version themselves (touch).
    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}  # type: ignore[attr-defined]


class Source(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    url: str = Field(sa_column=Column(Text, nullable=False))
    final_url: str | None = Field(default=None, sa_column=Column(Text))  # after redirects, set by a fetch
    title: str | None = Field(default=None, sa_column=Column(Text))
    fetched_at: datetime | None = None
    http_status: int | None = None
    content_type: str | None = Field(default=None, max_length=200)
    sha256: str | None = Field(default=None, max_length=64)
    snapshot: str | None = Field(default=None, sa_column=Column(Text))
    quote_match_score: float | None = None
    quote_context: str | None = Field(default=None, sa_column=Column(Text))
    archive_url: str | None = Field(default=None, sa_column=Column(Text))
    added_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    withdrawn_at: datetime | None = None  # undone: kept for the record, no longer shown as the claim's
    # Copies of the latest snapshot's (audited there) and of the source.add event's, for the views:
    # why the latest fetch failed, and what the checker wrote about the source when adding it.
    fetch_error: str | None = Field(default=None, sa_column=Column(Text))
    note: str | None = Field(default=None, sa_column=Column(Text))


class SourceSnapshot(SQLModel, table=True):
    """One fetch of a source, kept for good: a refresh appends another. The Source row's fetch fields
    repeat the latest snapshot's, so views that know only sources keep working.

    `body` is the document as received (decompressed), zlib-compressed; the audit covers its `sha256`
    and the text extracted from it, not the bytes.
    """

    __tablename__ = "source_snapshot"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int = Field(foreign_key="source.id", index=True, ondelete="CASCADE")
    fetched_at: datetime = Field(default_factory=utcnow)
    fetched_by: str = Field(default="", max_length=200)
    requested_url: str = Field(sa_column=Column(Text, nullable=False))
    final_url: str | None = Field(default=None, sa_column=Column(Text))
    # each answer that redirected, in order: {"url", "status", "location"}
    redirects: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    http_status: int | None = None
    headers: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    kind: str | None = Field(default=None, max_length=16)  # html, pdf, text, json, other (sources.content)
    sha256: str | None = Field(default=None, max_length=64)  # of the body as received
    size: int | None = None  # bytes of the body as received
    body: bytes | None = Field(default=None, sa_column=Column(LargeBinary))  # zlib-compressed
    text: str | None = Field(default=None, sa_column=Column(Text))
    title: str | None = Field(default=None, sa_column=Column(Text))
    author: str | None = Field(default=None, sa_column=Column(Text))
    published: str | None = Field(default=None, max_length=10)
    error: str | None = Field(default=None, sa_column=Column(Text))
    changed: bool | None = None  # the body differs from the previous snapshot's (None: nothing to compare)
    checks: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))  # evidence.SourceCheck.to_dict()


class Verdict(SQLModel, table=True):
    """Appended, never overwritten: a claim's current verdict is its latest."""

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    rating: str = Field(max_length=32)
    rationale: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    checker: str = Field(default="", max_length=200)
    review_state: str = Field(default="pending", max_length=16)
    reviewer: str | None = Field(default=None, max_length=200)
    reviewed_at: datetime | None = None
    reused_from: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(default_factory=utcnow)


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", index=True, ondelete="CASCADE")
    author: str = Field(default="", max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    withdrawn_at: datetime | None = None  # undone: kept for the record, no longer shown as the claim's


class Review(SQLModel, table=True):
    """A reviewer's sign-off on a verdict (appended, never changed): approved or rejected, with a comment.

    A verdict's review state is its latest review's decision, else the state it was written with.
    """

    id: int | None = Field(default=None, primary_key=True)
    verdict_id: int = Field(foreign_key="verdict.id", index=True)
    # The claim reviewed, kept as an event keeps it: no foreign key, since a merge removes a claim whose
    # verdicts (and so their reviews, found by verdict_id) move to another (migration 0008).
    claim_id: int = Field(index=True)
    decision: str = Field(max_length=16)  # approved / rejected
    reviewer: str = Field(max_length=200)
    comment: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = Field(default_factory=utcnow)


class Event(SQLModel, table=True):
    """Audit log. `hash` chains over the previous event's hash and, from scheme 2 on, covers the claim
    id and the digests of every row the event's transaction wrote (`rows`, see factcheck.audit)."""

    __table_args__ = (Index("ix_event_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = Field(default="", max_length=200)
    action: str = Field(max_length=64)
    entity: str = Field(max_length=32)
    entity_id: int
    claim_id: int | None = Field(default=None, index=True)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)
    scheme: int = 1  # factcheck.audit.chain: 1 legacy, 2 SHA-256, 3 HMAC-SHA256
    rows: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))


class CheckedClaim(SQLModel, table=True):
    """The memory of claims already checked: our own verdicts and imported fact-checks.

    `rating` is a key of factcheck.ratings.SCALE, or "unmapped" (checked.labels.UNMAPPED_KEY) for a
    publisher label no rating of ours was given for yet; `original_label` is the publisher's label.
    `terms` holds the analysed text (factcheck.match) that the full-text index is built on; on
    SQLite a trigger-synced FTS5 table indexes it, on PostgreSQL postings/df tables kept by statement
    triggers (migration 0010), so both rank with the same BM25.
    """

    __tablename__ = "checked_claim"
    __table_args__ = (UniqueConstraint("dedupe_key", name="uq_checked_claim_dedupe_key"),)

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    title: str | None = Field(default=None, sa_column=Column(Text))
    language: str | None = Field(default=None, max_length=8)
    rating: str = Field(max_length=32)
    original_label: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    rationale: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    url: str | None = Field(default=None, sa_column=Column(Text))
    published: str | None = Field(default=None, max_length=10)
    publisher: str | None = Field(default=None, max_length=200)
    speaker: str | None = Field(default=None, max_length=200)  # the first claimant (the matcher uses it)
    claim_date: str | None = Field(default=None, max_length=10)  # when the claim was made (ISO), if known
    claimants: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # names, in order
    appearances: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # URLs, in order
    external_id: str | None = Field(default=None, max_length=200)
    origin: str = Field(default="import", max_length=16)  # "verdict" (ours) or "import"
    claim_id: int | None = Field(default=None, foreign_key="claim.id", index=True, ondelete="SET NULL")
    dedupe_key: str = Field(max_length=64)
    terms: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = Field(default_factory=utcnow)


class LabelMapping(SQLModel, table=True):
    """A desk's decision which rating a publisher label we do not know means (`checked labels --map`).

    Keyed by the normalised label (checked.labels.normalise_label), so "Spin zone" and "Spin Zone!" are
    one mapping; `label` is the spelling it was given with.
    """

    __tablename__ = "label_mapping"

    label_normalised: str = Field(sa_column=Column(Text, primary_key=True))
    label: str = Field(sa_column=Column(Text, nullable=False))
    rating: str = Field(max_length=32)
    created_by: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
