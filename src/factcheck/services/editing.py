"""Editing claims: reword, re-span, split, merge, add from a selection, undo the last edit."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel import Session, col, select

from factcheck.errors import InputError, NotFound
from factcheck.extract import extract_claims
from factcheck.services.articles import article_as_of, claim_from_extracted, get_article
from factcheck.services.claims import (
    SYSTEM_ACTIONS,
    check_version,
    claim_event,
    get_claim,
    snapshot,
    touch,
    undone_event_ids,
)
from factcheck.services.inputs import begin_change, cleaned
from factcheck.services.memory import forget_claim, refresh_memory
from factcheck.services.views import ClaimView
from factcheck.store.models import Claim, Event, Note, Source, Verdict, utcnow


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
    if text is not None:
        text = cleaned(text, what="a claim", required=True)
    actor = begin_change(session, actor)
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
        claim.text = text
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
        as_of = article_as_of(get_article(session, article_id))
        merged = claim_from_extracted(article_id, found[0], as_of=as_of)
        for extra in found[1:]:
            _merge_fields(merged, claim_from_extracted(article_id, extra, as_of=as_of))
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
        else:  # "as_of": the first claim that has one gives it
            fields.setdefault(key, values)
    into.fields = fields


def add_claim(session: Session, article_id: int, start: int, end: int, *, actor: str) -> ClaimView:
    """A new claim from a text selection; its fields are extracted from the selection."""
    actor = begin_change(session, actor)
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
    """Split at article offset `at`: the claim keeps the left part, a new claim takes the right part.

    The split event keeps the claim's full state before, so merging the two again (or undoing the
    split) restores the claim exactly: speaker with role, extracted fields, kinds, check-worthiness.
    """
    actor = begin_change(session, actor)
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
    claim.checkworthiness = head.checkworthiness if head.kinds else claim.checkworthiness
    tail.checkworthy = tail.checkworthy or claim.checkworthy  # the checker split a claim worth checking
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


_MOVED = (("verdict", Verdict), ("note", Note), ("source", Source))
_RESTORED_FIELDS = ("text", "start", "end", "kinds", "fields", "checkworthiness", "checkworthy")


def _restore(claim: Claim, state: dict[str, Any], keys: tuple[str, ...] = _RESTORED_FIELDS) -> None:
    for key in keys:
        if key in state:
            setattr(claim, key, state[key])


def _split_state(session: Session, claim: Claim, other: Claim) -> dict[str, Any] | None:
    """The claim's state before it was split into (claim, other), if joining them rebuilds exactly that span."""
    split = session.exec(
        select(Event).where(Event.claim_id == claim.id, Event.action == "claim.split").order_by(col(Event.id).desc())
    ).first()
    if split is None or (split.after or {}).get("new_claim") != other.id:
        return None
    before = split.before or {}
    if before.get("start") == claim.start and before.get("end") == other.end and "fields" in before:
        return before
    return None


def _join(session: Session, claim: Claim, other: Claim) -> dict[str, Any]:
    """Fold `other` into `claim` (both in the same article, `other` after it); `other` is deleted.

    Returns the ids of what moved from `other` to `claim`, which undo moves back.
    """
    assert claim.id is not None and other.id is not None
    article = get_article(session, claim.article_id)
    restored = _split_state(session, claim, other)
    if restored is not None:
        # Rejoining the parts of a split: the whole was extracted in its context (a speaker named in an
        # earlier sentence, a role), which neither part alone carries; take it back as it was.
        _restore(claim, restored)
    else:
        claim.end = max(claim.end, other.end)
        claim.text = article.text[claim.start : claim.end]
        _merge_fields(claim, other)
        claim.checkworthy = claim.checkworthy or other.checkworthy
        claim.checkworthiness = max(claim.checkworthiness, other.checkworthiness)
    moved: dict[str, list[int]] = {}
    for name, model in _MOVED:
        ids = []
        for row in session.exec(select(model).where(model.claim_id == other.id)):
            row.claim_id = claim.id
            session.add(row)
            ids.append(row.id)
        moved[name] = ids
    # Events stay with the claim they happened to (the audit chain covers their claim id); the merged
    # claim's history follows its merge events to them (services.claims.history_claim_ids).
    forget_claim(session, other.id)
    session.delete(other)
    return moved


