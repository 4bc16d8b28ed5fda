"""Monkey benchmark: seeded random key walks over the workbench on the seed article; prints JSON.

usage: python benchmarks/monkey.py [--seeds N] [--presses M] [--first S] [--size 120x40]

Each walk runs on a fresh SQLite file holding only seeds/trump-putin-telefonat.de.txt and reports the
screens it reached, unexpected errors (bugs the app survived as notices), whether the app still answered
a key at the end, and whether the store stayed consistent (known statuses, audit chain verifies). The
walk itself lives in tests/tui/monkey.py, shared with the test suite. Exit code 1 when any walk failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.tui.monkey import walk_fresh  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5, help="how many walks (default 5)")
    parser.add_argument("--presses", type=int, default=2000, help="key presses per walk (default 2000)")
    parser.add_argument("--first", type=int, default=1, help="first seed (default 1)")
    parser.add_argument("--size", default="120x40", help="terminal size, e.g. 80x24 (default 120x40)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    started = time.perf_counter()
    walks = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.first, args.first + args.seeds):
            result = asyncio.run(walk_fresh(Path(tmp), seed=seed, presses=args.presses, size=(width, height)))
            walks.append(result.to_dict())
    seconds = time.perf_counter() - started
    total = sum(w["presses"] for w in walks)
    report = {
        "walks": len(walks),
        "presses": total,
        "failed": [w["seed"] for w in walks if not w["ok"]],
        "unexpected_errors": sorted({e for w in walks for e in w["unexpected_errors"]}),
        "seconds": round(seconds, 1),
        "ms_per_press": round(1000 * seconds / total, 1) if total else None,
        "size": args.size,
        "details": walks,
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if report["failed"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
