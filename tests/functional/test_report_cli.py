"""`factcheck report` as an editor uses it: files written whole, one-line errors, and ClaimReview that
`checked import` reads back with the same text, rating, label and claimant."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.functional.test_cli import assert_one_line_error, run, run_json


@pytest.fixture
def checked_db(tmp_path: Path) -> tuple[Path, list[dict]]:
    db = tmp_path / "claims.db"
    run("import", str(SEED), db=db)
    listed = run_json("claims", db=db)
    quoted = next(c for c in listed if c["quotes"] and c["quotes"][0].get("speaker"))
    run("verdict", str(listed[0]["id"]), "false", "--rationale", "Archiv: erster Kontakt 2016", db=db)
    run("verdict", str(quoted["id"]), "misleading", "--rationale", "verkürzt", db=db)
    run("verdict", str(listed[2]["id"]), "unverifiable", "--rationale", "keine Quelle", db=db)
    for claim in (listed[0], quoted, listed[2]):  # four eyes: a colleague signs the verdicts off
        run("review", str(claim["id"]), "approve", "--by", "chefin", db=db)
    return db, listed


def test_every_format_writes_a_whole_file_and_stdout_matches(checked_db: tuple[Path, list[dict]]) -> None:
    db, listed = checked_db
    for fmt in ("md", "html", "json", "csv", "claimreview"):
        target = db.parent / f"report.{fmt}"
        args = ["report", "1", "--format", fmt, "--publisher", "Faktencheck Desk"]
        proc = run(*args, "-o", str(target), db=db)
        assert f"report written to {target}" in proc.stderr
        assert target.read_text(encoding="utf-8") == run(*args, db=db).stdout  # deterministic, same bytes
        assert listed[0]["text"][:40] in target.read_text(encoding="utf-8") or fmt == "claimreview"
    assert not [p for p in db.parent.iterdir() if p.name.startswith(".report.")]  # no temporary left behind
    umask = os.umask(0)
    os.umask(umask)
    assert (db.parent / "report.md").stat().st_mode & 0o777 == 0o666 & ~umask  # readable as any new file


def test_json_report_has_a_schema_version_and_the_summary(checked_db: tuple[Path, list[dict]]) -> None:
    db, listed = checked_db
    document = json.loads(run("report", "1", "--format", "json", "--lang", "en", db=db).stdout)
    assert document["schema_version"] == 1 and document["language"] == "en"
    summary = document["summary"]
    assert (summary["verdicts"], summary["checked"]) == (3, 3)
    assert summary["per_rating"] == {"misleading": 1, "false": 1, "unverifiable": 1}
    assert [c["claim"]["id"] for c in document["claims"]] == [c["id"] for c in listed]  # text order
    first = document["claims"][0]["claim"]["verdict"]
    assert (first["rating"], first["label"], first["rationale"]) == ("false", "false", "Archiv: erster Kontakt 2016")
    only = json.loads(run("report", "1", "--format", "json", "--only", "checked", db=db).stdout)
    assert len(only["claims"]) == 3 and only["claims"][0]["claim"]["verdict"]["label"] == "falsch"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["report", "1", "--format", "pdf"], "unknown report format 'pdf'"),
        (["report", "1", "--lang", "fr"], "unsupported report language 'fr'"),
        (["report", "1", "--only", "some"], "unknown --only 'some'"),
        (["report", "99"], "no article with id 99"),
        (["report", "abc"], "article id must be a number"),
        (["report", "1", "-f", "claimreview"], "ClaimReview needs a publisher"),
        (["report", "1", "-o", "/nonexistent-folder/r.md"], "folder /nonexistent-folder does not exist"),
        (["report", "1", "-o", "/dev/null"], "will not replace /dev/null: it is not a regular file"),
        (["report", "1", "-o", "x" * 300 + ".md"], "File name too long"),
        (["report", "1", "-f", "claimreview", "--publisher", "D", "--url-base", "javascript:x"], "web address"),
        (["report", "1", "--publisher-url", "file:///etc/passwd"], "--publisher-url must be a web address"),
    ],
)
def test_mistakes_are_one_line_errors(checked_db: tuple[Path, list[dict]], args: list[str], needle: str) -> None:
    db, _ = checked_db
    assert_one_line_error(run(*args, db=db, ok=False), needle)


def test_a_failed_export_leaves_the_earlier_report_intact(checked_db: tuple[Path, list[dict]]) -> None:
    db, _ = checked_db
    target = db.parent / "report.md"
    run("report", "1", "-o", str(target), db=db)
    before = target.read_bytes()
    assert_one_line_error(run("report", "1", "-f", "claimreview", "-o", str(target), db=db, ok=False), "publisher")
    assert target.read_bytes() == before
    if os.geteuid() != 0:  # root writes into read-only folders anyway
        db.parent.chmod(0o500)
        try:
            assert_one_line_error(run("report", "1", "-o", str(target), db=db, ok=False), "cannot write to")
        finally:
            db.parent.chmod(0o700)
        assert target.read_bytes() == before


def test_claimreview_round_trips_through_checked_import(checked_db: tuple[Path, list[dict]], tmp_path: Path) -> None:
    db, listed = checked_db
    published = tmp_path / "reviews.json"
    run("report", "1", "-f", "claimreview", "--publisher", "Faktencheck Desk", "-o", str(published), db=db)
    reviews = json.loads(published.read_text(encoding="utf-8"))
    team = tmp_path / "team.db"
    result = json.loads(run("checked", "import", str(published), "--json", db=team).stdout)
    assert result["added"] == len(reviews) == 3
    speaker = {c["id"]: (c["quotes"][0].get("speaker") if c["quotes"] else None) for c in listed}
    for review in reviews:
        claim_id = int(review["url"].rsplit("-", 1)[1])
        found = run_json("similar", "--text", review["claimReviewed"], "--lang", "de", "--top", "1", db=team)
        assert found, review["claimReviewed"]
        match = found[0]
        assert match["text"] == review["claimReviewed"]
        assert match["original_label"] == review["reviewRating"]["alternateName"]
        assert match["publisher"] == "Faktencheck Desk"
        assert (
            match["rating"]
            == {"falsch": "false", "irreführend": "misleading", "nicht belegbar": "unverifiable"}[
                match["original_label"]
            ]
        )
        if speaker[claim_id]:
            assert review["itemReviewed"]["author"]["name"] == speaker[claim_id]
    with sqlite3.connect(team) as connection:
        stored = {
            text: (speaker_, published)
            for text, speaker_, published in connection.execute("SELECT text, speaker, published FROM checked_claim")
        }
    for review in reviews:  # the claimant and the review date come back as they went out
        claimant = review["itemReviewed"].get("author", {}).get("name")
        assert stored[review["claimReviewed"]] == (claimant, review["datePublished"])


def test_a_report_never_replaces_the_database_or_a_file_that_is_not_a_report(
    checked_db: tuple[Path, list[dict]],
) -> None:
    db, _ = checked_db
    before = db.read_bytes()[:16]
    assert_one_line_error(run("report", "1", "-o", str(db), db=db, ok=False), "it is the open database")
    other = db.parent / "other.db"
    run("articles", db=other)  # another desk's database beside it
    assert_one_line_error(run("report", "1", "-o", str(other), "--force", db=db, ok=False), "a SQLite database")
    article = db.parent / "artikel.txt"
    article.write_text("Der Artikel, aus dem die Behauptungen stammen.", encoding="utf-8")
    assert_one_line_error(run("report", "1", "-o", str(article), db=db, ok=False), "not a report file")
    assert article.read_text(encoding="utf-8").startswith("Der Artikel")
    run("report", "1", "-o", str(article), "--force", db=db)  # asked for: replaced
    assert article.read_text(encoding="utf-8").startswith("# Prüfbericht")
    assert db.read_bytes()[:16] == before == b"SQLite format 3\x00"
    assert run_json("claims", db=db)  # the database still answers


def test_the_format_follows_the_file_name_and_a_link_is_written_through(checked_db: tuple[Path, list[dict]]) -> None:
    db, _ = checked_db
    run("report", "1", "-o", str(db.parent / "r.html"), db=db)
    assert (db.parent / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    run("report", "1", "-o", str(db.parent / "r.csv"), db=db)
    assert (db.parent / "r.csv").read_text(encoding="utf-8").startswith("\ufeffID,")
    real = db.parent / "real.md"
    real.write_text("old", encoding="utf-8")
    link = db.parent / "link.md"
    link.symlink_to(real)
    run("report", "1", "-o", str(link), db=db)
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# Prüfbericht")


def test_a_mistyped_database_is_an_error_not_a_new_empty_database(tmp_path: Path) -> None:
    typo = tmp_path / "claim.db"
    assert_one_line_error(run("report", "1", db=typo, ok=False), "no database at")
    assert_one_line_error(run("audit", "verify", db=typo, ok=False), "no database at")
    assert not typo.exists()


def test_claimreview_publishes_only_approved_verdicts(checked_db: tuple[Path, list[dict]]) -> None:
    db, listed = checked_db
    args = ["report", "1", "-f", "claimreview", "--publisher", "Desk", "--url-base", "https://desk.example/r"]
    approved = {r["claimReviewed"] for r in json.loads(run(*args, db=db).stdout)}
    fresh = next(c for c in reversed(listed) if c["text"] not in approved)
    run("verdict", str(fresh["id"]), "false", "--rationale", "neu, noch nicht abgenommen", db=db)
    assert {r["claimReviewed"] for r in json.loads(run(*args, db=db).stdout)} == approved and len(approved) == 3
    with_pending = {r["claimReviewed"] for r in json.loads(run(*args, "--include-unreviewed", db=db).stdout)}
    assert with_pending == approved | {fresh["text"]}
    run("review", str(fresh["id"]), "reject", "--comment", "Quelle fehlt", "--by", "chefin", db=db)
    rejected = {r["claimReviewed"] for r in json.loads(run(*args, "--include-unreviewed", db=db).stdout)}
    assert rejected == approved  # a rejected verdict never goes out
