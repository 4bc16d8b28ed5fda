"""Sources attached to claims: a URL or a local file first, then each fetch as a kept snapshot with the
claim's quotes, dates and numbers checked against it.

The CLI (`factcheck source add|list|refresh`) and the workbench call the same functions: `add_source`
(one transaction), then `fetch_and_check` (the fetch outside any transaction, so colleagues' writes never
wait on a slow server; then one transaction storing the snapshot), `refresh_source` (another snapshot,
the earlier ones kept) and `list_sources`.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import func
from sqlmodel import Session, col, select

from factcheck.errors import FactcheckError, InputError, NotFound
from factcheck.services.audit import add_audited, record_event
from factcheck.services.claims import check_version, get_claim
from factcheck.services.inputs import begin_change, cleaned
from factcheck.services.views import SnapshotView, SourceView, _iso, source_state
from factcheck.sources.fetch import FetchedDocument, FetchLimits, Retrieved, is_url
from factcheck.store.engine import session_scope
from factcheck.store.models import Article, Claim, Source, SourceSnapshot, utcnow

if TYPE_CHECKING:
    from sqlalchemy import Engine

# Bodies up to this size are kept (zlib-compressed) with their snapshot; the fetch cap is the same by
# default (FACTCHECK_SOURCE_MAX_MB raises both), so every body that was read is kept.
BODY_STORE_MAX = 10 * 1024 * 1024


def _body_store_max() -> int:
    return max(BODY_STORE_MAX, FetchLimits.from_env().max_bytes)


# -- what a source is ----------------------------------------------------------------------------------


def source_address(value: str) -> str:
    """The address stored for what a checker typed: an http(s) URL as it is; a `file:` URL or a local
    path as the file's absolute `file://` URL (it must be a regular file now). InputError otherwise."""
    value = cleaned(value, what="a source URL or path", required=True)
    if re.match(r"https?://", value, re.IGNORECASE):  # schemes are case-insensitive (RFC 3986 §3.1)
        try:
            parts = urlsplit(value)
            host = parts.hostname
            has_credentials = parts.username is not None or parts.password is not None
        except ValueError as exc:  # "http://[::1/": an unclosed IPv6 literal, a port that is no number
            raise InputError(f"not a web address: {value!r} ({exc})") from None
        if not host:
            raise InputError(f"not a web address: {value!r} has no host")
        if has_credentials:
            # it would be kept in the append-only audit log and printed in every report
            raise InputError("a source address must not carry a user name or password: give the page's public address")
        return parts._replace(scheme=parts.scheme.lower()).geturl()
    if value.lower().startswith("file:"):
        path = file_path(value)
    else:
        path = Path(value).expanduser()
        if not path.exists() and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
            raise InputError(f"not an http(s) URL, a file: URL or a file: {value!r}")
    try:
        path = path.resolve(strict=False)
    except (RuntimeError, OSError) as exc:  # a symlink loop (RuntimeError before Python 3.13)
        raise InputError(f"cannot read {value!r}: a symbolic link loop or an unreadable path") from exc
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if not path.is_file():
        raise InputError(f"{path} is not a regular file")
    return path.as_uri()


