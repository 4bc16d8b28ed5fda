"""Review sign-off: a second person approves or rejects a claim's standing verdict.

A review is appended (table `review`, never changed) and moves the verdict's review state on
(pending → approved/rejected); a rejection sends the claim back to "in-progress" with the reviewer's
comment shown next to the verdict, and a new verdict (services.verdicts.set_verdict) starts pending
again. Four-eyes: nobody reviews their own verdict, unless the desk works alone and says so with
FACTCHECK_SINGLE_PERSON=1. A review is not undone by `u` (services.editing): it is a decision of
someone else, and the way on is a new verdict.
"""

from __future__ import annotations

import os

from sqlmodel import Session, col, select

from factcheck.errors import InputError
from factcheck.services.audit import record_event
from factcheck.services.claims import get_claim, is_current_verdict, latest_reviews, touch
from factcheck.services.inputs import begin_change, cleaned
from factcheck.services.views import VerdictView
from factcheck.store.models import Review, Verdict, utcnow

SINGLE_PERSON_ENV = "FACTCHECK_SINGLE_PERSON"

# What a reviewer types (English or German) -> the decision stored.
DECISIONS: dict[str, str] = {
    "approve": "approved",
    "approved": "approved",
    "freigeben": "approved",
    "reject": "rejected",
    "rejected": "rejected",
    "ablehnen": "rejected",
}


def parse_decision(word: str) -> str:
    """The decision stored ("approved"/"rejected") for a word a reviewer typed; InputError otherwise."""
    decision = DECISIONS.get((word or "").strip().casefold())
    if decision is None:
        raise InputError(f"unknown review decision {word!r}: use approve or reject (freigeben, ablehnen)")
    return decision


def single_person_desk() -> bool:
    """Whether the desk has said it works alone (FACTCHECK_SINGLE_PERSON=1): then one may review one's own."""
    return os.environ.get(SINGLE_PERSON_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def review_obstacle(review_state: str | None, checker: str | None, actor: str) -> str | None:
    """Why `actor` may not review a standing verdict in `review_state` written by `checker`, or None.

    "no_verdict" (there is none), "reviewed" (approved or rejected already) or "own_verdict" (four-eyes;
    FACTCHECK_SINGLE_PERSON=1 lifts it). Front ends ask before opening a dialog; review_verdict enforces it.
    """
    if review_state is None or review_state == "withdrawn":
        return "no_verdict"
    if review_state in ("approved", "rejected"):
        return "reviewed"
    if (checker or "").casefold() == " ".join(actor.split()).casefold() and not single_person_desk():
        return "own_verdict"
    return None


def standing_verdict(session: Session, claim_id: int) -> Verdict | None:
    """The claim's verdict that stands: the newest one not withdrawn."""
    query = select(Verdict).where(Verdict.claim_id == claim_id, is_current_verdict()).order_by(col(Verdict.id).desc())
    return session.exec(query).first()


def review_verdict(
    session: Session,
    claim_id: int,
    decision: str,
    *,
    actor: str,
    comment: str = "",
    expected_version: int | None = None,
) -> VerdictView:
    """Approve or reject the claim's standing verdict; a rejection returns the claim to "in-progress".

    `decision` is "approve" or "reject" (or their German words); a rejection needs a comment. Refused
    with an InputError when the claim has no standing verdict, when that verdict was reviewed already,
    and when `actor` wrote it (unless FACTCHECK_SINGLE_PERSON=1); a Conflict when the claim is no
    longer at `expected_version`.
    """
    state = parse_decision(decision)
    comment = cleaned(comment, what="a review comment")
    if state == "rejected" and not comment:
        raise InputError("a rejection needs a comment saying what to change (use --comment)")
    actor = begin_change(session, actor)
    claim = get_claim(session, claim_id)
    verdict = standing_verdict(session, claim_id)
    obstacle = review_obstacle(verdict.review_state if verdict else None, verdict.checker if verdict else None, actor)
    if verdict is None or verdict.id is None or obstacle == "no_verdict":
        raise InputError(f"claim {claim_id} has no verdict to review")
    if obstacle == "reviewed":
        # the reviewer from the review row, which the audit covers (the verdict's column is a cache)
        review = latest_reviews(session, [verdict.id]).get(verdict.id)
        by = f" by {review.reviewer}" if review is not None and review.reviewer else ""
        raise InputError(
            f"the verdict on claim {claim_id} was {verdict.review_state}{by} already; a new verdict can be reviewed"
        )
    if obstacle == "own_verdict":
        raise InputError(
            f"nobody approves their own verdict: {actor} wrote the verdict on claim {claim_id}"
            f" (a desk of one sets {SINGLE_PERSON_ENV}=1)"
        )
    before = {
        "verdict": verdict.id,
        "rating": verdict.rating,
        "review_state": verdict.review_state,
        "status": claim.status,
        "version": claim.version,
    }
    touch(claim, expected_version)
    if state == "rejected":
        claim.status = "in-progress"
    session.add(claim)
    now = utcnow()
    review = Review(verdict_id=verdict.id, claim_id=claim_id, decision=state, reviewer=actor, comment=comment)
    review.created_at = now
    verdict.review_state, verdict.reviewer, verdict.reviewed_at = state, actor, now
    session.add(review)
    session.add(verdict)
    session.flush()
    assert review.id is not None
    after = {
        "verdict": verdict.id,
        "rating": verdict.rating,
        "decision": state,
        "reviewer": actor,
        "comment": comment,
        "review_state": state,
        "status": claim.status,
        "version": claim.version,
    }
    record_event(
        session,
        actor=actor,
        action="verdict.review",
        entity="review",
        entity_id=review.id,
        claim_id=claim_id,
        before=before,
        after=after,
    )
    return VerdictView.of(verdict, review_comment=comment)
