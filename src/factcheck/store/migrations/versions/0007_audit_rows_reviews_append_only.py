"""audit events cover the rows they wrote (scheme 2/3); reviews; verdicts, notes and reviews append-only

- `event.scheme` (1 for every event written before: they keep verifying as they were hashed) and
  `event.rows` ("table:id" -> digest of the row as the event's transaction left it).
- `review`: a reviewer's sign-off on a verdict, appended.
- Triggers refuse what the services never do: deleting a verdict, note or review; changing a
  verdict's content (rating, rationale, checker, time; its review state moves on by review or
  withdrawal, and a withdrawn verdict stays so) or a review; changing a note other than stamping its
  withdrawal once. Re-parenting
  a verdict or note to another claim stays allowed: a merge does it, and its event records it. They guard against mistakes, not
  against someone with SQL access, who can drop them: that is what the audit digests detect.
- A baseline event records the digests of every row already stored, so `audit verify` can judge them.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from factcheck.audit.chain import SHA256, EventRecord, event_hash, legacy_summary
from factcheck.audit.digest import AUDITED, canonical, row_digest, row_key

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_VERDICT_CONTENT = ("rating", "rationale", "checker", "reused_from", "created_at")
_NOTE_CONTENT = ("author", "body", "created_at")


def _changed(columns: tuple[str, ...], dialect: str) -> str:
    op_ = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
    return " OR ".join(f'NEW."{c}" {op_} OLD."{c}"' for c in ("id", *columns))


def _triggers(dialect: str) -> list[str]:
    note_changed = _changed(_NOTE_CONTENT, dialect)
    # A note may be withdrawn once: withdrawn_at goes from NULL to a time, nothing else changes.
    note_guard = f"{note_changed} OR OLD.withdrawn_at IS NOT NULL"
    # A verdict's content never changes; its review state moves on (review, withdrawal) until withdrawn.
    verdict_guard = f"{_changed(_VERDICT_CONTENT, dialect)} OR OLD.review_state = 'withdrawn'"
    rules = [
        ("verdict", "UPDATE", verdict_guard),
        ("verdict", "DELETE", None),
        ("note", "UPDATE", note_guard),
        ("note", "DELETE", None),
        ("review", "UPDATE", None),
        ("review", "DELETE", None),
    ]
    statements = []
    if dialect == "postgresql":
        statements.append(
            "CREATE OR REPLACE FUNCTION factcheck_append_only() RETURNS trigger AS $$ BEGIN"
            " RAISE EXCEPTION '% rows are append-only (factcheck audit)', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
        )
    for table, action, condition in rules:
        name = f"{table}_append_only_{action.lower()}"
        if dialect == "postgresql":
            when = f" WHEN ({condition})" if condition else ""
            statements.append(
                f"CREATE TRIGGER {name} BEFORE {action} ON {table} FOR EACH ROW{when}"
                " EXECUTE FUNCTION factcheck_append_only()"
            )
        else:
            when = f" WHEN {condition}" if condition else ""
            statements.append(
                f"CREATE TRIGGER {name} BEFORE {action} ON {table}{when}"
                f" BEGIN SELECT RAISE(ABORT, '{table} rows are append-only (factcheck audit)'); END"
            )
    return statements


def _baseline(bind: sa.engine.Connection) -> None:
    """One event holding the digests of every audited row stored before this migration."""
    rows: dict[str, str] = {}
    inspector = sa.inspect(bind)
    present = set(inspector.get_table_names())
    for table, columns in AUDITED.items():
        if table not in present:  # audited tables a later migration creates (source_snapshot, 0009)
            continue
        # Columns a later migration adds (source.note, 0009) are NULL until then: digested as None, as
        # `audit verify` will read them after that migration.
        existing = {column["name"] for column in inspector.get_columns(table)}
        names = ", ".join(f'"{name}"' for name, _kind in columns if name in existing)
        for found in bind.execute(sa.text(f'SELECT id, {names} FROM "{table}" ORDER BY id')).mappings():
            rows[row_key(table, found["id"])] = row_digest(table, {name: found.get(name) for name, _ in columns})
    if not rows:
        return
    prev = bind.execute(sa.text("SELECT hash FROM event ORDER BY id DESC LIMIT 1")).scalar() or ""
    at = datetime.now(UTC)
    after = {"rows": len(rows), "reason": "rows stored before audit events covered rows (migration 0007)"}
    # Legacy events' hashes cover neither their ids nor their claim ids: the baseline vouches for both.
    legacy = [tuple(r) for r in bind.execute(sa.text("SELECT id, claim_id, hash FROM event ORDER BY id"))]
    if legacy:
        after["legacy"] = legacy_summary(legacy)
    record = EventRecord(0, at, "factcheck", "audit.baseline", "audit", 0, None, None, after, prev, "", SHA256, rows)
    event = sa.table(
        "event",
        *(
            sa.column(c)
            for c in ("at", "actor", "action", "entity", "entity_id", "claim_id", "prev_hash", "hash", "scheme")
        ),
        sa.column("after", sa.JSON),
        sa.column("rows", sa.JSON),
    )
    bind.execute(
        event.insert().values(
            at=at,
            actor="factcheck",
            action="audit.baseline",
            entity="audit",
            entity_id=0,
            claim_id=None,
            after=json.loads(canonical(after)),
            rows=rows,
            prev_hash=prev,
            hash=event_hash(prev, record),
            scheme=2,
        )
    )


def upgrade() -> None:
    op.add_column("event", sa.Column("scheme", sa.Integer(), nullable=False, server_default="1"))
    op.add_column("event", sa.Column("rows", sa.JSON(), nullable=True))
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("verdict_id", sa.Integer(), sa.ForeignKey("verdict.id"), nullable=False),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("claim.id"), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_review_verdict_id", "review", ["verdict_id"])
    op.create_index("ix_review_claim_id", "review", ["claim_id"])
    bind = op.get_bind()
    for statement in _triggers(bind.dialect.name):
        bind.execute(sa.text(statement))
    _baseline(bind)


def downgrade() -> None:
    bind = op.get_bind()
    for table in ("verdict", "note", "review"):
        for action in ("update", "delete"):
            bind.execute(
                sa.text(
                    f"DROP TRIGGER IF EXISTS {table}_append_only_{action}"
                    + (f" ON {table}" if bind.dialect.name == "postgresql" else "")
                )
            )
    if bind.dialect.name == "postgresql":
        bind.execute(sa.text("DROP FUNCTION IF EXISTS factcheck_append_only()"))
    op.drop_index("ix_review_claim_id", "review")
    op.drop_index("ix_review_verdict_id", "review")
    op.drop_table("review")
    op.drop_column("event", "rows")
    op.drop_column("event", "scheme")
