"""Several checkers on one store: readers never wait for a writer, an import does not hold the write
lock while it extracts, and concurrent writers queue instead of failing — on real SQLite files with
separate connections and processes (and the writers' test on PostgreSQL too)."""

from __future__ import annotations

import multiprocessing
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from factcheck.errors import StoreError
from factcheck.services import articles, claims, verdicts
from factcheck.services.audit import verify_chain
from factcheck.store import Claim, Event, Note, Verdict, create_store_engine, session_scope
from factcheck.store import engine as store_engine
from factcheck.store.engine import read_scope
from factcheck.text.document import prepare_document
from tests.conftest import SEED
from tests.functional.test_services import first_claim_id, import_seed

FACTCHECK = Path(sys.executable).with_name("factcheck")
# Far below the 5 s after which a blocked read used to fail with "database is locked".
PROMPT = 2.0


@pytest.fixture
def sqlite_store(db_path: Path) -> Iterator[tuple[Path, Engine]]:
    engine = create_store_engine(str(db_path))
    import_seed(engine)
    yield db_path, engine
    engine.dispose()


class HeldWriteLock:
    """Another checker in the middle of a write: a separate connection inside BEGIN IMMEDIATE."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None, timeout=0)

    def __enter__(self) -> HeldWriteLock:
        self.connection.execute("BEGIN IMMEDIATE")
        # An uncommitted write of its own, as a real writer would have.
        self.connection.execute("UPDATE claim SET version = version WHERE id = (SELECT min(id) FROM claim)")
        return self

    def release(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("COMMIT")

    def __exit__(self, *_exc: object) -> None:
        self.release()
        self.connection.close()


def test_service_reads_answer_while_another_connection_holds_the_write_lock(
    sqlite_store: tuple[Path, Engine],
) -> None:
    path, engine = sqlite_store
    claim_id = first_claim_id(engine, "dröhnende Leere")
    with HeldWriteLock(path):
        started = time.monotonic()
        reopened = create_store_engine(str(path))  # the schema check at open takes no write lock
        with session_scope(reopened) as session:  # the front ends' ordinary unit of work
            listed = claims.list_claims(session)
            detail = claims.claim_detail(session, claim_id)
            summaries = articles.list_articles(session)
        with read_scope(reopened) as session:
            assert claims.list_claims(session, article_id=summaries[0].id)
        elapsed = time.monotonic() - started
        reopened.dispose()
    assert listed and detail.claim.id == claim_id and summaries[0].claims > 0
    assert elapsed < PROMPT, f"reads took {elapsed:.2f} s while a writer held the lock"


def test_cli_reads_answer_while_another_connection_holds_the_write_lock(
    sqlite_store: tuple[Path, Engine],
) -> None:
    path, engine = sqlite_store
    claim_id = first_claim_id(engine, "dröhnende Leere")
    env = {**os.environ, "FACTCHECK_DB": str(path), "NO_COLOR": "1"}
    with HeldWriteLock(path):
        for args in (["claims"], ["show", str(claim_id)], ["articles"], ["claims", "--json"]):
            started = time.monotonic()
            done = subprocess.run([str(FACTCHECK), *args], env=env, capture_output=True, text=True, timeout=60)
            elapsed = time.monotonic() - started
            assert done.returncode == 0, (args, done.stderr)
            assert "locked" not in done.stderr
            # A process start (~0.5 s) and the read; a blocked read would have taken the 5 s busy timeout.
            assert elapsed < PROMPT + 1.5, f"factcheck {' '.join(args)} took {elapsed:.2f} s"


def test_a_writer_queues_behind_a_held_lock_and_gives_up_only_after_the_bound(
    sqlite_store: tuple[Path, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, engine = sqlite_store
    claim_id = first_claim_id(engine, "dröhnende Leere")
    outcome: list[object] = []

    def write() -> None:
        try:
            with session_scope(engine) as session:
                outcome.append(verdicts.add_note(session, claim_id, "nach dem Import", actor="ben"))
        except BaseException as exc:  # reported by the assertion below
            outcome.append(exc)

    with HeldWriteLock(path) as held:
        writer = threading.Thread(target=write)
        writer.start()
        writer.join(timeout=0.5)
        assert writer.is_alive() and outcome == []  # waiting, not refused
        held.release()
        writer.join(timeout=30)
    assert len(outcome) == 1 and not isinstance(outcome[0], BaseException), outcome

    monkeypatch.setattr(store_engine, "WRITE_WAIT_SECONDS", 0.3)
    with HeldWriteLock(path), pytest.raises(StoreError, match="busy"), session_scope(engine) as session:
        verdicts.add_note(session, claim_id, "zu spät", actor="ben")


def test_import_extracts_without_holding_the_write_lock(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = create_store_engine(str(db_path))
    import_seed(engine)
    claim_id = first_claim_id(engine, "dröhnende Leere")
    other = create_store_engine(str(db_path))  # a second checker, its own connection
    monkeypatch.setattr(store_engine, "WRITE_WAIT_SECONDS", 0.5)
    extract = articles.extract_document
    written: list[int] = []

    def extract_while_another_checker_writes(doc: object) -> object:
        # Had the import taken the write lock before extracting, this write would wait and then fail.
        with session_scope(other) as session:
            written.append(verdicts.add_note(session, claim_id, "während des Imports", actor="ben").id)
        with read_scope(other) as session:
            claims.list_claims(session)
        return extract(doc)  # type: ignore[arg-type]

    monkeypatch.setattr(articles, "extract_document", extract_while_another_checker_writes)
    doc = prepare_document(SEED.read_bytes().replace(b"Trump", b"Trump (US)"), name="variant.txt")
    with session_scope(engine) as session:
        result = articles.import_document(session, doc, origin="variant.txt", actor="anna")
    assert result.created and len(written) == 1
    with Session(engine) as session:
        assert verify_chain(session) == (True, None)
    other.dispose()
    engine.dispose()


def checker_process(db: str, name: str, claim_ids: list[int], writes: int, seed: int) -> dict[str, int]:
    """One checker's session in its own process: mixed writes, counting what was refused."""
    engine = create_store_engine(db)
    rng = random.Random(seed)
    done = {"verdict": 0, "note": 0, "status": 0, "refused": 0}
    try:
        for i in range(writes):
            claim_id = rng.choice(claim_ids)
            kind = rng.choice(("verdict", "note", "status"))
            try:
                with session_scope(engine) as session:
                    if kind == "verdict":
                        verdicts.set_verdict(session, claim_id, "false", rationale=f"{name} #{i}", actor=name)
                    elif kind == "note":
                        verdicts.add_note(session, claim_id, f"{name} #{i}", actor=name)
                    else:
                        claims.set_status(session, claim_id, rng.choice(("in-progress", "open")), actor=name)
                done[kind] += 1
            except StoreError:
                done["refused"] += 1
    finally:
        engine.dispose()
    return done


