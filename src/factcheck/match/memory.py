"""Checked-claim memory in process: BM25 candidates from `MemoryIndex`, then `rerank`.

The store owns the rows; this object only needs, per id, the text to rerank. Two ways to supply it:
- `fetch(ids) -> list[Candidate]` (the store's `SELECT ... WHERE id IN (...)`), or
- nothing: then `add` keeps the Candidate in a dict (tests, small collections, benchmarks).

Persistence: none of its own. On start the store streams `(id, terms)` from its table into
`add_many` (terms = the FTS column, already analysed: ~10 s per million claims), and afterwards
calls `add`/`remove` in the same transaction as the row change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence

from factcheck.match.bm25 import MemoryIndex, bm25_idf
from factcheck.match.normalize import analyze
from factcheck.match.rerank import Candidate, Match, Query, rerank

Fetch = Callable[[Sequence[Hashable]], Sequence[Candidate]]


class ClaimMemory:
    def __init__(self, fetch: Fetch | None = None, *, depth: int = 50) -> None:
        self.index = MemoryIndex()
        self._fetch = fetch
        self._own: dict[Hashable, Candidate] = {}
        self.depth = depth  # candidates handed to the reranker: recall@50 ≈ 0.97 on CLEF-2020 train

    def __len__(self) -> int:
        return len(self.index)

    def add(self, candidate: Candidate) -> None:
        terms = analyze(f"{candidate.text} {candidate.title or ''}", candidate.language)
        self.index.add_terms(candidate.id, terms)
        if self._fetch is None:
            self._own[candidate.id] = candidate

    def add_many(self, candidates: Iterable[Candidate]) -> None:
        for c in candidates:
            terms = analyze(f"{c.text} {c.title or ''}", c.language)
            self.index.add_terms(c.id, terms)
            if self._fetch is None:
                self._own[c.id] = c
        self.index.merge()

    def remove(self, doc_id: Hashable) -> None:
        self.index.remove(doc_id)
        self._own.pop(doc_id, None)

    def idf(self, term: str) -> float:
        return bm25_idf(self.index.df(term), max(len(self.index), 1))

    def search(
        self, text: str | Query, language: str | None = None, top: int = 10, *, min_score: float = 0.0
    ) -> list[Match]:
        query = text if isinstance(text, Query) else Query(text, language)
        hits = self.index.search_terms(analyze(query.text, query.language), self.depth)
        if not hits:
            return []
        ids = [doc_id for doc_id, _ in hits]
        bm25 = dict(hits)
        found = self._fetch(ids) if self._fetch is not None else [self._own[i] for i in ids if i in self._own]
        # The first-stage score travels with the candidate; order = BM25 order (a rerank feature).
        by_id = {c.id: c for c in found}
        candidates = [_with_bm25(by_id[i], bm25[i]) for i in ids if i in by_id]
        matches = rerank(query, candidates, idf=self.idf, top=top)
        return [m for m in matches if m.score >= min_score]


def _with_bm25(c: Candidate, score: float) -> Candidate:
    return Candidate(c.id, c.text, c.title, c.language, score, c.speaker, c.date, c.terms)
