"""`factcheck review`: four-eyes sign-off of verdicts through the real command, and what `show`,
`report` and `audit verify` make of it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED, SOURCE_TREE
from tests.functional.test_cli import assert_one_line_error


def run(*args: str, db: Path, ok: bool = True, single_person: bool = False) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "FACTCHECK_USER": "tester", "HOME": str(db.parent), **SOURCE_TREE}
    if single_person:
        env["FACTCHECK_SINGLE_PERSON"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


def run_json(*args: str, db: Path, single_person: bool = False) -> Any:
    return json.loads(run(*args, "--json", db=db, single_person=single_person).stdout)


@pytest.fixture
def rated(db_path: Path) -> tuple[Path, int, int]:
    """The seed imported, tester's verdict on one claim: (db, article id, claim id); the claim is at version 2."""
    article_id = run_json("import", str(SEED), db=db_path)["article_id"]
    claims = run_json("claims", str(article_id), db=db_path)
    claim_id = next(c["id"] for c in claims if "dröhnende Leere" in c["text"])
    run("verdict", str(claim_id), "falsch", "--rationale", "Zitat nicht belegt", db=db_path)
    return db_path, article_id, claim_id


def test_nobody_approves_their_own_verdict_unless_the_desk_works_alone(rated: tuple[Path, int, int]) -> None:
    db, _article, claim = rated
    refused = run("review", str(claim), "approve", db=db, ok=False)
    assert_one_line_error(refused, "nobody approves their own verdict: tester wrote the verdict")
    assert "FACTCHECK_SINGLE_PERSON=1" in refused.stderr
    assert run_json("show", str(claim), db=db)["verdict"]["review_state"] == "pending"
    approved = run_json("review", str(claim), "freigeben", db=db, single_person=True)
    assert (approved["review_state"], approved["reviewer"]) == ("approved", "tester")


def test_a_second_person_approves_once(rated: tuple[Path, int, int]) -> None:
    db, _article, claim = rated
    done = run("review", str(claim), "approve", "--by", "ben", "--comment", "Quelle geprüft", db=db)
    assert done.stdout.strip() == f"claim {claim}: verdict false approved by ben"
    shown = run_json("show", str(claim), db=db)
    assert shown["status"] == "checked"
    verdict = shown["verdict"]
    assert (verdict["review_state"], verdict["reviewer"], verdict["review_comment"]) == (
        "approved",
        "ben",
        "Quelle geprüft",
    )
    assert shown["history"][-1]["action"] == "verdict.review"
    again = run("review", str(claim), "reject", "--by", "cem", "--comment", "doch nicht", db=db, ok=False)
    assert_one_line_error(again, "was approved by ben already")


def test_a_rejection_returns_the_claim_to_work_with_the_comment_everywhere(rated: tuple[Path, int, int]) -> None:
    db, article, claim = rated
    no_reason = run("review", str(claim), "reject", "--by", "ben", db=db, ok=False)
    assert_one_line_error(no_reason, "a rejection needs a comment")
    rejected = run_json(
        "review", str(claim), "reject", "--by", "ben", "--comment", "Zitat im Original suchen", "--expect-version", "2",
        db=db,
    )  # fmt: skip
    assert rejected["review_state"] == "rejected" and rejected["review_comment"] == "Zitat im Original suchen"

    shown = run_json("show", str(claim), db=db)
    assert shown["status"] == "in-progress" and shown["version"] == 3
    assert shown["verdict"]["review_comment"] == "Zitat im Original suchen"
    text = run("show", str(claim), db=db).stdout
    assert "review rejected by ben" in text and "review comment by ben: Zitat im Original suchen" in text

    report = json.loads(run("report", str(article), "--format", "json", db=db).stdout)
    item = next(i for i in report["claims"] if i["claim"]["id"] == claim)
    assert item["claim"]["status"] == "in-progress"
    assert item["claim"]["verdict"]["review_state"] == "rejected"
    assert item["claim"]["verdict"]["review_comment"] == "Zitat im Original suchen"
    assert "Zitat im Original suchen" in run("report", str(article), "--format", "md", db=db).stdout
    assert "Zitat im Original suchen" in run("report", str(article), "--format", "csv", db=db).stdout
    assert "Zitat im Original suchen" in run("report", str(article), "--format", "html", db=db).stdout

    # The checker answers with a new verdict, which starts pending and can be approved.
    replaced = run_json("verdict", str(claim), "irreführend", "--rationale", "Zitat gekürzt", db=db)
    assert replaced["review_state"] == "pending" and replaced["review_comment"] is None
    run("review", str(claim), "approve", "--by", "ben", db=db)
    final = run_json("show", str(claim), db=db)
    assert final["status"] == "checked" and final["verdict"]["review_state"] == "approved"
    assert [v["review_state"] for v in final["verdicts"]] == ["rejected", "approved"]
    verified = run_json("audit", "verify", db=db)
    assert verified["ok"] is True


