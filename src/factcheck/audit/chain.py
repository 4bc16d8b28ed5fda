"""The hash chain over audit events, its verification, and checkpoints that anchor it outside the database.

Schemes (stored per event, so a database keeps verifying across upgrades):

1. legacy (before migration 0007): SHA-256 over prev hash, time, actor, action, entity, entity id,
   before, after. It does not cover the event's id, its claim id or rows: the baseline event of
   migration 0007 records a digest of every legacy event's id, claim id and hash (BASELINE_ACTION,
   `after["legacy"]`), a legacy event may carry no rows, and none may follow a newer one.
2. SHA-256 over everything that matters: prev hash, time, actor, action, entity, entity id, claim id,
   before, after and `rows`, the digests (audit.digest) of every row the event's transaction wrote,
   as one canonical JSON array.
3. as 2, but an HMAC-SHA256 keyed with FACTCHECK_AUDIT_KEY, which is kept outside the database:
   without the key nobody can recompute a chain that verifies.
4. and 5. (what the app writes now) the same fields and the event's id, unkeyed (4) or keyed (5),
   framed: a canonical JSON header with the scalar fields and the lengths (UTF-8 bytes) of the canonical
   JSON texts of before, after and rows, a newline, then those three texts. The store keeps these
   columns as exactly that canonical text, so a verifier hashes them as read, without parsing and
   re-encoding a million snapshots (benchmarks/audit.py); the lengths fix where each text ends, so no
   text can borrow from its neighbour. Text that is not stored canonically (another serialiser, an edit
   by hand) is judged by its values instead, as 2 and 3 are.

What verification detects: any edit of an event (chain mismatch), any edit or deletion of an audited
row, or a row that no event wrote (digest mismatch). What needs an anchor: deleting the newest events,
or rewriting the whole chain unkeyed (anyone can compute SHA-256) — a checkpoint kept elsewhere
(`checkpoint_of`) detects both; with a key (schemes 3 and 5) a rewrite is impossible without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from factcheck.audit.digest import canonical, parse_json, timestamp

# JSON string literal exactly as canonical() writes one (the encoder's own function, UTF-8 as is).
_json_str = json.encoder.encode_basestring

LEGACY, SHA256, HMAC_SHA256, SHA256_FRAMED, HMAC_FRAMED = 1, 2, 3, 4, 5
FRAMED = frozenset({SHA256_FRAMED, HMAC_FRAMED})
BASELINE_ACTION = "audit.baseline"  # migration 0007's event for what was stored before


class KeyMissing(ValueError):
    """A keyed event and no key to check it with."""


KEYED = frozenset({HMAC_SHA256, HMAC_FRAMED})
CHECKPOINT_FORMAT = "factcheck-audit-checkpoint/1"
AUDIT_KEY_ENV = "FACTCHECK_AUDIT_KEY"


def audit_key() -> bytes | None:
    """The HMAC key from FACTCHECK_AUDIT_KEY (kept outside the database), None when unset."""
    value = os.environ.get(AUDIT_KEY_ENV, "")
    return value.encode("utf-8") if value else None


@dataclass(slots=True)
class EventRecord:
    """One audit event as stored. `rows`: "table:id" -> digest (None: the row was deleted).

    `texts`, when the record was read from a store: before, after and rows as the JSON texts stored,
    in UTF-8 (None for NULL). A framed event (schemes 4, 5) is then hashed over those texts as they are, and its
    `before`/`after` need not be parsed; `parsed()` gives the values when the texts do not verify.
    """

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
    texts: tuple[bytes | None, bytes | None, bytes | None] | None = None

    def parsed(self) -> EventRecord:
        """This event with before, after and rows taken from `texts` (unparseable text: None)."""
        if self.texts is None:
            return self
        before, after, rows = (_json_or_none(text) for text in self.texts)
        return replace(self, before=before, after=after, rows=rows, texts=None)


# An event as `audit verify` reads it, a million times over: (id, at, actor, action, entity, entity_id,
# claim_id, before, after, prev_hash, hash, scheme, rows), with before, after and rows the stored JSON
# texts in UTF-8 (None for NULL). A plain tuple: building a record per event costs more than hashing it.
StoredEvent = tuple[Any, ...]


def stored_record(row: StoredEvent) -> EventRecord:
    """The EventRecord of a stored event: a framed one keeps its texts (hashed as stored) with its rows
    parsed; an older scheme is hashed over its values, so it comes parsed."""
    id_, at, actor, action, entity, entity_id, claim_id, before, after, prev_hash, hash_, scheme, rows = row
    scheme = int(scheme or LEGACY)
    record = EventRecord(id_, at, actor, action, entity, entity_id, claim_id, None, None, prev_hash, hash_, scheme)
    record.texts = (before, after, rows)
    if scheme not in FRAMED:
        return record.parsed()
    record.rows = _json_or_none(rows)  # unparseable: the hash tells whether that is what the event wrote
    return record


def _json_or_none(text: bytes | None) -> Any:
    if text is None:
        return None
    try:
        return parse_json(text)
    except ValueError:
        return None


def _legacy_hash(prev_hash: str, e: EventRecord) -> str:
    at = e.at if isinstance(e.at, datetime) else datetime.fromisoformat(str(e.at))
    if at.tzinfo is None:  # read back as text (SQLite): it was hashed as an aware UTC time
        at = at.replace(tzinfo=UTC)
    payload = canonical([prev_hash, at.isoformat(), e.actor, e.action, e.entity, e.entity_id, e.before, e.after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def framed_texts(e: EventRecord) -> tuple[bytes, bytes, bytes]:
    """The canonical JSON texts (UTF-8) of before, after and rows that a framed event's hash covers."""
    return canonical(e.before).encode(), canonical(e.after).encode(), canonical(e.rows or {}).encode()


