"""Use cases around articles: import (atomic, idempotent by content hash), listing, lookup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from factcheck.errors import NotFound
from factcheck.extract import ExtractedClaim, extract_claims
from factcheck.services.audit import record_event
from factcheck.services.views import ArticleSummary, _iso
from factcheck.store.models import Article, Claim
from factcheck.text.document import Document


@dataclass
class ImportResult:
    article_id: int
    title: str
    language: str
    claims: int
    created: bool  # False when the same text was imported before

    def to_dict(self) -> dict[str, object]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "language": self.language,
            "claims": self.claims,
            "created": self.created,
        }


def extract_document(doc: Document) -> list[ExtractedClaim]:
    """Claims of a prepared document (pure; used by `extract` and by import)."""
    published = None
    if doc.published:
        try:
            published = date.fromisoformat(doc.published[:10])
        except ValueError:
            published = None
    return extract_claims(doc.text, language=doc.language, paragraphs=doc.repaired.paragraphs, article_date=published)


def import_document(session: Session, doc: Document, *, origin: str, actor: str) -> ImportResult:
    """Store the article and its claims in the caller's transaction; same text → same article."""
    existing = session.exec(select(Article).where(Article.sha256 == doc.sha256)).first()
    if existing is not None:
        count = session.exec(select(func.count()).select_from(Claim).where(Claim.article_id == existing.id)).one()
        return ImportResult(existing.id or 0, existing.title, existing.language, int(count), created=False)

    article = Article(
        title=doc.title,
        language=doc.language,
        origin=origin,
        format=doc.format,
        raw_text=doc.raw_text,
        text=doc.text,
        offset_map=doc.repaired.map.to_json(),
        sha256=doc.sha256,
        published=doc.published,
        imported_by=actor,
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    extracted = extract_document(doc)
    for c in extracted:
        session.add(claim_from_extracted(article.id, c))
    record_event(
        session,
        actor=actor,
        action="article.import",
        entity="article",
        entity_id=article.id,
        after={
            "title": article.title,
            "language": article.language,
            "origin": origin,
            "sha256": doc.sha256,
            "claims": len(extracted),
        },
    )
    return ImportResult(article.id, article.title, article.language, len(extracted), created=True)


def claim_from_extracted(article_id: int, c: ExtractedClaim) -> Claim:
    data = c.to_dict()
    fields = {k: data[k] for k in ("dates", "quotes", "speakers", "places", "quantities", "cues")}
    return Claim(
        article_id=article_id,
        start=c.start,
        end=c.end,
        text=c.text,
        kinds=list(c.kinds),
        fields=fields,
        checkworthiness=c.checkworthiness,
        checkworthy=c.checkworthy,
    )


def get_article(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFound(f"no article with id {article_id}")
    return article


def find_article_by_hash(session: Session, sha256: str) -> Article | None:
    return session.exec(select(Article).where(Article.sha256 == sha256)).first()


def list_articles(session: Session, *, search: str = "", limit: int = 200, offset: int = 0) -> list[ArticleSummary]:
    """Newest first, with claim counts and the share of check-worthy claims already checked."""
    checked = func.sum(case((col(Claim.status) == "checked", 1), else_=0))
    worthy = func.sum(case((col(Claim.checkworthy), 1), else_=0))
    last = func.max(Claim.updated_at)
    query = (
        select(
            Article.id,
            Article.title,
            Article.language,
            Article.origin,
            Article.updated_at,
            func.count(col(Claim.id)),
            checked,
            worthy,
            last,
        )
        .outerjoin(Claim, col(Claim.article_id) == col(Article.id))
        .group_by(col(Article.id))
        .order_by(col(Article.id).desc())
        .limit(limit)
        .offset(offset)
    )
    if search:
        query = query.where(col(Article.title).ilike(f"%{search}%"))
    rows = []
    for aid, title, lang, origin, updated, total, n_checked, n_worthy, last_claim in session.exec(query):
        n_checked, n_worthy = int(n_checked or 0), int(n_worthy or 0)
        percent = round(100.0 * n_checked / n_worthy, 1) if n_worthy else 0.0
        change = max(d for d in (updated, last_claim) if d is not None)
        rows.append(ArticleSummary(aid, title, lang, origin, int(total), n_checked, percent, _iso(change)))
    return rows
