"""Importing an article from a file path or URL from inside the workbench."""

from __future__ import annotations

from factcheck.tui.screens.source_modal import InputModal


class ImportModal(InputModal):
    placeholder = "path/to/article.txt or https://…"
    invalid_message = "Enter a file path or an http(s) URL."

    def __init__(self, *, value: str = "", error: str | None = None) -> None:
        super().__init__("Import an article (file or URL)", value=value, error=error)
