"""Looking after a store: `factcheck db copy | upgrade | check | backup`.

- copy: every row of one database into another, ids, history and audit chain kept (store.copy says how),
  plus one `db.copy` event on the target naming the source and its last event, so a reviewer can tie
  the two chains together;
- upgrade: the Alembic migrations, which every command also applies on open, run on request and reported;
- check: the schema revision, the database's own integrity checks, the memory index, and `audit verify`,
  without changing anything (no migration either);
- backup: a SQLite file copied page by page with SQLite's online backup API while others keep working
  (https://www.sqlite.org/backup.html), checked and then moved into place; for PostgreSQL the `pg_dump`
  command that does the same, since the server's own tool is the right one there.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from factcheck.errors import FactcheckError, InputError, StoreError
from factcheck.services.audit import record_event
from factcheck.store.copy import (
    Progress,
    copy_rows,
    count_rows,
    empty_tables,
    same_database,
    snapshot,
    summary,
    write_transaction,
)
from factcheck.store.engine import (
    create_store_engine,
    current_revision,
    first_line,
    head_revision,
    migrate,
    refuse_unknown_revision,
    shown_url,
)
from factcheck.store.reader import Reader, resolve_url, sqlite_path
from factcheck.terminal_progress import Report

COPY_ACTION = "db.copy"


@dataclass
class CopyResult:
    """What `copy_database` did: rows per table copied, rows the target held before (replaced), seconds."""

    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)
    replaced: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "total": self.total, "seconds": round(self.seconds, 3)}


def _existing_sqlite(url: str, flag: str) -> None:
    path = sqlite_path(url)
    if path is not None and not os.path.isfile(path):
        raise InputError(f"no database at {path} (check {flag})")


def copy_database(
    source_db: str,
    target_db: str,
    *,
    actor: str,
    replace: bool = False,
    progress: Progress | None = None,
    on_totals: Callable[[dict[str, int]], None] | None = None,
) -> CopyResult:
    """Copy every row of `source_db` into `target_db` (paths or URLs, as `--db` takes them), in one
    transaction on the target; a new target file is removed again when the copy fails.

    `on_totals` is told the rows per table before copying starts; `progress` (table, rows) after each
    batch. Raises InputError when the source does not exist, both name the same database, or the
    target holds data and `replace` is false; StoreError when either cannot be opened or written.
    """
    for flag, value in (("--from", source_db), ("--to", target_db)):
        if not value.strip():
            raise InputError(f"{flag} is empty: give a SQLite path or a database URL")
    source_url, target_url = resolve_url(source_db), resolve_url(target_db)
    for flag, url in (("--from", source_url), ("--to", target_url)):
        if url.startswith("sqlite") and sqlite_path(url) is None:
            raise InputError(f"{flag} names an in-memory database, which ends with the command")
    source_file, target_file = sqlite_path(source_url), sqlite_path(target_url)
    if same_database(source_url, target_url) or (
        source_file and target_file and _same_file(Path(source_file), Path(target_file))
    ):
        raise InputError("--from and --to name the same database")
    _existing_sqlite(source_url, "--from")
    created = target_file is not None and not os.path.exists(target_file)
    started = time.monotonic()
    result = CopyResult(shown_url(source_url), shown_url(target_url))
    source = create_store_engine(source_url)
    try:
        target = create_store_engine(target_url)
        try:
            if same_store(source, target):  # one database under two names (localhost and 127.0.0.1, say)
                raise InputError("--from and --to name the same database")
            with snapshot(source) as reading, write_transaction(target) as writing:
                result.rows = count_rows(reading)
                held = count_rows(writing)
                if any(held.values()):
                    if not replace:
                        raise InputError(
                            f"{result.target} is not empty ({summary(held)}); give --replace to overwrite it"
                        )
                    empty_tables(writing)
                    result.replaced = {name: n for name, n in held.items() if n}
                if on_totals is not None:
                    on_totals(result.rows)
                copy_rows(reading, writing, progress)
                _record_copy(writing, result, _last_event(reading), actor)
        finally:
            target.dispose()
    except BaseException as exc:
        if created and target_file is not None:
            _remove_sqlite_file(target_file)
        if isinstance(exc, SQLAlchemyError):  # one line for the user; the target's transaction rolled back
            raise StoreError(f"the copy failed and changed nothing: {first_line(exc)}") from exc
        raise
    finally:
        source.dispose()
    result.seconds = time.monotonic() - started
    return result


def same_store(a: Engine, b: Engine) -> bool:
    """Whether two engines reach one store: for PostgreSQL the same server run (its start time), database
    and schema, however the URLs spell host and port; SQLite files are compared by path before opening."""
    if a.dialect.name != "postgresql" or b.dialect.name != "postgresql":
        return False
    ask = text("SELECT pg_postmaster_start_time(), current_database(), current_schema()")
    with a.connect() as first, b.connect() as second:
        return tuple(first.execute(ask).one()) == tuple(second.execute(ask).one())


def _last_event(connection: Connection) -> dict[str, Any] | None:
    row = connection.execute(text("SELECT id, hash FROM event ORDER BY id DESC LIMIT 1")).first()
    return {"event_id": row[0], "hash": row[1]} if row else None


def _record_copy(writing: Connection, result: CopyResult, source_head: dict[str, Any] | None, actor: str) -> None:
    """The target's own event for the copy, sealed onto the copied chain inside the copy's transaction."""
    after = {"source": result.source, "rows": result.total, "tables": result.rows, "source_head": source_head}
    if result.replaced:
        after["replaced"] = result.replaced
    # The session joins the open transaction; its commit seals the event and leaves committing to the copy.
    with Session(bind=writing) as session:
        record_event(session, actor=actor, action=COPY_ACTION, entity="database", entity_id=0, after=after)
        session.commit()


def _remove_sqlite_file(path: str) -> None:
    for name in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
        with suppress(FileNotFoundError):
            os.remove(name)


# -- upgrade ----------------------------------------------------------------------------------------


@dataclass
class UpgradeResult:
    database: str
    before: str | None  # None: a database without our tables
    after: str
    head: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@contextmanager
def _opened(url: str) -> Iterator[Engine]:
    """An engine on `url` without migrating; what the driver cannot read becomes one StoreError line."""
    engine = create_store_engine(url, migrate_to=None)
    try:
        yield engine
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {shown_url(url)}: {first_line(exc)}") from exc
    finally:
        engine.dispose()


def upgrade(db: str | None) -> UpgradeResult:
    """Apply the migrations up to the head revision (as every command does on open) and say what ran.

    Raises InputError for a SQLite file that does not exist (an upgrade never creates a database).
    """
    url = resolve_url(db)
    _existing_sqlite(url, "--db")
    with _opened(url) as engine:
        with engine.connect() as connection:
            before = current_revision(connection)
        refuse_unknown_revision(before)
        migrate(engine)
        with engine.connect() as connection:
            after = current_revision(connection) or ""
    return UpgradeResult(shown_url(url), before, after, head_revision())


# -- check ------------------------------------------------------------------------------------------

OK, WARN, FAIL, SKIPPED = "ok", "warn", "fail", "skipped"


@dataclass
class Check:
    name: str
    status: str  # ok / warn / fail / skipped
    detail: str


@dataclass
class CheckReport:
    database: str
    checks: list[Check] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(c.status != FAIL for c in self.checks)

    def to_dict(self) -> dict[str, Any]:
        return {"database": self.database, "ok": self.ok, "checks": [asdict(c) for c in self.checks], "rows": self.rows}


def check(db: str | None, *, key: bytes | None = None) -> CheckReport:
    """Check a store without changing it: schema revision, integrity, memory index, audit chain.

    A database behind the head revision is a warning (the next command upgrades it) and the checks that
    need the current schema are skipped; one ahead of it, or any failed check, makes `ok` false.
    Raises InputError for a SQLite file that does not exist, StoreError when it cannot be opened.
    """
    url = resolve_url(db)
    _existing_sqlite(url, "--db")
    report = CheckReport(shown_url(url))
    with _opened(url) as engine, engine.connect() as connection:
        revision = current_revision(connection)
        report.checks.append(_revision_check(revision))
        if connection.dialect.name == "sqlite":
            report.checks.extend(_sqlite_checks(connection))
        else:
            report.checks.append(_postgres_index_check(connection))
        if revision != head_revision():
            report.checks.append(Check("memory index", SKIPPED, "needs the current schema"))
            report.checks.append(Check("audit log", SKIPPED, "needs the current schema"))
            return report
        report.rows = count_rows(connection)
        report.checks.append(_memory_index_check(connection, report.rows.get("checked_claim", 0)))
        report.checks.append(_audit_check(connection, key))
    return report


def _revision_check(revision: str | None) -> Check:
    head = head_revision()
    if revision == head:
        return Check("schema", OK, f"at revision {head}, the newest")
    if revision is None:
        return Check("schema", WARN, f"no factcheck tables yet; the first command creates them (revision {head})")
    if revision > head:
        return Check("schema", FAIL, f"at revision {revision}, newer than this factcheck ({head}): update factcheck")
    return Check("schema", WARN, f"at revision {revision}; `factcheck db upgrade` brings it to {head}")


def _sqlite_checks(connection: Connection) -> list[Check]:
    found = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check").all()]
    integrity = Check("integrity", OK, "PRAGMA integrity_check: ok")
    if found != ["ok"]:
        integrity = Check("integrity", FAIL, f"PRAGMA integrity_check: {'; '.join(map(str, found[:3]))}")
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    keys = Check("foreign keys", OK, "every reference resolves")
    if broken:
        first = broken[0]
        keys = Check(
            "foreign keys", FAIL, f"{len(broken)} rows refer to missing rows (first: {first[0]} row {first[1]})"
        )
    return [integrity, keys]


def _postgres_index_check(connection: Connection) -> Check:
    invalid = connection.execute(
        text(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)"
        )
    ).scalars()
    names = list(invalid)
    if names:
        return Check("indexes", FAIL, f"invalid indexes: {', '.join(names[:5])} (REINDEX them)")
    return Check("indexes", OK, "every index valid")


def _memory_index_check(connection: Connection, checked_claims: int) -> Check:
    if connection.dialect.name != "sqlite":
        return _postgres_memory_check(connection, checked_claims)
    try:
        # FTS5's own check of the index against the checked_claim rows (rank 1: external content too).
        with connection.begin_nested():
            connection.exec_driver_sql(
                "INSERT INTO checked_claim_fts(checked_claim_fts, rank) VALUES ('integrity-check', 1)"
            )
    except SQLAlchemyError as exc:  # SQLite reports a damaged index as an error of this statement
        if "locked" in first_line(exc) or "busy" in first_line(exc):  # its check needs the write lock a moment
            return Check("memory index", SKIPPED, "a writer holds the database just now; run the check again")
        return Check(
            "memory index",
            FAIL,
            f"the full-text index does not match the checked claims ({first_line(exc)}); rebuild it with"
            " INSERT INTO checked_claim_fts(checked_claim_fts) VALUES ('rebuild')",
        )
    return Check("memory index", OK, f"{checked_claims} checked claims, full-text index consistent")


def _postgres_memory_check(connection: Connection, checked_claims: int) -> Check:
    """The BM25 postings of migration 0010 against the rows: one document each, and every posting counted
    in its term's document frequency (what the triggers keep; a hand edit or a missed trigger breaks it)."""
    docs, postings, counted = connection.execute(
        text(
            "SELECT (SELECT docs FROM checked_claim_fts_stats), (SELECT count(*) FROM checked_claim_fts_postings),"
            " (SELECT coalesce(sum(df), 0) FROM checked_claim_fts_df)"
        )
    ).one()
    if docs != checked_claims or postings != counted:
        return Check(
            "memory index",
            FAIL,
            f"the search index does not match the checked claims ({docs} indexed of {checked_claims};"
            f" {postings} postings, {counted} counted); rebuild it with SELECT checked_claim_fts_rebuild()",
        )
    return Check("memory index", OK, f"{checked_claims} checked claims, {postings} postings, consistent")


