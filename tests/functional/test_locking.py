"""Optimistic locking held by the database: a write based on a stale read of a claim fails with a
Conflict, whoever commits first and however the transactions interleave — on SQLite files and on the
PostgreSQL server, with real processes.

`FACTCHECK_LOCKING_PROCESSES` × `FACTCHECK_LOCKING_WRITES` sets the size of the many-writers test
(8 × 25 here; benchmarks/locking.py runs the same scenario at 8 × 200).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from factcheck.errors import Conflict
from factcheck.services import audit_log, verdicts
from factcheck.store import Claim, Event, Verdict, create_store_engine, session_scope
from factcheck.store.engine import read_scope
from factcheck.store.reader import Reader
from tests.conftest import SEED
from tests.functional.test_cli import assert_one_line_error, run, run_json
from tests.functional.test_services import first_claim_id, import_seed

PROCESSES = int(os.environ.get("FACTCHECK_LOCKING_PROCESSES", "8"))
WRITES = int(os.environ.get("FACTCHECK_LOCKING_WRITES", "25"))
ROUNDS = 10  # head-to-head rounds of two writers with the same expected version
WAIT = 60.0  # the longest any process waits for the others (a hang fails instead of blocking CI)
NEEDLE = "dröhnende Leere"


@pytest.fixture
def engine(store_db: str) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    import_seed(engine)
    yield engine
    engine.dispose()


def claim_version(engine: Engine, claim_id: int) -> int:
    with read_scope(engine) as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        return claim.version


def spawn(target: Any, args_of: list[tuple[Any, ...]]) -> list[Any]:
    """Run `target(*args, results)` in one fresh interpreter per args tuple; what each put in `results`."""
    context = multiprocessing.get_context("spawn")  # no connection inherited from this process
    results = context.Queue()
    processes = [context.Process(target=target, args=(*args, results)) for args in args_of]
    for process in processes:
        process.start()
    try:
        collected = [results.get(timeout=WAIT * 4) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=WAIT)
            if process.is_alive():
                process.kill()
    failures = [r for r in collected if isinstance(r, str) and r.startswith("crashed:")]
    assert not failures, failures
    return collected


# --- two writers, one expected version ------------------------------------------------------------


def duelist(db: str, name: str, claim_id: int, first_version: int, rounds: int, barrier: Any, results: Any) -> None:
    """A checker who read the claim at version `first_version + round` and now writes a verdict; both
    duelists start each round together (the barrier), after the previous one is decided."""
    try:
        engine = create_store_engine(db)
        outcomes: list[str] = []
        for r in range(rounds):
            barrier.wait(timeout=WAIT)
            try:
                with session_scope(engine) as session:
                    verdicts.set_verdict(
                        session,
                        claim_id,
                        "false",
                        rationale=f"{name}, round {r}",
                        actor=name,
                        expected_version=first_version + r,
                    )
                outcomes.append("ok")
            except Conflict as exc:
                outcomes.append(f"conflict: {exc}")
        engine.dispose()
        results.put((name, outcomes))
    except BaseException as exc:  # reported by the parent's assertion
        results.put(f"crashed: {name}: {type(exc).__name__}: {exc}")


def test_two_processes_with_the_same_expected_version_one_wins_the_other_is_told(engine: Engine, store_db: str) -> None:
    claim_id = first_claim_id(engine, NEEDLE)
    first = claim_version(engine, claim_id)
    barrier = multiprocessing.get_context("spawn").Barrier(2)
    collected = dict(spawn(duelist, [(store_db, name, claim_id, first, ROUNDS, barrier) for name in ("anna", "ben")]))
    for r in range(ROUNDS):
        outcomes = sorted(collected[name][r] for name in ("anna", "ben"))
        assert outcomes[1] == "ok", (r, outcomes)  # exactly one wins …
        assert outcomes[0].startswith("conflict: "), (r, outcomes)  # … the other is told, in words
        assert f"claim {claim_id} changed meanwhile (version {first + r + 1}, you expected {first + r})" in outcomes[0]
        assert "changed by someone else" in outcomes[0]
    assert claim_version(engine, claim_id) == first + ROUNDS
    with Session(engine) as session:
        verdict_rows = session.exec(select(Verdict).where(Verdict.claim_id == claim_id)).all()
        assert len(verdict_rows) == ROUNDS  # a refused write left nothing behind


def test_the_database_refuses_a_stale_update_that_waited_for_the_row(engine: Engine) -> None:
    """Two PostgreSQL sessions read the claim at the same version without the write lock (a client that
    skips the services' lock); the second UPDATE waits for the first's row lock and, once that commits,
    matches no row: `UPDATE … WHERE version = ?` refuses it, whatever the interleaving."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: its transactions cannot interleave like this")
    claim_id = first_claim_id(engine, NEEDLE)
    read, go = threading.Event(), threading.Event()
    second: dict[str, Any] = {}

    def stale_writer() -> None:
        try:
            with session_scope(engine) as session:
                claim = session.get(Claim, claim_id)
                assert claim is not None
                second["pid"] = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
                read.set()
                go.wait(timeout=WAIT)
                claim.status, claim.version = "dismissed", claim.version + 1
            second["outcome"] = "ok"
        except BaseException as exc:  # asserted below
            second["outcome"] = exc

    thread = threading.Thread(target=stale_writer)
    thread.start()
    assert read.wait(timeout=WAIT)
    with Session(engine) as first:
        claim = first.get(Claim, claim_id)
        assert claim is not None and claim.version == 1
        claim.status, claim.version = "in-progress", 2
        first.flush()  # the UPDATE ran: this transaction holds the row until it commits
        go.set()
        wait_until_blocked(engine, second["pid"])  # the stale UPDATE is queued behind the row lock
        first.commit()
    thread.join(timeout=WAIT)
    outcome = second["outcome"]
    assert isinstance(outcome, Conflict) and isinstance(outcome.__cause__, StaleDataError), outcome
    with read_scope(engine) as session:
        stored = session.get(Claim, claim_id)
        assert stored is not None and (stored.status, stored.version) == ("in-progress", 2)


