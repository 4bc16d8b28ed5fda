"""Verdicts (appended, the latest is current) and notes."""

from __future__ import annotations

from sqlmodel import Session

from factcheck.errors import InputError
from factcheck.ratings import parse_rating
from factcheck.services.audit import add_audited
from factcheck.services.claims import check_version, get_claim, snapshot, touch
from factcheck.services.inputs import begin_change, cleaned
from factcheck.services.memory import remember_verdict
from factcheck.services.views import NoteView, VerdictView
from factcheck.store.models import Note, Verdict


def set_verdict(
    session: Session,
    claim_id: int,
    rating_label: str,
    *,
    rationale: str = "",
    actor: str,
    expected_version: int | None = None,
    reused_from: str | None = None,
) -> VerdictView:
    """Append a verdict and mark the claim checked. Anything but "true" needs a rationale."""
    rating = parse_rating(rating_label)  # before the lock: a typo costs no one a wait
    rationale = cleaned(rationale, what="a rationale")
    if rating.key != "true" and not rationale:
        raise InputError(f"a rationale is required for the rating {rating.en!r} (use --rationale)")
    actor = begin_change(session, actor)
    claim = get_claim(session, claim_id)
    before = snapshot(claim)
    touch(claim, expected_version)
    claim.status = "checked"
    session.add(claim)
    verdict = Verdict(claim_id=claim_id, rating=rating.key, rationale=rationale, checker=actor, reused_from=reused_from)
    after = {**snapshot(claim), "rating": rating.key, "rationale": rationale, "reused_from": reused_from}
    as_of = (claim.fields or {}).get("as_of") if (claim.fields or {}).get("time_cues") else None
    if isinstance(as_of, str):  # a time-sensitive claim: the verdict holds as of the claim's date
        after["as_of"] = as_of
    add_audited(session, verdict, actor=actor, action="verdict.set", claim_id=claim_id, before=before, after=after)
    remember_verdict(session, claim, verdict)
    return VerdictView.of(verdict)


def add_note(
    session: Session, claim_id: int, body: str, *, actor: str, expected_version: int | None = None
) -> NoteView:
    """Append a note to a claim (the body cleaned of control characters; empty is refused).

    A note leaves the claim as it is (its version too); with `expected_version` it is refused when the
    claim changed since the writer read it, as every other write on a claim.
    """
    body = cleaned(body, what="a note", required=True)
    actor = begin_change(session, actor)
    check_version(get_claim(session, claim_id), expected_version)
    note = Note(claim_id=claim_id, author=actor, body=body)
    add_audited(session, note, actor=actor, action="note.add", claim_id=claim_id, after={"body": body})
    return NoteView.of(note)
