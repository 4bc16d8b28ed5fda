"""Checked-claim matching: text analysis, candidate retrieval and reranking (pure, no database).

Public API (import from the submodules; nothing heavy is loaded by importing this package):

- `normalize.analyze(text, language) -> list[str]`: the terms for indexing *and* querying.
- `bm25.MemoryIndex`: incremental BM25 (`add`, `add_terms`, `remove`, `search_terms`, `df`,
  `save`/`load` snapshots). Works the same on SQLite and PostgreSQL stores.
- `memory.ClaimMemory(fetch)`: MemoryIndex + `rerank` -> `search(text|Query, language, top)`.
- `fts.fts_document` / `fts.fts_query` / `fts.idf_from_df`: the SQLite FTS5 route.
- `rerank.rerank(query, candidates, language, idf=...) -> list[Match]` with
  `Match(id, score 0..1, matched_terms)`; `rerank.Query` carries optional speaker/date context.

Which route: benchmarks/matching.py measures both. At 1M claims the in-process MemoryIndex keeps
p95 under 20 ms including the rerank; FTS5 `ORDER BY bm25()` must score every row matching any
kept term and is several times slower there, so the store should use ClaimMemory for search and
may keep FTS5 only as a fallback / for ad-hoc SQL.
"""
