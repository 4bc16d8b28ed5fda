"""Concurrent writers (threads with their own engines, as separate checkers would be) keep every
write and one unbroken audit chain, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading

from sqlmodel import Session, select

from factcheck.services import verdicts
from factcheck.services.audit import verify_chain
from factcheck.store import Claim, Event, Note, create_store_engine, session_scope
from tests.functional.test_services import import_seed


def test_parallel_checkers_lose_no_write_and_keep_one_chain(store_db: str) -> None:
    engine = create_store_engine(store_db)
    import_seed(engine)
    with Session(engine) as session:
        claim_ids = [c.id for c in session.exec(select(Claim).where(Claim.checkworthy))][:6]
    errors: list[BaseException] = []

    def checker(name: str) -> None:
        own = create_store_engine(store_db)
        try:
            for claim_id in claim_ids:
                with session_scope(own) as session:
                    verdicts.add_note(session, claim_id, f"{name} war hier", actor=name)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=checker, args=(f"checker-{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Session(engine) as session:
        assert len(session.exec(select(Note)).all()) == 4 * len(claim_ids)
        assert len(session.exec(select(Event)).all()) == 1 + 4 * len(claim_ids)
        assert verify_chain(session) == (True, None)
    engine.dispose()
