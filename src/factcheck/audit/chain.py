"""The hash chain over audit events, its verification, and checkpoints that anchor it outside the database.

Schemes (stored per event, so a database keeps verifying across upgrades):

1. legacy (before migration 0007): SHA-256 over prev hash, time, actor, action, entity, entity id,
   before, after. It does not cover the claim id or the rows written.
2. SHA-256 over everything that matters: prev hash, time, actor, action, entity, entity id, claim id,
   before, after and `rows`, the digests (audit.digest) of every row the event's transaction wrote.
3. as 2, but an HMAC-SHA256 keyed with FACTCHECK_AUDIT_KEY, which is kept outside the database:
   without the key nobody can recompute a chain that verifies.

What verification detects: any edit of an event (chain mismatch), any edit or deletion of an audited
row, or a row that no event wrote (digest mismatch). What needs an anchor: deleting the newest events,
or rewriting the whole chain with scheme 2 (anyone can compute SHA-256) — a checkpoint kept elsewhere
(`checkpoint_of`) detects both; with a key (scheme 3) a rewrite is impossible without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from factcheck.audit.digest import canonical, timestamp

LEGACY, SHA256, HMAC_SHA256 = 1, 2, 3
CHECKPOINT_FORMAT = "factcheck-audit-checkpoint/1"
AUDIT_KEY_ENV = "FACTCHECK_AUDIT_KEY"


def audit_key() -> bytes | None:
    """The HMAC key from FACTCHECK_AUDIT_KEY (kept outside the database), None when unset."""
    value = os.environ.get(AUDIT_KEY_ENV, "")
    return value.encode("utf-8") if value else None


@dataclass
class EventRecord:
    """One audit event as stored. `rows`: "table:id" -> digest (None: the row was deleted)."""

    id: int
    at: datetime | str
    actor: str
    action: str
    entity: str
    entity_id: int
    claim_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    prev_hash: str
    hash: str
    scheme: int = LEGACY
    rows: dict[str, str | None] | None = None


def _legacy_hash(prev_hash: str, e: EventRecord) -> str:
    at = e.at if isinstance(e.at, datetime) else datetime.fromisoformat(str(e.at))
    if at.tzinfo is None:  # read back as text (SQLite): it was hashed as an aware UTC time
        at = at.replace(tzinfo=UTC)
    payload = canonical([prev_hash, at.isoformat(), e.actor, e.action, e.entity, e.entity_id, e.before, e.after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def event_hash(prev_hash: str, e: EventRecord, key: bytes | None = None) -> str:
    """The hash event `e` must carry after `prev_hash`, by its scheme. ValueError: scheme 3 without a key."""
    if e.scheme == LEGACY:
        return _legacy_hash(prev_hash, e)
    payload = canonical(
        [
            e.scheme,
            prev_hash,
            timestamp(e.at),
            e.actor,
            e.action,
            e.entity,
            e.entity_id,
            e.claim_id,
            e.before,
            e.after,
            e.rows or {},
        ]
    ).encode("utf-8")
    if e.scheme == HMAC_SHA256:
        if not key:
            raise ValueError("this event is keyed: set FACTCHECK_AUDIT_KEY to verify it")
        return hmac.new(key, payload, hashlib.sha256).hexdigest()
    return hashlib.sha256(payload).hexdigest()


@dataclass
class Finding:
    """The first thing that does not verify, in words, with where it is."""

    problem: str
    event_id: int | None = None
    row: str | None = None  # "table:id"

    def __str__(self) -> str:
        where = f"event {self.event_id}" if self.event_id is not None else f"row {self.row}"
        return f"{where}: {self.problem}"


@dataclass
class ChainState:
    """What walking the events established: the head, and each row's digest as last written."""

    events: int = 0
    head_id: int | None = None
    head_hash: str = ""
    head_at: str | None = None
    keyed: bool = False
    digests: dict[str, str | None] = field(default_factory=dict)


