"""The reranker gives the same scores in every process: Python's per-process string hashing changes the
order sets yield their terms, and that order must never reach a score or a rank."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json
import math
from factcheck.match.rerank import Candidate, Query, rerank
texts = [
    "The unemployment rate fell to 3 percent in Leipzig last year",
    "The mayor of Essen said unemployment fell to 9 percent",
    "The mayor of Bremen said unemployment fell to 8 percent",
    "The mayor of Köln said unemployment fell to 5 percent",
    "Unemployment in Dresden fell to 7 percent, the mayor said",
    "Rents in Hamburg rose by 4 percent in 2023",
]
candidates = [Candidate(i, t, None, "en", 2.2) for i, t in enumerate(texts)]
# idf weights that are not exact binary fractions, as real document frequencies give
idf = lambda term: math.log(2.0 + 1.37 * len(term)) / 3.1
found = rerank(Query("The unemployment rate fell to 3 percent last year", "en"), candidates, idf=idf, top=6)
print(json.dumps([(m.id, m.score) for m in found]))
"""


def test_scores_and_order_do_not_depend_on_the_hash_seed() -> None:
    runs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True)
        runs.add(json.dumps(json.loads(out.stdout)))
    assert len(runs) == 1, runs
