"""Opening the store: URL resolution, SQLite pragmas, automatic Alembic migrations, transactions.

Transactions on SQLite (WAL) come in two kinds, decided when they begin:

- **read** (the default): a deferred `BEGIN`. A WAL reader works on a snapshot and never waits for a
  writer, so `claims`, `show`, `articles` and the workbench stay responsive while someone imports.
- **write**: `BEGIN IMMEDIATE`, taking the single write lock before the first read. A deferred
  transaction that reads (a claim's version, the audit chain's last hash) and only then writes cannot
  be upgraded once another writer committed in between (SQLITE_BUSY_SNAPSHOT, no waiting helps), so
  every writing service calls `begin_write(session)` first. While another writer holds the lock the
  BEGIN is retried with jittered exponential backoff for at most `WRITE_WAIT_SECONDS`, so concurrent
  writers queue instead of failing.

`session_scope` (read, upgraded by the services) and `write_scope` (write from the start) are the two
units of work. PostgreSQL needs neither: MVCC readers never block, and the audit chain serialises
writers with an advisory lock (services.audit).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from factcheck.errors import Conflict, StoreError
from factcheck.store.migrations import HEAD_REVISION
from factcheck.store.reader import DEFAULT_DB as DEFAULT_DB
from factcheck.store.reader import READ_BUSY_MS, resolve_url

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS = Path(__file__).parent / "migrations"

# Execution option that marks a connection's transaction as a write transaction (BEGIN IMMEDIATE).
WRITE_OPTION = "factcheck_write"
# The longest a writer queues for the lock before giving up with a clear error.
WRITE_WAIT_SECONDS = float(os.environ.get("FACTCHECK_WRITE_WAIT", "30"))
# How long SQLite's own busy handler waits inside one attempt; between attempts we back off ourselves.
_ATTEMPT_MS = 100
# PostgreSQL advisory lock shared with services.audit: one writer at a time appends to the chain. Keyed
# by (7041, the schema's hash), so desks (and tests) in other schemas of one database never queue behind it.
WRITE_LOCK_KEY = 7041
WRITE_LOCK_SQL = f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY}, hashtext(current_schema()))"
_BACKOFF_FIRST = 0.002
_BACKOFF_CAP = 0.1


def stored_json(value: Any) -> str:
    """How JSON columns are written: compact, UTF-8 text as is, keys in the order given.

    For audit events (whose values come with their keys in canonical order) this is exactly the text
    their hash covers, so `audit verify` can hash it as read (factcheck.audit.chain, schemes 4 and 5).
    Text with lone surrogates, which cannot be stored as UTF-8, is written with escapes instead.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(value, separators=(",", ":"))
    return text


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy, not the driver, open transactions, so _begin below decides how.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={READ_BUSY_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def begin_immediate(dbapi_connection: sqlite3.Connection, *, wait: float | None = None) -> float:
    """Take SQLite's write lock, queueing behind other writers for at most `wait` seconds.

    Returns the seconds waited. Raises StoreError when the lock stayed taken that long.
    """
    wait = WRITE_WAIT_SECONDS if wait is None else wait
    started = time.monotonic()
    deadline = started + wait
    delay = _BACKOFF_FIRST
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={_ATTEMPT_MS}")
        while True:
            try:
                cursor.execute("BEGIN IMMEDIATE")
                return time.monotonic() - started
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreError(
                        f"the database stayed busy for {wait:.0f} s (another writer holds it); try again"
                    ) from exc
                # Full jitter: writers that collided do not retry in lockstep.
                time.sleep(min(left, random.uniform(0, delay)))
                delay = min(delay * 2, _BACKOFF_CAP)
    finally:
        cursor.execute(f"PRAGMA busy_timeout={READ_BUSY_MS}")
        cursor.close()


def _begin(connection: Connection) -> None:
    dbapi = connection.connection.driver_connection
    if connection.get_execution_options().get(WRITE_OPTION):
        begin_immediate(dbapi)  # type: ignore[arg-type]
    else:
        # Deferred: a WAL snapshot for consistent reads that neither takes nor waits for the write lock.
        dbapi.execute("BEGIN")  # type: ignore[union-attr]


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(connection: Connection) -> str | None:
    """The Alembic revision the database is at; None when it has no version table. A table stamped with
    several revisions (a branch no factcheck made) gives them joined by ", ", which no migration knows."""
    if not connection.dialect.has_table(connection, "alembic_version"):
        return None
    rows = sorted(str(r[0]) for r in connection.execute(text("SELECT version_num FROM alembic_version")))
    return ", ".join(rows) if rows else None


def _current_revision(engine: Engine) -> str | None:
    # A read transaction: opening a current database never waits for, or blocks, a writer.
    with engine.connect() as connection:
        return current_revision(connection)


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision`; an older database is upgraded in place, never recreated."""
    # The common case (already at head) is answered without loading Alembic and without the write lock.
    current = _current_revision(engine)
    if revision == "head" and current == HEAD_REVISION:
        return
    from alembic import command

    cfg = alembic_config()
    refuse_unknown_revision(current)
    # Under the write lock: two processes opening an old database upgrade it once (the second finds head).
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def refuse_unknown_revision(revision: str | None) -> None:
    """StoreError (one line) for a schema revision none of our migrations knows: a newer factcheck made
    the database (Alembic itself would only say it "can't locate revision"). None (no tables yet) is fine."""
    from alembic.script import ScriptDirectory

    if revision is None:
        return
    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision not in known:
        raise StoreError(
            f"this database was made by a newer factcheck (schema revision {revision}; this one knows up to"
            f" {HEAD_REVISION}): upgrade factcheck"
        )


def create_store_engine(db: str | None = None, *, migrate_to: str | None = "head") -> Engine:
    """An engine on `db` (see resolve_url) with the schema migrated to `migrate_to`."""
    url = resolve_url(db)
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:" and not Path(path).parent.exists():
                raise StoreError(f"cannot open database {path}: folder does not exist")
            engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": READ_BUSY_MS / 1000},
                json_serializer=stored_json,
            )
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _begin)
        else:
            engine = create_engine(url, pool_pre_ping=True, json_serializer=stored_json)
        if migrate_to:
            migrate(engine, migrate_to)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {shown_url(url)}: {first_line(exc)}") from exc
    except ImportError as exc:  # a URL whose driver is not installed (mysql://, postgresql without psycopg)
        raise StoreError(
            f"cannot open database {shown_url(url)}: its driver {exc.name or exc} is not installed"
        ) from exc
    return engine


def shown_url(url: str) -> str:
    """The URL for a message, its password masked (a desk's connection string may carry one)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can parse: nothing to mask in it
        return url


def first_line(exc: BaseException) -> str:
    """The driver's own first line of a database error (what a user can act on)."""
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _held_connection(session: Session) -> Connection | None:
    transaction = session.get_transaction()
    if transaction is None:
        return None
    return next(iter(transaction.connections), None)


def in_write_transaction(session: Session) -> bool:
    """True when the session's transaction holds (or will begin with) the write lock."""
    connection = _held_connection(session)
    return bool(connection is not None and connection.get_execution_options().get(WRITE_OPTION))


def begin_write(session: Session) -> None:
    """Make the session's transaction a write transaction before a use case writes.

    Called first by every writing service. When the session has only read so far (a deferred
    transaction with no pending or flushed changes), that read transaction is ended and a write one
    begun: objects loaded before are expired and reload under the lock, so the use case decides on
    current data. Once changes were flushed in a read transaction they cannot be moved; SQLite then
    upgrades that transaction in place (the pre-WAL behaviour), which is left as it is.
    """
    if in_write_transaction(session):
        return
    if _held_connection(session) is not None:
        if session.new or session.dirty or session.deleted or session.info.get(_FLUSHED):
            return
        session.rollback()
    connection = session.connection(execution_options={WRITE_OPTION: True})
    if connection.dialect.name == "postgresql":
        # The same discipline as SQLite's single writer: writers take the lock the audit chain needs
        # (services.audit) before they read, so a claim's version read here is still current at the
        # write, and two writers can never both make version N+1. Readers are not affected.
        connection.exec_driver_sql(WRITE_LOCK_SQL)


_FLUSHED = "factcheck_flushed"


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    session.info[_FLUSHED] = True


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_FLUSHED, None)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back on any error.

    It begins as a read transaction (readers never wait for writers); a writing service called in it
    turns it into a write transaction before its first read (begin_write).
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            # The database refused an UPDATE … WHERE version = ? (models.Claim): someone else changed it.
            session.rollback()
            raise Conflict("the claim was changed by someone else meanwhile; reload and try again") from exc
        except SQLAlchemyError as exc:
            session.rollback()
            raise StoreError(f"database error: {first_line(exc)}") from exc
        except BaseException:
            session.rollback()
            raise


@contextmanager
def write_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work that holds the write lock from its start (for code that writes rows itself)."""
    with session_scope(engine) as session:
        begin_write(session)
        yield session


@contextmanager
def read_scope(engine: Engine) -> Iterator[Session]:
    """A unit of work that only reads: never takes the write lock, rolled back at the end."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {first_line(exc)}") from exc
        finally:
            session.rollback()