def wait_until_blocked(engine: Engine, pid: int) -> None:
    """Until the backend `pid` waits for a lock (pg_stat_activity), at most WAIT seconds."""
    deadline = time.monotonic() + WAIT
    with engine.connect() as watcher:
        while time.monotonic() < deadline:
            waiting = watcher.execute(
                text("SELECT wait_event_type FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
            ).scalar()
            watcher.rollback()  # a fresh snapshot of pg_stat_activity on every look
            if waiting == "Lock":
                return
    raise AssertionError(f"backend {pid} never waited for the row lock")


# --- many writers on one claim ---------------------------------------------------------------------


@dataclass
class Tally:
    accepted: int = 0
    conflicts: int = 0


def writer(db: str, name: str, claim_id: int, writes: int, barrier: Any, results: Any) -> None:
    """A checker who, `writes` times, reads the claim's version and writes a verdict expecting it."""
    try:
        engine = create_store_engine(db)
        tally = Tally()
        barrier.wait(timeout=WAIT)  # everyone has imported and connected: start together
        for i in range(writes):
            version = claim_version(engine, claim_id)
            try:
                with session_scope(engine) as session:
                    verdicts.set_verdict(
                        session, claim_id, "misleading", rationale=f"{name} #{i}", actor=name, expected_version=version
                    )
                tally.accepted += 1
            except Conflict:
                tally.conflicts += 1
        engine.dispose()
        results.put(tally)
    except BaseException as exc:  # reported by the parent's assertion
        results.put(f"crashed: {name}: {type(exc).__name__}: {exc}")


def run_writers(db: str, claim_id: int, processes: int, writes: int) -> Tally:
    """`processes` writer processes × `writes` verdicts on one claim; the sum of what they were told."""
    barrier = multiprocessing.get_context("spawn").Barrier(processes)
    tallies = spawn(writer, [(db, f"checker-{p}", claim_id, writes, barrier) for p in range(processes)])
    return Tally(sum(t.accepted for t in tallies), sum(t.conflicts for t in tallies))


def check_versions(engine: Engine, claim_id: int, first_version: int, total: Tally) -> list[int]:
    """The claim's version counts every accepted write, once; returns the versions its events recorded."""
    with Session(engine) as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        events = session.exec(
            select(Event).where(Event.claim_id == claim_id, Event.action == "verdict.set").order_by(col(Event.id))
        ).all()
        verdict_rows = session.exec(select(Verdict).where(Verdict.claim_id == claim_id)).all()
    versions = [int((e.after or {})["version"]) for e in events]  # snapshot() after the write
    assert claim.version == first_version + total.accepted
    assert len(verdict_rows) == len(events) == total.accepted
    assert len(versions) == len(set(versions)), "two accepted writes made the same version"
    assert versions == list(range(first_version + 1, first_version + total.accepted + 1))
    return versions


def test_many_processes_writing_one_claim_count_every_accepted_write_once(engine: Engine, store_db: str) -> None:
    claim_id = first_claim_id(engine, NEEDLE)
    first = claim_version(engine, claim_id)
    total = run_writers(store_db, claim_id, PROCESSES, WRITES)
    assert total.accepted + total.conflicts == PROCESSES * WRITES
    assert total.accepted >= WRITES  # each round of contention has a winner
    check_versions(engine, claim_id, first, total)
    with Session(engine) as session:
        report = audit_log.verify(Reader.of_session(session))
    assert report.ok, report.finding


# --- the command line: --expect-version --------------------------------------------------------------


def test_cli_writes_refuse_a_stale_expected_version_in_one_line(db_path: Path) -> None:
    article = run_json("import", str(SEED), db=db_path)["article_id"]
    claim = next(c["id"] for c in run_json("claims", str(article), db=db_path) if NEEDLE in c["text"])
    assert run_json("show", str(claim), db=db_path)["version"] == 1

    run("verdict", str(claim), "falsch", "--rationale", "Kein Beleg", "--expect-version", "1", db=db_path)
    stale = run("verdict", str(claim), "richtig", "--expect-version", "1", db=db_path, ok=False)
    assert_one_line_error(stale, f"claim {claim} changed meanwhile (version 2, you expected 1)")
    stale_note = run("note", str(claim), "nachgefragt", "--expect-version", "1", db=db_path, ok=False)
    assert_one_line_error(stale_note, f"claim {claim} changed meanwhile (version 2, you expected 1)")

    noted = run_json("note", str(claim), "nachgefragt", "--expect-version", "2", db=db_path)
    assert noted["body"] == "nachgefragt"
    shown = run_json("show", str(claim), db=db_path)
    assert shown["version"] == 2  # a note leaves the claim's version as it is
    assert [v["rating"] for v in shown["verdicts"]] == ["false"] and len(shown["notes"]) == 1
    run("verdict", str(claim), "richtig", "--expect-version", "2", db=db_path)
    assert run_json("show", str(claim), db=db_path)["version"] == 3

    for bad in ("0", "zwei"):
        refused = run("verdict", str(claim), "richtig", "--expect-version", bad, db=db_path, ok=False)
        assert_one_line_error(refused, "--expect-version")