def file_path(url: str) -> Path:
    """The local path of a `file:` URL (file:///p, file:/p, file://localhost/p); InputError for another host."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise InputError(f"a file: URL must name a local file, not one on {parts.netloc!r}")
    if not parts.path:
        raise InputError(f"the file: URL {url!r} names no file")
    return Path(unquote(parts.path))


def is_file_source(url: str) -> bool:
    return url.lower().startswith("file:")


# -- writing ---------------------------------------------------------------------------------------------


def add_source(
    session: Session,
    claim_id: int,
    url: str,
    *,
    actor: str,
    expected_version: int | None = None,
    note: str | None = None,
    archive_url: str | None = None,
) -> SourceView:
    """Attach a URL or a local file to a claim; fetching it is a separate step (fetch_and_check).

    Like a note, a source leaves the claim's version as it is; with `expected_version` it is refused
    (Conflict) when the claim changed since the writer read it.
    """
    address = source_address(url)
    note_text = cleaned(note, what="a note") or None
    archive = cleaned(archive_url, what="an archive URL") or None
    if archive is not None and not is_url(archive):
        raise InputError(f"an archive URL must be an http(s) URL, got {archive!r}")
    actor = begin_change(session, actor)
    check_version(get_claim(session, claim_id), expected_version)
    source = Source(claim_id=claim_id, url=address, added_by=actor, note=note_text, archive_url=archive)
    after: dict[str, Any] = {"url": address}
    if note_text:
        after["note"] = note_text
    if archive:
        after["archive_url"] = archive
    add_audited(session, source, actor=actor, action="source.add", claim_id=claim_id, after=after)
    return SourceView.of(source)


def retrieve(url: str, limits: FetchLimits | None = None) -> Retrieved:
    """Fetch a source's address (http(s) or a local file); never raises for what the network, the server
    or the file does: the reason is in `Retrieved.error`. No database here."""
    from factcheck.sources.fetch import fetch_source

    limits = limits or FetchLimits.from_env()
    if not is_file_source(url):
        return fetch_source(url, limits)
    from factcheck.services.loading import read_regular_file

    try:
        path = file_path(url)
        body = read_regular_file(path, limits.max_bytes)
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except (FactcheckError, OSError) as exc:
        message = str(exc) if isinstance(exc, FactcheckError) else (exc.strerror or str(exc))
        if message.startswith("input is "):
            message = (
                f"the file is {message[len('input is ') :].replace('; the limit is', ', the limit for sources is')}"
            )
        return Retrieved(url, url, None, "", {}, (), None, message)
    content_type = mimetypes.guess_type(path.name)[0] or ""
    headers = {"content-length": str(len(body)), "last-modified": format_datetime(modified, usegmt=True)}
    if content_type:
        headers["content-type"] = content_type
    return Retrieved(url, url, None, content_type, headers, (), body, None)


def record_snapshot(session: Session, source_id: int, retrieved: Retrieved, *, actor: str) -> SourceView:
    """Store one fetch of a source as a new snapshot (earlier ones stay), check the claim against its
    text, and bring the source's own fetch fields up to this snapshot; one audited transaction."""
    from factcheck.sources.content import SourceContent, extract_content

    actor = begin_change(session, actor)
    source = _source(session, source_id)
    if source.withdrawn_at is not None:
        # undone while it was being fetched (the workbench fetches in the background): nothing to store
        raise InputError(f"source {source_id} was withdrawn (undone) while it was fetched; nothing stored")
    body = retrieved.body
    content: SourceContent | None = None
    if body is not None and retrieved.error is None:
        content = extract_content(body, retrieved.content_type, retrieved.final_url)
    error = retrieved.error or (content.error if content is not None else None)
    text = content.text if content is not None and error is None else None
    checks = _check(session, source, text) if text else None
    sha = hashlib.sha256(body).hexdigest() if body is not None else None
    previous = session.exec(
        select(SourceSnapshot.sha256)
        .where(SourceSnapshot.source_id == source_id, col(SourceSnapshot.sha256).is_not(None))
        .order_by(col(SourceSnapshot.id).desc())
        .limit(1)
    ).first()
    snapshot = SourceSnapshot(
        source_id=source_id,
        fetched_at=utcnow(),
        fetched_by=actor,
        requested_url=retrieved.requested_url,
        final_url=retrieved.final_url,
        redirects=[dict(hop) for hop in retrieved.redirects],
        http_status=retrieved.status,
        headers=dict(retrieved.headers),
        kind=content.kind if content is not None else None,
        sha256=sha,
        size=len(body) if body is not None else None,
        body=zlib.compress(body, 6) if body is not None and len(body) <= _body_store_max() else None,
        text=text,
        title=content.title if content is not None else None,
        author=content.author if content is not None else None,
        published=content.published if content is not None else None,
        error=error,
        changed=(previous != sha) if previous is not None and sha is not None else None,
        checks=checks,
    )
    session.add(snapshot)
    session.flush()
    _mirror(source, snapshot)
    session.add(source)
    after: dict[str, Any] = {
        "snapshot": snapshot.id,
        "status": retrieved.status,
        "sha256": sha,
        "final_url": retrieved.final_url,
    }
    if error:
        after["error"] = error
    if snapshot.changed is not None:
        after["changed"] = snapshot.changed
    if checks is not None:
        after["outcome"] = checks.get("outcome")
    record_event(
        session,
        actor=actor,
        action="source.fetch",
        entity="source",
        entity_id=source_id,
        claim_id=source.claim_id,
        after=after,
    )
    return SourceView.of(source, snapshot_views(session, [source_id]).get(source_id, []))


