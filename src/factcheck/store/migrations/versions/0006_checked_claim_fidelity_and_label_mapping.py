"""checked-claim memory: the claim's date, all claimants and appearances; a desk's label mappings

ClaimReview import kept only the first claimant and no claim date or appearance URLs; these columns
keep them. Rows stored before get their speaker as their one claimant. `label_mapping` holds which
rating a publisher label we do not know means (`factcheck checked labels --map`).
Columns are added with ALTER TABLE, not a batch copy, so SQLite's full-text triggers on the table stay.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("checked_claim", sa.Column("claim_date", sa.String(10), nullable=True))
    op.add_column("checked_claim", sa.Column("claimants", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("checked_claim", sa.Column("appearances", sa.JSON(), nullable=False, server_default="[]"))
    bind = op.get_bind()
    table = sa.table("checked_claim", sa.column("speaker", sa.String), sa.column("claimants", sa.JSON))
    # one statement per speaker, not per row: a memory holds far fewer speakers than claims
    speakers = bind.execute(sa.select(table.c.speaker).where(table.c.speaker.is_not(None)).distinct()).scalars()
    for speaker in list(speakers):
        bind.execute(table.update().where(table.c.speaker == speaker).values(claimants=[speaker]))
    op.create_table(
        "label_mapping",
        sa.Column("label_normalised", sa.Text(), primary_key=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("rating", sa.String(32), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("label_mapping")
    with op.batch_alter_table("checked_claim", recreate="never") as batch:
        batch.drop_column("appearances")
        batch.drop_column("claimants")
        batch.drop_column("claim_date")
