"""Speaker and date context in the SQLite route: the FTS speaker token, its df, dated features."""

from __future__ import annotations

import sqlite3

import numpy as np

from factcheck.match.fts import content_terms, fts_document, fts_query, speaker_term
from factcheck.match.rerank import FEATURES, Candidate, Query, features


def test_speaker_term_is_one_fts_token() -> None:
    assert speaker_term("Donald Trump") == speaker_term("  donald TRUMP ") == "zzspkdonaldtrump"
    assert speaker_term("Jean-Luc Mélenchon") == "zzspkjeanlucmélenchon"
    assert speaker_term(None) is None and speaker_term(" - ") is None


def test_fts_document_carries_speaker_token_that_content_terms_drop() -> None:
    doc = fts_document("Unemployment hit a 50-year low", "en", speaker="Donald Trump")
    assert doc.split()[-1] == "zzspkdonaldtrump"
    assert "zzspkdonaldtrump" not in content_terms(doc)
    assert content_terms(doc) == tuple(fts_document("Unemployment hit a 50-year low", "en").split())


def test_speaker_token_df_counts_claims_and_query_prefers_that_speaker() -> None:
    con = sqlite3.connect(":memory:")
    con.executescript(
        "CREATE VIRTUAL TABLE f USING fts5(terms, tokenize='unicode61 remove_diacritics 0');"
        "CREATE VIRTUAL TABLE v USING fts5vocab(f, 'row');"
    )
    rows = [
        (1, "Wages have not gone up for a long time", "Some Mayor"),
        (2, "Wages have not gone up for a long time", "Donald Trump"),
        (3, "The border is down 78 percent", "Donald Trump"),
    ]
    for rowid, text, speaker in rows:
        con.execute("INSERT INTO f(rowid, terms) VALUES (?, ?)", (rowid, fts_document(text, "en", speaker=speaker)))

    def df(term: str) -> int:
        row = con.execute("SELECT doc FROM v WHERE term = ?", (term,)).fetchone()
        return row[0] if row else 0

    assert df(speaker_term("Donald Trump") or "") == 2
    expr = fts_query("wages are going up", "en", df=df, n_docs=3, speaker="Donald Trump")
    assert '"zzspkdonaldtrump"' in expr
    top = con.execute("SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT 1", (expr,)).fetchone()
    assert top[0] == 2


def test_dated_features_only_when_both_sides_are_dated() -> None:
    cands = [
        Candidate(1, "We have the lowest unemployment rate in 50 years", date="2019-12-01", speaker_claims=900),
        Candidate(2, "Unemployment is at a record low", date=None),
    ]
    x, _, _ = features(Query("lowest unemployment in fifty years", "en", date="2020-01-10"), cands)
    assert x.shape == (2, len(FEATURES))
    col = FEATURES.index
    assert x[0, col("date_known")] == 1.0 and x[1, col("date_known")] == 0.0
    assert x[0, col("days_before")] > 0.0 and x[0, col("days_after")] == 0.0
    assert x[0, col("speaker_claims")] == np.log1p(900)
    assert x[0, col("emb_text_dated")] == x[0, col("emb_text")] and x[1, col("emb_text_dated")] == 0.0
    undated, _, _ = features(Query("lowest unemployment in fifty years", "en"), cands)
    assert not undated[:, [f.endswith("_dated") for f in FEATURES]].any()
