"""Storage: SQLModel tables, engine and sessions, Alembic migrations applied on open."""

from factcheck.store.engine import create_store_engine, resolve_url, session_scope
from factcheck.store.models import Article, CheckedClaim, Claim, Event, Note, Source, Verdict

__all__ = [
    "Article",
    "CheckedClaim",
    "Claim",
    "Event",
    "Note",
    "Source",
    "Verdict",
    "create_store_engine",
    "resolve_url",
    "session_scope",
]
