"""Where factcheck keeps files it derives from installed packages (never downloaded, rebuilt when lost)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder() -> Path:
    """FACTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/factcheck, else ~/.cache/factcheck."""
    explicit = os.environ.get("FACTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so a concurrent reader sees the old file or the whole new one; a read-only or
    missing cache folder is no error (the caller keeps what it built and the next process builds again)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError:
        pass
