"""Live updates (tui/live.py): the workbench shows what a colleague writes meanwhile, on SQLite (poll of the
newest event id) and on the real PostgreSQL (LISTEN/NOTIFY), without losing the cursor, the filter or
typed text; a dialog whose claim changed says so, and saving over the change asks first.

The colleague writes through the service functions on an engine of their own (another connection pool,
as another process would), or through the CLI in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from factcheck.services import articles, changes, editing, verdicts
from factcheck.store import create_store_engine, read_scope, session_scope
from factcheck.text.document import prepare_document
from factcheck.tui.app import FactcheckApp
from factcheck.tui.live import ChangeWatcher, WatchTrouble
from factcheck.tui.presentation import RATING_GLYPHS
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.confirm_modal import ConfirmModal
from factcheck.tui.screens.filter_modal import ClaimFilter, FilterModal
from factcheck.tui.screens.note_modal import NoteModal
from factcheck.tui.screens.review_modal import ReviewModal
from factcheck.tui.screens.verdict_modal import VerdictModal
from factcheck.tui.widgets.article.claim_table import ClaimTable
from factcheck.tui.widgets.article_list.article_table import ArticleTable
from factcheck.tui.widgets.claim.detail import ClaimDetailPane

from .conftest import app_for, claim_with, detail, import_seed, select_claim, settle, wait_until

ROOT = Path(__file__).resolve().parents[2]
LEERE = "dröhnende Leere"
COLLEAGUE = "anna"


@pytest.fixture
def desk(store_db: str) -> Iterator[tuple[Engine, Engine, int]]:
    """(the workbench's engine, a colleague's engine on the same database, the seed article's id)."""
    engine = create_store_engine(store_db)
    colleague = create_store_engine(store_db)
    article_id = import_seed(engine)
    yield engine, colleague, article_id
    colleague.dispose()
    engine.dispose()


def notices(app: FactcheckApp) -> list[str]:
    return [n.message for n in app._notifications]


def newest(engine: Engine) -> int:
    with read_scope(engine) as session:
        return changes.newest_event_id(session)


async def caught_up(pilot: Pilot[None], engine: Engine) -> None:
    """Until the watcher has looked at every event written so far (and its messages were handled)."""
    app = pilot.app
    assert isinstance(app, FactcheckApp) and app.watcher is not None
    target = newest(engine)
    await wait_until(pilot, lambda: (app.watcher.last_seen or 0) >= target)  # type: ignore[union-attr]
    await settle(pilot)


def changed_line(app: FactcheckApp) -> Static:
    line = app.screen.query_one("#changed-meanwhile", Static)
    return line


@pytest.mark.anyio
async def test_a_colleagues_verdict_shows_in_list_and_detail_with_cursor_and_filter_kept(
    desk: tuple[Engine, Engine, int],
) -> None:
    engine, colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        screen.set_filter(ClaimFilter(kind="quote"))
        await settle(pilot)
        table = screen.query_one(ClaimTable)
        row_before = table.cursor_row
        assert table.current_claim_id == claim.id and row_before > 0
        with session_scope(colleague) as session:
            verdicts.set_verdict(session, claim.id, "false", rationale="Kein Beleg.", actor=COLLEAGUE)
            verdicts.add_note(session, claim.id, "Pressestelle angefragt", actor=COLLEAGUE)

        pane = screen.query_one(ClaimDetailPane)
        await wait_until(
            pilot, lambda: pane.detail is not None and [n.body for n in pane.detail.notes] == ["Pressestelle angefragt"]
        )
        assert pane.detail is not None and pane.detail.claim.verdict is not None
        assert pane.detail.claim.verdict.rating == "false"
        assert str(table.get_cell(str(claim.id), "status")) == RATING_GLYPHS["false"]  # the compact status column
        assert "Kein Beleg." in str(pane.query_one("#body-verdict", Static).render())
        assert (table.current_claim_id, table.cursor_row) == (claim.id, row_before)
        assert screen.claim_filter == ClaimFilter(kind="quote")
        assert f"#{claim.id} changed by {COLLEAGUE}: added a note" in notices(app)


@pytest.mark.anyio
async def test_a_claim_a_colleague_adds_above_leaves_the_cursor_row_where_it_was_on_screen(
    desk: tuple[Engine, Engine, int],
) -> None:
    engine, colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        table = screen.query_one(ClaimTable)
        table.focus()
        # Down to the last claim (the list scrolls), then up a few: the cursor in the middle of the view.
        await pilot.press(*["down"] * (table.row_count - 1), "up", "up", "up")
        await settle(pilot)
        last, row, rows = table.current_claim_id, table.cursor_row, table.row_count
        on_screen = table.cursor_row - table.scroll_y
        assert table.scroll_y > 0 and on_screen < table.size.height - 4
        with session_scope(colleague) as session:
            editing.add_claim(session, article_id, 0, 40, actor=COLLEAGUE)
        await wait_until(pilot, lambda: table.row_count == rows + 1)
        await settle(pilot)
        assert table.current_claim_id == last == screen.current_claim_id
        assert table.cursor_row == row + 1 and table.cursor_row - table.scroll_y == on_screen


@pytest.mark.anyio
async def test_the_article_list_shows_a_colleagues_import_and_keeps_cursor_and_search(
    desk: tuple[Engine, Engine, int],
) -> None:
    engine, colleague, article_id = desk
    app = app_for(engine)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ArticleTable)
        assert table.current_article_id == article_id
        await pilot.press("slash", *"Putin")
        await wait_until(pilot, lambda: app.screen.search == "Putin")  # type: ignore[attr-defined]
        await settle(pilot)
        assert table.row_count == 1
        body = "Putin und Trump telefonieren erneut\n\nDas Gespräch dauerte zwei Stunden."
        doc = prepare_document(body.encode(), name="neu.txt")
        with session_scope(colleague) as session:
            articles.import_document(session, doc, origin="neu.txt", actor=COLLEAGUE)
        await wait_until(pilot, lambda: table.row_count == 2)
        await settle(pilot)
        assert table.current_article_id == article_id
        assert app.screen.query_one("#search", Input).value == "Putin"
        assert f"Changed by {COLLEAGUE}: imported the article" in notices(app)