def _framed_header(
    scheme: int, prev_hash: str, at: str | None, e: EventRecord | StoredEvent, lengths: tuple[int, int, int]
) -> bytes:
    """The framed payload's first line: canonical JSON of the scalar fields and the texts' lengths."""
    if type(e) is tuple:
        event_id, actor, action, entity, entity_id, claim_id = e[0], e[2], e[3], e[4], e[5], e[6]
    else:
        event_id, actor, action, entity, entity_id, claim_id = (
            e.id,
            e.actor,
            e.action,
            e.entity,
            e.entity_id,
            e.claim_id,
        )
    if (
        type(scheme) is int
        and type(event_id) is int
        and type(entity_id) is int
        and (claim_id is None or type(claim_id) is int)
        and type(prev_hash) is str
        and type(at) is str
        and type(actor) is str
        and type(action) is str
        and type(entity) is str
    ):
        # canonical() of the header's list, written out: the usual types, a million times over
        header = (
            f"[{scheme},{event_id},{_json_str(prev_hash)},{_json_str(at)},{_json_str(actor)},{_json_str(action)},"
            f"{_json_str(entity)},{entity_id},{'null' if claim_id is None else claim_id},"
            f"{lengths[0]},{lengths[1]},{lengths[2]}]\n"
        )
    else:
        header = (
            canonical([scheme, event_id, prev_hash, at, actor, action, entity, entity_id, claim_id, *lengths]) + "\n"
        )
    return header.encode()


def _framed_payload(prev_hash: str, e: EventRecord, texts: tuple[bytes, bytes, bytes]) -> bytes:
    before, after, rows = texts
    header = _framed_header(e.scheme, prev_hash, timestamp(e.at), e, (len(before), len(after), len(rows)))
    return b"".join((header, before, after, rows))


