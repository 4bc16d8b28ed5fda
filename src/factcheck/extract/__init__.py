"""Claim extraction: pure functions from repaired article text to ExtractedClaim records."""

from factcheck.extract.engine import article_dateline, extract_claims
from factcheck.extract.model import DateMention, ExtractedClaim, Quantity, QuoteMention

__all__ = ["DateMention", "ExtractedClaim", "Quantity", "QuoteMention", "article_dateline", "extract_claims"]
