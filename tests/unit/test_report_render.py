"""The report renderers on hand-built report data (no database): what an editor, a spreadsheet, a
browser and a search engine get from them, including hostile stored text.

The data is what services.reports.build_report would gather, written out here so each case says
exactly what is stored: approved verdicts, reused checks, archive links, older rows with control
characters (today's input cleaning removes those, older data may hold them) and a URL a source
could only have got through a bug or a hand-edited database.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.ratings import SCALE
from factcheck.report.claimreview import PublisherMissing, claim_reviews, render_claimreview
from factcheck.report.html import render_html
from factcheck.report.jsondoc import render_json
from factcheck.report.markdown import render_markdown
from factcheck.report.model import (
    SCHEMA_VERSION,
    ReportArticle,
    ReportClaim,
    ReportData,
    ReportSummary,
    ReusedCheck,
)
from factcheck.report.render import ReportOptions, render
from factcheck.report.table import BOM, render_csv
from factcheck.services.views import ClaimView, NoteView, SnapshotView, SourceView, VerdictView

SCHEMA = json.loads((Path(__file__).parents[1] / "fixtures" / "claimreview.schema.json").read_text(encoding="utf-8"))
# The hand-built verdicts mostly wait for review: these tests publish them anyway (the approval rule has
# its own test, test_only_approved_verdicts_are_published_unless_asked).
PUBLISHER = {
    "publisher": "Faktencheck-Desk",
    "publisher_url": "https://faktencheck.example.org",
    "include_unreviewed": True,
}
URL_BASE = "https://faktencheck.example.org/berichte/1"
ARTICLE_TEXT = (
    "Gipfel in Genf\n\n"
    "Der Minister sagte, die Inflation sei auf 2,1 Prozent gesunken. "
    "Die Regierung habe 480 Milliarden Euro bereitgestellt.\n\n"
    "Laut Kanzleramt fand das Treffen am 18. März 2025 statt. "
    "Die Opposition nennt das „Märchen“."
)


def verdict(rating: str, rationale: str = "Begründung.", **extra: Any) -> VerdictView:
    values: dict[str, Any] = {
        "id": 1,
        "rating": rating,
        "label_en": rating,
        "label_de": rating,
        "rationale": rationale,
        "checker": "anna",
        "created_at": "2025-03-20T09:15:00Z",
        "review_state": "pending",
        "reviewer": None,
        "reused_from": None,
    }
    values.update(extra)
    return VerdictView(**values)


def claim(
    text: str,
    claim_id: int,
    *,
    article_text: str = ARTICLE_TEXT,
    status: str = "open",
    verdict_: VerdictView | None = None,
    **fields: Any,
) -> ClaimView:
    start = article_text.find(text)
    start = start if start >= 0 else 0
    values: dict[str, Any] = {"dates": [], "quotes": [], "speakers": [], "places": [], "quantities": []}
    values.update(fields)
    return ClaimView(
        id=claim_id,
        article_id=1,
        start=start,
        end=start + len(text),
        text=text,
        kinds=fields.pop("kinds", ["attribution"]),
        checkworthiness=0.8,
        checkworthy=True,
        status="checked" if verdict_ else status,
        version=1,
        verdict=verdict_,
        updated_at="2025-03-20T09:15:00Z",
        **{k: values[k] for k in ("dates", "quotes", "speakers", "places", "quantities")},
    )


def item(c: ClaimView, paragraph: int = 2, **extra: Any) -> ReportClaim:
    return ReportClaim(claim=c, paragraph=paragraph, paragraph_text="…", **extra)


def source(url: str, **extra: Any) -> SourceView:
    values: dict[str, Any] = {
        "id": 1,
        "url": url,
        "title": None,
        "http_status": None,
        "fetched_at": None,
        "quote_match_score": None,
        "added_by": "anna",
    }
    values.update(extra)
    return SourceView(**values)


def checked_snapshot() -> SnapshotView:
    """A fetch in which the claim's quote stood with one word changed and its number stood, its date not."""
    checks = {
        "outcome": "differences",
        "best_quote_score": 0.93,
        "quotes": [
            {
                "quote": "Die Preise <steigen> weiter",
                "outcome": "differences",
                "score": 0.93,
                "passage": "Die Preise steigen stark",
                "context": "Destatis: Die Preise steigen stark, sagte die Behörde.",
                "diff": [["equal", "Die Preise"], ["delete", "<steigen> weiter"], ["insert", "steigen stark"]],
            }
        ],
        "dates": [{"text": "18. März 2025", "value": "2025-03-18", "found": False}],
        "numbers": [{"text": "2,3 Prozent", "value": 2.3, "unit": "Prozent", "found": True, "passage": "2,3 %"}],
    }
    return SnapshotView(
        id=1,
        source_id=1,
        fetched_at="2025-03-20T11:00:00Z",
        fetched_by="anna",
        requested_url="https://www.destatis.de/inflation",
        final_url=None,
        redirects=[],
        http_status=200,
        headers={},
        kind="html",
        sha256=None,
        size=None,
        stored_size=None,
        text_length=None,
        title=None,
        author=None,
        published=None,
        error=None,
        changed=None,
        checks=checks,
    )


