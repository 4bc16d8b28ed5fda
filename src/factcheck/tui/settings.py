"""What the workbench remembers between runs: one small JSON file in the user's config folder.

The file is `$FACTCHECK_CONFIG_DIR/tui.json` (tests point this elsewhere), else
`$XDG_CONFIG_HOME/factcheck/tui.json`, else `~/.config/factcheck/tui.json`. It holds one JSON object
with a section per feature (`{"export": {...}}`).

Remembering is a convenience: a missing, unreadable, oversized or corrupt file reads as empty, and a
file that cannot be written is left alone. Neither ever stops the workbench or the action that wanted
to remember something. Writes are atomic (a temporary file beside it, then a rename), so two
workbenches closing at once leave one of their versions, never a mix.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

FILE_NAME = "tui.json"
MAX_BYTES = 64 * 1024  # far more than a few remembered values; anything bigger is not ours


def config_dir() -> Path:
    """FACTCHECK_CONFIG_DIR, else $XDG_CONFIG_HOME/factcheck, else ~/.config/factcheck."""
    override = os.environ.get("FACTCHECK_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CONFIG_HOME")
    # The XDG spec: a relative XDG_CONFIG_HOME is invalid and to be ignored.
    base = Path(xdg).expanduser() if xdg and Path(xdg).expanduser().is_absolute() else Path.home() / ".config"
    return base / "factcheck"


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load_all() -> dict[str, Any]:
    """The whole file as a dict; {} when it is missing, unreadable, too big or not a JSON object."""
    try:
        path = settings_path()
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return {}
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RuntimeError):  # RuntimeError: Path.home() without a home directory
        return {}
    return data if isinstance(data, dict) else {}


def load(section: str) -> dict[str, Any]:
    """One section of the file ({} when absent or not an object)."""
    value = load_all().get(section)
    return value if isinstance(value, dict) else {}


def remember(section: str, values: dict[str, Any]) -> bool:
    """Merge `values` into `section` and write the file; False (and nothing raised) when it cannot be."""
    try:
        data = load_all()
        current = data.get(section)
        merged = dict(current) if isinstance(current, dict) else {}
        merged.update(values)
        data[section] = merged
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        folder = settings_path().parent
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(folder / FILE_NAME, text)
    except (OSError, ValueError, TypeError, RuntimeError):
        return False
    return True


def _write_atomically(path: Path, text: str) -> None:
    temporary: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as handle:
            temporary = Path(handle.name)
            handle.write(text)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
