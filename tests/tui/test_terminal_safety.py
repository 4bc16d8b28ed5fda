"""Stored text never drives the terminal: escape sequences in any field show as visible escapes."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Engine, text
from textual.pilot import Pilot

from factcheck.services import sources, verdicts
from factcheck.store import session_scope

from .conftest import ACTOR, all_claims, app_for, select_claim, settle, wait_until

pytestmark = pytest.mark.anyio

ESC = "\x1b"
CORPUS = (
    f"{ESC}]0;pwned\x07"  # window title
    f"{ESC}[2J"  # clear screen
    f"{ESC}[?1049h"  # alternate screen
    f"{ESC}]8;;http://evil.example/{ESC}\\link{ESC}]8;;{ESC}\\"  # OSC 8 hyperlink
    "\x07"  # BEL
    "\x9b31m\x9d0;c1\x9c\x85"  # C1: CSI, OSC, ST, NEL
    "\u202e[/bold]"  # a bidi override and something that looks like markup
)
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def poison(engine: Engine, article_id: int) -> int:
    """The corpus in every stored field a screen shows; returns the poisoned claim's id."""
    claim = all_claims(engine, article_id)[1]
    with session_scope(engine) as s:
        verdicts.set_verdict(s, claim.id, "false", rationale="r", actor=ACTOR)
        verdicts.add_note(s, claim.id, "n", actor=ACTOR)
        sources.add_source(s, claim.id, "https://example.org/a", actor=ACTOR)
        params = {"x": CORPUS, "c": claim.id, "a": article_id}
        for statement in (
            # written by SQL: the services clean what comes in, older databases may hold anything (the
            # append-only guards of migration 0007 stand aside for that)
            "DROP TRIGGER IF EXISTS verdict_append_only_update",
            "DROP TRIGGER IF EXISTS note_append_only_update",
            "UPDATE article SET title = :x || ' Titel' WHERE id = :a",
            "UPDATE article SET language = 'de' || :x WHERE id = :a",
            'UPDATE claim SET text = text || :x, kinds = \'["date", "\\u001b[2J"]\' WHERE id = :c',
            "UPDATE verdict SET rationale = :x, checker = :x, reviewer = :x WHERE claim_id = :c",
            "UPDATE note SET body = :x, author = :x WHERE claim_id = :c",
            "UPDATE source SET url = 'https://x/' || :x, title = :x, fetched_at = CURRENT_TIMESTAMP,"
            " http_status = 200 WHERE claim_id = :c",
            "UPDATE event SET actor = :x WHERE claim_id = :c",
        ):
            s.exec(text(statement), params=params)  # type: ignore[call-overload]
        # the article text: same length, so claim offsets stay valid (one control per replaced char)
        body = s.exec(text("SELECT text FROM article WHERE id = :a"), params=params).one()[0]  # type: ignore[call-overload]
        controls = CORPUS.replace("\u202e", "\x1b")
        s.exec(
            text("UPDATE article SET text = :t WHERE id = :a"),  # type: ignore[call-overload]
            params={"t": controls + body[len(controls) :], "a": article_id},
        )
    return claim.id


def assert_clean(pilot: Pilot[None], where: str) -> None:
    shot = pilot.app.export_screenshot()
    found = sorted({f"U+{ord(c):04X}" for c in RAW.findall(shot)})
    assert not found, f"raw control characters on the {where}: {found}"
    assert "\u202e" not in shot, f"a bidi override reached the {where}"


async def test_escape_sequences_in_every_field_show_escaped(engine: Engine, article_id: int) -> None:
    claim_id = poison(engine, article_id)
    app = app_for(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert_clean(pilot, "article list")
        await pilot.press("enter")  # open the (only) article
        await settle(pilot)
        assert_clean(pilot, "article screen")
        claim = next(c for c in all_claims(engine, article_id) if c.id == claim_id)
        await select_claim(pilot, engine, article_id, claim.text[:20])
        assert_clean(pilot, "claim detail")
        assert "\\x1b" in app.export_screenshot()  # shown, as an escape
        for key, screen in (("v", "VerdictModal"), ("e", "EditClaimModal"), ("n", "NoteModal"), ("m", "ConfirmModal")):
            await pilot.press(key)
            await wait_until(pilot, lambda screen=screen: type(app.screen).__name__ == screen)
            await settle(pilot)
            assert_clean(pilot, screen)
            await pilot.press("escape")
            await settle(pilot)
        app.notify(CORPUS, title=CORPUS)  # notices quote stored strings (titles, URLs, errors)
        await pilot.press("l")  # German labels re-render everything
        await settle(pilot)
        assert_clean(pilot, "notices and German labels")
        assert app.unexpected.errors == []
