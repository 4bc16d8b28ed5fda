"""The report as one self-contained HTML file: inline CSS, no external requests, no JavaScript.

Rendered with Jinja2 with autoescaping on, so every stored string is escaped (a note
`<script>alert(1)</script>` shows as text); control characters are shown as escapes first
(text.control). The article text is shown with each reported claim marked in its verdict colour and
linked to its entry; with a publisher, the ClaimReview JSON-LD is embedded for search engines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2

from factcheck.ratings import BY_KEY, RATING_COLOURS, RATING_GLYPHS, SCALE
from factcheck.report import claimreview
from factcheck.report.fields import date_text, quantity_text, quote_text, source_status
from factcheck.report.markdown import summary_lines
from factcheck.report.model import ReportData
from factcheck.report.words import check_language, kinds, rating_label, state, word
from factcheck.text.control import terminal_safe

UNRATED_COLOUR = "#58a6ff"  # a claim without a verdict: outlined in the "open" blue of the workbench


@dataclass
class Segment:
    """A run of the article text; `claim_id` set when the run is a reported claim."""

    text: str
    claim_id: int | None = None
    rating: str | None = None
    dismissed: bool = False


def segments(data: ReportData) -> list[Segment]:
    """The article text cut at the reported claims' spans (overlaps: the later claim starts after
    the earlier one ends; spans outside the text are left unmarked)."""
    text = data.article.text
    out: list[Segment] = []
    at = 0
    for item in sorted(data.claims, key=lambda i: (i.claim.start, i.claim.end)):
        start, end = max(item.claim.start, at), min(item.claim.end, len(text))
        if start >= end:
            continue
        if start > at:
            out.append(Segment(text[at:start]))
        verdict = item.claim.verdict
        dismissed = item.claim.status == "dismissed"
        out.append(Segment(text[start:end], item.claim.id, verdict.rating if verdict else None, dismissed))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def _safe(value: object) -> str:
    """Stored text with control characters shown as escapes; HTML escaping is Jinja's."""
    return terminal_safe(value)


def _link(url: str | None) -> str | None:
    """`url` when it is a web address a report may link to; None for anything else (javascript: …)."""
    return url if url and url.startswith(("http://", "https://")) else None


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_text"] = _safe
    env.filters["link"] = _link
    return env


def render_html(
    data: ReportData,
    lang: str,
    *,
    publisher: str | None = None,
    publisher_url: str | None = None,
    url_base: str = "",
) -> str:
    """The whole report as an HTML5 document (text). `lang` is "de" or "en"."""
    check_language(lang)
    reviews = (
        claimreview.claim_reviews(data, publisher=publisher, publisher_url=publisher_url, url_base=url_base)
        if publisher
        else []
    )
    used = {item.claim.verdict.rating for item in data.claims if item.claim.verdict}
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            data=data,
            lang=lang,
            w=lambda key: word(key, lang),
            state=lambda value: state(value, lang),
        kinds=lambda values: kinds(values, lang),
            rating_label=lambda key: rating_label(key, lang),
            colour=lambda key: RATING_COLOURS.get(key or "", UNRATED_COLOUR),
            glyph=lambda key: RATING_GLYPHS.get(key or "", "○"),
            date_text=lambda d: date_text(d, lang),
            quote_text=lambda q: quote_text(q, lang),
            quantity_text=quantity_text,
            source_status=lambda s: source_status(s, lang),
            summary=summary_lines(data, lang),
            segments=segments(data),
            legend=[r.key for r in SCALE if r.key in used] + sorted(k for k in used if k not in BY_KEY),
            jsonld=claimreview.script_tag_json(reviews) if reviews else None,
        )
    )