def note(body: str, author: str = "ben", note_id: int = 1) -> NoteView:
    return NoteView(id=note_id, author=author, body=body, created_at="2025-03-20T10:00:00Z")


def report(
    items: list[ReportClaim],
    *,
    title: str = "Gipfel in Genf",
    text: str = ARTICLE_TEXT,
    origin: str = "https://zeitung.example.de/gipfel",
    published: str | None = "2025-03-19",
    language: str = "de",
    include_notes: bool = True,
    only: str = "all",
) -> ReportData:
    with_verdict = [i for i in items if i.claim.verdict]
    per_rating: dict[str, int] = {}
    for rating in SCALE:
        count = sum(1 for i in with_verdict if i.claim.verdict and i.claim.verdict.rating == rating.key)
        if count:
            per_rating[rating.key] = count
    return ReportData(
        article=ReportArticle(
            id=1,
            title=title,
            origin=origin,
            url=origin if origin.startswith(("http://", "https://")) else None,
            language=language,
            imported_at="2025-03-19T08:00:00Z",
            imported_by="anna",
            published=published,
            text=text,
        ),
        summary=ReportSummary(
            claims=len(items),
            checked=len(with_verdict),
            in_progress=0,
            open=len(items) - len(with_verdict),
            dismissed=0,
            verdicts=len(with_verdict),
            reviewed=sum(1 for i in with_verdict if i.claim.verdict and i.claim.verdict.review_state == "approved"),
            per_rating=per_rating,
        ),
        claims=items,
        only=only,
        include_notes=include_notes,
        as_of="2025-03-21T12:00:00Z",
    )


def desk_report() -> ReportData:
    """Three claims: an approved false verdict with sources (fetched, archived, quote-checked), a
    pending unverifiable one reused from a checked claim, and one without a verdict."""
    inflation = claim(
        "Der Minister sagte, die Inflation sei auf 2,1 Prozent gesunken.",
        2,
        verdict_=verdict(
            "false",
            "Destatis: 2,4 Prozent im Februar.\nZweite Zeile.",
            review_state="approved",
            reviewer="chefin",
        ),
        speakers=["Minister"],
        quantities=[{"text": "2,1 Prozent", "value": 2.1, "unit": "%"}],
        kinds=["quantity", "attribution"],
    )
    money = claim(
        "Die Regierung habe 480 Milliarden Euro bereitgestellt.",
        3,
        verdict_=verdict("unverifiable", "Kein Haushaltsbeleg.", reused_from="checked:7"),
        speakers=["Regierung"],
        quantities=[{"text": "480 Milliarden Euro", "value": 480_000_000_000, "unit": "EUR"}],
    )
    meeting = claim(
        "Laut Kanzleramt fand das Treffen am 18. März 2025 statt.",
        4,
        dates=[{"text": "18. März 2025", "value": "2025-03-18"}],
        quotes=[{"text": "Märchen", "speaker": None}],
        places=["Genf"],
    )
    return report(
        [
            item(
                inflation,
                sources=[
                    source(
                        "https://www.destatis.de/inflation",
                        title="Inflationsrate Februar",
                        http_status=200,
                        fetched_at="2025-03-20T11:00:00Z",
                        state="ok",
                        archive_url="https://web.archive.org/web/2025/https://www.destatis.de/inflation",
                        quote_match_score=0.93,
                        snapshots=[checked_snapshot()],
                    )
                ],
                notes=[note("Zahl mit Destatis abgeglichen; Grüße, Jürgen")],
            ),
            item(
                money,
                reused=ReusedCheck(7, "480 Mrd. bereitgestellt", "unverifiable", "Unbelegt", None, "Correctiv"),
            ),
            item(meeting, paragraph=3),
        ]
    )


