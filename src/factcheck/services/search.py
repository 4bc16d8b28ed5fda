"""Finding checked claims that look like a claim: candidate retrieval in the database's own index,
then the reranker (factcheck.match.rerank).

Candidates come from SQLite FTS5 (BM25 over the analysed terms, IDF-pruned query) or PostgreSQL's
tsvector/GIN index; the few dozen candidates are reranked in Python. Written against a
`store.reader.Reader` (plain SQL, no ORM) so that `factcheck similar` on a SQLite file starts without
SQLAlchemy; inside the application the same functions run on the session's connection
(services.memory.find_similar / similar_to_claim).
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from factcheck.checked.labels import rating_labels
from factcheck.errors import InputError, NotFound
from factcheck.match.fts import content_terms, fts_query, idf_from_df, speaker_term
from factcheck.match.normalize import analyze
from factcheck.match.rerank import Candidate, Query, rerank
from factcheck.services.views import SimilarMatch
from factcheck.store.reader import Reader, json_value

CANDIDATES = 50
# Document frequencies read from FTS5 (fts5vocab walks a term's whole posting list: ~0.1 ms a term, and a
# query's 50 candidates bring a few hundred terms), kept per database while the memory grows by < 1 %.
# IDF needs no more precision than that; a long-running workbench then answers from memory.
_DF_CACHE: dict[tuple[str, str], tuple[int, int]] = {}
_DF_CACHE_MAX = 500_000

PG_MATCHES = "to_tsvector('simple', terms) @@ to_tsquery('simple', ?)"  # served by the GIN index of 0003
_CHECKED_COLUMNS = (
    "id",
    "text",
    "title",
    "language",
    "rating",
    "original_label",
    "url",
    "published",
    "publisher",
    "speaker",
    "origin",
    "claim_id",
    "terms",
)

Hits = list[tuple[int, float]]  # (checked claim id, first-stage score), best first


def _candidates_sqlite(
    reader: Reader, query_text: str, language: str | None, speaker: str | None
) -> tuple[Hits, Callable[[str], float], Callable[[str], int]]:
    # Rows are almost never deleted, so the highest id stands in for the count (an index seek, where
    # count(*) walks 1M rows in ~10 ms).
    n_docs = int(reader.value("SELECT max(id) FROM checked_claim") or 0)

    def df(term: str) -> int:
        cached = _DF_CACHE.get((reader.name, term))
        if cached is not None and cached[1] * 1.01 >= n_docs:
            return cached[0]
        found = reader.value("SELECT doc FROM checked_claim_vocab WHERE term = ?", (term,))
        if len(_DF_CACHE) >= _DF_CACHE_MAX:
            _DF_CACHE.clear()
        _DF_CACHE[(reader.name, term)] = (value := int(found or 0), n_docs)
        return value

    match = fts_query(query_text, language, df=df, n_docs=n_docs, speaker=speaker)
    if not match:
        return [], idf_from_df(df, n_docs), df
    rows = reader.rows(
        "SELECT rowid, -bm25(checked_claim_fts) FROM checked_claim_fts WHERE checked_claim_fts MATCH ?"
        " ORDER BY bm25(checked_claim_fts) LIMIT ?",
        (match, CANDIDATES),
    )
    return [(int(r[0]), float(r[1])) for r in rows], idf_from_df(df, n_docs), df


def _candidates_postgres(
    reader: Reader, query_text: str, language: str | None, speaker: str | None
) -> tuple[Hits, Callable[[str], int]]:
    terms = list(dict.fromkeys(analyze(query_text, language)))[:24]
    token = speaker_term(speaker)
    if token and terms:
        terms.append(token)
    cache: dict[str, int] = {}

    def df(term: str) -> int:
        # Only asked for speaker tokens (prominence), once per distinct speaker among the candidates.
        if term not in cache:
            cache[term] = int(reader.value(f"SELECT count(*) FROM checked_claim WHERE {PG_MATCHES}", (f"'{term}'",)))
        return cache[term]

    if not terms:
        return [], df
    tsquery = " | ".join("'" + t.replace("'", "") + "'" for t in terms)
    rows = reader.rows(
        "SELECT id, ts_rank(to_tsvector('simple', terms), to_tsquery('simple', ?)) AS r FROM checked_claim"
        f" WHERE {PG_MATCHES} ORDER BY r DESC LIMIT ?",
        (tsquery, tsquery, CANDIDATES),
    )
    return [(int(r[0]), float(r[1])) for r in rows], df


def _speaker_claims(df: Callable[[str], int], speaker: str | None) -> int:
    """Checked claims by this speaker (the document frequency of its index token)."""
    token = speaker_term(speaker)
    return df(token) if token else 0


def _checked_rows(reader: Reader, ids: list[int]) -> dict[int, SimpleNamespace]:
    marks = ", ".join("?" for _ in ids)  # at most CANDIDATES ids
    columns = ", ".join(_CHECKED_COLUMNS)
    rows = reader.records(f"SELECT {columns} FROM checked_claim WHERE id IN ({marks})", ids, _CHECKED_COLUMNS)
    return {row.id: row for row in rows}


def find_similar(
    reader: Reader,
    query_text: str,
    *,
    language: str | None = None,
    speaker: str | None = None,
    date: str | None = None,
    top: int = 5,
    exclude_claim_id: int | None = None,
) -> list[SimilarMatch]:
    """Checked claims most likely to be the same claim as `query_text`, best first (at most `top`).

    `language` ("de"/"en") chooses the analysis; `speaker` and `date` (ISO) are features of the
    reranker. Checked claims that are `exclude_claim_id`'s own remembered verdict are left out.
    Raises InputError for an empty text.
    """
    if not query_text.strip():
        raise InputError("nothing to match: the text is empty")
    idf: Callable[[str], float] | None = None
    if reader.dialect == "sqlite":
        hits, idf, df = _candidates_sqlite(reader, query_text, language, speaker)
    else:
        hits, df = _candidates_postgres(reader, query_text, language, speaker)
    if not hits:
        return []
    rows = _checked_rows(reader, [h[0] for h in hits])
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
        label_en, label_de = rating_labels(row.rating, row.original_label)  # "Spin zone (unmapped)" when unmapped
        result.append(
            SimilarMatch(
                checked_id=row.id,
                score=round(float(m.score), 4),
                text=row.text,
                rating=row.rating,
                label_en=label_en,
                label_de=label_de,
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


def similar_to_claim(reader: Reader, claim_id: int, *, top: int = 5) -> list[SimilarMatch]:
    """find_similar for stored claim `claim_id` (its text, article language, first speaker and date).

    Raises NotFound for an unknown claim.
    """
    found = reader.rows(
        "SELECT c.text, c.fields, a.language FROM claim c LEFT JOIN article a ON a.id = c.article_id WHERE c.id = ?",
        (claim_id,),
    )
    if not found:
        raise NotFound(f"no claim with id {claim_id}")
    text, fields, language = found[0]
    fields = json_value(fields, {})
    fields = fields if isinstance(fields, dict) else {}
    speakers = [s for s in fields.get("speakers") or [] if isinstance(s, str)]
    dates = [d.get("value") for d in fields.get("dates") or [] if isinstance(d, dict) and d.get("value")]
    return find_similar(
        reader,
        text,
        language=language,
        speaker=speakers[0] if speakers else None,
        date=dates[0] if dates else None,
        top=top,
        exclude_claim_id=claim_id,
    )
