"""Writing a note, or rewording a claim: one text area, Ctrl+S saves, Escape asks before discarding."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from factcheck.tui.i18n import t
from factcheck.tui.presentation import control_pictures
from factcheck.tui.screens.base_modal import GuardedModal


class TextModal(GuardedModal[str | None]):
    """Returns the typed text (stripped, never empty) or None when cancelled."""

    empty_error = "type_something"  # a catalogue key

    def __init__(
        self, title: str, *, context: str = "", text: str = "", error: str | None = None, language: str = "en"
    ) -> None:
        super().__init__()
        self.language = language
        self.title_text = title
        self.context = context
        # Stored text in an editor: control characters become visible pictures (never raw to the terminal).
        self.original = control_pictures(text)
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog text-dialog"):
            yield from self.heading(self.title_text, self.context)
            yield TextArea(self.original, id="body", soft_wrap=True)
            yield Static(self.error or "", id="text-error", classes="error")
            yield self.buttons()

    def on_mount(self) -> None:
        body = self.query_one("#body", TextArea)
        body.focus()
        body.move_cursor(body.document.end)
        self.query_one("#text-error").display = bool(self.error)

    def has_unsaved_input(self) -> bool:
        return self.query_one("#body", TextArea).text.strip() != self.original.strip()

    def save(self) -> None:
        text = self.query_one("#body", TextArea).text.strip()
        if not text:
            self.show_error("#text-error", t(self.empty_error, self.language))
            return
        self.dismiss(text)


class NoteModal(TextModal):
    empty_error = "note_empty"

    def __init__(
        self, claim_id: int, claim_text: str, *, text: str = "", error: str | None = None, language: str = "en"
    ) -> None:
        title = t("note_title", language, id=claim_id)
        super().__init__(title, context=claim_text, text=text, error=error, language=language)
        self.original = ""  # a re-opened note after an error still counts as unsaved
        self._initial = text

    def on_mount(self) -> None:
        super().on_mount()
        if self._initial:
            self.query_one("#body", TextArea).text = self._initial
