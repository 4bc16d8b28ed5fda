"""Modals that hold typed text: Escape asks before throwing the text away, Ctrl+S saves once.

A dialog about a claim knows the claim version its input is based on (`based_on`); when a colleague
changes the claim while it is open, the workbench tells it (`claim_changed`): a line under the heading
says who changed what, and when the version moved, the next save asks before it saves over that change.
Until then nothing is saved on a version the user has not seen; the services' version check catches the
moment between a colleague's commit and the workbench noticing it.

Ctrl+S is not a priority binding on purpose: a priority binding runs when the app reads the key, ahead
of the keys typed just before it that still wait in the text field's queue, so a fast "text + ctrl+s"
saved without the text. As an ordinary binding it travels through the focused field like every other
key and acts after the field has taken the text typed before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, Self, TypeVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from factcheck.services.views import ClaimView
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
    claim_id: int | None = None
    version: int | None = None
    """The claim version the input is based on: what a save passes as `expected_version`."""
    _newer_version: int | None = None  # a colleague's version the user has not agreed to save over yet
    _changed_text: str = ""  # the changed-meanwhile line, kept until the dialog is mounted
    _changed_by: tuple[str, str] = ("", "")  # who changed the claim and what, in words

    def on_mount(self) -> None:
        # Textual calls on_mount of every class in the MRO, so subclasses need not call this.
        localize_bindings(self, self.language)
        self._show_changed()

    def based_on(self, claim_id: int, version: int) -> Self:
        """The claim this dialog is about and the version it shows (chainable after the constructor)."""
        self.claim_id, self.version = claim_id, version
        return self

    def rebase(self, version: int) -> None:
        """The claim as read fresh right after the dialog opened: that is what the dialog shows."""
        self.version = version

    @property
    def changed_meanwhile(self) -> bool:
        """A colleague changed the claim's version since the dialog showed it, and the user was not asked yet."""
        return self._newer_version is not None

    def claim_changed(self, who: str, what: str, version: int | None) -> None:
        """Someone else changed this dialog's claim (`who` did `what`, both already in words): say so in
        the dialog; when the claim's version moved, the next save asks before saving over it."""
        if version is not None and self.version is not None and version != self.version:
            self._newer_version = version
        lang = self.language
        self._changed_by = (short(who, 40), short(what, 120))
        line = t("changed.line", lang, who=self._changed_by[0], what=self._changed_by[1])
        if self._newer_version is not None:
            line += " " + t("changed.asks", lang)
        self._changed_text = line
        self._show_changed()

    def claim_shown(self, claim: ClaimView) -> None:
        """The claim as read again after it changed (the workbench's detail reload); dialogs that show
        stored state (the review dialog's verdict) update it, the others keep what was typed."""

    def _show_changed(self) -> None:
        for line in self.query("#changed-meanwhile").results(Static):
            line.update(self._changed_text)
            line.display = bool(self._changed_text)

    def has_unsaved_input(self) -> bool:
        return False

    @staticmethod
    def heading(title: str, context: str = "") -> Iterator[Widget]:
        """The dialog's title and, dimmed, the claim it is about (stored text: escaped, no markup); then
        the line that says the claim changed meanwhile (hidden until it did)."""
        yield Label(title, classes="dialog-title", markup=False)
        if context:
            yield Static(short(context, 300), classes="dialog-claim", markup=False)
        yield Static("", id="changed-meanwhile", classes="changed-meanwhile", markup=False)

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
        if self._newer_version is not None:
            self._ask_to_save_over(self._newer_version)
            return
        self.save()

    def _ask_to_save_over(self, version: int) -> None:
        """The claim changed while the dialog was open: save over that change only when the user says so."""

        def answered(yes: bool | None) -> None:
            if not yes or self._newer_version is None:
                return
            if self._newer_version != version:  # changed once more while the question was open
                self._ask_to_save_over(self._newer_version)
                return
            self.version, self._newer_version = version, None
            self._changed_text = self._changed_text.replace(" " + t("changed.asks", self.language), "")
            self._show_changed()
            self.save()

        lang = self.language
        who, what = self._changed_by
        question = t("changed.question", lang, id=self.claim_id or "?", who=who, what=what)
        modal = ConfirmModal(question, yes=t("changed.save_anyway", lang), no=t("keep_editing", lang), language=lang)
        self.app.push_screen(modal, answered)

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
