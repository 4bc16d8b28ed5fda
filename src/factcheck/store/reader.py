"""Read-only SQL on a plain DB-API connection: the list and search queries without the ORM.

Why: `factcheck claims --json` and `factcheck similar` are typed dozens of times an hour and by
scripts. Importing SQLAlchemy's ORM, SQLModel and pydantic costs 0.3–0.5 s of a 0.5–0.9 s command
(`python -X importtime`, benchmarks/startup.py), so the reading services (services.listing,
services.search) are written once, in portable SQL, against this small `Reader`:

- inside the application, `Reader.of_session(session)` reads through the session's own connection
  and transaction (SQLite or PostgreSQL), so the TUI and the write paths see one consistent state;
- from the CLI on a SQLite file that is already at the current schema, `open_sqlite_reader` opens
  the file with the standard library's sqlite3 alone. Anything else (PostgreSQL, a new or older
  database that needs migrating, a file that will not open) returns None and the caller takes the
  ORM route, which migrates and reports errors as before.

SQL is written with `?` placeholders; for psycopg they become `%s` (so statements must not contain a
literal `%`). Values come back as the driver gives them; `json_value` and `datetime_value`
turn SQLite's text storage into what PostgreSQL's driver returns.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from factcheck.errors import StoreError
from factcheck.store.migrations import HEAD_REVISION

if TYPE_CHECKING:
    from sqlmodel import Session

DEFAULT_DB = "claims.db"
# Readers are never blocked by writers in WAL mode; this only covers rare moments such as WAL recovery.
READ_BUSY_MS = 5000


def resolve_url(db: str | None = None) -> str:
    """`--db`, else FACTCHECK_DB, else ./claims.db. A bare path means a SQLite file."""
    value = db or os.environ.get("FACTCHECK_DB") or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def sqlite_path(url: str) -> str | None:
    """The file of a `sqlite:///` URL; None for other databases and for in-memory SQLite."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.split("///", 1)[1]
    return path if path and path != ":memory:" else None


@dataclass
class Reader:
    """A DB-API connection plus what the queries need to know about it.

    `name` identifies the database (for caches keyed per database); `dialect` is "sqlite" or
    "postgresql". Errors of the driver become StoreError with the driver's first line.
    """

    connection: Any
    dialect: str
    name: str

    @classmethod
    def of_session(cls, session: Session) -> Reader:
        """Read through `session`'s connection and transaction (pending ORM changes flushed first)."""
        session.flush()
        bind = session.get_bind()
        raw = session.connection().connection.driver_connection
        # A session may be bound to an Engine or to a Connection (db check); both know their engine.
        return cls(raw, bind.dialect.name, str(bind.engine.url))

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self.dialect != "sqlite":
            sql = sql.replace("?", "%s")
        try:
            cursor = self.connection.cursor()
            try:
                cursor.execute(sql, tuple(params))
                return list(cursor.fetchall())
            finally:
                cursor.close()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the database: {str(exc).splitlines()[0] if str(exc) else exc}") from exc

    def stream(self, sql: str, params: Sequence[Any] = (), *, batch: int = 5000) -> Iterator[tuple[Any, ...]]:
        """Rows one at a time, fetched `batch` at a time: a million events never sit in memory at once."""
        if self.dialect != "sqlite":
            sql = sql.replace("?", "%s")
        try:
            cursor = self.connection.cursor()
            try:
                cursor.execute(sql, tuple(params))
                while chunk := cursor.fetchmany(batch):
                    yield from chunk
            finally:
                cursor.close()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the database: {str(exc).splitlines()[0] if str(exc) else exc}") from exc

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, None when there is no row."""
        found = self.rows(sql, params)
        return found[0][0] if found else None

    def records(self, sql: str, params: Sequence[Any], columns: Sequence[str]) -> list[SimpleNamespace]:
        """Rows as objects with one attribute per name in `columns` (in SELECT order)."""
        return [SimpleNamespace(**dict(zip(columns, row, strict=True))) for row in self.rows(sql, params)]

    def close(self) -> None:
        self.connection.close()


def open_sqlite_reader(db: str | None = None) -> Reader | None:
    """A Reader on the SQLite file `db` (see resolve_url) if it exists and is at the current schema.

    Opened read-write without creating (`mode=rw`) because a WAL reader must be able to use the
    shared-memory file; the connection only ever reads, inside one deferred transaction (a snapshot).
    Returns None whenever the ORM route must decide instead (see the module docstring).
    """
    path = sqlite_path(resolve_url(db))
    if path is None or not Path(path).is_file():
        return None
    try:
        connection = sqlite3.connect(
            f"file:{quote(path)}?mode=rw", uri=True, isolation_level=None, timeout=READ_BUSY_MS / 1000
        )
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN")
        revisions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        connection.close()
        return None
    if [r[0] for r in revisions] != [HEAD_REVISION]:  # (none, an older one, or several: the full route decides)
        connection.close()
        return None
    return Reader(connection, "sqlite", f"sqlite:///{path}")


def json_value(value: Any, default: Any) -> Any:
    """A JSON column's value: parsed from SQLite's text, as given by psycopg; `default` for NULL/garbage."""
    if isinstance(value, str | bytes):
        try:
            return json.loads(value)
        except ValueError:
            return default
    return default if value is None else value


def datetime_value(value: Any) -> datetime | None:
    """A DATETIME column: SQLite stores SQLAlchemy's "YYYY-MM-DD HH:MM:SS.ffffff" text (UTC, naive)."""
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None