# --- every format ------------------------------------------------------------------------------

FORMATS = ("md", "html", "json", "csv", "claimreview")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_format_renders_the_same_text_twice(fmt: str, lang: str) -> None:
    options = ReportOptions(format=fmt, lang=lang, url_base=URL_BASE, **PUBLISHER)
    assert render(desk_report(), options) == render(desk_report(), options)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_without_claims_still_renders(fmt: str) -> None:
    data = report([])
    text = render(data, ReportOptions(format=fmt, lang="en", **PUBLISHER))
    if fmt in ("md", "html"):
        assert "No claims to report." in text
    elif fmt == "claimreview":
        assert json.loads(text) == []
    elif fmt == "json":
        assert json.loads(text)["claims"] == []
    else:
        assert len(list(csv.reader(io.StringIO(text.removeprefix(BOM))))) == 1  # the header only


def test_times_are_the_stored_iso_times_not_the_clock() -> None:
    data = desk_report()
    for fmt in ("md", "html", "json", "csv"):
        text = render(data, ReportOptions(format=fmt, lang="de", **PUBLISHER))
        for stamp in ("2025-03-20T09:15:00Z", "2025-03-20T11:00:00Z", "2025-03-20T10:00:00Z"):
            assert stamp in text or (fmt, stamp) == ("csv", "2025-03-20T09:15:00Z"), (
                fmt,
                stamp,
            )  # verdict, fetch, note
        if fmt != "csv":
            assert "2025-03-19T08:00:00Z" in text and "2025-03-21T12:00:00Z" in text  # imported, data as of
    reviews = claim_reviews(data, **PUBLISHER)
    assert {r["datePublished"] for r in reviews} == {"2025-03-20"}


def test_an_approved_verdict_shows_its_reviewer_and_counts_as_reviewed() -> None:
    data = desk_report()
    md = render_markdown(data, "de")
    assert "- **Abnahme:** bestätigt, Abnehmer: chefin" in md
    assert "- Bewertungen: 2 (bestätigt 1, 50%)" in md
    assert "- **Abnahme:** ausstehend" in md
    english = render_markdown(data, "en")
    assert "- **Review:** approved, Reviewer: chefin" in english and "Verdicts: 2 (approved 1, 50%)" in english
    row = next(r for r in _csv_rows(render_csv(data, "en")) if r["ID"] == "2")
    assert (row["Review state"], row["Reviewer"]) == ("approved", "chefin")
    claims = json.loads(render_json(data, "en"))["claims"]
    assert claims[0]["claim"]["verdict"]["review_state"] == "approved"
    assert json.loads(render_json(data, "en"))["summary"]["reviewed_share"] == 0.5


def test_reused_check_archive_link_and_quote_check_are_shown() -> None:
    data = desk_report()
    md = render_markdown(data, "de")
    assert "- **Bewertung übernommen von:** 480 Mrd. bereitgestellt (Unbelegt, Correctiv)" in md
    assert "[Archiv](<https://web.archive.org/web/2025/https://www.destatis.de/inflation>)" in md
    assert "    - ≈ mit Abweichungen gefunden (93%): „Die Preise \\<steigen\\> weiter“" in md  # escaped
    assert "— Die Preise \\[-\\<steigen\\> weiter-\\] {+steigen stark+}" in md
    assert "    - ✗ 18. März 2025: nicht in der Quelle" in md and "    - ✓ 2,3 Prozent: in der Quelle" in md
    html = render_html(data, "en")
    assert '<a href="https://web.archive.org/web/2025/https://www.destatis.de/inflation">archive</a>' in html
    assert "found with differences (93 %)" in html and "Verdict taken over from" in html
    assert "<del>&lt;steigen&gt; weiter</del> <ins>steigen stark</ins>" in html  # escaped, marked
    assert '<li class="evidence-absent"><span class="glyph">✗</span> not in the source' in html
    row = next(r for r in _csv_rows(render_csv(data, "de")) if r["ID"] == "3")
    assert row["Bewertung übernommen von"] == "480 Mrd. bereitgestellt (Unbelegt, Correctiv)"  # as md and html say
    sources_cell = next(v for r in _csv_rows(render_csv(data, "de")) for v in r.values() if "destatis" in v)
    assert (
        "≈ mit Abweichungen gefunden (93%)" in sources_cell and "✗ 18. März 2025: nicht in der Quelle" in sources_cell
    )


