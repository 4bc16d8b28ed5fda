"""Team load benchmark (issue 14): a desk of checkers writing to one store at once, per backend. Prints JSON.

1. **Mixed writes with versions**: `--processes` processes × `--writes` writes on a handful of claims of
   one article (so checkers collide, as a desk working one article does). Each write reads the claim's
   version, then writes expecting it, in its own transaction as the CLI and the workbench do: a verdict,
   a note, a rewording of the claim, or a status change. Afterwards every write is accounted for:
   - *accepted*: the service returned; its event must be in the history (actor, action, claim, the new
     version; a note by its id) — an accepted write without one is *lost*;
   - *refused*: the service raised Conflict; it must have been a real version conflict, i.e. another
     accepted write made the version after the one expected — a refusal without one is *unexplained*;
   - anything else raised is an *error*; events nobody reported are *phantoms*;
   - each claim's versions in the history run 2, 3, … without a gap or a repeat, and `audit verify` passes;
   - the workers finish within `--timeout` (else *deadlocked*).
   Reported: writes/s held over the run, p50/p95/max write latency (start of the unit of work to commit).
2. **Bulk `checked import`**: the real CLI imports a generated CSV of `--import-rows` fact-checks; rows/s.

    python benchmarks/team_load.py [--processes 8 --writes 500 --import-rows 100000] [--backend sqlite|postgresql|both]

PostgreSQL runs in a throwaway schema on FACTCHECK_TEST_PG (default the server on 127.0.0.1:5432, database
test), dropped afterwards; it is skipped with a reason when no server answers. `run_load` is what
tests/functional/test_team_load.py runs on both backends.
"""

from __future__ import annotations

import argparse
import csv
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "trump-putin-telefonat.de.txt"
PG_URL = os.environ.get("FACTCHECK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CLAIMS = 6  # claims the checkers share: few enough that they collide
KINDS = ("verdict", "note", "edit", "status")
VERSIONED = {"verdict": "verdict.set", "edit": "claim.edit", "status": "claim.status"}


def percentiles(values: list[float]) -> dict[str, float | None]:
    """p50/p95/max of seconds, in milliseconds."""
    if not values:
        return {"p50_ms": None, "p95_ms": None, "max_ms": None}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * p95, 2),
        "max_ms": round(1000 * ordered[-1], 2),
    }


def checker(db: str, name: str, claims: dict[int, str], writes: int, seed: int, start_at: float) -> dict[str, Any]:
    """One checker process: `writes` versioned writes; what it was told about each, for the accounting."""
    from factcheck.errors import Conflict, FactcheckError
    from factcheck.services import claims as claim_service
    from factcheck.services import editing, verdicts
    from factcheck.store import create_store_engine, session_scope
    from factcheck.store.engine import read_scope

    engine = create_store_engine(db)
    rng = random.Random(seed)
    accepted: list[tuple[str, int, int, int | None]] = []  # kind, claim, expected version, note id
    refused: list[tuple[str, int, int]] = []
    errors: list[str] = []
    latencies: list[float] = []
    while time.time() < start_at:  # everyone starts together, after the interpreters have loaded
        time.sleep(0.002)
    for i in range(writes):
        claim_id = rng.choice(list(claims))
        kind = rng.choice(KINDS)
        with read_scope(engine) as session:  # what a checker's screen showed: the version read
            version = claim_service.get_claim(session, claim_id).version
        started = time.perf_counter()
        try:
            with session_scope(engine) as session:
                note_id = None
                if kind == "verdict":
                    rating = rng.choice(("false", "misleading", "true"))
                    verdicts.set_verdict(
                        session, claim_id, rating, rationale=f"{name} #{i}", actor=name, expected_version=version
                    )
                elif kind == "note":
                    note_id = verdicts.add_note(
                        session, claim_id, f"{name} #{i}", actor=name, expected_version=version
                    ).id
                elif kind == "edit":
                    text = f"{claims[claim_id]} ({name} #{i})"
                    editing.edit_claim(session, claim_id, text=text, actor=name, expected_version=version)
                else:
                    status = rng.choice(("in-progress", "open"))
                    claim_service.set_status(session, claim_id, status, actor=name, expected_version=version)
            latencies.append(time.perf_counter() - started)
            accepted.append((kind, claim_id, version, note_id))
        except Conflict:
            latencies.append(time.perf_counter() - started)
            refused.append((kind, claim_id, version))
        except FactcheckError as exc:
            errors.append(f"{name} {kind} on {claim_id}: {type(exc).__name__}: {exc}")
    engine.dispose()
    return {
        "name": name,
        "accepted": accepted,
        "refused": refused,
        "errors": errors,
        "latencies": latencies,
        "finished": time.time(),
    }


