"""Review sign-off through the services, on SQLite and PostgreSQL: four-eyes, rejection back to work,
the audit covering the review rows, undo refusing a review, merges carrying reviewed verdicts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from factcheck.audit.chain import audit_key
from factcheck.errors import Conflict, InputError, NotFound
from factcheck.services import audit_log, claims, editing, reviews, verdicts
from factcheck.store import Event, create_store_engine, session_scope
from factcheck.store.models import Review
from factcheck.store.reader import Reader
from tests.functional.test_services import first_claim_id, import_seed


@pytest.fixture
def engine(store_db: str) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    import_seed(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def claim_id(engine: Engine) -> int:
    """A claim with anna's pending verdict on it (version 2)."""
    claim_id = first_claim_id(engine, "dröhnende Leere")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "false", rationale="kein Beleg", actor="anna")
    return claim_id


def audit_verifies(engine: Engine) -> bool:
    with Session(engine) as session:
        report = audit_log.verify(Reader.of_session(session), key=audit_key())
    assert report.ok, report.finding
    return report.ok


def test_nobody_approves_their_own_verdict(engine: Engine, claim_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_SINGLE_PERSON", raising=False)
    with pytest.raises(InputError, match="nobody approves their own verdict"), session_scope(engine) as session:
        reviews.review_verdict(session, claim_id, "approve", actor=" Anna ")
    with session_scope(engine) as session:
        assert claims.claim_detail(session, claim_id).claim.verdict.review_state == "pending"  # type: ignore[union-attr]
        assert session.exec(select(Review)).all() == []


def test_a_single_person_desk_approves_its_own(engine: Engine, claim_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_SINGLE_PERSON", "1")
    with session_scope(engine) as session:
        approved = reviews.review_verdict(session, claim_id, "freigeben", actor="anna", expected_version=2)
    assert approved.review_state == "approved" and approved.reviewer == "anna"


def test_approval_is_stored_audited_and_final(engine: Engine, claim_id: int) -> None:
    with session_scope(engine) as session:
        approved = reviews.review_verdict(session, claim_id, "approve", actor="ben", comment="Quelle geprüft")
    assert (approved.review_state, approved.reviewer, approved.review_comment) == ("approved", "ben", "Quelle geprüft")
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
        review = session.exec(select(Review)).one()
        event = session.exec(select(Event).where(Event.action == "verdict.review")).one()
    assert detail.claim.status == "checked" and detail.claim.version == 3
    assert detail.claim.verdict is not None and detail.claim.verdict.review_comment == "Quelle geprüft"
    assert (review.decision, review.reviewer, review.verdict_id) == ("approved", "ben", detail.claim.verdict.id)
    assert (event.entity, event.entity_id, event.claim_id, event.actor) == ("review", review.id, claim_id, "ben")
    assert event.before is not None and event.after is not None
    assert event.before["review_state"] == "pending" and event.after["decision"] == "approved"
    assert event.after["rating"] == "false" and event.after["comment"] == "Quelle geprüft"
    assert detail.history[-1].summary == {
        "decision": "approved",
        "reviewer": "ben",
        "comment": "Quelle geprüft",
        "rating": "false",
    }
    with pytest.raises(InputError, match="was approved by ben already"), session_scope(engine) as session:
        reviews.review_verdict(session, claim_id, "reject", actor="cem", comment="doch nicht")
    assert audit_verifies(engine)


def test_rejection_returns_the_claim_to_work_and_a_new_verdict_starts_pending(engine: Engine, claim_id: int) -> None:
    with pytest.raises(InputError, match="rejection needs a comment"), session_scope(engine) as session:
        reviews.review_verdict(session, claim_id, "reject", actor="ben")
    with session_scope(engine) as session:
        rejected = reviews.review_verdict(
            session, claim_id, "ablehnen", actor="ben", comment="Zitat fehlt", expected_version=2
        )
    assert rejected.review_state == "rejected" and rejected.review_comment == "Zitat fehlt"
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
        listed = next(c for c in claims.list_claims(session) if c.id == claim_id)
    assert detail.claim.status == "in-progress" and detail.claim.version == 3
    for shown in (detail.claim.verdict, listed.verdict):
        assert shown is not None
        assert (shown.review_state, shown.reviewer, shown.review_comment) == ("rejected", "ben", "Zitat fehlt")
    with session_scope(engine) as session:
        replaced = verdicts.set_verdict(
            session, claim_id, "mostly false", rationale="Zitat belegt", actor="anna", expected_version=3
        )
    assert replaced.review_state == "pending" and replaced.review_comment is None
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
        reviews.review_verdict(session, claim_id, "approve", actor="ben", expected_version=4)
    assert detail.claim.status == "checked"
    assert [(v.review_state, v.review_comment) for v in detail.verdicts] == [
        ("rejected", "Zitat fehlt"),
        ("pending", None),
    ]
    assert audit_verifies(engine)


def test_a_stale_version_is_a_conflict(engine: Engine, claim_id: int) -> None:
    with pytest.raises(Conflict, match="version 2"), session_scope(engine) as session:
        reviews.review_verdict(session, claim_id, "approve", actor="ben", expected_version=1)
    with session_scope(engine) as session:
        assert session.exec(select(Review)).all() == []


def test_no_verdict_unknown_claim_and_unknown_decision_are_refused(engine: Engine) -> None:
    bare = first_claim_id(engine, "28. Januar 2017")
    with pytest.raises(InputError, match=f"claim {bare} has no verdict to review"), session_scope(engine) as session:
        reviews.review_verdict(session, bare, "approve", actor="ben")
    with pytest.raises(NotFound, match="no claim with id 999999"), session_scope(engine) as session:
        reviews.review_verdict(session, 999999, "approve", actor="ben")
    with pytest.raises(InputError, match="use approve or reject"), session_scope(engine) as session:
        reviews.review_verdict(session, bare, "maybe", actor="ben")
    # A withdrawn (undone) verdict is not reviewed either.
    with session_scope(engine) as session:
        verdicts.set_verdict(session, bare, "true", actor="anna")
    with session_scope(engine) as session:
        editing.undo_last(session, bare, actor="anna")
    with pytest.raises(InputError, match="no verdict to review"), session_scope(engine) as session:
        reviews.review_verdict(session, bare, "approve", actor="ben")


def test_undo_refuses_a_review_and_says_why(engine: Engine, claim_id: int) -> None:
    with session_scope(engine) as session:
        reviews.review_verdict(session, claim_id, "reject", actor="ben", comment="Zitat fehlt")
    with session_scope(engine) as session:
        preview = editing.undo_preview(session, claim_id)
    assert not preview.possible and "a review cannot be undone" in (preview.reason or "")
    with (
        pytest.raises(InputError, match="rejected by ben; a review cannot be undone"),
        session_scope(engine) as session,
    ):
        editing.undo_last(session, claim_id, actor="anna")
    # The checker's new verdict after a rejection is undone as any verdict: the rejected one stands again.
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "mostly false", rationale="Zitat belegt", actor="anna")
    with session_scope(engine) as session:
        assert editing.undo_last(session, claim_id, actor="anna") == "verdict.set"
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
    assert detail.claim.status == "in-progress"
    assert detail.claim.verdict is not None and detail.claim.verdict.review_state == "rejected"
    assert audit_verifies(engine)


def test_review_rows_are_append_only(engine: Engine, claim_id: int) -> None:
    with session_scope(engine) as session:
        reviews.review_verdict(session, claim_id, "approve", actor="ben")
    for statement in ("UPDATE review SET comment = 'x'", "DELETE FROM review"):
        with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))


