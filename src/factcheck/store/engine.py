"""Opening the store: URL resolution, SQLite pragmas, automatic Alembic migrations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from factcheck.errors import StoreError

DEFAULT_DB = "claims.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def resolve_url(db: str | None = None) -> str:
    """`--db`, else FACTCHECK_DB, else ./claims.db. A bare path means a SQLite file."""
    value = db or os.environ.get("FACTCHECK_DB") or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision`; an older database is upgraded in place, never recreated."""
    cfg = alembic_config()
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if revision == "head" and current == head_revision():
            return
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def create_store_engine(db: str | None = None, *, migrate_to: str | None = "head") -> Engine:
    url = resolve_url(db)
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:" and not Path(path).parent.exists():
                raise StoreError(f"cannot open database {path}: folder does not exist")
            engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        if migrate_to:
            migrate(engine, migrate_to)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {url}: {_first_line(exc)}") from exc
    return engine


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except SQLAlchemyError as exc:
            session.rollback()
            raise StoreError(f"database error: {_first_line(exc)}") from exc
        except BaseException:
            session.rollback()
            raise
