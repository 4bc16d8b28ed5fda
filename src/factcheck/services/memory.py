"""The checked-claim memory: remember verdicts, import fact-checks, find similar checked claims.

Candidate retrieval runs in the database's own full-text index (SQLite FTS5 with BM25 over the
analysed terms, IDF-pruned query; PostgreSQL tsvector/GIN), so the index is updated in the same
transaction as the row and nothing is rebuilt at start-up. The few dozen candidates are then
reranked in Python (factcheck.match.rerank).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, BinaryIO

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from factcheck.errors import InputError, NotFound, StoreError
from factcheck.match.fts import content_terms, fts_document, fts_query, idf_from_df, speaker_term
from factcheck.match.normalize import analyze
from factcheck.match.rerank import Candidate, Query, rerank
from factcheck.ratings import BY_KEY
from factcheck.services.audit import record_event
from factcheck.services.claims import get_claim
from factcheck.services.inputs import actor_name, begin_change
from factcheck.services.views import SimilarMatch
from factcheck.store.engine import begin_write
from factcheck.store.models import CheckedClaim, Claim, Verdict, utcnow
from factcheck.text.control import clean_input

CANDIDATES = 50
# Document frequencies read from FTS5 (fts5vocab walks a term's whole posting list: ~0.1 ms a term, and a
# query's 50 candidates bring a few hundred terms), kept per database while the memory grows by < 1 %.
# IDF needs no more precision than that; a long-running workbench then answers from memory.
_DF_CACHE: dict[tuple[str, str], tuple[int, int]] = {}
_DF_CACHE_MAX = 500_000


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
    speakers = (claim.fields or {}).get("speakers") or []
    language = _claim_language(session, claim)
    if entry is None:
        entry = CheckedClaim(origin="verdict", claim_id=claim.id, dedupe_key=key, rating=verdict.rating, text="")
    entry.text = claim.text
    entry.language = language
    entry.rating = verdict.rating
    entry.original_label = BY_KEY[verdict.rating].en if verdict.rating in BY_KEY else verdict.rating
    entry.rationale = verdict.rationale
    entry.publisher = "factcheck"
    entry.speaker = speakers[0] if speakers else None
    entry.published = verdict.created_at.date().isoformat()  # when it was checked
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


def _claim_language(session: Session, claim: Claim) -> str | None:
    from factcheck.store.models import Article

    article = session.get(Article, claim.article_id)
    return article.language if article else None


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
    "external_id",
    "dedupe_key",
    "terms",
)
_KEY = _COLUMNS.index("dedupe_key")


def _known_keys(session: Session, keys: list[str]) -> set[str]:
    """Those of `keys` already stored (one indexed lookup per key, _KEY_BATCH keys a statement)."""
    known: set[str] = set()
    for i in range(0, len(keys), _KEY_BATCH):
        chunk = keys[i : i + _KEY_BATCH]
        known.update(session.exec(select(CheckedClaim.dedupe_key).where(col(CheckedClaim.dedupe_key).in_(chunk))))
    return known


def _prepare(session: Session, records: Iterable[Any]) -> tuple[list[tuple[Any, ...]], int]:
    """Everything an import computes, before it writes: the rows to insert (as tuples in _COLUMNS
    order, file order) and how many records were duplicates, of the file or of stored rows.

    Runs in a read transaction (no lock). Records are consumed one by one and only the row is kept;
    repeated short values (language, rating, label, publisher, speaker, date) are shared, not copied.
    """
    rows: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    shared: dict[str, str] = {}
    skipped = 0
    pending: list[tuple[str, Any]] = []

    def share(value: str | None) -> str | None:
        return None if value is None else shared.setdefault(value, value)

    def flush() -> None:
        nonlocal skipped
        known = _known_keys(session, [key for key, _ in pending])
        for key, r in pending:
            if key in known:
                skipped += 1
                continue
            speaker = getattr(r, "speaker", None)
            rows.append(
                (
                    r.text,
                    r.title,
                    share(r.language),
                    share(r.rating_key),
                    share(r.original_label or ""),
                    r.url,
                    share((r.date or None) and r.date[:10]),
                    share(r.publisher),
                    share(speaker),
                    r.external_id,
                    key,
                    fts_document(r.text, r.language, r.title, speaker),
                )
            )
        pending.clear()

    for r in records:
        key = dedupe_key(r.text, r.url, "import")
        if key in seen:
            skipped += 1
            continue
        seen.add(key)
        pending.append((key, r))
        if len(pending) >= _KEY_BATCH:
            flush()
    flush()
    return rows, skipped


def _insert_rows(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """The write phase: bulk inserts only, through the driver's executemany, _INSERT_BATCH rows a call.

    The full-text index follows in bulk. PostgreSQL's GIN index over to_tsvector(terms) is an index
    (maintained by the inserts). On SQLite the FTS5 table is kept by the `checked_claim_ai` trigger, one
    FTS5 insert per row interleaved with the table's; for an import the trigger is set aside inside this
    transaction and the new rows are indexed with one INSERT … SELECT (65k rows: 0.9 s instead of
    2.3 s under the lock), then the trigger is put back as it was. It is all one transaction: a failure
    or a kill rolls the trigger's removal back with the rows.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    table = CheckedClaim.__table__  # type: ignore[attr-defined]
    stamp_of = table.c.created_at.type._cached_bind_processor(dialect)
    stamp = stamp_of(utcnow()) if stamp_of else utcnow()
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    columns = (*_COLUMNS, "origin", "rationale", "created_at")
    sql = f"INSERT INTO checked_claim ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    extra = ("import", "", stamp)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    trigger = last = cache = None
    try:
        if dialect.name == "sqlite":
            found = cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'checked_claim_ai'"
            ).fetchone()
            if found:
                trigger = found[0]
                cursor.execute("DROP TRIGGER checked_claim_ai")
            last = cursor.execute("SELECT coalesce(max(id), 0) FROM checked_claim").fetchone()[0]
            # The unique index on dedupe_key takes keys in random order: with the default 2 MB page cache a
            # large import re-reads index pages from disk (600k rows: 14 s under the lock, 5 s with 64 MB).
            cache = cursor.execute("PRAGMA cache_size").fetchone()[0]
            cursor.execute(f"PRAGMA cache_size={-_IMPORT_CACHE_KIB}")
        for i in range(0, len(rows), _INSERT_BATCH):
            cursor.executemany(sql, [row + extra for row in rows[i : i + _INSERT_BATCH]])
        if trigger is not None:
            # rowids follow max(id) under our write lock: the new rows are exactly those above `last`
            cursor.execute(
                "INSERT INTO checked_claim_fts(rowid, terms) SELECT id, terms FROM checked_claim WHERE id > ?",
                (last,),
            )
            cursor.execute(trigger)
    except dialect.loaded_dbapi.Error as exc:  # the driver's own errors, as the store reports them: one line
        raise StoreError(f"database error: {str(exc).strip().splitlines()[0]}") from exc
    finally:
        if cache is not None:
            cursor.execute(f"PRAGMA cache_size={int(cache)}")
        cursor.close()


