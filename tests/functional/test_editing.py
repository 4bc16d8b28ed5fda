"""Claim editing through the services: split, merge, add from a selection, reword, undo, sources."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine
from sqlmodel import Session, select

from factcheck.errors import InputError, NotFound
from factcheck.services import claims, editing, sources, verdicts
from factcheck.services.audit import verify_chain
from factcheck.sources.fetch import fetch_url
from factcheck.store import Article, Claim, create_store_engine, session_scope
from tests.functional.test_services import first_claim_id, import_seed


@pytest.fixture
def engine(store_db: str) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    import_seed(engine)
    yield engine
    engine.dispose()


def article_text(engine: Engine) -> str:
    with Session(engine) as session:
        article = session.exec(select(Article)).one()
        return article.text


def test_split_at_cursor_gives_two_claims_with_exact_offsets(engine: Engine) -> None:
    claim_id = first_claim_id(engine, "dröhnende Leere")
    text = article_text(engine)
    with Session(engine) as session:
        original = session.get(Claim, claim_id)
        assert original is not None
        at = text.index(", die keinen konkreten", original.start) + 1
    with session_scope(engine) as session:
        head, tail = editing.split_claim(session, claim_id, at, actor="anna")
    assert head.id == claim_id and head.start == original.start and head.end == at
    assert head.text == text[head.start : head.end] and head.text.endswith("„dröhnende Leere“,")
    assert tail.start == at + 1 and tail.end == original.end
    assert tail.text.startswith("die keinen konkreten Fortschritt")
    assert any(q["text"] == "dröhnende Leere" for q in head.quotes)
    with pytest.raises(InputError, match="both parts need text"), session_scope(engine) as session:
        editing.split_claim(session, claim_id, head.start, actor="anna")


def test_merge_with_next_keeps_verdicts_and_notes(engine: Engine) -> None:
    first = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        nxt = editing.next_claim(session, claims.get_claim(session, first))
        assert nxt is not None
        second = nxt.id
        verdicts.add_note(session, second, "gehört zum vorigen Satz", actor="anna")
    with session_scope(engine) as session:
        merged = editing.merge_with_next(session, first, actor="anna")
    text = article_text(engine)
    assert merged.text == text[merged.start : merged.end]
    assert "28. Januar 2017" in merged.text and "Juli 2017" in merged.text
    assert {d["value"] for d in merged.dates} >= {"2017-01-28", "2017-07"}
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, first)
        assert [n.body for n in detail.notes] == ["gehört zum vorigen Satz"]
        with pytest.raises(NotFound):
            claims.get_claim(session, second)  # type: ignore[arg-type]
        assert verify_chain(session) == (True, None)


def test_add_claim_from_selection_extracts_its_fields(engine: Engine) -> None:
    text = article_text(engine)
    start = text.index("Die Reaktionen auf Trumps")
    end = text.index("gemischt.", start) + len("gemischt.")
    with session_scope(engine) as session:
        article_id = session.exec(select(Article.id)).one()
        added = editing.add_claim(session, article_id, start - 1, end + 1, actor="anna")  # stray spaces trimmed
    assert (added.start, added.end) == (start, end) and added.checkworthy
    with pytest.raises(InputError, match="selection is empty"), session_scope(engine) as session:
        editing.add_claim(session, article_id, start, start, actor="anna")


def test_reword_then_undo_restores_text_and_bumps_version(engine: Engine) -> None:
    claim_id = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        before = claims.get_claim(session, claim_id).text
        edited = editing.edit_claim(
            session,
            claim_id,
            text="Trump und Putin trafen sich erstmals am 28.1.2017.",
            actor="anna",
            expected_version=1,
        )
        assert edited.version == 2
    with session_scope(engine) as session:
        assert editing.undo_last(session, claim_id, actor="anna") == "claim.edit"
    with session_scope(engine) as session:
        restored = claims.get_claim(session, claim_id)
        assert restored.text == before and restored.version == 3
        with pytest.raises(NotFound, match="nothing to undo"):
            editing.undo_last(session, claim_id, actor="anna")


def test_undo_verdict_withdraws_it_and_reopens_claim(engine: Engine) -> None:
    claim_id = first_claim_id(engine, "Fernseh-Trump")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "false", rationale="kein Beleg", actor="anna")
    with session_scope(engine) as session:
        editing.undo_last(session, claim_id, actor="anna")
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
    assert detail.claim.status == "open" and detail.claim.verdict is None
    assert [v.review_state for v in detail.verdicts] == ["withdrawn"]


def test_source_url_stored_then_fetched_snapshot(engine: Engine, httpserver: HTTPServer) -> None:
    claim_id = first_claim_id(engine, "dröhnende Leere")
    page = (
        "<html><head><title>Interview</title></head><body><article><p>"
        + ("Filipenko sprach von einer dröhnenden Leere nach dem Telefonat zwischen Trump und Putin. " * 3)
        + "</p></article></body></html>"
    )
    httpserver.expect_request("/interview").respond_with_data(page, content_type="text/html")
    with session_scope(engine) as session:
        added = sources.add_source(session, claim_id, httpserver.url_for("/interview"), actor="anna")
        assert added.http_status is None
    fetched = fetch_url(httpserver.url_for("/interview"))
    with session_scope(engine) as session:
        stored = sources.record_fetch(session, added.id, fetched, actor="anna")
    assert stored.http_status == 200 and stored.title == "Interview" and stored.fetched_at
    with pytest.raises(InputError, match="not an http"), session_scope(engine) as session:
        sources.add_source(session, claim_id, "ftp://example.org/x", actor="anna")


def test_memory_follows_a_merge(engine: Engine) -> None:
    from factcheck.services import memory
    from factcheck.store.models import CheckedClaim

    first = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        nxt = editing.next_claim(session, claims.get_claim(session, first))
        assert nxt is not None and nxt.id is not None
        second = nxt.id
        verdicts.set_verdict(session, second, "mostly-true", rationale="G20 in Hamburg belegt", actor="anna")
    with session_scope(engine) as session:
        editing.merge_with_next(session, first, actor="anna")
    with Session(engine) as session:
        entries = session.exec(select(CheckedClaim).where(CheckedClaim.origin == "verdict")).all()
        # the second claim is gone; its verdict now belongs to the merged claim, and so does the memory entry
        assert [(e.claim_id, e.rating) for e in entries] == [(first, "mostly-true")]
        assert "28. Januar 2017" in entries[0].text and "Juli 2017" in entries[0].text
    with session_scope(engine) as session:
        found = memory.find_similar(session, "Treffen beim G20-Gipfel in Hamburg im Juli 2017", language="de", top=1)
        assert found and found[0].claim_id == first