def test_a_reviewed_verdict_moves_with_a_merge_and_back_with_its_undo(engine: Engine) -> None:
    first = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        nxt = editing.next_claim(session, claims.get_claim(session, first))
        assert nxt is not None and nxt.id is not None
        second = nxt.id
        verdicts.set_verdict(session, second, "false", rationale="kein Beleg", actor="anna")
    with session_scope(engine) as session:
        reviews.review_verdict(session, second, "reject", actor="ben", comment="Datum prüfen")
    with session_scope(engine) as session:
        editing.merge_with_next(session, first, actor="anna")
    with session_scope(engine) as session:
        merged = claims.claim_detail(session, first)
    assert merged.claim.verdict is not None and merged.claim.verdict.review_comment == "Datum prüfen"
    with session_scope(engine) as session:
        editing.undo_last(session, first, actor="anna")
    with session_scope(engine) as session:
        revived = claims.claim_detail(session, second)
    assert revived.claim.verdict is not None and revived.claim.verdict.review_state == "rejected"
    assert audit_verifies(engine)


def test_reviews_stored_before_0008_keep_verifying_and_no_longer_block_a_merge(store_db: str) -> None:
    old = create_store_engine(store_db, migrate_to="0007")
    import_seed(old)
    first = first_claim_id(old, "28. Januar 2017")
    with session_scope(old) as session:
        nxt = editing.next_claim(session, claims.get_claim(session, first))
        assert nxt is not None and nxt.id is not None
        second = nxt.id
        verdicts.set_verdict(session, second, "false", rationale="kein Beleg", actor="anna")
    with session_scope(old) as session:
        reviews.review_verdict(session, second, "approve", actor="ben", comment="ok")
    old.dispose()
    engine = create_store_engine(store_db)  # opening upgrades
    try:
        assert audit_verifies(engine)
        with session_scope(engine) as session:
            editing.merge_with_next(session, first, actor="anna")
        with session_scope(engine) as session:
            merged = claims.claim_detail(session, first)
            review = session.exec(select(Review)).one()
        assert merged.claim.verdict is not None and merged.claim.verdict.review_comment == "ok"
        assert (review.claim_id, review.reviewer) == (second, "ben")
        for statement in ("UPDATE review SET comment = 'x'", "DELETE FROM review"):
            with pytest.raises(Exception, match="append-only"), engine.begin() as connection:
                connection.execute(text(statement))
        assert audit_verifies(engine)
    finally:
        engine.dispose()


