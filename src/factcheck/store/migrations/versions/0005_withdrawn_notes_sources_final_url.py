"""undo withdraws notes and sources (rows stay, history is never deleted); a source's final URL

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("note") as batch:
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("source") as batch:
        batch.add_column(sa.Column("final_url", sa.Text(), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("source") as batch:
        batch.drop_column("withdrawn_at")
        batch.drop_column("final_url")
    with op.batch_alter_table("note") as batch:
        batch.drop_column("withdrawn_at")