@pytest.mark.anyio
async def test_text_typed_in_the_filter_dialog_survives_a_refresh_behind_it(desk: tuple[Engine, Engine, int]) -> None:
    engine, colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FilterModal))
        await pilot.press(*"Filip")
        with session_scope(colleague) as session:
            verdicts.set_verdict(session, claim.id, "false", rationale="Kein Beleg.", actor=COLLEAGUE)
        await wait_until(pilot, lambda: any("changed by" in m for m in notices(app)))
        await settle(pilot)
        await pilot.press(*"enko", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.claim_filter.text == "Filipenko"
        assert screen.query_one(ClaimTable).current_claim_id == claim.id
        assert [r.id for r in screen.visible_rows] == [claim.id]
        assert screen.visible_rows[0].verdict is not None


@pytest.mark.anyio
async def test_a_claim_merged_away_by_a_colleague_hands_the_cursor_to_the_merged_claim(
    desk: tuple[Engine, Engine, int],
) -> None:
    engine, colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        ids = [r.id for r in screen.all_rows]
        before = ids[ids.index(claim.id) - 1]
        with session_scope(colleague) as session:  # the claim before absorbs the one being read
            editing.merge_with_next(session, before, actor=COLLEAGUE)
        await wait_until(pilot, lambda: claim.id not in [r.id for r in screen.all_rows])
        await settle(pilot)
        assert screen.current_claim_id == before == screen.query_one(ClaimTable).current_claim_id
        pane = screen.query_one(ClaimDetailPane)
        assert pane.detail is not None and pane.detail.claim.id == before
        assert LEERE in pane.detail.claim.text


@pytest.mark.anyio
async def test_a_claim_that_leaves_the_filter_stays_under_the_cursor(desk: tuple[Engine, Engine, int]) -> None:
    engine, colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        screen.set_filter(ClaimFilter(status="open"))
        await settle(pilot)
        with session_scope(colleague) as session:  # checked now: no longer "open"
            verdicts.set_verdict(session, claim.id, "false", rationale="Kein Beleg.", actor=COLLEAGUE)
        table = screen.query_one(ClaimTable)
        await wait_until(pilot, lambda: table.rows_by_id[claim.id].verdict is not None)
        await settle(pilot)
        assert table.current_claim_id == claim.id == screen.current_claim_id
        assert screen.claim_filter.status == "open"


@pytest.mark.anyio
async def test_an_open_note_dialog_keeps_its_text_says_what_changed_and_asks_before_saving(
    desk: tuple[Engine, Engine, int],
) -> None:
    engine, colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteModal))
        await pilot.press(*"Zitat im Original")
        with session_scope(colleague) as session:
            verdicts.set_verdict(session, claim.id, "false", rationale="Kein Beleg.", actor=COLLEAGUE)
        dialog = app.screen
        assert isinstance(dialog, NoteModal)
        await wait_until(pilot, lambda: dialog.changed_meanwhile)
        line = str(changed_line(app).render())
        assert f"Changed meanwhile by {COLLEAGUE}: verdict: false." in line and "Saving asks first" in line
        assert changed_line(app).display
        await pilot.press(*" suchen")  # typing goes on in the same field
        assert dialog.query_one("#body", TextArea).text == "Zitat im Original suchen"

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")  # not now: back to the dialog, text kept, nothing saved
        await wait_until(pilot, lambda: app.screen is dialog)
        assert dialog.query_one("#body", TextArea).text == "Zitat im Original suchen"
        assert detail(engine, claim.id).notes == []

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")  # knowingly over the colleague's verdict
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await settle(pilot)
    stored = detail(engine, claim.id)
    assert [n.body for n in stored.notes] == ["Zitat im Original suchen"]
    assert stored.claim.verdict is not None and stored.claim.verdict.checker == COLLEAGUE


