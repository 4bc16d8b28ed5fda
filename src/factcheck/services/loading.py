"""Reading an article's bytes from a path, a URL or stdin: only regular files and stdin, always capped.

A FIFO would block forever and `/dev/zero` never ends, so anything that is not a regular file is refused
before it is opened, and every read asks for at most `cap + 1` bytes: one byte more than the limit is
enough to know the input is too large without holding more of it in memory.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import InputError
from factcheck.sources.fetch import fetch_url, is_url
from factcheck.text.control import terminal_safe
from factcheck.text.decode import MAX_INPUT_BYTES, mib

_CHUNK = 1 << 20


@dataclass(frozen=True)
class LoadedInput:
    data: bytes
    origin: str  # path, URL or "-" for stdin
    name: str  # used to guess the format from the extension
    content_type: str = ""


def too_large(cap: int) -> str:
    """The one-line message for input beyond `cap` bytes (we stop reading at cap + 1, so 'more than')."""
    return f"input is more than {mib(cap)}; the limit is {mib(cap)}"


def read_capped(stream: BinaryIO, cap: int) -> bytes:
    """At most `cap + 1` bytes of `stream` (until EOF); the caller compares the length with `cap`.

    Reads in chunks so that an endless stream (`/dev/zero` on stdin) costs cap + 1 bytes, not more.
    """
    chunks: list[bytes] = []
    size = 0
    while size <= cap:
        chunk = stream.read(min(_CHUNK, cap + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_stdin(stream: BinaryIO, cap: int) -> bytes:
    """All of `stream` (stdin) up to `cap` bytes; an InputError of one line when it is longer or fails."""
    return _read_within_cap(stream, cap, "stdin")


def _read_within_cap(stream: BinaryIO, cap: int, shown: str) -> bytes:
    try:
        data = read_capped(stream, cap)
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror or exc}") from None
    if len(data) > cap:
        raise InputError(too_large(cap))
    return data


def read_regular_file(spec: str | os.PathLike[str], cap: int) -> bytes:
    """The bytes of the regular file at `spec`, or InputError with one line.

    Errors (each one line, the name made terminal-safe): no such file (also a symlink loop or a dangling
    link), a folder, not a regular file (FIFO, device, socket), permission denied, larger than `cap`.
    Size is checked before reading and again while reading (the file may grow in between).
    """
    shown = terminal_safe(os.fspath(spec), one_line=True)
    path = Path(spec).expanduser()
    try:
        info = path.stat()  # follows symlinks; does not open, so a FIFO cannot block us here
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR, errno.ENAMETOOLONG):
            detail = " (symlink loop)" if exc.errno == errno.ELOOP else ""
            raise InputError(f"no such file: {shown}{detail}") from None
        if exc.errno == errno.EACCES:
            raise InputError(f"cannot read {shown}: permission denied") from None
        raise InputError(f"cannot read {shown}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{shown} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{shown} is not a regular file ({_kind(info.st_mode)}); give a file or - for stdin")
    if info.st_size > cap:
        raise InputError(f"input is {mib(info.st_size)}; the limit is {mib(cap)}")
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since stat(), open() returns instead of waiting
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except PermissionError:
        raise InputError(f"cannot read {shown}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{shown} is not a regular file; give a file or - for stdin")
        return _read_within_cap(stream, cap, shown)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def load_input(spec: str, *, stdin: BinaryIO | None = None) -> LoadedInput:
    """Bytes of `spec`: "-" (stdin), an http(s) URL, or a regular file; at most MAX_INPUT_BYTES.

    Raises InputError (one line) for anything that cannot be read or is too large.
    """
    if spec == "-":
        return LoadedInput(read_stdin(stdin or sys.stdin.buffer, MAX_INPUT_BYTES), "-", "")
    if is_url(spec):
        doc = fetch_url(spec)
        return LoadedInput(doc.body, doc.url, doc.url, doc.content_type)
    path = Path(spec).expanduser()
    data = read_regular_file(spec, MAX_INPUT_BYTES)
    return LoadedInput(data, str(path), path.name)
