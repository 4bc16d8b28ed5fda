"""The checked-claim memory: remember verdicts, import fact-checks, reuse a checked verdict.

Finding similar checked claims is services.search (read-only SQL, no ORM); the index it reads
(SQLite FTS5 / PostgreSQL postings tables over `checked_claim.terms`) is written here, in the same
transaction as the row, so nothing is rebuilt at start-up.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any, BinaryIO

from sqlalchemy import Engine, func
from sqlmodel import Session, select

from factcheck.errors import InputError, NotFound, StoreError
from factcheck.match.fts import fts_document
from factcheck.ratings import BY_KEY
from factcheck.services import search
from factcheck.services.audit import record_event
from factcheck.services.inputs import actor_name, begin_change
from factcheck.services.views import SimilarMatch
from factcheck.store.engine import begin_write
from factcheck.store.models import Article, CheckedClaim, Claim, Verdict, utcnow
from factcheck.store.reader import Reader
from factcheck.text.control import clean_input


@dataclass
class CheckedImportResult:
    added: int
    skipped: int  # already in the memory (same text and URL)

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


def dedupe_key(text_: str, url: str | None, origin: str, claim_id: int | None = None) -> str:
    if origin == "verdict":
        return hashlib.sha256(f"verdict:{claim_id}".encode()).hexdigest()
    canonical = " ".join(text_.casefold().split())
    return hashlib.sha256(f"{canonical}\x1f{url or ''}".encode()).hexdigest()


def remember_verdict(session: Session, claim: Claim, verdict: Verdict | None) -> None:
    """Keep the claim's entry in the memory in step with its current verdict (None: forget it)."""
    key = dedupe_key("", None, "verdict", claim.id)
    entry = session.exec(select(CheckedClaim).where(CheckedClaim.dedupe_key == key)).first()
    if verdict is None:
        if entry is not None:
            session.delete(entry)
        return
    speakers = [s for s in (claim.fields or {}).get("speakers") or [] if isinstance(s, str)]
    article = session.get(Article, claim.article_id)
    language = article.language if article else None
    if entry is None:
        entry = CheckedClaim(origin="verdict", claim_id=claim.id, dedupe_key=key, rating=verdict.rating, text="")
    entry.text = claim.text
    entry.language = language
    entry.rating = verdict.rating
    entry.original_label = BY_KEY[verdict.rating].en if verdict.rating in BY_KEY else verdict.rating
    entry.rationale = verdict.rationale
    entry.publisher = "factcheck"
    entry.speaker = speakers[0] if speakers else None
    entry.claimants = speakers
    entry.published = verdict.created_at.date().isoformat()  # when it was checked
    # the claim was made when the article carrying it was published, and appeared at its address
    entry.claim_date = search.iso_day(article.published) if article else None
    entry.appearances = [article.origin] if article and _WEB_ADDRESS.match(article.origin) else []
    entry.terms = fts_document(claim.text, language, speaker=entry.speaker)
    session.add(entry)


def refresh_memory(session: Session, claim: Claim) -> None:
    """After a claim's text or verdicts changed: re-index it under its current verdict."""
    from factcheck.services.claims import latest_verdicts

    session.flush()
    remember_verdict(session, claim, latest_verdicts(session, [claim.id or 0]).get(claim.id or 0))


def forget_claim(session: Session, claim_id: int) -> None:
    key = dedupe_key("", None, "verdict", claim_id)
    entry = session.exec(select(CheckedClaim).where(CheckedClaim.dedupe_key == key)).first()
    if entry is not None:
        session.delete(entry)


_WEB_ADDRESS = re.compile(r"^https?://", re.IGNORECASE)


# The write phase inserts in batches of this many rows (one executemany each: bounded extra memory).
_INSERT_BATCH = 2000
# SQLite page cache while an import inserts (KiB; the connection's own setting is restored after).
_IMPORT_CACHE_KIB = 65536
# Keys asked for at once in `dedupe_key IN (...)` (SQLite's default limit on variables is 32766).
_KEY_BATCH = 500
_COLUMNS = (
    "text",
    "title",
    "language",
    "rating",
    "original_label",
    "url",
    "published",
    "publisher",
    "speaker",
    "claim_date",
    "claimants",
    "appearances",
    "external_id",
    "dedupe_key",
    "terms",
)
_KEY = _COLUMNS.index("dedupe_key")


