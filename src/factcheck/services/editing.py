"""Editing claims: reword, re-span, split, merge, add from a selection, undo the last edit."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from factcheck.errors import InputError, NotFound
from factcheck.extract import extract_claims
from factcheck.services.articles import claim_from_extracted, get_article
from factcheck.services.claims import claim_event, get_claim, snapshot, touch
from factcheck.services.memory import forget_claim, refresh_memory
from factcheck.services.views import ClaimView
from factcheck.store.models import Claim, Event, Note, Source, Verdict


def edit_claim(
    session: Session,
    claim_id: int,
    *,
    text: str | None = None,
    start: int | None = None,
    end: int | None = None,
    actor: str,
    expected_version: int | None = None,
) -> ClaimView:
    """Reword a claim (the statement under check) and/or move its anchor in the article."""
    claim = get_claim(session, claim_id)
    before = snapshot(claim)
    if start is not None or end is not None:
        article = get_article(session, claim.article_id)
        new_start, new_end = start if start is not None else claim.start, end if end is not None else claim.end
        if not 0 <= new_start < new_end <= len(article.text):
            raise InputError(f"span {new_start}:{new_end} lies outside the article (0:{len(article.text)})")
        claim.start, claim.end = new_start, new_end
        if text is None:
            claim.text = article.text[new_start:new_end]
    if text is not None:
        if not text.strip():
            raise InputError("a claim needs text")
        claim.text = text.strip()
    touch(claim, expected_version)
    session.add(claim)
    refresh_memory(session, claim)
    claim_event(session, claim, "claim.edit", actor=actor, before=before)
    return ClaimView.of(claim)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _claim_for_span(session: Session, article_id: int, text: str, language: str, start: int, end: int) -> Claim:
    """A claim over text[start:end] with fields extracted from that span alone."""
    found = extract_claims(text[start:end], language=language)
    claim = Claim(article_id=article_id, start=start, end=end, text=text[start:end], kinds=[], fields={})
    if found:
        merged = claim_from_extracted(article_id, found[0])
        for extra in found[1:]:
            _merge_fields(merged, claim_from_extracted(article_id, extra))
        claim.kinds, claim.fields = merged.kinds, _shift_fields(merged.fields, start)
        claim.checkworthiness = max(f.checkworthiness for f in found)
        claim.checkworthy = any(f.checkworthy for f in found)
    return claim


def _shift_fields(fields: dict[str, Any], offset: int) -> dict[str, Any]:
    shifted: dict[str, Any] = {}
    for key, values in fields.items():
        if isinstance(values, list):
            shifted[key] = [
                {**v, "start": v["start"] + offset, "end": v["end"] + offset}
                if isinstance(v, dict) and "start" in v
                else v
                for v in values
            ]
        else:
            shifted[key] = values
    return shifted


def _merge_fields(into: Claim, other: Claim) -> None:
    into.kinds = list(dict.fromkeys([*into.kinds, *other.kinds]))
    fields = dict(into.fields)
    for key, values in (other.fields or {}).items():
        if isinstance(values, list):
            existing = list(fields.get(key, []))
            fields[key] = existing + [v for v in values if v not in existing]
    into.fields = fields


def add_claim(session: Session, article_id: int, start: int, end: int, *, actor: str) -> ClaimView:
    """A new claim from a text selection; its fields are extracted from the selection."""
    article = get_article(session, article_id)
    start, end = _trimmed(article.text, max(start, 0), min(end, len(article.text)))
    if start >= end:
        raise InputError("the selection is empty")
    claim = _claim_for_span(session, article_id, article.text, article.language, start, end)
    claim.checkworthy = True  # a checker chose it: it is worth checking by definition
    session.add(claim)
    session.flush()
    assert claim.id is not None
    claim_event(session, claim, "claim.add", actor=actor)
    return ClaimView.of(claim)


def split_claim(
    session: Session, claim_id: int, at: int, *, actor: str, expected_version: int | None = None
) -> tuple[ClaimView, ClaimView]:
    """Split at article offset `at`: the claim keeps the left part, a new claim takes the right part."""
    claim = get_claim(session, claim_id)
    article = get_article(session, claim.article_id)
    left = _trimmed(article.text, claim.start, at)
    right = _trimmed(article.text, at, claim.end)
    if not (claim.start < at < claim.end) or left[0] >= left[1] or right[0] >= right[1]:
        raise InputError(f"cannot split claim {claim_id} at {at}: both parts need text")
    before = snapshot(claim)
    head = _claim_for_span(session, claim.article_id, article.text, article.language, *left)
    tail = _claim_for_span(session, claim.article_id, article.text, article.language, *right)
    claim.start, claim.end, claim.text = head.start, head.end, head.text
    claim.kinds, claim.fields = head.kinds, head.fields
    touch(claim, expected_version)
    tail.status = claim.status
    session.add(claim)
    session.add(tail)
    session.flush()
    assert tail.id is not None
    claim_event(session, claim, "claim.split", actor=actor, before=before, new_claim=tail.id)
    claim_event(session, tail, "claim.add", actor=actor, split_from=claim_id)
    return ClaimView.of(claim), ClaimView.of(tail)


def next_claim(session: Session, claim: Claim) -> Claim | None:
    query = (
        select(Claim)
        .where(Claim.article_id == claim.article_id, col(Claim.start) >= claim.start, Claim.id != claim.id)
        .order_by(col(Claim.start), col(Claim.id))
    )
    return session.exec(query).first()


def merge_with_next(session: Session, claim_id: int, *, actor: str, expected_version: int | None = None) -> ClaimView:
    """Join a claim with the following one; verdicts, notes and sources of both are kept."""
    claim = get_claim(session, claim_id)
    other = next_claim(session, claim)
    if other is None or other.id is None:
        raise InputError(f"claim {claim_id} is the last claim of its article: nothing to merge with")
    article = get_article(session, claim.article_id)
    before = {"first": snapshot(claim), "second": {**snapshot(other), "id": other.id}}
    claim.end = max(claim.end, other.end)
    claim.text = article.text[claim.start : claim.end]
    _merge_fields(claim, other)
    claim.checkworthy = claim.checkworthy or other.checkworthy
    claim.checkworthiness = max(claim.checkworthiness, other.checkworthiness)
    for model in (Verdict, Note, Source):
        for row in session.exec(select(model).where(model.claim_id == other.id)):
            row.claim_id = claim_id
            session.add(row)
    for event in session.exec(select(Event).where(Event.claim_id == other.id)):
        # history stays readable from the merged claim; the hash covers neither field
        event.claim_id = claim_id
        session.add(event)
    touch(claim, expected_version)
    session.add(claim)
    forget_claim(session, other.id)
    session.delete(other)
    refresh_memory(session, claim)
    claim_event(session, claim, "claim.merge", actor=actor, before=before)
    return ClaimView.of(claim)


UNDOABLE = ("claim.edit", "claim.status", "verdict.set", "note.add")


def undo_last(session: Session, claim_id: int, *, actor: str) -> str:
    """Revert the latest undoable change to a claim; returns what was undone. Undo is itself audited."""
    claim = get_claim(session, claim_id)
    query = select(Event).where(Event.claim_id == claim_id).order_by(col(Event.id).desc())
    for event in session.exec(query):
        if event.action == "undo":
            continue
        if event.action not in UNDOABLE:
            raise InputError(f"the last change to claim {claim_id} ({event.action}) cannot be undone")
        if _already_undone(session, claim_id, event.id or 0):
            continue
        before = snapshot(claim)
        if event.action == "note.add":
            note = session.get(Note, event.entity_id)
            if note is not None:
                session.delete(note)
        elif event.action == "verdict.set":
            verdict = session.get(Verdict, event.entity_id)
            if verdict is not None:
                verdict.review_state = "withdrawn"
                session.add(verdict)
        previous = event.before or {}
        if event.action in ("claim.edit", "claim.status", "verdict.set") and previous:
            claim.text = previous.get("text", claim.text)
            claim.start = previous.get("start", claim.start)
            claim.end = previous.get("end", claim.end)
            claim.status = previous.get("status", claim.status)
        touch(claim, None)
        session.add(claim)
        refresh_memory(session, claim)
        claim_event(session, claim, "undo", actor=actor, before=before, undid_event=event.id)
        return event.action
    raise NotFound(f"nothing to undo on claim {claim_id}")


def _already_undone(session: Session, claim_id: int, event_id: int) -> bool:
    for undo in session.exec(select(Event).where(Event.action == "undo", Event.claim_id == claim_id)):
        if (undo.after or {}).get("undid_event") == event_id:
            return True
    return False