def add_checked(session: Session, records: Iterable[Any], *, actor: str, origin_name: str) -> CheckedImportResult:
    """Store fact-checks (factcheck.checked.CheckedRecord) in one transaction, skipping duplicates.

    Two phases, so that colleagues can write meanwhile: everything per record (dedupe key, full-text
    terms, the lookup of keys already stored) happens first, in a read transaction that takes no lock;
    only then is the write lock taken, for a last look at keys stored since (by a concurrent import) and
    the bulk inserts. All or nothing: `records` may be a lazy iterator whose parser raises midway
    (formats.iter_checked_bytes); then nothing has been written.
    """
    actor = actor_name(actor)
    rows, skipped = _prepare(session, records)
    begin_write(session)  # ends the read transaction; BEGIN IMMEDIATE (SQLite) / the advisory lock (PostgreSQL)
    late = _known_keys(session, [row[_KEY] for row in rows])
    if late:  # stored by someone else between our read and our lock
        skipped += sum(1 for row in rows if row[_KEY] in late)
        rows = [row for row in rows if row[_KEY] not in late]
    _insert_rows(session, rows)
    record_event(
        session,
        actor=actor,
        action="checked.import",
        entity="checked_claim",
        entity_id=0,
        after={"file": clean_input(origin_name), "added": len(rows), "skipped": skipped},
    )
    return CheckedImportResult(len(rows), skipped)


