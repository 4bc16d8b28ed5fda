"""Sources attached to claims: the URL first, the fetched snapshot when it arrives."""

from __future__ import annotations

import hashlib

from sqlmodel import Session

from factcheck.errors import FactcheckError, InputError, NotFound
from factcheck.services.audit import add_audited, record_event
from factcheck.services.claims import check_version, get_claim
from factcheck.services.inputs import begin_change, cleaned
from factcheck.services.views import SourceView
from factcheck.sources.fetch import FetchedDocument, is_url
from factcheck.store.models import Source, utcnow
from factcheck.text.control import clean_input
from factcheck.text.decode import decode_bytes
from factcheck.text.html import html_to_text


def add_source(
    session: Session, claim_id: int, url: str, *, actor: str, expected_version: int | None = None
) -> SourceView:
    """Attach a URL to a claim; fetching it is a separate step (record_fetch).

    Like a note, a source leaves the claim's version as it is; with `expected_version` it is refused
    (Conflict) when the claim changed since the writer read it.
    """
    url = cleaned(url, what="a source URL", required=True)
    if not is_url(url):
        raise InputError(f"not an http(s) URL: {url!r}")
    actor = begin_change(session, actor)
    check_version(get_claim(session, claim_id), expected_version)
    source = Source(claim_id=claim_id, url=url, added_by=actor)
    add_audited(session, source, actor=actor, action="source.add", claim_id=claim_id, after={"url": url})
    return SourceView.of(source)


def record_fetch(session: Session, source_id: int, fetched: FetchedDocument, *, actor: str) -> SourceView:
    """Store the fetched body's hash and a text snapshot of it."""
    actor = begin_change(session, actor)
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"no source with id {source_id}")
    title, snapshot = None, None
    try:
        text = decode_bytes(fetched.body)
        if "html" in fetched.content_type or text.lstrip()[:1] == "<":
            page = html_to_text(text)
            title, snapshot = page.title, page.text
        else:
            snapshot = text
    except FactcheckError:
        snapshot = None  # binary or empty body: keep status and hash, no text
    source.fetched_at = utcnow()
    source.http_status = fetched.status
    source.content_type = fetched.content_type[:200]
    source.sha256 = hashlib.sha256(fetched.body).hexdigest()
    # A page title is shown to checkers like their own input: no control characters in it.
    source.title = " ".join(clean_input(title).split()) or None if title else None
    source.final_url = fetched.url
    source.snapshot = snapshot
    session.add(source)
    record_event(
        session,
        actor=actor,
        action="source.fetch",
        entity="source",
        entity_id=source_id,
        claim_id=source.claim_id,
        after={"status": fetched.status, "sha256": source.sha256, "final_url": fetched.url},
    )
    return SourceView.of(source)