def test_fields_are_shown_with_their_values() -> None:
    md = render_markdown(desk_report(), "de")
    assert "- **Daten:** 18\\. März 2025 → 2025-03-18" in md or "- **Daten:** 18. März 2025 → 2025-03-18" in md
    assert "- **Zahlen:** 2,1 Prozent → 2.1 %" in md
    assert "480 Milliarden Euro → 480,000,000,000 EUR" in md
    assert "„Märchen“ — Sprecher unbekannt" in md
    assert "“Märchen” — unknown speaker" in render_markdown(desk_report(), "en")


def test_the_json_report_is_the_complete_data_with_a_schema_version() -> None:
    data = desk_report()
    document = json.loads(render_json(data, "de"))
    assert document["schema_version"] == SCHEMA_VERSION and document["language"] == "de"
    assert set(document) >= {"article", "summary", "claims", "only", "include_notes", "as_of"}
    assert document["article"]["text"] == ARTICLE_TEXT
    first = document["claims"][0]
    assert first["claim"]["verdict"]["label"] == "falsch"
    assert first["sources"][0]["archive_url"].startswith("https://web.archive.org/")
    assert first["notes"][0]["body"] == "Zahl mit Destatis abgeglichen; Grüße, Jürgen"
    assert document["claims"][1]["reused"]["publisher"] == "Correctiv"
    assert json.loads(render_json(data, "en"))["claims"][0]["claim"]["verdict"]["label"] == "false"


def test_notes_appear_only_when_asked_for() -> None:
    data = desk_report()
    data.include_notes = False
    for item_ in data.claims:
        item_.notes = []  # build_report gathers none without --include-notes
    assert "Notes" not in render_markdown(data, "en") and "Notes" not in render_html(data, "en")
    assert "Notes" not in _csv_header(render_csv(data, "en"))


# --- CSV -----------------------------------------------------------------------------------------


def _csv_header(text: str) -> list[str]:
    assert text.startswith(BOM)
    return next(csv.reader(io.StringIO(text[len(BOM) :], newline="")))


def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM) :], newline="")))


def test_csv_reads_back_one_row_per_claim_with_umlauts_commas_quotes_and_line_breaks() -> None:
    tricky = claim('Er sagte: „Wir schaffen das“, und "niemand" widersprach; Öl, Bären, Maß.', 9)
    data = desk_report()
    data.claims.append(item(tricky))
    text = render_csv(data, "de")
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # BOM for Excel; RFC 4180 line ends
    rows = _csv_rows(text)
    assert [r["ID"] for r in rows] == ["2", "3", "4", "9"]
    assert [r["Text"] for r in rows] == [i.claim.text for i in data.claims]
    assert rows[0]["Begründung"] == "Destatis: 2,4 Prozent im Februar.\nZweite Zeile."
    assert rows[0]["Bezeichnung"] == "falsch" and rows[0]["Bewertung (Schlüssel)"] == "false"
    assert rows[0]["Notizen"] == "ben (2025-03-20T10:00:00Z): Zahl mit Destatis abgeglichen; Grüße, Jürgen"
    assert rows[0]["Quellen"].startswith("Inflationsrate Februar · https://www.destatis.de/inflation · ")
    assert rows[2]["Bezeichnung"] == "" and rows[2]["Status"] == "offen"


FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]
PAYLOAD = 'cmd|" /C calc"!A0'


def _hostile_claim(where: str, start: str) -> ReportClaim:
    value = start + PAYLOAD
    text = value if where == "claim text" else "Die Regierung habe 480 Milliarden Euro bereitgestellt."
    c = claim(
        text,
        5,
        verdict_=verdict("false", value if where == "rationale" else "Begründung.", checker="anna"),
        speakers=[value] if where == "speaker" else [],
        places=[value] if where == "place" else [],
    )
    if where == "reviewer":
        assert c.verdict is not None
        c.verdict.reviewer = value
        c.verdict.review_state = "approved"
    notes = [note("Notiz", author=value)] if where == "note author" else [note(value)]
    sources = [source("https://example.org/q", title=value)] if where == "source title" else []
    return item(c, notes=notes, sources=sources)