def import_checked(session: Session, source: str, *, actor: str, stdin: BinaryIO | None = None) -> CheckedImportResult:
    """`factcheck checked import SOURCE`: read (a file, or "-" for stdin; a URL is refused), parse and
    store a fact-check file, all or nothing. Any problem with the input is an InputError of one line.

    The file is parsed lazily into the import (records are never all held at once) and the write lock is
    taken only after the last record was parsed and analysed (see add_checked).
    """
    from factcheck.checked.formats import CheckedFileError, iter_checked_bytes, read_checked_input

    actor = actor_name(actor)  # a missing name is refused before a large file is read
    try:
        data, name = read_checked_input(source, stdin=stdin)
        records = iter_checked_bytes(data, name)
        del data  # the iterator holds it until decoded, then only the text
        return add_checked(session, records, actor=actor, origin_name="-" if source == "-" else source)
    except CheckedFileError as exc:
        raise InputError(str(exc)) from None


def count_checked(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(CheckedClaim)).one())


def _candidates_sqlite(
    session: Session, query_text: str, language: str | None, speaker: str | None = None
) -> tuple[list[tuple[int, float]], Any, Any]:
    # Rows are almost never deleted, so the highest id stands in for the count (an index seek, where
    # count(*) walks 1M rows in ~10 ms).
    n_docs = int(session.exec(select(func.max(CheckedClaim.id))).one() or 0)  # type: ignore[call-overload]
    db = str(session.get_bind().url)
    cursor = session.connection().connection.cursor()  # the raw cursor: hundreds of lookups per query

    def df(term: str) -> int:
        cached = _DF_CACHE.get((db, term))
        if cached is not None and cached[1] * 1.01 >= n_docs:
            return cached[0]
        row = cursor.execute("SELECT doc FROM checked_claim_vocab WHERE term = ?", (term,)).fetchone()
        if len(_DF_CACHE) >= _DF_CACHE_MAX:
            _DF_CACHE.clear()
        _DF_CACHE[(db, term)] = (value := int(row[0]) if row else 0, n_docs)
        return value

    match = fts_query(query_text, language, df=df, n_docs=n_docs, speaker=speaker)
    if not match:
        return [], idf_from_df(df, n_docs), df
    rows = session.exec(  # type: ignore[call-overload]
        text(
            "SELECT rowid, -bm25(checked_claim_fts) FROM checked_claim_fts WHERE checked_claim_fts MATCH :q"
            " ORDER BY bm25(checked_claim_fts) LIMIT :k"
        ),
        params={"q": match, "k": CANDIDATES},
    ).all()
    return [(int(r[0]), float(r[1])) for r in rows], idf_from_df(df, n_docs), df


PG_MATCHES = "to_tsvector('simple', terms) @@ to_tsquery('simple', :q)"  # served by the GIN index of 0003


def _candidates_postgres(
    session: Session, query_text: str, language: str | None, speaker: str | None = None
) -> tuple[list[tuple[int, float]], Any]:
    terms = list(dict.fromkeys(analyze(query_text, language)))[:24]
    token = speaker_term(speaker)
    if token and terms:
        terms.append(token)
    cache: dict[str, int] = {}

    def df(term: str) -> int:
        # Only asked for speaker tokens (prominence), once per distinct speaker among the candidates.
        if term not in cache:
            cache[term] = int(
                session.exec(  # type: ignore[call-overload]
                    text(f"SELECT count(*) FROM checked_claim WHERE {PG_MATCHES}"), params={"q": f"'{term}'"}
                ).one()[0]
            )
        return cache[term]

    if not terms:
        return [], df
    tsquery = " | ".join("'" + t.replace("'", "") + "'" for t in terms)
    rows = session.exec(  # type: ignore[call-overload]
        text(
            "SELECT id, ts_rank(to_tsvector('simple', terms), to_tsquery('simple', :q)) AS r FROM checked_claim"
            f" WHERE {PG_MATCHES} ORDER BY r DESC LIMIT :k"
        ),
        params={"q": tsquery, "k": CANDIDATES},
    ).all()
    return [(int(r[0]), float(r[1])) for r in rows], df


