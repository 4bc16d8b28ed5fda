"""The audit log: every write appends an Event whose hash chains over the previous one and covers the
rows the write left (factcheck.audit has the rules; this module stores and reads)."""

from __future__ import annotations

import hmac
import json
from typing import Any

from sqlalchemy import bindparam, text, update
from sqlalchemy import event as sa_event
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from factcheck.audit.chain import (
    AUDIT_KEY_ENV,
    HMAC_FRAMED,
    KEYED,
    SHA256_FRAMED,
    EventRecord,
    audit_key,
    event_hash,
    walk,
)
from factcheck.audit.digest import AUDITED, canonical, row_digest, row_key
from factcheck.errors import FactcheckError
from factcheck.services.changes import announce
from factcheck.store.engine import WRITE_LOCK_SQL
from factcheck.store.models import Event, Note, Source, Verdict, utcnow

_EVENTS = Event.__table__  # type: ignore[attr-defined]
_PREVIOUS = (
    select(_EVENTS.c.id, _EVENTS.c.hash, _EVENTS.c.scheme)
    .where(_EVENTS.c.id < bindparam("first"))
    .order_by(_EVENTS.c.id.desc())
    .limit(1)
)
# (database URL, key) pairs whose key was seen to verify the newest keyed event: checked once a process.
_KEYS_CONFIRMED: set[tuple[str, bytes]] = set()
_SEAL = (
    update(_EVENTS)
    .where(_EVENTS.c.id == bindparam("event_id"))
    .values(
        scheme=bindparam("scheme"), rows=bindparam("rows"), prev_hash=bindparam("prev_hash"), hash=bindparam("hash")
    )
)
_QUEUED = "factcheck_audit_queued"  # events of this transaction, sealed at commit
_WRITTEN = "factcheck_audit_written"  # "table:id" -> the ORM object written (None: deleted)


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
) -> None:
    """Append one audit event in the caller's transaction.

    The event is sealed when the transaction commits: it then chains on the newest event and (the
    transaction's last event) records the digests of every audited row the transaction wrote, so a
    service cannot forget a row and a row cannot change after its event was computed.
    """
    if session.get_bind().dialect.name == "postgresql":
        # Writers append to one chain: serialise them until commit so no two share a predecessor.
        session.exec(text(WRITE_LOCK_SQL))  # type: ignore[call-overload]
    event = Event(
        at=utcnow(),
        actor=actor,
        action=action,
        entity=entity,
        entity_id=entity_id,
        claim_id=claim_id,
        before=json.loads(canonical(before)) if before is not None else None,
        after=json.loads(canonical(after)) if after is not None else None,
    )
    # Inserted now so the transaction reads its own history; hashed when it commits (_seal_events).
    session.add(event)
    session.flush()
    session.info.setdefault(_QUEUED, []).append(event)


def _table_of(obj: object) -> str | None:
    table = getattr(obj, "__tablename__", None)
    return table if isinstance(table, str) and table in AUDITED else None


@sa_event.listens_for(Session, "after_flush")
def _track_written(session: Session, _context: Any) -> None:
    written = session.info.setdefault(_WRITTEN, {})
    for obj in (*session.new, *session.dirty):
        table = _table_of(obj)
        if table:
            written[row_key(table, obj.id)] = obj  # type: ignore[attr-defined]
    for obj in session.deleted:
        table = _table_of(obj)
        if table:
            written[row_key(table, obj.id)] = None  # type: ignore[attr-defined]


@sa_event.listens_for(Session, "before_commit")
def _seal_events(session: Session) -> None:
    queued: list[Event] = session.info.get(_QUEUED) or []
    if not queued:
        return
    session.flush()  # everything the transaction wrote is now tracked
    written = session.info.pop(_WRITTEN, {})
    session.info.pop(_QUEUED, None)
    rows: dict[str, str | None] = {}
    for name in sorted(written):  # in key order: the stored JSON text is then the canonical text hashed
        obj = written[name]
        rows[name] = row_digest(name.split(":", 1)[0], obj) if obj is not None else None
    key = audit_key()
    first = queued[0].id or 0
    # Core statements, not ORM ones: this runs on every write, and the ORM's unit of work costs more
    # than the hashing (benchmarks/audit.py, audited write cost).
    previous = session.execute(_PREVIOUS, {"first": first}).first()
    prev = previous.hash if previous is not None else ""
    if previous is not None and previous.scheme in KEYED:
        _check_key(session, previous.id, key)
    scheme = HMAC_FRAMED if key else SHA256_FRAMED
    sealed = []
    for position, event in enumerate(queued):
        values = {"scheme": scheme, "rows": rows if position == len(queued) - 1 else {}, "prev_hash": prev}
        for name, value in values.items():
            set_committed_value(event, name, value)
        set_committed_value(event, "hash", event_hash(prev, record_of(event), key))
        prev = event.hash
        sealed.append({**values, "hash": event.hash, "event_id": event.id})
    session.execute(_SEAL, sealed)
    # Workbenches watching the log hear of it on commit (NOTIFY on PostgreSQL; services.changes).
    announce(session, [e.id or 0 for e in queued], [e.claim_id for e in queued])


def _check_key(session: Session, previous_id: int, key: bytes | None) -> None:
    """A keyed log takes keyed events only, with its own key: an unkeyed event after keyed ones, or one
    keyed with another key, would make every later `audit verify` report tampering that did not happen.
    AuditKeyError (the write is refused) otherwise."""
    if not key:
        raise AuditKeyError(f"this audit log is keyed: set {AUDIT_KEY_ENV} to write to it (the desk's key)")
    confirmed = (str(session.get_bind().engine.url), key)
    if confirmed in _KEYS_CONFIRMED:
        return
    event = session.get(Event, previous_id)
    if event is None or not hmac.compare_digest(event_hash(event.prev_hash, record_of(event), key), event.hash):
        raise AuditKeyError(f"{AUDIT_KEY_ENV} is not the key this audit log was written with: nothing was saved")
    _KEYS_CONFIRMED.add(confirmed)


class AuditKeyError(FactcheckError):
    """The audit key set does not fit the log (none, or another one)."""


@sa_event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: Any) -> None:
    if transaction.parent is None:  # the outermost transaction ended (committed or rolled back)
        session.info.pop(_QUEUED, None)
        session.info.pop(_WRITTEN, None)


def record_of(e: Event) -> EventRecord:
    """The plain record the chain functions judge."""
    return EventRecord(
        id=e.id or 0,
        at=e.at,
        actor=e.actor,
        action=e.action,
        entity=e.entity,
        entity_id=e.entity_id,
        claim_id=e.claim_id,
        before=e.before,
        after=e.after,
        prev_hash=e.prev_hash,
        hash=e.hash,
        scheme=e.scheme,
        rows=e.rows,
    )


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
    """(True, None) when every event verifies (chain only); else the first bad event's id."""
    _state, finding = walk((record_of(e) for e in session.exec(select(Event).order_by(col(Event.id)))), key=audit_key())
    return (finding is None, finding.event_id if finding else None)