def test_concurrent_writer_processes_lose_nothing_and_keep_one_chain(store_db: str) -> None:
    engine = create_store_engine(store_db)
    import_seed(engine)
    with Session(engine) as session:
        claim_ids = [c.id for c in session.exec(select(Claim).where(Claim.checkworthy))][:8]
    processes, writes = 4, 50
    context = multiprocessing.get_context("spawn")  # fresh interpreters, no connection inherited
    with context.Pool(processes) as pool:
        results = pool.starmap(
            checker_process, [(store_db, f"checker-{p}", claim_ids, writes, p) for p in range(processes)]
        )
    assert sum(r["refused"] for r in results) == 0
    with Session(engine) as session:
        notes = len(session.exec(select(Note)).all())
        verdict_rows = len(session.exec(select(Verdict)).all())
        events = session.exec(select(Event).order_by(col(Event.id))).all()
        assert notes == sum(r["note"] for r in results)
        assert verdict_rows == sum(r["verdict"] for r in results)
        assert len(events) == 1 + processes * writes  # the import, then every write: none lost
        assert verify_chain(session) == (True, None)
        for claim_id in claim_ids:
            versions = [e.after["version"] for e in events if e.claim_id == claim_id and e.action != "note.add"]
            assert len(versions) == len(set(versions)), f"claim {claim_id}: two writes made the same version"
            claim = session.get(Claim, claim_id)
            assert claim is not None and claim.version == 1 + len(versions)
    engine.dispose()


def test_parallel_checker_threads_lose_no_write_and_keep_one_chain(store_db: str) -> None:
    engine = create_store_engine(store_db)
    import_seed(engine)
    with Session(engine) as session:
        claim_ids = [c.id for c in session.exec(select(Claim).where(Claim.checkworthy))][:6]
    errors: list[BaseException] = []

    def checker(name: str) -> None:
        own = create_store_engine(store_db)
        try:
            for claim_id in claim_ids:
                with session_scope(own) as session:
                    verdicts.add_note(session, claim_id, f"{name} war hier", actor=name)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=checker, args=(f"checker-{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Session(engine) as session:
        assert len(session.exec(select(Note)).all()) == 4 * len(claim_ids)
        assert len(session.exec(select(Event)).all()) == 1 + 4 * len(claim_ids)
        assert verify_chain(session) == (True, None)
    engine.dispose()