CELLS = {
    "claim text": "Text",
    "rationale": "Rationale",
    "speaker": "Speakers",
    "place": "Places",
    "reviewer": "Reviewer",
    "note author": "Notes",
    "source title": "Sources",
}


@pytest.mark.parametrize("where", list(CELLS))
@pytest.mark.parametrize("start", FORMULA_STARTS, ids=["eq", "plus", "minus", "at", "tab", "cr"])
def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe(where: str, start: str) -> None:
    text = render_csv(report([_hostile_claim(where, start)]), "en")
    row = _csv_rows(text)[0]
    cell = row[CELLS[where]]
    assert cell.startswith("'"), (where, cell)
    # what follows the apostrophe is the stored text (a carriage return shown as an escape, as in
    # every report), so nothing is lost to the reader
    shown = cell[1:]
    assert shown.startswith(start if start != "\r" else "\\x0d"), cell
    assert PAYLOAD in shown
    for other in row.values():
        assert not other.startswith(tuple(FORMULA_STARTS)), other  # no cell anywhere starts a formula


def test_csv_leaves_ordinary_cells_as_they_are() -> None:
    rows = _csv_rows(render_csv(desk_report(), "de"))
    assert all(not v.startswith("'") for r in rows for v in r.values())
    assert rows[0]["Zahlen"] == "2,1 Prozent → 2.1 %"


# --- HTML ----------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """The elements and the visible text of an HTML document, as a browser's parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self.scripts.append((dict(attrs), ""))
        if tag not in VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] == "script":
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        elif not (self._open and self._open[-1] in ("style", "title")):
            self.text.append(data)

    @property
    def visible(self) -> str:
        return "".join(self.text)


def hostile_report() -> ReportData:
    """Stored text written to attack the HTML report, in every field a user can fill."""
    text = "Titel\n\nDer \x1b[31mMinister\x1b[0m sagte <b>fett</b> & mehr \x9b2J\u202e. Zweiter Satz."
    c = claim(
        "Der \x1b[31mMinister\x1b[0m sagte <b>fett</b> & mehr \x9b2J\u202e.",
        2,
        article_text=text,
        verdict_=verdict(
            "false",
            '"><img src=x onerror=alert(1)>',
            checker="<svg onload=alert(2)>",
            reviewer="</dd><script>alert(3)</script>",
            review_state="approved",
        ),
        speakers=["<marquee>Mallory</marquee>"],
        quotes=[{"text": "<iframe src=https://evil.example>", "speaker": "</script><script>alert(4)</script>"}],
    )
    return report(
        [
            item(
                c,
                notes=[
                    note("<script>alert(1)</script>"),
                    note("\x1b]8;;https://evil.example\x07klick\x1b]8;;\x07 \x9b31m", author="<b>eve</b>", note_id=2),
                ],
                sources=[
                    source("javascript:alert(1)"),
                    source("https://ok.example/quelle", title="<img src=x onerror=alert(5)>"),
                    source("https://ok.example/a?b=1&c=\"'><x"),
                ],
                reused=ReusedCheck(1, "reused", "false", "Falsch", "javascript:alert(6)", "<i>pub</i>"),
            )
        ],
        title="</title><script>alert(7)</script>",
        text=text,
        origin="javascript:alert(8)",
    )


def test_hostile_stored_text_is_shown_as_text_never_as_markup() -> None:
    html = render_html(hostile_report(), "de", **PUBLISHER, url_base=URL_BASE)
    page = Page(html)
    tags = [tag for tag, _ in page.elements]
    for live in ("img", "svg", "iframe", "b", "i", "x", "marquee"):
        assert live not in tags, live
    scripts = [attrs for tag, attrs in page.elements if tag == "script"]
    assert scripts == [{"type": "application/ld+json"}]  # the JSON-LD only: no script runs
    for tag, attrs in page.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction"):
                assert value and re.match(r"(https?://|#)", value), (tag, name, value)
    visible = page.visible
    for shown in (
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "<svg onload=alert(2)>",
        "</dd><script>alert(3)</script>",
        "</script><script>alert(4)</script>",
        "<img src=x onerror=alert(5)>",
        "javascript:alert(1)",
        "javascript:alert(8)",
        "<b>eve</b>",
        "<b>fett</b> & mehr",
        "<iframe src=https://evil.example>",
        "<marquee>Mallory</marquee>",
        "<i>pub</i>",
        "</title><script>alert(7)</script>",
    ):
        assert shown in visible, shown
    assert "javascript:" not in " ".join(str(v) for _, a in page.elements for v in a.values())