def _known_keys(session: Session, keys: list[str]) -> set[str]:
    """Those of `keys` already stored (one indexed lookup per key, _KEY_BATCH keys a statement).

    Through the driver's own cursor: the ORM's select cost ~8 µs a key, most of a large import's lookups.
    """
    connection = session.connection()
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    known: set[str] = set()
    try:
        for i in range(0, len(keys), _KEY_BATCH):
            chunk = keys[i : i + _KEY_BATCH]
            if connection.dialect.name == "sqlite":
                marks = ", ".join("?" * len(chunk))
                cursor.execute(f"SELECT dedupe_key FROM checked_claim WHERE dedupe_key IN ({marks})", chunk)
            else:
                cursor.execute("SELECT dedupe_key FROM checked_claim WHERE dedupe_key = ANY(%s)", (chunk,))
            known.update(row[0] for row in cursor.fetchall())
    finally:
        cursor.close()
    return known


# How an import reports progress: (phase, done, total or None when not known yet). Phases: "reading"
# (parsing and analysing records; `total` an estimate from the file), then "storing" (rows inserted).
ImportProgress = Callable[[str, int, int | None], None]
_REPORT_EVERY = 2000


def _prepare(
    session: Session, records: Iterable[Any], progress: ImportProgress | None = None, total: int | None = None
) -> tuple[list[tuple[Any, ...]], int]:
    """Everything an import computes, before it writes: the rows to insert (as tuples in _COLUMNS
    order, file order) and how many records were duplicates, of the file or of stored rows.

    Runs in a read transaction (no lock). Records are consumed one by one and only the row is kept;
    repeated short values (language, rating, label, publisher, speaker, dates) are shared, not copied.
    A label a desk has mapped (`checked labels --map`) gets the mapped rating (services.checked_labels).
    """
    from factcheck.services.checked_labels import mapped_rating, stored_mappings

    mappings = stored_mappings(session)
    mapped: dict[str, str | None] = {}  # label -> its mapped rating: a file repeats a few labels many times

    def rating_of(label: str, key: str) -> str:
        if not mappings:
            return key
        if label not in mapped:
            mapped[label] = mapped_rating(mappings, label)
        return mapped[label] or key

    rows: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    shared: dict[str, str] = {}
    skipped = 0
    pending: list[tuple[str, Any]] = []

    def share(value: str | None) -> str | None:
        return None if value is None else shared.setdefault(value, value)

    as_json: dict[tuple[str, ...], str] = {}

    def json_list(values: Iterable[str]) -> str:
        # claimants repeat (a few speakers, often none): each distinct list is serialised once
        key = tuple(values)
        found = as_json.get(key)
        if found is None:
            found = as_json[key] = _json_list(key)
        return found

    def flush() -> None:
        nonlocal skipped
        known = _known_keys(session, [key for key, _ in pending])
        for key, r in pending:
            if key in known:
                skipped += 1
                continue
            speaker = getattr(r, "speaker", None)
            label = r.original_label or ""
            rows.append(
                (
                    r.text,
                    r.title,
                    share(r.language),
                    share(rating_of(label, r.rating_key)),
                    share(label),
                    r.url,
                    share(search.iso_day(r.date and r.date[:10])),  # parsers give ISO days; a script may not
                    share(r.publisher),
                    share(speaker),
                    share(search.iso_day(getattr(r, "claim_date", None))),
                    json_list(getattr(r, "claimants", ()) or ((speaker,) if speaker else ())),
                    json_list(getattr(r, "appearances", ())),
                    r.external_id,
                    key,
                    fts_document(r.text, r.language, r.title, speaker),
                )
            )
        pending.clear()

    read = 0
    for r in records:
        read += 1
        if progress is not None and read % _REPORT_EVERY == 0:
            progress("reading", read, max(total or 0, read) or None)
        key = dedupe_key(r.text, r.url, "import")
        if key in seen:
            skipped += 1
            continue
        seen.add(key)
        pending.append((key, r))
        if len(pending) >= _KEY_BATCH:
            flush()
    flush()
    if progress is not None:
        progress("reading", read, read)
    return rows, skipped


def _json_list(values: Iterable[str]) -> str:
    """A JSON column's value as the driver takes it in a plain INSERT (the ORM would do this for us)."""
    return json.dumps(list(values), ensure_ascii=False)


