"""External checked claims: file parsers and the publishers' rating-label table (pure, no I/O beyond reading one file)."""
