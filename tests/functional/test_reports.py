"""Verification reports of the seed article with verdicts, sources and notes set through the services
on a real SQLite file, compared with golden files in tests/golden/reports/.

Golden files: one per format and report language (ClaimReview once: its labels follow the article's
language, not --lang). After an intended change to a report, or to the extractor (the claims of the
seed), rewrite them and review the diff before committing:

    FACTCHECK_UPDATE_GOLDEN=1 /work/venv/bin/python -m pytest tests/functional/test_reports.py -q
    git diff tests/golden/reports/

The times in a report come from the data (import, verdicts, notes, fetches, events), which the test
writes now; the golden files hold them as {TIME} (an ISO timestamp) and {DATE} (a ClaimReview day):
see `normalised`. The times' own format is pinned by tests/unit/test_report_render.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from factcheck.report.render import SUFFIXES, ReportOptions
from factcheck.services import articles, reports, reviews, sources, verdicts
from factcheck.services.claims import set_status
from factcheck.sources.fetch import FetchedDocument
from factcheck.store import Claim, create_store_engine, session_scope
from factcheck.store.models import Event, Verdict
from factcheck.text.document import prepare_document
from tests.conftest import ROOT, SEED, pg_schema

GOLDEN = ROOT / "tests" / "golden" / "reports"
UPDATE = os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1"
ARTICLE_URL = "https://www.example.org/politik/trump-putin-telefonat"
# The golden ClaimReview publishes the verdicts still waiting for review too (--include-unreviewed), so
# it shows every rating; by default only approved ones go out (test_only_approved_verdicts_go_out).
PUBLISHER = {
    "publisher": "Faktencheck-Desk",
    "publisher_url": "https://faktencheck.example.org",
    "url_base": "https://faktencheck.example.org/berichte/trump-putin-telefonat",
    "include_unreviewed": True,
}


@dataclass
class Checked:
    """The seed article after a morning at the desk: `ids` maps a role to its claim id."""

    engine: Engine
    db: Path
    article_id: int
    ids: dict[str, int]
    dates: set[str]  # the days the data was written on (stored_dates)


def _claim_id(session: Session, article_id: int, needle: str) -> int:
    found = session.exec(select(Claim).where(Claim.article_id == article_id, Claim.text.contains(needle))).all()  # type: ignore[attr-defined]
    assert len(found) == 1, (needle, [c.text for c in found])
    return found[0].id  # type: ignore[return-value]


_PYTHONPATH = {"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}
_TIMESTAMP = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\b")


def stored_dates(engine: Engine) -> set[str]:
    """The calendar days of the times stored while the fixture ran (ClaimReview shows a verdict's day)."""
    with Session(engine) as session:
        times = [*session.exec(select(Verdict.created_at)), *session.exec(select(Event.at))]
    return {f"{t:%Y-%m-%d}" for t in times}


def normalised(text: str, dates: set[str]) -> str:
    """`text` with the times of the run replaced: every ISO timestamp by {TIME}, a day the data was
    written on by {DATE}. Claim dates (2017, 2025-03-18) are older than any run and stay."""
    text = _TIMESTAMP.sub("{TIME}", text)
    for day in sorted(dates):
        text = text.replace(f'"{day}"', '"{DATE}"')
        # a time-sensitive claim of the undated seed holds as of the day it was imported
        text = re.sub(rf"\b{day}\b", "{DATE}", text)
    return text


def build_checked_seed(db: Path | str) -> Checked:
    """Import the seed and check it through the services as a desk would (verdicts of most ratings,
    fetched, failed and pending sources, notes with markup and a formula, a dismissed and an
    in-progress claim, one verdict approved and one rejected by a reviewer)."""
    engine = create_store_engine(str(db))
    doc = prepare_document(SEED.read_bytes(), name=SEED.name)
    with session_scope(engine) as session:
        article_id = articles.import_document(session, doc, origin=ARTICLE_URL, actor="anna").article_id
    with session_scope(engine) as session:
        ids = {
            role: _claim_id(session, article_id, needle)
            for role, needle in (
                ("false", "Der erste Kontakt zwischen den beiden"),
                ("quote", "Fernseh-Trump"),
                ("outdated", "Erst 2025, nach Trumps Wiederwahl"),
                ("true", "Der letzte telefonische Austausch"),
                ("unverifiable", "keine Abkommen ohne die Ukraine"),
                ("dismissed", "New York stattfinden"),
                ("in_progress", "Abgeordnete fordern"),
                ("mostly_true", "dröhnende Leere"),
            )
        }
    with session_scope(engine) as session:
        verdicts.set_verdict(
            session,
            ids["false"],
            "falsch",
            rationale="Am 28. Januar 2017 telefonierten beide; das erste Treffen war im Juli 2017 in Hamburg.",
            actor="anna",
        )
        fetched = sources.add_source(session, ids["false"], "https://www.example.gov/readout-2017-01-28", actor="anna")
        sources.add_source(session, ids["true"], "https://www.tagesschau.de/ausland/trump-putin-100.html", actor="anna")
        failed = sources.add_source(session, ids["quote"], "https://kremlin.example.ru/transcripts/57905", actor="ben")
    with session_scope(engine) as session:
        page = "<html><head><title>Readout: Call with President Putin</title></head><body><p>A call.</p></body></html>"
        doc_ok = FetchedDocument(fetched.url, 200, "text/html; charset=utf-8", page.encode())
        sources.record_fetch(session, fetched.id, doc_ok, actor="anna")
        sources.record_fetch(
            session, failed.id, FetchedDocument(failed.url, 404, "text/plain", b"not found"), actor="ben"
        )
    with session_scope(engine) as session:
        verdicts.set_verdict(
            session,
            ids["quote"],
            "irreführend",
            rationale="Das Zitat stammt aus dem Jahr 2018 und ist verkürzt wiedergegeben.",
            actor="ben",
        )
        verdicts.set_verdict(session, ids["outdated"], "veraltet", rationale="Stand März 2025.", actor="anna")
        verdicts.set_verdict(session, ids["true"], "richtig", actor="anna")
        verdicts.set_verdict(
            session, ids["unverifiable"], "nicht belegbar", rationale="Keine Aufzeichnung gefunden.", actor="ben"
        )
        verdicts.set_verdict(
            session,
            ids["mostly_true"],
            "größtenteils richtig",
            rationale="-Zitat belegt; Kontext: Umfrage @Filipenko +3 Punkte",
            actor="anna",
        )
        verdicts.add_note(session, ids["false"], "Archiv geprüft: Telefonat, kein Treffen. Grüße, Jürgen", actor="ben")
        verdicts.add_note(session, ids["unverifiable"], '=HYPERLINK("https://evil.example","klick")', actor="ben")
        verdicts.add_note(session, ids["unverifiable"], "<script>alert(1)</script>", actor="mallory")
        set_status(session, ids["dismissed"], "dismissed", actor="anna")
        set_status(session, ids["in_progress"], "in-progress", actor="ben")
    with session_scope(engine) as session:  # a second pair of eyes: one verdict approved, one sent back
        reviews.review_verdict(session, ids["false"], "freigeben", actor="chefin", comment="Belege geprüft.")
        reviews.review_verdict(session, ids["outdated"], "ablehnen", actor="chefin", comment="Quelle für März fehlt.")
    return Checked(engine, Path(db), article_id, ids, stored_dates(engine))


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checked]:
    built = build_checked_seed(tmp_path_factory.mktemp("reports") / "claims.db")
    yield built
    built.engine.dispose()


