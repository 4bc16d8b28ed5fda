"""checked-claim memory on PostgreSQL: BM25 postings kept by statement triggers (SQLite untouched)

The PostgreSQL route ranked candidates with ts_rank over a GIN index: no document frequencies, so no
IDF pruning and a first-stage score unlike SQLite's FTS5 BM25. This keeps what FTS5 keeps:

- `checked_claim_fts_postings(term, checked_id, tf, dl)`: one row per distinct term of a checked
  claim, with its frequency and the claim's length in terms; the primary key (term, checked_id)
  INCLUDE (tf, dl) lets a query read a term's postings from the index alone;
- `checked_claim_fts_df(term, df)`: how many checked claims contain the term (what fts5vocab gives);
- `checked_claim_fts_stats(docs, tokens)`: one row, the number of claims and of terms (FTS5's
  nTotalRow and total size, for the average length).

Terms are `checked_claim.terms` split as FTS5's unicode61 tokenizer splits it (the column holds
analysed \\w+ runs separated by spaces; unicode61 also splits at "_"). Statement-level AFTER triggers
with transition tables maintain all three in the writing transaction, set-based: a bulk COPY of 200k
rows costs one pass, a single ORM insert a few small statements. The GIN index of 0003 is dropped
(nothing reads it any more, and it made every insert slower). `checked_claim_fts_rebuild()` indexes the
table afresh, for rows written with triggers disabled; the upgrade uses it for the rows already stored.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = [
    "CREATE TABLE checked_claim_fts_postings (term text NOT NULL, checked_id integer NOT NULL,"
    " tf integer NOT NULL, dl integer NOT NULL, PRIMARY KEY (term, checked_id) INCLUDE (tf, dl))",
    "CREATE TABLE checked_claim_fts_df (term text PRIMARY KEY, df integer NOT NULL)",
    "CREATE TABLE checked_claim_fts_stats (id smallint PRIMARY KEY CHECK (id = 1), docs bigint NOT NULL,"
    " tokens bigint NOT NULL)",
    "INSERT INTO checked_claim_fts_stats VALUES (1, 0, 0)",
]


def _postings(rows: str) -> str:
    """CTEs `tokens` and `postings` (id, term, tf, dl) over the relation `rows` (id, terms)."""
    return (
        f"tokens AS (SELECT r.id, t.term FROM {rows} r"
        " CROSS JOIN LATERAL unnest(string_to_array(translate(r.terms, '_', ' '), ' ')) AS t(term)"
        " WHERE t.term <> ''),"
        " postings AS (SELECT id, term, count(*)::integer AS tf,"
        " (sum(count(*)) OVER (PARTITION BY id))::integer AS dl FROM tokens GROUP BY id, term)"
    )


def add_sql(rows: str) -> str:
    """Index the checked claims of relation `rows`: postings in, df and the totals up."""
    return (
        f"WITH {_postings(rows)},"
        # not sorted by key first: for 1.2M postings the sort cost more (1.5 s) than the B-tree saved
        " added AS (INSERT INTO checked_claim_fts_postings (term, checked_id, tf, dl)"
        " SELECT term, id, tf, dl FROM postings),"
        " counted AS (INSERT INTO checked_claim_fts_df AS d (term, df)"
        " SELECT term, count(*) FROM postings GROUP BY term ORDER BY term"
        " ON CONFLICT (term) DO UPDATE SET df = d.df + excluded.df)"
        " UPDATE checked_claim_fts_stats SET docs = docs + (SELECT count(*) FROM {rows} AS affected),"
        " tokens = tokens + coalesce((SELECT sum(tf) FROM postings), 0)"
    ).replace("{rows}", rows)


def remove_sql(rows: str) -> str:
    """Un-index the checked claims of relation `rows` (their old terms). A df may reach 0; the row stays."""
    return (
        f"WITH {_postings(rows)},"
        " removed AS (DELETE FROM checked_claim_fts_postings p USING postings x"
        " WHERE p.term = x.term AND p.checked_id = x.id),"
        " counted AS (UPDATE checked_claim_fts_df d SET df = d.df - x.n"
        " FROM (SELECT term, count(*) AS n FROM postings GROUP BY term) x WHERE d.term = x.term)"
        " UPDATE checked_claim_fts_stats SET docs = docs - (SELECT count(*) FROM {rows} AS affected),"
        " tokens = tokens - coalesce((SELECT sum(tf) FROM postings), 0)"
    ).replace("{rows}", rows)


_CHANGED_OLD = (
    "(SELECT o.id, o.terms FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.terms IS DISTINCT FROM n.terms)"
)
_CHANGED_NEW = (
    "(SELECT n.id, n.terms FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.terms IS DISTINCT FROM n.terms)"
)


def _function(name: str, *statements: str) -> str:
    body = "; ".join(statements)
    return f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body}; RETURN NULL; END $$"


FUNCTIONS = [
    _function("checked_claim_fts_insert", add_sql("new_rows")),
    _function("checked_claim_fts_delete", remove_sql("old_rows")),
    # an update that leaves `terms` alone (a label mapped, a rating changed) costs one join, no writes
    _function("checked_claim_fts_update", remove_sql(_CHANGED_OLD), add_sql(_CHANGED_NEW)),
    _function(
        "checked_claim_fts_truncate",
        "TRUNCATE checked_claim_fts_postings, checked_claim_fts_df",
        "UPDATE checked_claim_fts_stats SET docs = 0, tokens = 0",
    ),
]
# For whoever fills checked_claim with its triggers disabled (session_replication_role = replica, as bulk
# copies do): `SELECT checked_claim_fts_rebuild()` indexes the table afresh, in the caller's transaction.
REBUILD = (
    "CREATE FUNCTION checked_claim_fts_rebuild() RETURNS void LANGUAGE plpgsql AS $$ BEGIN"
    " TRUNCATE checked_claim_fts_postings, checked_claim_fts_df;"
    " UPDATE checked_claim_fts_stats SET docs = 0, tokens = 0;"
    f" {add_sql('checked_claim')}; END $$"
)
TRIGGERS = [
    "CREATE TRIGGER checked_claim_fts_ai AFTER INSERT ON checked_claim REFERENCING NEW TABLE AS new_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION checked_claim_fts_insert()",
    "CREATE TRIGGER checked_claim_fts_ad AFTER DELETE ON checked_claim REFERENCING OLD TABLE AS old_rows"
    " FOR EACH STATEMENT EXECUTE FUNCTION checked_claim_fts_delete()",
    "CREATE TRIGGER checked_claim_fts_au AFTER UPDATE ON checked_claim"
    " REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION checked_claim_fts_update()",
    "CREATE TRIGGER checked_claim_fts_at AFTER TRUNCATE ON checked_claim"
    " FOR EACH STATEMENT EXECUTE FUNCTION checked_claim_fts_truncate()",
]
NAMES = ("insert", "delete", "update", "truncate")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite keeps its FTS5 table (0003)
    op.execute("DROP INDEX IF EXISTS ix_checked_claim_terms_fts")
    for statement in [*TABLES, *FUNCTIONS, REBUILD, *TRIGGERS]:
        op.execute(statement)
    op.execute("SELECT checked_claim_fts_rebuild()")  # the rows stored before: indexed once, in this transaction
    op.execute("ANALYZE checked_claim_fts_postings")
    op.execute("ANALYZE checked_claim_fts_df")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for suffix in ("ai", "ad", "au", "at"):
        op.execute(f"DROP TRIGGER IF EXISTS checked_claim_fts_{suffix} ON checked_claim")
    for name in (*NAMES, "rebuild"):
        op.execute(f"DROP FUNCTION IF EXISTS checked_claim_fts_{name}()")
    for table in ("postings", "df", "stats"):
        op.execute(f"DROP TABLE IF EXISTS checked_claim_fts_{table}")
    op.execute("CREATE INDEX ix_checked_claim_terms_fts ON checked_claim USING gin (to_tsvector('simple', terms))")
