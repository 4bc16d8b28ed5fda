"""The core never imports the UI: every layer below tui/ and cli.py loads without Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import factcheck

CORE_PACKAGES = ("text", "extract", "store", "match", "checked", "services", "sources")


def core_modules() -> list[str]:
    names = ["factcheck.ratings", "factcheck.errors", "factcheck.history_words"]
    for package in CORE_PACKAGES:
        try:
            module = __import__(f"factcheck.{package}", fromlist=["_"])
        except ModuleNotFoundError:
            continue
        names.append(module.__name__)
        for info in pkgutil.walk_packages(module.__path__, prefix=f"{module.__name__}."):
            if ".migrations." not in info.name and not info.name.endswith(".migrations"):
                names.append(info.name)
    return names


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_load_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'factcheck.tui', "
        "'factcheck.cli')))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"{module} loads {proc.stdout.strip()}"


def test_package_is_importable() -> None:
    assert factcheck.__name__ == "factcheck"
