"""Choosing a claim status: open, in progress, checked, dismissed."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from factcheck.tui.i18n import localize_bindings, t
from factcheck.tui.presentation import STATUS_GLYPHS, STATUSES, status_label
from factcheck.tui.screens.once_modal import OnceModal


class StatusModal(OnceModal[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, claim_id: int, current: str, *, language: str = "en") -> None:
        super().__init__()
        self.claim_id = claim_id
        self.current = current
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog status-dialog"):
            yield Label(t("status_title", self.language, id=self.claim_id), classes="dialog-title", markup=False)
            yield OptionList(
                *(Option(f"{STATUS_GLYPHS[s]} {status_label(s, self.language)}", id=s) for s in STATUSES),
                id="statuses",
            )

    def on_mount(self) -> None:
        localize_bindings(self, self.language)
        options = self.query_one("#statuses", OptionList)
        options.highlighted = STATUSES.index(self.current) if self.current in STATUSES else 0
        options.focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
