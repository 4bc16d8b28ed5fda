"""Concurrency benchmark: many checkers on one SQLite file (issue 9, §4). Prints JSON.

1. **Writers**: `--processes` processes × `--writes` mixed writes (verdicts, notes, status changes)
   on random check-worthy claims of one article, each write its own transaction as the CLI and the
   workbench make them. Reported: refused (a write that raised), lost (a write that returned but is
   not in the store), the audit chain, and write latency (start of the unit of work to commit)
   p50/p95/max. Target: 0 refused, 0 lost.
2. **Reads during an import**: one process imports a large German text (`--import-kb`) while another
   reads in a loop (`claims`, `show`, `articles` through the services) and a third adds notes.
   Reported: the import's wall time, and read and write latency p50/p95/max while it ran. Target: reads
   never wait for the import (their latency does not grow with it).

    python benchmarks/concurrency.py [--processes 8 --writes 200 --import-kb 400] [--db URL]

`--db` takes a PostgreSQL URL to run the writers' part there instead (the import part is SQLite only).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "trump-putin-telefonat.de.txt"
GOLD = ROOT / "tests" / "gold"


def percentiles(values: list[float]) -> dict[str, float | None]:
    """p50/p95/max in milliseconds."""
    if not values:
        return {"n": 0, "p50_ms": None, "p95_ms": None, "max_ms": None}  # type: ignore[dict-item]
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "p50_ms": round(1000 * statistics.median(ordered), 2),
        "p95_ms": round(1000 * p95, 2),
        "max_ms": round(1000 * ordered[-1], 2),
    }


def writer(db: str, name: str, claim_ids: list[int], writes: int, seed: int, start_at: float) -> dict[str, Any]:
    """One checker process: `writes` mixed writes, each timed; what was written, for the loss check."""
    from factcheck.errors import FactcheckError
    from factcheck.services import claims, verdicts
    from factcheck.store import create_store_engine, session_scope

    engine = create_store_engine(db)
    rng = random.Random(seed)
    latencies: list[float] = []
    refused: list[str] = []
    written = {"verdict": 0, "note": 0, "status": 0}
    while time.time() < start_at:  # all processes start writing together, after their imports
        time.sleep(0.005)
    for i in range(writes):
        claim_id = rng.choice(claim_ids)
        kind = rng.choice(("verdict", "note", "status"))
        started = time.perf_counter()
        try:
            with session_scope(engine) as session:
                if kind == "verdict":
                    verdicts.set_verdict(
                        session, claim_id, rng.choice(("false", "misleading")), rationale=f"{name}-{i}", actor=name
                    )
                elif kind == "note":
                    verdicts.add_note(session, claim_id, f"{name}-{i}", actor=name)
                else:
                    claims.set_status(session, claim_id, rng.choice(("in-progress", "open")), actor=name)
            latencies.append(time.perf_counter() - started)
            written[kind] += 1
        except FactcheckError as exc:
            refused.append(str(exc))
    engine.dispose()
    return {"latencies": latencies, "refused": refused, "written": written, "finished": time.time()}


def bench_writers(db: str, processes: int, writes: int) -> dict[str, Any]:
    from sqlmodel import Session, func, select

    from factcheck.services import articles
    from factcheck.services.audit import verify_chain
    from factcheck.store import Claim, Event, Note, Verdict, create_store_engine, session_scope
    from factcheck.text.document import prepare_document

    engine = create_store_engine(db)
    doc = prepare_document(SEED.read_bytes(), name=SEED.name)
    with session_scope(engine) as session:
        article_id = articles.import_document(session, doc, origin=str(SEED), actor="bench").article_id
    with Session(engine) as session:
        claim_ids = [c.id for c in session.exec(select(Claim).where(Claim.article_id == article_id, Claim.checkworthy))]
        events_before = session.exec(select(func.count()).select_from(Event)).one()
        notes_before = session.exec(select(func.count()).select_from(Note)).one()
        verdicts_before = session.exec(select(func.count()).select_from(Verdict)).one()
    start_at = time.time() + 3.0  # spawned interpreters need a moment to import
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes) as pool:
        results = pool.starmap(writer, [(db, f"checker-{p}", claim_ids, writes, p, start_at) for p in range(processes)])
    wall = max(r["finished"] for r in results) - start_at
    latencies = [x for r in results for x in r["latencies"]]
    refused = [x for r in results for x in r["refused"]]
    written = {k: sum(r["written"][k] for r in results) for k in ("verdict", "note", "status")}
    with Session(engine) as session:
        events = session.exec(select(func.count()).select_from(Event)).one() - events_before
        notes = session.exec(select(func.count()).select_from(Note)).one() - notes_before
        verdict_rows = session.exec(select(func.count()).select_from(Verdict)).one() - verdicts_before
        chain_ok, _bad = verify_chain(session)
    engine.dispose()
    succeeded = sum(written.values())
    return {
        "processes": processes,
        "writes_per_process": writes,
        "attempted": processes * writes,
        "refused": len(refused),
        "refused_examples": sorted(set(refused))[:3],
        "lost": (succeeded - events) + (written["note"] - notes) + (written["verdict"] - verdict_rows),
        "audit_chain_ok": chain_ok,
        "write_latency": percentiles(latencies),
        "writes_per_second": round(succeeded / wall, 1) if wall > 0 else None,
    }


def big_text(kb: int) -> bytes:
    """A long German article: the German gold texts one after another until `kb` kilobytes."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.de.txt"))] or [SEED.read_text("utf-8")]
    out: list[str] = []
    size, n = 0, 0
    while size < kb * 1024:
        text = parts[n % len(parts)]
        out.append(f"Teil {n + 1}.\n\n{text}\n")
        size += len(out[-1].encode("utf-8"))
        n += 1
    return "\n".join(out).encode("utf-8")


