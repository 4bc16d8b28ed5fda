"""Writing a note, or rewording a claim: one text area, Ctrl+S saves, Escape asks before discarding."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static, TextArea

from factcheck.tui.presentation import short
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
            yield Label(self.title_text, classes="dialog-title")
            if self.context:
                yield Static(short(self.context, 300), classes="dialog-claim")
            yield TextArea(self.original, id="body", soft_wrap=True)
            yield Static(self.error or "", id="text-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

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
            error = self.query_one("#text-error", Static)
            error.update(self.empty_error)
            error.display = True
            return
        self.dismiss(text)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


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