@pytest.mark.anyio
async def test_a_verdict_dialog_hears_of_a_colleagues_note_and_saves_without_asking(
    desk: tuple[Engine, Engine, int],
) -> None:
    """A note leaves the claim's version: the dialog says so, but there is nothing to save over."""
    engine, colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, VerdictModal))
        await settle(pilot)
        await pilot.press("down", "enter", *"Nur eine Meinung")
        with session_scope(colleague) as session:
            verdicts.add_note(session, claim.id, "Bitte Quelle prüfen", actor=COLLEAGUE)
        await wait_until(pilot, lambda: changed_line(app).display)
        line = str(changed_line(app).render())
        assert f"by {COLLEAGUE}: added a note." in line and "asks" not in line
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await settle(pilot)
    verdict = detail(engine, claim.id).claim.verdict
    assert verdict is not None and verdict.rationale == "Nur eine Meinung"


@pytest.mark.anyio
async def test_the_review_dialog_shows_the_verdict_a_colleague_gave_meanwhile(
    desk: tuple[Engine, Engine, int],
) -> None:
    """What a review signs off is what the dialog shows: a colleague's new verdict replaces the old one in
    it, and approving it asks first."""
    engine, colleague, article_id = desk
    claim = claim_with(engine, article_id, LEERE)
    with session_scope(colleague) as session:
        verdicts.set_verdict(session, claim.id, "misleading", rationale="Meinung, keine Tatsache.", actor=COLLEAGUE)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewModal))
        dialog = app.screen
        assert isinstance(dialog, ReviewModal)
        await pilot.press("down", "enter", *"passt")
        with session_scope(colleague) as session:
            verdicts.set_verdict(session, claim.id, "false", rationale="Frei erfunden.", actor="ben")
        summary = dialog.query_one("#review-verdict", Static)
        await wait_until(pilot, lambda: "Frei erfunden." in str(summary.render()))
        assert "by ben: verdict: false." in str(changed_line(app).render())
        assert dialog.query_one("#review-comment", TextArea).text == "passt"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await settle(pilot)
    verdict = detail(engine, claim.id).claim.verdict
    assert verdict is not None
    assert (verdict.rating, verdict.checker, verdict.review_state) == ("false", "ben", "approved")