def _audit_check(connection: Connection, key: bytes | None) -> Check:
    from factcheck.services import audit_log

    with Session(bind=connection) as session:
        report = audit_log.verify(Reader.of_session(session), key=key)
    if not report.ok:
        return Check("audit log", FAIL, str(report.finding))
    keyed = ", keyed (HMAC)" if report.keyed else ""
    return Check("audit log", OK, f"verifies: {report.events} events, {report.rows} rows{keyed}")


# -- backup -----------------------------------------------------------------------------------------


@dataclass
class BackupResult:
    database: str
    path: str | None = None  # the backup written (SQLite)
    bytes: int = 0
    seconds: float = 0.0
    command: str | None = None  # what to run instead (PostgreSQL)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_backup_path(database: str) -> Path:
    """Beside the database: claims.db → claims-backup-20261201-101500.db (local time, to the second)."""
    source = Path(database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return source.with_name(f"{source.stem}-backup-{stamp}{source.suffix or '.db'}")


def backup(
    db: str | None, destination: str | None = None, *, force: bool = False, pages: Report | None = None
) -> BackupResult:
    """A consistent copy of a SQLite store taken while others read and write it; for PostgreSQL, the
    `pg_dump` command to run (nothing is written).

    The copy goes to a temporary file beside `destination`, passes `PRAGMA integrity_check`, and only
    then takes the destination's name, so a failed or interrupted backup never leaves a half file there.
    `pages` is told ("pages", copied, total) as pages are copied. Raises InputError when the database does not
    exist, the destination is the database itself, exists (without `force`) or its folder does not.
    """
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is None:
        return BackupResult(shown_url(url), command=pg_dump_command(url, destination))
    _existing_sqlite(url, "--db")
    target = Path(destination) if destination else default_backup_path(path)
    if target.is_dir():  # a folder: the default name inside it
        target = target / default_backup_path(path).name
    if any(_same_file(Path(f"{path}{companion}"), target) for companion in ("", "-wal", "-shm", "-journal")):
        raise InputError("the backup cannot replace the database itself (or its -wal, -shm, -journal file)")
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target}: folder does not exist")
    if target.exists() and not stat.S_ISREG(target.stat().st_mode):  # /dev/null, a pipe: never, --force or not
        raise InputError(f"will not replace {target}: it is not a regular file (a device, pipe or socket)")
    if target.exists() and not force:
        raise InputError(f"{target} exists; give --force to replace it")
    started = time.monotonic()
    partial = target.with_name(f".{target.name}.part-{os.getpid()}")
    try:
        _backup_sqlite(path, partial, pages)
        os.replace(partial, target)
    except sqlite3.Error as exc:
        raise StoreError(f"backup failed: {exc}") from exc
    finally:
        if partial.exists():
            partial.unlink()
    return BackupResult(shown_url(url), str(target), target.stat().st_size, time.monotonic() - started)


