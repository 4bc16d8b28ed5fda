"""Adding a source URL to a claim; the fetch runs afterwards in a worker."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from factcheck.tui.screens.base_modal import GuardedModal


def looks_like_url(value: str) -> bool:
    # The service checks again; this keeps a typo in the dialog instead of in an error toast.
    return value.startswith(("http://", "https://")) and len(value) > len("https://x")


class InputModal(GuardedModal[str | None]):
    """One line of input; Enter or Ctrl+S submits."""

    placeholder = ""
    invalid_message = ""

    def __init__(self, title: str, *, context: str = "", value: str = "", error: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.context = context
        self.initial = value
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog input-dialog"):
            yield from self.heading(self.title_text, self.context)
            yield Input(self.initial, placeholder=self.placeholder, id="value")
            yield Static(self.error or "", id="input-error", classes="error")
            yield self.buttons("OK (enter)")

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()
        self.query_one("#input-error").display = bool(self.error)

    def is_valid(self, value: str) -> bool:
        return bool(value)

    def has_unsaved_input(self) -> bool:
        return bool(self.query_one("#value", Input).value.strip())

    def action_save(self) -> None:
        value = self.query_one("#value", Input).value.strip()
        if not self.is_valid(value):
            self.show_error("#input-error", self.invalid_message)
            return
        self.dismiss(value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()


class SourceModal(InputModal):
    placeholder = "https://…"
    invalid_message = "Enter an http(s) URL."

    def __init__(self, claim_id: int, claim_text: str, *, value: str = "", error: str | None = None) -> None:
        super().__init__(f"Add a source to claim #{claim_id}", context=claim_text, value=value, error=error)

    def is_valid(self, value: str) -> bool:
        return looks_like_url(value)
