"""Pilot tests: drive each workbench action on the seed article and check what the services stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import Engine
from textual.widgets import Select, TextArea
from textual.widgets.text_area import Selection

from factcheck.services import claims, verdicts
from factcheck.store import session_scope
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.article_list import ArticleListScreen
from factcheck.tui.screens.confirm_modal import ConfirmModal
from factcheck.tui.screens.filter_modal import FilterModal
from factcheck.tui.screens.reuse_modal import ReuseVerdictModal
from factcheck.tui.screens.verdict_modal import VerdictModal
from factcheck.tui.widgets.article.claim_table import ClaimTable
from factcheck.tui.widgets.article.text_view import ArticleTextView
from factcheck.tui.widgets.claim.detail import ClaimDetailPane

from .conftest import ACTOR, all_claims, app_for, claim_with, detail, remember_checked, select_claim, settle

pytestmark = pytest.mark.anyio

LEERE = "dröhnende Leere"


def footer_words(screen: object) -> set[str]:
    """The binding descriptions the footer shows on this screen."""
    return {a.binding.description for a in screen.active_bindings.values() if a.binding.show}  # type: ignore[attr-defined]


def table_ids(app: object) -> list[int]:
    table = app.screen.query_one(ClaimTable)  # type: ignore[attr-defined]
    return list(table.rows_by_id)


async def test_article_opens_with_claims_listed_and_highlighted(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        worthy = [c.id for c in all_claims(engine, article_id) if c.checkworthy]
        assert table_ids(app) == worthy
        text = app.screen.query_one(ArticleTextView)
        assert "dröhnende Leere" in text.text
        assert sum(len(v) for v in text._highlights.values()) >= len(worthy)
        # The first claim is current and its detail is shown.
        assert app.screen.current_claim_id == worthy[0]
        assert app.screen.query_one(ClaimDetailPane).detail is not None


async def test_selecting_in_table_moves_text_and_clicking_text_selects_claim(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        text = app.screen.query_one(ArticleTextView)
        assert text.cursor_offset == claim.start
        other = claim_with(engine, article_id, "Oval Office")
        text.focus()
        await pilot.pause()
        text.move_cursor(text.location_of(other.start + 5))  # what a click on the sentence does
        await settle(pilot)
        assert app.screen.current_claim_id == other.id
        assert app.screen.query_one(ClaimTable).current_claim_id == other.id


async def test_verdict_with_rationale_is_stored(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VerdictModal)
        for _ in range(7):  # nothing preselected: the first Down picks true, then … → false
            await pilot.press("down")
        await pilot.press("enter")  # chooses and moves to the rationale
        await pilot.press(*"Zitat belegt")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    stored = detail(engine, claim.id)
    assert stored.claim.status == "checked"
    assert stored.claim.verdict is not None
    assert (stored.claim.verdict.rating, stored.claim.verdict.rationale) == ("false", "Zitat belegt")
    assert stored.claim.verdict.checker == ACTOR


async def test_verdict_without_rationale_stays_open_with_an_error(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("v", "down", "down", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, VerdictModal)
        assert "rationale is required" in str(app.screen.query_one("#verdict-error").render())
        # "true" needs no rationale.
        await pilot.press("shift+tab", "home", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    stored = detail(engine, claim.id).claim.verdict
    assert stored is not None and stored.rating == "true"


async def test_escape_with_typed_text_asks_before_discarding(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("v", "down", "enter", *"halb wahr", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, VerdictModal)
        assert app.screen.query_one("#rationale", TextArea).text == "halb wahr"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    assert detail(engine, claim.id).claim.verdict is None


async def test_failed_save_reopens_the_dialog_with_the_typed_text(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("v")
        await settle(pilot)
        with session_scope(engine) as session:  # someone else changes the claim while the dialog is open
            claims.set_status(session, claim.id, "in-progress", actor="colleague")
        await pilot.press("down", "enter", *"fast richtig", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, VerdictModal)
        assert app.screen.query_one("#rationale", TextArea).text == "fast richtig"
        assert "changed" in str(app.screen.query_one("#verdict-error").render())
        assert any("reloaded" in str(n.message) for n in app._notifications)
        row = next(r for r in app.screen_stack[-2].all_rows if r.id == claim.id)  # type: ignore[attr-defined]
        assert row.status == "in-progress"  # the article was reloaded: the colleague's change shows
    assert detail(engine, claim.id).claim.verdict is None


async def test_verdict_dialog_preselects_the_verdict_stored_now(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        with session_scope(engine) as session:  # set from the CLI while the workbench shows no verdict
            verdicts.set_verdict(session, claim.id, "false", rationale="CLI", actor="colleague")
        await pilot.press("v")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, VerdictModal)
        assert modal.value.rating == "false"


async def test_reload_key_shows_changes_made_elsewhere_and_keeps_the_cursor(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        with session_scope(engine) as session:
            claims.set_status(session, claim.id, "in-progress", actor="colleague")
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.current_claim_id == claim.id
        assert screen.current_claim is not None and screen.current_claim.status == "in-progress"
        assert any("Reloaded" in str(n.message) for n in app._notifications)


async def test_note_is_stored(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("n", *"Filipenko anrufen", "ctrl+s")
        await settle(pilot)
        pane = app.screen.query_one(ClaimDetailPane)
        assert pane.detail is not None and [n.body for n in pane.detail.notes] == ["Filipenko anrufen"]
    notes = detail(engine, claim.id).notes
    assert [(n.body, n.author) for n in notes] == [("Filipenko anrufen", ACTOR)]


async def test_source_url_is_stored_and_fetched_in_a_worker(
    engine: Engine, article_id: int, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/bericht").respond_with_data(
        "<html><head><title>Bericht</title></head><body><p>Eine dröhnende Leere.</p></body></html>",
        content_type="text/html; charset=utf-8",
    )
    url = httpserver.url_for("/bericht")
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("s", *url, "enter")
        await settle(pilot)
    sources = detail(engine, claim.id).sources
    assert [(s.url, s.http_status, s.title) for s in sources] == [(url, 200, "Bericht")]


async def test_unreachable_source_keeps_the_url(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("s", *"http://127.0.0.1:9/nirgends", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)  # the failure is a notice, the app lives on
    sources = detail(engine, claim.id).sources
    assert [(s.url, s.state) for s in sources] == [("http://127.0.0.1:9/nirgends", "failed")]
    assert "refused" in (sources[0].error or "")  # the reason is kept with the source, for a refresh later


async def test_status_dismiss_and_undismiss(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("t", "down", "enter")
        await settle(pilot)
        assert detail(engine, claim.id).claim.status == "in-progress"
        await pilot.press("d")
        await settle(pilot)
        assert detail(engine, claim.id).claim.status == "dismissed"
        await pilot.press("d")
        await settle(pilot)
        assert detail(engine, claim.id).claim.status == "open"


async def test_edit_claim_text_then_undo(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("e", "end", *" (sinngemäß)", "ctrl+s")
        await settle(pilot)
        assert detail(engine, claim.id).claim.text == claim.text + " (sinngemäß)"
        await pilot.press("u")
        await settle(pilot)
    assert detail(engine, claim.id).claim.text == claim.text


async def test_split_claim_at_the_text_cursor(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, "am 18. März 2025")
        at = claim.start + claim.text.index(", wobei") + 1  # just after the comma
        text = app.screen.query_one(ArticleTextView)
        text.focus()
        await pilot.pause()
        text.move_cursor(text.location_of(at))
        await pilot.pause()
        await pilot.press("x")
        await settle(pilot)
        article_text = text.text
    rows = all_claims(engine, article_id)
    head = next(r for r in rows if r.id == claim.id)
    tail = next(r for r in rows if r.start > claim.start and r.end == claim.end)
    assert (head.start, head.end) == (claim.start, at)
    assert head.text.endswith("statt,")
    assert tail.start == at + 1 and tail.text.startswith("wobei Trump")
    assert article_text[head.start : head.end] == head.text
    assert article_text[tail.start : tail.end] == tail.text
    assert len(rows) == len(all_claims_before := rows) and len(all_claims_before) > 0


async def test_merge_with_next_after_confirming(engine: Engine, article_id: int) -> None:
    before = all_claims(engine, article_id)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, "Oval Office")
        following = before[[c.id for c in before].index(claim.id) + 1]
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
    after = all_claims(engine, article_id)
    assert len(after) == len(before) - 1
    merged = next(r for r in after if r.id == claim.id)
    assert (merged.start, merged.end) == (claim.start, following.end)


async def test_add_claim_from_a_text_selection(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = app.screen.query_one(ArticleTextView)
        start = text.text.index("Reaktionen auf Trumps Annäherung")
        end = start + len("Reaktionen auf Trumps Annäherung an Putin sind gemischt")
        text.focus()
        await pilot.pause()
        text.selection = Selection(text.location_of(start), text.location_of(end))
        await pilot.pause()
        await pilot.press("a")
        await settle(pilot)
        added = [r for r in all_claims(engine, article_id) if (r.start, r.end) == (start, end)]
        assert len(added) == 1 and added[0].checkworthy
        assert app.screen.current_claim_id == added[0].id
        assert added[0].id in table_ids(app)


async def test_next_open_claim_skips_checked_ones(engine: Engine, article_id: int) -> None:
    worthy = [c for c in all_claims(engine, article_id) if c.checkworthy]
    with session_scope(engine) as session:
        verdicts.set_verdict(session, worthy[1].id, "true", actor=ACTOR)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.current_claim_id == worthy[0].id
        await pilot.press("o")
        await settle(pilot)
        assert app.screen.current_claim_id == worthy[2].id


async def test_filter_shows_the_right_rows(engine: Engine, article_id: int) -> None:
    rows = all_claims(engine, article_id)
    leere = claim_with(engine, article_id, LEERE)
    with session_scope(engine) as session:
        verdicts.set_verdict(session, leere.id, "misleading", rationale="verkürzt", actor=ACTOR)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Free text, typed into the dialog.
        await pilot.press("f", *"Putin", "enter")
        await settle(pilot)
        worthy = [r for r in all_claims(engine, article_id) if r.checkworthy]
        assert table_ids(app) == [r.id for r in claims.filter_claims(worthy, text="Putin")]
        # Verdict and kind, chosen in the dialog's selects.
        await pilot.press("f")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, FilterModal)
        modal.query_one("#f-text").value = ""  # type: ignore[attr-defined]
        modal.query_one("#f-rating", Select).value = "misleading"
        modal.query_one("#f-kind", Select).value = "quote"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert table_ids(app) == [leere.id]
        # Speaker.
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#f-rating", Select).value = Select.NULL
        app.screen.query_one("#f-kind", Select).value = Select.NULL
        app.screen.query_one("#f-speaker").value = "Donald Trump"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        expected = claims.filter_claims([r for r in rows if r.checkworthy], speaker="Donald Trump")
        assert expected and table_ids(app) == [r.id for r in expected]
        # Clear.
        await pilot.press("F")
        await settle(pilot)
        assert len(table_ids(app)) == len(worthy)


async def test_filter_with_no_match_shows_empty_state(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"Marsmenschen", "enter")
        await settle(pilot)
        assert table_ids(app) == []
        assert app.screen.query_one("#claims-empty").display


async def test_toggle_german_labels(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one(ClaimTable)
        await pilot.press("down")
        await settle(pilot)
        assert "Verdict" in footer_words(screen) and "claims" in str(screen.query_one("#filter-bar").render())
        await pilot.press("l")
        await settle(pilot)
        assert app.labels == "de"
        assert str(table.columns[table.ordered_columns[-1].key].label) == "Aussage"
        words = footer_words(screen)
        assert {"Bewertung", "Notiz", "Quelle", "Rückgängig", "Tasten"} <= words, words
        assert not {"Verdict", "Note", "Source", "Undo", "Keys"} & words
        assert "Aussagen" in str(screen.query_one("#filter-bar").render())
        pane = str(screen.query_one("#body-checkworthiness").render())
        assert "prüfwürdig" in pane and "check-worthy" not in pane
        assert "offen" in str(screen.query_one("#title-claim").render())


async def test_article_list_search_and_open(engine: Engine, article_id: int) -> None:
    app = app_for(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)
        await pilot.press("slash", *"Nirgendwo")
        await pilot.pause(0.4)
        await settle(pilot)
        assert app.screen.query_one("#articles-empty").display
        await pilot.press("escape")  # clears the search, back to the table
        await pilot.pause(0.4)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen) and app.screen.article_id == article_id
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)


async def test_import_a_file_from_the_workbench(engine: Engine, seed_path: Path) -> None:
    app = app_for(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#articles-empty").display
        await pilot.press("i", *str(seed_path), "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert len(table_ids(app)) > 5


async def test_import_of_a_missing_file_reopens_the_dialog(engine: Engine, tmp_path: Path) -> None:
    app = app_for(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        missing = str(tmp_path / "fehlt.txt")
        await pilot.press("i", *missing, "enter")
        await settle(pilot)
        assert app.screen.query_one("#value").value == missing  # type: ignore[attr-defined]
        assert "no such file" in str(app.screen.query_one("#input-error").render())


async def test_command_palette_sets_status_through_the_services(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"status: in progress")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
    assert detail(engine, claim.id).claim.status == "in-progress"


async def test_command_palette_opens_the_verdict_dialog(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"verdict")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, VerdictModal)


async def test_light_and_dark_theme_toggle(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "factcheck-dark"
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert app.theme == "factcheck-light" and not app.current_theme.dark


async def test_no_color_is_respected(engine: Engine, article_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        # Statuses stay distinguishable without colour: glyphs in the table.
        cells = [str(app.screen.query_one(ClaimTable).get_row_at(i)[2]) for i in range(3)]
        assert all(cell[:1] in "○◐●×" for cell in cells)


async def test_works_in_80x24(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        table = app.screen.query_one(ClaimTable)
        assert table.compact  # speaker and date make way for the text
        await pilot.press("v", "down", "down", "enter", *"knapp", "ctrl+s")
        await settle(pilot)
    stored = detail(engine, claim.id).claim.verdict
    assert stored is not None and (stored.rating, stored.rationale) == ("mostly-true", "knapp")


async def test_similar_checked_claims_are_shown_and_a_verdict_is_reused(engine: Engine, article_id: int) -> None:
    remember_checked(
        engine,
        (
            "Das Telefonat sei eine dröhnende Leere gewesen, sagt die Politikwissenschaftlerin Filipenko.",
            "misleading",
            "https://faktencheck.example/leere",
        ),
        ("Die Bundesregierung lehnte die Lieferung von Kampfjets ab.", "false", "https://faktencheck.example/jets"),
    )
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        pane = app.screen.query_one(ClaimDetailPane)
        assert [m.url for m in pane.similar][:1] == ["https://faktencheck.example/leere"]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReuseVerdictModal)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    verdict = detail(engine, claim.id).claim.verdict
    assert verdict is not None
    assert (verdict.rating, verdict.checker) == ("misleading", ACTOR)
    assert verdict.reused_from is not None and verdict.reused_from.startswith("checked:")
    assert "faktencheck.example/leere" in verdict.rationale
    assert "verdict.set" in [e.action for e in detail(engine, claim.id).history]


async def test_reuse_without_similar_claims_warns_and_writes_nothing(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        assert "No similar checked claims" in str(app.screen.query_one("#body-similar").render())
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    assert detail(engine, claim.id).claim.verdict is None


async def test_an_unexpected_failure_in_a_worker_is_shown_not_swallowed(
    engine: Engine, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(session: object, claim_id: int) -> None:
        raise RuntimeError("disk on fire")

    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(claims, "claim_detail", broken)
        await pilot.press("down")
        await settle(pilot)
        assert any("disk on fire" in str(n.message) for n in app._notifications)
        assert isinstance(app.screen, ArticleScreen)  # still working
