"""Sources through the services on SQLite and PostgreSQL: fetched from real local servers and files,
kept as snapshots, the claim checked against each, the audit log verifying throughout."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine, text
from sqlmodel import Session, select
from werkzeug import Request, Response

from factcheck.errors import InputError
from factcheck.services import articles, audit_log, sources
from factcheck.services.views import SourceView
from factcheck.sources.fetch import FetchLimits
from factcheck.store import Claim, create_store_engine, session_scope
from factcheck.store.models import Source, SourceSnapshot
from factcheck.store.reader import Reader
from factcheck.text.document import prepare_document
from tests.conftest import SEED

QUICK = FetchLimits(timeout=5.0, connect_timeout=2.0)
ZELENSKY = "keine Abkommen ohne die Ukraine"
LAST_CALL = "Der letzte telefonische Austausch"


@pytest.fixture
def engine(store_db: str) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    with session_scope(engine) as session:
        doc = prepare_document(SEED.read_bytes(), name=SEED.name)
        articles.import_document(session, doc, origin=str(SEED), actor="anna")
    yield engine
    engine.dispose()


def claim_with(engine: Engine, words: str) -> int:
    with Session(engine) as session:
        found = [c.id for c in session.exec(select(Claim)) if words in c.text]
    assert len(found) == 1 and found[0] is not None, words
    return found[0]


def page(body: str, title: str = "Erklärung") -> str:
    return f"<html><head><title>{title}</title></head><body><article><p>{body}</p></article></body></html>"


def add_and_fetch(engine: Engine, claim_id: int, target: str, **kwargs: object) -> SourceView:
    with session_scope(engine) as session:
        added = sources.add_source(session, claim_id, target, actor="anna", **kwargs)  # type: ignore[arg-type]
    return sources.fetch_and_check(engine, added.id, actor="anna", limits=QUICK)


def verify(engine: Engine) -> audit_log.AuditReport:
    with session_scope(engine) as session:
        return audit_log.verify(Reader.of_session(session))


SPEECH = (
    "Der ukrainische Präsident Wolodymyr Selenskyj sagte am Dienstag in Kiew, er werde {quote} akzeptieren. "
    "Er äußerte sich nach dem Telefonat zwischen Trump und Putin."
)


def test_a_quote_found_verbatim_with_differences_or_not_at_all(engine: Engine, httpserver: HTTPServer) -> None:
    claim_id = claim_with(engine, ZELENSKY)
    texts = {
        "/wortgleich": SPEECH.format(quote="„keine Abkommen ohne die Ukraine“"),
        "/abweichend": SPEECH.format(quote="keine Abkommen ohne Ukraine"),
        "/fehlt": "Die Bundesregierung begrüßte die Gespräche über einen Waffenstillstand in Genf.",
    }
    for path, body in texts.items():
        httpserver.expect_request(path).respond_with_data(page(body), content_type="text/html; charset=utf-8")
    found = {path: add_and_fetch(engine, claim_id, httpserver.url_for(path)) for path in texts}
    verbatim, changed, missing = found["/wortgleich"], found["/abweichend"], found["/fehlt"]
    assert (verbatim.state, verbatim.outcome, verbatim.quote_match_score) == ("ok", "verbatim", 1.0)
    quote = verbatim.checks["quotes"][0]  # type: ignore[index]
    assert quote["passage"] == ZELENSKY and ZELENSKY in (verbatim.quote_context or "")
    assert changed.outcome == "differences" and 0.5 < (changed.quote_match_score or 0) < 1
    assert ["delete", "die"] in changed.checks["quotes"][0]["diff"]  # type: ignore[index]
    assert missing.outcome == "not-found" and missing.state == "ok"
    with session_scope(engine) as session:
        listed = sources.list_sources(session, claim_id)
    assert [s.outcome for s in listed] == ["verbatim", "differences", "not-found"]
    assert verify(engine).ok


def test_redirects_headers_and_the_body_are_kept_with_the_snapshot(engine: Engine, httpserver: HTTPServer) -> None:
    claim_id = claim_with(engine, ZELENSKY)
    body = page(SPEECH.format(quote=ZELENSKY))
    httpserver.expect_request("/kurz").respond_with_data("", status=301, headers={"Location": "/lang"})
    httpserver.expect_request("/lang").respond_with_data(
        body, content_type="text/html; charset=utf-8", headers={"ETag": '"v1"', "Last-Modified": "Tue, 18 Mar 2025"}
    )
    view = add_and_fetch(engine, claim_id, httpserver.url_for("/kurz"))
    snap = view.snapshots[-1]
    assert view.final_url == httpserver.url_for("/lang") and snap.final_url == view.final_url
    assert snap.redirects == [{"url": httpserver.url_for("/kurz"), "status": 301, "location": "/lang"}]
    assert snap.headers["etag"] == '"v1"' and snap.headers["last-modified"] == "Tue, 18 Mar 2025"
    assert snap.sha256 == hashlib.sha256(body.encode()).hexdigest() and snap.size == len(body.encode())
    assert snap.kind == "html" and snap.title == "Erklärung" and snap.changed is None
    with session_scope(engine) as session:
        assert sources.snapshot_body(session, snap.id) == body.encode()
        assert ZELENSKY in (sources.snapshot_text(session, snap.id) or "")


def test_a_pdf_is_read_with_its_layout_repaired(engine: Engine, httpserver: HTTPServer) -> None:
    from fpdf import FPDF

    claim_id = claim_with(engine, LAST_CALL)
    pdf = FPDF()
    pdf.set_title("Chronik der Telefonate")
    pdf.set_author("Presseamt")
    pdf.set_font("Helvetica", size=11)
    for n in range(3):
        pdf.add_page()
        pdf.multi_cell(
            0,
            6,
            f"Seite {n + 1}. " + "Die Regierung veröffentlichte eine Chronik der Gespräche. " * 12,
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.multi_cell(
        0,
        6,
        "Das letzte Telefonat zwischen Trump und Putin fand am 18. März 2025 statt.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    data = bytes(pdf.output())
    httpserver.expect_request("/chronik.pdf").respond_with_data(data, content_type="application/pdf")
    view = add_and_fetch(engine, claim_id, httpserver.url_for("/chronik.pdf"))
    snap = view.snapshots[-1]
    assert (view.state, snap.kind, snap.title, snap.author) == ("ok", "pdf", "Chronik der Telefonate", "Presseamt")
    dates = view.checks["dates"]  # type: ignore[index]
    assert [(d["value"], d["found"]) for d in dates] == [("2025-03-18", True)]
    with session_scope(engine) as session:
        text_ = sources.snapshot_text(session, snap.id) or ""
    assert "Chronik der Gespräche. Die Regierung" in text_  # lines joined across the PDF's wraps


def test_a_pdf_without_text_fails_with_its_reason(engine: Engine, httpserver: HTTPServer) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a scan would be an image: no text layer either way
    httpserver.expect_request("/scan.pdf").respond_with_data(bytes(pdf.output()), content_type="application/pdf")
    view = add_and_fetch(engine, claim_with(engine, ZELENSKY), httpserver.url_for("/scan.pdf"))
    assert (view.state, view.http_status, view.error) == ("failed", 200, "PDF has no text layer")
    assert view.snapshots[-1].sha256 is not None and view.outcome is None


def test_local_files_and_file_urls_are_sources(engine: Engine, tmp_path: Path) -> None:
    claim_id = claim_with(engine, ZELENSKY)
    html = tmp_path / "erklärung vom 18.3.html"
    html.write_text(page(SPEECH.format(quote=ZELENSKY)), encoding="utf-8")
    note = tmp_path / "mitschrift.txt"
    note.write_text(SPEECH.format(quote="keine Abkommen ohne Ukraine"), encoding="cp1252")
    by_path = add_and_fetch(engine, claim_id, str(html), note="vom Presseamt", archive_url="https://archive.org/x")
    by_url = add_and_fetch(engine, claim_id, note.as_uri())
    assert by_path.url == html.resolve().as_uri() and by_path.state == "ok" and by_path.http_status is None
    assert (by_path.note, by_path.archive_url, by_path.outcome) == (
        "vom Presseamt",
        "https://archive.org/x",
        "verbatim",
    )
    assert (
        by_path.snapshots[-1].headers["content-type"] == "text/html"
        and "last-modified" in by_path.snapshots[-1].headers
    )
    assert (by_url.state, by_url.snapshots[-1].kind, by_url.outcome) == ("ok", "text", "differences")
    for wrong in (str(tmp_path / "fehlt.txt"), str(tmp_path), "file://server/share/x.pdf", "ftp://example.org/x"):
        with pytest.raises(InputError), session_scope(engine) as session:
            sources.add_source(session, claim_id, wrong, actor="anna")
    html.unlink()  # gone since it was added: the refresh fails, the earlier snapshot stays
    gone = sources.refresh_source(engine, by_path.id, actor="ben", limits=QUICK)
    assert gone.state == "failed" and "no such file" in (gone.error or "")
    assert [s.state for s in gone.snapshots] == ["ok", "failed"] and gone.snapshots[0].outcome == "verbatim"
    assert verify(engine).ok


def test_a_page_that_changes_gets_a_new_snapshot_and_the_old_one_stays(engine: Engine, httpserver: HTTPServer) -> None:
    claim_id = claim_with(engine, ZELENSKY)
    versions = [page(SPEECH.format(quote=ZELENSKY)), page(SPEECH.format(quote="keine Abkommen ohne Ukraine"))]
    served = iter([versions[0], versions[0], versions[1]])
    httpserver.expect_request("/seite").respond_with_handler(
        lambda _request: Response(next(served), content_type="text/html")
    )
    first = add_and_fetch(engine, claim_id, httpserver.url_for("/seite"))
    same = sources.refresh_source(engine, first.id, actor="ben", limits=QUICK)
    changed = sources.refresh_source(engine, first.id, actor="ben", limits=QUICK)
    assert [s.changed for s in changed.snapshots] == [None, False, True]
    assert [s.outcome for s in changed.snapshots] == ["verbatim", "verbatim", "differences"]
    assert same.changed is False and changed.changed is True
    latest_checks = changed.snapshots[-1].checks or {}
    assert changed.outcome == "differences" and changed.quote_match_score == latest_checks["best_quote_score"]
    assert len({s.sha256 for s in changed.snapshots}) == 2
    with session_scope(engine) as session:
        detail_sources = sources.list_sources(session, claim_id)
        source = session.get(Source, first.id)
        assert source is not None and source.sha256 == changed.snapshots[-1].sha256
    assert len(detail_sources[0].snapshots) == 3
    assert verify(engine).ok


def test_a_failed_fetch_keeps_the_source_and_a_refresh_can_mend_it(engine: Engine, httpserver: HTTPServer) -> None:
    claim_id = claim_with(engine, ZELENSKY)
    answers = iter([("Wartung", 503), (page(SPEECH.format(quote=ZELENSKY)), 200)])

    def handler(_request: Request) -> Response:
        body, status = next(answers)
        return Response(body, status=status, content_type="text/html")

    httpserver.expect_request("/wartung").respond_with_handler(handler)
    failed = add_and_fetch(engine, claim_id, httpserver.url_for("/wartung"))
    assert (failed.state, failed.http_status, failed.error) == ("failed", 503, "HTTP 503 SERVICE UNAVAILABLE")
    mended = sources.refresh_source(engine, failed.id, actor="ben", limits=QUICK)
    assert (mended.state, mended.error, mended.outcome) == ("ok", None, "verbatim")
    assert mended.snapshots[-1].changed is None  # the failure had no body to compare with
    refused = add_and_fetch(engine, claim_id, "http://127.0.0.1:9/nirgends")
    assert refused.state == "failed" and refused.error == "connection refused by 127.0.0.1"
    with session_scope(engine) as session:
        assert [s.id for s in sources.list_sources(session, claim_id)] == [failed.id, refused.id]
    assert verify(engine).ok


def test_a_snapshot_edited_behind_the_apps_back_fails_the_audit(engine: Engine, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/beleg").respond_with_data(page(SPEECH.format(quote=ZELENSKY)), content_type="text/html")
    view = add_and_fetch(engine, claim_with(engine, ZELENSKY), httpserver.url_for("/beleg"))
    assert verify(engine).ok
    snap_id = view.snapshots[-1].id
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE source_snapshot SET text = :t WHERE id = :id"), {"t": "ganz anderer Text", "id": snap_id}
        )
    report = verify(engine)
    assert not report.ok and report.finding is not None and f"source_snapshot:{snap_id}" in str(report.finding)


@pytest.mark.parametrize(
    ("table", "column", "forged"),
    [
        ("source_snapshot", "body", b"x\x9c forged page"),  # the evidence itself (found by an attack)
        ("source_snapshot", "body", None),
        ("source", "quote_context", "Ich akzeptiere Abkommen ohne die Ukraine"),
        ("source", "snapshot", "ganz anderer Text"),
    ],
)
def test_the_stored_body_and_what_is_shown_of_a_source_are_audited(
    engine: Engine, httpserver: HTTPServer, table: str, column: str, forged: object
) -> None:
    httpserver.expect_request("/beleg").respond_with_data(page(SPEECH.format(quote=ZELENSKY)), content_type="text/html")
    view = add_and_fetch(engine, claim_with(engine, ZELENSKY), httpserver.url_for("/beleg"))
    assert verify(engine).ok
    row_id = view.snapshots[-1].id if table == "source_snapshot" else view.id
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {table} SET {column} = :v WHERE id = :id"), {"v": forged, "id": row_id})
    report = verify(engine)
    assert not report.ok and report.finding is not None and f"{table}:{row_id}" in str(report.finding)


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("http://anna:geheim@127.0.0.1:9/seite", "user name or password"),
        ("http://[::1/", "not a web address"),
        ("https://", "no host"),
    ],
)
def test_addresses_that_cannot_be_kept_are_refused_in_one_line(engine: Engine, typed: str, problem: str) -> None:
    with pytest.raises(InputError, match=problem), session_scope(engine) as session:
        sources.add_source(session, claim_with(engine, ZELENSKY), typed, actor="anna")


def test_a_symlink_loop_is_refused_and_an_upper_case_scheme_taken(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(InputError, match="symbolic link loop"), session_scope(engine) as session:
        sources.add_source(session, claim_with(engine, ZELENSKY), str(tmp_path / "a"), actor="anna")
    with session_scope(engine) as session:
        added = sources.add_source(session, claim_with(engine, ZELENSKY), "HTTP://127.0.0.1:9/x", actor="anna")
    assert added.url == "http://127.0.0.1:9/x"


def test_a_failed_refresh_does_not_hide_the_evidence_of_an_earlier_fetch(engine: Engine, tmp_path: Path) -> None:
    """The page vanished: the source is failed now, yet the quote stood in the earlier snapshot, and the
    report says so and whose evidence it is (found by an attack: reports showed only "failed")."""
    from factcheck.report.render import ReportOptions
    from factcheck.services import reports

    page_file = tmp_path / "erklaerung.html"
    page_file.write_text(page(SPEECH.format(quote=ZELENSKY)), encoding="utf-8")
    claim_id = claim_with(engine, ZELENSKY)
    first = add_and_fetch(engine, claim_id, str(page_file))
    assert first.outcome == "verbatim"
    page_file.unlink()
    refreshed = sources.refresh_source(engine, first.id, actor="ben", limits=QUICK)
    assert refreshed.state == "failed" and refreshed.outcome == "verbatim"
    assert refreshed.checked is refreshed.snapshots[0] and refreshed.latest is refreshed.snapshots[1]
    with session_scope(engine) as session:
        article_id = session.get(Claim, claim_id).article_id  # type: ignore[union-attr]
        md = reports.report_text(session, article_id, ReportOptions(format="md", lang="de"))
    assert "✓ wörtlich gefunden" in md and "Beleg vom Abruf" in md
    assert verify(engine).ok


def test_the_claim_detail_shows_every_snapshot(engine: Engine, httpserver: HTTPServer) -> None:
    from factcheck.services import claims

    claim_id = claim_with(engine, ZELENSKY)
    httpserver.expect_request("/d").respond_with_data(page(SPEECH.format(quote=ZELENSKY)), content_type="text/html")
    view = add_and_fetch(engine, claim_id, httpserver.url_for("/d"))
    sources.refresh_source(engine, view.id, actor="ben", limits=QUICK)
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
        stored = session.exec(select(SourceSnapshot).where(SourceSnapshot.source_id == view.id)).all()
    assert [len(s.snapshots) for s in detail.sources] == [2] and len(stored) == 2
    data = detail.to_dict()["sources"][0]
    assert data["outcome"] == "verbatim" and len(data["snapshots"]) == 2 and "body" not in data["snapshots"][0]


def test_a_source_undone_while_it_was_fetched_gets_no_snapshot(engine: Engine, tmp_path: Path) -> None:
    """The workbench fetches in the background; an undo meanwhile must not be followed by a snapshot
    (found by an attack: the detail then showed the withdrawn source's evidence)."""
    from factcheck.services import editing

    page_file = tmp_path / "beleg.html"
    page_file.write_text(page(SPEECH.format(quote=ZELENSKY)), encoding="utf-8")
    claim_id = claim_with(engine, ZELENSKY)
    with session_scope(engine) as session:
        added = sources.add_source(session, claim_id, str(page_file), actor="anna")
    retrieved = sources.retrieve(added.url, QUICK)  # the fetch, done before the undo lands
    with session_scope(engine) as session:
        editing.undo_last(session, claim_id, actor="anna")
    with pytest.raises(InputError, match="withdrawn"), session_scope(engine) as session:
        sources.record_snapshot(session, added.id, retrieved, actor="anna")
    with session_scope(engine) as session:
        assert session.exec(select(SourceSnapshot)).all() == []
    assert verify(engine).ok
