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


def claim_state(engine: Engine, claim_id: int) -> dict[str, object]:
    """What a checker sees of a claim's content: text, span and everything extracted from it."""
    with Session(engine) as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        return {
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "kinds": list(claim.kinds),
            "fields": claim.fields,
            "checkworthiness": claim.checkworthiness,
            "checkworthy": claim.checkworthy,
        }


def split_point(engine: Engine, claim_id: int, marker: str) -> int:
    text = article_text(engine)
    with Session(engine) as session:
        claim = session.get(Claim, claim_id)
        assert claim is not None
        return text.index(marker, claim.start) + len(marker)


@pytest.mark.parametrize(
    ("needle", "marker"),
    [("Fernseh-Trump", "unterscheidet,"), ("dröhnende Leere", "zwischen Trump und Putin")],
)
def test_split_then_merge_restores_the_claim_exactly(engine: Engine, needle: str, marker: str) -> None:
    claim_id = first_claim_id(engine, needle)
    original = claim_state(engine, claim_id)
    with session_scope(engine) as session:
        head, _tail = editing.split_claim(session, claim_id, split_point(engine, claim_id, marker), actor="anna")
    assert head.text != original["text"]
    with session_scope(engine) as session:
        merged = editing.merge_with_next(session, claim_id, actor="anna")
    assert claim_state(engine, claim_id) == original  # speaker with full name and role, fields, kinds, scores
    assert merged.speakers == original["fields"]["speakers"]  # type: ignore[index]


def test_split_is_undone_from_either_part(engine: Engine) -> None:
    claim_id = first_claim_id(engine, "Fernseh-Trump")
    original = claim_state(engine, claim_id)
    at = split_point(engine, claim_id, "unterscheidet,")
    with session_scope(engine) as session:
        _head, tail = editing.split_claim(session, claim_id, at, actor="anna")
    with session_scope(engine) as session:
        assert editing.undo_last(session, claim_id, actor="anna") == "claim.split"
    assert claim_state(engine, claim_id) == original
    with session_scope(engine) as session:
        _head, tail = editing.split_claim(session, claim_id, at, actor="anna")
    with session_scope(engine) as session:  # from the right part, as a checker standing on it would
        assert editing.undo_last(session, tail.id, actor="anna") == "claim.split"
        with pytest.raises(NotFound):
            claims.get_claim(session, tail.id)
    assert claim_state(engine, claim_id) == original
    with Session(engine) as session:
        assert verify_chain(session) == (True, None)


def test_merge_is_undone_with_everything_given_back(engine: Engine) -> None:
    first = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        nxt = editing.next_claim(session, claims.get_claim(session, first))
        assert nxt is not None and nxt.id is not None
        second = nxt.id
        assert editing.can_undo_merge(session, first)
    first_before, second_before = claim_state(engine, first), claim_state(engine, second)
    with session_scope(engine) as session:
        verdicts.set_verdict(session, second, "mostly-true", rationale="G20 in Hamburg belegt", actor="anna")
        verdicts.add_note(session, second, "gehört zum vorigen Satz", actor="anna")
        verdicts.add_note(session, first, "erster Satz", actor="anna")
    with session_scope(engine) as session:
        editing.merge_with_next(session, first, actor="anna")
        assert editing.undo_preview(session, first).action == "claim.merge"
    with session_scope(engine) as session:
        assert editing.undo_last(session, first, actor="anna") == "claim.merge"
    assert claim_state(engine, first) == first_before and claim_state(engine, second) == second_before
    with session_scope(engine) as session:
        one, two = claims.claim_detail(session, first), claims.claim_detail(session, second)
        assert [n.body for n in one.notes] == ["erster Satz"]
        assert [n.body for n in two.notes] == ["gehört zum vorigen Satz"]
        assert two.claim.verdict is not None and two.claim.verdict.rating == "mostly-true"
        assert [e.action for e in two.history][:2] == ["verdict.set", "note.add"]
        assert verify_chain(session) == (True, None)
    from factcheck.store.models import CheckedClaim

    with Session(engine) as session:  # the memory follows: the verdict is the second claim's again
        entries = session.exec(select(CheckedClaim).where(CheckedClaim.origin == "verdict")).all()
        assert [(e.claim_id, e.rating) for e in entries] == [(second, "mostly-true")]


