"""A bulk `checked import` killed with SIGKILL while it writes, on SQLite and PostgreSQL: the store opens,
passes its integrity checks and `audit verify`, holds all or none of the file, and finds similar claims.

The import runs as a real `factcheck` process whose stderr is a pseudo-terminal, so it draws its progress
bar; the test kills it as soon as the bar shows the storing phase (rows are going in under the write
lock), not after a fixed sleep.
"""

from __future__ import annotations

import csv
import json
import os
import pty
import select
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import text

from factcheck.store import create_store_engine

FIRST_ROWS = 300
BULK_ROWS = 30_000
TOPICS = ("Tempolimit", "Mindestlohn", "Wärmepumpe", "Rente", "Bürgergeld", "Windkraft", "Inflation", "Migration")


def write_csv(path: Path, start: int, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["claim", "verdict", "url", "language"])
        for i in range(start, start + rows):
            topic = TOPICS[i % len(TOPICS)]
            year = 1990 + i % 35
            claim = f"Behauptung {i}: Die Regierung hat beim Thema {topic} im Jahr {year} {i * 7} Euro versprochen."
            out.writerow([claim, "Falsch", f"https://checks.example.de/{i}", "de"])


def factcheck(db: str, *args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FACTCHECK_USER": "crash-test"}
    return subprocess.Popen([sys.executable, "-m", "factcheck", "--db", db, *args], env=env, **kwargs)  # type: ignore[call-overload]


def run_ok(db: str, *args: str) -> str:
    proc = factcheck(db, *args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return out.decode()


def kill_while_storing(db: str, path: Path, timeout: float = 240.0) -> bytes:
    """Start `checked import path`, wait until its progress bar shows "storing", SIGKILL it; its output."""
    master, slave = pty.openpty()
    proc = factcheck(db, "checked", "import", str(path), stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + timeout
    try:
        while b"storing" not in seen:
            assert proc.poll() is None, f"the import ended before it was seen storing: {seen[-500:]!r}"
            assert time.monotonic() < deadline, f"no storing phase within {timeout:.0f} s: {seen[-500:]!r}"
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    continue
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert proc.returncode == -signal.SIGKILL
    return seen


def stored_urls(db: str) -> set[str]:
    engine = create_store_engine(db)
    with engine.connect() as conn:
        urls = {row[0] for row in conn.execute(text("SELECT url FROM checked_claim"))}
    engine.dispose()
    return urls


def assert_index_consistent(db: str) -> None:
    """The full-text index agrees with the table (FTS5's own check; PostgreSQL's totals and postings)."""
    engine = create_store_engine(db)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO checked_claim_fts(checked_claim_fts) VALUES ('integrity-check')"))
        else:
            rows = conn.execute(text("SELECT count(*) FROM checked_claim")).scalar()
            docs, tokens = conn.execute(text("SELECT docs, tokens FROM checked_claim_fts_stats")).one()
            postings = conn.execute(text("SELECT coalesce(sum(tf), 0) FROM checked_claim_fts_postings")).scalar()
            claims = conn.execute(text("SELECT count(DISTINCT checked_id) FROM checked_claim_fts_postings")).scalar()
            assert docs == rows == claims and tokens == postings
    engine.dispose()


def assert_postings_settled(db: str) -> None:
    """PostgreSQL, after a bulk import: the postings were vacuumed (all pages all-visible), so searches
    read them from the index alone instead of fetching a heap page per posting."""
    if "://" not in db:
        return
    engine = create_store_engine(db)
    with engine.connect() as conn:
        pages, visible = conn.execute(
            text("SELECT relpages, relallvisible FROM pg_class WHERE oid = 'checked_claim_fts_postings'::regclass")
        ).one()
    engine.dispose()
    assert pages > 0 and visible == pages


def test_a_killed_bulk_import_leaves_all_or_nothing_and_a_working_memory(store_db: str, tmp_path: Path) -> None:
    first, bulk = tmp_path / "first.csv", tmp_path / "bulk.csv"
    write_csv(first, 0, FIRST_ROWS)
    write_csv(bulk, FIRST_ROWS, BULK_ROWS)
    run_ok(store_db, "checked", "import", str(first))

    kill_while_storing(store_db, bulk)

    if "://" not in store_db:  # a SQLite file
        with sqlite3.connect(store_db) as conn:  # opening also recovers from the WAL the kill left behind
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    urls = stored_urls(store_db)
    first_urls = {f"https://checks.example.de/{i}" for i in range(FIRST_ROWS)}
    bulk_urls = {f"https://checks.example.de/{i}" for i in range(FIRST_ROWS, FIRST_ROWS + BULK_ROWS)}
    assert urls in (first_urls, first_urls | bulk_urls), f"{len(urls & bulk_urls)} of {BULK_ROWS} rows half stored"
    assert "audit log verifies" in run_ok(store_db, "audit", "verify")
    assert_index_consistent(store_db)

    query = "Die Regierung hat beim Thema Rente im Jahr 1993 betont, 21 Euro versprochen zu haben"
    found = json.loads(run_ok(store_db, "similar", "--text", query, "--lang", "de", "--json"))
    assert found and found[0]["url"] == "https://checks.example.de/3"

    # the file imports in full afterwards, as if the killed run had never started (or had finished)
    result = json.loads(run_ok(store_db, "checked", "import", str(bulk), "--json"))
    assert result["added"] + result["skipped"] == BULK_ROWS and result["added"] in (0, BULK_ROWS)
    assert stored_urls(store_db) == first_urls | bulk_urls
    assert "audit log verifies" in run_ok(store_db, "audit", "verify")
    assert_index_consistent(store_db)
    assert_postings_settled(store_db)
    query = "Die Regierung hat beim Thema Mindestlohn im Jahr 1996 betont, 210007 Euro versprochen zu haben"
    found = json.loads(run_ok(store_db, "similar", "--text", query, "--lang", "de", "--json"))
    assert found and found[0]["url"] == "https://checks.example.de/30001"
