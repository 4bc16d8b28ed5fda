"""The review dialog (p, or "Review: approve/reject" in the palette): sign-off of a colleague's verdict,
a rejection with its comment back to work, four-eyes before the dialog opens, a conflict that reloads
and re-opens the dialog; every write the workbench makes carries the version it shows. Pilot tests and
snapshots of the dialog and of a rejected verdict in the claim detail."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from factcheck.services import claims, verdicts
from factcheck.store import session_scope
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.note_modal import NoteModal
from factcheck.tui.screens.review_modal import ReviewModal
from factcheck.tui.widgets.claim.detail import ClaimDetailPane

from .conftest import ACTOR, app_for, claim_with, detail, select_claim, settle, wait_until

LEERE = "dröhnende Leere"
COLLEAGUE = "colleague"


def colleagues_verdict(engine: Engine, article_id: int) -> int:
    """The claim with a verdict by someone other than the workbench's user (who may review it)."""
    claim = claim_with(engine, article_id, LEERE).id
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim, "misleading", rationale="Meinung, keine Tatsache.", actor=COLLEAGUE)
    return claim


def messages(pilot: Pilot[None]) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


async def open_review(pilot: Pilot[None], engine: Engine, article_id: int) -> ReviewModal:
    await select_claim(pilot, engine, article_id, LEERE)
    await pilot.press("p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReviewModal))
    modal = pilot.app.screen
    assert isinstance(modal, ReviewModal)
    await pilot.pause()
    return modal


@pytest.mark.anyio
async def test_p_approves_a_colleagues_verdict_with_the_version_shown(engine: Engine, article_id: int) -> None:
    claim = colleagues_verdict(engine, article_id)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_review(pilot, engine, article_id)
        assert "Meinung, keine Tatsache." in str(modal.query_one("#review-verdict", Static).render())
        assert modal.query_one("#decisions", OptionList).highlighted is None  # nothing preselected
        await pilot.press("ctrl+s")  # no decision yet: the dialog says so and stays
        await pilot.pause()
        assert isinstance(app.screen, ReviewModal)
        assert "Choose approve or reject" in str(modal.query_one("#review-error").render())
        await pilot.press("down", "enter", *"Quelle geprüft", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert f"Verdict on #{claim} approved" in messages(pilot)
    stored = detail(engine, claim).claim
    assert stored.version == 3 and stored.status == "checked"
    assert stored.verdict is not None
    assert (stored.verdict.review_state, stored.verdict.reviewer, stored.verdict.review_comment) == (
        "approved",
        ACTOR,
        "Quelle geprüft",
    )


@pytest.mark.anyio
async def test_a_rejection_needs_a_comment_and_sends_the_claim_back_to_work(engine: Engine, article_id: int) -> None:
    claim = colleagues_verdict(engine, article_id)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_review(pilot, engine, article_id)
        await pilot.press("down", "down", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewModal)
        assert "needs a comment" in str(modal.query_one("#review-error").render())
        assert modal.query_one("#review-comment", TextArea).has_focus
        await pilot.press(*"Zitat im Original suchen", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        shown = str(app.screen.query_one(ClaimDetailPane).query_one("#body-verdict", Static).render())
        assert "reviewer's comment: Zitat im Original suchen" in shown
        assert "rejected by tester" in shown
    stored = detail(engine, claim).claim
    assert stored.status == "in-progress"
    assert stored.verdict is not None and stored.verdict.review_comment == "Zitat im Original suchen"


@pytest.mark.anyio
async def test_own_and_reviewed_verdicts_are_refused_before_a_dialog_opens(
    engine: Engine, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACTCHECK_SINGLE_PERSON", raising=False)
    claim = claim_with(engine, article_id, LEERE).id
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim, "false", rationale="kein Beleg", actor=ACTOR)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert any(m.startswith("Nobody approves their own verdict") for m in messages(pilot))
        with session_scope(engine) as session:
            verdicts.set_verdict(session, claim, "false", rationale="kein Beleg", actor=COLLEAGUE)
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("p", "down", "ctrl+s")
        await settle(pilot)
        await pilot.press("l", "p", "u")  # German labels; reviewed already; a review is not undone
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        said = messages(pilot)
        assert (
            f"Die Bewertung von #{claim} wurde schon von tester bestätigt; eine neue Bewertung lässt sich prüfen."
            in said
        )
        assert any(m.startswith(f"Die Bewertung von #{claim} wurde geprüft; eine Prüfung lässt") for m in said)


@pytest.mark.anyio
async def test_a_conflict_reloads_and_the_reopened_dialog_saves_on_the_fresh_version(
    engine: Engine, article_id: int
) -> None:
    claim = colleagues_verdict(engine, article_id)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot, engine, article_id)
        with session_scope(engine) as session:  # a colleague changes the claim while the dialog is open
            verdicts.add_note(session, claim, "Pressestelle fragt nach", actor=COLLEAGUE)
            claims.set_status(session, claim, "in-progress", actor=COLLEAGUE)
        await pilot.press("down", "enter", *"passt", "ctrl+s")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ReviewModal)  # re-opened with what was chosen and typed
        assert modal.decision == "approve"
        assert modal.query_one("#review-comment", TextArea).text == "passt"
        assert "changed" in str(modal.query_one("#review-error").render())
        assert detail(engine, claim).claim.verdict.review_state == "pending"  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    stored = detail(engine, claim).claim
    assert stored.verdict is not None and stored.verdict.review_state == "approved"
    assert stored.version == 4


@pytest.mark.anyio
async def test_the_palette_opens_the_dialog_with_reject_chosen(engine: Engine, article_id: int) -> None:
    colleagues_verdict(engine, article_id)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"reject the verdict")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewModal))
        assert app.screen.decision == "reject"  # type: ignore[attr-defined]