def _mirror(source: Source, snapshot: SourceSnapshot) -> None:
    """The source's fetch fields repeat its latest snapshot's (views and reports read them there)."""
    checks = snapshot.checks or {}
    best = _best_quote(checks)
    source.fetched_at = snapshot.fetched_at
    source.http_status = snapshot.http_status
    source.content_type = (snapshot.headers.get("content-type") or "")[:200] or None
    source.sha256 = snapshot.sha256
    source.final_url = snapshot.final_url
    source.title = snapshot.title
    source.snapshot = snapshot.text
    source.fetch_error = snapshot.error
    source.quote_match_score = checks.get("best_quote_score") if best is None else best.get("score")
    source.quote_context = (best.get("context") or best.get("passage")) if best is not None else None


def _best_quote(checks: dict[str, Any]) -> dict[str, Any] | None:
    quotes = [q for q in checks.get("quotes") or [] if isinstance(q, dict) and q.get("passage")]
    return max(quotes, key=lambda q: q.get("score") or 0.0) if quotes else None


def _check(session: Session, source: Source, text: str) -> dict[str, Any] | None:
    """The claim's quotes, dates and numbers looked up in `text` (factcheck.evidence), as stored JSON."""
    try:
        from factcheck.evidence import ClaimEvidence, check_source
    except ImportError:  # pragma: no cover - the check package ships with factcheck
        return None
    claim = session.get(Claim, source.claim_id)
    if claim is None:
        return None
    article = session.get(Article, claim.article_id)
    language = article.language if article is not None else "de"
    evidence = ClaimEvidence.from_fields(claim.text, claim.fields or {}, language)
    return check_source(evidence, text).to_dict()


def record_fetch(session: Session, source_id: int, fetched: FetchedDocument, *, actor: str) -> SourceView:
    """Store a document fetched with sources.fetch.fetch_url as the source's next snapshot."""
    source = _source(session, source_id)
    headers = {"content-type": fetched.content_type[:500]} if fetched.content_type else {}
    error = None if 200 <= fetched.status < 300 else f"HTTP {fetched.status}"  # an error page is no evidence
    body = fetched.body if error is None else None
    retrieved = Retrieved(source.url, fetched.url, fetched.status, fetched.content_type, headers, (), body, error)
    return record_snapshot(session, source_id, retrieved, actor=actor)


def fetch_and_check(
    engine: Engine, source_id: int, *, actor: str, limits: FetchLimits | None = None, refresh: bool = False
) -> SourceView:
    """Fetch a source and store the snapshot with the claim checked against it.

    The fetch runs outside any transaction (a slow server never holds the write lock); storing it is one
    transaction. A failed fetch is stored too (state *failed*, with the reason): the source stays, and a
    refresh may try again. FactcheckError only for an unknown source or a database problem.
    """
    with session_scope(engine) as session:
        source = _source(session, source_id)
        if refresh and source.withdrawn_at is not None:
            raise InputError(f"source {source_id} was withdrawn (undone); add it again to fetch it")
        url = source.url
    retrieved = retrieve(url, limits)
    with session_scope(engine) as session:
        return record_snapshot(session, source_id, retrieved, actor=actor)


def refresh_source(engine: Engine, source_id: int, *, actor: str, limits: FetchLimits | None = None) -> SourceView:
    """Fetch a source again: a new snapshot (`changed` says whether the body differs), the old ones kept."""
    return fetch_and_check(engine, source_id, actor=actor, limits=limits, refresh=True)


