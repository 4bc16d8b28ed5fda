"""The claim detail shows how the claim fared in each source (issue 12): the outcome per quote and date
in the workbench's language, the source's passage in bold within its words, and the word diff. Sources
are real local files fetched and checked through services.sources; a snapshot at 100x40."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from textual.content import Content
from textual.widgets import Static

from factcheck.services import sources
from factcheck.store import session_scope
from factcheck.tui.widgets.claim.detail import ClaimDetailPane

from .conftest import app_for, claim_with, select_claim, wait_until

SELENSKYJ = "keine Abkommen ohne die Ukraine"
PAGE = """<html><head><title>Selenskyj in Kiew</title></head><body><article><h1>Selenskyj in Kiew</h1>
<p>Der ukrainische Präsident Wolodymyr Selenskyj erklärte am Mittwoch in Kiew, er werde „{quote}“
akzeptieren. Das letzte Telefonat zwischen Trump und Putin fand am 18. März 2025 statt, hieß es.</p>
<p>Weitere Gespräche mit den europäischen Partnern seien in den kommenden Wochen geplant.</p></article></body></html>"""


def attach(engine: Engine, claim_id: int, path: Path, quote: str) -> None:
    path.write_text(PAGE.format(quote=quote), encoding="utf-8")
    with session_scope(engine) as session:
        added = sources.add_source(session, claim_id, str(path), actor="anna")
    sources.fetch_and_check(engine, added.id, actor="anna")


def sources_body(app) -> Content:  # type: ignore[no-untyped-def]
    rendered = app.screen.query_one(ClaimDetailPane).query_one("#body-sources", Static).render()
    assert isinstance(rendered, Content)
    return rendered


def styled(body: Content, attribute: str) -> list[str]:
    """The stretches of `body` drawn with a style attribute (bold, strike)."""
    return [body.plain[span.start : span.end] for span in body.spans if getattr(span.style, attribute, None)]


@pytest.mark.anyio
@pytest.mark.parametrize("lang", ["en", "de"])
async def test_the_detail_shows_each_sources_outcome_passage_and_diff(
    engine: Engine, article_id: int, tmp_path: Path, lang: str
) -> None:
    claim = claim_with(engine, article_id, SELENSKYJ).id
    attach(engine, claim, tmp_path / "wortlaut.html", SELENSKYJ)
    attach(engine, claim, tmp_path / "abweichend.html", "keine Abkommen ohne Ukraine")
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        if lang == "de":
            await pilot.press("l")
        await select_claim(pilot, engine, article_id, SELENSKYJ)
        await wait_until(pilot, lambda: "wortlaut.html" in sources_body(app).plain)
        body = sources_body(app)
        words = {
            "en": ("✓ found verbatim", "≈ found with differences"),
            "de": ("✓ wörtlich gefunden", "≈ mit Abweichungen gefunden"),
        }
        verbatim, differences = words[lang]
        assert f"{verbatim}: „{SELENSKYJ}“" in body.plain
        assert f"{differences} (93%): „{SELENSKYJ}“" in body.plain
        assert "keine Abkommen ohne [-die-] Ukraine" in body.plain
        # the passage found stands in bold within the source's words; the deleted word is struck through
        assert SELENSKYJ in styled(body, "bold")
        assert styled(body, "strike") == ["[-die-]"]
        assert "erklärte am Mittwoch in Kiew, er werde „" in body.plain


@pytest.mark.anyio
async def test_a_date_confirmed_by_the_source_is_shown(engine: Engine, article_id: int, tmp_path: Path) -> None:
    claim = claim_with(engine, article_id, "Der letzte telefonische Austausch").id
    attach(engine, claim, tmp_path / "telefonat.html", SELENSKYJ)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, "Der letzte telefonische Austausch")
        await wait_until(pilot, lambda: "telefonat.html" in sources_body(app).plain)
        assert "✓ 18. März 2025: in the source" in sources_body(app).plain


@pytest.mark.anyio
async def test_the_evidence_reads_without_colour_at_80x24(
    engine: Engine, article_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR at 80x24: the outcome is in its glyph and words, the diff in [-…-] marks, not in colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    claim = claim_with(engine, article_id, SELENSKYJ).id
    attach(engine, claim, tmp_path / "abweichend.html", "keine Abkommen ohne Ukraine")
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await select_claim(pilot, engine, article_id, SELENSKYJ)
        await wait_until(pilot, lambda: "abweichend.html" in sources_body(app).plain)
        plain = sources_body(app).plain
        assert "≈ found with differences (93%)" in plain and "keine Abkommen ohne [-die-] Ukraine" in plain


@pytest.mark.anyio
async def test_s_takes_a_local_file_and_the_check_appears(engine: Engine, article_id: int, tmp_path: Path) -> None:
    """Found by an attack: the dialog said "Enter an http(s) URL" for a file the README promises."""
    document = tmp_path / "erklärung kiew.html"  # a space and an umlaut in the name
    document.write_text(PAGE.format(quote=SELENSKYJ), encoding="utf-8")
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, SELENSKYJ)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*str(document), "enter")
        await wait_until(pilot, lambda: "✓ found verbatim" in sources_body(app).plain, timeout=20)
        assert "erkl%C3%A4rung%20kiew.html" in sources_body(app).plain
