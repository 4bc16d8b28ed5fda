"""`factcheck source add|list|refresh`, the real command: the seed scenario of issue 12 end to end, JSON
shapes, exit codes, one-line errors, control characters of a page kept off the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.conftest import SEED, SOURCE_TREE

ZELENSKY = "keine Abkommen ohne die Ukraine"
LAST_CALL = "Der letzte telefonische Austausch"


def run(*args: str, db: Path, ok: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "FACTCHECK_USER": "tester", "HOME": str(db.parent), **SOURCE_TREE, **(env or {})},
    )
    if ok:
        assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def run_json(*args: str, db: Path) -> Any:
    return json.loads(run(*args, "--json", db=db).stdout)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "claims.db"
    run("import", str(SEED), db=db)
    return db


def claim_id(db: Path, words: str) -> int:
    found = [c["id"] for c in run_json("claims", db=db) if words in c["text"]]
    assert len(found) == 1, words
    return found[0]


def local_page(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(
        f"<html><head><title>Pressemitteilung</title></head><body><article><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    return path


def test_the_seed_scenario(seeded: Path, tmp_path: Path) -> None:
    """Issue 12: Selenskyj's statement verbatim and with a word missing; the date of the last phone call."""
    quote_claim, call_claim = claim_id(seeded, ZELENSKY), claim_id(seeded, LAST_CALL)
    said = "Präsident Selenskyj erklärte in Kiew, er werde {} akzeptieren, und verwies auf die Lage an der Front."
    verbatim = local_page(tmp_path, "verbatim.html", said.format("„keine Abkommen ohne die Ukraine“"))
    close = local_page(tmp_path, "close.html", said.format("„keine Abkommen ohne Ukraine“"))
    long_date = local_page(tmp_path, "lang.html", "Trump und Putin telefonierten zuletzt am 18. März 2025 miteinander.")
    short_date = tmp_path / "kurz.txt"
    short_date.write_text("Das Weiße Haus bestätigte das Gespräch am 18.3.2025 in einer Mitteilung.", encoding="utf-8")

    found = run_json("source", "add", str(quote_claim), str(verbatim), "--by", "anna", db=seeded)
    assert (found["state"], found["outcome"], found["quote_match_score"]) == ("ok", "verbatim", 1.0)
    assert found["checks"]["quotes"][0]["passage"] == ZELENSKY

    human = run("source", "add", str(quote_claim), close.as_uri(), "--note", "Agenturmeldung", db=seeded).stdout
    assert "quote „keine Abkommen ohne die Ukraine“: found with differences" in human
    assert "diff: keine Abkommen ohne [-die-] Ukraine" in human

    for page in (long_date, short_date):
        dated = run_json("source", "add", str(call_claim), str(page), db=seeded)
        assert [(d["value"], d["found"]) for d in dated["checks"]["dates"]] == [("2025-03-18", True)], page

    listed = run_json("source", "list", str(quote_claim), db=seeded)
    assert [s["outcome"] for s in listed] == ["verbatim", "differences"]
    assert listed[1]["note"] == "Agenturmeldung" and len(listed[1]["snapshots"]) == 1
    text = run("source", "list", str(call_claim), db=seeded).stdout
    assert text.count("date 18. März 2025 (2025-03-18): present") == 2

    refreshed = run("source", "refresh", str(found["id"]), db=seeded).stdout
    assert f"source {found['id']} refreshed: snapshot" in refreshed and "the content is unchanged" in refreshed
    shown = run("show", str(quote_claim), db=seeded).stdout
    assert "2 snapshots" in shown and "found verbatim" in shown
    verified = run("audit", "verify", db=seeded).stdout
    assert verified.startswith("audit log verifies")