@pytest.mark.anyio
async def test_a_note_on_a_claim_changed_meanwhile_is_refused_and_kept(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteModal))
        with session_scope(engine) as session:
            claims.set_status(session, claim.id, "in-progress", actor=COLLEAGUE)
        await pilot.press(*"erst Quelle klären", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NoteModal)
        assert app.screen.query_one("#body", TextArea).text == "erst Quelle klären"
        assert detail(engine, claim.id).notes == []
        await pilot.press("ctrl+s")  # the re-opened dialog holds the claim as stored now
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    assert [n.body for n in detail(engine, claim.id).notes] == ["erst Quelle klären"]


@pytest.mark.anyio
async def test_undo_on_a_claim_changed_meanwhile_is_a_conflict(engine: Engine, article_id: int) -> None:
    claim = claim_with(engine, article_id, LEERE).id
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim, "false", rationale="kein Beleg", actor=ACTOR)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        with session_scope(engine) as session:  # what u would undo is no longer what the screen shows
            verdicts.set_verdict(session, claim, "true", actor=COLLEAGUE)
        await pilot.press("u")
        await settle(pilot)
        assert any("changed" in m and "reloaded" in m for m in messages(pilot))
    stored = detail(engine, claim).claim
    assert stored.verdict is not None and (stored.verdict.rating, stored.verdict.checker) == ("true", COLLEAGUE)


def test_review_dialog_80x24(snap_compare, engine: Engine, article_id: int) -> None:
    colleagues_verdict(engine, article_id)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_review(pilot, engine, article_id)
        await pilot.press("down", "down", "enter", *"Zitat im Original suchen")
        await settle(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(80, 24))


def test_rejected_verdict_shows_the_reviewers_comment(snap_compare, engine: Engine, article_id: int) -> None:
    colleagues_verdict(engine, article_id)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_review(pilot, engine, article_id)
        await pilot.press("down", "down", "enter", *"Zitat im Original suchen", "ctrl+s")
        await settle(pilot)
        pilot.app.clear_notifications()
        pane = pilot.app.screen.query_one(ClaimDetailPane)
        pane.focus()
        await pilot.press("z")  # the detail pane alone, scrolled to the verdict
        await settle(pilot)
        pane.query_one("#title-verdict").scroll_visible(top=True, animate=False)
        await settle(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(100, 30))


@pytest.mark.anyio
async def test_p_judges_the_verdict_stored_now_not_the_list_loaded_before(engine: Engine, article_id: int) -> None:
    """A colleague gives the verdict after the workbench loaded the claim list: `p` still opens the dialog
    on it (found by an attack: it said "has no verdict to review" beside a detail showing one)."""
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        colleagues_verdict(engine, article_id)  # written by another process meanwhile
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReviewModal))
        modal = pilot.app.screen
        assert isinstance(modal, ReviewModal)
        assert "Meinung, keine Tatsache." in str(modal.query_one("#review-verdict", Static).render())
        assert not [m for m in messages(pilot) if "no verdict" in m]
