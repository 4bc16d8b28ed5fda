"""Adding a source (a web address or a local file) to a claim; the fetch runs afterwards in a worker."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from factcheck.tui.i18n import t
from factcheck.tui.screens.base_modal import GuardedModal


def looks_like_source(value: str) -> bool:
    """An http(s) URL, a file: URL or a path (services.sources.source_address decides; this keeps an
    obvious typo in the dialog instead of in an error toast)."""
    if re.match(r"https?://", value, re.IGNORECASE):
        return len(value) > len("https://x")
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", value):  # another scheme (mailto:, ftp:) — a drive letter is one char
        return value.lower().startswith("file:")
    return bool(value)


class InputModal(GuardedModal[str | None]):
    """One line of input; Enter or Ctrl+S submits."""

    placeholder = ""  # catalogue keys
    invalid_message = ""

    def __init__(
        self, title: str, *, context: str = "", value: str = "", error: str | None = None, language: str = "en"
    ) -> None:
        super().__init__()
        self.language = language
        self.title_text = title
        self.context = context
        self.initial = value
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog input-dialog"):
            yield from self.heading(self.title_text, self.context)
            yield Input(
                self.initial, placeholder=t(self.placeholder, self.language) if self.placeholder else "", id="value"
            )
            yield Static(self.error or "", id="input-error", classes="error")
            yield self.buttons(t("ok_button", self.language))

    def on_mount(self) -> None:
        self.query_one("#value", Input).focus()
        self.query_one("#input-error").display = bool(self.error)

    def is_valid(self, value: str) -> bool:
        return bool(value)

    def has_unsaved_input(self) -> bool:
        return bool(self.query_one("#value", Input).value.strip())

    def save(self) -> None:
        value = self.query_one("#value", Input).value.strip()
        if not self.is_valid(value):
            self.show_error("#input-error", t(self.invalid_message, self.language))
            return
        self.dismiss(value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()


class SourceModal(InputModal):
    placeholder = "source_placeholder"
    invalid_message = "source_invalid"

    def __init__(
        self, claim_id: int, claim_text: str, *, value: str = "", error: str | None = None, language: str = "en"
    ) -> None:
        title = t("source_title", language, id=claim_id)
        super().__init__(title, context=claim_text, value=value, error=error, language=language)

    def is_valid(self, value: str) -> bool:
        return looks_like_source(value)
