"""Checked-claim matching: text analysis, candidate retrieval and reranking (pure, no database).

Public API (import from the submodules; nothing heavy is loaded by importing this package):

- `normalize.analyze(text, language) -> list[str]`: the terms for indexing *and* querying.
- `bm25.MemoryIndex`: incremental BM25 (`add`, `add_terms`, `remove`, `search_terms`, `df`,
  `save`/`load` snapshots). Works the same on SQLite and PostgreSQL stores.
- `memory.ClaimMemory(fetch)`: MemoryIndex + `rerank` -> `search(text|Query, language, top)`.
- `fts.fts_document` / `fts.fts_query` / `fts.idf_from_df`: the SQLite FTS5 route.
- `rerank.rerank(query, candidates, language, idf=...) -> list[Match]` with
  `Match(id, score 0..1, matched_terms)`; `rerank.Query` carries optional speaker/date context.

Which route: production (services.memory.find_similar) is SQLite FTS5 with the IDF-pruned query
(query speaker token included) -> top 50 -> `rerank`; benchmarks/matching.py measures it next to
the in-process MemoryIndex. At 1M claims on one core: FTS5 (20k-postings budget) + rerank p50 30-36 ms,
p95 36-58 ms (noisy shared box); MemoryIndex + rerank p95 26-31 ms; a full rapidfuzz scan ~3.4 s.
"""