def event_hash(prev_hash: str, e: EventRecord, key: bytes | None = None) -> str:
    """The hash event `e` must carry after `prev_hash`, by its scheme. KeyMissing: a keyed scheme without a key.

    A framed event with stored `texts` is hashed over them as stored (NULL as `null`, rows as `{}`):
    equal to the hash of its values exactly when the store kept their canonical text.
    """
    if e.scheme == LEGACY:
        return _legacy_hash(prev_hash, e)
    if e.scheme in FRAMED:
        if e.texts is not None:
            before, after, rows = e.texts
            texts = (before if before is not None else b"null", after if after is not None else b"null", rows or b"{}")
        else:
            texts = framed_texts(e)
        payload = _framed_payload(prev_hash, e, texts)
    else:
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
    if e.scheme in KEYED:
        if not key:
            raise KeyMissing("this event is keyed: set FACTCHECK_AUDIT_KEY to verify it")
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
    watched: dict[int, str] = field(default_factory=dict)  # id -> hash of the event walk was told to watch
    # Legacy events (id, claim id, hash) before the baseline event that vouches for them; whether a
    # newer event or the baseline was met (see _check_special).
    legacy: list[tuple[Any, Any, Any]] = field(default_factory=list)
    modern: bool = False
    baseline_seen: bool = False
    # For joining walks of the chain's parts (join_walks): the hash the first event links to, the first
    # event verified, the first unkeyed one.
    start_hash: str = ""
    first_id: int | None = None
    first_unkeyed: int | None = None


def walk(
    events: Iterable[EventRecord | StoredEvent], *, key: bytes | None = None, watch: int | None = None
) -> tuple[ChainState, Finding | None]:
    """Verify the chain in id order; stops at the first event that does not verify.

    `events` are records, or stored tuples (StoredEvent) as `audit verify` reads them. With a `key`,
    every event from the first keyed one on must be keyed (no downgrade to plain SHA-256), and the newest
    event must be keyed: a chain rewritten wholly with plain SHA-256 has no keyed event left to betray
    it. (A desk that has just set the key sees this too until its next write.) The hash of event `watch`
    is kept in `state.watched` (for check_checkpoint).
    """
    state = ChainState()
    finding = walk_into(state, events, key=key, watch=watch)
    return state, finding or check_head(state, key)


def check_head(state: ChainState, key: bytes | None) -> Finding | None:
    """What only the whole chain tells: with a key, its newest event must be keyed (see walk); legacy
    events need the baseline event after them."""
    if state.legacy and not state.baseline_seen:
        return Finding("legacy events that no baseline event vouches for (it was removed)", state.legacy[0][0])
    if key and state.head_id is not None and not state.keyed:
        return Finding(
            f"{AUDIT_KEY_ENV} is set but no event is keyed: the chain was recomputed without the key"
            " (or nothing was written since the key was introduced)",
            state.head_id,
        )
    return None


def join_walks(state: ChainState, later: ChainState, key: bytes | None) -> bool:
    """Append to `state` the walk of the chain's later part, done elsewhere without a finding (`later`:
    begun with head_hash = start_hash = its first event's prev_hash), when it joins cleanly: its first
    event links to state's head, and no unkeyed event follows a keyed one. False changes nothing: walk
    that part again after `state` to find the first problem as one walk would."""
    if later.first_id is None:  # the later part was empty
        return True
    if later.start_hash != state.head_hash or (key and state.keyed and later.first_unkeyed is not None):
        return False
    if later.legacy or later.baseline_seen:  # judged in chain order only (_check_special)
        return False
    state.events += later.events
    state.head_id, state.head_hash, state.head_at = later.head_id, later.head_hash, later.head_at
    state.keyed = state.keyed or later.keyed
    if state.first_unkeyed is None:
        state.first_unkeyed = later.first_unkeyed
    state.digests.update(later.digests)
    state.watched.update(later.watched)
    state.modern = state.modern or later.modern
    return True


