"""An article holding every state a claim can be stored in, for render tests.

Built through the services where a service exists; legacy and unknown values (an older or newer
database, a hand-edited one) go in by SQL, as the workbench must show those too.
"""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlmodel import Session

from factcheck.ratings import SCALE
from factcheck.services import claims, editing, sources, verdicts
from factcheck.services.audit import record_event
from factcheck.sources.fetch import FetchedDocument
from factcheck.store import session_scope
from factcheck.store.models import CLAIM_STATUSES, REVIEW_STATES

from .conftest import ACTOR, all_claims

REVIEWS = (*REVIEW_STATES, "withdrawn")


def _sql(session: Session, statement: str, **params: object) -> None:
    session.exec(text(statement), params=params)  # type: ignore[call-overload]


def _enough_claims(engine: Engine, article_id: int, needed: int) -> list[int]:
    """The article's claim ids, with claims added over short spans of its text until there are `needed`."""
    ids = [c.id for c in all_claims(engine, article_id)]
    offset = 0
    with session_scope(engine) as session:
        while len(ids) < needed:
            added = editing.add_claim(session, article_id, offset, offset + 12, actor=ACTOR)
            ids.append(added.id)
            offset += 17
    return ids


def _sources(session: Session, claim_id: int, n: int) -> None:
    """No source, a fetched one (200), a failed one (500), and one never fetched, in turn."""
    kind = n % 4
    if kind == 0:
        return
    added = sources.add_source(session, claim_id, f"http://127.0.0.1:9/source-{n}", actor=ACTOR)
    if kind in (1, 2):
        status = 200 if kind == 1 else 500
        body = b"<html><title>Quelle</title><body>Text</body></html>" if kind == 1 else b""
        fetched = FetchedDocument(added.url, status, "text/html", body)
        sources.record_fetch(session, added.id, fetched, actor=ACTOR)


def build_every_state(engine: Engine, article_id: int) -> dict[int, str]:
    """Put each claim of the article in another stored state; {claim id: what it holds}."""
    combos: list[tuple[str, str | None, str | None]] = [(status, None, None) for status in CLAIM_STATUSES]
    combos += [
        (CLAIM_STATUSES[n % len(CLAIM_STATUSES)], r.key, review)
        for n, (r, review) in enumerate((r, review) for r in SCALE for review in REVIEWS)
    ]
    legacy = ["status:reviewing", "status:empty", "rating:pants-on-fire", "review:legacy", "fields:odd", "event:odd"]
    ids = _enough_claims(engine, article_id, len(combos) + len(legacy))
    held: dict[int, str] = {}
    with session_scope(engine) as session:
        for n, (claim_id, (status, rating, review)) in enumerate(zip(ids, combos, strict=False)):
            if rating is not None:
                verdicts.set_verdict(session, claim_id, rating, rationale=f"Begründung {n}", actor=ACTOR)
                _sql(session, "UPDATE verdict SET review_state = :r WHERE claim_id = :c", r=review, c=claim_id)
            current = claims.get_claim(session, claim_id).status
            if status != current:
                claims.set_status(session, claim_id, status, actor=ACTOR)
            if n % 2:
                verdicts.add_note(session, claim_id, f"Notiz {n}", actor=ACTOR)
            _sources(session, claim_id, n)
            held[claim_id] = f"{status} / {rating or 'no verdict'} / {review or '-'}"
        for claim_id, what in zip(ids[len(combos) :], legacy, strict=False):
            kind, value = what.split(":")
            if kind == "status":
                _sql(
                    session,
                    "UPDATE claim SET status = :s WHERE id = :c",
                    s="" if value == "empty" else value,
                    c=claim_id,
                )
            elif kind == "rating":
                verdicts.set_verdict(session, claim_id, "false", rationale="alt", actor=ACTOR)
                # a rating an older version stored: the append-only guard of migration 0007 stands aside
                _sql(session, "DROP TRIGGER IF EXISTS verdict_append_only_update")
                _sql(session, "UPDATE verdict SET rating = :r WHERE claim_id = :c", r=value, c=claim_id)
            elif kind == "review":
                verdicts.set_verdict(session, claim_id, "true", actor=ACTOR)
                _sql(
                    session,
                    "UPDATE verdict SET review_state = :r, reviewer = 'alt' WHERE claim_id = :c",
                    r=value,
                    c=claim_id,
                )
            elif kind == "fields":
                _sql(
                    session,
                    "UPDATE claim SET kinds = :k, fields = :f, checkworthiness = 7.5 WHERE id = :c",
                    k='["unknown-kind", ""]',
                    # keys missing or of another type than today's extractor writes
                    f='{"dates": [{"text": 3}, {}], "quotes": [{"speaker": null}, {"text": "zitat"}],'
                    ' "quantities": [{"value": "x"}, {"value": 2.5, "unit": null}, {}], "cues": ["cw:alt", 3]}',
                    c=claim_id,
                )
            elif kind == "event":
                record_event(
                    session,
                    actor=ACTOR,
                    action="legacy.frobnicate",
                    entity="claim",
                    entity_id=claim_id,
                    claim_id=claim_id,
                    after={"whatever": [1, 2]},
                )
            held[claim_id] = what
    return held
