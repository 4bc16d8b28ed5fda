"""`factcheck checked import` at scale (issue 9, §3/§4): speed, peak memory, how long the write lock is held.

Generates fact-check files in a temporary folder (a CSV of German/English claims with all columns,
and the same rows as ClaimReview JSON), then for each size runs the real CLI in a child process under
`/usr/bin/time -v` into a fresh SQLite file, while this process probes the write lock: it takes
`BEGIN IMMEDIATE` in a loop (busy_timeout 30 s) and records how long each attempt waited. The longest
wait is the time the import kept others from writing; a colleague's `factcheck note` waits that long.

    python benchmarks/checked_import.py [--rows 64824 --rows 200000] [--json-rows 20000] [--keep]
        [--backend sqlite|postgresql] [--pg-url URL]

Prints JSON: per file rows, MB, wall s, rows/s, peak RSS MB, exit code, longest write-lock wait, and
how long the import's own write phase took (the CLI reports nothing; we read it from the probe).
`--backend postgresql` imports into a throwaway schema on the real server (FACTCHECK_TEST_PG or
--pg-url), dropped afterwards; there the lock probe is left out (the advisory lock is shared by every
schema of the database, so it would time other people's writers too).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FACTCHECK = Path(sys.executable).with_name("factcheck")

WORDS_DE = (
    "Bundesregierung Regierung Tempolimit Autobahn Rente Steuer Impfpflicht Bundestag Migration Energie "
    "Heizung Wärmepumpe Strompreis Inflation Arbeitslosigkeit Kanzler Ministerin Flüchtlinge Grenze Polizei "
    "Kriminalität Statistik Prozent Milliarden Euro Schulden Haushalt Klima Kohle Atomkraft Windkraft Solar "
    "Bürgergeld Mindestlohn Wohnungen Mieten Bahn Verspätung Krankenhaus Pflege Ärzte Schulen Lehrer"
).split()
WORDS_EN = (
    "government president senator unemployment taxes immigration border crime percent billion dollars "
    "healthcare insurance vaccine election votes fraud economy jobs wages inflation climate energy oil "
    "gas prices schools teachers police military budget deficit debt trade tariffs China Russia"
).split()
FILLER_DE = "hat die der das den im seit ab um auf mehr als weniger wurde wird sind ist".split()
FILLER_EN = "the has have a of in since by more than less was were is are".split()
LABELS = ["Falsch", "Richtig", "Größtenteils falsch", "Halb richtig", "Irreführend", "False", "True", "Mostly True"]
PUBLISHERS = ["Faktencheck Beispiel", "Correctiv", "dpa-Faktencheck", "PolitiFact", "Snopes"]
SPEAKERS = ["Olaf Scholz", "Friedrich Merz", "Donald Trump", "Joe Biden", "A Facebook user", ""]


def claim_row(rng: random.Random, i: int) -> dict[str, str]:
    german = rng.random() < 0.6
    words, filler = (WORDS_DE, FILLER_DE) if german else (WORDS_EN, FILLER_EN)
    n = rng.randint(8, 14)
    body = " ".join(rng.choice(words) if rng.random() < 0.5 else rng.choice(filler) for _ in range(n))
    text = f"{body.capitalize()} {rng.randint(1, 99)} {rng.choice(words)} {2000 + i % 25}."
    return {
        "claim": text,
        "verdict": rng.choice(LABELS),
        "url": f"https://checks.example.org/{i}",
        "date": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "language": "de" if german else "en",
        "publisher": rng.choice(PUBLISHERS),
        "speaker": rng.choice(SPEAKERS),
    }


def write_csv(path: Path, rows: int, seed: int = 6) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(claim_row(rng, 0)))
        w.writeheader()
        for i in range(rows):
            w.writerow(claim_row(rng, i))


def write_claimreview(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    items = []
    for i in range(rows):
        r = claim_row(rng, i)
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": r["claim"],
                "url": r["url"],
                "datePublished": r["date"],
                "inLanguage": r["language"],
                "author": {"@type": "Organization", "name": r["publisher"]},
                "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": r["speaker"] or "someone"}},
                "reviewRating": {"@type": "Rating", "alternateName": r["verdict"]},
            }
        )
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")


class LockProbe(threading.Thread):
    """Takes and releases SQLite's write lock in a loop; the longest wait is how long others were shut out."""

    def __init__(self, db: Path) -> None:
        super().__init__(daemon=True)
        self.db = db
        self.stop = threading.Event()
        self.waits: list[float] = []

    def run(self) -> None:
        while not self.db.exists() and not self.stop.is_set():
            time.sleep(0.01)
        conn = sqlite3.connect(self.db, timeout=1, isolation_level=None)
        conn.execute("PRAGMA busy_timeout=1000")
        while not self.stop.is_set():
            started = time.monotonic()
            while not self.stop.is_set():  # until we get the lock: the wait is however long it was held
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    conn.execute("ROLLBACK")
                    break
                except sqlite3.OperationalError:
                    continue
            self.waits.append(time.monotonic() - started)
            time.sleep(0.005)
        conn.close()