def merge_with_next(session: Session, claim_id: int, *, actor: str, expected_version: int | None = None) -> ClaimView:
    """Join a claim with the following one; verdicts, notes and sources of both are kept. Undoable."""
    actor = begin_change(session, actor)
    claim = get_claim(session, claim_id)
    other = next_claim(session, claim)
    if other is None or other.id is None:
        raise InputError(f"claim {claim_id} is the last claim of its article: nothing to merge with")
    before = {"first": snapshot(claim), "second": {**snapshot(other), "id": other.id}}
    touch(claim, expected_version)
    moved = _join(session, claim, other)
    session.add(claim)
    refresh_memory(session, claim)
    claim_event(session, claim, "claim.merge", actor=actor, before=before, moved=moved)
    return ClaimView.of(claim)


def can_undo_merge(session: Session, claim_id: int) -> bool:
    """Whether a merge of this claim with the next could be undone afterwards (for the merge dialog).

    Every merge made by this version can (undo recreates the second claim with its id, fields and
    everything attached to it); this stays a question so a front end need not know that.
    """
    get_claim(session, claim_id)
    return True


# What a checker did and undo can revert; anything else a checker did is refused with a reason.
UNDOABLE = (
    "claim.edit",
    "claim.status",
    "verdict.set",
    "note.add",
    "source.add",
    "claim.merge",
    "claim.split",
    "claim.add",
)


@dataclass
class UndoPreview:
    """What `u` on a claim would do: the change it reverts, or why nothing can be reverted."""

    possible: bool
    action: str | None = None  # the event's action, e.g. "verdict.set"
    event_id: int | None = None
    actor: str | None = None
    at: str | None = None
    reason: str | None = None  # when not possible

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _undo_target(session: Session, claim_id: int) -> tuple[Event | None, str | None]:
    """The latest change to the claim that has not been undone, skipping what the system did."""
    undone = undone_event_ids(session, claim_id)
    query = select(Event).where(Event.claim_id == claim_id).order_by(col(Event.id).desc())
    for event in session.exec(query):
        if event.action == "undo" or event.action in SYSTEM_ACTIONS or (event.id or 0) in undone:
            continue
        if event.action == "verdict.review":  # a second person's decision: the way on is a new verdict
            after = event.after or {}
            return None, (
                f"the verdict on claim {claim_id} was {after.get('decision', 'reviewed')} by {after.get('reviewer')};"
                " a review cannot be undone (record a new verdict instead)"
            )
        if event.action not in UNDOABLE:
            return None, f"the last change to claim {claim_id} ({event.action}) cannot be undone"
        if event.action == "claim.add" and not (event.after or {}).get("split_from"):
            return None, f"claim {claim_id} was added by hand; dismiss it instead (status dismissed)"
        if event.action == "claim.merge" and "moved" not in (event.after or {}):
            return None, f"the merge into claim {claim_id} was made before merges could be undone"
        return event, None
    return None, f"nothing to undo on claim {claim_id}"


def undo_preview(session: Session, claim_id: int) -> UndoPreview:
    """What undo_last would revert on this claim (read-only), so the UI can say it before."""
    from factcheck.services.views import _iso

    get_claim(session, claim_id)
    event, reason = _undo_target(session, claim_id)
    if event is None:
        return UndoPreview(False, reason=reason)
    return UndoPreview(True, event.action, event.id, event.actor, _iso(event.at))


