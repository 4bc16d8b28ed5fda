"""`factcheck db copy | upgrade | check | backup`, driven as a desk would: through the command line, on
real SQLite files and the real PostgreSQL server (its half skips where no server answers)."""

from __future__ import annotations

import csv
import json
import os
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, create_engine, select, text

from factcheck.audit.digest import timestamp
from factcheck.store.copy import data_tables
from factcheck.store.engine import create_store_engine, head_revision
from tests.conftest import ROOT, SEED

GOLD = ROOT / "tests" / "gold"
CHECKED = ROOT / "tests" / "fixtures" / "checked"
QUERIES = [
    ("Putin und Trump haben am 18. März 2025 telefoniert", "de"),
    ("Die Miete in Köln ist 2023 um 6 Prozent gestiegen", "de"),
    ("The unemployment rate fell to 3 percent last year", "en"),
]


def factcheck(*args: str, db: str | None = None, ok: bool = True, by: str = "anna") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "factcheck", *(["--db", db] if db else []), *args]
    env = {**os.environ, "FACTCHECK_USER": by, "PYTHONIOENCODING": "utf-8"}
    env.pop("FACTCHECK_DB", None)
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


def as_json(*args: str, db: str | None = None, by: str = "anna") -> Any:
    return json.loads(factcheck(*args, "--json", db=db, by=by).stdout)


def one_line_error(proc: subprocess.CompletedProcess[str], needle: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], proc.stderr


def memory_csv(folder: Path) -> Path:
    """Fact-checks of our own, enough that ranking has something to rank (German and English)."""
    path = folder / "memory.csv"
    places = ["Berlin", "Hamburg", "München", "Köln", "Leipzig", "Dresden", "Bremen", "Essen"]
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["claim", "rating", "url", "date", "language"])
        for i, place in enumerate(places):
            out.writerow(
                [
                    f"In {place} stieg die Miete 2023 um {i + 3} Prozent.",
                    "falsch",
                    f"https://fc.example/m{i}",
                    "2024-01-0" + str(i + 1),
                    "de",
                ]
            )
            out.writerow(
                [
                    f"Die Arbeitslosenquote in {place} fiel auf {i + 4} Prozent.",
                    "richtig",
                    f"https://fc.example/a{i}",
                    "2023-05-1" + str(i),
                    "de",
                ]
            )
            out.writerow(
                [
                    f"The mayor of {place} said unemployment fell to {i + 2} percent.",
                    "false",
                    f"https://fc.example/e{i}",
                    "2022-03-0" + str(i + 1),
                    "en",
                ]
            )
        out.writerow(
            [
                "Trump und Putin trafen sich am 16. Juli 2018 in Helsinki.",
                "richtig",
                "https://fc.example/helsinki",
                "2018-07-17",
                "de",
            ]
        )
    return path


def build_desk(db: str, folder: Path) -> dict[str, int]:
    """A desk's store: two articles, verdicts with a review, notes, a fetched file source, the memory,
    and a label mapping."""
    seed = as_json("import", str(SEED), db=db)["article_id"]
    as_json("import", str(GOLD / "gigafactory-dundee.en.txt"), db=db)
    claims = [c["id"] for c in as_json("claims", str(seed), db=db)][:3]
    as_json("verdict", str(claims[0]), "falsch", "--rationale", "Kein Beleg „dafür“", db=db)
    as_json("verdict", str(claims[1]), "richtig", "--rationale", "Protokoll liegt vor", db=db)
    as_json("review", str(claims[0]), "approve", "--comment", "passt", db=db, by="ben")
    as_json("note", str(claims[2]), "Nachfrage beim Kreml läuft — ü ß", db=db)
    evidence = folder / "evidence.txt"
    evidence.write_text("Trump und Putin telefonierten am 18. März 2025 über die Ukraine.", encoding="utf-8")
    as_json("source", "add", str(claims[1]), str(evidence), "--note", "Mitschrift", db=db)
    factcheck("checked", "import", str(memory_csv(folder)), db=db)
    factcheck("checked", "import", str(CHECKED / "claimreview_unmapped_labels.json"), db=db)
    labels = as_json("checked", "labels", db=db)
    if labels:
        first = labels[0]["label"]
        factcheck("checked", "labels", "--map", f"{first}=misleading", db=db)
    return {"seed": seed, "claim": claims[0]}


