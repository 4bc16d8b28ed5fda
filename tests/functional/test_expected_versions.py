"""Every write on a claim the workbench makes takes the version it shows: a stale one is a Conflict and
writes nothing (source, undo, reuse, split here; verdict, note, status, edit, merge, review elsewhere)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from factcheck.errors import Conflict
from factcheck.services import claims, editing, memory, sources, verdicts
from factcheck.store import CheckedClaim, Event, create_store_engine, session_scope
from tests.functional.test_editing import article_text
from tests.functional.test_services import first_claim_id, import_seed


@pytest.fixture
def engine(store_db: str) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    import_seed(engine)
    yield engine
    engine.dispose()


def events(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Event)).one()


def version(engine: Engine, claim_id: int) -> int:
    with Session(engine) as session:
        return claims.get_claim(session, claim_id).version


def refused_then_done(engine: Engine, claim_id: int, write: Callable[[Session, int], Any]) -> Any:
    """`write` with a stale version is a Conflict that writes nothing; with the current one it succeeds."""
    current, before = version(engine, claim_id), events(engine)
    stale = pytest.raises(Conflict, match=f"version {current}, you expected {current - 1}")
    with stale, session_scope(engine) as session:
        write(session, current - 1)
    assert events(engine) == before and version(engine, claim_id) == current
    with session_scope(engine) as session:
        return write(session, current)


@pytest.fixture
def touched(engine: Engine) -> int:
    """A claim at version 2 (one verdict), so version 1 is stale."""
    claim_id = first_claim_id(engine, "dröhnende Leere")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "false", rationale="kein Beleg", actor="anna")
    return claim_id


def test_a_source_takes_the_version_and_leaves_it(engine: Engine, touched: int) -> None:
    added = refused_then_done(
        engine,
        touched,
        lambda s, v: sources.add_source(s, touched, "https://example.org/a", actor="anna", expected_version=v),
    )
    assert added.url == "https://example.org/a" and version(engine, touched) == 2


def test_undo_takes_the_version(engine: Engine, touched: int) -> None:
    action = refused_then_done(
        engine, touched, lambda s, v: editing.undo_last(s, touched, actor="anna", expected_version=v)
    )
    assert action == "verdict.set" and version(engine, touched) == 3


def test_a_reused_verdict_takes_the_version(engine: Engine, touched: int) -> None:
    with Session(engine) as session:
        checked_id = session.exec(select(CheckedClaim.id).where(CheckedClaim.claim_id == touched)).one()
    other = first_claim_id(engine, "28. Januar 2017")
    reused = refused_then_done(
        engine,
        other,
        lambda s, v: memory.reuse_verdict(s, other, checked_id, actor="ben", expected_version=v),
    )
    assert reused.rating == "false" and reused.reused_from == f"checked:{checked_id}"


def test_a_split_takes_the_version(engine: Engine, touched: int) -> None:
    text = article_text(engine)
    with Session(engine) as session:
        claim = claims.get_claim(session, touched)
        at = text.index(", die keinen konkreten", claim.start) + 1
    head, _tail = refused_then_done(
        engine, touched, lambda s, v: editing.split_claim(s, touched, at, actor="anna", expected_version=v)
    )
    assert head.version == 3
