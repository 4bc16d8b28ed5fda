"""Nothing stored can break the workbench: every claim state renders, and a bug becomes a notice."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from factcheck.tui.presentation import claim_highlight_style, state_cell
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.filter_modal import ClaimFilter
from factcheck.tui.screens.status_modal import StatusModal
from factcheck.tui.widgets.article.claim_table import ClaimTable
from factcheck.tui.widgets.claim.detail import ClaimDetailPane

from .conftest import all_claims, app_for, detail, settle, wait_until
from .states import build_every_state

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("status", ["open", "in-progress", "checked", "dismissed", "reviewing", ""])
@pytest.mark.parametrize("rating", [None, "", "false", "pants-on-fire"])
@pytest.mark.parametrize("worthy", [True, False])
def test_every_status_and_rating_has_a_style_and_a_cell(status: str, rating: str | None, worthy: bool) -> None:
    for dark in (True, False):
        claim_highlight_style(status, rating, worthy, dark=dark)
    for language in ("en", "de"):
        assert state_cell(status, rating, language).plain.strip()


async def test_an_article_holding_every_stored_state_renders(engine: Engine, article_id: int) -> None:
    held = build_every_state(engine, article_id)
    expected = [c.id for c in all_claims(engine, article_id)]
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        screen.set_filter(ClaimFilter(checkworthy_only=False))
        await settle(pilot)
        table = screen.query_one(ClaimTable)
        assert sorted(table.rows_by_id) == sorted(expected)
        pane = screen.query_one(ClaimDetailPane)

        def shows(claim_id: int) -> bool:
            return pane.detail is not None and pane.detail.claim.id == claim_id

        for n, claim_id in enumerate(held):
            if n == len(held) // 2:
                await pilot.press("l")  # the second half in German
            table.select_claim(claim_id)
            await wait_until(pilot, lambda claim_id=claim_id: shows(claim_id))
            await pilot.pause()  # one paint with this claim current
        app.export_screenshot()
        assert app.unexpected.errors == [], [repr(e) for e in app.unexpected.errors]
        assert app._exception is None and app.is_running


async def test_checked_without_a_verdict_keeps_the_app_working(engine: Engine, article_id: int) -> None:
    """The repro of the freeze: Down, t, "checked" on a claim without verdict, Enter."""
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        claim_id = screen.current_claim_id
        assert claim_id is not None
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, StatusModal)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert detail(engine, claim_id).claim.status == "checked"
        await pilot.press("down")
        await settle(pilot)
        assert screen.current_claim_id != claim_id  # the app still answers keys
        assert app.unexpected.errors == []


async def test_a_bug_in_a_key_handler_becomes_a_notice_and_the_app_keeps_running(
    engine: Engine, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: ArticleScreen) -> None:
        raise RuntimeError("handler bug")

    monkeypatch.setattr(ArticleScreen, "action_next_open", broken)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert any("handler bug" in str(n.message) for n in app._notifications)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        before = screen.current_claim_id
        await pilot.press("down")
        await settle(pilot)
        assert screen.current_claim_id != before
        assert app._exception is None and app.is_running


async def test_a_bug_in_a_widget_message_handler_does_not_stop_that_widget(
    engine: Engine, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def broken(self: ArticleScreen, claim_id: int, *, force: bool = False) -> None:
        calls.append(claim_id)
        raise RuntimeError("message bug")

    # _select runs inside the screen's ClaimTable.ClaimSelected handler
    monkeypatch.setattr(ArticleScreen, "_select", broken)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert len(calls) >= 2  # the screen kept handling messages after the first failure
        assert any("message bug" in str(n.message) for n in app._notifications)
        assert app.is_running
