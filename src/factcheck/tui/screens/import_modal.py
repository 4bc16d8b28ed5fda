"""Importing an article from a file path or URL from inside the workbench."""

from __future__ import annotations

from factcheck.tui.i18n import t
from factcheck.tui.screens.source_modal import InputModal


class ImportModal(InputModal):
    placeholder = "import_placeholder"
    invalid_message = "import_invalid"

    def __init__(self, *, value: str = "", error: str | None = None, language: str = "en") -> None:
        super().__init__(t("import_title", language), value=value, error=error, language=language)
