"""What changed since event N: how a workbench notices the writes of others (live updates).

Every write appends an audit event (services.audit), so "what changed" is "which events are newer than
the newest one I have seen". Two cheap questions answer it:

- `newest_event_id(session)`: one primary-key lookup, polled about once a second on SQLite;
- `changes_since(session, event_id)`: the newer events with the claim and article each one touched.

On PostgreSQL the writer also announces each transaction with `NOTIFY` (`announce`, called from the
audit seal, so it is delivered on commit and never for a rolled-back write): a listener wakes at once
instead of polling. LISTEN/NOTIFY channels belong to a database, not a schema, so the channel name is
derived from the schema the connection writes to (`CHANNEL_SQL`): desks (and tests) sharing one
PostgreSQL database in different schemas do not wake each other.

Own writes: a workbench refreshes itself after its own writes, so it should not hear them again as
"changed by someone else". `track_own_writes(engine)` asks that the ids of events written through that
engine be remembered; `take_own(engine, ids)` hands back (and forgets) those among `ids`. Another
process, or another engine in the same process (a test playing a colleague), is never "own".
"""

from __future__ import annotations

import json
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, text

from factcheck.store.models import Claim, Event

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

# The NOTIFY channel of the schema a connection works in (≤ 63 bytes, PostgreSQL's identifier limit).
CHANNEL_SQL = "'factcheck_' || left(md5(coalesce(current_schema(), '')), 16)"
# Values of an event's `after` that word a change ("verdict: false"); the rest (claim snapshots) stay out.
_WORDING_KEYS = ("rating", "status", "decision")
# At most this many claim ids ride along in a NOTIFY payload (PostgreSQL limits it to 8,000 bytes).
_PAYLOAD_CLAIMS = 20


@dataclass(frozen=True)
class Change:
    """One audit event as a workbench needs it: who did what to which claim of which article."""

    event_id: int
    at: datetime
    actor: str
    action: str  # "verdict.set", "note.add" … (factcheck.history_words words it)
    entity: str
    entity_id: int
    claim_id: int | None
    article_id: int | None  # None: neither a claim nor an article (a fact-check import), or the claim is gone
    claim_version: int | None  # the claim's version now (None: no claim, or it was deleted meanwhile)
    values: dict[str, Any] = field(default_factory=dict)  # rating/status/decision the event set, if any


@dataclass(frozen=True)
class ChangeBatch:
    """The changes after some event id, oldest first; `newest_id` is where the next question starts."""

    changes: list[Change]
    newest_id: int
    truncated: bool = False  # more changes than were read: refresh everything rather than per claim

    @property
    def claim_ids(self) -> set[int]:
        return {c.claim_id for c in self.changes if c.claim_id is not None}

    @property
    def article_ids(self) -> set[int]:
        return {c.article_id for c in self.changes if c.article_id is not None}

    def touches_article(self, article_id: int, claim_ids: Iterable[int] = ()) -> bool:
        """Whether anything in the batch may concern `article_id` (whose claims are `claim_ids`)."""
        if self.truncated or article_id in self.article_ids:
            return True
        shown = set(claim_ids)
        # A claim deleted meanwhile (merged, an undone split) has no article any more: judge by its id.
        return any(c.article_id is None and c.claim_id in shown for c in self.changes)


def newest_event_id(session: Session) -> int:
    """The id of the newest audit event, 0 for an empty log (one index lookup)."""
    return int(session.execute(select(func.max(Event.id))).scalar() or 0)  # type: ignore[arg-type]


def changes_since(session: Session, event_id: int, *, limit: int = 200) -> ChangeBatch:
    """The events newer than `event_id`, oldest first, at most `limit` of them.

    With more than `limit`, the batch is `truncated` and `newest_id` is the newest event of all, so
    the caller refreshes everything once instead of reading a bulk import event by event.
    """
    events = Event.__table__  # type: ignore[attr-defined]
    claims = Claim.__table__  # type: ignore[attr-defined]
    query = (
        select(
            events.c.id,
            events.c.at,
            events.c.actor,
            events.c.action,
            events.c.entity,
            events.c.entity_id,
            events.c.claim_id,
            events.c.after,
            claims.c.article_id,
            claims.c.version,
        )
        .select_from(events.outerjoin(claims, claims.c.id == events.c.claim_id))
        .where(events.c.id > event_id)
        .order_by(events.c.id)
        .limit(limit + 1)
    )
    rows = session.execute(query).all()
    truncated = len(rows) > limit
    changes = [_change_of(row) for row in rows[:limit]]
    newest = newest_event_id(session) if truncated else (changes[-1].event_id if changes else event_id)
    return ChangeBatch(changes, newest, truncated)