def walk(events: Iterable[EventRecord], *, key: bytes | None = None) -> tuple[ChainState, Finding | None]:
    """Verify the chain in id order; stops at the first event that does not verify.

    With a `key`, every event from the first keyed one on must be keyed (no downgrade to plain SHA-256),
    and the newest event must be keyed: a chain rewritten wholly with plain SHA-256 has no keyed event
    left to betray it. (A desk that has just set the key sees this too until its next write.)
    """
    state = ChainState()
    for e in events:
        if e.prev_hash != state.head_hash:
            return state, Finding("its link to the previous event is broken (an event was removed or edited)", e.id)
        if state.keyed and e.scheme != HMAC_SHA256 and key:
            return state, Finding("unkeyed event after keyed ones (the chain was recomputed without the key)", e.id)
        try:
            expected = event_hash(state.head_hash, e, key)
        except ValueError as exc:
            return state, Finding(str(exc), e.id)
        if not hmac.compare_digest(expected, e.hash):
            return state, Finding("its content does not match its hash (the event was edited)", e.id)
        state.events += 1
        state.head_id, state.head_hash, state.head_at = e.id, e.hash, timestamp(e.at)
        state.keyed = state.keyed or e.scheme == HMAC_SHA256
        state.digests.update(e.rows or {})
    if key and state.head_id is not None and not state.keyed:
        return state, Finding(
            f"{AUDIT_KEY_ENV} is set but no event is keyed: the chain was recomputed without the key"
            " (or nothing was written since the key was introduced)",
            state.head_id,
        )
    return state, None


def check_rows(state: ChainState, current: Iterable[tuple[str, str]]) -> Finding | None:
    """Compare the stored rows ("table:id", digest) with what the events last wrote for them.

    A row whose digest differs was edited; a row no event wrote was inserted behind the app's back
    (rows from before row digests existed are covered by the baseline event of migration 0007); a row
    an event wrote that is gone was deleted.
    """
    seen: set[str] = set()
    for row, digest in current:
        seen.add(row)
        if row not in state.digests:
            return Finding("no audit event wrote this row (it was inserted directly)", row=row)
        written = state.digests[row]
        if written != digest:
            return Finding("its content differs from what its last audit event recorded (edited directly)", row=row)
    for row, digest in state.digests.items():
        if digest is not None and row not in seen:
            return Finding("an audit event wrote this row but it is gone (deleted directly)", row=row)
    return None


@dataclass(frozen=True)
class Checkpoint:
    """The head of the chain at one moment, to keep outside the database."""

    event_id: int
    hash: str
    at: str | None
    events: int
    keyed: bool
    format: str = CHECKPOINT_FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        """ValueError (one line) when `text` is not a checkpoint this version writes."""
        try:
            data = json.loads(text)
            if data.get("format") != CHECKPOINT_FORMAT:
                raise ValueError
            return cls(
                event_id=int(data["event_id"]),
                hash=str(data["hash"]),
                at=data.get("at"),
                events=int(data["events"]),
                keyed=bool(data.get("keyed", False)),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise ValueError("not a factcheck audit checkpoint (expected the JSON `audit checkpoint` writes)") from None


def checkpoint_of(state: ChainState) -> Checkpoint | None:
    if state.head_id is None:
        return None
    return Checkpoint(state.head_id, state.head_hash, state.head_at, state.events, state.keyed)


def check_checkpoint(checkpoint: Checkpoint, seen: Mapping[int, str], state: ChainState) -> Finding | None:
    """The checkpointed head must still be in the chain with the same hash (`seen`: id -> hash of every
    verified event); a keyed checkpoint needs a keyed chain."""
    if checkpoint.event_id not in seen:
        return Finding("the checkpointed event is missing (events were deleted)", checkpoint.event_id)
    if not hmac.compare_digest(seen[checkpoint.event_id], checkpoint.hash):
        return Finding("its hash differs from the checkpoint (the chain was recomputed)", checkpoint.event_id)
    if checkpoint.keyed and not state.keyed:
        return Finding("the checkpoint was keyed, the chain is not (recomputed without the key)", checkpoint.event_id)
    return None


def with_seen(events: Iterable[EventRecord], seen: dict[int, str]) -> Iterator[EventRecord]:
    """Pass events through, remembering id -> hash (for check_checkpoint)."""
    for e in events:
        seen[e.id] = e.hash
        yield e
