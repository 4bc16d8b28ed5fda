"""Exporting an article's verification report: format, file, language, which claims, notes, publisher.

The export runs in a worker while the dialog stays open ("Exporting…" once it takes a moment); on
success a notice names the written file and the dialog closes; on failure the error is a notice and
shows in the dialog, which keeps everything typed. Escape cancels, also during an export (nothing is
written then). Format, folder, language and publisher are remembered for the next dialog (tui/export.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static
from textual.worker import Worker, get_current_worker

from factcheck.errors import FactcheckError
from factcheck.report.model import FORMATS
from factcheck.tui.export import (
    REPORT_LANGUAGES,
    ExportDefaults,
    format_of,
    shown_path,
    target_path,
    with_format,
)
from factcheck.tui.i18n import error_text, localize_bindings, t
from factcheck.tui.presentation import short
from factcheck.tui.screens.once_modal import OnceModal

if TYPE_CHECKING:
    from factcheck.tui.app import FactcheckApp

BUSY_DELAY = 0.3  # seconds before "Exporting…" shows: a quick export should not flicker


def squeeze(text: str, width: int) -> str:
    """One line of at most `width` characters, cut in the middle: a path keeps its start and its file."""
    line = short(text, 10_000)
    if len(line) <= width:
        return line
    if width < 8:
        return line[: max(width - 1, 0)] + "…"
    head = (width - 1) // 3
    return line[:head] + "…" + line[len(line) - (width - 1 - head) :]


def squeeze_path(path: str, width: int) -> str:
    """A path in at most `width` characters: its folder whole while that leaves room, the name cut."""
    folder, sep, name = short(path, 10_000).rpartition("/")
    if sep and len(folder) + 1 + 16 <= width:
        return folder + sep + squeeze(name, width - len(folder) - 1)
    return squeeze(path, width)


def fitted(lang: str, key: str, name: str, value: str, width: int) -> str:
    """Catalogue text `key` with `value` (a path) squeezed so the whole line fits `width`."""
    room = width - len(t(key, lang, **{name: ""}))
    return t(key, lang, **{name: squeeze_path(value, max(room, 8))})


class MarkedCheckbox(Checkbox):
    """A checkbox whose state shows without colour too (NO_COLOR): "X" when ticked, blank when not.

    Textual's checkbox always shows an "X" and tells the states apart by colour alone."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        return super()._button


@dataclass(frozen=True)
class ExportRequest:
    article_id: int
    format: str
    path: Path
    lang: str
    only: str
    include_notes: bool
    publisher: str


