"""source snapshots: every fetch of a source kept (refreshes append); why a fetch failed; a source's note

- `source_snapshot`: requested and final URL, the redirects followed, HTTP status, headers of interest,
  the body's sha256 and size, the body itself (zlib-compressed), the extracted text, title, author and
  publication date, the reason of a failure, whether the body changed since the previous snapshot, and
  the quote/date/number check against the claim (JSON). Audited (factcheck.audit.digest): its rows are
  evidence.
- `source.fetch_error` (the latest snapshot's reason, for the views) and `source.note` (what the checker
  wrote when adding the source; the source.add event records it too).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-12
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("source") as batch:
        batch.add_column(sa.Column("fetch_error", sa.Text(), nullable=True))
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    op.create_table(
        "source_snapshot",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("source_id", sa.Integer(), sa.ForeignKey("source.id", ondelete="CASCADE"), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_by", sa.String(200), nullable=False, server_default=""),
        sa.Column("requested_url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=True),
        sa.Column("redirects", sa.JSON(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("changed", sa.Boolean(), nullable=True),
        sa.Column("checks", sa.JSON(), nullable=True),
    )
    op.create_index("ix_source_snapshot_source_id", "source_snapshot", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_source_snapshot_source_id", "source_snapshot")
    op.drop_table("source_snapshot")
    with op.batch_alter_table("source") as batch:
        batch.drop_column("note")
        batch.drop_column("fetch_error")
