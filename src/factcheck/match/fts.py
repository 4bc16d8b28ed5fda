"""Helpers for keeping the checked-claim memory in SQLite FTS5 (pure string building, no I/O).

How the store uses them (same transaction as the checked_claim row):

    CREATE VIRTUAL TABLE checked_claim_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
    CREATE VIRTUAL TABLE checked_claim_vocab USING fts5vocab(checked_claim_fts, 'row');
    -- insert / update:  INSERT INTO checked_claim_fts(rowid, terms) VALUES (:id, :fts_document)
    -- delete:           DELETE FROM checked_claim_fts WHERE rowid = :id
    -- query (k ≈ 50):   SELECT rowid, -bm25(checked_claim_fts) FROM checked_claim_fts
    --                   WHERE checked_claim_fts MATCH :fts_query ORDER BY bm25(checked_claim_fts) LIMIT :k
    -- df lookup:        SELECT doc FROM checked_claim_vocab WHERE term = :term

The FTS column holds already analysed terms (stems, canonical dates, compound parts), so FTS5's
own tokenizer only splits on spaces; the same `analyze` runs on both sides.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from factcheck.match.bm25 import bm25_idf, plan_query
from factcheck.match.normalize import analyze

SPEAKER_PREFIX = "zzspk"
# The IDF pruning budget of a candidate query (see fts_query for the measurements behind it).
FTS_MAX_TERMS = 24
FTS_MAX_POSTINGS = 20_000


def speaker_term(speaker: str | None) -> str | None:
    """One FTS token per speaker (e.g. "zzspkdonaldtrump"): its df = claims by that speaker.

    Queries never contain it (analysis drops no word into this shape), so it does not change
    matching; the reranker reads its document frequency as the speaker's prominence.
    """
    name = "".join(ch for ch in (speaker or "").casefold() if ch.isalnum())
    return SPEAKER_PREFIX + name if name else None


def fts_document(text: str, language: str | None = None, title: str | None = None, speaker: str | None = None) -> str:
    """The FTS5 column value for a checked claim: analysed claim (+ article title) terms (+ speaker token)."""
    terms = analyze(text, language)
    if title:
        terms += analyze(title, language)
    token = speaker_term(speaker)
    if token:
        terms.append(token)
    return " ".join(terms)


def content_terms(document: str) -> tuple[str, ...]:
    """The analysed terms of an `fts_document` value without the speaker token."""
    return tuple(t for t in document.split() if not t.startswith(SPEAKER_PREFIX))


def fts_query(
    text: str,
    language: str | None = None,
    *,
    df: Callable[[str], int] | None = None,
    n_docs: int = 0,
    max_terms: int = FTS_MAX_TERMS,
    max_postings: int | None = FTS_MAX_POSTINGS,
    speaker: str | None = None,
) -> str:
    """A safe FTS5 MATCH expression: analysed terms, quoted, OR-ed; "" when nothing to search.

    With `df` (document frequency per term, e.g. from the fts5vocab table) and `n_docs`, only the
    rarest terms are kept (IDF pruning), which bounds how many rows FTS5 has to score. The default
    budget of 20k postings keeps FTS5 + rerank at p50 ~30 ms / p95 36-58 ms (run-to-run noise on a
    shared box) at 1M claims (vs 120-140 / 200-280 ms with a budget of n/5; benchmarks/matching.py);
    on the CLEF sets (10-20k claims) it rarely binds. `None` = max(50k, n_docs/5).
    `speaker` (who said the query text) adds that speaker's token (see `speaker_term`), subject to
    the same pruning: for debate sentences it lifts recall@50 (PolitiFact dev 0.64 -> 0.70).
    """
    terms = analyze(text, language)
    token = speaker_term(speaker)
    if token:  # claims by the query's speaker compete for the candidate list like any rare term
        terms.append(token)
    if df is not None and n_docs:
        terms = plan_query(terms, df, n_docs, max_terms=max_terms, max_postings=max_postings).terms
    else:
        terms = list(dict.fromkeys(terms))[: max_terms * 2]
    # Terms are \w+ runs so they cannot contain a double quote; quoting makes FTS5 keywords
    # (AND, OR, NOT, NEAR) and column filters inert.
    return " OR ".join(f'"{t}"' for t in terms)


def idf_from_df(df: Callable[[str], int], n_docs: int) -> Callable[[str], float]:
    """The idf callable `rerank` wants, from the same df lookup."""
    return lambda term: bm25_idf(df(term), max(n_docs, 1))


def fts5_idf(df: int, n_docs: int) -> float:
    """The idf FTS5's bm25() gives a query phrase: log((N - df + 0.5) / (df + 0.5)), 1e-6 when <= 0.

    From sqlite ext/fts5/fts5_aux.c (fts5Bm25GetData); unlike `bm25_idf` it has no "1 +", so a term in
    more than half the rows weighs next to nothing. The PostgreSQL route scores with it so that its
    first-stage scores equal FTS5's (checked on random collections in tests/unit/test_match_index.py).
    """
    value = math.log((n_docs - df + 0.5) / (df + 0.5))
    return value if value > 0 else 1e-6


def index_tokens(document: str) -> list[str]:
    """The tokens FTS5's unicode61 tokenizer makes of an `fts_document` value: analysed terms are \\w+
    runs, and of \\w it keeps letters and digits only ("fake_news" is two tokens). Migration 0010's
    triggers split the same way on PostgreSQL."""
    return document.replace("_", " ").split()