@pytest.mark.anyio
async def test_a_burst_of_colleagues_writes_comes_as_a_few_notices_and_ends_on_the_last_state(
    desk: tuple[Engine, Engine, int],
) -> None:
    engine, colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        for n in range(40):  # as a script or a bulk tool writes: one transaction each
            with session_scope(colleague) as session:
                verdicts.add_note(session, claim.id, f"Notiz {n}", actor=COLLEAGUE)
        await caught_up(pilot, engine)
        pane = app.screen.query_one(ClaimDetailPane)
        await wait_until(pilot, lambda: pane.detail is not None and len(pane.detail.notes) == 40)
        said = [m for m in notices(app) if "changed by" in m]
        assert 1 <= len(said) <= 8, said


@pytest.mark.anyio
async def test_own_writes_make_no_changed_by_notice(desk: tuple[Engine, Engine, int]) -> None:
    engine, _colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("n", *"eigene Notiz", "ctrl+s")
        await wait_until(pilot, lambda: bool(detail(engine, claim.id).notes))
        await caught_up(pilot, engine)
        assert not [m for m in notices(app) if "changed by" in m]


@pytest.mark.anyio
async def test_the_cli_in_another_process_shows_in_the_german_workbench(desk: tuple[Engine, Engine, int]) -> None:
    engine, _colleague, article_id = desk
    url = engine.url.render_as_string(hide_password=False)
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("l")
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "FACTCHECK_USER": "ben"}
        subprocess.run(
            [sys.executable, "-m", "factcheck", "note", str(claim.id), "Zitat steht so im Interview", "--db", url],
            check=True,
            env=env,
            capture_output=True,
            timeout=60,
        )
        pane = app.screen.query_one(ClaimDetailPane)
        await wait_until(pilot, lambda: pane.detail is not None and len(pane.detail.notes) == 1, timeout=20)
        assert f"#{claim.id} von ben geändert: Notiz hinzugefügt" in notices(app)
        assert "Zitat steht so im Interview" in str(pane.query_one("#body-notes", Static).render())


@pytest.mark.anyio
async def test_control_characters_in_a_colleagues_name_do_not_reach_the_terminal(
    desk: tuple[Engine, Engine, int],
) -> None:
    engine, colleague, article_id = desk
    claim = claim_with(engine, article_id, LEERE)
    # An old row written before names were cleaned on input: straight into the table.
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        with session_scope(colleague) as session:
            verdicts.add_note(session, claim.id, "x", actor="anna")
            session.flush()
            session.execute(text("UPDATE event SET actor = :a WHERE action = 'note.add'"), {"a": "an\x1b]0;pwn\x07na"})
        await wait_until(pilot, lambda: any("changed by" in m for m in notices(app)))
        said = [m for m in notices(app) if "changed by" in m]
        assert said and all("\x1b" not in m and "\x07" not in m for m in said)
        assert "\\x1b" in said[0]


@pytest.mark.anyio
async def test_the_app_quits_at_once_and_its_watcher_ends(desk: tuple[Engine, Engine, int]) -> None:
    engine, _colleague, article_id = desk
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await caught_up(pilot, engine)
        await pilot.press("q")
    assert app.watcher is not None
    app.watcher.join(timeout=2)
    assert not app.watcher._thread.is_alive()


def test_a_watcher_on_a_database_that_is_not_there_says_so_once_and_stops_at_once() -> None:
    from tests.conftest import postgres_available

    if not postgres_available():
        pytest.skip("PostgreSQL on 127.0.0.1:5432 not reachable")
    posted: list[object] = []
    watcher = ChangeWatcher(create_engine("postgresql+psycopg://postgres@127.0.0.1:9/test"), posted.append)
    watcher.start()
    deadline = 10.0
    import time

    started = time.monotonic()
    while not posted and time.monotonic() - started < deadline:
        time.sleep(0.05)
    watcher.stop()
    watcher.join(timeout=2)
    assert not watcher._thread.is_alive()
    assert len([p for p in posted if isinstance(p, WatchTrouble)]) == 1
    assert isinstance(posted[0], WatchTrouble) and posted[0].error


