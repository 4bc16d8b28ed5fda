"""Gathering a verification report's data (report.model.ReportData) from the store.

Rendering is report.render; this module only reads. Claims come in text order; `only="checked"`
keeps the claims with a standing verdict, `only="all"` every claim that counts (ClaimCounts) and
the dismissed ones, which the report lists as dismissed.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, func, select

from factcheck.errors import InputError
from factcheck.ratings import SCALE
from factcheck.report.claimreview import publishable
from factcheck.report.model import ONLY, ReportArticle, ReportClaim, ReportData, ReportSummary, ReusedCheck
from factcheck.report.render import ReportOptions, check_options, render
from factcheck.services.articles import get_article
from factcheck.services.claims import count_claims, list_claims
from factcheck.services.outputs import write_output
from factcheck.services.sources import snapshot_views
from factcheck.services.views import ClaimView, NoteView, SourceView, _iso
from factcheck.store.models import Article, CheckedClaim, Event, Note, Source

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_REUSED = re.compile(r"checked:(\d+)")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of `text`: runs separated by a blank line, empty ones left out."""
    spans, start = [], 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        if text[start : gap.start()].strip():
            spans.append((start, gap.start()))
        start = gap.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _paragraph_of(starts: list[int], offset: int) -> int:
    """0-based index of the paragraph holding `offset` (the nearest one before it in a gap), given the
    paragraphs' sorted start offsets: a binary search, so 5,000 claims do not scan 800 paragraphs each."""
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _summary(rows: list[ClaimView]) -> ReportSummary:
    counts = count_claims(rows)
    with_verdict = [r for r in rows if r.counted and r.verdict is not None]
    ratings = Counter(r.verdict.rating for r in with_verdict if r.verdict)
    per_rating = {r.key: ratings.pop(r.key) for r in SCALE if r.key in ratings}
    per_rating.update(sorted(ratings.items()))  # ratings outside today's scale (older data) after it
    return ReportSummary(
        claims=counts.claims,
        checked=counts.checked,
        in_progress=counts.in_progress,
        open=counts.open,
        dismissed=counts.dismissed,
        verdicts=len(with_verdict),
        reviewed=sum(1 for r in with_verdict if r.verdict and r.verdict.review_state == "approved"),
        per_rating=per_rating,
    )


def _by_claim(items: Iterable[Source | Note]) -> dict[int, list[Source | Note]]:
    grouped: dict[int, list[Source | Note]] = {}
    for item in items:
        grouped.setdefault(item.claim_id, []).append(item)
    return grouped


def _reused(session: Session, rows: list[ClaimView]) -> dict[int, ReusedCheck]:
    wanted = {
        int(m.group(1)): r.id
        for r in rows
        if r.verdict and r.verdict.reused_from and (m := _REUSED.fullmatch(r.verdict.reused_from))
    }
    if not wanted:
        return {}
    found = session.exec(select(CheckedClaim).where(col(CheckedClaim.id).in_(list(wanted))))
    return {
        wanted[c.id or 0]: ReusedCheck(
            checked_id=c.id or 0,
            text=c.text,
            rating=c.rating,
            original_label=c.original_label,
            url=c.url,
            publisher=c.publisher,
        )
        for c in found
    }


def _article(article: Article) -> ReportArticle:
    origin = article.origin or ""
    return ReportArticle(
        id=article.id or 0,
        title=article.title,
        origin=origin,
        url=origin if origin.startswith(("http://", "https://")) else None,
        language=article.language,
        imported_at=_iso(article.created_at),
        imported_by=article.imported_by,
        published=article.published,
        text=article.text,
    )


