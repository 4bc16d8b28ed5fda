"""Evidence: whether a source shows what a claim says — its quotes, dates and numbers (issue 12).

Pure functions over plain data (no database, no network). The public API:

- `check_source(claim: ClaimEvidence, source_text: str) -> SourceCheck`
- `ClaimEvidence.from_fields(text, fields, language)`: from a stored claim's `fields` JSON
- `SourceCheck` (`quotes`, `dates`, `numbers`, `outcome`, `best_quote_score`, `to_dict`/`from_dict`)
  with `QuoteCheck`, `DateCheck`, `NumberCheck`; `DateRef`, `NumberRef` inside ClaimEvidence.

Modules: normalise.py (normalised text with an offset map back), quotes.py, dates.py, numbers.py,
units.py (unit groups), context.py (the words around a match), model.py, check.py.
"""

from factcheck.evidence.check import check_source
from factcheck.evidence.model import (
    DIFFERENCES,
    NO_QUOTE,
    NOT_FOUND,
    VERBATIM,
    ClaimEvidence,
    DateCheck,
    DateRef,
    NumberCheck,
    NumberRef,
    QuoteCheck,
    SourceCheck,
)

__all__ = [
    "DIFFERENCES",
    "NOT_FOUND",
    "NO_QUOTE",
    "VERBATIM",
    "ClaimEvidence",
    "DateCheck",
    "DateRef",
    "NumberCheck",
    "NumberRef",
    "QuoteCheck",
    "SourceCheck",
    "check_source",
]
