"""The verdict picker: the DE/EN rating scale and a rationale, required for anything but "true"."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from factcheck.ratings import BY_KEY
from factcheck.tui.i18n import t
from factcheck.tui.presentation import RATING_COLOURS, RATING_GLYPHS, rating_choices
from factcheck.tui.screens.base_modal import GuardedModal


@dataclass(frozen=True)
class VerdictInput:
    rating: str  # a key of factcheck.ratings.SCALE
    rationale: str


def missing_rationale(value: VerdictInput) -> bool:
    # Same rule as services.verdicts.set_verdict, checked here so the text stays in the dialog.
    return value.rating != "true" and not value.rationale.strip()


class VerdictModal(GuardedModal[VerdictInput | None]):
    """Pick a rating (arrows, Enter jumps to the rationale), write why, Ctrl+S saves."""

    def __init__(
        self,
        claim_id: int,
        claim_text: str,
        *,
        language: str = "en",
        initial: VerdictInput | None = None,
        error: str | None = None,
    ) -> None:
        super().__init__()
        self.language = language
        self.claim_id = claim_id
        self.claim_text = claim_text
        self.initial = initial
        self.error = error
        self._stored: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog verdict", id="verdict-dialog"):
            yield from self.heading(t("verdict_title", self.language, id=self.claim_id), self.claim_text)
            # Each rating its own glyph as well as its colour: NO_COLOR terminals still tell them apart.
            options = [
                Option(Text.assemble((RATING_GLYPHS[r.key], RATING_COLOURS.get(r.key, "")), " ", label), id=r.key)
                for r, label in rating_choices(self.language)
            ]
            yield OptionList(*options, id="ratings")
            yield Label(t("rationale_label", self.language), classes="field-label")
            yield TextArea(self.initial.rationale if self.initial else "", id="rationale", soft_wrap=True)
            yield Static(self.error or "", id="verdict-error", classes="error")
            yield self.buttons()

    def on_mount(self) -> None:
        ratings = self.query_one("#ratings", OptionList)
        key = self.initial.rating if self.initial else None
        # The stored verdict is preselected; without one nothing is, so an untouched dialog saves nothing.
        ratings.highlighted = ratings.get_option_index(key) if key in BY_KEY else None
        ratings.focus()
        self.query_one("#verdict-error").display = bool(self.error)
        if self._stored is not None:
            self._preselect(self._stored)

    def show_stored(self, rating: str | None) -> None:
        """The verdict as stored right now (read after the dialog opened): preselect it, unless the
        user has already moved off the one the dialog opened with."""
        if not self.is_mounted:
            self._stored = rating  # applied in on_mount
        else:
            self._preselect(rating)

    def _preselect(self, rating: str | None) -> None:
        found = self.query("#ratings").results(OptionList)
        ratings = next(found, None)
        if ratings is None:  # the fresh read arrived while the dialog was still being built or already closing
            self._stored = rating
            return
        opened_with = self.initial.rating if self.initial else None
        opened_index = ratings.get_option_index(opened_with) if opened_with in BY_KEY else None
        if ratings.highlighted == opened_index and rating in BY_KEY:
            ratings.highlighted = ratings.get_option_index(rating)
            self.initial = VerdictInput(rating, self.initial.rationale if self.initial else "")

    @property
    def rating(self) -> str | None:
        """The rating chosen in the list, None while none is."""
        ratings = self.query_one("#ratings", OptionList)
        if ratings.highlighted is None:
            return None
        key = ratings.get_option_at_index(ratings.highlighted).id
        return key if key in BY_KEY else None

    @property
    def value(self) -> VerdictInput | None:
        """What Ctrl+S would save (the rationale as the text area holds it now), None without a rating."""
        rating = self.rating
        return None if rating is None else VerdictInput(rating, self.query_one("#rationale", TextArea).text)

    def has_unsaved_input(self) -> bool:
        typed = self.query_one("#rationale", TextArea).text.strip()
        return bool(typed) and typed != (self.initial.rationale.strip() if self.initial else "")

    def save(self) -> None:
        value = self.value
        if value is None:
            self.show_error("#verdict-error", t("choose_rating", self.language))
            self.query_one("#ratings", OptionList).focus()
            return
        if missing_rationale(value):
            label = BY_KEY[value.rating].label(self.language)
            self.show_error("#verdict-error", t("rationale_required", self.language, label=label))
            self.query_one("#rationale", TextArea).focus()
            return
        self.dismiss(VerdictInput(value.rating, value.rationale.strip()))

    @on(OptionList.OptionSelected, "#ratings")
    def _rating_chosen(self) -> None:
        self.query_one("#rationale", TextArea).focus()
