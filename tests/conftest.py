from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "trump-putin-telefonat.de.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "claims.db"
