"""Choosing which similar checked claim's verdict to take over for the current claim."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from factcheck.services.views import SimilarMatch
from factcheck.tui.presentation import RATING_COLOURS, rating_label, short
from factcheck.tui.widgets.claim.detail import similar_origin


class ReuseVerdictModal(ModalScreen[int | None]):
    """Returns the checked-claim id whose verdict is reused, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel", tooltip="Reuse nothing")]

    def __init__(self, claim_id: int, claim_text: str, matches: list[SimilarMatch], *, language: str = "en") -> None:
        super().__init__()
        self.claim_id = claim_id
        self.claim_text = claim_text
        self.matches = matches
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog reuse-dialog"):
            yield Label(f"Reuse a verdict for claim #{self.claim_id}", classes="dialog-title")
            yield Label(short(self.claim_text, 200), classes="dialog-claim")
            yield OptionList(*(self._option(m) for m in self.matches), id="matches")
            yield Label(
                "Enter copies the verdict as yours, linked to the original; Escape cancels.", classes="dialog-hint"
            )

    def _option(self, match: SimilarMatch) -> Option:
        prompt = Text.assemble(
            (f"{match.score:.0%} ", "bold"),
            (rating_label(match.rating, self.language), RATING_COLOURS.get(match.rating, "")),
            "  ",
            short(match.text, 120),
            (f"\n     {similar_origin(match)}", "dim"),
        )
        return Option(prompt, id=str(match.checked_id))

    def on_mount(self) -> None:
        self.query_one("#matches", OptionList).focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)