def _same_file(a: Path, b: Path) -> bool:
    """One file under two names (a path, a symbolic or a hard link)."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _backup_sqlite(path: str, partial: Path, pages: Report | None) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    copy = sqlite3.connect(partial)
    try:

        def step(_status: int, remaining: int, total: int) -> None:
            if pages is not None:
                pages("pages", total - remaining, total)

        # 1024 pages (4 MiB) a step: writers get the lock between steps instead of waiting for the whole copy.
        source.backup(copy, pages=1024, progress=step)
        verdict = copy.execute("PRAGMA integrity_check").fetchone()
        if not verdict or verdict[0] != "ok":
            raise StoreError(f"the backup did not pass its integrity check: {verdict[0] if verdict else 'no answer'}")
    finally:
        copy.close()
        source.close()


def pg_dump_command(url: str, destination: str | None) -> str:
    """The `pg_dump` line (custom format, restorable with pg_restore) for a PostgreSQL URL; the password,
    if the URL has one, is left out (pg_dump asks for it, or reads PGPASSWORD / ~/.pgpass)."""
    parsed = make_url(url)
    schema = _search_path(parsed.query.get("options"))
    # a fresh URL without the password (set(password=None) keeps it): pg_dump asks, or reads PGPASSWORD
    libpq = URL.create("postgresql", parsed.username, None, parsed.host, parsed.port, parsed.database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    file = destination or f"{parsed.database or 'factcheck'}-backup-{stamp}.dump"
    parts = ["pg_dump", "--format=custom", f"--file={file}"]
    if schema:
        parts.append(f"--schema={schema}")
    parts.append(f"--dbname={libpq.render_as_string(hide_password=False)}")
    return " ".join(shlex.quote(p) for p in parts)


def _search_path(options: Any) -> str | None:
    """The schema of `options=-csearch_path=X` in a URL (how a desk points factcheck at its schema)."""
    values = options if isinstance(options, tuple) else (options,)
    for value in values:
        if isinstance(value, str) and "search_path=" in value:
            return value.split("search_path=", 1)[1].split(",")[0].split()[0] or None
    return None


class CheckFailed(FactcheckError):
    """`db check` found a problem; the report above says which."""