def prepare(db: str) -> tuple[dict[int, str], int]:
    """Import the seed; the claims the checkers share (id -> original text) and the last event id."""
    from sqlmodel import Session, func, select

    from factcheck.services import articles
    from factcheck.store import Claim, Event, create_store_engine, session_scope
    from factcheck.text.document import prepare_document

    engine = create_store_engine(db)
    try:
        doc = prepare_document(SEED.read_bytes(), name=SEED.name)
        with session_scope(engine) as session:
            article_id = articles.import_document(session, doc, origin=str(SEED), actor="setup").article_id
        with Session(engine) as session:
            rows = session.exec(select(Claim).where(Claim.article_id == article_id, Claim.checkworthy)).all()
            mark = session.exec(select(func.max(Event.id))).one() or 0
    finally:
        engine.dispose()
    return {c.id: c.text for c in rows[:CLAIMS] if c.id is not None}, int(mark)


def account(db: str, results: list[dict[str, Any]], mark: int) -> dict[str, Any]:
    """Check every reported write against the stored history (see the module docstring)."""
    from sqlmodel import Session, col, select

    from factcheck.services import audit_log
    from factcheck.store import Event, create_store_engine
    from factcheck.store.reader import Reader

    engine = create_store_engine(db)
    try:
        with Session(engine) as session:
            events = session.exec(select(Event).where(col(Event.id) > mark).order_by(col(Event.id))).all()
            report = audit_log.verify(Reader.of_session(session))
    finally:
        engine.dispose()
    versioned: Counter[tuple[str, int, str, int]] = Counter()
    notes: Counter[tuple[int, str]] = Counter()
    versions: dict[int, list[int]] = defaultdict(list)
    for e in events:
        if e.action == "note.add":
            notes[(e.entity_id, e.actor)] += 1
        elif e.claim_id is not None and e.after and "version" in e.after:
            versioned[(e.action, e.claim_id, e.actor, int(e.after["version"]))] += 1
            versions[e.claim_id].append(int(e.after["version"]))
    lost = 0
    for r in results:
        for kind, claim_id, expected, note_id in r["accepted"]:
            key: Any = (note_id, r["name"]) if kind == "note" else (VERSIONED[kind], claim_id, r["name"], expected + 1)
            found = notes if kind == "note" else versioned
            if found[key] > 0:
                found[key] -= 1
            else:
                lost += 1
    phantoms = sum(versioned.values()) + sum(notes.values())  # events no checker reported
    made = {(claim_id, v) for claim_id, vs in versions.items() for v in vs}
    unexplained = sum(
        1 for r in results for _kind, claim_id, expected in r["refused"] if (claim_id, expected + 1) not in made
    )
    broken_runs = [c for c, vs in versions.items() if sorted(vs) != list(range(2, 2 + len(vs)))]
    return {
        "events": len(events),
        "lost": lost,
        "phantoms": phantoms,
        "unexplained_refusals": unexplained,
        "claims_with_version_gaps_or_repeats": broken_runs,
        "audit_verify": report.ok,
        "audit_problem": str(report.finding) if report.finding else None,
    }