def render(checked: Checked, fmt: str, lang: str | None = "de", **extra: object) -> str:
    options = ReportOptions(format=fmt, lang=lang, **PUBLISHER)
    with Session(checked.engine) as session:
        return reports.report_text(session, checked.article_id, options, include_notes=True, **extra)  # type: ignore[arg-type]


def golden_name(fmt: str, lang: str) -> str:
    return "trump-putin" + SUFFIXES[fmt] if fmt == "claimreview" else f"trump-putin.{lang}{SUFFIXES[fmt]}"


def assert_golden(name: str, text: str) -> None:
    """`text` equals tests/golden/reports/`name` byte for byte (FACTCHECK_UPDATE_GOLDEN=1 rewrites it)."""
    path = GOLDEN / name
    data = text.encode("utf-8")
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"{path} is missing: run with FACTCHECK_UPDATE_GOLDEN=1 and review it"
    expected = path.read_bytes()
    if data != expected:  # a short, readable diff instead of two whole reports
        import difflib

        diff = difflib.unified_diff(
            expected.decode("utf-8").splitlines(), text.splitlines(), "golden", "now", lineterm="", n=1
        )
        pytest.fail(
            f"{name} differs from the golden file (FACTCHECK_UPDATE_GOLDEN=1 rewrites it):\n"
            + "\n".join(list(diff)[:60])
        )


GOLDEN_CASES = [(fmt, lang) for fmt in ("md", "html", "json", "csv") for lang in ("de", "en")] + [("claimreview", "de")]


