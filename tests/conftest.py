from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "trump-putin-telefonat.de.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claims.db"


# For tests that run `factcheck` with a minimal environment: the package under test, not whichever one
# is installed (a git worktree runs its tests with PYTHONPATH=<its src>).
SOURCE_TREE = {"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}

PG_URL = os.environ.get("FACTCHECK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@functools.cache
def postgres_available() -> bool:
    try:
        from sqlalchemy import create_engine

        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@contextmanager
def pg_schema() -> Iterator[str]:
    """A fresh PostgreSQL schema on the test server, dropped afterwards; yields the URL that uses it.

    Skips the test with a clear reason when no server answers.
    """
    if not postgres_available():
        pytest.skip("PostgreSQL on 127.0.0.1:5432 not reachable")
    from sqlalchemy import create_engine, text

    schema = f"fc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store: a SQLite file, and (when the server is there) a PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "claims.db")
        return
    with pg_schema() as url:
        yield url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema (skipped where no server answers)."""
    with pg_schema() as url:
        yield url
