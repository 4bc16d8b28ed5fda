"""Our verdicts as schema.org ClaimReview (JSON-LD), one object per claim with a standing verdict.

Fields follow schema.org/ClaimReview and Google's documented list for fact-check markup
(developers.google.com/search/docs/appearance/structured-data/factcheck): required `claimReviewed`,
`reviewRating` (with `alternateName`), `url`, `author`; recommended `datePublished` and
`itemReviewed` (a `Claim` with `author`, `datePublished`, `appearance`). Ratings map to the 1..5
scale of factcheck.ratings (`review_value`); "unverifiable" and "outdated" say nothing about truth on
that scale, so they carry only the label (`alternateName`), no numbers.
"""

from __future__ import annotations

import json
import re
from typing import Any

from factcheck.ratings import BY_KEY
from factcheck.report.fields import claim_speaker
from factcheck.report.model import ReportClaim, ReportData
from factcheck.report.words import rating_label
from factcheck.text.control import json_safe

CONTEXT = "https://schema.org"
NO_NUMERIC_RATING = frozenset({"unverifiable", "outdated"})
# Words that mark a speaker as an organisation rather than a person (German and English; suffixes
# and whole words of institution names). A name matching none is a Person.
_ORGANISATION = re.compile(
    r"(?i)\b(?:ministerium|regierung|kreml|kanzleramt|partei|verband|agentur|institut|amt|behörde|gericht|"
    r"polizei|bundestag|kommission|rat|ministry|government|office|department|agency|party|council|"
    r"commission|court|police|institute|association|union|inc|ltd|gmbh|ag|corp)\b|(?:ministerium|behörde|amt)\b"
)


class PublisherMissing(ValueError):
    """ClaimReview needs an `author` (the publishing organisation); none was given."""


def _speaker_node(name: str) -> dict[str, str]:
    kind = "Organization" if _ORGANISATION.search(name) else "Person"
    return {"@type": kind, "name": name}


def _rating(key: str, lang: str) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Rating", "alternateName": rating_label(key, lang)}
    rating = BY_KEY.get(key)
    if rating is not None and key not in NO_NUMERIC_RATING:
        node.update(ratingValue=rating.review_value, bestRating=5, worstRating=1)
    return node


def claim_review(
    item: ReportClaim, data: ReportData, *, publisher: str, publisher_url: str | None, url_base: str
) -> dict[str, Any]:
    """One ClaimReview node for a claim with a verdict (the caller keeps only those)."""
    claim, verdict = item.claim, item.claim.verdict
    assert verdict is not None
    lang = data.article.language if data.article.language in ("de", "en") else "en"
    author: dict[str, Any] = {"@type": "Organization", "name": publisher}
    if publisher_url:
        author["url"] = publisher_url
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": data.article.title}
    if data.article.url:
        appearance["url"] = data.article.url
    if data.article.published:
        appearance["datePublished"] = data.article.published
    reviewed: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    speaker = claim_speaker(claim)
    # "misattributed" says this person did not say it: naming them as the claim's author would publish
    # the very attribution the verdict refutes.
    if speaker and verdict.rating != "misattributed":
        reviewed["author"] = _speaker_node(speaker)
    if data.article.published:  # when the claim entered public discourse: the article's date
        reviewed["datePublished"] = data.article.published
    node: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": f"{url_base}#claim-{claim.id}",
        "claimReviewed": claim.text,
        "author": author,
        "reviewRating": _rating(verdict.rating, lang),
        "itemReviewed": reviewed,
        "inLanguage": lang,
    }
    if verdict.created_at:
        node["datePublished"] = verdict.created_at[:10]
    return node


def publishable(item: ReportClaim, *, include_unreviewed: bool = False) -> bool:
    """A verdict goes out when a reviewer approved it (four-eyes), or, when asked, while it still
    waits for review; a rejected or withdrawn verdict never does."""
    verdict = item.claim.verdict
    if verdict is None:
        return False
    return verdict.review_state == "approved" or (include_unreviewed and verdict.review_state == "pending")


def claim_reviews(
    data: ReportData,
    *,
    publisher: str | None,
    publisher_url: str | None = None,
    url_base: str = "",
    include_unreviewed: bool = False,
) -> list[dict[str, Any]]:
    """ClaimReview nodes of the claims whose verdict may be published (`publishable`), in text order.

    Raises PublisherMissing when `publisher` is empty. `url_base` is the address the report is
    published at (each review links to its claim's anchor there); empty gives "#claim-N".
    """
    if not publisher or not publisher.strip():
        raise PublisherMissing("ClaimReview needs a publisher: --publisher NAME (or FACTCHECK_PUBLISHER)")
    return [
        claim_review(item, data, publisher=publisher.strip(), publisher_url=publisher_url, url_base=url_base)
        for item in data.claims
        if publishable(item, include_unreviewed=include_unreviewed)
    ]


def render_claimreview(
    data: ReportData,
    *,
    publisher: str | None,
    publisher_url: str | None = None,
    url_base: str = "",
    include_unreviewed: bool = False,
) -> str:
    """The ClaimReview nodes as a JSON array (UTF-8 text, newline at the end)."""
    reviews = claim_reviews(
        data,
        publisher=publisher,
        publisher_url=publisher_url,
        url_base=url_base,
        include_unreviewed=include_unreviewed,
    )
    return json_safe(json.dumps(reviews, ensure_ascii=False, indent=2)) + "\n"


def script_tag_json(reviews: list[dict[str, Any]]) -> str:
    """JSON for inside <script type="application/ld+json">: "<", ">" and "&" as \\u escapes, so stored
    text can never close the script element (the same JSON value)."""
    # One compact review per line: json's C encoder (indent= takes the slow Python one), still diffable.
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in reviews) + "\n]"
    text = json_safe(text)  # C1 controls and bidi overrides as \\u escapes too: the HTML goes to terminals
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