@pytest.mark.parametrize(("fmt", "lang"), GOLDEN_CASES, ids=[f"{f}-{lang}" for f, lang in GOLDEN_CASES])
def test_report_matches_its_golden_file_and_renders_the_same_bytes_twice(checked: Checked, fmt: str, lang: str) -> None:
    text = render(checked, fmt, lang)
    assert render(checked, fmt, lang) == text  # a second render from a fresh session: the same bytes
    assert_golden(golden_name(fmt, lang), normalised(text, checked.dates))


@pytest.fixture(scope="module")
def checked_on_postgres() -> Iterator[Checked]:
    """The same desk on the team's PostgreSQL (skipped where no server answers)."""
    with pg_schema() as url:
        built = build_checked_seed(url)
        yield built
        built.engine.dispose()


@pytest.mark.parametrize(("fmt", "lang"), GOLDEN_CASES, ids=[f"{f}-{lang}" for f, lang in GOLDEN_CASES])
def test_a_desk_on_postgresql_gets_the_same_reports_byte_for_byte(
    checked_on_postgres: Checked, fmt: str, lang: str
) -> None:
    assert_golden(golden_name(fmt, lang), normalised(render(checked_on_postgres, fmt, lang), checked_on_postgres.dates))


def test_claimreview_labels_follow_the_article_language_not_the_report_language(checked: Checked) -> None:
    german = render(checked, "claimreview", "de")
    assert render(checked, "claimreview", "en") == german == render(checked, "claimreview", None)
    labels = {r["reviewRating"]["alternateName"] for r in json.loads(german)}
    assert labels == {"falsch", "irreführend", "richtig", "nicht belegbar", "größtenteils richtig"}


def test_german_and_english_reports_use_only_their_own_words(checked: Checked) -> None:
    for fmt in ("md", "html", "csv"):
        de, en = render(checked, fmt, "de"), render(checked, fmt, "en")
        if fmt == "html":  # the embedded ClaimReview speaks the article's language (see above)
            en = en[: en.index('<script type="application/ld+json">')] + en[en.index("</script>") :]
        for german in (
            "Begründung",
            "irreführend",
            "nicht belegbar",
            "verworfen",
            "in Arbeit",
            "ausstehend",
            "bestätigt",
            "Anmerkung der Abnahme",
        ):
            assert german in de, (fmt, german)
            assert german not in en, (fmt, german)
        for english in (
            "Rationale",
            "misleading",
            "unverifiable",
            "dismissed",
            "in progress",
            "pending",
            "approved",
            "rejected",
        ):
            assert english in en, (fmt, english)
        if fmt != "csv":  # a spreadsheet has no title
            assert "Prüfbericht" in de and "Verification report" in en
    # the article's own German text stays German in the English report
    assert "Der erste Kontakt zwischen den beiden" in render(checked, "md", "en")


def test_the_summary_counts_what_the_desk_did(checked: Checked) -> None:
    document = json.loads(render(checked, "json", "en"))
    summary = document["summary"]
    assert summary["verdicts"] == 6 and summary["reviewed"] == 1 and summary["reviewed_share"] == round(1 / 6, 4)
    assert summary["dismissed"] == 1 and summary["in_progress"] == 2  # the rejected verdict's claim is back in work
    assert summary["per_rating"] == {
        "true": 1,
        "mostly-true": 1,
        "misleading": 1,
        "false": 1,
        "unverifiable": 1,
        "outdated": 1,
    }  # in scale order
    claims = {c["claim"]["id"]: c for c in document["claims"]}
    starts = [c["claim"]["start"] for c in document["claims"]]
    assert starts == sorted(starts)  # text order
    assert claims[checked.ids["dismissed"]]["claim"]["status"] == "dismissed"
    approved = claims[checked.ids["false"]]["claim"]["verdict"]
    assert (approved["review_state"], approved["reviewer"], approved["review_comment"]) == (
        "approved",
        "chefin",
        "Belege geprüft.",
    )
    rejected = claims[checked.ids["outdated"]]["claim"]
    assert (rejected["status"], rejected["verdict"]["review_state"]) == ("in-progress", "rejected")
    first = claims[checked.ids["false"]]
    assert [s["state"] for s in first["sources"]] == ["ok"]
    assert first["sources"][0]["title"] == "Readout: Call with President Putin"
    assert [n["author"] for n in claims[checked.ids["unverifiable"]]["notes"]] == ["ben", "mallory"]
    assert [s["state"] for s in claims[checked.ids["quote"]]["sources"]] == ["failed"]
    assert [s["state"] for s in claims[checked.ids["true"]]["sources"]] == ["pending"]
    with Session(checked.engine) as session:
        newest = max(session.exec(select(Event.at)).all())
    assert document["as_of"] == f"{newest:%Y-%m-%dT%H:%M:%S}Z"  # the data's time, not the clock's


