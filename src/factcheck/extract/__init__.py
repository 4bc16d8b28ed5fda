"""Claim extraction: pure functions from repaired article text to ExtractedClaim records."""

from factcheck.extract.engine import extract_claims
from factcheck.extract.model import DateMention, ExtractedClaim, Quantity, QuoteMention

__all__ = ["DateMention", "ExtractedClaim", "Quantity", "QuoteMention", "extract_claims"]
