"""Entry point of the extraction engine."""

from __future__ import annotations

from datetime import date

from factcheck.extract.model import ExtractedClaim
from factcheck.text.layout import Paragraph


def extract_claims(
    text: str,
    *,
    language: str = "de",
    paragraphs: list[Paragraph] | None = None,
    article_date: date | None = None,
) -> list[ExtractedClaim]:
    """Split repaired article text into claims; every claim's text == text[start:end]."""
    raise NotImplementedError  # being written (issue 4 engine)
