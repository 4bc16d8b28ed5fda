"""The report as CSV: one row per claim, for spreadsheets.

UTF-8 with a byte-order mark so Excel and LibreOffice open umlauts intact; RFC 4180 quoting (line
breaks inside a cell are kept, quoted). Cells that a spreadsheet would run as a formula, those
beginning with =, +, -, @, tab or carriage return, get a leading apostrophe (OWASP, "CSV Injection").
Control characters are shown as escapes (text.control), as in every report.
"""

from __future__ import annotations

import csv
import io

from factcheck.report.fields import (
    as_of_text,
    date_text,
    evidence_text,
    quantity_text,
    quote_text,
    source_evidence,
    source_status,
)
from factcheck.report.model import ReportClaim, ReportData
from factcheck.report.words import check_language, kinds, rating_label, state, word
from factcheck.services.views import SourceView
from factcheck.text.control import terminal_safe

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_COLUMNS = (
    "id",
    "paragraph",
    "text",
    "kinds",
    "status",
    "rating",
    "verdict",
    "rationale",
    "checker",
    "review_state",
    "reviewer",
    "review_comment",
    "dates",
    "quotes",
    "speakers",
    "places",
    "quantities",
    "sources",
    "reused",
    "as_of",
    "notes",
)


def neutralise(value: object) -> str:
    """A cell value a spreadsheet shows as text: formula starts prefixed with an apostrophe."""
    raw = "" if value is None else str(value)
    text = terminal_safe(raw)  # controls escaped; \\t and \\n kept (a leading tab is neutralised below)
    # The stored text decides too: a leading CR is shown as "\\x0d" but still gets its apostrophe.
    return "'" + text if raw.startswith(_FORMULA_START) or text.startswith(_FORMULA_START) else text


def _row(item: ReportClaim, lang: str, include_notes: bool) -> list[str]:
    c, v = item.claim, item.claim.verdict
    sources = [
        " · ".join(x for x in (s.title, s.url, s.archive_url, source_status(s, lang), *evidence_texts(s, lang)) if x)
        for s in item.sources
    ]
    reused = ""
    if item.reused:  # as Markdown and HTML say it: text (label, publisher) and where it was published
        r = item.reused
        origin = ", ".join(x for x in (r.original_label or r.rating, r.publisher) if x)
        reused = " · ".join(x for x in (f"{r.text} ({origin})", r.url) if x)
    values: list[object] = [
        c.id,
        item.paragraph,
        c.text,
        kinds(c.kinds, lang),
        state(c.status, lang),
        v.rating if v else "",
        rating_label(v.rating, lang) if v else "",
        v.rationale if v else "",
        v.checker if v else "",
        state(v.review_state, lang) if v else "",
        (v.reviewer or "") if v else "",
        (v.review_comment or "") if v else "",
        "; ".join(date_text(d, lang) for d in c.dates),
        "; ".join(quote_text(q, lang) for q in c.quotes),
        "; ".join(c.speakers),
        "; ".join(c.places),
        "; ".join(quantity_text(q) for q in c.quantities),
        "\n".join(sources),
        reused,
        as_of_text(c, lang) or "",
    ]
    if include_notes:
        values.append("\n".join(f"{n.author} ({n.created_at}): {n.body}" for n in item.notes))
    return [neutralise(value) for value in values]


def render_csv(data: ReportData, lang: str) -> str:
    """The report as CSV text, BOM first, header row in `lang`, CRLF line ends (RFC 4180)."""
    check_language(lang)
    columns = _COLUMNS if data.include_notes else _COLUMNS[:-1]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([word(_HEADER.get(name, name), lang) for name in columns])
    for item in data.claims:
        writer.writerow(_row(item, lang, data.include_notes))
    return BOM + out.getvalue()


# Header words: most columns are named by the catalogue entry of the same key.
_HEADER = {"verdict": "label"}


def evidence_texts(source: SourceView, lang: str) -> list[str]:
    return [evidence_text(e, lang) for e in source_evidence(source, lang)]
