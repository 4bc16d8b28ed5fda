"""Fixtures for the workbench tests: a real SQLite file with the seed article, a fixed actor."""

from __future__ import annotations

import contextlib
import time
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine
from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from factcheck.services import articles, claims
from factcheck.services.views import ClaimDetail, ClaimView
from factcheck.store import create_store_engine, session_scope
from factcheck.text.document import prepare_document
from factcheck.tui.app import FactcheckApp, make_app
from tests.conftest import SEED

ACTOR = "tester"


@pytest.fixture
def anyio_backend() -> str:
    # Async tests run on anyio's pytest plugin (anyio comes with httpx), on asyncio like Textual.
    return "asyncio"


@pytest.fixture(autouse=True)
def private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What the workbench remembers (tui.json) goes to the test's own folder, never the user's."""
    folder = tmp_path / "config"
    monkeypatch.setenv("FACTCHECK_CONFIG_DIR", str(folder))
    monkeypatch.delenv("FACTCHECK_PUBLISHER", raising=False)
    monkeypatch.delenv("FACTCHECK_PUBLISHER_URL", raising=False)
    return folder


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return create_store_engine(str(tmp_path / "claims.db"))


@pytest.fixture
def article_id(engine: Engine) -> int:
    return import_seed(engine)


# The seed states no date; the workbench tests give it one, so that what shows the article's date (a
# time-sensitive claim's "as of") is the same on every day the snapshots are taken.
SEED_PUBLISHED = "2025-03-19"


def import_seed(engine: Engine) -> int:
    doc = replace(prepare_document(SEED.read_bytes(), name=SEED.name), published=SEED_PUBLISHED)
    with session_scope(engine) as session:
        return articles.import_document(session, doc, origin=str(SEED), actor=ACTOR).article_id


def remember_checked(engine: Engine, *records: tuple[str, str, str]) -> None:
    """Put (text, rating, url) fact-checks into the checked-claim memory, as `factcheck checked import` does."""
    from factcheck.checked.formats import CheckedRecord
    from factcheck.services import memory

    rows = [
        CheckedRecord(text, rating, rating, url=url, date="2025-03-20", language="de", publisher="Faktencheck")
        for text, rating, url in records
    ]
    with session_scope(engine) as session:
        memory.add_checked(session, rows, actor=ACTOR, origin_name="fixture")


def app_for(engine: Engine, article_id: int | None = None) -> FactcheckApp:
    return make_app(engine, article_id, actor=ACTOR)


def all_claims(engine: Engine, article_id: int) -> list[ClaimView]:
    with session_scope(engine) as session:
        return claims.list_claims(session, article_id=article_id)


def claim_with(engine: Engine, article_id: int, needle: str) -> ClaimView:
    found = [c for c in all_claims(engine, article_id) if needle in c.text]
    assert found, f"no claim contains {needle!r}"
    return found[0]


def detail(engine: Engine, claim_id: int) -> ClaimDetail:
    with session_scope(engine) as session:
        return claims.claim_detail(session, claim_id)


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and the screen catch up (twice: a finished worker may start the next)."""
    for _ in range(3):
        # an exclusive worker made way for a newer one: the app does that by design
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    # Scrolling to the current claim happens after a refresh, and the scrollbar follows one refresh later.
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def select_claim(pilot: Pilot[None], engine: Engine, article_id: int, needle: str) -> ClaimView:
    """Make the claim containing `needle` current, the way a click in the table would."""
    from factcheck.tui.screens.article import ArticleScreen
    from factcheck.tui.widgets.article.claim_table import ClaimTable

    await settle(pilot)
    claim = claim_with(engine, article_id, needle)
    screen = pilot.app.screen
    assert isinstance(screen, ArticleScreen)
    assert screen.query_one(ClaimTable).select_claim(claim.id), f"claim {claim.id} is not listed"
    await settle(pilot)
    assert screen.current_claim_id == claim.id
    return claim


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], *, timeout: float = 10.0) -> None:
    """Pause until `condition()` holds (a worker result arrived, a screen opened); fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await pilot.pause()


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Keys as a terminal delivers a fast typist's (or a paste's) input: all queued at once, then one wait.

    `pilot.press` lets the app go idle after every key, so "enter enter" never finds the first Enter's
    dialog still open; a real terminal sends both in one read. This is how a tester in tmux sends them.
    """
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        char: str | None
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
    # Wait until every widget of the screen handled its messages. Not pilot.pause(): it waits for the whole
    # process to idle, which a worker thread (a similar-claims search) delays.
    await pilot._wait_for_screen()
