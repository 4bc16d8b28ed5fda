"""Storage: SQLModel tables, engine and sessions, Alembic migrations applied on open.

The names below load on first use (PEP 562), so importing a light submodule such as
`factcheck.store.reader` does not pull in SQLAlchemy and SQLModel.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.store.engine import (
        begin_write,
        create_store_engine,
        read_scope,
        resolve_url,
        session_scope,
        write_scope,
    )
    from factcheck.store.models import Article, CheckedClaim, Claim, Event, LabelMapping, Note, Source, Verdict

_WHERE = {
    **dict.fromkeys(
        ("Article", "CheckedClaim", "Claim", "Event", "LabelMapping", "Note", "Source", "Verdict"), "models"
    ),
    **dict.fromkeys(
        ("begin_write", "create_store_engine", "read_scope", "resolve_url", "session_scope", "write_scope"), "engine"
    ),
}

__all__ = [
    "Article",
    "CheckedClaim",
    "Claim",
    "Event",
    "LabelMapping",
    "Note",
    "Source",
    "Verdict",
    "begin_write",
    "create_store_engine",
    "read_scope",
    "resolve_url",
    "session_scope",
    "write_scope",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