# -- reading ---------------------------------------------------------------------------------------------


def _source(session: Session, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise NotFound(f"no source with id {source_id}")
    return source


def get_source(session: Session, source_id: int) -> SourceView:
    """One source with all its snapshots, oldest first."""
    source = _source(session, source_id)
    return SourceView.of(source, snapshot_views(session, [source_id]).get(source_id, []))


def list_sources(session: Session, claim_id: int) -> list[SourceView]:
    """The claim's sources (not withdrawn), in the order added, each with its snapshots, oldest first."""
    get_claim(session, claim_id)
    sources = list(
        session.exec(
            select(Source)
            .where(Source.claim_id == claim_id, col(Source.withdrawn_at).is_(None))
            .order_by(col(Source.id))
        )
    )
    snapshots = snapshot_views(session, [s.id for s in sources if s.id is not None])
    return [SourceView.of(s, snapshots.get(s.id or 0, [])) for s in sources]


_SNAPSHOT_COLUMNS = (
    "id",
    "source_id",
    "fetched_at",
    "fetched_by",
    "requested_url",
    "final_url",
    "redirects",
    "http_status",
    "headers",
    "kind",
    "sha256",
    "size",
    "title",
    "author",
    "published",
    "error",
    "changed",
    "checks",
)


def snapshot_views(session: Session, source_ids: Iterable[int]) -> dict[int, list[SnapshotView]]:
    """Source id -> its snapshots, oldest first; neither the body nor the text is loaded (their sizes are)."""
    ids = list(source_ids)
    if not ids:
        return {}
    table = SourceSnapshot.__table__  # type: ignore[attr-defined]
    columns = [table.c[name] for name in _SNAPSHOT_COLUMNS]
    query = (
        select(*columns, func.length(table.c.body), func.length(table.c.text))  # type: ignore[call-overload]
        .where(table.c.source_id.in_(ids))
        .order_by(table.c.id)
    )
    found: dict[int, list[SnapshotView]] = {}
    for row in session.exec(query):
        values = dict(zip(_SNAPSHOT_COLUMNS, row, strict=False))
        stored_size, text_length = row[len(_SNAPSHOT_COLUMNS)], row[len(_SNAPSHOT_COLUMNS) + 1]
        view = SnapshotView(
            id=values["id"],
            source_id=values["source_id"],
            fetched_at=_iso(values["fetched_at"]),
            fetched_by=values["fetched_by"] or "",
            requested_url=values["requested_url"],
            final_url=values["final_url"],
            redirects=[hop for hop in values["redirects"] or [] if isinstance(hop, dict)],
            http_status=values["http_status"],
            headers={str(k): str(v) for k, v in (values["headers"] or {}).items()},
            kind=values["kind"],
            sha256=values["sha256"],
            size=values["size"],
            stored_size=stored_size,
            text_length=text_length,
            title=values["title"],
            author=values["author"],
            published=values["published"],
            error=values["error"],
            changed=None if values["changed"] is None else bool(values["changed"]),
            checks=values["checks"] if isinstance(values["checks"], dict) else None,
            state=source_state(values["http_status"], values["fetched_at"], values["error"]),
        )
        found.setdefault(view.source_id, []).append(view)
    return found


def snapshot_body(session: Session, snapshot_id: int) -> bytes | None:
    """The body of a snapshot as received (decompressed), or None when none was kept."""
    snapshot = session.get(SourceSnapshot, snapshot_id)
    if snapshot is None:
        raise NotFound(f"no snapshot with id {snapshot_id}")
    return zlib.decompress(snapshot.body) if snapshot.body is not None else None


def snapshot_text(session: Session, snapshot_id: int) -> str | None:
    """The text extracted from a snapshot."""
    snapshot = session.get(SourceSnapshot, snapshot_id)
    if snapshot is None:
        raise NotFound(f"no snapshot with id {snapshot_id}")
    return snapshot.text