def _speaker_claims(df: Any, speaker: str | None) -> int:
    """Checked claims by this speaker (the document frequency of its index token)."""
    token = speaker_term(speaker)
    return df(token) if df is not None and token else 0


def find_similar(
    session: Session,
    query_text: str,
    *,
    language: str | None = None,
    speaker: str | None = None,
    date: str | None = None,
    top: int = 5,
    exclude_claim_id: int | None = None,
) -> list[SimilarMatch]:
    """Checked claims most likely to be the same claim as `query_text`, best first."""
    if not query_text.strip():
        raise InputError("nothing to match: the text is empty")
    idf = df = None
    if session.get_bind().dialect.name == "sqlite":
        hits, idf, df = _candidates_sqlite(session, query_text, language, speaker)
    else:
        hits, df = _candidates_postgres(session, query_text, language, speaker)
    if not hits:
        return []
    ids = [h[0] for h in hits]
    rows = {c.id: c for c in session.exec(select(CheckedClaim).where(col(CheckedClaim.id).in_(ids)))}
    candidates = [
        Candidate(
            id=i,
            text=rows[i].text,
            title=rows[i].title,
            language=rows[i].language,
            bm25=score,
            speaker=rows[i].speaker,
            date=rows[i].published,
            terms=content_terms(rows[i].terms),
            speaker_claims=_speaker_claims(df, rows[i].speaker),
        )
        for i, score in hits
        if i in rows and (exclude_claim_id is None or rows[i].claim_id != exclude_claim_id)
    ]
    ranked = rerank(Query(query_text, language, speaker, date), candidates, idf=idf, top=top)
    result = []
    for m in ranked:
        row = rows[m.id]  # type: ignore[index]
        rating = BY_KEY.get(row.rating)
        result.append(
            SimilarMatch(
                checked_id=row.id or 0,
                score=round(float(m.score), 4),
                text=row.text,
                rating=row.rating,
                label_en=rating.en if rating else row.rating,
                label_de=rating.de if rating else row.rating,
                original_label=row.original_label,
                url=row.url,
                published=row.published,
                publisher=row.publisher,
                origin=row.origin,
                claim_id=row.claim_id,
                matched_terms=m.matched_terms,
            )
        )
    return result


def similar_to_claim(session: Session, claim_id: int, *, top: int = 5) -> list[SimilarMatch]:
    claim = get_claim(session, claim_id)
    fields = claim.fields or {}
    speakers = fields.get("speakers") or []
    dates = [d.get("value") for d in fields.get("dates", []) if d.get("value")]
    return find_similar(
        session,
        claim.text,
        language=_claim_language(session, claim),
        speaker=speakers[0] if speakers else None,
        date=dates[0] if dates else None,
        top=top,
        exclude_claim_id=claim_id,
    )


def get_checked(session: Session, checked_id: int) -> CheckedClaim:
    row = session.get(CheckedClaim, checked_id)
    if row is None:
        raise NotFound(f"no checked claim with id {checked_id}")
    return row


def reuse_verdict(session: Session, claim_id: int, checked_id: int, *, actor: str) -> Any:
    """Copy a checked claim's verdict onto this claim as a new verdict by `actor`, linked to the original."""
    from factcheck.services.verdicts import set_verdict

    actor = begin_change(session, actor)
    original = get_checked(session, checked_id)
    where = original.url or (f"claim {original.claim_id}" if original.claim_id else original.publisher or "memory")
    rationale = f"Reused from checked claim #{checked_id} ({where}): „{original.text}“"
    if original.rationale:
        rationale += f" — {original.rationale}"
    return set_verdict(
        session, claim_id, original.rating, rationale=rationale, actor=actor, reused_from=f"checked:{checked_id}"
    )
