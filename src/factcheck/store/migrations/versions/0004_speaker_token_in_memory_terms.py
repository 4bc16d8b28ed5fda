"""checked-claim memory: a speaker token in the indexed terms of rows stored before it existed

The matcher reads a speaker's prominence from the document frequency of one token per speaker
("zzspk" + the casefolded letters and digits of the name) and can search by speaker. Rows written
before 0004 lack it; this appends it to their terms (the FTS5 update trigger re-indexes them).
The token rule is copied here on purpose: a migration must not change when the code does.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PREFIX = "zzspk"
BATCH = 1000


def _token(speaker: str) -> str | None:
    name = "".join(ch for ch in speaker.casefold() if ch.isalnum())
    return PREFIX + name if name else None


def upgrade() -> None:
    bind = op.get_bind()
    table = sa.table("checked_claim", sa.column("id", sa.Integer), sa.column("speaker"), sa.column("terms"))
    last_id = 0
    while True:
        rows = bind.execute(
            sa.select(table.c.id, table.c.speaker, table.c.terms)
            .where(table.c.id > last_id, table.c.speaker.is_not(None))
            .order_by(table.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        for row_id, speaker, terms in rows:
            token = _token(speaker)
            words = (terms or "").split()
            if token and token not in words:
                bind.execute(table.update().where(table.c.id == row_id).values(terms=" ".join([*words, token])))
        last_id = rows[-1][0]


def downgrade() -> None:
    bind = op.get_bind()
    table = sa.table("checked_claim", sa.column("id", sa.Integer), sa.column("terms"))
    for row_id, terms in bind.execute(sa.select(table.c.id, table.c.terms).where(table.c.terms.contains(PREFIX))):
        kept = [w for w in (terms or "").split() if not w.startswith(PREFIX)]
        bind.execute(table.update().where(table.c.id == row_id).values(terms=" ".join(kept)))
