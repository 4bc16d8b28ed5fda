"""Copying a whole store to another database (`factcheck db copy`): a desk's personal SQLite file into
the team's PostgreSQL, and back.

What a copy keeps, so that the target is the same store and not an import of it:

- **ids**: every row is written with its id, so claim 12 is claim 12 on both sides, reports and
  notes that cite ids stay right, and PostgreSQL's id sequences are moved past the copied ids;
- **the audit chain**: events are copied with their hashes, and JSON columns as the very text the
  source stores (read with `CAST(… AS TEXT)`, written back as text), never parsed and re-encoded, so a
  framed event (schemes 4, 5) hashes the same on the target; row digests are computed from values
  normalised across both databases (factcheck.audit.digest), so `audit verify` passes on the target;
- **the memory index**: SQLite's FTS5 table is filled by its triggers as checked claims arrive;
  PostgreSQL's index is built from the copied rows by `rebuild_derived`.

All or nothing: the target is written in one transaction (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: under
the writers' advisory lock), so an interrupted copy (an error, Ctrl-C, kill -9) leaves the target as it
was. The source is read in one snapshot (SQLite WAL read transaction; PostgreSQL REPEATABLE READ), so
colleagues may keep writing to it while it is copied; what they write after the snapshot is not copied.

A target that holds data is refused unless `replace=True`; replacing empties it in the same transaction
(SQLite: its append-only triggers are lifted and restored inside it; PostgreSQL: TRUNCATE, which row
triggers do not see), so a failed replace leaves the old content in place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from sqlalchemy import JSON, Column, Connection, Engine, MetaData, Table, Text, cast, insert, select, text
from sqlalchemy import func as sql_func
from sqlalchemy.types import TypeDecorator

from factcheck.store.engine import WRITE_LOCK_SQL, WRITE_OPTION, WRITE_WAIT_SECONDS
from factcheck.store.reader import sqlite_path

BATCH = 2000  # rows per executemany: large enough to amortise round trips, small enough for memory
Progress = Callable[[str, int], None]  # (table, rows just copied)


class _JSONText(TypeDecorator[str]):
    """A JSON column written from its stored text: PostgreSQL is told the text is json (a cast), SQLite
    stores it as it is (a cast there would give it numeric affinity and turn "1" into 1)."""

    impl = Text
    cache_ok = True

    def bind_expression(self, bindvalue: Any) -> Any:
        return cast(bindvalue, JSON) if self._postgres else bindvalue

    def __init__(self, postgres: bool) -> None:
        super().__init__()
        self._postgres = postgres


def copy_rows(reading: Connection, writing: Connection, progress: Progress | None = None) -> None:
    """Every data table's rows from `reading` into `writing`, parents first, then `rebuild_derived`."""
    for table in data_tables():
        copy_table(reading, writing, table, progress)
    rebuild_derived(writing)


def data_tables() -> list[Table]:
    """The store's tables in an order that satisfies foreign keys (parents first)."""
    from sqlmodel import SQLModel

    import factcheck.store.models  # noqa: F401  (registers the tables)

    return list(SQLModel.metadata.sorted_tables)


def count_rows(connection: Connection) -> dict[str, int]:
    """Rows per data table."""
    return {
        t.name: int(connection.execute(select(sql_func.count()).select_from(t)).scalar_one()) for t in data_tables()
    }


def same_database(source: str, target: str) -> bool:
    """Whether two resolved URLs name one database (a SQLite file by its real path)."""
    source_path, target_path = sqlite_path(source), sqlite_path(target)
    if source_path and target_path:
        return os.path.realpath(source_path) == os.path.realpath(target_path)
    return source == target


def summary(counts: dict[str, int]) -> str:
    shown = [f"{name}: {n}" for name, n in counts.items() if n]
    return ", ".join(shown[:4]) + (", …" if len(shown) > 4 else "")