def undo_last(session: Session, claim_id: int, *, actor: str, expected_version: int | None = None) -> str:
    """Revert the latest change a checker made to a claim; returns its action. Undo appends: rows
    are marked withdrawn, never deleted, and the undo is an audited event of its own. With
    `expected_version`, a Conflict when the claim changed since it was read (the change undone would
    then not be the one the user saw)."""
    actor = begin_change(session, actor)
    claim = get_claim(session, claim_id)
    check_version(claim, expected_version)
    event, reason = _undo_target(session, claim_id)
    if event is None:
        if reason and reason.startswith("nothing to undo"):
            raise NotFound(reason)
        raise InputError(reason or f"nothing to undo on claim {claim_id}")
    if event.action == "claim.add":  # the right part of a split: undo the split from the left part
        head = get_claim(session, int((event.after or {})["split_from"]))
        split = session.exec(
            select(Event).where(Event.claim_id == head.id, Event.action == "claim.split").order_by(col(Event.id).desc())
        ).first()
        if split is None or (split.after or {}).get("new_claim") != claim_id:
            raise InputError(f"claim {claim_id} was split off claim {head.id}, which has changed since")
        _undo_split(session, head, claim, split, actor=actor, undid=event)
        return "claim.split"
    if event.action == "claim.split":
        tail = session.get(Claim, int((event.after or {}).get("new_claim") or 0))
        if tail is None:
            raise InputError(f"the part split off claim {claim_id} no longer exists")
        _undo_split(session, claim, tail, event, actor=actor, undid=event)
        return event.action
    if event.action == "claim.merge":
        _undo_merge(session, claim, event, actor=actor)
        return event.action

    before = snapshot(claim)
    if event.action == "note.add":
        note = session.get(Note, event.entity_id)
        if note is not None:
            note.withdrawn_at = utcnow()
            session.add(note)
    elif event.action == "source.add":
        source = session.get(Source, event.entity_id)
        if source is not None:
            source.withdrawn_at = utcnow()
            session.add(source)
    elif event.action == "verdict.set":
        verdict = session.get(Verdict, event.entity_id)
        if verdict is not None:
            verdict.review_state = "withdrawn"
            session.add(verdict)
    previous = event.before or {}
    if event.action in ("claim.edit", "claim.status", "verdict.set") and previous:
        _restore(claim, previous, ("text", "start", "end", "status"))
    touch(claim, None)
    session.add(claim)
    refresh_memory(session, claim)
    claim_event(session, claim, "undo", actor=actor, before=before, undid_event=event.id, undid_action=event.action)
    return event.action


def _undo_split(session: Session, head: Claim, tail: Claim, split: Event, *, actor: str, undid: Event) -> None:
    """Join the two parts of a split again, the whole restored from the split event."""
    before = snapshot(head)
    tail_id = tail.id
    _join(session, head, tail)
    _restore(head, split.before or {}, _RESTORED_FIELDS)
    touch(head, None)
    session.add(head)
    refresh_memory(session, head)
    claim_event(
        session,
        head,
        "undo",
        actor=actor,
        before=before,
        undid_event=undid.id,
        undid_action=undid.action,
        removed_claim=tail_id,
    )
    if undid.id != split.id:
        # Undone from the right part: the split itself is what no longer holds; mark it undone too.
        claim_event(session, head, "undo", actor=actor, before=before, undid_event=split.id, undid_action=split.action)


def _undo_merge(session: Session, claim: Claim, merge: Event, *, actor: str) -> None:
    """Recreate the merged-away claim (same id when free) and give it back what was attached to it."""
    first = (merge.before or {}).get("first") or {}
    second = (merge.before or {}).get("second") or {}
    moved = (merge.after or {}).get("moved") or {}
    before = snapshot(claim)
    old_id = int(second["id"])
    revived = Claim(
        id=old_id if session.get(Claim, old_id) is None else None,
        article_id=claim.article_id,
        start=second["start"],
        end=second["end"],
        text=second["text"],
        status=second.get("status", "open"),
        version=int(second.get("version", 1)) + 1,  # a client holding the old version must reload
    )
    _restore(revived, second)
    session.add(revived)
    session.flush()
    assert revived.id is not None
    for name, model in _MOVED:
        for row_id in moved.get(name, []):
            row = session.get(model, row_id)
            if row is not None and row.claim_id == claim.id:
                row.claim_id = revived.id
                session.add(row)
    _restore(claim, first)
    touch(claim, None)
    session.add(claim)
    session.flush()
    refresh_memory(session, claim)
    refresh_memory(session, revived)
    claim_event(
        session,
        claim,
        "undo",
        actor=actor,
        before=before,
        undid_event=merge.id,
        undid_action=merge.action,
        restored_claim=revived.id,
    )
    # The revived claim's own record of coming back: an undo too, so it never blocks a later undo there.
    claim_event(
        session, revived, "undo", actor=actor, undid_event=merge.id, undid_action=merge.action, merged_into=claim.id
    )
