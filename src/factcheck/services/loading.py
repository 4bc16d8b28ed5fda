"""Reading an article's bytes from a path, a URL or stdin."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import InputError
from factcheck.sources.fetch import fetch_url, is_url
from factcheck.text.decode import MAX_INPUT_BYTES, mib


@dataclass(frozen=True)
class LoadedInput:
    data: bytes
    origin: str  # path, URL or "-" for stdin
    name: str  # used to guess the format from the extension
    content_type: str = ""


def load_input(spec: str, *, stdin: BinaryIO | None = None) -> LoadedInput:
    if spec == "-":
        stream = stdin or sys.stdin.buffer
        data = stream.read(MAX_INPUT_BYTES + 1)
        return LoadedInput(data, "-", "")
    if is_url(spec):
        doc = fetch_url(spec)
        return LoadedInput(doc.body, doc.url, doc.url, doc.content_type)
    path = Path(spec).expanduser()
    if not path.exists():
        raise InputError(f"no such file: {spec}")
    if path.is_dir():
        raise InputError(f"{spec} is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"input is {mib(size)}; the limit is {mib(MAX_INPUT_BYTES)}")
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"cannot read {spec}: permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot read {spec}: {exc.strerror or exc}") from exc
    return LoadedInput(data, str(path), path.name)
