"""The review dialog: approve or reject the claim's verdict, with a comment (required to reject)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from factcheck.services.views import ClaimView, VerdictView
from factcheck.tui.i18n import t
from factcheck.tui.presentation import RATING_COLOURS, rating_label, short
from factcheck.tui.screens.base_modal import GuardedModal

DECISIONS = ("approve", "reject")
# Glyph and colour of each answer, from the verdict scale's ends: NO_COLOR terminals still tell them apart.
_GLYPHS = {"approve": ("✓", RATING_COLOURS["true"]), "reject": ("✗", RATING_COLOURS["false"])}


@dataclass(frozen=True)
class ReviewInput:
    decision: str  # "approve" or "reject" (services.reviews.review_verdict)
    comment: str


def missing_comment(value: ReviewInput) -> bool:
    # Same rule as services.reviews.review_verdict, checked here so the comment stays in the dialog.
    return value.decision == "reject" and not value.comment.strip()


class ReviewModal(GuardedModal[ReviewInput | None]):
    """Shows the verdict under review; pick approve or reject (arrows, Enter jumps to the comment), Ctrl+S saves."""

    def __init__(
        self,
        claim_id: int,
        claim_text: str,
        verdict: VerdictView,
        *,
        language: str = "en",
        initial: ReviewInput | None = None,
        error: str | None = None,
    ) -> None:
        super().__init__()
        self.language = language
        self.claim_id = claim_id
        self.claim_text = claim_text
        self.verdict = verdict
        self.initial = initial
        self.error = error

    def compose(self) -> ComposeResult:
        lang = self.language
        with Vertical(classes="dialog review-dialog"):
            yield from self.heading(t("review_title", lang, id=self.claim_id), self.claim_text)
            yield Static(self._summary(), id="review-verdict", markup=False)
            options = [
                Option(Text.assemble((_GLYPHS[d][0], _GLYPHS[d][1]), " ", t(f"review.option.{d}", lang)), id=d)
                for d in DECISIONS
            ]
            yield OptionList(*options, id="decisions")
            yield Label(t("review_comment_label", lang), classes="field-label")
            yield TextArea(self.initial.comment if self.initial else "", id="review-comment", soft_wrap=True)
            yield Static(self.error or "", id="review-error", classes="error")
            yield self.buttons()

    def _summary(self) -> Text:
        """What is signed off: the rating, who gave it, and why (stored text, shortened, no markup)."""
        v, lang = self.verdict, self.language
        summary = Text.assemble(
            (rating_label(v.rating, lang), f"bold {RATING_COLOURS.get(v.rating, '')}".strip()),
            ("  " + t("review_of_checker", lang, who=short(v.checker, 60)), "dim"),
        )
        if v.rationale:
            summary.append("\n" + short(v.rationale, 300))
        return summary

    def claim_shown(self, claim: ClaimView) -> None:
        """The claim as read after a colleague changed it: show the verdict that a save would sign off."""
        if claim.verdict is not None and claim.verdict != self.verdict:
            self.verdict = claim.verdict
            for shown in self.query("#review-verdict").results(Static):
                shown.update(self._summary())

    def on_mount(self) -> None:
        decisions = self.query_one("#decisions", OptionList)
        chosen = self.initial.decision if self.initial else None
        # Nothing preselected unless the palette or a re-opened dialog chose: an untouched dialog saves nothing.
        decisions.highlighted = DECISIONS.index(chosen) if chosen in DECISIONS else None
        decisions.focus()
        self.query_one("#review-error").display = bool(self.error)

    @property
    def decision(self) -> str | None:
        decisions = self.query_one("#decisions", OptionList)
        if decisions.highlighted is None:
            return None
        key = decisions.get_option_at_index(decisions.highlighted).id
        return key if key in DECISIONS else None

    def has_unsaved_input(self) -> bool:
        typed = self.query_one("#review-comment", TextArea).text.strip()
        return bool(typed) and typed != (self.initial.comment.strip() if self.initial else "")

    def save(self) -> None:
        decision = self.decision
        if decision is None:
            self.show_error("#review-error", t("review_choose", self.language))
            self.query_one("#decisions", OptionList).focus()
            return
        value = ReviewInput(decision, self.query_one("#review-comment", TextArea).text.strip())
        if missing_comment(value):
            self.show_error("#review-error", t("review_comment_required", self.language))
            self.query_one("#review-comment", TextArea).focus()
            return
        self.dismiss(value)

    @on(OptionList.OptionSelected, "#decisions")
    def _decision_chosen(self) -> None:
        self.query_one("#review-comment", TextArea).focus()
