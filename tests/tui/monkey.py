"""A seeded random walk of key presses over every screen and dialog of the workbench.

Used by tests/tui/test_monkey.py (a few seeds) and benchmarks/monkey.py (many). The walk presses what a
hurried user presses: every binding key of every screen, Escape, Enter, Ctrl+S, Tab, arrows, selection
with Shift, typing (German letters, digits, punctuation), and bursts of one key (Enter, Escape or Ctrl+S
2-4 times in one read, which once popped every screen down to a blank one). Left out, on purpose: `q`/Ctrl+Q/Ctrl+C
(they end the app, which is not a crash) and the command palette (its system commands quit and save
screenshots to the working directory). A URL typed into the source dialog always points at 127.0.0.1
(port 9, closed), so no fetch reaches the internet and every fetch fails, as it must do gracefully.
"""

from __future__ import annotations

import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import select
from textual.pilot import Pilot
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from factcheck.services.audit import verify_chain
from factcheck.store import session_scope
from factcheck.store.models import CLAIM_STATUSES, Claim

from .conftest import app_for, burst, import_seed

LOCAL_URL = "http://127.0.0.1:9/quelle"
BINDING_KEYS = [
    *"vnstdofexmaurFRlhp",  # the article screen's keys (h history, p review) and the label toggle
    "i",  # import (article list)
    "slash",  # search (article list)
    "y",  # confirm dialogs
    "z",
    "question_mark",
    "ctrl+t",
    "ctrl+r",
]
NAVIGATION = ["up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab", "shift+tab"]
SELECTION = ["shift+right", "shift+left", "shift+down"]
COMMIT = ["escape", "enter", "ctrl+s", "space", "backspace"]
TYPING = [*list("aeinrstuäöüßÄ0123456789 .,-:;!?"), "quotation_mark", "left_square_bracket", "right_square_bracket"]
BURST_KEYS = ["enter", "escape", "ctrl+s"]
BURST_SHARE = 0.06  # of the steps
# Weights: navigation and commits most, typing in bursts, binding keys often enough to open every dialog.
POOLS: list[tuple[list[str], int]] = [
    (NAVIGATION, 30),
    (COMMIT, 22),
    (BINDING_KEYS, 28),
    (SELECTION, 5),
    (TYPING, 15),
]


@dataclass
class WalkResult:
    seed: int
    presses: int
    seconds: float
    screens_seen: dict[str, int] = field(default_factory=dict)
    unexpected_errors: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)
    error_notices: int = 0
    crashed: str | None = None
    answers_at_end: bool = False
    statuses_ok: bool = False
    chain_ok: bool = False

    @property
    def ok(self) -> bool:
        return (
            not self.unexpected_errors
            and self.crashed is None
            and self.answers_at_end
            and self.statuses_ok
            and self.chain_ok
        )

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def next_keys(rng: random.Random, screen_name: str, focused: object) -> list[str]:
    """One step: a single key, a burst of typing, or a local URL when the source dialog waits for one."""
    if isinstance(focused, Input) and screen_name == "SourceModal" and rng.random() < 0.3:
        clear = ["ctrl+a", "backspace"] if rng.random() < 0.5 else []
        return [*clear, *_chars(LOCAL_URL), "enter"]
    if screen_name == "ArticleListScreen" and rng.random() < 0.4:
        return ["enter"]  # back into the article: the list alone has little to press
    if rng.random() < BURST_SHARE:
        # The same key 2-4 times in one read, as a hurried user (or a bouncing key) sends it: Enter Enter
        # on a dialog once popped every screen down to a blank one.
        return [rng.choice(BURST_KEYS)] * rng.randint(2, 4)
    pools, weights = zip(*POOLS, strict=True)
    pool = rng.choices(pools, weights=weights)[0]
    if pool is TYPING and isinstance(focused, Input | TextArea):
        return [rng.choice(TYPING) for _ in range(rng.randint(1, 8))]
    return [rng.choice(pool)]


async def fast_press(pilot: Pilot[None], keys: list[str]) -> None:
    """Keys as a fast typist sends them: queued back to back, then one pause for the app to catch up."""
    await burst(pilot, *keys)


def _chars(text: str) -> list[str]:
    names = {":": "colon", "/": "slash", ".": "full_stop"}
    return [names.get(c, c) for c in text]


def check_store(engine: Engine) -> tuple[bool, bool]:
    """(every claim has a known status, the audit chain verifies)."""
    with session_scope(engine) as session:
        statuses = set(session.exec(select(Claim.status)))
        chain_ok, _bad = verify_chain(session)
    return statuses <= set(CLAIM_STATUSES), chain_ok


async def walk(engine: Engine, article_id: int, *, seed: int, presses: int, size: tuple[int, int]) -> WalkResult:
    """Drive the app with `presses` random keys; report what a user would have noticed."""
    rng = random.Random(seed)
    app = app_for(engine, article_id)
    result = WalkResult(seed=seed, presses=0, seconds=0.0)
    started = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)
        while result.presses < presses and app.is_running:
            name = type(app.screen).__name__
            result.screens_seen[name] = result.screens_seen.get(name, 0) + 1
            keys = next_keys(rng, name, app.focused)
            await fast_press(pilot, keys)
            result.presses += len(keys)
        await _settle(pilot)
        result.answers_at_end = await _answers_a_key(pilot)
        result.unexpected_errors = [f"{type(e).__name__}: {e}" for e in app.unexpected.errors]
        # where each came from, for the failure message: a monkey failure is useless without the stack
        result.tracebacks = [app.unexpected.describe(e)[-1500:] for e in app.unexpected.errors]
        result.error_notices = sum(1 for n in app._notifications if n.severity == "error")
        if app._exception is not None:
            result.crashed = repr(app._exception)
        elif not app.is_running:
            result.crashed = "the app exited"
    result.seconds = round(time.perf_counter() - started, 2)
    result.statuses_ok, result.chain_ok = check_store(engine)
    return result


async def _answers_a_key(pilot: Pilot[None]) -> bool:
    """Close what is open with the keys a user would use, then `l` must switch the labels."""
    from factcheck.tui.screens.confirm_modal import ConfirmModal

    app = pilot.app
    for _ in range(10):
        if not app.is_running:
            return False
        if isinstance(app.screen, ConfirmModal):
            await pilot.press("y")  # "discard what you typed?" and merges alike
        elif isinstance(app.screen, ModalScreen):
            await pilot.press("escape")
        elif isinstance(app.focused, Input):
            await pilot.press("escape")  # the article list's search box gives the focus back
        else:
            break
    before = app.labels
    await pilot.press("l")
    await pilot.pause()
    return app.labels != before


async def _settle(pilot: Pilot[None]) -> None:
    from .conftest import settle

    await settle(pilot)


async def walk_fresh(tmp: Path, *, seed: int, presses: int, size: tuple[int, int] = (120, 40)) -> WalkResult:
    """A walk on a new database holding only the seed article."""
    from factcheck.store import create_store_engine

    engine = create_store_engine(str(tmp / f"monkey-{seed}.db"))
    try:
        return await walk(engine, import_seed(engine), seed=seed, presses=presses, size=size)
    finally:
        engine.dispose()
