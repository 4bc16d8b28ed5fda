"""Finding checked claims that look like a claim: candidate retrieval in the database's own index,
then the reranker (factcheck.match.rerank).

Candidates come from SQLite FTS5 or, on PostgreSQL, from the postings tables of migration 0010 scored
with FTS5's own BM25: the same analysed terms, the same IDF-pruned query (match.bm25.plan_query) and the
same reranker with idf, so both backends rank a memory alike (MAP@5 0.937 on the CLEF 2020 Snopes test
queries on either; benchmarks/matching.py --backend). The few dozen candidates are reranked in Python.

Written against a `store.reader.Reader` (plain SQL, no ORM) so that `factcheck similar` on a SQLite file
starts without SQLAlchemy; inside the application the same functions run on the session's connection
(services.memory.find_similar / similar_to_claim).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from types import SimpleNamespace
from typing import Any

from factcheck.checked.labels import rating_labels
from factcheck.errors import InputError, NotFound
from factcheck.match.bm25 import K1, B, plan_query
from factcheck.match.fts import (
    FTS_MAX_POSTINGS,
    FTS_MAX_TERMS,
    content_terms,
    fts5_idf,
    fts_query,
    idf_from_df,
    speaker_term,
)
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
    "claim_date",
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


class _PostgresFrequencies:
    """Document frequencies from `checked_claim_fts_df` (migration 0010), asked for in batches.

    The reranker weighs every term of the query and of its ~50 candidates (a few hundred terms): one
    query for all of them (`prefetch`) instead of one round trip each; a term not prefetched is
    looked up alone.
    """

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.known: dict[str, int] = {}

    def prefetch(self, terms: Iterable[str]) -> None:
        missing = list({t for t in terms if t not in self.known})
        if not missing:
            return
        self.known.update(dict.fromkeys(missing, 0))
        found = self.reader.rows("SELECT term, df FROM checked_claim_fts_df WHERE term = ANY(?)", (missing,))
        self.known.update((term, int(df)) for term, df in found)

    def __call__(self, term: str) -> int:
        if term not in self.known:
            self.prefetch((term,))
        return self.known[term]


# FTS5's bm25() (sqlite ext/fts5/fts5_aux.c) over the postings of the pruned terms; :idf per term comes
# from fts5_idf, the average length from the totals. Served by the primary key (term, checked_id)
# INCLUDE (tf, dl): an index-only range scan per term, at most the pruning budget of postings in all.
_PG_BM25 = (
    # float8 constants (a bare 0.75 is numeric) and FTS5's order of operations, so scores agree to the ulp
    f"SELECT p.checked_id, sum(q.idf * ((p.tf * {K1 + 1}::float8) / (p.tf + {K1}::float8 * ({1 - B}::float8"
    f" + ({B}::float8 * p.dl) / ?::float8)))) AS score"
    " FROM unnest(?::text[], ?::float8[]) AS q(term, idf)"
    # one index range scan per term, whatever the statistics say: OFFSET 0 keeps the planner from turning
    # the lateral lookup into a hash join over all postings (it did on a fresh, unanalysed table: 30 ms at 10k)
    " CROSS JOIN LATERAL (SELECT checked_id, tf, dl FROM checked_claim_fts_postings WHERE term = q.term OFFSET 0) p"
    " GROUP BY p.checked_id ORDER BY score DESC, p.checked_id LIMIT ?"
)


def _candidates_postgres(
    reader: Reader, query_text: str, language: str | None, speaker: str | None
) -> tuple[Hits, Callable[[str], float], _PostgresFrequencies]:
    """The SQLite route's candidates, computed as FTS5 computes them: same analysis, same IDF-pruned
    terms (plan_query), FTS5's BM25 (k1 1.2, b 0.75, its idf) as the first-stage score."""
    docs, tokens = reader.rows("SELECT docs, tokens FROM checked_claim_fts_stats")[0]
    n_docs = int(docs)
    df = _PostgresFrequencies(reader)
    idf = idf_from_df(df, n_docs)
    terms = analyze(query_text, language)
    token = speaker_term(speaker)
    if token:  # as fts_query: the speaker's token competes for the candidate list like any rare term
        terms.append(token)
    df.prefetch(terms)
    if not n_docs:
        return [], idf, df
    plan = plan_query(terms, df, n_docs, max_terms=FTS_MAX_TERMS, max_postings=FTS_MAX_POSTINGS)
    if not plan.terms:
        return [], idf, df
    weights = [fts5_idf(df(t), n_docs) for t in plan.terms]
    avgdl = max(float(tokens) / n_docs, 1e-9)
    rows = reader.rows(_PG_BM25, (avgdl, plan.terms, weights, CANDIDATES))
    return [(int(r[0]), float(r[1])) for r in rows], idf, df


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

    `language` ("de"/"en") chooses the analysis; `speaker` and `date` are features of the reranker:
    `date` is the ISO day the claim was made (an article's publication date), compared with the day each
    checked claim was made (`claim_date`); not a date the claim talks about, which its words already
    carry. Checked claims that are `exclude_claim_id`'s own remembered verdict are left out.
    Raises InputError for an empty text.
    """
    if not query_text.strip():
        raise InputError("nothing to match: the text is empty")
    df: Callable[[str], int]
    if reader.dialect == "sqlite":
        hits, idf, df = _candidates_sqlite(reader, query_text, language, speaker)
    else:
        hits, idf, df = _candidates_postgres(reader, query_text, language, speaker)
    if not hits:
        return []
    rows = _checked_rows(reader, [h[0] for h in hits])
    if isinstance(df, _PostgresFrequencies):  # every term the reranker will weigh, in one query
        df.prefetch(t for row in rows.values() for t in row.terms.split())
    candidates = [
        Candidate(
            id=i,
            text=rows[i].text,
            title=rows[i].title,
            language=rows[i].language,
            bm25=score,
            speaker=rows[i].speaker,
            # when the checked claim was made, as the reranker learnt it ("stated on"); the day it was
            # checked is no stand-in: a check comes after the claim and would read as a later claim
            date=rows[i].claim_date,
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
                claim_date=row.claim_date,
            )
        )
    mark_time_sensitive(reader, result, {m.checked_id: rows[m.checked_id].language for m in result})
    return result


def mark_time_sensitive(reader: Reader, matches: list[SimilarMatch], languages: dict[int, str | None]) -> None:
    """Say which matches held only as of a day, and which of those are possibly outdated now.

    Our own verdicts carry their claim's time cues and as-of date (extraction, stored with the claim);
    an imported fact-check is judged by the same cues in its text, as of its claim date, else the day it
    was published. Older than recheck.STALE_AFTER_DAYS: possibly outdated.
    """
    from factcheck.services.recheck import is_stale, time_sensitivity

    ours = [m.claim_id for m in matches if m.claim_id is not None]
    stored: dict[int, Any] = {}
    if ours:
        marks = ", ".join("?" for _ in ours)
        stored = {
            int(i): json_value(f, {})
            for i, f in reader.rows(f"SELECT id, fields FROM claim WHERE id IN ({marks})", ours)
        }
    for m in matches:
        fields = stored.get(m.claim_id) if m.claim_id is not None else None
        m.time_sensitive, m.as_of = time_sensitivity(
            m.text, languages.get(m.checked_id), fields, fallback=m.claim_date or m.published
        )
        m.possibly_outdated = m.time_sensitive and is_stale(m.as_of)


def similar_to_claim(reader: Reader, claim_id: int, *, top: int = 5) -> list[SimilarMatch]:
    """find_similar for stored claim `claim_id`: its text, its article's language and date, its first
    speaker.

    The date is the day the article was published (when the claim was made), never a date in the claim
    ("met on 28 January 2017"): the reranker compares it with the day each checked claim was made, and
    a claim about 2017 would otherwise read as made years before its own fact-check (scores near 0).
    Raises NotFound for an unknown claim.
    """
    found = reader.rows(
        "SELECT c.text, c.fields, a.language, a.published FROM claim c LEFT JOIN article a ON a.id = c.article_id"
        " WHERE c.id = ?",
        (claim_id,),
    )
    if not found:
        raise NotFound(f"no claim with id {claim_id}")
    text, fields, language, published = found[0]
    fields = json_value(fields, {})
    fields = fields if isinstance(fields, dict) else {}
    speakers = [s for s in fields.get("speakers") or [] if isinstance(s, str)]
    return find_similar(
        reader,
        text,
        language=language,
        speaker=speakers[0] if speakers else None,
        date=iso_day(published),
        top=top,
        exclude_claim_id=claim_id,
    )


def iso_day(value: Any) -> str | None:
    """`value` when it is an ISO day (YYYY-MM-DD), else None: an article's date may be a month or year, and
    the checked-claim columns hold ISO days only."""
    return value if isinstance(value, str) and _ISO_DAY.fullmatch(value) else None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
