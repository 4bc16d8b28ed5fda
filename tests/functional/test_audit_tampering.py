"""Tampering with the store by SQL, and whether `factcheck audit verify` (the real command) finds it.

A realistic history is written through the services (import, verdicts and a changed verdict, notes,
sources and a fetch, status changes, a reword, a split, a merge, an undo, a reused verdict), then each
row of issue 11's table is done with SQL on the database — the append-only triggers dropped or disabled
first, as anyone with SQL access can — and the command must exit 3 naming the event or row. Where a
kind of tampering is only detectable with an anchor (a checkpoint kept elsewhere, or the HMAC key),
the test shows it passing without one and failing with it.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Connection, Engine, column, create_engine, table, text
from sqlmodel import Session, col, select

from factcheck.audit.chain import AUDIT_KEY_ENV, HMAC_FRAMED, HMAC_SHA256, SHA256, SHA256_FRAMED, event_hash
from factcheck.services import articles, audit_log, claims, editing, memory, sources, verdicts
from factcheck.sources.fetch import FetchedDocument
from factcheck.store import Article, Claim, Event, Note, Verdict, create_store_engine, session_scope
from factcheck.store.reader import Reader, open_sqlite_reader, resolve_url
from factcheck.text.document import prepare_document
from tests.conftest import ROOT, SEED, SOURCE_TREE

KEY = "desk-secret-kept-in-the-vault"
CHECKED = ROOT / "tests" / "fixtures" / "checked" / "checked.csv"
UNKEYED = {HMAC_SHA256: SHA256, HMAC_FRAMED: SHA256_FRAMED}


@dataclass
class History:
    """A store after a realistic day at the desk, and the ids the tampering tests aim at."""

    db: str
    verdict_id: int  # the standing verdict of `claim_id` (a changed verdict: its second one)
    verdict_event_id: int
    note_id: int
    claim_id: int
    other_claim_id: int
    last_note_ids: list[int]  # the two notes written last, by the last two events
    events: int

    @property
    def dialect(self) -> str:
        return "sqlite" if resolve_url(self.db).startswith("sqlite") else "postgresql"


def claim_ids_in_order(engine: Engine) -> list[int]:
    with Session(engine) as session:
        rows = session.exec(select(Claim).where(Claim.checkworthy).order_by(col(Claim.start))).all()
        return [c.id for c in rows if c.id is not None]


def write(engine: Engine, use_case: Any) -> Any:
    with session_scope(engine) as session:
        return use_case(session)


def build_history(db: str) -> History:
    """The services write a day's work: every kind of audited change, by two checkers."""
    engine = create_store_engine(db)
    try:
        doc = prepare_document(SEED.read_bytes(), name=SEED.name)
        write(engine, lambda s: articles.import_document(s, doc, origin=str(SEED), actor="anna"))
        ids = claim_ids_in_order(engine)
        first, second, third, fourth, fifth = ids[:5]
        undone = ids[-1]  # far from the merge of `fifth` with the claim after it
        write(engine, lambda s: verdicts.set_verdict(s, first, "falsch", rationale="Kein Beleg", actor="anna"))
        changed = write(
            engine,
            lambda s: verdicts.set_verdict(
                s, first, "mostly-false", rationale="Teilweise belegt", actor="ben", expected_version=2
            ),
        )
        note = write(engine, lambda s: verdicts.add_note(s, first, "Quelle: Kreml-Mitteilung", actor="anna"))
        source = write(engine, lambda s: sources.add_source(s, first, "https://example.org/kreml", actor="anna"))
        page = FetchedDocument(
            "https://example.org/kreml", 200, "text/html", b"<html><title>Kreml</title><p>Telefonat</p></html>"
        )
        write(engine, lambda s: sources.record_fetch(s, source.id, page, actor="anna"))
        write(engine, lambda s: claims.set_status(s, second, "in-progress", actor="ben"))
        write(engine, lambda s: claims.set_status(s, second, "open", actor="ben", expected_version=2))
        write(engine, lambda s: editing.edit_claim(s, third, text="Trump und Putin telefonierten.", actor="anna"))
        with Session(engine) as session:
            to_split = session.get(Claim, fourth)
            assert to_split is not None
            at = to_split.start + to_split.text.index(" ", len(to_split.text) // 2)  # at a blank: words both sides
        write(engine, lambda s: editing.split_claim(s, fourth, at, actor="anna"))
        write(engine, lambda s: editing.merge_with_next(s, fifth, actor="ben"))
        write(engine, lambda s: verdicts.set_verdict(s, undone, "true", actor="anna"))
        write(engine, lambda s: editing.undo_last(s, undone, actor="anna"))
        write(engine, lambda s: memory.import_checked(s, str(CHECKED), actor="ben"))
        with Session(engine) as session:
            checked_id = session.exec(text("SELECT min(id) FROM checked_claim")).scalar()  # type: ignore[call-overload]
        write(engine, lambda s: memory.reuse_verdict(s, second, checked_id, actor="ben"))
        last = [
            write(engine, lambda s: verdicts.add_note(s, second, "Rückfrage an die Redaktion", actor="ben")),
            write(engine, lambda s: verdicts.add_note(s, second, "Antwort steht aus", actor="ben")),
        ]
        with Session(engine) as session:
            verdict_event = session.exec(
                select(Event.id).where(Event.action == "verdict.set", Event.entity_id == changed.id)
            ).one()
            events = len(session.exec(select(Event.id)).all())
        return History(
            db=db,
            verdict_id=changed.id,
            verdict_event_id=verdict_event,
            note_id=note.id,
            claim_id=first,
            other_claim_id=second,
            last_note_ids=[n.id for n in last],
            events=events,
        )
    finally:
        engine.dispose()


_TEMPLATE: dict[str, tuple[Path, History]] = {}


@pytest.fixture
def history(store_db: str, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> History:
    """A fresh copy of the day's history: built once for SQLite and copied, built anew on PostgreSQL."""
    monkeypatch.delenv(AUDIT_KEY_ENV, raising=False)
    if not resolve_url(store_db).startswith("sqlite"):
        return build_history(store_db)
    return sqlite_history(Path(store_db), tmp_path_factory)


@pytest.fixture
def sqlite_file_history(
    db_path: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> History:
    monkeypatch.delenv(AUDIT_KEY_ENV, raising=False)
    return sqlite_history(db_path, tmp_path_factory)


def sqlite_history(target: Path, tmp_path_factory: pytest.TempPathFactory) -> History:
    if "sqlite" not in _TEMPLATE:
        path = tmp_path_factory.mktemp("template") / "claims.db"
        _TEMPLATE["sqlite"] = (path, build_history(str(path)))
    template, built = _TEMPLATE["sqlite"]
    copy_sqlite(template, target)
    return History(**{**built.__dict__, "db": str(target)})


def copy_sqlite(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def factcheck(db: str, *args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, as a desk runs it (FACTCHECK_AUDIT_KEY only when `key` is given)."""
    env = {"PATH": "/usr/bin:/bin", "FACTCHECK_USER": "auditor", "HOME": str(Path.home()), **SOURCE_TREE}
    if key is not None:
        env[AUDIT_KEY_ENV] = key
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def verify(history: History, *args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    return factcheck(history.db, "audit", "verify", *args, key=key)


def assert_verifies(history: History, *args: str, key: str | None = None) -> dict[str, Any]:
    proc = verify(history, *args, "--json", key=key)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["ok"] is True
    return report


def assert_detected(history: History, spot: str, *args: str, key: str | None = None) -> str:
    """`audit verify` exits 3 with one line naming `spot` ("event 12", "row verdict:3")."""
    proc = verify(history, *args, key=key)
    assert proc.returncode == 3, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: audit log does not verify: ") and f"{spot}:" in lines[0], lines[0]
    return lines[0]


def take_checkpoint(history: History, tmp_path: Path, *, key: str | None = None) -> Path:
    path = tmp_path / "checkpoint.json"
    proc = factcheck(history.db, "audit", "checkpoint", "-o", str(path), key=key)
    assert proc.returncode == 0, proc.stderr
    return path


# --- SQL access, as a tamperer has it -------------------------------------------------------------


class Tamper:
    """A plain SQL connection on the store, outside the app (committed at the end of the block)."""

    def __init__(self, history: History) -> None:
        self.history = history
        self.engine = create_engine(resolve_url(history.db))

    def __enter__(self) -> Connection:
        self.connection = self.engine.connect()
        self.transaction = self.connection.begin()
        return self.connection

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.transaction.commit()
        else:
            self.transaction.rollback()
        self.connection.close()
        self.engine.dispose()


def drop_guard(connection: Connection, table: str, action: str) -> None:
    """Remove the append-only trigger on `table` for UPDATE/DELETE, the way someone with SQL access would."""
    name = f"{table}_append_only_{action}"
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DROP TRIGGER {name}"))
    elif action == "update":
        connection.execute(text(f"DROP TRIGGER {name} ON {table}"))
    else:
        connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER ALL"))


def set_json(connection: Connection, column: str, value: Any, event_id: int) -> None:
    cast = "CAST(:value AS json)" if connection.dialect.name == "postgresql" else ":value"
    connection.execute(
        text(f'UPDATE event SET "{column}" = {cast} WHERE id = :id'), {"value": json.dumps(value), "id": event_id}
    )


def newest_event_id(history: History) -> int:
    with Tamper(history) as connection:
        return int(connection.execute(text("SELECT max(id) FROM event")).scalar_one())


def stored_after(connection: Connection, event_id: int) -> dict[str, Any]:
    value = connection.execute(text('SELECT "after" FROM event WHERE id = :id'), {"id": event_id}).scalar()
    return json.loads(value) if isinstance(value, str) else dict(value)


def recompute_chain(connection: Connection, *, since: int = 0) -> int:
    """Rehash the events from id `since` on with the app's own public hash function (plain SHA-256, as a
    tamperer who read factcheck.audit.chain but has no key can); returns the number rewritten."""
    reader = Reader(connection.connection.driver_connection, connection.dialect.name, "tamper")
    prev, rewritten = "", 0
    for record in list(audit_log.events(reader)):
        if record.id >= since:
            record.scheme = UNKEYED.get(record.scheme, record.scheme)  # without the key, the unkeyed kind
            record.prev_hash = prev
            record.hash = event_hash(prev, record)
            connection.execute(
                text("UPDATE event SET prev_hash = :prev, hash = :hash, scheme = :scheme WHERE id = :id"),
                {"prev": record.prev_hash, "hash": record.hash, "scheme": record.scheme, "id": record.id},
            )
            rewritten += 1
        prev = record.hash
    return rewritten


# --- an untouched history ------------------------------------------------------------------------


def test_an_untouched_day_of_work_verifies(history: History, tmp_path: Path) -> None:
    report = assert_verifies(history)
    assert report["events"] == history.events and report["rows"] > 30 and report["keyed"] is False
    checkpoint = take_checkpoint(history, tmp_path)
    assert_verifies(history, "--checkpoint", str(checkpoint))
    human = verify(history, "--checkpoint", str(checkpoint))
    assert human.returncode == 0 and "audit log verifies" in human.stdout and "checkpoint at event" in human.stdout
    # the log exports as JSON lines with hashes, one per event
    exported = factcheck(history.db, "audit", "export")
    assert exported.returncode == 0, exported.stderr
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(lines) == history.events and all(len(line["hash"]) == 64 for line in lines)


def test_the_triggers_refuse_plain_updates_and_deletes(history: History) -> None:
    """Before anyone drops them, the append-only triggers stop an ordinary edit of a verdict or note."""
    for statement in (
        "UPDATE verdict SET rating = 'true' WHERE id = :id",
        "DELETE FROM verdict WHERE id = :id",
    ):
        with pytest.raises(Exception, match="append-only"), Tamper(history) as connection:
            connection.execute(text(statement), {"id": history.verdict_id})
    with pytest.raises(Exception, match="append-only"), Tamper(history) as connection:
        connection.execute(text("UPDATE note SET body = 'x' WHERE id = :id"), {"id": history.note_id})
    assert_verifies(history)


# --- rows edited behind the app's back: detected by their digests ---------------------------------


def test_a_verdicts_rating_and_checker_changed(history: History) -> None:
    with Tamper(history) as connection:
        drop_guard(connection, "verdict", "update")
        connection.execute(
            text("UPDATE verdict SET rating = 'true', checker = 'mallory' WHERE id = :id"), {"id": history.verdict_id}
        )
    assert_detected(history, f"row verdict:{history.verdict_id}")


def test_a_notes_text_changed(history: History) -> None:
    with Tamper(history) as connection:
        drop_guard(connection, "note", "update")
        connection.execute(text("UPDATE note SET body = 'Quelle: Hörensagen' WHERE id = :id"), {"id": history.note_id})
    assert_detected(history, f"row note:{history.note_id}")


def test_a_verdict_deleted(history: History) -> None:
    with Tamper(history) as connection:
        drop_guard(connection, "verdict", "delete")
        connection.execute(text("DELETE FROM verdict WHERE id = :id"), {"id": history.verdict_id})
    line = assert_detected(history, f"row verdict:{history.verdict_id}")
    assert "gone" in line


def test_a_claims_status_changed(history: History) -> None:
    with Tamper(history) as connection:
        connection.execute(text("UPDATE claim SET status = 'dismissed' WHERE id = :id"), {"id": history.other_claim_id})
    assert_detected(history, f"row claim:{history.other_claim_id}")


# --- events edited: detected by the chain ----------------------------------------------------------


def test_an_events_after_edited(history: History) -> None:
    with Tamper(history) as connection:
        after = stored_after(connection, history.verdict_event_id)
        set_json(connection, "after", {**after, "rating": "true"}, history.verdict_event_id)
    assert_detected(history, f"event {history.verdict_event_id}")


def test_an_events_actor_edited(history: History) -> None:
    with Tamper(history) as connection:
        connection.execute(text("UPDATE event SET actor = 'anna' WHERE id = :id"), {"id": history.verdict_event_id})
    assert_detected(history, f"event {history.verdict_event_id}")


def test_an_event_moved_to_another_claim(history: History) -> None:
    with Tamper(history) as connection:
        connection.execute(
            text("UPDATE event SET claim_id = :other WHERE id = :id"),
            {"other": history.other_claim_id, "id": history.verdict_event_id},
        )
    assert_detected(history, f"event {history.verdict_event_id}")


def test_an_edited_event_with_the_chain_recomputed_needs_a_checkpoint(history: History, tmp_path: Path) -> None:
    """SHA-256 is public: a tamperer can rehash the whole chain after an edit. Only a head kept outside
    the database (a checkpoint) tells."""
    checkpoint = take_checkpoint(history, tmp_path)
    with Tamper(history) as connection:
        event_id = history.verdict_event_id
        set_json(connection, "after", {**stored_after(connection, event_id), "rating": "true"}, event_id)
        connection.execute(text("UPDATE event SET actor = 'anna' WHERE id = :id"), {"id": history.verdict_event_id})
        assert recompute_chain(connection) == history.events
    assert_verifies(history)  # without an anchor the rewritten chain is consistent
    head = json.loads(checkpoint.read_text())["event_id"]
    line = assert_detected(history, f"event {head}", "--checkpoint", str(checkpoint))
    assert "checkpoint" in line


# --- events deleted --------------------------------------------------------------------------------


def test_the_newest_events_deleted_with_their_rows_needs_a_checkpoint(history: History, tmp_path: Path) -> None:
    """Deleting the last events and what they wrote leaves a consistent, shorter log: a checkpoint taken
    before shows it."""
    checkpoint = take_checkpoint(history, tmp_path)
    with Tamper(history) as connection:
        drop_guard(connection, "note", "delete")
        newest = connection.execute(text("SELECT id FROM event ORDER BY id DESC LIMIT 2")).scalars().all()
        connection.execute(text("DELETE FROM event WHERE id IN (:a, :b)"), {"a": newest[0], "b": newest[1]})
        for note_id in history.last_note_ids:
            connection.execute(text("DELETE FROM note WHERE id = :id"), {"id": note_id})
    report = assert_verifies(history)
    assert report["events"] == history.events - 2
    line = assert_detected(history, f"event {newest[0]}", "--checkpoint", str(checkpoint))
    assert "missing" in line


def test_the_newest_events_deleted_alone(history: History) -> None:
    """Without deleting their rows too, the rows the last events wrote have no event any more."""
    with Tamper(history) as connection:
        connection.execute(text("DELETE FROM event WHERE id = (SELECT max(id) FROM event)"))
    line = assert_detected(history, f"row note:{history.last_note_ids[-1]}")
    assert "no audit event" in line


def test_all_events_deleted(history: History) -> None:
    with Tamper(history) as connection:
        connection.execute(text("DELETE FROM event"))
    line = assert_detected(history, "row article:1")
    assert "no audit event" in line


# --- a key kept outside the database (HMAC) --------------------------------------------------------


@pytest.fixture
def keyed_history(store_db: str, monkeypatch: pytest.MonkeyPatch) -> History:
    monkeypatch.setenv(AUDIT_KEY_ENV, KEY)
    built = build_history(store_db)
    monkeypatch.delenv(AUDIT_KEY_ENV)
    return built


def test_a_keyed_log_verifies_with_its_key_only(keyed_history: History) -> None:
    report = assert_verifies(keyed_history, key=KEY)
    assert report["keyed"] is True and report["events"] == keyed_history.events
    line = assert_detected(keyed_history, "event 1")
    assert AUDIT_KEY_ENV in line
    line = assert_detected(keyed_history, "event 1", key="not-the-desk-key")
    assert "not the key" in line


@pytest.mark.parametrize("key", [None, "not-the-desk-key"])
def test_a_keyed_log_refuses_writes_without_its_key(keyed_history: History, key: str | None) -> None:
    """A write without the key, or with another one, would leave an event that makes every later verify
    report tampering: it is refused in one line, nothing is stored, and the log keeps verifying."""
    before = newest_event_id(keyed_history)
    args = ("verdict", str(keyed_history.other_claim_id), "false", "--rationale", "ohne Schlüssel")
    proc = factcheck(keyed_history.db, *args, key=key)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and AUDIT_KEY_ENV in lines[0] and "key" in lines[0], proc.stderr
    assert newest_event_id(keyed_history) == before
    assert_verifies(keyed_history, key=KEY)
    proc = factcheck(keyed_history.db, *args, key=KEY)  # with the desk's key it goes through
    assert proc.returncode == 0, proc.stderr
    assert assert_verifies(keyed_history, key=KEY)["events"] == keyed_history.events + 1


def test_a_keyed_log_rehashed_after_an_edit_is_detected_without_a_checkpoint(keyed_history: History) -> None:
    """The tamperer edits one event and rehashes the chain from there with SHA-256 (the key is not in the
    database): the keyed events before it no longer lead to the rest."""
    event_id = keyed_history.verdict_event_id
    with Tamper(keyed_history) as connection:
        set_json(connection, "after", {**stored_after(connection, event_id), "rating": "true"}, event_id)
        assert recompute_chain(connection, since=event_id) == keyed_history.events - event_id + 1
    line = assert_detected(keyed_history, f"event {event_id}", key=KEY)
    assert "without the key" in line


def test_a_keyed_log_rehashed_whole_is_detected_without_a_checkpoint(keyed_history: History) -> None:
    """Rehashing every event, the first included, leaves no keyed event to compare with; with the key
    set, a log whose newest event is not keyed does not verify."""
    with Tamper(keyed_history) as connection:
        event_id = keyed_history.verdict_event_id
        set_json(connection, "after", {**stored_after(connection, event_id), "rating": "true"}, event_id)
        assert recompute_chain(connection) == keyed_history.events
    assert_verifies(keyed_history)  # to someone without the key it is a valid unkeyed log …
    head = newest_event_id(keyed_history)
    line = assert_detected(keyed_history, f"event {head}", key=KEY)  # … not to the desk
    assert "no event is keyed" in line


# --- a database from before migration 0007 ----------------------------------------------------------


def legacy_hash(prev: str, at: datetime, actor: str, action: str, entity: str, entity_id: int, after: Any) -> str:
    """The hash events were written with before migration 0007 (services/audit.py at revision 0006)."""
    payload = json.dumps(
        [prev, at.isoformat(), actor, action, entity, entity_id, None, after],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def write_at_0006(db: str) -> dict[str, int]:
    """A store as the version before migration 0007 left it: rows, and events chained the old way."""
    engine = create_store_engine(db, migrate_to="0006")
    doc = prepare_document(SEED.read_bytes(), name=SEED.name)
    at = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
    with Session(engine) as session:
        article = Article(
            title=doc.title,
            language=doc.language,
            origin="seed",
            format=doc.format,
            raw_text=doc.raw_text,
            text=doc.text,
            offset_map=doc.repaired.map.to_json(),
            sha256=doc.sha256,
            imported_by="anna",
            created_at=at,
        )
        session.add(article)
        session.flush()
        assert article.id is not None
        claim = Claim(article_id=article.id, start=0, end=40, text=doc.text[:40], kinds=["quote"], fields={})
        claim.status, claim.version = "checked", 2
        session.add(claim)
        session.flush()
        assert claim.id is not None
        verdict = Verdict(claim_id=claim.id, rating="false", rationale="Archiv", checker="anna", created_at=at)
        note = Note(claim_id=claim.id, author="ben", body="Rückruf beim Kreml", created_at=at)
        session.add_all([verdict, note])
        session.flush()
        assert verdict.id is not None and note.id is not None
        ids = {"article": article.id, "claim": claim.id, "verdict": verdict.id, "note": note.id}
        session.commit()
    event = table(
        "event",
        *(column(name) for name in ("at", "actor", "action", "entity", "entity_id", "claim_id", "prev_hash", "hash")),
        column("after", JSON),
    )
    prev = ""
    history = [
        ("anna", "article.import", "article", ids["article"], None, {"title": doc.title, "claims": 1}),
        ("anna", "verdict.set", "verdict", ids["verdict"], ids["claim"], {"rating": "false", "version": 2}),
        ("ben", "note.add", "note", ids["note"], ids["claim"], {"body": "Rückruf beim Kreml"}),
    ]
    with engine.begin() as connection:
        for minute, (actor, action, entity, entity_id, claim_id, after) in enumerate(history):
            when = at + timedelta(minutes=minute)
            digest = legacy_hash(prev, when, actor, action, entity, entity_id, after)
            connection.execute(
                event.insert().values(
                    at=when,
                    actor=actor,
                    action=action,
                    entity=entity,
                    entity_id=entity_id,
                    claim_id=claim_id,
                    after=after,
                    prev_hash=prev,
                    hash=digest,
                )
            )
            prev = digest
    engine.dispose()
    return ids


def test_a_database_from_revision_0006_with_data_verifies_at_head(store_db: str) -> None:
    ids = write_at_0006(store_db)
    old = History(store_db, ids["verdict"], 2, ids["note"], ids["claim"], ids["claim"], [], 3)
    report = assert_verifies(old)  # the command opens it at head: migration 0007 adds the baseline event
    assert report["events"] == 4 and report["rows"] == 4
    exported = [json.loads(line) for line in factcheck(store_db, "audit", "export").stdout.splitlines()]
    assert [e["scheme"] for e in exported] == [1, 1, 1, 2] and exported[-1]["action"] == "audit.baseline"
    assert sorted(exported[-1]["rows"]) == sorted(f"{table}:{row_id}" for table, row_id in ids.items())

    engine = create_store_engine(store_db)
    write(engine, lambda s: verdicts.set_verdict(s, ids["claim"], "mostly-false", rationale="neu", actor="ben"))
    engine.dispose()
    assert assert_verifies(old)["events"] == 5

    with Tamper(old) as connection:  # a verdict written before 0007 is covered by the baseline's digests
        drop_guard(connection, "verdict", "update")
        connection.execute(text("UPDATE verdict SET checker = 'mallory' WHERE id = :id"), {"id": ids["verdict"]})
    assert_detected(old, f"row verdict:{ids['verdict']}")


@pytest.mark.parametrize("tampering", ["rows on a legacy event", "legacy event moved to another claim"])
def test_what_a_legacy_event_does_not_hash_is_still_detected(store_db: str, tampering: str) -> None:
    """Events from before migration 0007 hash neither rows nor claim ids: forged rows written into one
    (an approval that never happened) or moving one to another claim fail verify even with a checkpoint
    taken after the forgery was possible — the baseline event vouches for the legacy events."""
    ids = write_at_0006(store_db)
    old = History(store_db, ids["verdict"], 2, ids["note"], ids["claim"], ids["claim"], [], 3)
    assert_verifies(old)  # upgraded to head: the baseline event is appended
    with Tamper(old) as connection:
        legacy_event = connection.execute(text("SELECT min(id) FROM event WHERE scheme = 1")).scalar()
        if tampering == "rows on a legacy event":
            forged = {f"verdict:{ids['verdict']}": "0" * 64}
            set_json(connection, "rows", forged, legacy_event)
            expected = f"event {legacy_event}"
        else:
            other = connection.execute(text("SELECT max(id) FROM claim")).scalar()
            connection.execute(text("UPDATE event SET claim_id = :c WHERE id = :id"), {"c": other, "id": legacy_event})
            expected = "event 4"  # the baseline, which vouches for the legacy events' claim ids
    line = assert_detected(old, expected)
    assert "legacy" in line


# --- a large log: a helper process verifies the newer events and the rows meanwhile --------------


def tamper_actor(connection: Connection, history: History) -> str:
    connection.execute(text("UPDATE event SET actor = 'anna' WHERE id = :id"), {"id": history.verdict_event_id})
    return f"event {history.verdict_event_id}"


def tamper_verdict(connection: Connection, history: History) -> str:
    drop_guard(connection, "verdict", "update")
    connection.execute(text("UPDATE verdict SET rating = 'true' WHERE id = :id"), {"id": history.verdict_id})
    return f"verdict:{history.verdict_id}"


def tamper_newest(connection: Connection, history: History) -> str:
    connection.execute(text("DELETE FROM event WHERE id = (SELECT max(id) FROM event)"))
    return f"note:{history.last_note_ids[-1]}"


def tamper_recompute(connection: Connection, history: History) -> str:
    event_id = history.verdict_event_id
    set_json(connection, "after", {**stored_after(connection, event_id), "rating": "true"}, event_id)
    recompute_chain(connection)
    return f"event {history.events}"  # the checkpointed head


def tamper_nothing(connection: Connection, history: History) -> str:
    return ""


@pytest.mark.parametrize("tamper", [tamper_nothing, tamper_actor, tamper_verdict, tamper_newest, tamper_recompute])
def test_a_log_verified_with_a_helper_process_is_judged_as_verified_alone(
    sqlite_file_history: History, monkeypatch: pytest.MonkeyPatch, tamper: Any
) -> None:
    """From HELPER_FROM_EVENTS events on a SQLite file, a second process walks the newer events and
    digests the rows while this one walks the older ones; wherever the log is split, the verdict is
    the one a single process gives (checkpoint included). (PostgreSQL: one process.)"""
    history = sqlite_file_history
    checkpoint = audit_log.checkpoint(reader := open_sqlite_reader(history.db))  # type: ignore[arg-type]
    reader.close()  # type: ignore[union-attr]
    with Tamper(history) as connection:
        spot = tamper(connection, history)

    def verified(helper_from: int, split: int | None = None) -> audit_log.AuditReport:
        monkeypatch.setattr(audit_log, "HELPER_FROM_EVENTS", helper_from)
        if split is not None:
            monkeypatch.setattr(audit_log, "_split_after", lambda low, high, rows: split)
        reader = open_sqlite_reader(history.db)
        assert reader is not None
        try:
            return audit_log.verify(reader, checkpoint=checkpoint)
        finally:
            reader.close()

    alone = verified(10**9)
    assert (alone.finding is None) == (spot == "")
    if alone.finding is not None:
        assert spot in str(alone.finding)
    for split in sorted({0, 1, history.verdict_event_id - 1, history.verdict_event_id, history.events - 1}):
        helped = verified(1, split)
        assert (helped.events, helped.rows, helped.head) == (alone.events, alone.rows, alone.head), split
        assert str(helped.finding) == str(alone.finding), split


def test_the_helper_declines_when_the_log_moved_on(sqlite_file_history: History) -> None:
    """The helper reads its own snapshot; one with another newest event is not used (the verifier then
    does the work itself, in its own snapshot)."""
    history = sqlite_file_history
    receive, send = multiprocessing.Pipe(duplex=False)
    audit_log._verify_elsewhere(history.db, (history.events + 1, "not the head"), 0, None, None, send)
    assert receive.recv() is None
    receive, send = multiprocessing.Pipe(duplex=False)
    reader = open_sqlite_reader(history.db)
    assert reader is not None
    audit_log._verify_elsewhere(history.db, audit_log._head(reader), 3, None, None, send)
    state, finding, rows = receive.recv()
    assert finding is None and state.events == history.events - 3 and state.first_id == 4
    assert list(audit_log._unpacked(rows)) == list(audit_log.current_rows(reader))
    reader.close()