def test_refresh_says_whether_the_content_changed(seeded: Path, httpserver: HTTPServer) -> None:
    versions = iter(["erste Fassung des Textes", "erste Fassung des Textes", "zweite, geänderte Fassung"])
    httpserver.expect_request("/seite").respond_with_handler(
        lambda _request: Response(next(versions), content_type="text/plain; charset=utf-8")
    )
    added = run_json("source", "add", str(claim_id(seeded, ZELENSKY)), httpserver.url_for("/seite"), db=seeded)
    assert added["outcome"] == "not-found"
    same = run_json("source", "refresh", str(added["id"]), db=seeded)
    assert same["changed"] is False and len(same["snapshots"]) == 2
    other = run("source", "refresh", str(added["id"]), db=seeded).stdout
    assert "the content changed; 2 earlier snapshots kept" in other
    assert run("audit", "verify", db=seeded).returncode == 0


def test_a_failed_fetch_is_stored_and_exits_4(seeded: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/weg").respond_with_data("nicht da", status=404)
    proc = run("source", "add", str(claim_id(seeded, ZELENSKY)), httpserver.url_for("/weg"), db=seeded, ok=False)
    assert proc.returncode == 4
    assert proc.stderr.strip().splitlines() == [
        "error: source 1 is attached, but it could not be fetched: HTTP 404 NOT FOUND"
        " (factcheck source refresh 1 tries again)"
    ]
    listed = run_json("source", "list", str(claim_id(seeded, ZELENSKY)), db=seeded)
    assert [(s["state"], s["error"]) for s in listed] == [("failed", "HTTP 404 NOT FOUND")]


def test_no_fetch_attaches_only(seeded: Path) -> None:
    added = run_json("source", "add", str(claim_id(seeded, ZELENSKY)), "https://example.org/a", "--no-fetch", db=seeded)
    assert (added["state"], added["snapshots"], added["fetched_at"]) == ("pending", [], None)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("source", "add", "1", "ftp://example.org/x"), "not an http(s) URL, a file: URL or a file"),
        (("source", "add", "1", "/nirgends/datei.pdf"), "no such file: /nirgends/datei.pdf"),
        (("source", "add", "999999", "https://example.org/a"), "no claim with id 999999"),
        (("source", "add", "1", "https://example.org/a", "--archive", "archiv"), "archive URL must be an http(s)"),
        (("source", "add", "1", "https://example.org/a", "--timeout", "-1"), "--timeout must be positive"),
        (("source", "refresh", "77"), "no source with id 77"),
        (("source", "list", "x"), "claim id must be a number"),
    ],
)
def test_mistakes_are_one_line(seeded: Path, args: tuple[str, ...], needle: str) -> None:
    proc = run(*args, db=seeded, ok=False)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode not in (0, 4) and len(lines) == 1 and needle in lines[0], proc.stderr


def test_expect_version_refuses_a_stale_claim(seeded: Path) -> None:
    claim = claim_id(seeded, ZELENSKY)
    run("verdict", str(claim), "true", db=seeded)
    proc = run(
        "source", "add", str(claim), "https://example.org/a", "--no-fetch", "--expect-version", "1", db=seeded, ok=False
    )
    assert proc.returncode == 1 and "changed meanwhile" in proc.stderr


def test_a_hostile_page_never_drives_the_terminal(seeded: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "böse.html"
    hostile.write_bytes(
        b"<html><head><title>Titel\x1b]0;pwned\x07 \xe2\x80\xae</title></head>"
        b"<body><p>keine Abkommen ohne die Ukraine \x1b[2J\x9b sagte er in Kiew vor der Presse.</p></body></html>"
    )
    out = run("source", "add", str(claim_id(seeded, ZELENSKY)), str(hostile), db=seeded).stdout
    out += run("source", "list", str(claim_id(seeded, ZELENSKY)), db=seeded).stdout
    for control in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert control not in out


def test_the_timeout_option_and_variable(seeded: Path) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts connections, never answers
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        proc = run("source", "add", "1", url, "--timeout", "0.5", db=seeded, ok=False)
        assert proc.returncode == 4 and "timed out" in proc.stderr
        env = {"FACTCHECK_FETCH_TIMEOUT": "0.5"}
        proc = run("source", "refresh", "1", db=seeded, ok=False, env=env)
        assert proc.returncode == 4 and "timed out" in proc.stderr and "0.5 s" in proc.stderr
    finally:
        listener.close()
    assert os.path.exists(seeded)