def test_escape_sequences_are_shown_as_visible_escapes() -> None:
    html = render_html(hostile_report(), "en", **PUBLISHER)
    # no raw control character or bidi override anywhere, the embedded JSON-LD included
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", html)
    visible = Page(html).visible
    assert "Der \\x1b[31mMinister\\x1b[0m sagte" in visible
    assert "\\x1b]8;;https://evil.example\\x07klick" in visible and "\\x9b31m" in visible
    assert "\\x9b2J\\u202e" in visible  # C1 CSI and a bidi override, as escapes


def test_the_embedded_json_ld_cannot_be_closed_by_stored_text_and_is_the_claimreview() -> None:
    data = hostile_report()
    page = Page(render_html(data, "de", **PUBLISHER, url_base=URL_BASE))
    [(attrs, body)] = page.scripts
    assert attrs == {"type": "application/ld+json"}
    assert "</" not in body and "<" not in body
    assert json.loads(body) == json.loads(render_claimreview(data, **PUBLISHER, url_base=URL_BASE))
    assert json.loads(body)[0]["itemReviewed"]["author"]["name"] == "</script><script>alert(4)</script>"


def test_without_a_publisher_the_html_has_no_json_ld() -> None:
    assert Page(render_html(desk_report(), "de")).scripts == []


def test_the_html_makes_no_external_request() -> None:
    html = render_html(desk_report(), "de", **PUBLISHER, url_base=URL_BASE)
    page = Page(html)
    for tag, attrs in page.elements:
        if tag == "a":
            continue  # links the reader may follow: the article and its sources
        for name in ("src", "href", "srcset", "data", "poster", "background"):
            value = attrs.get(name)
            assert not (value and re.match(r"\s*(https?:)?//", value)), (tag, name, value)
    styles = re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S)
    styles += [a["style"] or "" for _, a in page.elements if "style" in a]
    assert styles and not any(re.search(r"url\(|@import", s) for s in styles)
    assert {tag for tag, _ in page.elements} <= {
        "html", "head", "meta", "title", "style", "script", "body", "header", "h1", "dl", "dt", "dd",
        "a", "main", "h2", "ul", "li", "p", "strong", "span", "div", "sup", "em", "section", "h3",
        "blockquote", "q", "br", "del", "ins", "code",  # a quote checked against a source, its word diff; a file
    }  # fmt: skip


def test_claims_are_marked_in_the_article_and_linked_both_ways() -> None:
    html = render_html(desk_report(), "de")
    page = Page(html)
    marks = {a["id"]: a for tag, a in page.elements if tag == "a" and "claim" in (a.get("class") or "").split()}
    assert set(marks) == {"mark-2", "mark-3", "mark-4"}
    assert marks["mark-2"]["href"] == "#claim-2" and "#f85149" in (marks["mark-2"]["style"] or "")  # false: red
    assert "unrated" in (marks["mark-4"]["class"] or "")  # no verdict yet: outlined
    sections = {a["id"] for tag, a in page.elements if tag == "section"}
    assert sections == {"claim-2", "claim-3", "claim-4"}
    back = {a["href"] for tag, a in page.elements if tag == "a" and (a.get("href") or "").startswith("#mark-")}
    assert back == {"#mark-2", "#mark-3", "#mark-4"}
    assert page.visible.count("Gipfel in Genf") == 2  # the title and the article's first line


def article_text_shown(html: str) -> str:
    """The article as the HTML report shows it: the text of its box without the claim numbers."""
    box = re.search(r'<div class="article">(.*?)</div>', html, flags=re.S)
    assert box is not None
    return unescape(re.sub(r"<[^>]+>", "", re.sub(r"<sup>\d+</sup>", "", box.group(1))))


