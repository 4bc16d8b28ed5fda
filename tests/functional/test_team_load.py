"""A desk under load and under a crash, on both backends (issue 14).

- Load: 8 checker processes × 500 versioned mixed writes (verdicts, notes, rewordings, status changes) on
  a few shared claims, accounted for by benchmarks/team_load.py (the same code the benchmark reports
  with): every accepted write is in the history, every refusal was a real version conflict, nothing is
  lost, versions run without gaps, no deadlock, and `audit verify` passes.
- Crash: kill -9 of a large article import while it holds the write lock: the store opens, passes its
  integrity checks and `audit verify`, and holds none of the interrupted import; importing again works.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from factcheck.services import database
from factcheck.store import create_store_engine
from factcheck.store.copy import count_rows
from factcheck.store.engine import WRITE_LOCK_KEY
from tests.conftest import ROOT, SEED

sys.path.insert(0, str(ROOT / "benchmarks"))  # spawned checkers inherit sys.path and import it too
import team_load


def test_eight_checkers_times_500_versioned_writes_lose_nothing(store_db: str) -> None:
    result = team_load.run_load(store_db, processes=8, writes=500, timeout=900)
    assert result["deadlocked"] is False
    assert result["errors"] == []
    assert result["accepted"] + result["refused"] == 8 * 500
    assert result["accepted"] >= 500  # every round of contention has a winner
    assert result["lost"] == 0 and result["phantoms"] == 0
    assert result["events"] == result["accepted"]
    assert result["unexplained_refusals"] == 0
    assert result["claims_with_version_gaps_or_repeats"] == []
    assert result["audit_verify"], result["audit_problem"]


def big_article(path: Path) -> Path:
    """About 500 KB of German news of our own: thousands of claims, so the import's write takes a moment."""
    paragraphs = []
    for i in range(1300):
        paragraphs.append(
            f"Am {1 + i % 28}. März 2025 sagte Bürgermeisterin Anna Berg in Leipzig, die Stadt habe {i + 3} neue"
            f" Wohnungen gebaut. „Wir halten Wort“, sagte Berg laut Protokoll {i}. Die Kosten stiegen um"
            f" {i % 40 + 2} Prozent auf {i * 3 + 100} Millionen Euro."
        )
    path.write_text("Wohnungsbau in Leipzig\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    return path


def writer_holds_lock(db: str) -> Callable[[], bool]:
    """A probe: is some other connection inside a write transaction on `db` right now?"""
    if "://" not in db:

        def sqlite_probe() -> bool:
            probe = sqlite3.connect(db, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
                probe.execute("ROLLBACK")
                return False
            except sqlite3.OperationalError:  # "database is locked": the importer is writing
                return True
            finally:
                probe.close()

        return sqlite_probe
    engine = create_store_engine(db)

    def postgres_probe() -> bool:
        with engine.connect() as connection:
            held = connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = :key"
                    " AND objid = hashtext(current_schema())::oid AND granted AND pid <> pg_backend_pid()"
                ),
                {"key": WRITE_LOCK_KEY},
            ).scalar()
        return bool(held)

    return postgres_probe


def test_an_import_killed_while_writing_leaves_a_sound_store_without_it(store_db: str, tmp_path: Path) -> None:
    env = {**os.environ, "FACTCHECK_USER": "anna"}
    factcheck = [sys.executable, "-m", "factcheck", "--db", store_db]
    subprocess.run([*factcheck, "import", str(SEED)], env=env, check=True, capture_output=True)
    before = _counts(store_db)
    article = big_article(tmp_path / "wohnungsbau.txt")
    locked = writer_holds_lock(store_db)
    importing = subprocess.Popen([*factcheck, "import", str(article)], env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while not locked() and importing.poll() is None:  # extraction first, then the write: wait for it
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.002)
        assert importing.poll() is None, "the import finished before it could be interrupted; make it bigger"
        importing.kill()
    finally:
        importing.wait(timeout=60)

    report = database.check(store_db)
    assert report.ok, [c for c in report.checks if c.status != "ok"]
    assert {c.name: c.status for c in report.checks}["audit log"] == "ok"
    assert _counts(store_db) == before  # none of the interrupted import
    again = subprocess.run([*factcheck, "import", str(article), "--json"], env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    after = _counts(store_db)
    assert after["article"] == before["article"] + 1 and after["claim"] > before["claim"] + 1000
    assert database.check(store_db).ok


def _counts(db: str) -> dict[str, int]:
    engine = create_store_engine(db)
    try:
        with engine.connect() as connection:
            return count_rows(connection)
    finally:
        engine.dispose()


@pytest.fixture(autouse=True)
def _no_stray_db_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
