"""The history view (h, or "History" in the palette): the claim's events newest first, in the label
language, undone ones marked in words too; Escape closes it. Pilot tests and an 80x24 snapshot."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from textual.pilot import Pilot
from textual.widgets import Static

from factcheck.services import claims, editing, verdicts
from factcheck.store import session_scope
from factcheck.tui.commands import WorkbenchCommands
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.history_modal import HistoryModal

from .conftest import ACTOR, app_for, claim_with, select_claim, settle, wait_until

LEERE = "dröhnende Leere"


def work_on_the_claim(engine: Engine, article_id: int) -> int:
    """Status, a verdict and its change, a colleague's note, a verdict by the colleague that is undone."""
    claim = claim_with(engine, article_id, LEERE).id
    steps = [
        lambda s: claims.set_status(s, claim, "in-progress", actor=ACTOR),
        lambda s: verdicts.set_verdict(s, claim, "mostly-true", rationale="Zitat belegt.", actor=ACTOR),
        lambda s: verdicts.set_verdict(s, claim, "false", rationale="Zitat nicht belegt.", actor=ACTOR),
        lambda s: verdicts.add_note(s, claim, "Pressestelle angefragt.", actor="ben"),
        lambda s: verdicts.set_verdict(s, claim, "misleading", rationale="Kontext fehlt.", actor="ben"),
        lambda s: editing.undo_last(s, claim, actor=ACTOR),
    ]
    for step in steps:
        with session_scope(engine) as session:
            step(session)
    return claim


async def open_history(pilot: Pilot[None], engine: Engine, article_id: int) -> HistoryModal:
    await select_claim(pilot, engine, article_id, LEERE)
    await pilot.press("h")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HistoryModal))
    modal = pilot.app.screen
    assert isinstance(modal, HistoryModal)
    await wait_until(pilot, lambda: modal.entries is not None)
    await settle(pilot)
    return modal


def shown(modal: HistoryModal) -> list[str]:
    return str(modal.query_one("#history-events", Static).render()).splitlines()


@pytest.mark.anyio
async def test_h_shows_the_history_newest_first_in_either_language(engine: Engine, article_id: int) -> None:
    claim = work_on_the_claim(engine, article_id)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_history(pilot, engine, article_id)
        assert str(modal.query_one("#history-title").render()) == f"History of claim #{claim}"
        lines = shown(modal)
        changes = [line.strip() for line in lines if line.startswith("  ")]
        assert changes == [
            "undo of event 6 (verdict: misleading)",
            "verdict: false → misleading — Kontext fehlt.",
            "note added: Pressestelle angefragt.",
            "verdict: mostly true → false — Zitat nicht belegt.",
            "verdict: mostly true — Zitat belegt.",
            "status: in progress → checked",
            "status: open → in progress",
        ]
        heads = [line for line in lines if not line.startswith("  ")]
        assert heads[0].split() == ["just", "now", ACTOR]
        assert heads[1].split() == ["just", "now", "ben", "(undone)"]  # said in words, not only by style
        assert "Newest first" in str(modal.query_one("#history-order").render())

        await pilot.press("l")  # labels switch while the view is open
        await settle(pilot)
        assert str(modal.query_one("#history-title").render()) == f"Verlauf von Aussage #{claim}"
        german = shown(modal)
        assert german[1].strip() == "Rückgängig: Ereignis 6 (Bewertung: irreführend)"
        assert "(rückgängig gemacht)" in german[2]
        assert "Bewertung: größtenteils richtig → falsch — Zitat nicht belegt." in [g.strip() for g in german]

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)


@pytest.mark.anyio
async def test_history_is_in_the_command_palette_and_fits_80x24_without_colour(
    engine: Engine, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    work_on_the_claim(engine, article_id)
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        names = [name for name, _help, _call in WorkbenchCommands(app.screen)._screen_commands()]
        assert "History  (h)" in names
        modal = await open_history(pilot, engine, article_id)
        for selector in ("#history-title", "#history-scroll", "#history-order"):
            region = modal.query_one(selector).region
            assert region.height >= 1 and modal.region.contains_region(region), selector
        assert any("(undone)" in line for line in shown(modal))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)


def test_history_view_80x24(snap_compare, engine: Engine, article_id: int) -> None:
    work_on_the_claim(engine, article_id)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_history(pilot, engine, article_id)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(80, 24))
