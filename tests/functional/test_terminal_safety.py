"""Stored text never drives the terminal: every human-readable CLI output shows control characters escaped.

The escape corpus holds what hijacks a terminal when printed raw: an OSC title change, clear screen,
the alternate screen, an OSC 8 hyperlink, BEL, a C1 CSI (U+009B) and a bidi override. It goes in through
every entry (article text, --title, note, rationale, --by, a checked-claim file) and, to stand for
databases written by older versions that did not clean input, straight into the stored rows by SQL.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED, SOURCE_TREE

TITLE_HIJACK = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
ALT_SCREEN = "\x1b[?1049h"
OSC8 = "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\"
BEL = "\x07"
C1_CSI = "\x9b31m"
BIDI = "\u202e"
CORPUS = TITLE_HIJACK + CLEAR + ALT_SCREEN + OSC8 + BEL + C1_CSI + BIDI

# Anything that can act on a terminal: C0 other than newline and tab, DEL, C1, bidi controls.
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(db: Path, *args: str, ok: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
        env={
            "PATH": "/usr/bin:/bin",
            "FACTCHECK_USER": "tester",
            "HOME": str(db.parent),
            "FACTCHECK_NO_TUI": "1",
            **SOURCE_TREE,
        },
    )
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


def assert_terminal_safe(proc: subprocess.CompletedProcess[str]) -> None:
    for stream, output in (("stdout", proc.stdout), ("stderr", proc.stderr)):
        bad = RAW_CONTROL.findall(output)
        assert not bad, f"{stream} carries raw control characters {bad!r}: {output!r}"


@pytest.fixture
def hostile_db(tmp_path: Path) -> tuple[Path, int, int]:
    """A database whose article, claim, note, verdict and checked claim all hold the escape corpus."""
    db = tmp_path / "claims.db"
    article = tmp_path / "evil.txt"
    article.write_text(
        f"Der Minister {CORPUS}sagte am 3. Mai 2024 in Berlin, die Kosten lägen bei 40 Millionen Euro.\n\n"
        + SEED.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    imported = run(db, "import", str(article), "--title", f"Titel {CORPUS}", "--by", f"ev{CLEAR}il")
    assert_terminal_safe(imported)
    article_id = json.loads(run(db, "articles", "--json").stdout)[0]["id"]
    claim_id = next(
        c["id"]
        for c in json.loads(run(db, "claims", str(article_id), "--all", "--json").stdout)
        if "Minister" in c["text"]
    )
    assert_terminal_safe(run(db, "note", str(claim_id), f"Notiz {CORPUS}", "--by", f"Mallory {TITLE_HIJACK}"))
    assert_terminal_safe(run(db, "verdict", str(claim_id), "false", "--rationale", f"Weil {CORPUS}"))
    checked = tmp_path / "checked.csv"
    checked.write_text(
        "claim,verdict,url,date,language\n"
        f'"Der Minister sagte, die Kosten lägen bei 40 Millionen Euro {CORPUS}",falsch,'
        f"https://example.org/{BEL},2024-05-04,de\n"
        + "".join(
            f"Die Gemeinde Nummer {i} hat im Jahr 20{10 + i} genau {i * 7} neue Wohnungen gebaut.,richtig,"
            f"https://example.org/{i},2024-05-0{i},de\n"
            for i in range(1, 10)
        ),
        encoding="utf-8",
    )
    assert_terminal_safe(run(db, "checked", "import", str(checked)))
    # An older version stored whatever it was given: put the raw corpus back into every text column.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE article SET title = ?", (f"Alt {CORPUS}",))
        conn.execute("UPDATE claim SET text = text || ?", (CORPUS,))
        # Text stored by an older version or by hand: the append-only guards of 0007 stand aside for it.
        conn.execute("DROP TRIGGER IF EXISTS note_append_only_update")
        conn.execute("DROP TRIGGER IF EXISTS verdict_append_only_update")
        conn.execute("UPDATE note SET body = ?, author = ?", (f"alt {CORPUS}", f"a{CORPUS}"))
        conn.execute("UPDATE verdict SET rationale = ?, checker = ?", (f"alt {CORPUS}", f"c{CORPUS}"))
        conn.execute("UPDATE event SET actor = ?", (f"e{CORPUS}",))
    return db, article_id, claim_id


def test_every_human_readable_output_escapes_stored_controls(hostile_db: tuple[Path, int, int]) -> None:
    db, article_id, claim_id = hostile_db
    outputs = {
        "articles": run(db, "articles"),
        "claims": run(db, "claims", str(article_id), "--all"),
        "claims (all articles)": run(db, "claims", "--all"),
        "show": run(db, "show", str(claim_id)),
        "history": run(db, "history", str(claim_id)),
        "history of the article": run(db, "history", "--article", str(article_id), "--lang", "de"),
        "similar": run(db, "similar", "--text", "Kosten 40 Millionen Euro Minister", "--lang", "de"),
        "open without a terminal": run(db, "open", str(article_id)),
        "tui without a terminal": run(db, "tui"),
    }
    for name, proc in outputs.items():
        assert_terminal_safe(proc), name
    # The content is shown, escaped, not dropped: a checker sees that something odd is stored.
    assert "\\x1b]0;pwned\\x07" in outputs["show"].stdout
    assert "\\x1b" in outputs["articles"].stdout and "\\x1b" in outputs["claims"].stdout


def test_json_output_keeps_the_stored_text_exactly(hostile_db: tuple[Path, int, int]) -> None:
    db, _article_id, claim_id = hostile_db
    proc = run(db, "show", str(claim_id), "--json")
    assert_terminal_safe(proc)  # JSON escapes control characters as \\u001b
    assert json.loads(proc.stdout)["notes"][0]["body"] == f"alt {CORPUS}"


def test_extract_and_import_lines_escape_article_text(tmp_path: Path) -> None:
    db = tmp_path / "claims.db"
    text = (
        f"Die Stadt {CORPUS} zahlte 2023 rund 12 Millionen Euro für die Brücke, sagte Bürgermeisterin Anna Berg.\n\n"
        + SEED.read_text(encoding="utf-8")
    )
    assert_terminal_safe(run(db, "extract", "-", stdin=text))
    assert_terminal_safe(run(db, "import", "-", "--title", CORPUS, stdin=text))


def test_errors_that_echo_user_input_are_escaped(tmp_path: Path) -> None:
    db = tmp_path / "claims.db"
    run(db, "import", str(SEED))
    claim_id = json.loads(run(db, "claims", "--json").stdout)[0]["id"]
    errors = [
        run(db, "verdict", str(claim_id), f"fals{CORPUS}", "--rationale", "x", ok=False),
        run(db, "show", f"1{CORPUS}", ok=False),
        run(db, "claims", "--status", CORPUS, ok=False),
        run(db, f"expor{TITLE_HIJACK}", ok=False),
        run(db, "import", f"/nonexistent/{CORPUS}.txt", ok=False),
    ]
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text(f"claim{CORPUS},verdict\nx,false\n", encoding="utf-8")
    errors.append(run(db, "checked", "import", str(bad_csv), ok=False))
    for proc in errors:
        assert proc.returncode != 0
        assert_terminal_safe(proc)
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
        assert "Traceback" not in proc.stderr


def test_arguments_with_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    """A terminal that sends Latin-1 ("M\\xfcnchen") gets its words stored as cp1252, never a traceback."""
    db = tmp_path / "claims.db"
    article = tmp_path / "artikel-\xfc.txt".encode("latin-1").decode("utf-8", "surrogateescape")
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "FACTCHECK_NO_TUI": "1", **SOURCE_TREE}

    def cli(*args: str | bytes) -> subprocess.CompletedProcess[str]:
        command: list[str | bytes] = [sys.executable, "-m", "factcheck", "--db", str(db), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)

    imported = cli("import", str(article), "--by", b"J\xfcrgen")
    assert imported.returncode == 0, imported.stderr
    claim_id = str(json.loads(cli("claims", "--json").stdout)[0]["id"])
    assert cli("note", claim_id, b"M\xfcnchen \x9b31m", "--by", b"J\xfcrgen").returncode == 0
    for proc in (cli("show", claim_id), cli("articles", "--search", b"M\xfc"), cli("similar", "--text", b"M\xfcnchen")):
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        assert_terminal_safe(proc)
    shown = json.loads(cli("show", claim_id, "--json").stdout)
    assert shown["notes"][0]["body"].startswith("München") and shown["notes"][0]["author"] == "Jürgen"
