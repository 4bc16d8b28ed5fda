"""The store: pragmas, migrations applied on open, old databases upgraded with their data kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, create_engine, text
from sqlmodel import SQLModel

from factcheck.errors import StoreError
from factcheck.store.engine import create_store_engine, head_revision, resolve_url
from factcheck.store.migrations import HEAD_REVISION


def schema_diff(conn: Connection) -> list[object]:
    """Differences between migrations and models; any is a missing migration. The full-text index
    objects exist only in migrations (FTS5 tables; on PostgreSQL checked_claim_fts_* tables) and are left out."""

    def include(obj: object, name: str | None, type_: str, *_args: object) -> bool:
        return not (name or "").startswith(("checked_claim_fts", "checked_claim_vocab", "ix_checked_claim_terms"))

    context = MigrationContext.configure(conn, opts={"include_object": include})
    return compare_metadata(context, SQLModel.metadata)


def test_new_database_is_created_at_head_with_wal_and_foreign_keys(db_path: Path) -> None:
    engine = create_store_engine(str(db_path))
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
    assert db_path.exists()


def test_head_constant_matches_alembic_head() -> None:
    assert head_revision() == HEAD_REVISION


def test_migrations_match_the_models(db_path: Path) -> None:
    engine = create_store_engine(str(db_path))
    with engine.connect() as conn:
        diff = schema_diff(conn)
    assert diff == []


def test_database_at_first_revision_is_upgraded_with_data_kept(db_path: Path) -> None:
    old = create_store_engine(str(db_path), migrate_to="0001")
    with old.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO article (id, title, language, origin, format, raw_text, text, offset_map, sha256,"
                " imported_by, created_at, updated_at) VALUES (1, 'Alt', 'de', 'x.txt', 'text', 'Roh', 'Text', '[]',"
                " 'abc', 'tester', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                'INSERT INTO claim (id, article_id, start, "end", text, kinds, fields, checkworthiness, checkworthy,'
                " status, version, created_at, updated_at) VALUES (7, 1, 0, 4, 'Text', '[\"event\"]', '{}', 0.5, 1,"
                " 'checked', 3, '2025-01-01 00:00:00', '2025-01-01 00:00:00')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO verdict (claim_id, rating, rationale, checker, review_state, created_at)"
                " VALUES (7, 'false', 'Quelle X', 'tester', 'pending', '2025-01-01 00:00:00')"
            )
        )
    old.dispose()

    engine = create_store_engine(str(db_path))  # opening upgrades
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        assert conn.execute(text("SELECT title FROM article WHERE id = 1")).scalar() == "Alt"
        assert conn.execute(text("SELECT status, version FROM claim WHERE id = 7")).one() == ("checked", 3)
        assert conn.execute(text("SELECT rationale FROM verdict WHERE claim_id = 7")).scalar() == "Quelle X"
        assert conn.execute(text("SELECT published FROM article WHERE id = 1")).scalar() is None
        assert conn.execute(text("SELECT count(*) FROM source")).scalar() == 0


def test_url_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    assert resolve_url(None) == "sqlite:///claims.db"
    assert resolve_url("team.db") == "sqlite:///team.db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("FACTCHECK_DB", "sqlite:////tmp/x.db")
    assert resolve_url(None) == "sqlite:////tmp/x.db"


def test_unopenable_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder does not exist"):
        create_store_engine(str(tmp_path / "missing" / "claims.db"))
    not_a_db = tmp_path / "garbage.db"
    not_a_db.write_bytes(os.urandom(4096))
    with pytest.raises(StoreError, match="cannot open database"):
        create_store_engine(str(not_a_db))


PG_URL = os.environ.get("FACTCHECK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_available() -> bool:
    try:
        with create_engine(PG_URL).connect():
            return True
    except Exception:
        return False


@pytest.mark.postgres
@pytest.mark.skipif(not _pg_available(), reason="PostgreSQL on 127.0.0.1:5432 not reachable")
def test_same_migrations_run_on_postgresql() -> None:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS factcheck_store_test CASCADE"))
        conn.execute(text("CREATE SCHEMA factcheck_store_test"))
    url = PG_URL + "?options=-csearch_path%3Dfactcheck_store_test"
    try:
        engine = create_store_engine(url)
        with engine.connect() as conn:
            diff = schema_diff(conn)
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        assert diff == []
        engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS factcheck_store_test CASCADE"))


def test_memory_rows_from_before_0004_get_their_speaker_token(db_path: Path) -> None:
    old = create_store_engine(str(db_path), migrate_to="0003")
    with old.begin() as conn:
        for row_id, speaker in ((1, "Olaf Scholz"), (2, "Olaf Scholz"), (3, None)):
            conn.execute(
                text(
                    "INSERT INTO checked_claim (id, text, rating, original_label, rationale, origin, dedupe_key, terms,"
                    " speaker, created_at) VALUES (:id, 'Die Rente steigt', 'false', 'falsch', '', 'import', :key,"
                    " 'rent steig', :speaker, '2025-01-01 00:00:00')"
                ),
                {"id": row_id, "key": f"k{row_id}", "speaker": speaker},
            )
    old.dispose()

    engine = create_store_engine(str(db_path))  # opening upgrades to 0004
    with engine.connect() as conn:
        terms = dict(conn.execute(text("SELECT id, terms FROM checked_claim")).all())
        assert terms == {1: "rent steig zzspkolafscholz", 2: "rent steig zzspkolafscholz", 3: "rent steig"}
        # the full-text index followed the update: the token's document frequency is the speaker's claim count
        df = conn.execute(text("SELECT doc FROM checked_claim_vocab WHERE term = 'zzspkolafscholz'")).scalar()
        assert df == 2


def test_memory_rows_from_before_0006_keep_their_speaker_as_claimant_and_their_index(db_path: Path) -> None:
    old = create_store_engine(str(db_path), migrate_to="0005")
    with old.begin() as conn:
        for row_id, speaker in ((1, "Olaf Scholz"), (2, None)):
            conn.execute(
                text(
                    "INSERT INTO checked_claim (id, text, rating, original_label, rationale, origin, dedupe_key, terms,"
                    " speaker, created_at) VALUES (:id, 'Die Rente steigt', 'false', 'falsch', '', 'import', :key,"
                    " 'rent steig', :speaker, '2025-01-01 00:00:00')"
                ),
                {"id": row_id, "key": f"k{row_id}", "speaker": speaker},
            )
    old.dispose()

    engine = create_store_engine(str(db_path), migrate_to="0006")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, claimants, appearances, claim_date FROM checked_claim ORDER BY id")).all()
        assert [tuple(r) for r in rows] == [(1, '["Olaf Scholz"]', "[]", None), (2, "[]", "[]", None)]
        # columns were added in place: the full-text triggers on the table are still there
        triggers = conn.execute(
            text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'checked_claim'")
        ).scalar()
        assert triggers == 3
        assert conn.execute(text("SELECT count(*) FROM label_mapping")).scalar() == 0
