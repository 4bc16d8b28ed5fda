"""External checked claims: file parsers and the publishers' rating-label table (pure)."""