def _insert_rows(session: Session, rows: list[tuple[Any, ...]], progress: ImportProgress | None = None) -> None:
    """The write phase: bulk inserts only, under the write lock the caller took.

    SQLite: the driver's executemany, _INSERT_BATCH rows a call. Its FTS5 table is kept by the
    `checked_claim_ai` trigger, one FTS5 insert per row interleaved with the table's; for an import the
    trigger is set aside inside this transaction and the new rows are indexed with one INSERT … SELECT
    (65k rows: 0.9 s instead of 2.3 s under the lock), then the trigger is put back as it was.
    PostgreSQL: one COPY; the statement trigger of migration 0010 then indexes all new rows in one
    set-based pass (100k claims: ~1 s of COPY and ~5 s for their 1.2M postings on a busy 2-core box;
    executemany would fire it once per row).
    It is all one transaction: a failure or a kill rolls everything back, the trigger's removal included.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    table = CheckedClaim.__table__  # type: ignore[attr-defined]
    stamp_of = table.c.created_at.type._cached_bind_processor(dialect)
    stamp = stamp_of(utcnow()) if stamp_of else utcnow()
    columns = (*_COLUMNS, "origin", "rationale", "created_at")
    extra = ("import", "", stamp)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        if dialect.name == "sqlite":
            _insert_sqlite(cursor, columns, rows, extra, progress)
        else:
            _copy_postgres(cursor, columns, rows, extra, progress)
    except dialect.loaded_dbapi.Error as exc:  # the driver's own errors, as the store reports them: one line
        raise StoreError(f"database error: {str(exc).strip().splitlines()[0]}") from exc
    finally:
        cursor.close()


def _insert_sqlite(
    cursor: Any,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    extra: tuple[Any, ...],
    progress: ImportProgress | None,
) -> None:
    sql = f"INSERT INTO checked_claim ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    trigger = None
    found = cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'checked_claim_ai'")
    if found := found.fetchone():
        trigger = found[0]
        cursor.execute("DROP TRIGGER checked_claim_ai")
    last = cursor.execute("SELECT coalesce(max(id), 0) FROM checked_claim").fetchone()[0]
    # The unique index on dedupe_key takes keys in random order: with the default 2 MB page cache a
    # large import re-reads index pages from disk (600k rows: 14 s under the lock, 5 s with 64 MB).
    cache = cursor.execute("PRAGMA cache_size").fetchone()[0]
    cursor.execute(f"PRAGMA cache_size={-_IMPORT_CACHE_KIB}")
    try:
        for i in range(0, len(rows), _INSERT_BATCH):
            cursor.executemany(sql, [row + extra for row in rows[i : i + _INSERT_BATCH]])
            if progress is not None:
                progress("storing", min(i + _INSERT_BATCH, len(rows)), len(rows))
        if trigger is not None:
            # rowids follow max(id) under our write lock: the new rows are exactly those above `last`
            cursor.execute(
                "INSERT INTO checked_claim_fts(rowid, terms) SELECT id, terms FROM checked_claim WHERE id > ?",
                (last,),
            )
            cursor.execute(trigger)
    finally:
        cursor.execute(f"PRAGMA cache_size={int(cache)}")


def _copy_postgres(
    cursor: Any,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    extra: tuple[Any, ...],
    progress: ImportProgress | None,
) -> None:
    with cursor.copy(f"COPY checked_claim ({', '.join(columns)}) FROM STDIN") as copy:
        for i, row in enumerate(rows, 1):
            copy.write_row(row + extra)
            if progress is not None and i % _INSERT_BATCH == 0:
                progress("storing", i, len(rows))
    # the COPY statement ends here, and with it the index triggers' one pass over the new rows
    if progress is not None:
        progress("storing", len(rows), len(rows))


def add_checked(
    session: Session,
    records: Iterable[Any],
    *,
    actor: str,
    origin_name: str,
    progress: ImportProgress | None = None,
    total: int | None = None,
) -> CheckedImportResult:
    """Store fact-checks (factcheck.checked.CheckedRecord) in one transaction, skipping duplicates.

    Two phases, so that colleagues can write meanwhile: everything per record (dedupe key, full-text
    terms, the lookup of keys already stored) happens first, in a read transaction that takes no lock;
    only then is the write lock taken, for a last look at keys stored since (by a concurrent import) and
    the bulk inserts. All or nothing: `records` may be a lazy iterator whose parser raises midway
    (formats.iter_checked_bytes); then nothing has been written. `progress` (see ImportProgress) hears
    how far it got; `total` is the caller's estimate of the number of records, for it.
    """
    actor = actor_name(actor)
    rows, skipped = _prepare(session, records, progress, total)
    begin_write(session)  # ends the read transaction; BEGIN IMMEDIATE (SQLite) / the advisory lock (PostgreSQL)
    late = _known_keys(session, [row[_KEY] for row in rows])
    if late:  # stored by someone else between our read and our lock
        skipped += sum(1 for row in rows if row[_KEY] in late)
        rows = [row for row in rows if row[_KEY] not in late]
    _insert_rows(session, rows, progress)
    record_event(
        session,
        actor=actor,
        action="checked.import",
        entity="checked_claim",
        entity_id=0,
        after={"file": clean_input(origin_name), "added": len(rows), "skipped": skipped},
    )
    return CheckedImportResult(len(rows), skipped)


def _record_estimate(data: bytes) -> int | None:
    """About how many records `data` holds, for a progress bar (None: no idea): ClaimReview objects in a
    JSON/HTML file, else lines (CSV, TSV, JSON Lines). Counting bytes costs ~10 ms per 100 MB."""
    first_line = data[:65536].lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].strip()
    json_lines = first_line.startswith(b"{") and first_line.endswith(b"}")
    if first_line.startswith((b"[", b"<", b"{")) and not json_lines:
        return data.count(b"ClaimReview") or None
    return max(data.count(b"\n") - 1, 1)


def import_checked(
    session: Session,
    source: str,
    *,
    actor: str,
    stdin: BinaryIO | None = None,
    progress: ImportProgress | None = None,
) -> CheckedImportResult:
    """`factcheck checked import SOURCE`: read (a file, or "-" for stdin; a URL is refused), parse and
    store a fact-check file, all or nothing. Any problem with the input is an InputError of one line.

    The file is parsed lazily into the import (records are never all held at once) and the write lock is
    taken only after the last record was parsed and analysed (see add_checked).
    """
    from factcheck.checked.formats import CheckedFileError, iter_checked_bytes, read_checked_input

    actor = actor_name(actor)  # a missing name is refused before a large file is read
    try:
        data, name = read_checked_input(source, stdin=stdin)
        total = _record_estimate(data) if progress is not None else None
        records = iter_checked_bytes(data, name)
        del data  # the iterator holds it until decoded, then only the text
        origin = "-" if source == "-" else source
        return add_checked(session, records, actor=actor, origin_name=origin, progress=progress, total=total)
    except CheckedFileError as exc:
        raise InputError(str(exc)) from None


# `checked import` settles the memory (settle_memory) after adding at least this many claims.
SETTLE_FROM = 10_000


def settle_memory(engine: Engine) -> None:
    """After a bulk import on PostgreSQL: VACUUM (ANALYZE) the postings, outside any transaction.

    Why: a search reads postings by index-only scans, which need the visibility map. Right after a bulk
    load (and until autovacuum comes by, which may be never: it is off on our test server) every posting
    read is also a heap fetch: at 1M claims p50/p95 169/219 ms instead of 20/32 ms
    (benchmarks/matching.py --backend postgresql). VACUUM only visits the pages not yet all-visible, so
    it costs about what the new rows do. SQLite needs nothing. Failures are ignored: the import is
    already committed, only the next searches would be slower.
    """
    if engine.dialect.name != "postgresql":
        return
    from sqlalchemy.exc import SQLAlchemyError

    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in ("checked_claim_fts_postings", "checked_claim_fts_df", "checked_claim"):
                connection.exec_driver_sql(f"VACUUM (ANALYZE) {table}")
    except SQLAlchemyError:
        pass


def count_checked(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(CheckedClaim)).one())


def find_similar(session: Session, query_text: str, **options: Any) -> list[SimilarMatch]:
    """services.search.find_similar on the session's connection and transaction."""
    return search.find_similar(Reader.of_session(session), query_text, **options)


