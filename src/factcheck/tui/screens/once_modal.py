"""The base of every dialog: it closes once, and only while it is the screen on top.

Textual's `Screen.dismiss()` pops whatever screen is on top, even when the dismissing dialog has already
gone: keys sent together (Enter Enter Enter, as a hurried user or a terminal paste sends them) queue a
second `OptionSelected`, `Input.Submitted` or `Button.Pressed` behind the first, and each answer used to
pop one more screen, down to a blank one with no bindings. Here a dialog answers once; every later
answer, and any input handled after it, is ignored.
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class OnceModal(ModalScreen[ResultT]):
    """Subclasses dismiss as usual; handlers that read the dialog's widgets check `accepting` first."""

    _answered = False

    @property
    def accepting(self) -> bool:
        """The dialog is on top and has not answered yet: its keys, buttons and lists may act."""
        return not self._answered and self.is_active

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if not self.accepting:
            return AwaitComplete.nothing()
        self._answered = True
        return super().dismiss(result)