def build_report(session: Session, article_id: int, *, only: str = "all", include_notes: bool = False) -> ReportData:
    """The report data of article `article_id`.

    Raises NotFound for an unknown article and InputError for an `only` other than "all"/"checked".
    """
    if only not in ONLY:
        raise InputError(f"unknown --only {only!r}: use all or checked")
    article = get_article(session, article_id)
    every = list_claims(session, article_id=article_id)
    if only == "checked":
        shown = [r for r in every if r.verdict is not None]
    else:
        shown = [r for r in every if r.counted or r.status == "dismissed"]
    ids = [r.id for r in shown]
    sources = _by_claim(
        session.exec(
            select(Source)
            .where(col(Source.claim_id).in_(ids), col(Source.withdrawn_at).is_(None))
            .order_by(col(Source.id))
        )
    )
    notes = (
        _by_claim(
            session.exec(
                select(Note).where(col(Note.claim_id).in_(ids), col(Note.withdrawn_at).is_(None)).order_by(col(Note.id))
            )
        )
        if include_notes
        else {}
    )
    # every fetch of each source, for how the claim fared in the latest (services.sources; no bodies loaded)
    snapshots = snapshot_views(session, [s.id for rows in sources.values() for s in rows if s.id is not None])
    reused = _reused(session, shown)
    spans = paragraphs(article.text)
    starts = [start for start, _end in spans]
    claims = []
    for row in shown:
        index = _paragraph_of(starts, row.start)
        start, end = spans[index]
        claims.append(
            ReportClaim(
                claim=row,
                paragraph=index + 1,
                paragraph_text=article.text[start:end].strip(),
                sources=[SourceView.of(s, snapshots.get(s.id or 0)) for s in sources.get(row.id, [])],  # type: ignore[arg-type]
                notes=[NoteView.of(n) for n in notes.get(row.id, [])],  # type: ignore[arg-type]
                reused=reused.get(row.id),
            )
        )
    newest = session.exec(
        select(func.max(Event.at)).where(
            (col(Event.claim_id).in_([r.id for r in every]))
            | ((Event.entity == "article") & (Event.entity_id == article_id))
        )
    ).one()
    return ReportData(
        article=_article(article),
        summary=_summary(every),
        claims=claims,
        only=only,
        include_notes=include_notes,
        as_of=_iso(newest) if newest else _iso(article.updated_at),
    )


@dataclass
class RenderedReport:
    text: str
    warnings: list[str]  # what the editor should know before publishing it (one line each)


def build_and_render(
    session: Session, article_id: int, options: ReportOptions, *, only: str = "all", include_notes: bool = False
) -> RenderedReport:
    """Article `article_id`'s report rendered as `options` say (report.render), with warnings.

    Raises InputError for an unknown format, language, `only` or a non-web address, and for
    ClaimReview without a publisher; NotFound for an unknown article. The options are checked before
    the database is read.
    """
    try:
        check_options(options)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if only not in ONLY:
        raise InputError(f"unknown --only {only!r}: use all or checked")
    if options.format == "claimreview" and not (options.publisher or "").strip():
        raise InputError("ClaimReview needs a publisher: --publisher NAME (or FACTCHECK_PUBLISHER)")
    data = build_report(session, article_id, only=only, include_notes=include_notes)
    return RenderedReport(render(data, options), _warnings(data, options))


def _warnings(data: ReportData, options: ReportOptions) -> list[str]:
    if options.format != "claimreview":
        return []
    warnings = []
    if not any(publishable(item, include_unreviewed=options.include_unreviewed) for item in data.claims):
        waiting = sum(1 for item in data.claims if publishable(item, include_unreviewed=True))
        hint = f" ({waiting} wait for review: approve them, or --include-unreviewed)" if waiting else ""
        warnings.append(f"no approved verdict to publish: the ClaimReview list is empty{hint}")
    if not options.url_base:
        warnings.append("without --url-base each ClaimReview url is only “#claim-N”; search engines need the address")
    return warnings


def report_text(
    session: Session, article_id: int, options: ReportOptions, *, only: str = "all", include_notes: bool = False
) -> str:
    """build_and_render without the warnings (the TUI shows its own)."""
    return build_and_render(session, article_id, options, only=only, include_notes=include_notes).text


def save_report(text: str, path: Path, *, force: bool = False, protect: Iterable[Path] = ()) -> Path:
    """Write a rendered report to `path` (services.outputs.write_output: whole, never over the
    database, a device or a non-report file unless `force`). Returns the path written."""
    return write_output(text, path, force=force, protect=protect)
