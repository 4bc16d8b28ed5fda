"""The real `factcheck` command: JSON shapes, exit codes, one-line errors, URL import from a local server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from tests.conftest import SEED, SOURCE_TREE
from tests.unit.test_document import HTML


def run(*args: str, db: Path, stdin: bytes | None = None, ok: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(db), *args],
        input=stdin.decode("utf-8", "replace") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "FACTCHECK_USER": "tester", "HOME": str(db.parent), **SOURCE_TREE},
    )
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


def run_json(*args: str, db: Path) -> Any:
    return json.loads(run(*args, "--json", db=db).stdout)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and needle in lines[0], lines[0]


def test_extract_prints_the_contract_without_a_database(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    out = run_json("extract", str(SEED), db=db)
    assert set(out) == {"article", "claims"}
    assert set(out["article"]) == {"title", "language", "sha256"}
    assert out["article"]["language"] == "de"
    claim = out["claims"][0]
    for key in (
        "text",
        "start",
        "end",
        "kinds",
        "checkworthiness",
        "checkworthy",
        "dates",
        "quotes",
        "speakers",
        "places",
        "quantities",
    ):
        assert key in claim
    assert not db.exists()


def test_import_claims_show_verdict_note_roundtrip(db_path: Path) -> None:
    imported = run_json("import", str(SEED), db=db_path)
    assert imported["created"] is True and imported["claims"] > 10
    again = run_json("import", str(SEED), db=db_path)
    assert again["article_id"] == imported["article_id"] and again["created"] is False

    listed = run_json("claims", str(imported["article_id"]), db=db_path)
    assert {"id", "kinds", "status", "text", "verdict"} <= set(listed[0])
    target = next(c for c in listed if "dröhnende Leere" in c["text"])

    verdict = run_json("verdict", str(target["id"]), "falsch", "--rationale", "Zitat nicht belegt", db=db_path)
    assert verdict["rating"] == "false" and verdict["label_de"] == "falsch" and verdict["checker"] == "tester"
    note = run_json("note", str(target["id"]), "Mitschnitt prüfen", db=db_path)
    assert note["body"] == "Mitschnitt prüfen"

    shown = run_json("show", str(target["id"]), db=db_path)
    assert shown["status"] == "checked" and shown["verdict"]["rationale"] == "Zitat nicht belegt"
    assert [n["body"] for n in shown["notes"]] == ["Mitschnitt prüfen"]
    assert [e["action"] for e in shown["history"]] == ["verdict.set", "note.add"]
    raw = SEED.read_text(encoding="utf-8")
    assert "dröhnende" in raw[shown["raw_start"] : shown["raw_end"]]

    articles = run_json("articles", db=db_path)
    assert articles[0]["id"] == imported["article_id"] and articles[0]["checked"] == 1


def test_import_from_stdin_with_overrides(db_path: Path) -> None:
    text = b"The minister said on Tuesday that 40 percent of schools would close by March 2026."
    out = json.loads(run("import", "-", "--title", "Schools", "--lang", "en", "--json", db=db_path, stdin=text).stdout)
    assert out["title"] == "Schools" and out["language"] == "en"


@pytest.mark.parametrize(
    ("content", "needle"),
    [(b"", "empty input"), (b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary input"), (b"%PDF-1.4\n", "PDF")],
    ids=["empty", "png", "pdf"],
)
def test_bad_files_give_one_line_error_and_store_nothing(db_path: Path, content: bytes, needle: str) -> None:
    bad = db_path.parent / "bad.txt"
    bad.write_bytes(content)
    run("import", str(SEED), db=db_path)
    assert_one_line_error(run("import", str(bad), db=db_path, ok=False), needle)
    assert len(run_json("articles", db=db_path)) == 1


def test_missing_file_unknown_ids_and_bad_rating(db_path: Path) -> None:
    assert_one_line_error(run("import", "does/not/exist.txt", db=db_path, ok=False), "no such file")
    assert_one_line_error(run("extract", str(db_path.parent), db=db_path, ok=False), "is a folder")
    run("import", str(SEED), db=db_path)
    assert_one_line_error(run("show", "999999", db=db_path, ok=False), "no claim with id 999999")
    assert_one_line_error(run("show", "abc", db=db_path, ok=False), "must be a number")
    assert_one_line_error(run("claims", "4242", db=db_path, ok=False), "no article with id 4242")
    claim_id = str(run_json("claims", db=db_path)[0]["id"])
    proc = run("verdict", claim_id, "kinda wrong", "--rationale", "x", db=db_path, ok=False)
    assert_one_line_error(proc, "valid ratings: true / richtig, mostly true / größtenteils richtig")
    assert_one_line_error(run("verdict", claim_id, "false", db=db_path, ok=False), "rationale is required")


def test_import_from_local_http_server(db_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/artikel").respond_with_data(HTML, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/alt").respond_with_data("", status=301, headers={"Location": "/artikel"})
    httpserver.expect_request("/weg").respond_with_data("gone", status=404)
    out = run_json("import", httpserver.url_for("/alt"), db=db_path)
    assert out["title"].startswith("Regierung beschließt Haushalt") and out["claims"] >= 2
    shown = run_json("articles", db=db_path)
    assert shown[0]["origin"] == httpserver.url_for("/artikel")
    assert_one_line_error(run("import", httpserver.url_for("/weg"), db=db_path, ok=False), "HTTP 404")


def test_unreachable_url_is_one_line(db_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = run("import", f"http://127.0.0.1:{port}/nothing", db=db_path, ok=False)
    assert_one_line_error(proc, "cannot fetch")


def test_encodings_import_with_umlauts_intact(db_path: Path) -> None:
    text = "Bürgermeister Jürgen Müller sagte am 3. Oktober 2024 in Köln, die Brücke koste 12 Millionen Euro."
    for i, (encoding, prefix) in enumerate(
        [("cp1252", b""), ("latin-1", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")]
    ):
        path = db_path.parent / f"article-{i}.txt"
        path.write_bytes(prefix + (text + f" Meldung {i}.").encode(encoding))
        out = run_json("extract", str(path), db=db_path)
        assert out["claims"][0]["text"].startswith("Bürgermeister Jürgen Müller sagte"), encoding


def test_usage_mistakes_are_one_line_with_the_nearest_command(db_path: Path) -> None:
    proc = run("expor", db=db_path, ok=False)
    assert_one_line_error(proc, "no such command 'expor'")
    proc = run("claim", db=db_path, ok=False)
    assert_one_line_error(proc, "did you mean claims")
    assert_one_line_error(run("import", db=db_path, ok=False), "missing argument")
    assert_one_line_error(run("similar", "--top", "0", "--text", "x", db=db_path, ok=False), "--top")
    assert_one_line_error(run("claims", "--bogus", db=db_path, ok=False), "no such option")


def test_help_names_arguments_plainly() -> None:
    for command in (["--help"], ["import", "--help"], ["similar", "--help"], ["claims", "--help"], ["checked"]):
        proc = subprocess.run([sys.executable, "-m", "factcheck", *command], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        for decoration in ("<str>", "<int", "range>", "{"):
            assert decoration not in proc.stdout, (command, proc.stdout)
    usage = subprocess.run([sys.executable, "-m", "factcheck", "show", "--help"], capture_output=True, text=True)
    assert "Usage: factcheck show [OPTIONS] CLAIM" in usage.stdout


def test_show_and_the_markdown_report_say_when_a_year_was_inferred(db_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "union.txt"
    article.write_text(
        "Union talks\n\nWASHINGTON, May 10, 2024 - The union met on June 7 with the company, officials said. "
        "About 4,000 workers walked out on May 2, 2024.\n",
        encoding="utf-8",
    )
    imported = run_json("import", str(article), db=db_path)
    (claim,) = [c for c in run_json("claims", str(imported["article_id"]), db=db_path) if "June 7" in c["text"]]
    shown = run("show", str(claim["id"]), db=db_path).stdout
    assert "June 7 → 2023-06-07 (year inferred)" in shown
    assert "May 10, 2024 → 2024-05-10\n" in shown or "May 10, 2024" not in shown  # a written year is not marked
    report = run("report", str(imported["article_id"]), "--format", "md", db=db_path).stdout
    assert "June 7 → 2023-06-07 (year inferred)" in report
    # an article without a date: a day without a year has no value, and it is no relative date
    undated = tmp_path / "undated.txt"
    undated.write_text("Talks\n\nTalks ran on Dec. 28 in Paris, officials said.\n", encoding="utf-8")
    other = run_json("import", str(undated), db=db_path)
    (talks,) = run_json("claims", str(other["article_id"]), db=db_path)
    assert "date: Dec. 28 → (year unknown)" in run("show", str(talks["id"]), db=db_path).stdout
    # a script reading JSON can tell an inferred year from a written one
    dates = {d["text"]: d for d in run_json("show", str(claim["id"]), db=db_path)["dates"]}
    assert dates["June 7"]["year_inferred"] is True and "year_inferred" not in dates.get("May 10, 2024", {})
