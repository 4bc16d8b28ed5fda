"""Services on a real SQLite file: import, verdicts, notes, audit events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func
from sqlmodel import Session, select

from factcheck.errors import Conflict, InputError, NotFound
from factcheck.ratings import UnknownRating
from factcheck.services import articles, claims, verdicts
from factcheck.services.audit import verify_chain
from factcheck.store import Article, Claim, Event, create_store_engine, session_scope
from factcheck.text.document import prepare_document
from tests.conftest import SEED


@pytest.fixture
def engine(store_db: str) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    yield engine
    engine.dispose()


def import_seed(engine: Engine) -> articles.ImportResult:
    doc = prepare_document(SEED.read_bytes(), name=SEED.name)
    with session_scope(engine) as session:
        return articles.import_document(session, doc, origin=str(SEED), actor="anna")


def count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def first_claim_id(engine: Engine, needle: str) -> int:
    with Session(engine) as session:
        claim = session.exec(select(Claim).where(Claim.text.contains(needle))).first()  # type: ignore[attr-defined]
        assert claim is not None, needle
        return claim.id  # type: ignore[return-value]


def test_import_stores_article_claims_and_an_event(engine: Engine) -> None:
    result = import_seed(engine)
    assert result.created and result.claims > 10
    with Session(engine) as session:
        article = session.get(Article, result.article_id)
        assert article is not None and "am 18. März 2025" in article.text
        stored = session.exec(select(Claim).where(Claim.article_id == result.article_id)).all()
        assert len(stored) == result.total
        for c in stored:
            assert article.text[c.start : c.end] == c.text
        events = session.exec(select(Event)).all()
        assert [(e.action, e.actor) for e in events] == [("article.import", "anna")]


def test_reimport_of_same_text_returns_same_article(engine: Engine) -> None:
    first = import_seed(engine)
    second = import_seed(engine)
    assert second.article_id == first.article_id and not second.created
    assert second.claims == first.claims
    assert count(engine, Article) == 1


def test_failed_import_leaves_nothing_behind(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kw: object) -> None:
        raise RuntimeError("extraction crashed half way")

    monkeypatch.setattr(articles, "claim_from_extracted", broken)
    with pytest.raises(RuntimeError):
        import_seed(engine)
    assert count(engine, Article) == 0 and count(engine, Claim) == 0 and count(engine, Event) == 0


def test_verdict_with_german_label_marks_claim_checked(engine: Engine) -> None:
    import_seed(engine)
    claim_id = first_claim_id(engine, "dröhnende Leere")
    with session_scope(engine) as session:
        verdicts.set_verdict(
            session, claim_id, "größtenteils falsch", rationale="Zitat belegt, Kontext fehlt", actor="anna"
        )
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
    assert detail.claim.status == "checked" and detail.claim.version == 2
    assert detail.claim.verdict is not None and detail.claim.verdict.rating == "mostly-false"
    assert detail.verdicts[0].rationale == "Zitat belegt, Kontext fehlt"
    assert [e.action for e in detail.history] == ["verdict.set"]


def test_verdicts_are_appended_latest_is_current(engine: Engine) -> None:
    import_seed(engine)
    claim_id = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "false", rationale="erste Einschätzung", actor="anna")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "richtig", actor="ben")
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
    assert [v.rating for v in detail.verdicts] == ["false", "true"]
    assert detail.claim.verdict is not None and detail.claim.verdict.checker == "ben"


def test_bad_verdicts_are_refused_and_nothing_changes(engine: Engine) -> None:
    import_seed(engine)
    claim_id = first_claim_id(engine, "28. Januar 2017")
    with pytest.raises(UnknownRating, match="valid ratings: true / richtig"), session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "pants on fire!!", rationale="x", actor="anna")
    with pytest.raises(InputError, match="rationale is required"), session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "falsch", actor="anna")
    with pytest.raises(NotFound), session_scope(engine) as session:
        verdicts.set_verdict(session, 999999, "true", actor="anna")
    with session_scope(engine) as session:
        assert claims.claim_detail(session, claim_id).verdicts == []
    assert count(engine, Event) == 1  # only the import


def test_stale_version_is_a_conflict(engine: Engine) -> None:
    import_seed(engine)
    claim_id = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        claims.set_status(session, claim_id, "in-progress", actor="anna", expected_version=1)
    with pytest.raises(Conflict, match="changed by someone else"), session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "true", actor="ben", expected_version=1)


def test_notes_and_the_hash_chained_audit_log(engine: Engine) -> None:
    import_seed(engine)
    claim_id = first_claim_id(engine, "Fernseh-Trump")
    with session_scope(engine) as session:
        verdicts.add_note(session, claim_id, "Originalzitat im Interview suchen", actor="anna")
        verdicts.add_note(session, claim_id, "ZDF-Mitschnitt angefragt", actor="ben")
    with pytest.raises(InputError), session_scope(engine) as session:
        verdicts.add_note(session, claim_id, "   ", actor="anna")
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
        assert [(n.author, n.body) for n in detail.notes] == [
            ("anna", "Originalzitat im Interview suchen"),
            ("ben", "ZDF-Mitschnitt angefragt"),
        ]
        assert verify_chain(session) == (True, None)
        tampered = session.exec(select(Event).where(Event.action == "note.add")).first()
        assert tampered is not None
        tampered.after = {"body": "rewritten history"}
        session.add(tampered)
        session.flush()
        assert verify_chain(session) == (False, tampered.id)
        session.rollback()


def test_article_list_counts_checked_share(engine: Engine) -> None:
    result = import_seed(engine)
    claim_id = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "true", actor="anna")
    with session_scope(engine) as session:
        rows = articles.list_articles(session)
        assert len(rows) == 1 and rows[0].id == result.article_id and rows[0].checked == 1
        assert 0 < rows[0].checked_percent < 100
        assert articles.list_articles(session, search="putin")[0].id == result.article_id
        assert articles.list_articles(session, search="nothing like it") == []
