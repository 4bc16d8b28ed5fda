"""Alembic environment: always run programmatically by factcheck.store.engine with a live connection."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import factcheck.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - `alembic` CLI use by developers
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite can only ALTER via table copies
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