def test_only_checked_lists_the_claims_with_a_verdict(checked: Checked) -> None:
    with Session(checked.engine) as session:
        data = reports.build_report(session, checked.article_id, only="checked", include_notes=False)
    assert [i.claim.verdict is not None for i in data.claims] == [True] * 6
    assert all(not i.notes for i in data.claims)
    text = render(checked, "md", "en", only="checked")
    assert "Only claims with a verdict are listed." in text
    assert "New York stattfinden" not in text


def test_csv_opens_as_one_row_per_claim_with_umlauts_and_neutralised_formulas(checked: Checked) -> None:
    raw = render(checked, "csv", "de").encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    with Session(checked.engine) as session:
        data = reports.build_report(session, checked.article_id, include_notes=True)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["ID", "Absatz", "Text"] and header[-1] == "Notizen"
    assert [int(r[0]) for r in body] == [i.claim.id for i in data.claims]
    assert [r[2] for r in body] == [i.claim.text for i in data.claims]
    by_id = {int(r[0]): dict(zip(header, r, strict=True)) for r in body}
    assert by_id[checked.ids["false"]]["Notizen"].endswith("Grüße, Jürgen")
    assert by_id[checked.ids["mostly_true"]]["Begründung"] == "'-Zitat belegt; Kontext: Umfrage @Filipenko +3 Punkte"
    notes = by_id[checked.ids["unverifiable"]]["Notizen"]
    assert re.fullmatch(r"ben \(\S+Z\): =HYPERLINK\(.*\)\nmallory \(\S+Z\): <script>alert\(1\)</script>", notes)
    assert '=HYPERLINK("https://evil.example","klick")' in notes  # inside the cell, not at its start
    assert by_id[checked.ids["mostly_true"]]["Bezeichnung"] == "größtenteils richtig"


def test_reports_are_the_same_bytes_in_other_processes_with_other_hash_seeds(checked: Checked) -> None:
    """Set and dict order must not leak into a report: the CLI under two hash seeds gives the golden bytes."""
    for fmt in ("md", "html", "json", "csv", "claimreview"):
        outputs = set()
        args = ["report", str(checked.article_id), "--format", fmt, "--lang", "de", "--include-notes"]
        args += ["--publisher", PUBLISHER["publisher"], "--publisher-url", PUBLISHER["publisher_url"]]
        args += ["--url-base", PUBLISHER["url_base"], "--include-unreviewed"]
        for seed in ("1", "2"):
            proc = subprocess.run(
                [sys.executable, "-m", "factcheck", "--db", str(checked.db), *args],
                capture_output=True,
                timeout=120,
                env={**_PYTHONPATH, "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": seed, "HOME": str(checked.db.parent)},
                check=True,
            )
            outputs.add(proc.stdout)
        assert outputs == {render(checked, fmt, "de").encode("utf-8")}, fmt


def test_seed_claimreview_meets_the_schema_and_is_embedded_in_the_html(checked: Checked) -> None:
    schema = json.loads((ROOT / "tests" / "fixtures" / "claimreview.schema.json").read_text(encoding="utf-8"))
    reviews = json.loads(render(checked, "claimreview"))
    jsonschema.validate(reviews, schema)
    assert [r["url"].rsplit("#", 1)[1] for r in reviews] == [
        f"claim-{checked.ids[role]}" for role in ("false", "quote", "true", "unverifiable", "mostly_true")
    ]  # the rejected "outdated" verdict is never published
    by_label = {r["reviewRating"]["alternateName"]: r for r in reviews}
    assert "ratingValue" not in by_label["nicht belegbar"]["reviewRating"]
    assert by_label["falsch"]["reviewRating"]["ratingValue"] == 1
    assert by_label["irreführend"]["itemReviewed"]["author"] == {"@type": "Person", "name": "Wladimir Putin"}
    assert by_label["falsch"]["itemReviewed"]["appearance"]["url"] == ARTICLE_URL
    html = render(checked, "html")
    embedded = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(embedded) == reviews


def test_only_approved_verdicts_go_out(checked: Checked) -> None:
    options = ReportOptions(format="claimreview", **{**PUBLISHER, "include_unreviewed": False})
    with session_scope(checked.engine) as session:
        reviews = json.loads(reports.report_text(session, checked.article_id, options))
    assert [r["url"].rsplit("#", 1)[1] for r in reviews] == [f"claim-{checked.ids['false']}"]  # the approved one
