"""Start-up benchmark: whole-process wall time and peak memory of the commands people type most.

Each command runs as a fresh process (`python -m factcheck …`), `--runs` times after one warm-up run
(so the operating system's file cache and factcheck's own user cache are warm, as on a desk machine
after the first use); the median and the worst run are printed as JSON with the targets of issue 9:

    --help ≤ 0.25 s · claims --json ≤ 0.35 s · cold `similar` ≤ 0.8 s (whole process, median)

"Cold" means a new process: nothing of factcheck is loaded yet.

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "trump-putin-telefonat.de.txt"
TARGETS_S = {"--help": 0.25, "claims --json": 0.35, "similar": 0.8}


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "factcheck", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"factcheck {' '.join(args)} failed: {stderr.strip()}")
    return elapsed, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(args: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    run_once(args, env)  # warm-up
    times, peaks = zip(*(run_once(args, env) for _ in range(runs)), strict=True)
    return {
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "peak_rss_mib": round(max(peaks), 1),
        "runs": runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "claims.db"
        env = {**os.environ, "FACTCHECK_DB": str(db), "FACTCHECK_USER": "bench"}
        subprocess.run(
            [sys.executable, "-m", "factcheck", "import", str(SEED)], env=env, check=True, capture_output=True
        )
        listed = subprocess.run(
            [sys.executable, "-m", "factcheck", "claims", "--json"], env=env, check=True, capture_output=True, text=True
        )
        claims = json.loads(listed.stdout)
        first, second = claims[0]["id"], claims[1]["id"]
        subprocess.run(
            [sys.executable, "-m", "factcheck", "verdict", str(first), "false", "--rationale", "bench"],
            env=env,
            check=True,
            capture_output=True,
        )
        commands = {"--help": ["--help"], "claims --json": ["claims", "--json"], "similar": ["similar", str(second)]}
        results = {}
        for name, args in commands.items():
            figures = measure(args, env, options.runs)
            figures["target_s"] = TARGETS_S[name]
            figures["meets_target"] = figures["median_s"] <= TARGETS_S[name]
            results[name] = figures
    print(json.dumps({"cpu_count": os.cpu_count(), "commands": results}, indent=2))


if __name__ == "__main__":
    main()
