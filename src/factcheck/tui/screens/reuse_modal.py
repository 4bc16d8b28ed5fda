"""Choosing which similar checked claim's verdict to take over for the current claim."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from factcheck.services.views import SimilarMatch
from factcheck.tui.i18n import localize_bindings, t
from factcheck.tui.presentation import RATING_COLOURS, match_label, short
from factcheck.tui.screens.once_modal import OnceModal
from factcheck.tui.widgets.claim.detail import similar_origin


class ReuseVerdictModal(OnceModal[int | None]):
    """Returns the checked-claim id whose verdict is reused, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss_none", "Cancel")]

    def __init__(self, claim_id: int, claim_text: str, matches: list[SimilarMatch], *, language: str = "en") -> None:
        super().__init__()
        self.claim_id = claim_id
        self.claim_text = claim_text
        self.matches = matches
        self.language = language

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog reuse-dialog"):
            yield Label(t("reuse_title", self.language, id=self.claim_id), classes="dialog-title", markup=False)
            yield Label(short(self.claim_text, 200), classes="dialog-claim", markup=False)
            yield OptionList(*(self._option(m) for m in self.matches), id="matches")
            yield Label(t("reuse_hint_dialog", self.language), classes="dialog-hint", markup=False)

    def _option(self, match: SimilarMatch) -> Option:
        prompt = Text.assemble(
            (f"{match.score:.0%} ", "bold"),
            (match_label(match, self.language), RATING_COLOURS.get(match.rating, "")),
            "  ",
            short(match.text, 120),
            (f"\n     {similar_origin(match, self.language)}", "dim"),
        )
        return Option(prompt, id=str(match.checked_id))

    def on_mount(self) -> None:
        localize_bindings(self, self.language)
        self.query_one("#matches", OptionList).focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)
