"""reviews keep the claim they were made on without a foreign key, so a merge can remove that claim

A merge moves the absorbed claim's verdicts to the claim it joins and deletes the absorbed claim; a
review cannot move with them (review rows are never changed), so its `claim_id` has to outlive the
claim, as an event's does. Reviews are found by their verdict, which moves. On SQLite the table is
rebuilt (ids and values kept, so the audit digests still match) and its append-only triggers renewed.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-11
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_COLUMNS = "id, verdict_id, claim_id, decision, reviewer, comment, created_at"


def _review_table(name: str, *, claim_foreign_key: bool) -> None:
    claim_id = (
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("claim.id"), nullable=False)
        if claim_foreign_key
        else sa.Column("claim_id", sa.Integer(), nullable=False)
    )
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("verdict_id", sa.Integer(), sa.ForeignKey("verdict.id"), nullable=False),
        claim_id,
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def _rebuild_sqlite(*, claim_foreign_key: bool) -> None:
    """SQLite cannot drop a constraint: copy the rows into a new table, then renew indexes and triggers."""
    bind = op.get_bind()
    _review_table("review_rebuilt", claim_foreign_key=claim_foreign_key)
    bind.execute(sa.text(f"INSERT INTO review_rebuilt ({_COLUMNS}) SELECT {_COLUMNS} FROM review"))
    bind.execute(sa.text("DROP TABLE review"))  # its indexes and triggers go with it
    bind.execute(sa.text("ALTER TABLE review_rebuilt RENAME TO review"))
    op.create_index("ix_review_verdict_id", "review", ["verdict_id"])
    op.create_index("ix_review_claim_id", "review", ["claim_id"])
    for action in ("UPDATE", "DELETE"):
        bind.execute(
            sa.text(
                f"CREATE TRIGGER review_append_only_{action.lower()} BEFORE {action} ON review"
                " BEGIN SELECT RAISE(ABORT, 'review rows are append-only (factcheck audit)'); END"
            )
        )


def _claim_foreign_keys(bind: sa.engine.Connection) -> list[str]:
    return [
        fk["name"]
        for fk in sa.inspect(bind).get_foreign_keys("review")
        if fk["constrained_columns"] == ["claim_id"] and fk.get("name")
    ]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(claim_foreign_key=False)
        return
    for name in _claim_foreign_keys(bind):
        op.drop_constraint(name, "review", type_="foreignkey")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(claim_foreign_key=True)
        return
    op.create_foreign_key("review_claim_id_fkey", "review", "claim", ["claim_id"], ["id"])
