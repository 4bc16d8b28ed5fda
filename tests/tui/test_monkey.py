"""The monkey test: seeded random walks of key presses over every screen and dialog on the seed article.

Each walk must end with the app running and answering a key, no unexpected error (a bug turned into a
notice by tui/guard.py still counts as a failure here), every claim in a known status and the audit
chain intact. benchmarks/monkey.py runs more seeds and longer walks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .monkey import walk_fresh

pytestmark = pytest.mark.anyio

SEEDS = (11, 23)
PRESSES = 2000  # per seed (about 60 s a seed on 2 busy cores); benchmarks/monkey.py runs more seeds and longer walks


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_key_walk_leaves_the_app_working_and_the_store_consistent(tmp_path: Path, seed: int) -> None:
    result = await walk_fresh(tmp_path, seed=seed, presses=PRESSES, size=(80, 24))
    assert result.presses >= PRESSES
    assert result.crashed is None, result.crashed
    assert result.unexpected_errors == [], "\n".join(result.tracebacks)
    assert result.answers_at_end, f"no answer to a key after the walk (seed {seed})"
    assert result.statuses_ok, "a claim holds a status outside the known ones"
    assert result.chain_ok, "the audit chain does not verify"
    # the walk reached the dialogs, not just the two screens
    assert len(result.screens_seen) >= 5, result.screens_seen
