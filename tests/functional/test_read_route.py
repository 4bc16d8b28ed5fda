"""The read route without the ORM (store/reader.py): same answers as inside the application, on both
backends, and the commands people type most really start without SQLAlchemy."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from factcheck.services import articles, claims, editing, listing, search, verdicts
from factcheck.store import create_store_engine, session_scope
from factcheck.store.migrations import HEAD_REVISION
from factcheck.store.reader import Reader, open_sqlite_reader
from factcheck.text.document import prepare_document
from tests.conftest import SEED


@pytest.fixture
def engine(store_db: str) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    yield engine
    engine.dispose()


def checked_article(engine: Engine) -> tuple[int, dict[str, int]]:
    """The seed with a verdict, a verdict undone back to an earlier one, a dismissal and a touched
    sentence the extractor judged not worth checking. Returns the article id and the claim ids."""
    doc = prepare_document(SEED.read_bytes(), name=SEED.name)
    with session_scope(engine) as session:
        article_id = articles.import_document(session, doc, origin=str(SEED), actor="anna").article_id
    with session_scope(engine) as session:
        rows = claims.list_claims(session, article_id=article_id)
        every = claims.list_claims(session, article_id=article_id, checkworthy_only=False)
    ids = {
        "verdict": rows[0].id,
        "undone": rows[1].id,
        "dismissed": rows[2].id,
        "touched": next(r.id for r in every if not r.checkworthy),
    }
    with session_scope(engine) as session:
        verdicts.set_verdict(session, ids["verdict"], "false", rationale="Archiv sagt 2016", actor="anna")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, ids["undone"], "true", actor="anna")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, ids["undone"], "misleading", rationale="Kontext fehlt", actor="ben")
    with session_scope(engine) as session:
        editing.undo_last(session, ids["undone"], actor="ben")
    with session_scope(engine) as session:
        claims.set_status(session, ids["dismissed"], "dismissed", actor="anna")
    with session_scope(engine) as session:
        claims.set_status(session, ids["touched"], "in-progress", actor="anna")
    return article_id, ids


def test_listing_shows_standing_verdicts_and_touched_claims_on_both_backends(engine: Engine) -> None:
    article_id, ids = checked_article(engine)
    with session_scope(engine) as session:
        rows = {r.id: r for r in claims.list_claims(session, article_id=article_id, checkworthy_only=True)}
        dismissed = claims.list_claims(session, article_id=article_id, status="dismissed")
    first = rows[ids["verdict"]].verdict
    assert first is not None and (first.rating, first.rationale, first.checker) == ("false", "Archiv sagt 2016", "anna")
    assert first.created_at is not None and first.created_at.endswith("Z")
    undone = rows[ids["undone"]].verdict  # the undo withdrew "misleading": "true" stands again
    assert undone is not None and (undone.rating, undone.label_de) == ("true", "richtig")
    assert ids["touched"] in rows and rows[ids["touched"]].status == "in-progress"
    assert [r.id for r in dismissed] == [ids["dismissed"]]
    assert all(isinstance(r.kinds, list) and isinstance(r.checkworthy, bool) for r in rows.values())
    starts = [r.start for r in rows.values()]
    assert starts == sorted(starts)


def test_plain_sqlite_route_answers_exactly_as_the_session(db_path: Path) -> None:
    engine = create_store_engine(str(db_path))
    _article_id, ids = checked_article(engine)
    with session_scope(engine) as session:
        listed = [r.to_dict() for r in claims.list_claims(session, checkworthy_only=False)]
        similar = [m.to_dict() for m in search.similar_to_claim(Reader.of_session(session), ids["undone"])]
    engine.dispose()
    reader = open_sqlite_reader(str(db_path))
    assert reader is not None
    try:
        assert [r.to_dict() for r in listing.list_claims(reader, checkworthy_only=False)] == listed
        assert [m.to_dict() for m in search.similar_to_claim(reader, ids["undone"])] == similar
    finally:
        reader.close()
    assert any(m["claim_id"] == ids["verdict"] for m in similar)  # the memory holds our own verdicts


def test_a_database_that_needs_migrating_takes_the_orm_route(db_path: Path) -> None:
    create_store_engine(str(db_path), migrate_to="0004").dispose()
    assert open_sqlite_reader(str(db_path)) is None
    assert open_sqlite_reader(str(db_path.parent / "new.db")) is None  # nothing to read: created by the ORM
    assert not (db_path.parent / "new.db").exists()
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(db_path), "claims", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)


def test_a_file_that_is_not_a_database_is_left_to_the_orm_route(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.db"
    garbage.write_bytes(b"this is not a database, just notes\n" * 100)
    assert open_sqlite_reader(str(garbage)) is None
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(garbage), "claims"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().startswith("error: cannot open database") and len(proc.stderr.strip().splitlines()) == 1
    assert garbage.read_bytes().startswith(b"this is not a database")


# Runs the real CLI in one process and reports which heavy packages it loaded.
_PROBE = """
import json, runpy, sys
sys.argv = ["factcheck", *json.loads(sys.argv[1])]
try:
    runpy.run_module("factcheck", run_name="__main__")
except SystemExit as exit:
    code = exit.code
else:
    code = 0
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "sqlmodel", "alembic"})
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "command", [["claims", "--json"], ["claims", "1", "--status", "open"], ["similar", "1"], ["similar", "--text", "x"]]
)
def test_read_commands_on_a_current_sqlite_file_start_without_the_orm(db_path: Path, command: list[str]) -> None:
    engine = create_store_engine(str(db_path))
    checked_article(engine)
    engine.dispose()
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(["--db", str(db_path), *command])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report == {"code": 0, "loaded": []}, proc.stderr
    assert proc.stdout.strip()
