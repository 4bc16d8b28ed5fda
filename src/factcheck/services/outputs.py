"""Writing an output file (a report, a checkpoint, an audit export) whole, and never over the wrong file.

A report path is typed by hand, one letter away from the database (`claims.db` / `claims.md`) or the
article it came from. So a file is written through a temporary file and a rename (an interrupted
write never leaves half a file over an older one), and an existing file is replaced only when it is a
regular file that looks like an output: not the open database or its journal, not any SQLite
database, not a device, pipe or socket, and with an output suffix — other files need `force`.
A symbolic link is written through: the file it points to is replaced, the link stays.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from factcheck.errors import InputError
from factcheck.text.control import terminal_safe

OUTPUT_SUFFIXES = frozenset({".md", ".markdown", ".html", ".htm", ".json", ".jsonl", ".jsonld", ".csv"})
_SQLITE_HEADER = b"SQLite format 3\x00"
_DATABASE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _permissions(existing: os.stat_result | None) -> int:
    """Those of the file replaced, else what any new file gets (the umask): readable on a shared drive."""
    if existing is not None:
        return existing.st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _is_sqlite(path: Path) -> bool:
    with contextlib.suppress(OSError), path.open("rb") as handle:
        return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    return False


def _refusal(target: Path, info: os.stat_result, protect: Iterable[Path], force: bool) -> str | None:
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file (a device, pipe or socket)"
    for database in protect:
        for companion in _DATABASE_COMPANIONS:
            candidate = Path(f"{database}{companion}")
            with contextlib.suppress(OSError):
                if candidate.exists() and os.path.samefile(candidate, target):
                    return "it is the open database"
    if _is_sqlite(target):
        return "it is a SQLite database"
    if not force and target.suffix.lower() not in OUTPUT_SUFFIXES:
        return f"it exists and is not a report file ({', '.join(sorted(OUTPUT_SUFFIXES))}); --force replaces it"
    return None


def write_output(text: str, path: Path, *, force: bool = False, protect: Iterable[Path] = ()) -> Path:
    """Write `text` (UTF-8) to `path` whole or not at all; returns the path written (a link's target).

    `protect`: database files that must never be replaced (with their -wal/-shm/-journal files).
    Raises InputError (one line, the path terminal-safe) for a folder, a missing folder, a file that
    must not be replaced (see the module docstring), a name too long, or a disk that refuses.
    """
    shown = terminal_safe(str(path), one_line=True)
    temporary: Path | None = None
    try:
        target = Path(os.path.abspath(path.expanduser()))
        if target.is_symlink():
            target = target.resolve()
        if target.is_dir():
            raise InputError(f"cannot write to {shown}: it is a folder")
        if not target.parent.is_dir():
            folder = terminal_safe(str(target.parent), one_line=True)
            raise InputError(f"cannot write to {shown}: folder {folder} does not exist")
        existing = target.stat() if target.exists() else None
        if existing is not None and (reason := _refusal(target, existing, protect, force)):
            raise InputError(f"will not replace {shown}: {reason}")
        # A short name: the file's own name may already be near the file system's limit.
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", newline="", dir=target.parent, prefix=".fc-", suffix=".part", delete=False
        ) as handle:
            temporary = Path(handle.name)
            handle.write(text)
        os.chmod(temporary, _permissions(existing))
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise InputError(f"cannot write to {shown}: {exc.strerror or exc}") from None
    return target
