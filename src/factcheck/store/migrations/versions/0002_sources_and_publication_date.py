"""sources attached to claims; article publication date; verdict reuse link

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("claim.id", ondelete="CASCADE"), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("content_type", sa.String(200), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("snapshot", sa.Text(), nullable=True),
        sa.Column("quote_match_score", sa.Float(), nullable=True),
        sa.Column("quote_context", sa.Text(), nullable=True),
        sa.Column("archive_url", sa.Text(), nullable=True),
        sa.Column("added_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_source_claim_id", "source", ["claim_id"])
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("published", sa.String(10), nullable=True))
    with op.batch_alter_table("verdict") as batch:
        batch.add_column(sa.Column("reused_from", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("verdict") as batch:
        batch.drop_column("reused_from")
    with op.batch_alter_table("article") as batch:
        batch.drop_column("published")
    op.drop_index("ix_source_claim_id", "source")
    op.drop_table("source")
