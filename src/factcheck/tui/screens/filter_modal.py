"""Filtering the claim list by status, kind, speaker, verdict and free text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select

from factcheck.ratings import SCALE
from factcheck.tui.i18n import localize_bindings, t
from factcheck.tui.presentation import KIND_BADGES, STATUSES, kind_label, rating_label, short, status_label
from factcheck.tui.screens.once_modal import OnceModal


@dataclass(frozen=True)
class ClaimFilter:
    status: str | None = None
    kind: str | None = None
    speaker: str = ""
    rating: str | None = None
    text: str = ""
    checkworthy_only: bool = True

    @property
    def active(self) -> bool:
        return bool(self.status or self.kind or self.speaker or self.rating or self.text)

    def describe(self, lang: str = "en") -> str:
        parts = [
            f"{t(name, lang)}={short(shown, 40)}"
            for name, value, shown in (
                ("filter.status", self.status, status_label(self.status or "", lang)),
                ("filter.kind", self.kind, kind_label(self.kind or "", lang)),
                ("filter.speaker", self.speaker, self.speaker),
                ("filter.verdict", self.rating, rating_label(self.rating or "", lang)),
                ("filter.text", self.text, self.text),
            )
            if value
        ]
        if not self.checkworthy_only:
            parts.append(t("all_sentences", lang))
        return " · ".join(parts)


class FilterModal(OnceModal[ClaimFilter | None]):
    """Enter applies, Escape keeps the old filter, the Clear button resets everything."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        # Not a priority binding: ctrl+s then waits behind the keys typed before it (see base_modal).
        Binding("ctrl+s", "apply", "Apply"),
    ]

    def __init__(self, current: ClaimFilter, *, language: str = "en") -> None:
        super().__init__()
        self.current = current
        self.language = language

    def compose(self) -> ComposeResult:
        c = self.current
        lang = self.language
        with Vertical(classes="dialog filter-dialog"):
            yield Label(t("filter_title", lang), classes="dialog-title")
            with Horizontal(classes="filter-row"):
                yield Label(t("filter.status", lang), classes="filter-label")
                yield Select(
                    [(status_label(s, lang), s) for s in STATUSES],
                    value=c.status or Select.NULL,
                    id="f-status",
                    prompt=t("filter.any", lang),
                )
            with Horizontal(classes="filter-row"):
                yield Label(t("filter.kind", lang), classes="filter-label")
                yield Select(
                    [(kind_label(k, lang), k) for k in KIND_BADGES],
                    value=c.kind or Select.NULL,
                    id="f-kind",
                    prompt=t("filter.any", lang),
                )
            with Horizontal(classes="filter-row"):
                yield Label(t("filter.speaker", lang), classes="filter-label")
                yield Input(c.speaker, placeholder=t("filter.speaker_placeholder", lang), id="f-speaker")
            with Horizontal(classes="filter-row"):
                yield Label(t("filter.verdict", lang), classes="filter-label")
                yield Select(
                    [(r.label(lang), r.key) for r in SCALE],
                    value=c.rating or Select.NULL,
                    id="f-rating",
                    prompt=t("filter.any", lang),
                )
            with Horizontal(classes="filter-row"):
                yield Label(t("filter.text", lang), classes="filter-label")
                yield Input(c.text, placeholder=t("filter.text_placeholder", lang), id="f-text")
            yield Checkbox(t("filter.worthy_only", lang), c.checkworthy_only, id="f-worthy")
            with Horizontal(classes="buttons"):
                yield Button(t("apply_button", lang), id="apply", variant="primary", compact=True)
                yield Button(t("clear_button", lang), id="clear", compact=True)
                yield Button(t("cancel_button", lang), id="cancel", compact=True)

    def on_mount(self) -> None:
        localize_bindings(self, self.language)
        self.query_one("#f-text", Input).focus()

    def _value(self) -> ClaimFilter:
        def selected(widget_id: str) -> str | None:
            value = self.query_one(widget_id, Select).value
            return value if isinstance(value, str) else None

        return ClaimFilter(
            status=selected("#f-status"),
            kind=selected("#f-kind"),
            speaker=self.query_one("#f-speaker", Input).value.strip(),
            rating=selected("#f-rating"),
            text=self.query_one("#f-text", Input).value.strip(),
            checkworthy_only=self.query_one("#f-worthy", Checkbox).value,
        )

    def action_apply(self) -> None:
        if not self.accepting:  # a second Enter queued behind the first finds the dialog closing
            return
        if not self.is_mounted:  # Ctrl+S right behind the `f` that opened the dialog
            self.call_after_refresh(self.action_apply)
            return
        self.dismiss(self._value())

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#apply")
    def _apply(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#clear")
    def _clear(self) -> None:
        if self.accepting:
            self.dismiss(replace(ClaimFilter(), checkworthy_only=self.current.checkworthy_only))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
