"""Use cases around articles: import (atomic, idempotent by content hash), listing, lookup."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from factcheck.errors import NotFound
from factcheck.extract import ExtractedClaim, article_dateline, extract_claims
from factcheck.services.audit import record_event
from factcheck.services.claims import article_counts, counts_by_article
from factcheck.services.inputs import begin_change, cleaned
from factcheck.services.views import ArticleSummary, ClaimCounts, _iso
from factcheck.store.models import Article, Claim
from factcheck.text.control import clean_input
from factcheck.text.document import Document


@dataclass
class ImportResult:
    """What an import did. `claims` counts as ClaimCounts does (the same number `articles` shows);
    `total` is every extracted claim, `not_checkworthy` those judged not worth checking."""

    article_id: int
    title: str
    language: str
    claims: int
    created: bool  # False when the same text was imported before
    total: int = 0
    not_checkworthy: int = 0
    checked: int = 0
    dismissed: int = 0

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def extract_document(doc: Document) -> list[ExtractedClaim]:
    """Claims of a prepared document (pure; used by `extract` and by import)."""
    published = None
    if doc.published:
        try:
            published = date.fromisoformat(doc.published[:10])
        except ValueError:
            published = None
    return extract_claims(doc.text, language=doc.language, paragraphs=doc.repaired.paragraphs, article_date=published)


def _result(article: Article, counts: ClaimCounts, *, created: bool) -> ImportResult:
    return ImportResult(
        article.id or 0,
        article.title,
        article.language,
        counts.claims,
        created=created,
        total=counts.total,
        not_checkworthy=counts.not_checkworthy,
        checked=counts.checked,
        dismissed=counts.dismissed,
    )


def import_document(session: Session, doc: Document, *, origin: str, actor: str) -> ImportResult:
    """Store the article and its claims in the caller's transaction; same text → same article.

    Extraction (seconds for a long text) runs before the write lock is taken, so other checkers'
    writes and everyone's reads go on meanwhile; the write transaction then only inserts.
    """
    origin = cleaned(origin, what="origin")  # a file name may hold undecodable bytes or controls
    existing = find_article_by_hash(session, doc.sha256)  # a read: a re-import never waits for the lock
    if existing is not None:
        return _result(existing, article_counts(session, existing.id or 0), created=False)
    title = cleaned(doc.title, what="a title")
    extracted = extract_document(doc)
    actor = begin_change(session, actor)
    existing = find_article_by_hash(session, doc.sha256)  # again under the lock: another import may have won
    if existing is not None:
        return _result(existing, article_counts(session, existing.id or 0), created=False)

    article = Article(
        title=title,
        language=doc.language,
        origin=origin,
        format=doc.format,
        raw_text=doc.raw_text,
        text=doc.text,
        offset_map=doc.repaired.map.to_json(),
        sha256=doc.sha256,
        published=published_date(doc),
        imported_by=actor,
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    counts = ClaimCounts()
    # time-sensitive claims hold as of the article's date; without one, as of the day it came in
    as_of = article_as_of(article)
    for c in extracted:
        session.add(claim_from_extracted(article.id, c, as_of=as_of))
        counts.add(checkworthy=c.checkworthy, status="open", has_verdict=False)
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
            "claims": len(extracted),  # every sentence extracted, check-worthy or not
            "checkworthy": sum(1 for c in extracted if c.checkworthy),  # what `import` and the workbench count
        },
    )
    return _result(article, counts, created=True)


def article_as_of(article: Article) -> str:
    """The day the article's time-sensitive claims hold as of: its own date, else the day it was imported."""
    return article.published or article.created_at.date().isoformat()


def published_date(doc: Document) -> str | None:
    """The article's date (ISO day): its metadata's, else its dateline's; None when neither says."""
    if doc.published:
        return doc.published[:10]
    found = article_dateline(doc.text, doc.repaired.paragraphs)
    return found.date.isoformat() if found else None


def claim_from_extracted(article_id: int, c: ExtractedClaim, *, as_of: str | None = None) -> Claim:
    """The stored claim of an extracted one; `as_of` dates a time-sensitive claim the text left undated."""
    data = c.to_dict()
    fields = {k: data[k] for k in ("dates", "quotes", "speakers", "places", "quantities", "cues")}
    if c.time_cues:
        fields["time_cues"] = data["time_cues"]
        fields["as_of"] = c.as_of or as_of
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
    """Newest first, with claim counts by ClaimCounts' definition (the one `import` and the workbench use)."""
    last = func.max(Claim.updated_at)
    query = (
        select(Article.id, Article.title, Article.language, Article.origin, Article.updated_at, last)
        .outerjoin(Claim, col(Claim.article_id) == col(Article.id))
        .group_by(col(Article.id))
        .order_by(col(Article.id).desc())
        .limit(limit)
        .offset(offset)
    )
    search = clean_input(search)  # titles are stored clean: a control character can never match
    if search:
        query = query.where(col(Article.title).ilike(f"%{search}%"))
    found = list(session.exec(query))
    counts = counts_by_article(session, [row[0] for row in found])
    rows = []
    for aid, title, lang, origin, updated, last_claim in found:
        n = counts[aid]
        change = max(d for d in (updated, last_claim) if d is not None)
        rows.append(
            ArticleSummary(
                aid,
                title,
                lang,
                origin,
                n.claims,
                n.checked,
                n.checked_percent,
                _iso(change),
                dismissed=n.dismissed,
                open=n.open,
                in_progress=n.in_progress,
                total=n.total,
            )
        )
    return rows
