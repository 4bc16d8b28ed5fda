"""Rewording a claim: the statement under check, prefilled with the current text."""

from __future__ import annotations

from factcheck.tui.screens.note_modal import TextModal


class EditClaimModal(TextModal):
    empty_error = "A claim needs text."

    def __init__(self, claim_id: int, text: str, *, error: str | None = None, draft: str | None = None) -> None:
        super().__init__(f"Edit claim #{claim_id}", text=text, error=error)
        self._draft = draft

    def on_mount(self) -> None:
        super().on_mount()
        if self._draft is not None:
            self.query_one("#body").text = self._draft  # type: ignore[attr-defined]
