"""The same memory on SQLite and PostgreSQL ranks alike, and PostgreSQL's index follows every change.

SQLite ranks candidates with FTS5's bm25(); PostgreSQL with the same formula over the postings tables of
migration 0010, kept by statement triggers. Same fact-checks, same queries: same top 5 (ties aside).
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from factcheck.checked.formats import CheckedRecord
from factcheck.match.fts import fts_document, index_tokens
from factcheck.services import editing, memory, verdicts
from factcheck.services.views import SimilarMatch
from factcheck.store import create_store_engine, session_scope
from tests.conftest import SHARED
from tests.functional.test_services import first_claim_id, import_seed

SNOPES = SHARED / "data" / "clef2020-t2-snopes"
FIXTURE_CLAIMS = [
    ("Die Bundesregierung lehnte das Tempolimit auf Autobahnen ab.", "de", "Olaf Scholz"),
    ("Die Bundesregierung hat die Mehrwertsteuer auf Lebensmittel gesenkt.", "de", None),
    ("Der Bundestag lehnte den Antrag zur Wahlrechtsreform ab.", "de", "Friedrich Merz"),
    ("Bayern lehnt den Länderfinanzausgleich in seiner jetzigen Form ab.", "de", None),
    ("Unemployment hit a 50-year low in January 2020.", "en", "Donald Trump"),
    ("The unemployment rate fell to 3.5% in January 2020, a 50-year low.", "en", "Donald Trump"),
    ("Biden said the fake_news about the border wall was wrong.", "en", "Joe Biden"),
]


def both_stores(tmp_path: Path, pg_url: str, records: list[CheckedRecord]) -> list[Engine]:
    engines = [create_store_engine(str(tmp_path / "claims.db")), create_store_engine(pg_url)]
    for engine in engines:
        with session_scope(engine) as session:
            memory.add_checked(session, records, actor="anna", origin_name="parity")
    return engines


def top5(engine: Engine, query: str, language: str = "en", speaker: str | None = None) -> list[SimilarMatch]:
    with session_scope(engine) as session:
        return memory.find_similar(session, query, language=language, speaker=speaker, top=5)


def assert_same_ranking(sqlite: list[SimilarMatch], postgres: list[SimilarMatch], query: str) -> None:
    """Same ids in the same order; where they differ, the two claims scored the same (a tie)."""
    assert len(sqlite) == len(postgres), query
    for a, b in zip(sqlite, postgres, strict=True):
        # scores are rounded to 4 places; first-stage scores agree to the last bit or nearly
        assert abs(a.score - b.score) <= 1e-4, (query, a, b)
        assert a.checked_id == b.checked_id or a.score == b.score, (query, sqlite, postgres)


def test_both_backends_give_the_same_top5_for_the_same_memory(tmp_path: Path, pg_url: str) -> None:
    records = [
        CheckedRecord(t, "false", "False", url=f"https://checks.example.org/{i}", language=lang, speaker=speaker)
        for i, (t, lang, speaker) in enumerate(FIXTURE_CLAIMS)
    ]
    sqlite, postgres = both_stores(tmp_path, pg_url, records)
    queries = [
        ("Die Regierung des Bundes lehnt ein Tempolimit auf der Autobahn ab", "de", None),
        ("Scholz: kein Tempolimit", "de", "Olaf Scholz"),
        ("Arbeitslosigkeit so niedrig wie seit 50 Jahren nicht", "de", None),
        ("unemployment at a fifty year low, January 2, 2020", "en", "Donald Trump"),
        ("fake news on the wall", "en", None),
    ]
    for query, language, speaker in queries:
        found = top5(sqlite, query, language, speaker)
        assert found, query
        assert_same_ranking(found, top5(postgres, query, language, speaker), query)


@pytest.mark.skipif(not (SNOPES / "verified_claims.docs.tsv").is_file(), reason="../shared/data not present")
def test_clef_snopes_memory_ranks_alike_on_both_backends(tmp_path: Path, pg_url: str) -> None:
    with (SNOPES / "verified_claims.docs.tsv").open(encoding="utf-8", newline="") as f:
        docs = list(csv.reader(f, delimiter="\t"))[1:]
    records = [
        CheckedRecord(text, "unverifiable", "", url=f"clef:{doc_id}", language="en", title=title)
        for doc_id, text, title in docs
    ]
    sqlite, postgres = both_stores(tmp_path, pg_url, records)
    with (SNOPES / "test" / "tweets.queries.tsv").open(encoding="utf-8", newline="") as f:
        queries = [row[1] for row in list(csv.reader(f, delimiter="\t"))[1:61]]
    for query in queries:
        assert_same_ranking(top5(sqlite, query), top5(postgres, query), query)


def recomputed_index(conn: object) -> tuple[Counter[tuple[str, int]], Counter[str], tuple[int, int]]:
    """Postings, df and totals computed from checked_claim.terms in Python (what FTS5 would hold)."""
    postings: Counter[tuple[str, int]] = Counter()
    tokens = 0
    rows = conn.execute(text("SELECT id, terms FROM checked_claim")).all()  # type: ignore[attr-defined]
    for checked_id, terms in rows:
        words = index_tokens(terms)
        tokens += len(words)
        for word, tf in Counter(words).items():
            postings[(word, checked_id)] = tf
    df = Counter(word for word, _ in postings)
    return postings, df, (len(rows), tokens)


def assert_index_matches_table(engine: Engine) -> None:
    with engine.connect() as conn:
        postings, df, totals = recomputed_index(conn)
        stored = conn.execute(text("SELECT term, checked_id, tf, dl FROM checked_claim_fts_postings")).all()
        lengths = {cid: sum(tf for (_, c), tf in postings.items() if c == cid) for _, cid in postings}
        assert Counter({(t, c): tf for t, c, tf, _ in stored}) == postings
        assert all(dl == lengths[c] for _, c, _, dl in stored)
        stored_df = dict(conn.execute(text("SELECT term, df FROM checked_claim_fts_df WHERE df > 0")).all())
        assert stored_df == dict(df)
        assert tuple(conn.execute(text("SELECT docs, tokens FROM checked_claim_fts_stats")).one()) == totals


def test_postgres_index_follows_inserts_edits_deletes_and_truncate(pg_url: str) -> None:
    engine = create_store_engine(pg_url)
    import_seed(engine)
    records = [
        CheckedRecord(t, "false", "False", url=f"https://checks.example.org/{i}", language=lang, speaker=speaker)
        for i, (t, lang, speaker) in enumerate(FIXTURE_CLAIMS)
    ]
    with session_scope(engine) as session:
        memory.add_checked(session, records, actor="anna", origin_name="fixture")  # COPY: one statement
    assert_index_matches_table(engine)
    claim_id = first_claim_id(engine, "dröhnende Leere")
    with session_scope(engine) as session:  # an ORM insert of our own verdict
        verdicts.set_verdict(session, claim_id, "misattributed", rationale="anders", actor="anna")
    assert_index_matches_table(engine)
    with session_scope(engine) as session:  # an update of its terms
        editing.edit_claim(session, claim_id, text="Filipenko sprach von einer dröhnenden Leere.", actor="anna")
    assert_index_matches_table(engine)
    with session_scope(engine) as session:
        found = memory.find_similar(session, "dröhnende Leere", language="de", top=1)
    assert found and found[0].claim_id == claim_id
    with engine.begin() as conn:  # an update that leaves the terms alone, then a delete
        conn.execute(text("UPDATE checked_claim SET rating = 'true' WHERE url LIKE 'https://checks.example.org/%'"))
        conn.execute(text("DELETE FROM checked_claim WHERE url = 'https://checks.example.org/0'"))
    assert_index_matches_table(engine)
    with session_scope(engine) as session:  # undo the edit and the verdict: the entry leaves the memory
        editing.undo_last(session, claim_id, actor="anna")
        editing.undo_last(session, claim_id, actor="anna")
    assert_index_matches_table(engine)
    with engine.begin() as conn:  # rows written with the triggers off (as a bulk copy may), then a rebuild
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(text("UPDATE checked_claim SET terms = terms || ' nachgetragen'"))
        conn.execute(text("DELETE FROM checked_claim WHERE url = 'https://checks.example.org/1'"))
    with engine.begin() as conn:
        conn.execute(text("SELECT checked_claim_fts_rebuild()"))
    assert_index_matches_table(engine)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE checked_claim"))
    assert_index_matches_table(engine)
    engine.dispose()


def test_upgrading_a_postgres_memory_indexes_the_claims_stored_before(pg_url: str) -> None:
    old = create_store_engine(pg_url, migrate_to="0009")
    with old.begin() as conn:
        for i, (claim, language, speaker) in enumerate(FIXTURE_CLAIMS):
            conn.execute(
                text(
                    "INSERT INTO checked_claim (text, language, rating, original_label, rationale, origin, dedupe_key,"
                    " terms, speaker, created_at)"
                    " VALUES (:t, :l, 'false', 'False', '', 'import', :k, :terms, :s, now())"
                ),
                {
                    "t": claim,
                    "l": language,
                    "k": f"{i:064x}",
                    "terms": fts_document(claim, language, None, speaker),
                    "s": speaker,
                },
            )
    old.dispose()
    engine = create_store_engine(pg_url)  # opening migrates to 0010, which indexes the rows already there
    assert_index_matches_table(engine)
    found = top5(engine, "Die Regierung des Bundes lehnt ein Tempolimit auf der Autobahn ab", "de")
    assert found and found[0].text == FIXTURE_CLAIMS[0][0]
    engine.dispose()
