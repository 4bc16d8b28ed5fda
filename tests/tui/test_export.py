"""The export dialog: a verification report from the article screen or the article list, written in a
worker to the path typed; the choices remembered in the config folder; failures keep the dialog open."""

from __future__ import annotations

import csv
import json
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from textual.pilot import Pilot
from textual.widgets import Button, Input, Label, Select, Static

from factcheck.services import reviews as review_service
from factcheck.services import verdicts
from factcheck.store import session_scope
from factcheck.tui import settings
from factcheck.tui.commands import WorkbenchCommands
from factcheck.tui.export import ExportDefaults, format_of, known_suffix, slug, target_path, with_format
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.article_list import ArticleListScreen
from factcheck.tui.screens.export_modal import ExportModal, MarkedCheckbox, squeeze_path

from .conftest import ACTOR, app_for, claim_with, settle, wait_until
from .test_terminal_safety import CORPUS, assert_clean

pytestmark = pytest.mark.anyio

LEERE = "dröhnende Leere"
OVAL = "Oval Office"
TITLE_SLUG = "trump-und-putin-neues-telefonat-loest-sorgen-in-der-ukraine"


def give_verdict(engine: Engine, article_id: int) -> int:
    claim = claim_with(engine, article_id, LEERE)
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim.id, "false", rationale="Zitat nicht belegt", actor=ACTOR)
        verdicts.add_note(session, claim.id, "intern: <script>alert(1)</script>", actor=ACTOR)
    return claim.id


async def open_dialog(pilot: Pilot[None]) -> ExportModal:
    await settle(pilot)
    await pilot.press("E")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportModal))
    modal = pilot.app.screen
    assert isinstance(modal, ExportModal)
    await pilot.pause()
    return modal


def field(modal: ExportModal, selector: str) -> Input:
    return modal.query_one(selector, Input)


async def export_to(pilot: Pilot[None], modal: ExportModal, path: Path | str, *, key: str = "enter") -> None:
    field(modal, "#x-path").value = str(path)
    modal.query_one("#x-path", Input).focus()
    await pilot.pause()
    await pilot.press(key)
    await settle(pilot)


def notices(app: object) -> list[tuple[str, str]]:
    return [(str(n.message), n.severity) for n in app._notifications]  # type: ignore[attr-defined]


async def test_html_and_csv_exports_hold_the_claims_and_the_suffix_follows_the_format(
    engine: Engine, article_id: int, tmp_path: Path
) -> None:
    give_verdict(engine, article_id)
    out = tmp_path / "out"
    out.mkdir()
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_dialog(pilot)
        assert modal.article_id == article_id
        # prefilled: the title's slug, in the working directory, as HTML
        assert field(modal, "#x-path").value.endswith(f"{TITLE_SLUG}.html")
        await export_to(pilot, modal, out / "bericht.html")
        assert isinstance(app.screen, ArticleScreen)
        html = (out / "bericht.html").read_text(encoding="utf-8")
        assert LEERE in html and OVAL in html and "Zitat nicht belegt" in html
        assert "<script>alert" not in html  # notes are left out unless asked for
        assert any(m.startswith("Report written:") and "bericht.html" in m for m, _s in notices(app))

        modal = await open_dialog(pilot)
        assert field(modal, "#x-path").value == str(out / "bericht.html")  # remembered, same article
        assert "replaces" in str(modal.query_one("#x-path-hint", Static).render())
        modal.query_one("#x-format", Select).value = "csv"
        await pilot.pause()
        assert field(modal, "#x-path").value == str(out / "bericht.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    raw = (out / "bericht.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the umlauts
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    texts = " ".join(cell for row in rows[1:] for cell in row)
    assert LEERE in texts and OVAL in texts
    assert len(rows) > 5


async def test_the_path_and_choices_are_remembered_for_the_next_run(
    engine: Engine, article_id: int, tmp_path: Path, private_config: Path
) -> None:
    out = tmp_path / "berichte"
    out.mkdir()
    app = app_for(engine)  # the article list: the highlighted article is exported
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)
        modal = await open_dialog(pilot)
        assert modal.article_id == article_id
        modal.query_one("#x-format", Select).value = "md"
        modal.query_one("#x-lang", Select).value = "de"
        field(modal, "#x-publisher").value = "Faktencheck Team"
        await pilot.pause()
        await export_to(pilot, modal, out / "protokoll")  # no suffix: the format's is added
        assert isinstance(app.screen, ArticleListScreen)
    markdown = (out / "protokoll.md").read_text(encoding="utf-8")
    assert LEERE in markdown and "Bewertung" in markdown  # German headings: the language chosen
    stored = json.loads((private_config / "tui.json").read_text(encoding="utf-8"))["export"]
    assert stored["folder"] == str(out) and stored["format"] == "md" and stored["lang"] == "de"

    app = app_for(engine, article_id)  # a new run, on the article screen
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_dialog(pilot)
        assert field(modal, "#x-path").value == str(out / "protokoll.md")
        assert modal.query_one("#x-format", Select).value == "md"
        assert modal.query_one("#x-lang", Select).value == "de"
        assert field(modal, "#x-publisher").value == "Faktencheck Team"
        await pilot.press("escape")