def test_a_claim_without_a_verdict_or_unknown_is_refused_in_one_line(rated: tuple[Path, int, int]) -> None:
    db, article, claim = rated
    bare = next(c["id"] for c in run_json("claims", str(article), db=db) if c["verdict"] is None)
    assert_one_line_error(
        run("review", str(bare), "approve", "--by", "ben", db=db, ok=False), "has no verdict to review"
    )
    assert_one_line_error(run("review", "999999", "approve", "--by", "ben", db=db, ok=False), "no claim with id 999999")
    assert_one_line_error(run("review", "x", "approve", "--by", "ben", db=db, ok=False), "claim id must be a number")
    assert_one_line_error(run("review", str(claim), "perhaps", "--by", "ben", db=db, ok=False), "use approve or reject")


def test_a_stale_expected_version_is_a_conflict(rated: tuple[Path, int, int]) -> None:
    db, _article, claim = rated
    stale = run("review", str(claim), "approve", "--by", "ben", "--expect-version", "1", db=db, ok=False)
    assert_one_line_error(stale, f"claim {claim}")
    assert "version 2" in stale.stderr and "reload" in stale.stderr
    assert run_json("show", str(claim), db=db)["verdict"]["review_state"] == "pending"


def test_the_reviewer_shown_is_the_audited_one_and_a_forged_cache_fails_verify(rated: tuple[Path, int, int]) -> None:
    """The verdict row keeps the reviewer as a cache; a name forged into it by SQL is neither named by
    `review` nor `show`, and `audit verify` finds it (found by an attack)."""
    import sqlite3

    db, _article, claim = rated
    run("review", str(claim), "approve", "--by", "ben", db=db)
    with sqlite3.connect(db) as connection:  # the cache column needs no trigger dropped
        connection.execute("UPDATE verdict SET reviewer = 'mallory' WHERE claim_id = ?", (claim,))
    again = run("review", str(claim), "approve", "--by", "zed", db=db, ok=False)
    assert_one_line_error(again, "was approved by ben already")
    shown = run("show", str(claim), db=db).stdout
    assert "review approved by ben" in shown and "mallory" not in shown
    verified = run("audit", "verify", db=db, ok=False)
    assert verified.returncode == 3 and "row verdict:" in verified.stderr


def test_show_puts_the_rationale_on_its_own_line(rated: tuple[Path, int, int]) -> None:
    """'review approved by ben: Zitat nicht belegt' read as the reviewer's words; the checker's are apart."""
    db, _article, claim = rated
    run("review", str(claim), "approve", "--by", "ben", db=db)
    lines = run("show", str(claim), db=db).stdout.splitlines()
    verdict_line = next(line for line in lines if line.startswith("verdict: "))
    assert verdict_line.endswith("· review approved by ben")
    assert lines[lines.index(verdict_line) + 1] == "  rationale: Zitat nicht belegt"


@pytest.mark.parametrize("command", [["show", "1"], ["show", "1", "--json"], ["history", "1"], ["similar", "1"]])
def test_read_commands_refuse_a_missing_database(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    proc = run(*command, db=missing, ok=False)
    assert_one_line_error(proc, "no database at")
    assert not missing.exists()
