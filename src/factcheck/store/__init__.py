"""Storage: SQLModel tables, engine and sessions, Alembic migrations applied on open."""

from factcheck.store.engine import (
    begin_write,
    create_store_engine,
    read_scope,
    resolve_url,
    session_scope,
    write_scope,
)
from factcheck.store.models import Article, CheckedClaim, Claim, Event, Note, Source, Verdict

__all__ = [
    "Article",
    "CheckedClaim",
    "Claim",
    "Event",
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
