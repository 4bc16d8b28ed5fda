"""Rewording a claim: the statement under check, prefilled with the current text."""

from __future__ import annotations

from factcheck.tui.i18n import t
from factcheck.tui.screens.note_modal import TextModal


class EditClaimModal(TextModal):
    empty_error = "edit_empty"

    def __init__(
        self, claim_id: int, text: str, *, error: str | None = None, draft: str | None = None, language: str = "en"
    ) -> None:
        super().__init__(t("edit_title", language, id=claim_id), text=text, error=error, language=language)
        self._draft = draft

    def on_mount(self) -> None:
        super().on_mount()
        if self._draft is not None:
            self.query_one("#body").text = self._draft  # type: ignore[attr-defined]
