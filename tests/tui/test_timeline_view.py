"""The timeline view (T, or "Timeline" in the palette): the seed's dated claims in order of time, the
article's date as a marker, a checked claim from the memory in its own lane, time-sensitive claims said
in words; Enter on a claim jumps to it, Escape closes. Pilot tests and snapshots (80x24 German, 120x40)."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from textual.pilot import Pilot
from textual.widgets import OptionList

from factcheck.services import verdicts
from factcheck.store import session_scope
from factcheck.tui.commands import WorkbenchCommands
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.timeline_modal import TimelineModal
from factcheck.tui.widgets.article.claim_table import ClaimTable

from .conftest import ACTOR, SEED_PUBLISHED, app_for, claim_with, remember_checked, settle, wait_until

HELSINKI = "Trump und Putin trafen sich am 16. Juli 2018 in Helsinki."


def desk(engine: Engine, article_id: int) -> None:
    remember_checked(engine, (HELSINKI, "true", "https://fc.example/helsinki"))
    with session_scope(engine) as session:
        call = claim_with(engine, article_id, "Der letzte telefonische Austausch").id
        verdicts.set_verdict(session, call, "true", actor=ACTOR)


async def open_timeline(pilot: Pilot[None]) -> TimelineModal:
    await settle(pilot)
    await pilot.press("T")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, TimelineModal))
    modal = pilot.app.screen
    assert isinstance(modal, TimelineModal)
    await wait_until(pilot, lambda: modal.timeline is not None)
    await settle(pilot)
    return modal


def lines(modal: TimelineModal) -> list[str]:
    options = modal.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.mark.anyio
async def test_t_lays_out_the_seed_in_order_with_the_memory_lane_and_jumps_to_a_claim(
    engine: Engine, article_id: int
) -> None:
    desk(engine, article_id)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_timeline(pilot)
        shown = lines(modal)
        firsts = [line.split()[0] for line in shown]
        order = ["2017-01-28", "2017-07", "2018-07-16", "2018-11", "2025", "2025-03-18"]
        assert [f for f in firsts if f in order] == order
        helsinki = next(line for line in shown if line.startswith("2018-07-16"))
        assert "memory #" in helsinki and "true" in helsinki
        call = next(line for line in shown if line.startswith("2025-03-18"))
        assert "true" in call and f"time-sensitive: holds as of {SEED_PUBLISHED}" in call
        assert f"── {SEED_PUBLISHED}  article date ──" in shown  # after 2025-03-18, before nothing later
        assert shown.index(f"── {SEED_PUBLISHED}  article date ──") > firsts.index("2025-03-18")

        # Enter on the Paris meeting (the memory entry cannot be chosen) jumps to that claim
        options = modal.query_one(OptionList)
        paris = next(i for i, line in enumerate(shown) if line.startswith("2018-11"))
        options.highlighted = paris
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        wanted = claim_with(engine, article_id, "Buenos Aires").id
        await wait_until(pilot, lambda: screen.current_claim_id == wanted)
        assert screen.query_one(ClaimTable).current_claim_id == wanted


@pytest.mark.anyio
async def test_in_german_without_colour_at_80x24_and_in_the_palette(
    engine: Engine, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    desk(engine, article_id)
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        names = [name for name, _help, _call in WorkbenchCommands(app.screen)._screen_commands()]
        assert "Zeitleiste  (T)" in names
        modal = await open_timeline(pilot)
        assert str(modal.query_one("#timeline-title").render()) == "Zeitleiste"
        shown = lines(modal)
        assert any(line.startswith("2018-07-16") and "Archiv #" in line for line in shown)
        assert any(f"zeitgebunden: gilt mit Stand {SEED_PUBLISHED}" in line for line in shown)
        for selector in ("#timeline-title", "#timeline-entries", "#timeline-hint"):
            region = modal.query_one(selector).region
            assert region.height >= 1 and modal.region.contains_region(region), selector
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)


@pytest.mark.anyio
async def test_a_conflict_is_said_in_words_and_an_undated_article_says_so(engine: Engine) -> None:
    from factcheck.services import articles
    from factcheck.text.document import prepare_document

    text = "Die Brücke wurde im Mai 2019 gesperrt.\n\nZuvor war sie im August 2020 saniert worden.\n"
    plain = "Die Stadt plant eine neue Brücke.\n\nSie soll breiter werden.\n"
    with session_scope(engine) as session:
        dated = articles.import_document(
            session, prepare_document(text.encode(), name="b.txt"), origin="b", actor=ACTOR
        )
        undated = articles.import_document(
            session, prepare_document(plain.encode(), name="c.txt"), origin="c", actor=ACTOR
        )
    async with app_for(engine, dated.article_id).run_test(size=(120, 30)) as pilot:
        shown = lines(await open_timeline(pilot))
        assert any("! conflict: told as coming before claim" in line for line in shown)
    async with app_for(engine, undated.article_id).run_test(size=(120, 30)) as pilot:
        assert lines(await open_timeline(pilot)) == ["No dated claims in this article."]


def test_timeline_view_80x24_german(snap_compare, engine: Engine, article_id: int) -> None:
    desk(engine, article_id)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.labels = "de"  # as `l` does, without its notice over the picture
        await open_timeline(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(80, 24))


def test_timeline_view_120x40(snap_compare, engine: Engine, article_id: int) -> None:
    desk(engine, article_id)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_timeline(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(120, 40))