def _stored_hash_matches(prev_hash: str, row: StoredEvent, key: bytes | None) -> bool:
    """Whether a stored framed event's hash is that of its texts as stored (the usual case: the store
    keeps their canonical text). False also when it cannot tell; the record's own check then decides."""
    scheme = row[11]
    if scheme == SHA256_FRAMED:
        digest = hashlib.sha256()
    elif scheme == HMAC_FRAMED and key:
        digest = hmac.new(key, digestmod=hashlib.sha256)
    else:
        return False
    before, after, rows = row[7], row[8], row[12]
    before = before if before is not None else b"null"
    after = after if after is not None else b"null"
    rows = rows or b"{}"
    if type(before) is not bytes or type(after) is not bytes or type(rows) is not bytes:
        return False
    try:
        header = _framed_header(scheme, prev_hash, timestamp(row[1]), row, (len(before), len(after), len(rows)))
    except (ValueError, TypeError, OverflowError):
        return False  # the slow path names what is unreadable
    digest.update(header)
    digest.update(before)
    digest.update(after)
    digest.update(rows)
    return type(row[10]) is str and hmac.compare_digest(digest.hexdigest(), row[10])


def _record_verifies(prev_hash: str, e: EventRecord, key: bytes | None) -> bool:
    """Whether `e` carries the hash its content gives after `prev_hash`; KeyMissing: keyed, no key."""
    if type(e.hash) is not str:
        return False
    if hmac.compare_digest(event_hash(prev_hash, e, key), e.hash):
        return True
    if e.texts is None:
        return False
    # stored text that is not canonical (another serialiser, an edit by hand): judge the values it holds
    return hmac.compare_digest(event_hash(prev_hash, e.parsed(), key), e.hash)


def _check_record(
    prev_hash: str, stored: EventRecord | StoredEvent, key: bytes | None, keyed_seen: bool
) -> EventRecord | Finding:
    """The slow path of walk_into: the event as a record when its hash verifies, else what is wrong."""
    event_id = stored[0] if type(stored) is tuple else stored.id  # type: ignore[union-attr]
    try:
        record = stored_record(stored) if type(stored) is tuple else stored
        if _record_verifies(prev_hash, record, key):  # type: ignore[arg-type]
            return record  # type: ignore[return-value]
    except KeyMissing as exc:
        return Finding(str(exc), event_id)
    except (ValueError, TypeError, OverflowError, AttributeError):
        # a time that is no time, a scheme that is no number, a hash that is no text: set by hand
        return Finding("its stored values are not readable (the event was edited)", event_id)
    if key and not keyed_seen and record.scheme in KEYED:  # type: ignore[union-attr]
        return Finding(
            f"its keyed hash does not match: {AUDIT_KEY_ENV} is not the key the log was written with"
            " (or the event was edited)",
            event_id,
        )
    return Finding("its content does not match its hash (the event was edited)", event_id)


def _check_special(state: ChainState, record: EventRecord) -> Finding | None:
    """Legacy events (scheme 1) cover less than newer ones: they may carry no rows, may not follow a
    newer event, and the baseline event of migration 0007 vouches for their ids and claim ids."""
    if record.scheme == LEGACY:
        if record.rows:
            return Finding("a legacy event carries rows, which its hash does not cover (edited)", record.id)
        if state.modern:
            return Finding("a legacy event after newer ones (its scheme was changed)", record.id)
        state.legacy.append((record.id, record.claim_id, record.hash))
        return None
    state.modern = True
    if record.action == BASELINE_ACTION:
        state.baseline_seen = True
        recorded = (record.after or {}).get("legacy") if isinstance(record.after, dict) else None
        if state.legacy and recorded != legacy_summary(state.legacy):
            return Finding(
                f"the {len(state.legacy)} legacy events before it are not the ones it recorded"
                " (an id or a claim id was changed)",
                record.id,
            )
    return None