class snapshot:
    """One consistent read of the source (a context manager giving a Connection)."""

    def __init__(self, engine: Engine) -> None:
        options: dict[str, Any] = {}
        if engine.dialect.name == "postgresql":
            options["isolation_level"] = "REPEATABLE READ"
        self._connection = engine.connect().execution_options(**options)

    def __enter__(self) -> Connection:
        self._connection.begin()
        return self._connection

    def __exit__(self, *_exc: object) -> None:
        self._connection.rollback()
        self._connection.close()


class write_transaction:
    """The target's single write transaction: committed when the block ends without an error."""

    def __init__(self, engine: Engine) -> None:
        self._connection = engine.connect().execution_options(**{WRITE_OPTION: True})

    def __enter__(self) -> Connection:
        self._transaction = self._connection.begin()
        if self._connection.dialect.name == "postgresql":
            # A copy waits for colleagues' writes and for its TRUNCATE's table locks as long as any writer
            # queues (FACTCHECK_WRITE_WAIT), then fails with a clear line instead of waiting for ever.
            self._connection.execute(text(f"SET LOCAL lock_timeout = '{int(WRITE_WAIT_SECONDS * 1000)}ms'"))
            self._connection.execute(text(WRITE_LOCK_SQL))
        return self._connection

    def __exit__(self, exc_type: type[BaseException] | None, *_exc: object) -> None:
        try:
            if exc_type is None:
                self._transaction.commit()
            else:
                self._transaction.rollback()
        finally:
            self._connection.close()


def empty_tables(connection: Connection) -> None:
    """Delete every data row, append-only ones included, inside the caller's transaction."""
    names = ", ".join(f'"{t.name}"' for t in data_tables())
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    # SQLite has no TRUNCATE: the append-only guards (migration 0007) are dropped and recreated from
    # their own stored definitions, all in this transaction, so nobody else ever sees the store without them.
    guards = connection.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%append_only%'")
    ).all()
    for name, _sql in guards:
        connection.execute(text(f'DROP TRIGGER "{name}"'))
    for table in reversed(data_tables()):
        connection.execute(text(f'DELETE FROM "{table.name}"'))
    for _name, sql in guards:
        connection.execute(text(sql))


def copy_table(reading: Connection, writing: Connection, table: Table, progress: Progress | None) -> None:
    columns = [c.name for c in table.columns]
    json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
    # JSON as the stored text (see the module docstring); everything else typed, so the target's driver
    # gets datetimes, booleans and bytes and stores them in its own way.
    read = select(*[cast(c, Text).label(c.name) if c.name in json_columns else c for c in table.columns])
    order = [c for c in table.primary_key.columns]
    postgres = writing.dialect.name == "postgresql"
    target = Table(
        table.name,
        MetaData(),
        *[Column(c.name, _JSONText(postgres) if c.name in json_columns else c.type) for c in table.columns],
    )
    # PostgreSQL: one multi-row INSERT per batch, so the memory's statement triggers (migration 0010) run
    # once per batch, not once per row (a per-row executemany made a 20k-claim copy take 200 s, not 4);
    # batches stay under the 65,535 parameters a statement may carry.
    size = max(1, min(BATCH, 60_000 // len(columns))) if postgres else BATCH
    rows = reading.execution_options(yield_per=size).execute(read.order_by(*order))
    for batch in rows.partitions(size):
        values = [dict(zip(columns, row, strict=True)) for row in batch]
        if postgres:
            writing.execute(insert(target).values(values))
        else:
            writing.execute(insert(target), values)
        if progress is not None:
            progress(table.name, len(values))


def rebuild_derived(connection: Connection) -> None:
    """Bring what is derived from the rows up to date after rows were written without the app.

    PostgreSQL: id sequences moved past the highest copied id (else the next insert would collide).
    SQLite assigns max(id)+1 by itself, and its FTS5 memory index is kept by triggers.
    """
    if connection.dialect.name != "postgresql":
        return
    for table in data_tables():
        if "id" not in table.columns:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'),"
                f' COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table.name}"'
            )
        )
