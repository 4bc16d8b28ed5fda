"""Listing claims: one SQL query over a `store.reader.Reader`, for the CLI, the TUI and scripts.

Written against the DB-API Reader rather than the ORM so that `factcheck claims` on a SQLite file
needs neither SQLAlchemy nor SQLModel (start-up, see store/reader.py); inside the application the
same function runs on the session's connection (services.claims.list_claims).
"""

from __future__ import annotations

from types import SimpleNamespace

from factcheck.errors import NotFound
from factcheck.services.views import ClaimView
from factcheck.statuses import check_status
from factcheck.store.reader import Reader, datetime_value, json_value

_CLAIM_COLUMNS = (
    "id",
    "article_id",
    "start",
    "end",
    "text",
    "kinds",
    "fields",
    "checkworthiness",
    "checkworthy",
    "status",
    "version",
    "updated_at",
)
_VERDICT_COLUMNS = ("id", "rating", "rationale", "checker", "created_at", "review_state", "reviewer", "reused_from")
# A verdict stands unless withdrawn (a withdrawal or an undo appends a withdrawn one); the newest stands.
STANDING_VERDICT = "review_state <> 'withdrawn'"
# The standing verdict's latest review (services.reviews): its comment, and its reviewer, which the audit
# covers in the review row (the verdict's `reviewer` column is a cache the audit does not cover).
_LATEST_REVIEW = "LEFT JOIN review r ON r.id = (SELECT max(q.id) FROM review q WHERE q.verdict_id = v.id)"


def list_claims(
    reader: Reader,
    *,
    article_id: int | None = None,
    status: str | None = None,
    checkworthy_only: bool = False,
) -> list[ClaimView]:
    """Claims with their standing verdict, in text order (all articles: newest article first).

    `checkworthy_only` keeps the claims ClaimCounts counts, and dismissed ones (which a status filter
    may ask for): a sentence the extractor judged not worth checking is listed once a checker has
    touched it (status no longer open, or a verdict). Raises NotFound for an unknown article and
    InputError for an unknown status.
    """
    conditions: list[str] = []
    params: list[object] = []
    if article_id is not None:
        if reader.value("SELECT id FROM article WHERE id = ?", (article_id,)) is None:
            raise NotFound(f"no article with id {article_id}")
        conditions.append("c.article_id = ?")
        params.append(article_id)
    if status:
        conditions.append("c.status = ?")
        params.append(check_status(status))
    if checkworthy_only:
        conditions.append("(c.checkworthy OR c.status <> 'open' OR v.id IS NOT NULL)")
    claim_columns = ", ".join(f'c."{name}"' for name in _CLAIM_COLUMNS)
    verdict_columns = ", ".join(f"v.{name}" for name in _VERDICT_COLUMNS)
    sql = (
        f"SELECT {claim_columns}, {verdict_columns}, r.comment, r.reviewer FROM claim c"
        " LEFT JOIN verdict v ON v.id ="
        f" (SELECT max(w.id) FROM verdict w WHERE w.claim_id = c.id AND w.{STANDING_VERDICT}) {_LATEST_REVIEW}"
        + (" WHERE " + " AND ".join(conditions) if conditions else "")
        + (" ORDER BY c.start" if article_id is not None else " ORDER BY c.article_id DESC, c.start")
    )
    views = []
    width = len(_CLAIM_COLUMNS)
    for row in reader.rows(sql, params):
        claim = dict(zip(_CLAIM_COLUMNS, row[:width], strict=True))
        claim.update(
            kinds=json_value(claim["kinds"], []),
            fields=json_value(claim["fields"], {}),
            checkworthy=bool(claim["checkworthy"]),
            updated_at=datetime_value(claim["updated_at"]),
        )
        verdict = dict(zip(_VERDICT_COLUMNS, row[width:-2], strict=True))
        verdict["created_at"] = datetime_value(verdict["created_at"])
        standing = SimpleNamespace(**verdict) if verdict["id"] is not None else None
        views.append(ClaimView.of(SimpleNamespace(**claim), standing, row[-2], row[-1]))
    return views
