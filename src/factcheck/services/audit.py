"""The audit log: every write appends an Event whose hash chains over the previous one."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from factcheck.store.engine import WRITE_LOCK_KEY
from factcheck.store.models import Event, Note, Source, Verdict, utcnow


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> str:
    payload = _canonical([prev_hash, at.isoformat(), actor, action, entity, entity_id, before, after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record_event(
    session: Session,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int,
    claim_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> Event:
    """Append one audit event inside the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        # Writers append to one chain: serialise them until commit so no two share a predecessor.
        session.exec(text(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"))  # type: ignore[call-overload]
    last = session.exec(select(Event.hash).order_by(col(Event.id).desc()).limit(1)).first()
    prev = last or ""
    at = utcnow()
    before = json.loads(_canonical(before)) if before is not None else None
    after = json.loads(_canonical(after)) if after is not None else None
    event = Event(
        at=at,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        claim_id=claim_id,
        before=before,
        after=after,
        prev_hash=prev,
        hash=event_hash(prev, at, actor, action, entity, entity_id, before, after),
    )
    session.add(event)
    session.flush()
    return event


def add_audited(
    session: Session,
    row: Source | Note | Verdict,
    *,
    actor: str,
    action: str,
    claim_id: int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> int:
    """Insert a row that belongs to a claim and its audit event, in the caller's transaction; the new id."""
    session.add(row)
    session.flush()
    assert row.id is not None
    entity = type(row).__name__.lower()
    record_event(
        session,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=row.id,
        claim_id=claim_id,
        before=before,
        after=after,
    )
    return row.id


def verify_chain(session: Session) -> tuple[bool, int | None]:
    """(True, None) when every event's hash matches its content and predecessor; else the first bad id."""
    prev = ""
    for event in session.exec(select(Event).order_by(col(Event.id))):
        expected = event_hash(
            prev, event.at, event.actor, event.action, event.entity, event.entity_id, event.before, event.after
        )
        if event.prev_hash != prev or event.hash != expected:
            return False, event.id
        prev = event.hash
    return True, None
