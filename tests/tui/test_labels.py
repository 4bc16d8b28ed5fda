"""German labels reach every string a checker sees: errors, the key panel, the palette, dialogs, numbers."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from textual.command import CommandInput, CommandPalette
from textual.widgets import Select

from factcheck.services import articles
from factcheck.store import session_scope
from factcheck.text.document import prepare_document
from factcheck.tui.commands import WorkbenchCommands
from factcheck.tui.i18n import CATALOGUE, error_text, tn
from factcheck.tui.presentation import number, percent
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.article_edits import undo_refusal
from factcheck.tui.screens.article_list import ArticleListScreen
from factcheck.tui.screens.confirm_modal import ConfirmModal
from factcheck.tui.screens.filter_modal import FilterModal
from factcheck.tui.widgets.article_list.article_table import ArticleTable

from .conftest import ACTOR, app_for, claim_with, select_claim, settle, wait_until

pytestmark = pytest.mark.anyio

LEERE = "dröhnende Leere"
# Words of Textual's own bindings and system commands the tester saw in German mode.
ENGLISH = {"Cursor up", "Cursor down", "Page Left", "Page Right", "Select", "Focus Next", "Focus Previous"}
ENGLISH |= {"Copy selected text", "Copy", "Paste", "Scroll Up", "Submit", "Toggle", "Press button", "Quit"}


def binding_words(screen: object) -> set[str]:
    """What the `?` key panel lists for the focused widget, its containers, the screen and the app."""
    return {b.binding.description for b in screen.active_bindings.values() if not b.binding.system}  # type: ignore[attr-defined]


async def test_key_panel_words_are_german_on_every_screen_and_dialog(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("l", "question_mark")
        await settle(pilot)
        assert app.screen.query("HelpPanel")
        seen = binding_words(app.screen)
        assert "Bewertung" in seen and not seen & ENGLISH, seen & ENGLISH
        await pilot.press("tab")  # the article text (a TextArea): its many editing keys
        await settle(pilot)
        seen = binding_words(app.screen)
        assert not seen & ENGLISH, seen & ENGLISH
        for opening in ("v", "f", "n", "s", "t"):
            await pilot.press(opening)
            await wait_until(pilot, lambda: len(app.screen_stack) == 4)
            for _ in range(3):  # every field of the dialog in turn
                seen = binding_words(app.screen)
                assert not seen & ENGLISH, (opening, seen & ENGLISH)
                await pilot.press("tab")
            await pilot.press("escape")
            if isinstance(app.screen, ConfirmModal):
                await pilot.press("y")
            await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)
        seen = binding_words(app.screen)
        assert "Importieren" in seen and not seen & ENGLISH, seen & ENGLISH


async def test_command_palette_is_german_deduplicated_and_without_screenshot(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("l")
        system = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in system and "Theme" not in system
        assert {"Beenden", "Tasten"} <= set(system) and not set(system) & ENGLISH
        provider = WorkbenchCommands(app.screen)
        names = [name for name, _help, _call in provider._screen_commands()]
        actions = [name.split("  (")[0] for name in names]
        assert len(actions) == len(set(actions)), sorted(actions)
        assert "Neu laden" in actions and "Markierten Text kopieren" in actions
        assert not set(actions) & ENGLISH
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        assert app.screen.query_one(CommandInput).placeholder == "Befehle suchen…"
        await pilot.press("escape")


async def test_undo_with_nothing_to_undo_says_so_in_german(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("l", "u")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert f"Bei #{claim.id} gibt es nichts rückgängig zu machen." in messages
        assert not any("nothing to undo" in m for m in messages)
        assert [n.severity for n in app._notifications if "rückgängig" in str(n.message)] == ["warning"]


def test_service_errors_are_phrased_or_prefixed() -> None:
    assert undo_refusal("nothing to undo on claim 7", 7, "de") == "Bei #7 gibt es nichts rückgängig zu machen."
    assert undo_refusal("the last change to claim 7 (source.fetch) cannot be undone", 7, "de") == (
        "Die letzte Änderung an #7 (Quelle abgerufen) lässt sich nicht rückgängig machen."
    )
    assert "von Hand" in undo_refusal("claim 7 was added by hand; dismiss it instead (status dismissed)", 7, "de")
    assert undo_refusal("something new", 7, "de") == "Fehler: something new"
    assert error_text("no such file: x.txt", "de") == "Fehler: no such file: x.txt"
    assert error_text("no such file: x.txt", "en") == "no such file: x.txt"


def test_numbers_counts_and_shares_read_as_people_write_them() -> None:
    assert number(200_000_000.0, "en") == "200,000,000"
    assert number(200_000_000.0, "de") == "200.000.000"
    assert number(1234.5, "de") == "1.234,5"
    assert number(0.25, "en") == "0.25"
    assert percent(6.25, "en") == f"{6.25:.1f} %"  # as `factcheck articles` prints it
    assert percent(12.5, "de") == "12,5 %"
    assert tn("earlier_verdicts", 1, "en") == "1 earlier verdict in the history"
    assert tn("earlier_verdicts", 2, "de") == "2 frühere Bewertungen im Verlauf"
    assert tn("n_of_m_claims", 1, "de", shown=1) == "1 von 1 Aussage"
    # No catalogue entry says "(s)" or "(en)" any more: every count picks its form.
    assert not [k for k, (en, de) in CATALOGUE.items() if "(s) " in en.replace("http(s)", "") or "(en)" in de]


async def test_filter_dropdowns_have_a_german_prompt(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l", "f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterModal))
        await settle(pilot)
        for select in app.screen.query(Select):
            assert select.prompt == "(alle)"
        await pilot.press("escape")


async def test_detail_pane_numbers_and_kind_legend_in_german(engine: Engine) -> None:
    from factcheck.tui.widgets.claim.detail import ClaimDetailPane

    text = "Der Ausbau kostet 200 Millionen Euro, sagte Verkehrsminister Peter Schmidt am 3. März 2025 in Berlin."
    doc = prepare_document(text.encode(), name="kosten.txt")
    with session_scope(engine) as session:
        article_id = articles.import_document(session, doc, origin="kosten.txt", actor=ACTOR).article_id
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, "200 Millionen")
        await pilot.press("l")
        await settle(pilot)
        pane = app.screen.query_one(ClaimDetailPane)
        fields = str(pane.query_one("#body-fields").render())
        assert "200.000.000 Euro" in fields and "e+" not in fields
        assert "N Menge" in str(pane.query_one("#body-claim").render())  # the table's badge, explained
        await pilot.press("l")
        await settle(pilot)
        assert "200,000,000 Euro" in str(pane.query_one("#body-fields").render())


async def test_merge_dialog_shows_the_absorbed_claim_and_plain_button_words(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        rows = sorted(app.screen.all_rows, key=lambda r: (r.start, r.id))  # type: ignore[attr-defined]
        following = next(r for r in rows if r.start >= claim.start and r.id != claim.id)
        await pilot.press("m")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        question = str(app.screen.query_one(".question").render())
        assert f"#{following.id}" in question and following.text[:30] in " ".join(question.split())
        assert str(app.screen.query_one("#no").label) == "Cancel (n)"
        await pilot.press("n")


async def test_back_from_an_article_keeps_the_list_cursor_on_it(engine: Engine, article_id: int) -> None:
    # A second, newer article lists first; the seed article (opened at start) is the second row.
    doc = prepare_document("Der Bundestag tagte am 3. März 2025 in Berlin.".encode(), name="zweiter.txt")
    with session_scope(engine) as session:
        articles.import_document(session, doc, origin="zweiter.txt", actor=ACTOR)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        assert table.current_article_id == article_id
        assert table.cursor_row == 1
        cell = str(table.get_cell(str(article_id), "checked"))
        assert cell.endswith(" %") and "." in cell  # one decimal, like the CLI
        claim_with(engine, article_id, LEERE)


def test_a_memory_match_with_an_unmapped_publisher_label_shows_that_label() -> None:
    from factcheck.services.views import SimilarMatch
    from factcheck.tui.presentation import match_label

    match = SimilarMatch(
        checked_id=1,
        score=0.9,
        text="Die Rente steigt",
        rating="unmapped",
        label_en="Spin zone (unmapped)",
        label_de="Spin zone (nicht zugeordnet)",
        original_label="Spin zone",
        url=None,
        published=None,
        publisher="Desk",
        origin="import",
        claim_id=None,
    )
    assert match_label(match, "de") == "Spin zone (nicht zugeordnet)"
    assert match_label(match, "en") == "Spin zone (unmapped)"
    assert match_label(SimilarMatch(**{**match.__dict__, "label_en": "x\x1b]0;t\x07"}), "en") == "x\\x1b]0;t\\x07"