@pytest.mark.anyio
async def test_a_dropped_listen_connection_is_said_and_recovered(desk: tuple[Engine, Engine, int]) -> None:
    engine, colleague, article_id = desk
    if engine.dialect.name != "postgresql":
        pytest.skip("the LISTEN connection is PostgreSQL's")
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await caught_up(pilot, engine)
        with colleague.connect() as conn:  # the server ends the workbench's listening session
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE query LIKE 'LISTEN%' AND query LIKE '%' || :channel || '%'"
                ),
                {"channel": changes_channel(colleague)},
            )
            conn.commit()
        await wait_until(pilot, lambda: any(m.startswith("Live updates paused") for m in notices(app)), timeout=15)
        await wait_until(pilot, lambda: "Live updates resumed" in notices(app), timeout=15)
        with session_scope(colleague) as session:
            verdicts.add_note(session, claim.id, "nach dem Ausfall", actor=COLLEAGUE)
        pane = app.screen.query_one(ClaimDetailPane)
        await wait_until(pilot, lambda: pane.detail is not None and len(pane.detail.notes) == 1)


def changes_channel(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(text(f"SELECT {changes.CHANNEL_SQL}")).scalar())


def test_note_dialog_with_a_change_meanwhile_in_german_80x24(snap_compare, tmp_path: Path) -> None:
    """The note dialog at 80x24 in German, with what was typed and the line that says a colleague set a
    verdict meanwhile (the notification says it too)."""
    engine = create_store_engine(str(tmp_path / "claims.db"))
    colleague = create_store_engine(str(tmp_path / "claims.db"))
    article_id = import_seed(engine)

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        claim = await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("l", "n")
        await wait_until(pilot, lambda: isinstance(app.screen, NoteModal))
        await pilot.press(*"Zitat im Original suchen")
        app.clear_notifications()  # "labels now German" would time out sooner or later: not in the picture
        app.screen.query_one(TextArea).cursor_blink = False  # the wait below lasts a blink or two
        with session_scope(colleague) as session:
            verdicts.set_verdict(session, claim.id, "false", rationale="Kein Beleg.", actor=COLLEAGUE)
        await wait_until(pilot, lambda: app.screen.changed_meanwhile)  # type: ignore[attr-defined]
        await settle(pilot)

    try:
        assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(80, 24))
    finally:
        colleague.dispose()


@pytest.mark.anyio
async def test_a_store_replaced_under_the_workbench_is_reread_and_watched_from_its_own_log(tmp_path: Path) -> None:
    from factcheck.services.database import copy_database

    live, other = str(tmp_path / "live.db"), str(tmp_path / "other.db")
    engine = create_store_engine(live)
    article_id = import_seed(engine)
    claim = claim_with(engine, article_id, LEERE)
    for rating in ("false", "misleading", "true"):  # the open store's log runs ahead of the other's
        with session_scope(engine) as session:
            verdicts.set_verdict(session, claim.id, rating, rationale="x", actor=COLLEAGUE)
    import_seed(create_store_engine(other))
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_claim(pilot, engine, article_id, LEERE)
        await caught_up(pilot, engine)
        copy_database(other, live, actor=COLLEAGUE, replace=True)  # a colleague replaces the store
        await caught_up(pilot, engine)
        colleague = create_store_engine(live)
        with session_scope(colleague) as session:  # an event id below the old log's newest
            verdicts.add_note(session, claim.id, "nach dem Ersetzen", actor=COLLEAGUE)
        colleague.dispose()
        pane = app.screen.query_one(ClaimDetailPane)
        await wait_until(
            pilot, lambda: pane.detail is not None and [n.body for n in pane.detail.notes] == ["nach dem Ersetzen"]
        )
        assert pane.detail is not None and pane.detail.claim.verdict is None  # the replaced store's state
    engine.dispose()
