"""The hostile corpus through every input command, as a user runs them: `import`, `extract`, `checked import`.

Each run is a real process (`python -m factcheck`) with a time limit and an address-space limit. Whatever the
input, the process ends in time, says one line on stderr when it refuses (no traceback, no raw control
characters), leaves the database as it was after a refusal, and prints nothing that could drive the terminal.
Small corpus files are in tests/corpus/ (written by us); large and special ones (FIFO, /dev/zero, a symlink
loop, a folder, 21 MB, a 5,000-deep JSON) are made here in tmp.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SEED

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TIMEOUT_S = 30
MEMORY_BYTES = 1536 * 2**20
# C0 except newline and tab, DEL, C1: none of them may reach the terminal
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], tuple[str, Path | None]]  # tmp → (argument, file to feed on stdin or None)
    article: str  # expected for import/extract: "ok", "refused"
    checked: str = "refused"  # expected for checked import


def corpus(name: str) -> Callable[[Path], tuple[str, Path | None]]:
    return lambda tmp: (str(CORPUS / name), None)


def _fifo(tmp: Path) -> tuple[str, Path | None]:
    path = tmp / "fifo.txt"
    if not path.exists():
        os.mkfifo(path)  # nobody ever writes: opening it for reading would wait forever
    return str(path), None


def _symlink_loop(tmp: Path) -> tuple[str, Path | None]:
    a, b = tmp / "loop-a.txt", tmp / "loop-b.txt"
    if not a.is_symlink():
        a.symlink_to(b)
        b.symlink_to(a)
    return str(a), None


def _folder(tmp: Path) -> tuple[str, Path | None]:
    (tmp / "folder.txt").mkdir(exist_ok=True)
    return str(tmp / "folder.txt"), None


def _too_large(tmp: Path) -> tuple[str, Path | None]:
    path = tmp / "huge.txt"
    with path.open("wb") as f:
        f.truncate(21 * 2**20)  # sparse: 21 MB to stat(), no disk used
    return str(path), None


def _deep_json(tmp: Path) -> tuple[str, Path | None]:
    path = tmp / "deep.json"
    path.write_bytes(b"[" * 5000 + b"]" * 5000)
    return str(path), None


def _long_line(tmp: Path) -> tuple[str, Path | None]:
    path = tmp / "one-line.txt"
    # ~300 KB on one line (no line break anywhere); one sentence in it to extract
    path.write_text("Die Quote stieg 2024 um 5 Prozent. " + "wort " * 60000, encoding="utf-8")
    return str(path), None


def _stdin_zero(tmp: Path) -> tuple[str, Path | None]:
    return "-", Path("/dev/zero")


def _stdin_seed(tmp: Path) -> tuple[str, Path | None]:
    return "-", SEED


def _tripled_seed(tmp: Path) -> tuple[str, Path | None]:
    path = tmp / "tripled.txt"
    path.write_text("\n\n".join([SEED.read_text(encoding="utf-8")] * 3) + "\nNachtrag am 3. März 2025.\n")
    return str(path), None


CASES = [
    Case("fifo", _fifo, "refused"),
    Case("dev-zero", lambda tmp: ("/dev/zero", None), "refused"),
    Case("stdin-dev-zero", _stdin_zero, "refused"),
    Case("symlink-loop", _symlink_loop, "refused"),
    Case("missing", lambda tmp: (str(tmp / "missing.txt"), None), "refused"),
    Case("folder", _folder, "refused"),
    Case("too-large", _too_large, "refused"),
    Case("empty", corpus("empty.txt"), "refused"),
    Case("whitespace-only", corpus("whitespace-only.txt"), "refused"),
    Case("binary", corpus("binary.bin"), "refused"),
    Case("pdf", corpus("pdf-header.pdf"), "refused"),
    Case("nul-laden", corpus("nul-laden.txt"), "refused"),
    Case("french", corpus("french.txt"), "refused"),
    Case("deep-json", _deep_json, "ok"),  # brackets are text to an article import; checked import refuses
    Case("long-line", _long_line, "ok"),
    Case("escape-sequences", corpus("escape-sequences.txt"), "ok"),
    Case("control-chars", corpus("control-chars.txt"), "ok"),
    Case("invalid-utf8", corpus("invalid-utf8.txt"), "ok"),
    Case("mojibake", corpus("mojibake.txt"), "ok"),
    Case("soft-hyphens-ligatures", corpus("soft-hyphens-ligatures.txt"), "ok"),
    Case("repeated-lines", corpus("repeated-lines.txt"), "ok"),
    Case("tripled-seed", _tripled_seed, "ok"),
    Case("stdin-seed", _stdin_seed, "ok"),
    Case("csv-escape-in-header", corpus("header-escape.csv"), "ok", checked="refused"),
    Case("csv-escape-in-cell", corpus("checked-escape-cell.csv"), "ok", checked="ok"),
    Case("claimreview-escape", corpus("checked-claimreview.json"), "ok", checked="ok"),
]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run(args: list[str], stdin: Path | None, db: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    env["FACTCHECK_USER"] = "tester"
    with (stdin or Path(os.devnull)).open("rb") as feed:
        return subprocess.run(
            [sys.executable, "-m", "factcheck", "--db", str(db), *args],
            stdin=feed,
            capture_output=True,
            timeout=TIMEOUT_S,  # a hang fails the test instead of freezing the suite
            preexec_fn=_limits,
            env=env,
            check=False,
        )


def dump(db: Path) -> str:
    """Every row of every table, hashed: equal before and after means the database is unchanged."""
    with sqlite3.connect(db) as conn:
        return hashlib.sha256("\n".join(conn.iterdump()).encode()).hexdigest()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "hostile.db"
    done = run(["import", str(SEED)], None, path)  # a database with an article in it, not an empty one
    assert done.returncode == 0, done.stderr
    return path


def check_run(done: subprocess.CompletedProcess[bytes], expected: str, before: str, db: Path) -> None:
    err = done.stderr.decode("utf-8", errors="replace")
    out = done.stdout.decode("utf-8", errors="replace")
    assert "Traceback" not in err, err
    assert not RAW_CONTROL.search(err), repr(err)
    assert not RAW_CONTROL.search(out), repr(out[:500])
    if expected == "refused":
        assert done.returncode == 1, (done.returncode, err, out[:300])
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), repr(err)
        assert dump(db) == before, "a refused input changed the database"
    else:
        assert done.returncode == 0, (done.returncode, err)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("command", ["import", "extract", "checked-import"])
def test_hostile_input(case: Case, command: str, db: Path, tmp_path: Path) -> None:
    arg, stdin = case.make(tmp_path)
    if command == "checked-import":
        args, expected = ["checked", "import", arg], case.checked
    else:
        args, expected = [command, arg], case.article
    if command == "extract":
        args.append("--json")  # the JSON path must be as safe as the table
    before = dump(db)
    check_run(run(args, stdin, db), expected, before, db)