def content(db: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, values normalised (times as text, JSON parsed), without db.copy events."""
    url = db if "://" in db else f"sqlite:///{db}"
    engine = create_engine(url)
    found: dict[str, list[tuple[Any, ...]]] = {}
    try:
        with engine.connect() as connection:
            for table in data_tables():
                rows = connection.execute(select(table).order_by(*table.primary_key.columns)).mappings()
                kept = [r for r in rows if not (table.name == "event" and r["action"] == "db.copy")]
                found[table.name] = [tuple(_normal(r[c.name], c.type) for c in table.columns) for r in kept]
    finally:
        engine.dispose()
    return found


def _normal(value: Any, kind: Any) -> Any:
    if hasattr(value, "isoformat"):
        return timestamp(value)
    if isinstance(kind, JSON) and isinstance(value, str):
        return json.loads(value)
    return value


def similar_results(db: str) -> list[list[tuple[int, float]]]:
    results = []
    for query, language in QUERIES:
        found = as_json("similar", "--text", query, "--lang", language, "--top", "5", db=db)
        results.append([(m["checked_id"], m["score"]) for m in found])
    return results


@pytest.fixture(scope="module")
def desk_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, int]]:
    folder = tmp_path_factory.mktemp("desk")
    db = str(folder / "desk.db")
    return db, build_desk(db, folder)


@pytest.fixture
def desk(desk_template: tuple[str, dict[str, int]], tmp_path: Path) -> tuple[str, dict[str, int]]:
    """The desk built once per module, as a file of this test's own (tests change it)."""
    template, ids = desk_template
    db = tmp_path / "desk.db"
    _copy_file(template, db)
    return str(db), ids


# -- db copy ----------------------------------------------------------------------------------------


def test_round_trip_sqlite_postgres_sqlite_keeps_content_chain_and_similar_results(
    desk: tuple[str, dict[str, int]], pg_url: str, tmp_path: Path
) -> None:
    source, ids = desk
    back = str(tmp_path / "back.db")
    copied = as_json("db", "copy", "--from", source, "--to", pg_url)
    assert copied["rows"]["verdict"] == 2 and copied["rows"]["review"] == 1 and copied["rows"]["source_snapshot"] == 1
    as_json("db", "copy", "--from", pg_url, "--to", back, by="carla")

    original = content(source)
    assert content(pg_url) == original
    assert content(back) == original
    for db in (source, pg_url, back):
        assert as_json("audit", "verify", db=db)["ok"]
    # ids are kept: the claim the verdict was given to is the same claim on every side
    for db in (pg_url, back):
        shown = as_json("show", str(ids["claim"]), db=db)
        assert shown["verdict"]["rating"] == "false" and shown["verdict"]["review_state"] == "approved"
    # the copy is in the target's history, naming its source and that source's last event
    copy_events = [e for e in _events(back) if e["action"] == "db.copy"]
    assert [e["actor"] for e in copy_events] == ["anna", "carla"]
    assert copy_events[-1]["after"]["source"].startswith("postgresql")
    # new writes on the copy get new ids after the copied ones, on both backends
    for db in (pg_url, back):
        note = as_json("note", str(ids["claim"]), "nach der Kopie", db=db)
        assert note["id"] > max(r[0] for r in content(source)["note"])
        assert as_json("audit", "verify", db=db)["ok"]
    assert similar_results(back) == similar_results(source)
    assert [[i for i, _ in r] for r in similar_results(pg_url)] == [[i for i, _ in r] for r in similar_results(source)]


def _events(db: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in factcheck("audit", "export", db=db).stdout.splitlines()]


def test_copy_refuses_a_non_empty_target_unless_told_and_replace_takes_the_source(
    desk: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    source, _ids = desk
    other = str(tmp_path / "other.db")
    as_json("import", str(GOLD / "legionellen-guetersloh.de.txt"), db=other)
    before = content(other)

    refused = factcheck("db", "copy", "--from", source, "--to", other, ok=False)
    one_line_error(refused, "is not empty (article: 1")
    assert content(other) == before  # untouched

    replaced = as_json("db", "copy", "--from", source, "--to", other, "--replace")
    assert replaced["replaced"]["article"] == 1
    assert content(other) == content(source)
    assert as_json("audit", "verify", db=other)["ok"]
    # the append-only guards are back after the replace
    with sqlite3.connect(other) as connection, pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("DELETE FROM verdict")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--from", "{missing}", "--to", "{target}"], "no database at"),
        (["--from", "{source}", "--to", "{source}"], "name the same database"),
        (["--from", "{source}", "--to", "{nofolder}"], "folder does not exist"),
        (["--from", "{junk}", "--to", "{target}"], "file is not a database"),
        (["--from", "{source}", "--to", "postgresql+psycopg://nobody@127.0.0.1:1/none"], "cannot open database"),
    ],
)
def test_copy_mistakes_get_one_line_and_leave_no_file(
    desk: tuple[str, dict[str, int]], tmp_path: Path, args: list[str], needle: str
) -> None:
    source, _ids = desk
    junk = tmp_path / "junk.db"
    junk.write_text("not a database")
    names = {
        "missing": str(tmp_path / "missing.db"),
        "source": source,
        "target": str(tmp_path / "target.db"),
        "nofolder": str(tmp_path / "no" / "such.db"),
        "junk": str(junk),
    }
    one_line_error(factcheck("db", "copy", *[a.format(**names) for a in args], ok=False), needle)
    assert not Path(names["target"]).exists()
    assert not Path(names["missing"]).exists()