def test_a_fetch_does_not_block_undoing_the_checkers_own_changes(engine: Engine, httpserver: HTTPServer) -> None:
    from factcheck.store import Event, Note, Source

    claim_id = first_claim_id(engine, "dröhnende Leere")
    httpserver.expect_request("/quelle").respond_with_data("<html><title>Q</title><p>Text</p></html>")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "misleading", rationale="Kontext fehlt", actor="anna")
        verdicts.add_note(session, claim_id, "Interview angefragt", actor="anna")
        source = sources.add_source(session, claim_id, httpserver.url_for("/quelle"), actor="anna")
    fetched = fetch_url(httpserver.url_for("/quelle"))
    with session_scope(engine) as session:
        sources.record_fetch(session, source.id, fetched, actor="anna")
        assert editing.undo_preview(session, claim_id).action == "source.add"

    undone = []
    for _ in range(3):
        with session_scope(engine) as session:
            undone.append(editing.undo_last(session, claim_id, actor="anna"))
    assert undone == ["source.add", "note.add", "verdict.set"]
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
        assert detail.sources == [] and detail.notes == [] and detail.claim.verdict is None
        assert detail.claim.status == "open"
        assert {e.action for e in detail.history if e.undone} == {"source.add", "note.add", "verdict.set"}
        assert not editing.undo_preview(session, claim_id).possible
    with Session(engine) as session:  # undo appended; nothing was deleted
        assert len(session.exec(select(Note)).all()) == 1 and len(session.exec(select(Source)).all()) == 1
        actions = [e.action for e in session.exec(select(Event).where(Event.claim_id == claim_id))]
        assert actions == ["verdict.set", "note.add", "source.add", "source.fetch", "undo", "undo", "undo"]
        assert verify_chain(session) == (True, None)


HOSTILE = ("\x1b]0;pwned\x07", "\x1b[2J", "\x9b")


def test_user_strings_are_cleaned_of_control_characters_on_entry(engine: Engine) -> None:
    claim_id = first_claim_id(engine, "Fernseh-Trump")
    with session_scope(engine) as session:
        note = verdicts.add_note(session, claim_id, f"Notiz {HOSTILE[0]} Ende", actor=f"ben{HOSTILE[2]}")
        verdict = verdicts.set_verdict(session, claim_id, "false", rationale=f"{HOSTILE[1]}Begründung", actor="anna")
        edited = editing.edit_claim(session, claim_id, text=f"Putin{HOSTILE[0]} sagte etwas.", actor="anna")
    # escape sequences go whole: no "]0;pwned" or "[2J" left behind as text
    assert note.body == "Notiz  Ende" and note.author == "ben"
    assert verdict.rationale == "Begründung" and edited.text == "Putin sagte etwas."
    for hostile in HOSTILE:
        for word in ("\x1b", "\x07", "\x9b"):
            assert word not in note.body + note.author + verdict.rationale + edited.text, hostile
    with pytest.raises(InputError, match="note needs text"), session_scope(engine) as session:
        verdicts.add_note(session, claim_id, HOSTILE[2], actor="anna")
    with pytest.raises(InputError, match="--by"), session_scope(engine) as session:
        verdicts.add_note(session, claim_id, "Text", actor=HOSTILE[2] + "\x07")
    with pytest.raises(InputError, match="claim needs text"), session_scope(engine) as session:
        editing.edit_claim(session, claim_id, text="\x1b\x9b", actor="anna")
    with pytest.raises(InputError), session_scope(engine) as session:
        sources.add_source(session, claim_id, "\x9b", actor="anna")