def legacy_summary(legacy: list[tuple[Any, Any, Any]]) -> dict[str, Any]:
    """What the baseline event records of the legacy events before it: their count and a digest of
    their ids, claim ids and hashes (which their own hashes do not cover)."""
    digest = hashlib.sha256(canonical([list(item) for item in legacy]).encode("utf-8")).hexdigest()
    return {"events": len(legacy), "digest": digest}


def walk_into(
    state: ChainState,
    events: Iterable[EventRecord | StoredEvent],
    *,
    key: bytes | None = None,
    watch: int | None = None,
) -> Finding | None:
    """walk's loop, continuing from `state` (a fresh one: the chain's start) and updating it with every
    event that verifies; the first finding ends it."""
    # Locals, written back once at the end: this loop runs a million times in `audit verify`.
    head_id, head_hash, head_at, count = state.head_id, state.head_hash, state.head_at, state.events
    keyed_seen, first_id, first_unkeyed = state.keyed, state.first_id, state.first_unkeyed
    digests = state.digests
    try:
        for e in events:
            stored = type(e) is tuple
            event_id, prev_hash = (e[0], e[9]) if stored else (e.id, e.prev_hash)  # type: ignore[union-attr,index]
            if prev_hash != head_hash:
                return Finding("its link to the previous event is broken (an event was removed or edited)", event_id)
            if stored and _stored_hash_matches(head_hash, e, key):  # type: ignore[arg-type]
                keyed, event_hash_, at, rows = e[11] == HMAC_FRAMED, e[10], e[1], e[12]  # type: ignore[index]
                if rows is not None and len(rows) > 2:
                    rows = _json_or_none(rows)
                    if rows is None:  # hashed as stored yet not JSON: never what the app writes
                        return Finding("its rows are not readable", event_id)
                else:
                    rows = None
                state.modern = True
            else:
                checked = _check_record(head_hash, e, key, keyed_seen)
                if isinstance(checked, Finding):
                    return checked
                if finding := _check_special(state, checked):
                    return finding
                keyed, event_hash_, at, rows = checked.scheme in KEYED, checked.hash, checked.at, checked.rows
            if not keyed:
                if keyed_seen and key:
                    return Finding(
                        "unkeyed event after keyed ones (the chain was recomputed without the key)", event_id
                    )
                if first_unkeyed is None:
                    first_unkeyed = event_id
            if first_id is None:
                first_id = event_id
            count += 1
            head_id, head_hash, head_at = event_id, event_hash_, at
            keyed_seen = keyed_seen or keyed
            if event_id == watch:
                state.watched[event_id] = event_hash_
            if rows:
                digests.update(rows)
        return None
    finally:
        state.events, state.head_id, state.head_hash, state.keyed = count, head_id, head_hash, keyed_seen
        state.first_id, state.first_unkeyed = first_id, first_unkeyed
        state.head_at = timestamp(head_at)  # once, not per event


def check_rows(state: ChainState, current: Iterable[tuple[str, str]]) -> Finding | None:
    """Compare the stored rows ("table:id", digest) with what the events last wrote for them.

    A row whose digest differs was edited; a row no event wrote was inserted behind the app's back
    (rows from before row digests existed are covered by the baseline event of migration 0007); a row
    an event wrote that is gone was deleted.
    """
    digests = state.digests
    seen: list[str] = []
    for row, digest in current:
        written = digests.get(row, _UNWRITTEN)
        if written is _UNWRITTEN:
            return Finding("no audit event wrote this row (it was inserted directly)", row=row)
        if written != digest:
            return Finding("its content differs from what its last audit event recorded (edited directly)", row=row)
        seen.append(row)
    # Every stored row matched a written one; as many as were written and not deleted means none is gone.
    if len(seen) == sum(1 for digest in digests.values() if digest is not None):
        return None
    present = set(seen)
    for row, digest in digests.items():
        if digest is not None and row not in present:
            return Finding("an audit event wrote this row but it is gone (deleted directly)", row=row)
    return None


_UNWRITTEN = object()


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
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError):
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