def run_load(db: str, processes: int = 8, writes: int = 500, *, timeout: float = 600.0) -> dict[str, Any]:
    """`processes` checker processes × `writes` versioned mixed writes on `db`; the accounting as a dict."""
    claims, mark = prepare(db)
    start_at = time.time() + 2.0 + 0.5 * processes  # spawned interpreters need a moment to import
    context = multiprocessing.get_context("spawn")  # fresh interpreters: no connection inherited
    arguments = [(db, f"checker-{p}", claims, writes, p, start_at) for p in range(processes)]
    with context.Pool(processes) as pool:
        pending = pool.starmap_async(checker, arguments)
        try:
            results = pending.get(timeout=timeout)
        except multiprocessing.TimeoutError:
            pool.terminate()
            return {"deadlocked": True, "timeout_s": timeout}
    wall = max(r["finished"] for r in results) - start_at
    latencies = [x for r in results for x in r["latencies"]]
    accepted = sum(len(r["accepted"]) for r in results)
    refused = sum(len(r["refused"]) for r in results)
    errors = [e for r in results for e in r["errors"]]
    return {
        "deadlocked": False,
        "processes": processes,
        "writes_per_process": writes,
        "attempted": processes * writes,
        "accepted": accepted,
        "refused": refused,
        "errors": errors,
        "wall_s": round(wall, 2),
        "writes_per_s": round((accepted + refused) / wall, 1) if wall > 0 else None,
        "accepted_per_s": round(accepted / wall, 1) if wall > 0 else None,
        "latency": percentiles(latencies),
        **account(db, results, mark),
    }


def write_checked_csv(path: Path, rows: int) -> None:
    """`rows` fact-checks of our own making (German and English), all distinct."""
    rng = random.Random(7)
    subjects = ["Die Regierung", "Der Bürgermeister", "The minister", "The company", "Die Polizei", "The senator"]
    verbs = ["erhöhte die Ausgaben um", "senkte die Steuern um", "raised prices by", "cut jobs by"]
    ratings = ["falsch", "richtig", "false", "mostly true", "irreführend"]
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["claim", "rating", "url", "date", "language"])
        for i in range(rows):
            subject, verb = rng.choice(subjects), rng.choice(verbs)
            language = "en" if subject.startswith("The") else "de"
            out.writerow(
                [
                    f"{subject} {verb} {rng.randint(2, 90)} Prozent im Jahr {2000 + i % 25} (Fall {i})",
                    rng.choice(ratings),
                    f"https://factcheck.example/{i}",
                    f"20{10 + i % 15}-0{1 + i % 9}-1{i % 10}",
                    language,
                ]
            )


def run_checked_import(db: str, rows: int, folder: Path) -> dict[str, Any]:
    """The real CLI importing `rows` generated fact-checks into `db`: wall seconds and rows/s."""
    path = folder / f"checked-{rows}.csv"
    if not path.exists():
        write_checked_csv(path, rows)
    env = {**os.environ, "FACTCHECK_USER": "bench"}
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", db, "checked", "import", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    wall = time.perf_counter() - started
    result: dict[str, Any] = {"rows": rows, "exit_code": proc.returncode, "wall_s": round(wall, 2)}
    if proc.returncode == 0:
        result["added"] = json.loads(proc.stdout).get("added")
        result["rows_per_s"] = round(rows / wall, 1)
    else:
        result["error"] = proc.stderr.strip().splitlines()[-1:] or None
    return result


@contextmanager
def backend_db(backend: str, folder: Path) -> Iterator[str | None]:
    """A fresh store on `backend`: a SQLite file, or a PostgreSQL schema dropped afterwards (None: no server)."""
    if backend == "sqlite":
        yield str(folder / f"team-{uuid.uuid4().hex[:8]}.db")
        return
    from sqlalchemy import create_engine, text

    schema = f"fc_bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with admin.connect() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception:  # no server: the caller reports the backend as skipped
        yield None
        return
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--writes", type=int, default=500)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    report: dict[str, Any] = {"cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for backend in backends:
            with backend_db(backend, folder) as db:
                if db is None:
                    report[backend] = {"skipped": f"no PostgreSQL server answers at {PG_URL}"}
                    continue
                entry = {"writes": run_load(db, args.processes, args.writes)}
            with backend_db(backend, folder) as db:
                if db is not None and args.import_rows:
                    entry["checked_import"] = run_checked_import(db, args.import_rows, folder)
            report[backend] = entry
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
