"""Modals that hold typed text: Escape asks before throwing the text away, Ctrl+S saves once.

Ctrl+S is not a priority binding on purpose: a priority binding runs when the app reads the key, ahead
of the keys typed just before it that still wait in the text field's queue, so a fast "text + ctrl+s"
saved without the text. As an ordinary binding it travels through the focused field like every other
key and acts after the field has taken the text typed before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from factcheck.tui.i18n import localize_bindings, t
from factcheck.tui.presentation import short
from factcheck.tui.screens.confirm_modal import ConfirmModal
from factcheck.tui.screens.once_modal import OnceModal

ResultT = TypeVar("ResultT")


class GuardedModal(OnceModal[ResultT]):
    """Subclasses say whether there is unsaved input and implement `save` (run at most once, and only
    while the dialog is on top: a second Enter or Ctrl+S queued behind the first does nothing)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    language: str = "en"

    def on_mount(self) -> None:
        # Textual calls on_mount of every class in the MRO, so subclasses need not call this.
        localize_bindings(self, self.language)

    def has_unsaved_input(self) -> bool:
        return False

    @staticmethod
    def heading(title: str, context: str = "") -> Iterator[Widget]:
        """The dialog's title and, dimmed, the claim it is about (stored text: escaped, no markup)."""
        yield Label(title, classes="dialog-title", markup=False)
        if context:
            yield Static(short(context, 300), classes="dialog-claim", markup=False)

    def buttons(self, save: str | None = None) -> Horizontal:
        return Horizontal(
            Button(save or t("save_button", self.language), id="save", variant="primary", compact=True),
            Button(t("cancel_button", self.language), id="cancel", compact=True),
            classes="buttons",
        )

    def show_error(self, selector: str, message: str) -> None:
        error = self.query_one(selector, Static)
        error.update(short(message, 400))
        error.display = True

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        if not self.accepting:
            return
        if not self.is_mounted:  # Ctrl+S right behind the key that opened the dialog: save once it is built
            self.call_after_refresh(self.action_save)
            return
        self.save()

    def save(self) -> None:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def action_cancel(self) -> None:
        if not self.accepting:
            return
        if not self.is_mounted:  # Escape right behind the key that opened the dialog: judge it once it is built
            self.call_after_refresh(self.action_cancel)
            return
        if not self.has_unsaved_input():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        lang = self.language
        modal = ConfirmModal(
            t("discard_question", lang), yes=t("discard", lang), no=t("keep_editing", lang), language=lang
        )
        self.app.push_screen(modal, answered)