async def test_a_missing_folder_is_a_notice_and_the_dialog_keeps_what_was_typed(
    engine: Engine, article_id: int, tmp_path: Path, private_config: Path
) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_dialog(pilot)
        field(modal, "#x-publisher").value = "Faktencheck"
        modal.query_one("#x-only", Select).value = "checked"
        missing = tmp_path / "fehlt" / "bericht.html"
        await export_to(pilot, modal, missing)
        assert app.screen is modal and not modal.exporting
        assert field(modal, "#x-path").value == str(missing)
        assert field(modal, "#x-publisher").value == "Faktencheck"
        assert modal.query_one("#x-only", Select).value == "checked"
        errors = [m for m, severity in notices(app) if severity == "error"]
        assert errors == [f"Cannot write {missing}: the folder {missing.parent} does not exist."]
        assert modal.query_one("#x-error").display
        # corrected, the same dialog exports
        await export_to(pilot, modal, tmp_path / "bericht.html")
        assert isinstance(app.screen, ArticleScreen)
    assert (tmp_path / "bericht.html").is_file()
    assert not missing.parent.exists()


async def test_escape_cancels_without_writing(
    engine: Engine, article_id: int, tmp_path: Path, private_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_dialog(pilot)
        assert field(modal, "#x-path").value.startswith(str(tmp_path))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    assert set(tmp_path.iterdir()) == before
    assert not private_config.exists()


async def test_a_long_export_shows_progress_and_escape_stops_it_before_writing(
    engine: Engine, article_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.services import reports

    release = threading.Event()
    real = reports.report_text

    def slow(*args: object, **kwargs: object) -> str:
        release.wait(10)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reports, "report_text", slow)
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_dialog(pilot)
        field(modal, "#x-path").value = str(tmp_path / "lang.html")
        await pilot.press("enter")
        await wait_until(pilot, lambda: modal.query_one("#x-busy").display)
        assert modal.exporting and modal.query_one("#export", Button).disabled
        assert "Exporting" in str(modal.query_one("#x-busy", Static).render())
        await pilot.press("enter")  # a second Enter while it runs starts nothing
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        release.set()
        await settle(pilot)
        assert ("Export cancelled; nothing written.", "warning") in notices(app)
    assert not (tmp_path / "lang.html").exists()


async def test_claimreview_asks_for_a_publisher_in_the_dialog(engine: Engine, article_id: int, tmp_path: Path) -> None:
    claim_id = give_verdict(engine, article_id)
    with session_scope(engine) as session:  # ClaimReview publishes approved verdicts only
        review_service.review_verdict(session, claim_id, "approve", actor="chefin")
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_dialog(pilot)
        modal.query_one("#x-format", Select).value = "claimreview"
        await export_to(pilot, modal, tmp_path / "cr.claimreview.json")
        assert app.screen is modal
        assert "needs a publisher" in str(modal.query_one("#x-error", Static).render())
        assert app.focused is field(modal, "#x-publisher")
        await pilot.press(*"Faktencheck", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
    reviews = json.loads((tmp_path / "cr.claimreview.json").read_text(encoding="utf-8"))
    assert "Faktencheck" in json.dumps(reviews, ensure_ascii=False)
    assert LEERE in json.dumps(reviews, ensure_ascii=False)


async def test_claimreview_without_any_verdict_says_the_file_is_empty(
    engine: Engine, article_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_PUBLISHER", "Faktencheck")  # prefilled from the environment
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_dialog(pilot)
        assert field(modal, "#x-publisher").value == "Faktencheck"
        await export_to(pilot, modal, tmp_path / "leer.claimreview.json")  # the suffix picks ClaimReview
        assert isinstance(app.screen, ArticleScreen)
        warnings = [m for m, severity in notices(app) if severity == "warning"]
        assert len(warnings) == 1 and "no claim has a verdict yet" in warnings[0]
    assert json.loads((tmp_path / "leer.claimreview.json").read_text(encoding="utf-8")) == []


async def test_a_hostile_title_shows_escaped_and_never_reaches_the_file_name(
    engine: Engine, article_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as session:
        statement = text("UPDATE article SET title = :x || ' Titel' WHERE id = :a")
        session.exec(statement, params={"x": CORPUS, "a": article_id})  # type: ignore[call-overload]
    monkeypatch.chdir(tmp_path)
    app = app_for(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_dialog(pilot)  # from the article list
        assert_clean(pilot, "export dialog")
        assert "\\x1b" in app.export_screenshot()
        path = field(modal, "#x-path").value
        assert path == str(tmp_path / "link-bold-titel.html")
        await pilot.press("enter")
        await settle(pilot)
        assert_clean(pilot, "notice")
    assert Path(path).is_file()


async def test_german_labels_key_and_palette_entry(engine: Engine, article_id: int) -> None:
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        names = [name for name, _help, _call in WorkbenchCommands(app.screen)._screen_commands()]
        assert "Bericht exportieren  (E)" in names
        modal = await open_dialog(pilot)
        words = {str(label.render()) for label in modal.query(Label)}
        assert {"Prüfbericht exportieren", "Datei", "Sprache", "Aussagen", "Herausgeber"} <= words
        assert str(modal.query_one("#export", Button).label) == "Exportieren (Strg+S)"
        assert modal.query_one("#x-lang", Select).value == "de"  # the label language
        assert "Notizen der Prüfer" in str(modal.query_one(MarkedCheckbox).label)
        seen = {b.binding.description for b in modal.active_bindings.values() if not b.binding.system}
        assert {"Abbrechen", "Bericht exportieren"} <= seen
        await pilot.press("escape")
        await pilot.press("escape")  # to the article list: the key and the palette entry are there too
        await settle(pilot)
        assert isinstance(app.screen, ArticleListScreen)
        names = [name for name, _help, _call in WorkbenchCommands(app.screen)._screen_commands()]
        assert "Bericht exportieren  (E)" in names


async def test_the_dialog_fits_80x24_and_marks_the_checkbox_without_colour(
    engine: Engine, article_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for(engine, article_id)
    async with app.run_test(size=(80, 24)) as pilot:
        modal = await open_dialog(pilot)
        screen = modal.region
        for selector in ("#x-format", "#x-path", "#x-lang", "#x-only", "#x-notes", "#x-publisher", "#export"):
            region = modal.query_one(selector).region
            assert region.height >= 1 and screen.contains_region(region), selector
        box = modal.query_one(MarkedCheckbox)
        assert "X" not in str(box.render()).split()[0]
        box.value = True
        await pilot.pause()
        assert str(box.render()).startswith("▐X▌")


async def test_a_corrupt_config_file_is_ignored_and_an_unwritable_one_does_not_stop_the_export(
    engine: Engine, article_id: int, tmp_path: Path, private_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private_config.mkdir()
    (private_config / "tui.json").write_bytes(b"\xff{not json")
    monkeypatch.chdir(tmp_path)
    app = app_for(engine, article_id)
    async with app.run_test(size=(120, 40)) as pilot:
        modal = await open_dialog(pilot)
        assert field(modal, "#x-path").value == str(tmp_path / f"{TITLE_SLUG}.html")
        assert modal.query_one("#x-format", Select).value == "html"
        # the config folder is a file now: nothing can be remembered, the report is written all the same
        monkeypatch.setenv("FACTCHECK_CONFIG_DIR", str(tmp_path / "config-file"))
        (tmp_path / "config-file").write_text("x")
        field(modal, "#x-path").value = str(tmp_path / "r.json")  # a suffix typed by hand picks the format
        await pilot.pause()
        assert modal.query_one("#x-format", Select).value == "json"
        await export_to(pilot, modal, tmp_path / "r.json")
        assert isinstance(app.screen, ArticleScreen)
        assert not app.unexpected.errors
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))


def test_odd_remembered_values_are_ignored_one_by_one(private_config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_PUBLISHER", "Aus der Umgebung")
    private_config.mkdir()
    for content in ("[]", '{"export": 3}', "", "null"):
        (private_config / "tui.json").write_text(content)
        assert ExportDefaults.load() == ExportDefaults(publisher="Aus der Umgebung")
    odd = {"format": "pdf", "folder": "relative/x", "lang": "fr", "publisher": "\x1b]0;x\x07", "name": "../a.md"}
    (private_config / "tui.json").write_text(json.dumps({"export": odd}))
    assert ExportDefaults.load() == ExportDefaults(publisher="Aus der Umgebung")
    assert settings.remember("export", {"publisher": "Redaktion"})
    assert ExportDefaults.load().publisher == "Redaktion"  # the last used value before the environment


def test_config_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("FACTCHECK_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert settings.settings_path() == tmp_path / "xdg" / "factcheck" / "tui.json"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative")  # invalid per the XDG spec: ignored
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert settings.settings_path() == tmp_path / "home" / ".config" / "factcheck" / "tui.json"


def test_file_names_and_suffixes(tmp_path: Path) -> None:
    assert slug("Trump und Putin: Neues Telefonat löst Sorgen in der Ukraine aus!", fallback="x") == TITLE_SLUG
    assert slug("Straße, Ärger & Café", fallback="x") == "strasse-aerger-cafe"
    assert slug("«»!?", fallback="article-7") == "article-7"
    assert known_suffix("a.claimreview.json") == ".claimreview.json" and known_suffix("a.txt") is None
    assert with_format("~/a.claimreview.json", "csv") == "~/a.csv"
    assert with_format("/x/a.md", "claimreview") == "/x/a.claimreview.json"
    assert with_format("/x/a", "csv") == "/x/a"
    assert (format_of("a.CSV"), format_of("a.claimreview.json"), format_of("a.json"), format_of("a")) == (
        "csv",
        "claimreview",
        "json",
        None,
    )
    assert target_path("  ", "md", "d.md") is None
    assert target_path("r", "csv", "d.csv", cwd=tmp_path) == tmp_path / "r.csv"
    assert target_path(str(tmp_path), "csv", "d.csv") == tmp_path / "d.csv"
    assert target_path("neu/", "csv", "d.csv", cwd=tmp_path) == tmp_path / "neu" / "d.csv"


def test_long_paths_keep_their_folder_and_the_end_of_the_name() -> None:
    name = "/tmp/berichte/" + "sehr-langer-titel-" * 5 + "ende.claimreview.json"
    short_form = squeeze_path(name, 50)
    assert len(short_form) == 50
    assert short_form.startswith("/tmp/berichte/sehr-") and short_form.endswith("ende.claimreview.json")
    assert "…" in short_form
    assert squeeze_path("/kurz/a.md", 50) == "/kurz/a.md"
    assert squeeze_path("/a/\x1b[2J.md", 50) == "/a/\\x1b[2J.md"  # shown escaped, never raw