def importer(db: str, data: bytes) -> float:
    from factcheck.services import articles
    from factcheck.store import create_store_engine, session_scope
    from factcheck.text.document import prepare_document

    engine = create_store_engine(db)
    started = time.perf_counter()
    doc = prepare_document(data, name="gross.de.txt")
    with session_scope(engine) as session:
        articles.import_document(session, doc, origin="gross.de.txt", actor="importer")
    engine.dispose()
    return time.perf_counter() - started


def bench_reads_during_import(kb: int) -> dict[str, Any]:
    from sqlmodel import Session, select

    from factcheck.services import articles, claims, verdicts
    from factcheck.store import Claim, create_store_engine, session_scope
    from factcheck.text.document import prepare_document

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "claims.db")
        engine = create_store_engine(db)
        with session_scope(engine) as session:
            doc = prepare_document(SEED.read_bytes(), name=SEED.name)
            articles.import_document(session, doc, origin=str(SEED), actor="bench")
        with Session(engine) as session:
            claim_id = session.exec(select(Claim.id).where(Claim.checkworthy)).first()
        assert claim_id is not None
        context = multiprocessing.get_context("spawn")
        with context.Pool(1) as pool:
            pending = pool.apply_async(importer, (db, big_text(kb)))
            reads: list[float] = []
            writes: list[float] = []
            failures: list[str] = []
            i = 0
            while not pending.ready():
                started = time.perf_counter()
                try:
                    with session_scope(engine) as session:
                        claims.list_claims(session)
                        claims.claim_detail(session, claim_id)
                        articles.list_articles(session)
                    reads.append(time.perf_counter() - started)
                    if i % 5 == 0:
                        started = time.perf_counter()
                        with session_scope(engine) as session:
                            verdicts.add_note(session, claim_id, f"während des Imports {i}", actor="reader")
                        writes.append(time.perf_counter() - started)
                except Exception as exc:  # counted, that is what this measures
                    failures.append(str(exc))
                i += 1
                time.sleep(0.02)  # a person's pace, and it leaves the import a core
            import_seconds = pending.get()
        engine.dispose()
    return {
        "import_kb": kb,
        "import_seconds": round(import_seconds, 2),
        "read_latency": percentiles(reads),
        "write_latency_during_import": percentiles(writes),
        "failed": len(failures),
        "failed_examples": sorted(set(failures))[:3],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--import-kb", type=int, default=400)
    parser.add_argument("--db", help="database URL for the writers' part (default: a new SQLite file)")
    parser.add_argument("--skip-import", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    report: dict[str, Any] = {}
    if args.db:
        report["writers"] = bench_writers(args.db, args.processes, args.writes)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            report["writers"] = bench_writers(str(Path(tmp) / "claims.db"), args.processes, args.writes)
    if not args.skip_import:
        report["reads_during_import"] = bench_reads_during_import(args.import_kb)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