def _change_of(row: Any) -> Change:
    after = row.after
    if isinstance(after, str):  # a driver that hands JSON back as text
        after = json.loads(after)
    values = {k: after[k] for k in _WORDING_KEYS if isinstance(after, dict) and isinstance(after.get(k), str)}
    article_id = row.article_id
    if article_id is None and row.entity == "article":
        article_id = row.entity_id
    return Change(
        event_id=row.id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_id=row.entity_id,
        claim_id=row.claim_id,
        article_id=article_id,
        claim_version=row.version,
        values=values,
    )


# -- announcing (PostgreSQL) ---------------------------------------------------------------------------


def announce(session: Session, event_ids: list[int], claim_ids: list[int | None]) -> None:
    """Called when a write transaction's events are sealed, just before it commits.

    Remembers the ids for an engine that tracks its own writes, and on PostgreSQL sends one NOTIFY
    (payload: `{"event": newest id, "claims": [up to 20 ids]}`), delivered to listeners on commit.
    """
    if not event_ids:
        return
    bind = session.get_bind()
    _remember_own(bind, event_ids)
    if bind.dialect.name != "postgresql":
        return
    claims = sorted({c for c in claim_ids if c is not None})[:_PAYLOAD_CLAIMS]
    payload = json.dumps({"event": max(event_ids), "claims": claims}, separators=(",", ":"))
    session.execute(text(f"SELECT pg_notify({CHANNEL_SQL}, :payload)"), {"payload": payload})


# -- own writes ----------------------------------------------------------------------------------------

_OWN_LOCK = threading.Lock()
_OWN: weakref.WeakKeyDictionary[Any, set[int]] = weakref.WeakKeyDictionary()
# A watcher that stopped taking its ids back must not make a long session grow without bound.
_OWN_LIMIT = 100_000


def track_own_writes(engine: Engine) -> None:
    """From now on remember the ids of events written through `engine` (see `take_own`)."""
    with _OWN_LOCK:
        _OWN.setdefault(engine, set())


def take_own(engine: Engine, event_ids: Iterable[int], *, seen_upto: int) -> set[int]:
    """Those of `event_ids` that were written through `engine` since it was tracked.

    Every remembered id up to `seen_upto` is forgotten then: writers append under one lock, so ids
    commit in order, and one not seen by then belonged to a transaction that rolled back.
    """
    with _OWN_LOCK:
        own = _OWN.get(engine)
        if not own:
            return set()
        found = own.intersection(event_ids)
        own.difference_update({i for i in own if i <= seen_upto})
        return found


def _remember_own(bind: Any, event_ids: list[int]) -> None:
    engine = getattr(bind, "engine", bind)  # a session bound to a Connection
    with _OWN_LOCK:
        own = _OWN.get(engine)
        if own is None:
            return
        if len(own) > _OWN_LIMIT:
            own.clear()
        own.update(event_ids)


# -- listening (PostgreSQL) ----------------------------------------------------------------------------


class ChangeListener:
    """A connection of its own that LISTENs on the engine's change channel (PostgreSQL only).

    Not from the engine's pool: a listening connection stays open for the life of a workbench and must
    not be handed to a service afterwards with LISTEN still active. Errors are psycopg's
    (`psycopg.Error`, e.g. OperationalError when the server goes away); the caller reconnects.
    """

    def __init__(self, engine: Engine, *, connect_timeout: int = 5) -> None:
        import psycopg
        from psycopg import sql

        args, kwargs = engine.dialect.create_connect_args(engine.url)
        kwargs.pop("context", None)  # SQLAlchemy's adapters: not needed for LISTEN
        self._connection = psycopg.connect(*args, **kwargs, autocommit=True, connect_timeout=connect_timeout)
        try:
            row = self._connection.execute(f"SELECT {CHANNEL_SQL}").fetchone()
            self.channel = str(row[0]) if row else "factcheck_"
            self._connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
        except BaseException:
            self._connection.close()
            raise

    def wait(self, timeout: float) -> bool:
        """Block up to `timeout` seconds for a NOTIFY; True when one (or more) arrived."""
        heard = False
        for _notice in self._connection.notifies(timeout=timeout, stop_after=1):
            heard = True
        return heard

    def drain(self) -> None:
        """Forget the NOTIFYs already received (the caller reads what changed from the log anyway)."""
        for _notice in self._connection.notifies(timeout=0):
            pass

    def ping(self) -> None:
        """A round trip, so a connection that died quietly raises instead of waiting forever."""
        self._connection.execute("SELECT 1")

    def close(self) -> None:
        self._connection.close()
