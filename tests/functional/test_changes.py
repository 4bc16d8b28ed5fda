"""What changed since event N (services.changes), on SQLite and the real PostgreSQL: the questions a
workbench asks to notice colleagues' writes, the NOTIFY a PostgreSQL writer sends on commit, and how a
workbench tells its own writes from others'."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text

from factcheck.errors import InputError
from factcheck.services import changes, claims, verdicts
from factcheck.store import create_store_engine, read_scope, session_scope
from tests.conftest import PG_URL, postgres_available
from tests.functional.test_services import first_claim_id, import_seed

LEERE = "dröhnende Leere"


@pytest.fixture
def engine(store_db: str) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    yield engine
    engine.dispose()


def newest(engine: Engine) -> int:
    with read_scope(engine) as session:
        return changes.newest_event_id(session)


def since(engine: Engine, event_id: int, limit: int = 200) -> changes.ChangeBatch:
    with read_scope(engine) as session:
        return changes.changes_since(session, event_id, limit=limit)


def test_an_empty_log_has_newest_id_0_and_no_changes(engine: Engine) -> None:
    assert newest(engine) == 0
    assert since(engine, 0) == changes.ChangeBatch([], 0)


def test_changes_since_names_actor_claim_article_version_and_rating(engine: Engine) -> None:
    article = import_seed(engine).article_id
    start = newest(engine)
    claim = first_claim_id(engine, LEERE)
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim, "false", rationale="kein Beleg", actor="anna")
    with session_scope(engine) as session:
        verdicts.add_note(session, claim, "Quelle fehlt", actor="ben")
    batch = since(engine, start)
    assert [(c.actor, c.action, c.claim_id, c.article_id) for c in batch.changes] == [
        ("anna", "verdict.set", claim, article),
        ("ben", "note.add", claim, article),
    ]
    assert batch.changes[0].values["rating"] == "false"
    assert {c.claim_version for c in batch.changes} == {2}  # the claim as it is now
    assert batch.newest_id == newest(engine) == batch.changes[-1].event_id
    assert batch.claim_ids == {claim} and batch.touches_article(article)
    assert not batch.touches_article(article + 1)
    assert since(engine, batch.newest_id).changes == []


def test_the_import_event_names_its_article(engine: Engine) -> None:
    article = import_seed(engine).article_id
    assert [(c.action, c.article_id) for c in since(engine, 0).changes] == [("article.import", article)]


def test_a_refused_write_leaves_no_change(engine: Engine) -> None:
    import_seed(engine)
    start = newest(engine)
    with pytest.raises(InputError), session_scope(engine) as session:
        verdicts.set_verdict(session, first_claim_id(engine, LEERE), "false", actor="anna")  # no rationale
    assert since(engine, start).changes == []


def test_more_changes_than_the_limit_come_back_truncated_with_the_newest_id(engine: Engine) -> None:
    import_seed(engine)
    start = newest(engine)
    claim = first_claim_id(engine, LEERE)
    for status in ("in-progress", "open", "in-progress"):
        with session_scope(engine) as session:
            claims.set_status(session, claim, status, actor="anna")
    batch = since(engine, start, limit=2)
    assert batch.truncated and len(batch.changes) == 2
    assert batch.newest_id == newest(engine)
    assert batch.touches_article(999)  # truncated: whoever asks refreshes everything


def test_own_writes_are_told_apart_from_another_engines(engine: Engine, store_db: str) -> None:
    import_seed(engine)
    changes.track_own_writes(engine)
    colleague = create_store_engine(store_db)
    start = newest(engine)
    claim = first_claim_id(engine, LEERE)
    try:
        with session_scope(engine) as session:
            claims.set_status(session, claim, "in-progress", actor="me")
        with session_scope(colleague) as session:
            claims.set_status(session, claim, "open", actor="me")  # the same name, another process
    finally:
        colleague.dispose()
    batch = since(engine, start)
    mine, theirs = (c.event_id for c in batch.changes)
    assert changes.take_own(engine, [mine, theirs], seen_upto=batch.newest_id) == {mine}
    assert changes.take_own(engine, [mine], seen_upto=batch.newest_id) == set()  # taken once


# -- NOTIFY on PostgreSQL --------------------------------------------------------------------------------


@pytest.fixture
def pg_engine(store_db: str) -> Iterator[Engine]:
    if not store_db.startswith("postgresql"):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    engine = create_store_engine(store_db)
    import_seed(engine)
    yield engine
    engine.dispose()


def test_a_write_is_announced_on_commit_to_its_schema_only(pg_engine: Engine) -> None:
    listener = changes.ChangeListener(pg_engine)
    other_schema = f"fc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {other_schema}"))
    other = create_store_engine(f"{PG_URL}?options=-csearch_path%3D{other_schema}")
    try:
        assert not listener.wait(0.05)
        import_seed(other)  # another desk's schema in the same database: not our channel
        assert not listener.wait(0.3)
        claim = first_claim_id(pg_engine, LEERE)
        with session_scope(pg_engine) as session:
            claims.set_status(session, claim, "in-progress", actor="anna")
            assert not listener.wait(0.2)  # not before the commit
        assert listener.wait(5)
        with pytest.raises(InputError), session_scope(pg_engine) as session:
            claims.set_status(session, claim, "open", actor="anna")
            raise InputError("rolled back")
        assert not listener.wait(0.3)  # a rolled-back write announces nothing
    finally:
        listener.close()
        other.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {other_schema} CASCADE"))
        admin.dispose()


def test_the_listener_fails_loudly_when_the_server_is_not_there() -> None:
    import psycopg

    if not postgres_available():
        pytest.skip("PostgreSQL on 127.0.0.1:5432 not reachable")
    nowhere = create_engine("postgresql+psycopg://postgres@127.0.0.1:9/test")
    with pytest.raises(psycopg.OperationalError):
        changes.ChangeListener(nowhere, connect_timeout=2)
