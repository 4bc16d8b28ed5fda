"""Dates around the checked-claim memory: what `similar CLAIM` compares (the day a claim was made, not a
date it talks about), what `checked import` accepts as a date, and two one-line refusals a user meets
(a store from a newer factcheck, `history --actor` with control characters)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from factcheck.errors import StoreError
from factcheck.services import memory
from factcheck.store import create_store_engine, session_scope
from factcheck.store.migrations import HEAD_REVISION
from factcheck.text.document import prepare_document
from tests.functional.test_cli import assert_one_line_error, run, run_json
from tests.functional.test_services import first_claim_id

# An article dated by its dateline (20 March 2025) whose claims talk about other days.
ARTICLE = (
    "Berlin, 20. März 2025 – Der Kanzler reiste am Morgen nach Paris.\n\n"
    "Der erste Kontakt zwischen den beiden Führern fand am 28. Januar 2017 im Oval Office statt.\n\n"
    "Die Inflation lag im Februar 2025 bei 2,3 Prozent, teilte das Statistische Bundesamt mit.\n"
)
OVAL = "Der erste Kontakt zwischen den beiden Führern fand am 28. Januar 2017 im Oval Office statt."
INFLATION = "Die Inflation lag im Februar 2025 bei 2,3 Prozent, teilte das Statistische Bundesamt mit."
OTHERS = [
    "Trump und Putin trafen sich im Juli 2017 beim G20-Gipfel in Hamburg.",
    "Die Arbeitslosenquote lag im Februar 2025 bei 6,4 Prozent.",
    "Der Kanzler reiste im Januar 2017 nach Washington ins Weiße Haus.",
]
# A fact-check of OVAL from a CSV (checked in 2024, no claim date) and one of INFLATION as ClaimReview,
# made two days before the article (itemReviewed.datePublished): the dated case of the reranker.
CSV = "claim,verdict,url,date,language\n" + "".join(
    f'"{t}",falsch,https://checks.example.de/{i},2024-05-01,de\n' for i, t in enumerate([OVAL, *OTHERS])
)
REVIEW = {
    "@type": "ClaimReview",
    "claimReviewed": INFLATION,
    "url": "https://checks.example.de/inflation",
    "datePublished": "2025-03-24",
    "itemReviewed": {"@type": "Claim", "datePublished": "2025-03-18"},
    "reviewRating": {"alternateName": "Richtig"},
}


def import_article(engine: Engine) -> int:
    from factcheck.services import articles

    doc = prepare_document(ARTICLE.encode(), name="dated.txt")
    with session_scope(engine) as session:
        return articles.import_document(session, doc, origin="dated.txt", actor="anna").article_id


@pytest.fixture
def dated_store(store_db: str, tmp_path: Path) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    import_article(engine)
    (tmp_path / "checks.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "review.json").write_text(json.dumps([REVIEW], ensure_ascii=False), encoding="utf-8")
    with session_scope(engine) as session:
        memory.import_checked(session, str(tmp_path / "checks.csv"), actor="anna")
    with session_scope(engine) as session:
        memory.import_checked(session, str(tmp_path / "review.json"), actor="anna")
    yield engine
    engine.dispose()


def test_similar_claim_with_a_date_finds_its_identical_check_as_high_as_the_text_does(dated_store: Engine) -> None:
    with session_scope(dated_store) as session:
        published = session.connection().execute(text("SELECT published FROM article")).scalar()
    assert published == "2025-03-20"  # the dateline dates the article: the query is in the dated context
    for claim_text in (OVAL, INFLATION):
        claim_id = first_claim_id(dated_store, claim_text[:40])
        with session_scope(dated_store) as session:
            by_claim = memory.similar_to_claim(session, claim_id)
            by_text = memory.find_similar(session, claim_text, language="de")
        assert by_claim[0].text == claim_text and by_text[0].text == claim_text
        # was 0.0002 for OVAL: its "28. Januar 2017" taken for the day the claim was made, 7 years before its check
        assert by_claim[0].score >= 0.5, (claim_text, by_claim[0].score)
        assert abs(by_claim[0].score - by_text[0].score) <= 0.15, (by_claim[0].score, by_text[0].score)
        assert all(m.score < by_claim[0].score for m in by_claim[1:])


def test_cli_similar_claim_scores_like_similar_text(tmp_path: Path) -> None:
    db = tmp_path / "claims.db"
    (tmp_path / "dated.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "checks.csv").write_text(CSV, encoding="utf-8")
    run("import", str(tmp_path / "dated.txt"), db=db)
    run("checked", "import", str(tmp_path / "checks.csv"), db=db)
    claim = next(c for c in run_json("claims", db=db) if c["text"] == OVAL)
    by_claim = run_json("similar", str(claim["id"]), db=db)
    by_text = run_json("similar", "--text", OVAL, "--lang", "de", db=db)
    assert by_claim[0]["text"] == OVAL and by_claim[0]["score"] >= 0.5
    assert abs(by_claim[0]["score"] - by_text[0]["score"]) <= 0.15


# ---------------------------------------------------------------- checked import: dates


def bad_csv(date: str) -> str:
    return f"claim,verdict,url,date,language\nErste Zeile.,falsch,https://e.example/1,2024-01-02,de\nZweite Zeile.,falsch,https://e.example/2,{date},de\n"


def stored_dates(db: Path) -> list[tuple[str, str | None]]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT text, published FROM checked_claim ORDER BY id").fetchall()


@pytest.mark.parametrize(
    ("date", "why"),
    [
        *((bad, "is not a date") for bad in ("not-a-date", "2024-02-31", "31.02.2024", "gestern", "2024-01-02Tnoon")),
        # a day in the calendar that no claim or check can have: a typo
        *((bad, "lies in the future or before 1800") for bad in ("9999-12-31", "0001-01-01", "1799-12-31")),
    ],
)
def test_checked_import_csv_refuses_a_bad_date_and_the_corrected_file_imports(
    tmp_path: Path, date: str, why: str
) -> None:
    db = tmp_path / "claims.db"
    path = tmp_path / "checks.csv"
    path.write_text(bad_csv(date), encoding="utf-8")
    assert_one_line_error(run("checked", "import", str(path), db=db, ok=False), f"line 3: date '{date}' {why}")
    assert stored_dates(db) == []
    path.write_text(bad_csv("18. März 2025"), encoding="utf-8")
    assert run_json("checked", "import", str(path), db=db) == {"added": 2, "skipped": 0}
    assert stored_dates(db) == [("Erste Zeile.", "2024-01-02"), ("Zweite Zeile.", "2025-03-18")]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"datePublished": "not-a-date"}, "ClaimReview 2: datePublished 'not-a-date'"),
        ({"itemReviewed": {"@type": "Claim", "datePublished": "bald"}}, "ClaimReview 2: itemReviewed datePublished"),
    ],
)
def test_checked_import_json_refuses_a_bad_date_naming_the_review_and_field(
    tmp_path: Path, change: dict[str, object], where: str
) -> None:
    db = tmp_path / "claims.db"
    good = {**REVIEW, "claimReviewed": "Eine andere Behauptung.", "url": "https://e.example/3"}
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps([good, {**REVIEW, **change}]), encoding="utf-8")
    assert_one_line_error(run("checked", "import", str(path), db=db, ok=False), where)
    assert stored_dates(db) == []
    path.write_text(json.dumps([good, REVIEW]), encoding="utf-8")
    assert run_json("checked", "import", str(path), db=db)["added"] == 2


def test_checked_import_service_refuses_a_bad_date_on_both_backends(store_db: str, tmp_path: Path) -> None:
    from factcheck.errors import InputError

    path = tmp_path / "checks.csv"
    path.write_text(bad_csv("not-a-date"), encoding="utf-8")
    engine = create_store_engine(store_db)
    try:
        with (
            pytest.raises(InputError, match="line 3: date 'not-a-date' is not a date"),
            session_scope(engine) as session,
        ):
            memory.import_checked(session, str(path), actor="anna")
        with session_scope(engine) as session:
            assert memory.count_checked(session) == 0
    finally:
        engine.dispose()


# ---------------------------------------------------------------- a store from a newer factcheck


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("UPDATE alembic_version SET version_num = '0042_from_the_future'", "0042_from_the_future"),
        # a second revision no factcheck made: the fast read route once took the first row as current
        ("INSERT INTO alembic_version VALUES ('9999x')", f"{HEAD_REVISION}, 9999x"),
    ],
)
def test_a_store_from_a_newer_factcheck_is_one_line_for_every_command(tmp_path: Path, stamp: str, shown: str) -> None:
    db = tmp_path / "claims.db"
    (tmp_path / "dated.txt").write_text(ARTICLE, encoding="utf-8")
    run("import", str(tmp_path / "dated.txt"), db=db)
    with sqlite3.connect(db) as connection:
        connection.execute(stamp)
    for args in (["articles"], ["claims"], ["show", "2"], ["similar", "2"], ["note", "2", "x"], ["audit", "verify"]):
        assert_one_line_error(run(*args, db=db, ok=False), f"made by a newer factcheck (schema revision {shown}")


def test_a_store_from_a_newer_factcheck_is_a_store_error_on_both_backends(store_db: str) -> None:
    create_store_engine(store_db).dispose()
    engine = create_store_engine(store_db, migrate_to=None)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0042'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"made by a newer factcheck .*upgrade factcheck"):
        create_store_engine(store_db)


# ---------------------------------------------------------------- history --actor


def test_history_actor_shows_names_escaped_and_finds_them_as_typed_stored_or_shown(tmp_path: Path) -> None:
    db = tmp_path / "claims.db"
    (tmp_path / "dated.txt").write_text(ARTICLE, encoding="utf-8")
    run("import", str(tmp_path / "dated.txt"), db=db)
    typed = "Eve\x1b]0;pwned\x07\x1b[31mRed"
    run("note", "2", "erste Notiz", "--by", typed, db=db)  # stored as "EveRed"
    run("note", "2", "zweite Notiz", "--by", "ben", db=db)
    with sqlite3.connect(db) as connection:  # as an older version or a hand edit could have left one
        connection.execute("UPDATE event SET actor = ? WHERE actor = 'ben'", ("ben\x1b[2J\u202e",))
    lines = run("history", "2", "--actor", typed, db=db).stdout.splitlines()
    assert len(lines) == 1 and "EveRed" in lines[0] and "erste Notiz" in lines[0]
    for wanted in ("ben\x1b[2J\u202e", "BEN\\x1b[2J\\u202e"):  # as stored, and as history shows it
        out = run("history", "2", "--actor", wanted, db=db).stdout
        assert "\x1b" not in out and "\u202e" not in out, out
        assert "ben\\x1b[2J\\u202e" in out and "zweite Notiz" in out and "erste Notiz" not in out
    both = run("history", "2", db=db).stdout.splitlines()[-2:]
    # the padding is measured on the names as printed: the notes line up
    assert both[0].index("note added") == both[1].index("note added"), both
