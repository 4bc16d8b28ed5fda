"""The entry point: check one source text against one claim's quotes, dates and numbers."""

from __future__ import annotations

from factcheck.evidence.dates import check_dates
from factcheck.evidence.model import ClaimEvidence, QuoteCheck, SourceCheck
from factcheck.evidence.normalise import normalise
from factcheck.evidence.numbers import check_numbers
from factcheck.evidence.quotes import check_quote


def check_source(claim: ClaimEvidence, source_text: str) -> SourceCheck:
    """Where `source_text` (a page's or document's plain text, German or English) shows the claim's
    quotes, dates and numbers, and how exactly.

    Pure and deterministic: no I/O. Offsets in the result are indices into `source_text`. An empty
    source finds nothing. A megabyte of source with ten quotes takes well under a second
    (`benchmarks/evidence_speed.py`). Rules: quotes.py (verbatim / differences / not-found),
    dates.py (by ISO value at the claim's precision), numbers.py (by value, rounding and unit).
    """
    quotes: tuple[QuoteCheck, ...] = ()
    if claim.quotes:
        source = normalise(source_text)
        quotes = tuple(check_quote(q, source) for q in claim.quotes)
    return SourceCheck(
        quotes=quotes,
        dates=check_dates(claim.dates, source_text),
        numbers=check_numbers(claim.numbers, source_text),
    )
