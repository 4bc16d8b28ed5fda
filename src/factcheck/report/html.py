"""The report as one self-contained HTML file: inline CSS, no external requests, no JavaScript.

Rendered with Jinja2 with autoescaping on, so every stored string is escaped (a note
`<script>alert(1)</script>` shows as text); control characters are shown as escapes first
(text.control). The article text is shown with each reported claim marked in its verdict colour and
linked to its entry; with a publisher, the ClaimReview JSON-LD is embedded for search engines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import jinja2

from factcheck.ratings import BY_KEY, RATING_COLOURS, RATING_GLYPHS, SCALE
from factcheck.report import claimreview
from factcheck.report.fields import (
    as_of_text,
    date_text,
    quantity_text,
    quote_text,
    source_evidence,
    source_status,
)
from factcheck.report.markdown import summary_lines
from factcheck.report.model import ReportClaim, ReportData
from factcheck.report.words import check_language, kinds, rating_label, state, word
from factcheck.text.control import terminal_safe

UNRATED_COLOUR = "#58a6ff"  # a claim without a verdict: outlined in the "open" blue of the workbench


@dataclass
class Segment:
    """A run of the article text; `claim_id` set when the run belongs to a reported claim (`first`:
    the claim's first run, which carries its anchor and number)."""

    text: str
    claim_id: int | None = None
    rating: str | None = None
    dismissed: bool = False
    first: bool = False


def segments(data: ReportData) -> list[Segment]:
    """The article text cut at every reported claim's start and end.

    Where claims overlap or nest, each run belongs to the innermost claim covering it (the latest
    start, then the shortest), so every claim with a run of its own is marked from its first character.
    Spans outside the text are clipped.
    """
    text = data.article.text
    spans = []
    for item in data.claims:
        start, end = max(item.claim.start, 0), min(item.claim.end, len(text))
        if start < end:
            spans.append((start, end, item))
    boundaries = sorted({0, len(text), *(s for s, _e, _i in spans), *(e for _s, e, _i in spans)})
    starting: dict[int, list[tuple[int, int, ReportClaim]]] = {}
    for span in spans:
        starting.setdefault(span[0], []).append(span)
    active: list[tuple[int, int, ReportClaim]] = []
    seen: set[int] = set()
    out: list[Segment] = []
    for at, until in pairwise(boundaries):
        active = [span for span in active if span[1] > at] + starting.get(at, [])
        if not active:
            out.append(Segment(text[at:until]))
            continue
        _s, _e, owner = max(active, key=lambda span: (span[0], -span[1]))
        claim = owner.claim
        if out and out[-1].claim_id == claim.id:  # the same claim goes on: one run
            out[-1].text += text[at:until]
            continue
        verdict = claim.verdict
        first = claim.id not in seen
        seen.add(claim.id)
        out.append(
            Segment(text[at:until], claim.id, verdict.rating if verdict else None, claim.status == "dismissed", first)
        )
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
    include_unreviewed: bool = False,
) -> str:
    """The whole report as an HTML5 document (text). `lang` is "de" or "en"."""
    check_language(lang)
    reviews = (
        claimreview.claim_reviews(
            data,
            publisher=publisher,
            publisher_url=publisher_url,
            url_base=url_base,
            include_unreviewed=include_unreviewed,
        )
        if publisher
        else []
    )
    runs = segments(data)
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
            as_of_text=lambda c: as_of_text(c, lang),
            quote_text=lambda q: quote_text(q, lang),
            quantity_text=quantity_text,
            source_status=lambda s: source_status(s, lang),
            source_evidence=lambda s: source_evidence(s, lang),
            summary=summary_lines(data, lang),
            segments=runs,
            marked={s.claim_id for s in runs if s.first},
            legend=[r.key for r in SCALE if r.key in used] + sorted(k for k in used if k not in BY_KEY),
            jsonld=claimreview.script_tag_json(reviews) if reviews else None,
        )
    )
