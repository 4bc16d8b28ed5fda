"""Writing a note, or rewording a claim: one text area, Ctrl+S saves, Escape asks before discarding."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from factcheck.tui.screens.base_modal import GuardedModal


class TextModal(GuardedModal[str | None]):
    """Returns the typed text (stripped, never empty) or None when cancelled."""

    empty_error = "Type something first."

    def __init__(self, title: str, *, context: str = "", text: str = "", error: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.context = context
        self.original = text
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

    def action_save(self) -> None:
        text = self.query_one("#body", TextArea).text.strip()
        if not text:
            self.show_error("#text-error", self.empty_error)
            return
        self.dismiss(text)


class NoteModal(TextModal):
    empty_error = "A note needs text."

    def __init__(self, claim_id: int, claim_text: str, *, text: str = "", error: str | None = None) -> None:
        super().__init__(f"Note on claim #{claim_id}", context=claim_text, text=text, error=error)
        self.original = ""  # a re-opened note after an error still counts as unsaved
        self._initial = text

    def on_mount(self) -> None:
        super().on_mount()
        if self._initial:
            self.query_one("#body", TextArea).text = self._initial
