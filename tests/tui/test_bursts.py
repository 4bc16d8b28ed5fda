"""Keys sent together, as a terminal delivers a hurried user's input: every dialog answers once.

A tester in tmux sent `t` then Enter Enter Enter Enter in one go: the status dialog answered four times,
each answer popped one more screen, and the workbench ended on a blank screen where only `q` worked.
`burst` queues the keys the way the terminal does (pilot.press lets the app idle after every key and so
never sees the second Enter arrive while the first one's dialog is still closing).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from textual.widgets import TextArea

from factcheck.tui.app import FactcheckApp
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.article_list import ArticleListScreen
from factcheck.tui.screens.verdict_modal import VerdictModal

from .conftest import (
    all_claims,
    app_for,
    burst,
    detail,
    remember_checked,
    select_claim,
    settle,
    wait_until,
)

pytestmark = pytest.mark.anyio

LEERE = "dröhnende Leere"
LOCAL_URL = "http://127.0.0.1:9/quelle"  # closed port: the fetch fails at once, the URL is kept
ENTER4 = ("enter", "enter", "enter", "enter")


def stack_names(app: FactcheckApp) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack]


def assert_on_article(app: FactcheckApp) -> None:
    assert stack_names(app)[1:] == ["ArticleListScreen", "ArticleScreen"], stack_names(app)
    assert [f"{type(e).__name__}: {e}" for e in app.unexpected.errors] == []


@pytest.mark.parametrize(
    ("opening", "keys"),
    [
        (("t",), ENTER4),  # status dialog: OptionSelected ×4
        (("t",), ("down", *ENTER4)),
        (("f",), ENTER4),  # filter dialog: Input.Submitted ×4
        (("f", "tab", "tab"), ENTER4),  # filter dialog: the Apply button ×4
        (("f", "tab", "tab", "tab", "tab"), ENTER4),  # filter dialog: the Cancel button ×4
        (("s", *LOCAL_URL), ENTER4),  # source dialog: Input.Submitted ×4
        (("n", *"Notiz"), ("ctrl+s", "ctrl+s", "ctrl+s")),  # note: save ×3
        (("v", "down", "tab", *"Beleg"), ("ctrl+s", "ctrl+s", "ctrl+s", "ctrl+s")),  # verdict: save ×4
        (("m",), ("y", "y", "y")),  # merge confirmation ×3
    ],
    ids=["status", "status-moved", "filter", "filter-apply", "filter-cancel", "source", "note", "verdict", "merge"],
)
async def test_a_burst_of_enters_answers_a_dialog_once(
    engine: Engine, article_id: int, opening: tuple[str, ...], keys: tuple[str, ...]
) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press(*opening)
        await wait_until(pilot, lambda: len(app.screen_stack) == 4)  # the dialog is open (merge reads first)
        await burst(pilot, *keys)
        await settle(pilot)
        assert_on_article(app)
        await pilot.press("o")  # the article screen still answers its keys
        await settle(pilot)
        assert_on_article(app)
    stored = detail(engine, claim.id)
    assert len(stored.sources) <= 1
    assert len(stored.notes) <= 1
    assert len(stored.verdicts) <= 1
    assert sum(e.action == "claim.merge" for e in stored.history) <= 1
    if opening[0] == "s":
        assert [s.url for s in stored.sources] == [LOCAL_URL]  # stored once, not four times


async def test_a_burst_of_enters_on_the_reuse_dialog_reuses_once(engine: Engine, article_id: int) -> None:
    remember_checked(
        engine,
        (
            "Das Telefonat sei eine dröhnende Leere gewesen, sagt die Politikwissenschaftlerin Filipenko.",
            "misleading",
            "https://faktencheck.example/leere",
        ),
    )
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("r")
        await wait_until(pilot, lambda: len(app.screen_stack) == 4)
        await burst(pilot, *ENTER4)
        await settle(pilot)
        assert_on_article(app)
    assert len(detail(engine, claim.id).verdicts) == 1


async def test_a_burst_of_enters_on_the_import_dialog_imports_once(engine: Engine, seed_path: Path) -> None:
    app = app_for(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("i", *str(seed_path))
        await burst(pilot, "enter", "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await settle(pilot)
        assert_on_article(app)
        await burst(pilot, "escape", "escape", "escape")  # back to the list, never past it
        await settle(pilot)
        assert stack_names(app)[1:] == ["ArticleListScreen"]
        assert isinstance(app.screen, ArticleListScreen)
        assert app.unexpected.errors == []


async def test_escape_burst_from_a_dialog_stops_at_the_article_list(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("t")
        await burst(pilot, "escape", "escape", "escape", "escape")
        await settle(pilot)
        assert stack_names(app)[1:] == ["ArticleListScreen"]
        assert app.unexpected.errors == []
        await pilot.press("enter")  # the list still opens articles
        await settle(pilot)
        assert_on_article(app)


# -- the verdict dialog ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "says"), [("en", "Choose a rating"), ("de", "Bewertung auswählen")])
async def test_an_untouched_verdict_dialog_saves_nothing(engine: Engine, article_id: int, lang: str, says: str) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        assert claim.verdict is None
        if lang == "de":
            await pilot.press("l")
        await burst(pilot, "v", "ctrl+s")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, VerdictModal)
        assert modal.rating is None  # nothing preselected
        assert says in str(modal.query_one("#verdict-error").render())
        await burst(pilot, "ctrl+s", "ctrl+s")
        await settle(pilot)
        assert app.screen is modal
    assert detail(engine, claim.id).verdicts == []


@pytest.mark.parametrize("send", ["burst", "press"])
async def test_text_typed_just_before_ctrl_s_is_saved(engine: Engine, article_id: int, send: str) -> None:
    """v, Down ×7 (false), Tab, the rationale and Ctrl+S at once: the save sees the whole text."""
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("v", *["down"] * 7, "tab")
        await settle(pilot)
        assert isinstance(app.screen, VerdictModal) and app.screen.rating == "false"
        assert isinstance(app.focused, TextArea)
        keys = (*"Das Treffen war am 27. Januar.", "ctrl+s")
        await (burst(pilot, *keys) if send == "burst" else pilot.press(*keys))
        await settle(pilot)
        assert_on_article(app)
    verdict = detail(engine, claim.id).claim.verdict
    assert verdict is not None
    assert (verdict.rating, verdict.rationale) == ("false", "Das Treffen war am 27. Januar.")


async def test_note_typed_just_before_ctrl_s_is_saved_whole(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("n")
        await burst(pilot, *"Quelle: Pressestelle, 3. März", "ctrl+s")
        await settle(pilot)
        assert_on_article(app)
    assert [n.body for n in detail(engine, claim.id).notes] == ["Quelle: Pressestelle, 3. März"]
    assert all_claims(engine, claim.article_id)
