"""The history of one claim, newest first: when, who, and what changed, in the label language.

The same entries and words as `factcheck history` (services.history, factcheck.history_words); read in
a worker, shown as plain text (stored text escaped, never markup). An undone event is dimmed and struck
through and says "undone" as well, so it reads the same without colour (NO_COLOR). Escape closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static
from textual.worker import Worker

from factcheck.errors import FactcheckError
from factcheck.history_words import CHANGE_PHRASES, pick
from factcheck.services.history import HistoryEntry, claim_history
from factcheck.store import session_scope
from factcheck.tui.i18n import error_text, localize_bindings, t
from factcheck.tui.presentation import relative_time, short
from factcheck.tui.screens.once_modal import OnceModal

if TYPE_CHECKING:
    from factcheck.tui.app import FactcheckApp


class HistoryModal(OnceModal[None]):
    """Everything that happened to claim `claim_id` (and the claims merged into it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        # A modal screen hides the app's keys; reading the history in the other language is still one key.
        Binding("l", "app.toggle_labels", "DE/EN", show=False),
    ]

    def __init__(self, claim_id: int, claim_text: str, *, language: str = "en") -> None:
        super().__init__()
        self.claim_id = claim_id
        self.claim_text = claim_text
        self.language = language
        self.entries: list[HistoryEntry] | None = None  # None until read

    @property
    def workbench(self) -> FactcheckApp:
        return cast("FactcheckApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog history-dialog"):
            yield Label(id="history-title", classes="dialog-title", markup=False)
            yield Static(short(self.claim_text, 300), classes="dialog-claim", markup=False)
            with VerticalScroll(id="history-scroll"):
                yield Static(id="history-events", markup=False)
            yield Label(id="history-order", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "labels", self._relabel, init=False)
        self._relabel(self.language)
        self.query_one("#history-scroll").focus()
        self.load()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load(self) -> None:
        try:
            with session_scope(self.workbench.engine) as session:
                entries = claim_history(session, self.claim_id)
        except FactcheckError as exc:
            self.app.call_from_thread(self._failed, error_text(exc, self.language))
            return
        self.app.call_from_thread(self._loaded, entries)

    def _loaded(self, entries: list[HistoryEntry]) -> None:
        if self.is_attached:
            self.entries = entries
            self._show()

    def _failed(self, message: str) -> None:
        self.notify(message, severity="error")
        if self.is_attached:
            self.entries = []
            self._show()

    def _relabel(self, language: str) -> None:
        self.language = language
        localize_bindings(self, language)
        self.query_one("#history-title", Label).update(t("history.title", language, id=self.claim_id))
        self.query_one("#history-order", Label).update(t("history.order", language))
        self._show()

    def _show(self) -> None:
        lang = self.language
        events = self.query_one("#history-events", Static)
        if self.entries is None:
            events.update(Text(t("history.loading", lang), style="dim italic"))
        elif not self.entries:
            events.update(Text(t("history.empty", lang), style="dim italic"))
        else:
            events.update(Text("\n").join(self._entry(e) for e in reversed(self.entries)))

    def _entry(self, entry: HistoryEntry) -> Text:
        """Two or more lines: when, who (and which claim, if one merged into this one); then each change."""
        lang = self.language
        head = Text.assemble((relative_time(entry.at, language=lang), "bold"), "  ", (short(entry.actor, 40), "italic"))
        if entry.claim_id is not None and entry.claim_id != self.claim_id:
            head.append(f"  · {t('history.of_claim', lang, id=entry.claim_id)}", style="dim")
        if entry.undone:
            head.append(f"  ({pick(CHANGE_PHRASES['undone'], lang)})", style="dim")
        style = "dim strike" if entry.undone else ""
        lines = [head, *(Text(f"  {short(line, 400)}", style=style) for line in entry.lines(lang))]
        return Text("\n").join(lines)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.workbench.report_worker_failure(event)
