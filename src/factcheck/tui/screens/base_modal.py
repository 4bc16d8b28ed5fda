"""Modals that hold typed text: Escape asks before throwing the text away."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

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