class ExportModal(OnceModal[Path | None]):
    """Returns the written file, or None when cancelled."""

    AUTO_FOCUS = "#x-path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        # Not a priority binding: ctrl+s then waits behind the keys typed before it (see base_modal).
        Binding("ctrl+s", "export", "Export"),
    ]

    def __init__(
        self, article_id: int, title: str = "", *, language: str = "en", article_language: str | None = None
    ) -> None:
        super().__init__()
        self.article_id = article_id
        self.article_title = title
        self.language = language
        # A report speaks its article's language by default, as the CLI does; the remembered choice otherwise.
        self.article_language = article_language if article_language in REPORT_LANGUAGES else None
        self.defaults = ExportDefaults.load()
        self.exporting = False
        self._worker: Worker[None] | None = None
        self._busy_timer: Timer | None = None

    # -- building -------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.language
        d = self.defaults
        with Vertical(classes="dialog export-dialog"):
            yield Label(t("export.title", lang), classes="dialog-title")
            if self.article_title:
                yield Static(short(self.article_title, 300), classes="dialog-claim", markup=False)
            yield self._row(
                "export.field.format",
                Select(
                    [(t(f"export.format.{f}", lang), f) for f in FORMATS],
                    value=d.format,
                    allow_blank=False,
                    compact=True,
                    id="x-format",
                ),
            )
            yield self._row(
                "export.field.path",
                Input(d.initial_path(self.article_id, self.article_title, d.format), compact=True, id="x-path"),
            )
            yield self._row("", Static("", id="x-path-hint", classes="export-hint", markup=False), follows=True)
            yield self._row(
                "export.field.lang",
                Select(
                    [(t(f"export.lang.{code}", lang), code) for code in REPORT_LANGUAGES],
                    value=self.article_language or d.lang or (lang if lang in REPORT_LANGUAGES else "en"),
                    allow_blank=False,
                    compact=True,
                    id="x-lang",
                ),
            )
            yield self._row(
                "export.field.only",
                Select(
                    [(t("export.only.all", lang), "all"), (t("export.only.checked", lang), "checked")],
                    value="all",
                    allow_blank=False,
                    compact=True,
                    id="x-only",
                ),
            )
            yield self._row("", MarkedCheckbox(t("export.notes", lang), False, compact=True, id="x-notes"))
            yield self._row(
                "export.field.publisher",
                Input(
                    d.publisher,
                    placeholder=t("export.publisher_placeholder", lang),
                    compact=True,
                    id="x-publisher",
                ),
            )
            yield Static("", id="x-error", classes="error", markup=False)
            yield Static(t("export.busy", lang), id="x-busy", classes="export-busy", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("export.button", lang), id="export", variant="primary", compact=True)
                yield Button(t("cancel_button", lang), id="cancel", compact=True)

    def _row(self, label_key: str, widget: Widget, *, follows: bool = False) -> Horizontal:
        """A field with its label in front; `follows`: no gap above (a line belonging to the field above)."""
        label = Label(t(label_key, self.language) if label_key else "", classes="export-label", markup=False)
        return Horizontal(label, widget, classes="export-row -follows" if follows else "export-row")

    def on_mount(self) -> None:
        localize_bindings(self, self.language)
        self.query_one("#x-error").display = False
        self.query_one("#x-busy").display = False
        path = self.query_one("#x-path", Input)
        path.cursor_position = len(path.value)  # the file name, not the folder, is in view
        self.call_after_refresh(self._update_hint)  # once laid out: the hint knows its width

    # -- reading the fields ---------------------------------------------------------------------------

    @property
    def app_(self) -> FactcheckApp:
        return cast("FactcheckApp", self.app)

    def _selected(self, selector: str) -> str:
        return str(self.query_one(selector, Select).value)

    def _default_name(self, fmt: str) -> str:
        return self.defaults.file_name(self.article_id, self.article_title, fmt)

    def _target(self) -> Path | None:
        fmt = self._selected("#x-format")
        return target_path(self.query_one("#x-path", Input).value, fmt, self._default_name(fmt))

    @on(Select.Changed, "#x-format")
    def _format_changed(self, event: Select.Changed) -> None:
        """The file suffix follows the format (bericht.html → bericht.csv)."""
        field = self.query_one("#x-path", Input)
        changed = with_format(field.value, str(event.value))
        if changed != field.value:
            field.value = changed
            field.cursor_position = len(changed)
        self._update_hint()

    @on(Input.Changed, "#x-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """And the format follows a suffix typed by hand (bericht.csv → CSV), so the file holds what its
        name says."""
        typed = format_of(event.value.strip())
        formats = self.query_one("#x-format", Select)
        if typed is not None and typed != formats.value:
            formats.value = typed
        self._update_hint()

    def _update_hint(self) -> None:
        """Under the path: where the file goes (the field shows the end of a long path, this the folder),
        whether it replaces a file, or that its folder is missing."""
        hint = self.query_one("#x-path-hint", Static)
        lang = self.language
        width = hint.size.width or 60
        warn = False
        try:
            target = self._target()
            if target is None:
                text, warn = t("export.no_path", lang), True
            elif not target.parent.is_dir():
                text, warn = fitted(lang, "export.hint_no_folder", "folder", shown_path(target.parent), width), True
            else:
                typed = Path(self.query_one("#x-path", Input).value.strip()).expanduser()
                if typed.is_absolute() and typed == target:
                    key = "export.hint_replaces" if target.exists() else "export.hint_new"
                    text = fitted(lang, key, "folder", shown_path(target.parent), width)
                else:  # a relative path, a folder, a name without suffix: say which file it becomes
                    text = fitted(lang, "export.hint_writes", "path", shown_path(target), width)
        except (OSError, ValueError):  # a path the system refuses to look at: the export will say why
            text = ""
        hint.update(text)
        hint.set_class(warn, "-warning")

    def _request(self) -> ExportRequest | None:
        """The export asked for, or None after showing what is missing."""
        lang = self.language
        fmt = self._selected("#x-format")
        path = self._target()
        if path is None:
            self._show_error(t("export.no_path", lang), focus="#x-path")
            return None
        publisher = self.query_one("#x-publisher", Input).value.strip()
        if fmt == "claimreview" and not publisher:
            self._show_error(t("export.publisher_needed", lang), focus="#x-publisher")
            return None
        return ExportRequest(
            article_id=self.article_id,
            format=fmt,
            path=path,
            lang=self._selected("#x-lang"),
            only=self._selected("#x-only"),
            include_notes=self.query_one("#x-notes", Checkbox).value,
            publisher=publisher,
        )

    def _show_error(self, message: str, *, focus: str | None = None) -> None:
        error = self.query_one("#x-error", Static)
        error.update(short(message, 400))
        error.display = True
        if focus:
            self.query_one(focus).focus()

    # -- actions --------------------------------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def _submitted(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_dismiss_none()

    def action_export(self) -> None:
        if not self.accepting or self.exporting:  # a second Enter while the first export runs
            return
        if not self.is_mounted:  # ctrl+s right behind the key that opened the dialog
            self.call_after_refresh(self.action_export)
            return
        request = self._request()
        if request is None:
            return
        self.query_one("#x-error").display = False
        self._set_busy(True)
        self._worker = self._export(request)

    def action_dismiss_none(self) -> None:
        if not self.accepting:
            return
        if self.exporting and self._worker is not None:
            self._worker.cancel()  # the worker checks before it writes: nothing is written
            self.app.notify(t("export.cancelled", self.language), severity="warning", timeout=4)
        self.dismiss(None)

    def _set_busy(self, busy: bool) -> None:
        self.exporting = busy
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
        for button in self.query("#export").results(Button):
            button.disabled = busy
        busy_line = self.query_one("#x-busy")
        if busy:
            self._busy_timer = self.set_timer(BUSY_DELAY, lambda: setattr(busy_line, "display", self.exporting))
        else:
            busy_line.display = False

    # -- the export (a worker) ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, request: ExportRequest) -> None:
        from factcheck.report.render import ReportOptions
        from factcheck.services import reports
        from factcheck.store import session_scope

        worker = get_current_worker()
        lang = self.language
        path = request.path
        try:
            # Before the (possibly long) rendering: a missing folder is said at once, in words.
            if not path.parent.is_dir():
                folder = shown_path(path.parent)
                self._deliver(self._failed, t("export.no_folder", lang, path=shown_path(path), folder=folder))
                return
            options = ReportOptions(
                format=request.format,
                lang=request.lang,
                publisher=request.publisher or None,
                publisher_url=os.environ.get("FACTCHECK_PUBLISHER_URL") or None,
            )
            with session_scope(self.app_.engine) as session:
                text = reports.report_text(
                    session, request.article_id, options, only=request.only, include_notes=request.include_notes
                )
            if worker.is_cancelled:
                return
            written = reports.save_report(text, path)
        except FactcheckError as exc:
            self._deliver(self._failed, error_text(exc, lang))
            return
        except Exception:
            self._deliver(self._failed, None)  # the app reports the error itself (report_worker_failure)
            raise
        ExportDefaults.remember(
            article_id=request.article_id,
            path=written,
            fmt=request.format,
            lang=request.lang,
            publisher=request.publisher,
        )
        # ClaimReview holds the claims with a verdict only: an empty array is written, and said so.
        empty = request.format == "claimreview" and text.strip() == "[]"
        self._deliver(self._written, written, empty)

    def _deliver(self, callback: Callable[..., Any], *args: Any) -> None:
        """From the worker: run `callback` on the UI thread, unless the dialog was closed meanwhile."""

        def if_open() -> None:
            if self.is_attached and self.is_mounted and not self._answered:
                callback(*args)

        self.app.call_from_thread(if_open)

    def _written(self, path: Path, empty: bool = False) -> None:
        self._set_busy(False)
        if empty:
            self.app.notify(
                t("export.done_empty", self.language, path=shown_path(path)), severity="warning", timeout=10
            )
        else:
            self.app.notify(t("export.done", self.language, path=shown_path(path)), timeout=8)
        self.dismiss(path)

    def _failed(self, message: str | None) -> None:
        """The export did not happen: say why (a notice and in the dialog), keep every field as typed."""
        self._set_busy(False)
        if message is not None:
            self.app.notify(message, severity="error", timeout=8)
            self._show_error(message, focus="#x-path")
        self._update_hint()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker.StateChanged does not bubble: hand failures to the app, which turns them into notices
        self.app_.report_worker_failure(event)