def test_a_copy_killed_midway_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    source = str(tmp_path / "big.db")
    _big_store(source, tmp_path)
    target = str(tmp_path / "target.db")
    as_json("import", str(SEED), db=target)
    before = content(target)
    wal = Path(f"{target}-wal")
    env = {**os.environ, "FACTCHECK_USER": "anna"}
    copying = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "db", "copy", "--from", source, "--to", target, "--replace"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # Midway: the copy's uncommitted pages have started to fill the target's write-ahead log.
        _wait_for(lambda: (wal.exists() and wal.stat().st_size > 2_000_000) or copying.poll() is not None)
        assert copying.poll() is None, "the copy finished before it could be interrupted; make the store bigger"
        copying.kill()
    finally:
        copying.wait(timeout=30)
    assert content(target) == before
    assert as_json("db", "check", db=target)["ok"]
    retried = as_json("db", "copy", "--from", source, "--to", target, "--replace")
    assert retried["rows"]["checked_claim"] == content(source)["checked_claim"].__len__()
    assert as_json("audit", "verify", db=target)["ok"]


def _big_store(db: str, folder: Path) -> None:
    path = folder / "many.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["claim", "rating", "url", "language"])
        for i in range(30_000):
            out.writerow(
                [
                    f"Behauptung Nummer {i} über die Stadt {i % 97} und {i % 13} Prozent",
                    "falsch",
                    f"https://fc.example/{i}",
                    "de",
                ]
            )
    factcheck("checked", "import", str(path), db=db)


