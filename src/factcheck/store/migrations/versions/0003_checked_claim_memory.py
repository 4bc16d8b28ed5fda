"""checked-claim memory: table plus a full-text index kept in sync inside each transaction

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_FTS = [
    # External-content FTS5 over the analysed terms; the tokenizer only splits on spaces because
    # the terms are already stemmed and canonicalised by factcheck.match.
    "CREATE VIRTUAL TABLE checked_claim_fts USING fts5(terms, content='checked_claim', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE checked_claim_vocab USING fts5vocab(checked_claim_fts, 'row')",
    "CREATE TRIGGER checked_claim_ai AFTER INSERT ON checked_claim BEGIN"
    " INSERT INTO checked_claim_fts(rowid, terms) VALUES (new.id, new.terms); END",
    "CREATE TRIGGER checked_claim_ad AFTER DELETE ON checked_claim BEGIN"
    " INSERT INTO checked_claim_fts(checked_claim_fts, rowid, terms) VALUES ('delete', old.id, old.terms); END",
    "CREATE TRIGGER checked_claim_au AFTER UPDATE OF terms ON checked_claim BEGIN"
    " INSERT INTO checked_claim_fts(checked_claim_fts, rowid, terms) VALUES ('delete', old.id, old.terms);"
    " INSERT INTO checked_claim_fts(rowid, terms) VALUES (new.id, new.terms); END",
]


def upgrade() -> None:
    op.create_table(
        "checked_claim",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(8), nullable=True),
        sa.Column("rating", sa.String(32), nullable=False),
        sa.Column("original_label", sa.Text(), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("publisher", sa.String(200), nullable=True),
        sa.Column("speaker", sa.String(200), nullable=True),
        sa.Column("external_id", sa.String(200), nullable=True),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("claim.id", ondelete="SET NULL"), nullable=True),
        sa.Column("dedupe_key", sa.String(64), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("dedupe_key", name="uq_checked_claim_dedupe_key"),
    )
    op.create_index("ix_checked_claim_claim_id", "checked_claim", ["claim_id"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("CREATE INDEX ix_checked_claim_terms_fts ON checked_claim USING gin (to_tsvector('simple', terms))")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("checked_claim_au", "checked_claim_ad", "checked_claim_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS checked_claim_vocab")
        op.execute("DROP TABLE IF EXISTS checked_claim_fts")
    op.drop_index("ix_checked_claim_claim_id", "checked_claim")
    op.drop_table("checked_claim")