PG_URL = os.environ.get("FACTCHECK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextlib.contextmanager
def pg_schema(pg_url: str) -> Any:
    """A throwaway PostgreSQL schema: yields the store URL on it, drops it afterwards."""
    from sqlalchemy import create_engine, text

    schema = f"fc_import_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{pg_url}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


def timed_import(path: Path, db: Path | str) -> dict[str, Any]:
    # the schema first, so the probe has a database to wait on before the import starts
    subprocess.run([str(FACTCHECK), "--db", str(db), "articles"], capture_output=True, check=False)
    probe = LockProbe(db) if isinstance(db, Path) else None
    if probe is not None:
        probe.start()
        time.sleep(0.2)
    started = time.monotonic()
    cmd = ["/usr/bin/time", "-v", str(FACTCHECK), "checked", "import", str(path), "--db", str(db), "--json"]
    done = subprocess.run(
        cmd, capture_output=True, text=True, check=False, env={**os.environ, "FACTCHECK_USER": "bench"}
    )
    wall = time.monotonic() - started
    if probe is not None:
        probe.stop.set()
        probe.join()
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    out: dict[str, Any] = {}
    with contextlib.suppress(json.JSONDecodeError):
        out = json.loads(done.stdout)
    return {
        "exit": done.returncode,
        "added": out.get("added"),
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(int(rss[1]) / 1024, 1) if rss else None,
        "longest_write_lock_wait_s": round(max(probe.waits, default=0.0), 3) if probe is not None else None,
        "error": next((ln for ln in done.stderr.splitlines() if ln.startswith("error")), None),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, action="append", help="CSV sizes in rows (default 64824)")
    parser.add_argument("--json-rows", type=int, default=20_000, help="ClaimReview JSON rows (0: skip)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pg-url", default=PG_URL, help="PostgreSQL server for --backend postgresql")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fc-checked-bench-"))
    results = []
    try:
        files = []
        for rows in args.rows or [64_824]:
            path = tmp / f"checked-{rows}.csv"
            write_csv(path, rows)
            files.append((path, rows, "csv"))
        if args.json_rows:
            path = tmp / f"claimreview-{args.json_rows}.json"
            write_claimreview(path, args.json_rows)
            files.append((path, args.json_rows, "claimreview"))
        for path, rows, kind in files:
            if args.backend == "sqlite":
                result = timed_import(path, tmp / f"{path.stem}.db")
            else:
                with pg_schema(args.pg_url) as url:
                    result = timed_import(path, url)
            result = {
                "backend": args.backend,
                "file": kind,
                "rows": rows,
                "mb": round(path.stat().st_size / 1e6, 1),
                **result,
                "rows_per_s": round(rows / result["wall_s"]) if result["exit"] == 0 else None,
            }
            results.append(result)
            print(json.dumps(result), file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps({"checked_import": results}, indent=2))


if __name__ == "__main__":
    main()