def _wait_for(condition: Any, timeout: float = 120.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


# -- db check ---------------------------------------------------------------------------------------


def test_check_passes_a_good_store_and_names_what_is_wrong_in_a_bad_one(
    desk: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    source, _ids = desk
    report = as_json("db", "check", db=source)
    assert report["ok"] and {c["name"] for c in report["checks"]} >= {
        "schema",
        "integrity",
        "memory index",
        "audit log",
    }
    assert report["rows"]["verdict"] == 2

    tampered = tmp_path / "tampered.db"
    _copy_file(source, tampered)
    with sqlite3.connect(tampered) as connection:
        connection.execute("DROP TRIGGER note_append_only_update")
        connection.execute("UPDATE note SET body = 'geändert'")
    proc = factcheck("db", "check", db=str(tampered), ok=False)
    assert proc.returncode == 1 and "fail    audit log: row note:" in proc.stdout
    one_line_error(proc, "the database check found problems")

    damaged = tmp_path / "damaged.db"
    _copy_file(source, damaged)
    with sqlite3.connect(damaged) as connection:
        connection.execute(
            "INSERT INTO checked_claim_fts(checked_claim_fts, rowid, terms)"
            " SELECT 'delete', id, terms FROM checked_claim"
        )
    found = {
        c["name"]: c for c in json.loads(factcheck("db", "check", "--json", db=str(damaged), ok=False).stdout)["checks"]
    }
    assert found["memory index"]["status"] == "fail" and "rebuild" in found["memory index"]["detail"]


def test_check_and_upgrade_of_an_older_and_of_a_newer_schema(tmp_path: Path) -> None:
    old = str(tmp_path / "old.db")
    create_store_engine(old, migrate_to="0005").dispose()
    checks = {c["name"]: c for c in as_json("db", "check", db=old)["checks"]}
    assert checks["schema"]["status"] == "warn" and "0005" in checks["schema"]["detail"]
    assert checks["audit log"]["status"] == "skipped"
    assert _revision(old) == "0005"  # check changed nothing

    upgraded = as_json("db", "upgrade", db=old)
    assert (upgraded["before"], upgraded["after"]) == ("0005", head_revision())
    assert "nothing to do" in factcheck("db", "upgrade", db=old).stdout

    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    proc = factcheck("db", "check", db=old, ok=False)
    assert "newer than this factcheck" in proc.stdout
    one_line_error(factcheck("db", "upgrade", db=old, ok=False), "made by a newer factcheck (schema revision 9999;")
    one_line_error(factcheck("db", "check", db=str(tmp_path / "none.db"), ok=False), "no database at")
    assert not (tmp_path / "none.db").exists()


def _revision(db: str) -> str:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def _copy_file(source: str, target: Path) -> None:
    with sqlite3.connect(source) as a, sqlite3.connect(target) as b:
        a.backup(b)


def test_check_on_postgresql(desk: tuple[str, dict[str, int]], pg_url: str) -> None:
    source, _ids = desk
    as_json("db", "copy", "--from", source, "--to", pg_url)
    report = as_json("db", "check", db=pg_url)
    assert report["ok"], report
    assert {c["name"] for c in report["checks"]} >= {"schema", "indexes", "memory index", "audit log"}
    engine = create_engine(pg_url)
    with engine.begin() as connection:  # a posting lost behind the triggers' back
        connection.execute(
            text(
                "DELETE FROM checked_claim_fts_postings WHERE ctid = (SELECT min(ctid) FROM checked_claim_fts_postings)"
            )
        )
    engine.dispose()
    found = {c["name"]: c for c in json.loads(factcheck("db", "check", "--json", db=pg_url, ok=False).stdout)["checks"]}
    assert found["memory index"]["status"] == "fail" and "checked_claim_fts_rebuild" in found["memory index"]["detail"]


# -- db backup --------------------------------------------------------------------------------------


def test_backup_while_a_colleague_writes_is_a_consistent_store(
    desk: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    source, ids = desk
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a colleague in the middle of a write: the backup does not wait for it
    writer.execute("UPDATE claim SET status = status WHERE id = ?", (ids["claim"],))
    try:
        copy = tmp_path / "copy.db"
        result = as_json("db", "backup", str(copy), db=source)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result["path"] == str(copy) and copy.stat().st_size == result["bytes"] > 0
    assert content(str(copy)) == content(source)
    assert as_json("db", "check", db=str(copy))["ok"]
    assert not [p for p in tmp_path.iterdir() if ".part-" in p.name]

    one_line_error(factcheck("db", "backup", str(copy), db=source, ok=False), "exists; give --force")
    as_json("db", "backup", str(copy), "--force", db=source)
    one_line_error(factcheck("db", "backup", source, db=source, ok=False), "cannot replace the database itself")
    into_folder = as_json("db", "backup", str(tmp_path), db=source)
    assert Path(into_folder["path"]).parent == tmp_path and "desk-backup-" in into_folder["path"]


def test_backup_of_postgresql_prints_a_pg_dump_line_that_works(
    desk: tuple[str, dict[str, int]], pg_url: str, tmp_path: Path
) -> None:
    source, _ids = desk
    as_json("db", "copy", "--from", source, "--to", pg_url)
    dump = tmp_path / "desk.dump"
    result = as_json("db", "backup", str(dump), db=pg_url)
    assert result["path"] is None and result["command"].startswith("pg_dump ")
    if not Path("/usr/bin/pg_dump").exists():
        pytest.skip("pg_dump is not installed")
    subprocess.run(shlex.split(result["command"]), check=True, timeout=120)
    listing = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True).stdout
    schema = pg_url.rsplit("%3D", 1)[1]
    assert f"TABLE DATA {schema} verdict" in listing and f"TABLE DATA {schema} event" in listing


def test_copy_of_a_keyed_audit_log_stays_keyed(tmp_path: Path) -> None:
    source, target = str(tmp_path / "keyed.db"), str(tmp_path / "copy.db")
    keyed = {**os.environ, "FACTCHECK_AUDIT_KEY": "desk-secret", "FACTCHECK_USER": "anna"}
    for args in (["import", str(SEED)], ["db", "copy", "--from", source, "--to", target]):
        subprocess.run(
            [sys.executable, "-m", "factcheck", "--db", source, *args], env=keyed, check=True, capture_output=True
        )
    verify = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", target, "audit", "verify", "--json"],
        env=keyed,
        capture_output=True,
        text=True,
    )
    assert json.loads(verify.stdout)["keyed"] is True and verify.returncode == 0
    unkeyed = factcheck("audit", "verify", db=target, ok=False)
    assert unkeyed.returncode != 0
    with create_engine(f"sqlite:///{target}").connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM event WHERE action = 'db.copy'")).scalar() == 1


def test_a_copy_that_cannot_get_its_locks_gives_up_in_one_line_and_changes_nothing(
    desk: tuple[str, dict[str, int]], pg_url: str
) -> None:
    source, _ids = desk
    as_json("db", "copy", "--from", source, "--to", pg_url)
    before = content(pg_url)
    reader = create_engine(pg_url)
    with reader.connect() as connection:
        connection.execute(text("SELECT count(*) FROM claim"))  # a colleague's open read holds the table
        env = {**os.environ, "FACTCHECK_USER": "anna", "FACTCHECK_WRITE_WAIT": "1"}
        proc = subprocess.run(
            [sys.executable, "-m", "factcheck", "db", "copy", "--from", source, "--to", pg_url, "--replace"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        connection.rollback()
    reader.dispose()
    one_line_error(proc, "the copy failed and changed nothing: canceling statement due to lock timeout")
    assert content(pg_url) == before


def test_one_postgresql_schema_under_two_names_is_the_same_database(pg_url: str, tmp_path: Path) -> None:
    as_json("import", str(SEED), db=pg_url)
    other_spelling = pg_url.replace("@127.0.0.1:", "@localhost:")
    assert other_spelling != pg_url
    proc = factcheck("db", "copy", "--from", pg_url, "--to", other_spelling, "--replace", ok=False)
    one_line_error(proc, "--from and --to name the same database")
    assert len(content(pg_url)["claim"]) > 0


def test_backup_never_replaces_a_device_a_pipe_or_the_databases_own_files(
    desk: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    source, _ids = desk
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for target in ("/dev/null", str(pipe)):
        one_line_error(factcheck("db", "backup", target, "--force", db=source, ok=False), "not a regular file")
    assert Path("/dev/null").is_char_device() and pipe.is_fifo()
    as_json("note", str(_ids["claim"]), "damit es eine WAL-Datei gibt", db=source)
    wal = Path(f"{source}-wal")
    if wal.exists():
        one_line_error(factcheck("db", "backup", str(wal), "--force", db=source, ok=False), "the database itself")
    link = tmp_path / "hard.db"
    os.link(source, link)
    one_line_error(factcheck("db", "backup", str(link), "--force", db=source, ok=False), "the database itself")


def test_the_pg_dump_line_never_carries_the_password() -> None:
    from factcheck.services.database import pg_dump_command

    line = pg_dump_command(
        "postgresql+psycopg://desk:s3cr%27et@db.example:5433/newsroom?options=-csearch_path%3Ddesk", "x.dump"
    )
    assert "s3cr" not in line and "postgresql://desk@db.example:5433/newsroom" in line and "--schema=desk" in line


def test_check_while_a_colleague_writes_is_not_a_corruption_verdict(desk: tuple[str, dict[str, int]]) -> None:
    source, _ids = desk
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        env = {**os.environ, "FACTCHECK_USER": "anna"}
        proc = subprocess.run(
            [sys.executable, "-m", "factcheck", "--db", source, "db", "check", "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    report = json.loads(proc.stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert report["ok"] and proc.returncode == 0
    assert checks["memory index"]["status"] in ("ok", "skipped") and checks["audit log"]["status"] == "ok"


def test_copy_refuses_a_hard_link_an_empty_name_and_an_in_memory_database(
    desk: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    source, _ids = desk
    link = tmp_path / "hard.db"
    os.link(source, link)
    one_line_error(factcheck("db", "copy", "--from", source, "--to", str(link), "--replace", ok=False), "same database")
    one_line_error(factcheck("db", "copy", "--from", "", "--to", str(tmp_path / "x.db"), ok=False), "--from is empty")
    one_line_error(factcheck("db", "copy", "--from", source, "--to", "sqlite://", ok=False), "in-memory database")
    assert not (tmp_path / "x.db").exists()