def test_overlapping_and_out_of_range_spans_keep_the_article_text_whole() -> None:
    first = claim("Der Minister sagte, die Inflation sei auf 2,1 Prozent gesunken.", 2)
    overlapping = claim("Inflation sei auf 2,1 Prozent gesunken. Die Regierung habe", 3)
    beyond = claim("x", 4)
    beyond.start, beyond.end = len(ARTICLE_TEXT) + 5, len(ARTICLE_TEXT) + 9
    html = render_html(report([item(first), item(overlapping), item(beyond)]), "de")
    assert article_text_shown(html) == ARTICLE_TEXT
    page = Page(html)
    marks = [a["id"] for tag, a in page.elements if tag == "a" and (a.get("class") or "").startswith("claim")]
    assert marks == ["mark-2", "mark-3"]  # the span past the end is listed but not marked
    assert {a["id"] for tag, a in page.elements if tag == "section"} == {"claim-2", "claim-3", "claim-4"}


def test_the_article_text_is_shown_whole_with_the_claims_marked() -> None:
    assert article_text_shown(render_html(desk_report(), "de")) == ARTICLE_TEXT


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_escapes_stored_text_so_it_cannot_format_or_link() -> None:
    md = render_markdown(hostile_report(), "en")
    # every "<" is escaped, except the claim anchors and autolinks to web addresses
    assert not re.findall(r'(?<!\\)<(?!a id="claim-\d+"></a>|/a>|https?://)', md)
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "](javascript:" not in md and "<javascript:" not in md
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", md)
    heading = claim("# Überschrift [klick](https://evil.example)", 5)
    md = render_markdown(report([item(heading)]), "de")
    assert "> \\# Überschrift \\[klick\\](https://evil.example)" in md


# --- ClaimReview ---------------------------------------------------------------------------------


def every_rating_report() -> ReportData:
    """One claim per rating of the scale, each with a named speaker."""
    items = []
    for number, rating in enumerate(SCALE, start=10):
        text = f"Behauptung {number} über {rating.de}."
        c = claim(text, number, verdict_=verdict(rating.key), speakers=["Bundesministerium der Finanzen"])
        items.append(item(c))
    text = " ".join(i.claim.text for i in items)
    for i in items:
        i.claim.start = text.find(i.claim.text)
        i.claim.end = i.claim.start + len(i.claim.text)
    return report(items, text=text)