def similar_to_claim(session: Session, claim_id: int, *, top: int = 5) -> list[SimilarMatch]:
    """services.search.similar_to_claim on the session's connection and transaction."""
    return search.similar_to_claim(Reader.of_session(session), claim_id, top=top)


def get_checked(session: Session, checked_id: int) -> CheckedClaim:
    row = session.get(CheckedClaim, checked_id)
    if row is None:
        raise NotFound(f"no checked claim with id {checked_id}")
    return row


def reuse_verdict(
    session: Session, claim_id: int, checked_id: int, *, actor: str, expected_version: int | None = None
) -> Any:
    """Copy a checked claim's verdict onto this claim as a new verdict by `actor`, linked to the original
    (a Conflict when the claim is no longer at `expected_version`)."""
    from factcheck.services.verdicts import set_verdict

    actor = begin_change(session, actor)
    original = get_checked(session, checked_id)
    if original.rating not in BY_KEY:  # "unmapped": the publisher's label names no rating of ours yet
        raise InputError(
            f"checked claim {checked_id} has no rating to reuse: its label {original.original_label!r} is unmapped"
            f' (factcheck checked labels --map "{original.original_label}=RATING")'
        )
    where = original.url or (f"claim {original.claim_id}" if original.claim_id else original.publisher or "memory")
    rationale = f"Reused from checked claim #{checked_id} ({where}): „{original.text}“"
    if original.rationale:
        rationale += f" — {original.rationale}"
    return set_verdict(
        session,
        claim_id,
        original.rating,
        rationale=rationale,
        actor=actor,
        expected_version=expected_version,
        reused_from=f"checked:{checked_id}",
    )
