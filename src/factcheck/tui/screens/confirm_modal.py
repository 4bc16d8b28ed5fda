"""A yes/no question, e.g. before discarding typed text or merging two claims."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from factcheck.tui.i18n import localize_bindings
from factcheck.tui.presentation import safe
from factcheck.tui.screens.once_modal import OnceModal


class ConfirmModal(OnceModal[bool]):
    """Returns True for yes, False for no or Escape."""

    AUTO_FOCUS = "#no"  # not a query in on_mount: a fast "y" may dismiss the dialog before it mounts

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", tooltip="Confirm"),
        Binding("n,escape", "answer(False)", "No", tooltip="Cancel"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No", language: str = "en") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm"):
            yield Label(safe(self.question), classes="question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error", compact=True)
                yield Button(f"{self.no} (n)", id="no", variant="primary", compact=True)

    def on_mount(self) -> None:
        localize_bindings(self, self.language)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
