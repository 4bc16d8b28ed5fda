"""Modals that hold typed text: Escape asks before throwing the text away."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from factcheck.tui.presentation import short
from factcheck.tui.screens.confirm_modal import ConfirmModal

ResultT = TypeVar("ResultT")


class GuardedModal(ModalScreen[ResultT]):
    """Subclasses say whether there is unsaved input and implement `action_save`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Close; asks first when you typed something"),
        Binding("ctrl+s", "save", "Save", tooltip="Save and close", priority=True),
    ]

    def has_unsaved_input(self) -> bool:
        return False

    @staticmethod
    def heading(title: str, context: str = "") -> Iterator[Widget]:
        """The dialog's title and, dimmed, the claim it is about."""
        yield Label(title, classes="dialog-title")
        if context:
            yield Static(short(context, 300), classes="dialog-claim")

    @staticmethod
    def buttons(save: str = "Save (ctrl+s)") -> Horizontal:
        return Horizontal(
            Button(save, id="save", variant="primary", compact=True),
            Button("Cancel (esc)", id="cancel", compact=True),
            classes="buttons",
        )

    def show_error(self, selector: str, message: str) -> None:
        error = self.query_one(selector, Static)
        error.update(message)
        error.display = True

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def action_cancel(self) -> None:
        if not self.has_unsaved_input():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmModal("Discard what you typed?", yes="Discard", no="Keep editing"), answered)
