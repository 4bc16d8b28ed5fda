"""Optimistic locking under load (issue 11): `--processes` processes × `--writes` verdicts on one claim,
each read-then-write with the version it read, on a SQLite file (and with `--db` a PostgreSQL URL). Prints
JSON: accepted writes, conflicts, the claim's final version, duplicate versions in its events, time.

The scenario and its checks are tests/functional/test_locking.py's (CI runs it at 8 × 25):

    python benchmarks/locking.py [--processes 8] [--writes 200] [--db postgresql+psycopg://…]

Target: version = 1 + accepted writes, no duplicate version among the claim's events, 0 lost.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))


def run(db: str, processes: int, writes: int) -> dict[str, Any]:
    from factcheck.store import create_store_engine
    from tests.functional.test_locking import NEEDLE, check_versions, claim_version, run_writers
    from tests.functional.test_services import first_claim_id, import_seed

    engine = create_store_engine(db)
    import_seed(engine)
    claim_id = first_claim_id(engine, NEEDLE)
    first = claim_version(engine, claim_id)
    started = time.perf_counter()
    total = run_writers(db, claim_id, processes, writes)
    seconds = time.perf_counter() - started
    versions = check_versions(engine, claim_id, first, total)  # raises when a version is lost or doubled
    final = claim_version(engine, claim_id)
    engine.dispose()
    return {
        "processes": processes,
        "writes_per_process": writes,
        "accepted": total.accepted,
        "conflicts": total.conflicts,
        "final_version": final,
        "version_is_1_plus_accepted": final == first + total.accepted,
        "duplicate_versions": len(versions) - len(set(versions)),
        "seconds": round(seconds, 2),
        "attempts_per_second": round(processes * writes / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--writes", type=int, default=200)
    parser.add_argument("--db", help="a PostgreSQL URL (an empty schema) to run there as well")
    args = parser.parse_args()
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        report["sqlite"] = run(str(Path(tmp) / "claims.db"), args.processes, args.writes)
    if args.db:
        report["postgresql"] = run(args.db, args.processes, args.writes)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