def test_the_reviewer_shown_is_the_audited_review_rows(engine: Engine, claim_id: int) -> None:
    with session_scope(engine) as session:
        reviews.review_verdict(session, claim_id, "approve", actor="ben", comment="ok")
    # The verdict's reviewer column is a cache: forging it changes nothing shown, and the audit finds it.
    with engine.begin() as connection:
        connection.execute(text("UPDATE verdict SET reviewer = 'mallory'"))
    with Session(engine) as session:
        report = audit_log.verify(Reader.of_session(session), key=audit_key())
    assert not report.ok and "verdict:" in str(report.finding)
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
        listed = next(c for c in claims.list_claims(session) if c.id == claim_id)
    assert detail.claim.verdict is not None and detail.claim.verdict.reviewer == "ben"
    assert [v.reviewer for v in detail.verdicts] == ["ben"]
    assert listed.verdict is not None and listed.verdict.reviewer == "ben"
    # The review row is covered: forging it (behind the append-only guard) fails the audit.
    with engine.begin() as connection:
        connection.execute(text("UPDATE verdict SET reviewer = 'ben'"))  # the cache as it was
        if engine.dialect.name == "postgresql":
            connection.execute(text("DROP TRIGGER review_append_only_update ON review"))
        else:
            connection.execute(text("DROP TRIGGER review_append_only_update"))
        connection.execute(text("UPDATE review SET reviewer = 'mallory'"))
    with Session(engine) as session:
        report = audit_log.verify(Reader.of_session(session), key=audit_key())
    assert not report.ok and "review" in str(report.finding)
