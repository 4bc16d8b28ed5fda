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


def test_import_articles_and_claim_list_agree_on_the_counts(engine: Engine) -> None:
    result = import_seed(engine)
    with session_scope(engine) as session:
        rows = claims.list_claims(session, article_id=result.article_id)
        summary = articles.list_articles(session)[0]
        counts = claims.count_claims(rows)
    # The seed (issue 9: 29 sentences extracted, 16 worth checking): every front end says the same.
    worthy_count = sum(r.checkworthy for r in rows)
    assert 0 < worthy_count < len(rows) and (result.claims, result.total) == (worthy_count, len(rows))
    assert summary.claims == counts.claims == result.claims == sum(r.counted for r in rows)
    assert (summary.checked, summary.checked_percent, summary.open, summary.dismissed) == (0, 0.0, worthy_count, 0)

    hidden = next(r for r in rows if not r.checkworthy)
    worthy = [r for r in rows if r.checkworthy]
    with session_scope(engine) as session:
        verdicts.set_verdict(session, hidden.id, "true", actor="anna")  # touched: now it counts
        verdicts.set_verdict(session, worthy[0].id, "false", rationale="belegt falsch", actor="anna")
        claims.set_status(session, worthy[1].id, "dismissed", actor="anna")  # shown apart, not checkable
        claims.set_status(session, worthy[2].id, "in-progress", actor="anna")
    again = import_seed(engine)
    with session_scope(engine) as session:
        summary = articles.list_articles(session)[0]
        counts = claims.count_claims(claims.list_claims(session, article_id=result.article_id))
    assert summary.claims == counts.claims == again.claims == worthy_count  # +1 touched, -1 dismissed
    assert summary.checked == counts.checked == again.checked == 2
    assert summary.dismissed == counts.dismissed == again.dismissed == 1
    assert summary.in_progress == counts.in_progress == 1 and summary.open == counts.open == worthy_count - 3
    assert summary.checked_percent == counts.checked_percent == round(100 * 2 / worthy_count, 1)
    assert summary.total == counts.total == again.total == len(rows)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("fals", "did you mean false / falsch?"), ("richtg", "did you mean true / richtig?"), ("Falsh", "false / falsch")],
)
def test_unknown_rating_names_the_closest_labels(engine: Engine, typed: str, suggested: str) -> None:
    import_seed(engine)
    claim_id = first_claim_id(engine, "28. Januar 2017")
    with pytest.raises(UnknownRating, match=suggested), session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, typed, rationale="x", actor="anna")


def test_common_german_words_for_ratings_are_understood(engine: Engine) -> None:
    from factcheck.ratings import parse_rating

    assert parse_rating("wahr").key == "true" and parse_rating("unwahr").key == "false"
    assert parse_rating("groesstenteils falsch").key == "mostly-false"
    assert parse_rating("Irrefuehrend").key == "misleading"


def test_claim_detail_has_sources_history_and_the_raw_text_span(engine: Engine) -> None:
    from factcheck.services import sources
    from factcheck.sources.fetch import FetchedDocument

    result = import_seed(engine)
    claim_id = first_claim_id(engine, "dröhnende Leere")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "misleading", rationale="Kontext fehlt", actor="anna")
        added = sources.add_source(session, claim_id, "https://example.org/a", actor="anna")
        pending = sources.add_source(session, claim_id, "https://example.org/b", actor="anna")
    page = FetchedDocument(
        "https://example.org/final",
        200,
        "text/html",
        b"<html><head><title>Inter\x1b]0;x\x07view</title></head><body><p>x</p></body></html>",
    )
    with session_scope(engine) as session:
        sources.record_fetch(session, added.id, page, actor="anna")
        detail = claims.claim_detail(session, claim_id)
        article = articles.get_article(session, result.article_id)
    fetched, waiting = detail.sources
    assert (fetched.url, fetched.final_url, fetched.state, fetched.http_status) == (
        "https://example.org/a",
        "https://example.org/final",
        "ok",
        200,
    )
    assert fetched.title == "Inter]0;xview" and fetched.fetched_at
    assert (waiting.id, waiting.state, waiting.fetched_at) == (pending.id, "pending", None)
    assert [(e.action, e.actor) for e in detail.history] == [
        ("verdict.set", "anna"),
        ("source.add", "anna"),
        ("source.add", "anna"),
        ("source.fetch", "anna"),
    ]
    assert detail.history[0].summary["rating"] == "misleading" and detail.history[0].at
    assert detail.history[1].summary == {"url": "https://example.org/a"}
    assert not detail.history[3].user_change and detail.history[3].summary["final_url"] == "https://example.org/final"
    assert detail.raw is not None and (detail.raw.start, detail.raw.end) == (detail.raw_start, detail.raw_end)
    assert detail.raw.text == article.raw_text[detail.raw.start : detail.raw.end]
    assert " ".join(detail.raw.text.split()) == " ".join(detail.claim.text.split())
    data = detail.to_dict()
    assert data["raw_text"] == detail.raw.text and data["sources"][0]["final_url"] == "https://example.org/final"


def test_a_title_with_control_characters_is_stored_clean(engine: Engine) -> None:
    doc = prepare_document(SEED.read_bytes(), name=SEED.name, title="Titel \x1b]0;pwned\x07\x9b mit Steuerzeichen")
    with session_scope(engine) as session:
        result = articles.import_document(session, doc, origin="x", actor="anna")
    assert result.title.startswith("Titel") and result.title.endswith("mit Steuerzeichen")
    assert not any(c in result.title for c in "\x1b\x07\x9b")
    with session_scope(engine) as session:
        assert articles.list_articles(session)[0].title == result.title


def test_the_database_refuses_a_write_based_on_a_stale_version(engine: Engine) -> None:
    import_seed(engine)
    claim_id = first_claim_id(engine, "28. Januar 2017")
    with Session(engine) as reader:  # a front end read the claim at version 1 ...
        claim = reader.get(Claim, claim_id)
        assert claim is not None and claim.version == 1
    with session_scope(engine) as other:  # ... another checker changed it meanwhile ...
        claims.set_status(other, claim_id, "in-progress", actor="ben")
    claim.status = "checked"  # ... and a write from that stale read skips the services' version check
    with pytest.raises(Conflict, match="changed by someone else"), session_scope(engine) as session:
        session.add(claim)
    with session_scope(engine) as session:
        assert claims.get_claim(session, claim_id).status == "in-progress"


def test_claims_with_odd_stored_fields_list_filter_and_show(engine: Engine) -> None:
    """Fields written by an older version or by hand (nulls, bare strings) never break a reader."""
    import_seed(engine)
    claim_id = first_claim_id(engine, "dröhnende Leere")
    with session_scope(engine) as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        claim.fields = {"quotes": [None, "bare", {"text": "x"}], "dates": "2025", "speakers": [None, 3, "Anna"]}
        claim.kinds = ["quote", None]  # type: ignore[list-item]
        session.add(claim)
    with session_scope(engine) as session:
        rows = claims.list_claims(session, checkworthy_only=False)
        detail = claims.claim_detail(session, claim_id)
    assert claims.filter_claims(rows, speaker="anna")[0].id == claim_id
    assert detail.claim.quotes == [{"text": "x"}] and detail.claim.dates == [] and detail.claim.speakers == ["Anna"]
    assert detail.claim.kinds == ["quote"]