def validate(reviews: list[dict[str, Any]], definition: str = "ClaimReview") -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(reviews, SCHEMA)
    one = {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"], "$ref": f"#/$defs/{definition}"}
    for review in reviews:
        jsonschema.validate(review, one)
        rating = review["reviewRating"]
        if "ratingValue" in rating:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
            assert rating["worstRating"] < rating["bestRating"]
        assert review["url"].startswith(URL_BASE + "#claim-")  # on the publisher's site


@pytest.mark.parametrize("lang", ["de", "en"])
def test_claimreview_of_every_rating_meets_googles_required_and_recommended_fields(lang: str) -> None:
    data = every_rating_report()
    data.article.language = lang
    reviews = json.loads(render_claimreview(data, **PUBLISHER, url_base=URL_BASE))
    assert len(reviews) == len(SCALE)
    by_key = {r.key: review for r, review in zip(SCALE, reviews, strict=True)}
    validate(reviews)  # the required fields, every rating
    # the recommended ones too, but a misattributed claim names no author (the named one did not say it)
    validate([r for key, r in by_key.items() if key != "misattributed"], "ClaimReviewComplete")
    for rating in SCALE:
        node = by_key[rating.key]["reviewRating"]
        assert node["alternateName"] == rating.label(lang)
        if rating.key in ("unverifiable", "outdated"):  # nothing about truth on a 1..5 scale
            assert set(node) == {"@type", "alternateName"}
        else:
            assert (node["ratingValue"], node["bestRating"], node["worstRating"]) == (rating.review_value, 5, 1)
    assert by_key["true"]["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Bundesministerium der Finanzen",
    }
    assert by_key["true"]["itemReviewed"]["datePublished"] == "2025-03-19"
    assert by_key["true"]["author"] == {
        "@type": "Organization",
        "name": "Faktencheck-Desk",
        "url": PUBLISHER["publisher_url"],
    }


def test_claimreview_without_article_date_or_speaker_still_has_every_required_field() -> None:
    data = desk_report()
    data.article.published = None
    reviews = json.loads(render_claimreview(data, **PUBLISHER, url_base=URL_BASE))
    assert [r["url"] for r in reviews] == [URL_BASE + "#claim-2", URL_BASE + "#claim-3"]  # claims with a verdict
    validate(reviews)
    with pytest.raises(jsonschema.ValidationError):  # the recommended claim date is missing, and the schema says so
        validate(reviews, "ClaimReviewComplete")
    assert reviews[0]["itemReviewed"]["author"] == {"@type": "Person", "name": "Minister"}
    assert reviews[1]["itemReviewed"]["author"] == {"@type": "Organization", "name": "Regierung"}


def test_the_schema_rejects_what_google_would() -> None:
    good = json.loads(render_claimreview(every_rating_report(), **PUBLISHER, url_base=URL_BASE))[0]
    validate([good])
    broken = [
        {k: v for k, v in good.items() if k != "claimReviewed"},
        {k: v for k, v in good.items() if k != "url"},
        {**good, "url": "#claim-10"},
        {**good, "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1}},
        {**good, "reviewRating": {"@type": "Rating", "alternateName": "falsch", "ratingValue": 1}},
        {**good, "reviewRating": {**good["reviewRating"], "worstRating": 0}},
        {**good, "author": {"@type": "Organization"}},
        {**good, "datePublished": "20.03.2025"},
        {**good, "itemReviewed": {"@type": "Claim", "appearance": {"@type": "CreativeWork"}}},
    ]
    for review in broken:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([review], SCHEMA)


def test_claimreview_needs_a_publisher() -> None:
    with pytest.raises(PublisherMissing):
        render_claimreview(desk_report(), publisher="  ")
    with pytest.raises(PublisherMissing):
        render(desk_report(), ReportOptions(format="claimreview"))


def test_claimreview_text_is_the_stored_claim_exactly() -> None:
    data = hostile_report()
    reviews = json.loads(render_claimreview(data, **PUBLISHER, url_base=URL_BASE))
    assert reviews[0]["claimReviewed"] == data.claims[0].claim.text  # JSON escapes, the value is unchanged
    assert not re.search("[\x1b\x9b\u202e]", render_claimreview(data, **PUBLISHER))  # no raw control reaches a terminal


def test_only_approved_verdicts_are_published_unless_asked() -> None:
    data = every_rating_report()
    states = ["approved", "pending", "rejected", "withdrawn"]
    for n, item in enumerate(data.claims):
        assert item.claim.verdict is not None
        item.claim.verdict.review_state = states[n % len(states)]
    published = {r["url"] for r in claim_reviews(data, publisher="Desk", url_base=URL_BASE)}
    approved = {f"{URL_BASE}#claim-{i.claim.id}" for n, i in enumerate(data.claims) if n % 4 == 0}
    assert published == approved
    with_pending = {r["url"] for r in claim_reviews(data, publisher="Desk", url_base=URL_BASE, include_unreviewed=True)}
    assert with_pending == approved | {
        f"{URL_BASE}#claim-{i.claim.id}" for n, i in enumerate(data.claims) if n % 4 == 1
    }


def test_a_misattributed_claim_is_not_published_with_the_wrongly_named_speaker_as_its_author() -> None:
    data = every_rating_report()
    for item in data.claims:
        item.claim.quotes = [{"text": "Märchen", "speaker": "Joe Biden"}]
    reviews = claim_reviews(data, publisher="Desk", url_base=URL_BASE, include_unreviewed=True)
    assert len(reviews) == len(data.claims)
    authors = {
        i.claim.verdict.rating: r["itemReviewed"].get("author") for i, r in zip(data.claims, reviews, strict=True)
    }
    assert authors["misattributed"] is None
    assert authors["false"] == {"@type": "Person", "name": "Joe Biden"}


def test_a_note_of_several_paragraphs_keeps_its_lines_and_opens_no_block() -> None:
    from markdown_it import MarkdownIt

    from factcheck.report.markdown import md_lines

    body = "Archiv geprüft.\n\n- kein Treffen\n# Überschrift?\n<b>fett</b>"
    item_md = f"- **Notiz:** {md_lines(body, 2)}\n"
    html = MarkdownIt("commonmark").render(item_md)
    assert html.count("<li>") == 1 and "<h1>" not in html and "<b>" not in html
    assert html.count("<br />") == 3 and "- kein Treffen" in html and "# Überschrift?" in html
