"""MemoryIndex (incremental BM25) and the SQLite FTS5 helpers, on a real FTS5 table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from factcheck.match.bm25 import MemoryIndex, plan_query
from factcheck.match.fts import fts_document, fts_query, idf_from_df
from factcheck.match.normalize import analyze

CLAIMS = {
    1: ("Die Regierung des Bundes lehnt den Antrag auf mehr Geld für Schulen ab", "de"),
    2: ("Der Bundestag beschließt eine Impfpflicht ab 60 Jahren", "de"),
    3: ("The federal government rejected the school funding request", "en"),
    4: ("Unemployment hit a 50-year low in January 2020", "en"),
    5: ("Die Stadt baut 1.000 neue Wohnungen bis 2025", "de"),
}


def test_memory_index_incremental_add_remove() -> None:
    index = MemoryIndex(min_merge=3)  # force merges to happen during the adds
    for cid, (text, lang) in CLAIMS.items():
        index.add(cid, text, lang)
    assert len(index) == 5
    assert index.search("Bundesregierung lehnte Antrag ab", "de", 3)[0][0] == 1
    index.remove(1)
    assert 1 not in [i for i, _ in index.search("Bundesregierung lehnte Antrag ab", "de", 3)]
    index.add(6, "Bundesregierung lehnte den Antrag ab", "de")  # lands in the delta segment
    assert index.search("Regierung des Bundes lehnt ab", "de", 1)[0][0] == 6
    index.merge()
    assert index.search("Regierung des Bundes lehnt ab", "de", 1)[0][0] == 6
    assert index.df("antrag") == 1  # the removed claim no longer counts after a merge


def test_memory_index_replaces_same_id() -> None:
    index = MemoryIndex()
    index.add("a", "cats are mammals", "en")
    index.add("a", "dogs bark loudly", "en")
    assert len(index) == 1
    assert index.search("cats", "en") == []
    assert index.search("dogs", "en")[0][0] == "a"


def test_numbers_match_across_spellings() -> None:
    index = MemoryIndex()
    for cid, (text, lang) in CLAIMS.items():
        index.add(cid, text, lang)
    assert index.search("1000 Wohnungen", "de", 1)[0][0] == 5


def test_plan_query_prunes_common_terms_first() -> None:
    df = {"rare": 2, "mid": 50, "common": 900}.get
    plan = plan_query(["common", "rare", "mid", "unknown"], lambda t: df(t) or 0, 1000, max_terms=2)
    assert plan.terms == ["rare", "mid"]
    assert plan.pruned == ["common"]
    assert plan.idf[0] > plan.idf[1]


def test_fts_query_is_safe_and_pruned() -> None:
    expr = fts_query('NOT "this" OR that AND NEAR(x) col:value', "en")
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE f USING fts5(terms)")
    con.execute("SELECT * FROM f WHERE f MATCH ?", (expr,)).fetchall()  # must not raise
    assert fts_query("the of and", "en") == ""


def test_sqlite_fts5_round_trip_with_vocab_df() -> None:
    con = sqlite3.connect(":memory:")
    con.executescript(
        "CREATE VIRTUAL TABLE claim_fts USING fts5(terms, tokenize='unicode61 remove_diacritics 0');"
        "CREATE VIRTUAL TABLE claim_vocab USING fts5vocab(claim_fts, 'row');"
    )
    with con:  # same transaction as the claim row in the store
        for cid, (text, lang) in CLAIMS.items():
            con.execute("INSERT INTO claim_fts(rowid, terms) VALUES (?, ?)", (cid, fts_document(text, lang)))

    def df(term: str) -> int:
        row = con.execute("SELECT doc FROM claim_vocab WHERE term = ?", (term,)).fetchone()
        return row[0] if row else 0

    expr = fts_query("Bundesregierung lehnte ab", "de", df=df, n_docs=len(CLAIMS))
    rows = con.execute(
        "SELECT rowid FROM claim_fts WHERE claim_fts MATCH ? ORDER BY bm25(claim_fts) LIMIT 3", (expr,)
    ).fetchall()
    assert rows[0][0] == 1
    assert idf_from_df(df, len(CLAIMS))("bund") > idf_from_df(df, len(CLAIMS))("zzz-absent") - 10


@pytest.mark.parametrize("title", [None, "Did the government reject it?"])
def test_fts_document_includes_title(title: str | None) -> None:
    doc = fts_document("The federal government rejected funding", "en", title)
    assert "govern" in doc.split()
    assert ("reject" in doc.split()) and (title is None or doc.split().count("reject") == 2)


def test_snapshot_save_load_then_replay(tmp_path: Path) -> None:
    index = MemoryIndex()
    for cid, (text, lang) in CLAIMS.items():
        index.add(cid, text, lang)
    index.remove(4)
    index.save(tmp_path / "snap", stamp="change-41")
    loaded, stamp = MemoryIndex.load(tmp_path / "snap")
    assert stamp == "change-41"
    assert len(loaded) == 4
    query = analyze("Bundesregierung lehnte Antrag ab", "de")
    assert loaded.search_terms(query, 3) == index.search_terms(query, 3)
    # replay what the store changed after the snapshot
    loaded.add(7, "Unemployment hit a record low in 2020", "en")
    loaded.remove(1)
    assert loaded.search("record low unemployment", "en", 1)[0][0] == 7
    assert 1 not in [i for i, _ in loaded.search("Bundesregierung lehnte Antrag ab", "de")]
    loaded.merge()  # merging over memory-mapped arrays must work
    assert loaded.search("record low unemployment", "en", 1)[0][0] == 7


def test_snapshot_version_mismatch(tmp_path: Path) -> None:
    index = MemoryIndex()
    index.add(1, "x y z", "en")
    index.save(tmp_path)
    meta = tmp_path / "meta.json"
    meta.write_text(meta.read_text().replace('"version": 1', '"version": 0'))
    with pytest.raises(ValueError, match="snapshot version"):
        MemoryIndex.load(tmp_path)


def test_fts5_idf_and_index_tokens_reproduce_fts5_bm25_exactly() -> None:
    """The PostgreSQL route scores with fts5_idf and index_tokens; FTS5's own bm25() is the reference."""
    import math
    import random
    from collections import Counter

    from factcheck.match.bm25 import K1, B
    from factcheck.match.fts import fts5_idf, index_tokens

    rng = random.Random(3)
    words = [f"w{i}" for i in range(40)] + ["fake_news", "d20200102", "3p5", "zzspkdonaldtrump"]
    docs = [
        " ".join(rng.choice(words[: rng.randint(4, len(words))]) for _ in range(rng.randint(0, 14))) for _ in range(400)
    ]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0')")
    conn.executemany("INSERT INTO f(rowid, terms) VALUES (?, ?)", list(enumerate(docs, 1)))
    tokens = [index_tokens(d) for d in docs]
    df = Counter(t for doc in tokens for t in set(doc))
    avgdl = sum(map(len, tokens)) / len(docs)

    def bm25(query: list[str], doc: list[str]) -> float:
        tf = Counter(doc)
        return sum(
            fts5_idf(df[t], len(docs)) * ((tf[t] * (K1 + 1)) / (tf[t] + K1 * (1 - B + (B * len(doc)) / avgdl)))
            for t in query
        )

    for _ in range(60):
        query = list(dict.fromkeys(rng.sample(["w0", "w1", "news", "fake", "d20200102", *words[5:30]], 4)))
        expr = " OR ".join(f'"{t}"' for t in query)
        rows = conn.execute("SELECT rowid, -bm25(f) FROM f WHERE f MATCH ? ORDER BY bm25(f)", (expr,)).fetchall()
        assert rows
        for rowid, score in rows:
            assert math.isclose(score, bm25(query, tokens[rowid - 1]), rel_tol=1e-12, abs_tol=1e-12)
