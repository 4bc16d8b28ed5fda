"""Checked-claim matching: text analysis, candidate retrieval and reranking (pure, no database)."""
