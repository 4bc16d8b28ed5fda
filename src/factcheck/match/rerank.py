"""Second stage: score a few dozen BM25 candidates with lexical, fuzzy and embedding features.

The combination is a linear scorer (weights in `model.py`, listwise loss, trained on the CLEF train
+ dev splits by `benchmarks/matching.py --train`, Platt-scaled), so `Match.score` is a probability in
0..1 that the candidate checks the same claim. Everything is CPU-only and offline.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from itertools import pairwise

import numpy as np
from rapidfuzz import fuzz

from factcheck.match import embed, model
from factcheck.match.normalize import analyze, stem, tokenize


@dataclass(frozen=True)
class Query:
    """What to look up; `speaker`/`date` (ISO) are optional context from the source document."""

    text: str
    language: str | None = None
    speaker: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A stored checked claim as retrieved by the first stage (FTS5 or MemoryIndex)."""

    id: Hashable
    text: str
    title: str | None = None
    language: str | None = None
    bm25: float = 0.0  # higher is better (negate SQLite's bm25())
    speaker: str | None = None
    date: str | None = None  # ISO date the checked claim was made/checked
    terms: tuple[str, ...] | None = None  # analysed text+title if the store keeps them
    speaker_claims: int = 0  # checked claims by the same speaker in the memory (0: unknown / none)


@dataclass(frozen=True)
class Match:
    id: Hashable
    score: float  # 0..1
    matched_terms: list[str] = field(default_factory=list)


FEATURES = (
    "bm25_rel",
    "bm25_norm",
    "recip_rank",
    "cover_claim",
    "cover_query",
    "cover_doc",
    "emb_text",
    "emb_title",
    "emb_rel",
    "fuzz_terms",
    "fuzz_title",
    "date_near",
    "date_after",
    "speaker",
    "cover_title",
    "bigrams",
    "query_len",
    "speaker_claims",
    "days_before",
    "days_after",
    "date_known",
)
# Per-list relative versions (rank reciprocal, gap to the best) of the strongest absolute features:
# "best of these 50" matters more than an absolute level that shifts with query length and topic.
RELATIVE = ("emb_rel", "cover_doc", "fuzz_terms", "cover_claim", "emb_text", "fuzz_title", "bigrams")
FEATURES = (
    *FEATURES,
    *(f"{name}_{kind}" for name in RELATIVE for kind in ("rank", "gap")),
)
_BASE = FEATURES.index("date_known") + 1
# Dated context (query and claim both dated: transcripts vs PolitiFact) vs undated (tweets vs
# Snopes) want different weights for the same evidence: these copies are non-zero only when dated.
# Picked by 5-fold cross-validation on train+dev (PolitiFact MAP@5 0.583 -> 0.594).
DATED = (
    "bm25_rel",
    "emb_rel",
    "cover_doc",
    "fuzz_terms",
    "cover_claim",
    "emb_text",
    "fuzz_title",
    "bigrams",
    "speaker_claims",
    "days_before",
    "date_near",
)
FEATURES = (*FEATURES, *(f"{name}_dated" for name in DATED))
_DATED = [FEATURES.index(name) for name in DATED]
_DATE_KNOWN = FEATURES.index("date_known")


def _parse_date(value: str | None) -> Date | None:
    if not value:
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def _surnames(name: str | None) -> set[str]:
    return {w for w in tokenize(name or "") if len(w) > 2}


@lru_cache(maxsize=65_536)
def _analyzed(text: str, language: str | None) -> tuple[str, ...]:
    """Candidate-side analysis, cached: the same stored claims come back for many queries."""
    return tuple(analyze(text, language))


def _weighted_cover(part: set[str], whole: set[str], idf: Callable[[str], float]) -> float:
    # fsum: exactly rounded whatever order the set yields its terms (that order changes with the hash seed),
    # so equal covers stay equal and their ranks (the *_rank features) do not flip from run to run
    total = math.fsum(idf(t) for t in whole)
    return math.fsum(idf(t) for t in whole & part) / total if total else 0.0


def features(
    query: Query,
    candidates: Sequence[Candidate],
    idf: Callable[[str], float] | None = None,
) -> tuple[np.ndarray, list[set[str]], list[str]]:
    """Feature matrix (len(candidates) x len(FEATURES)), common terms per candidate, query terms."""
    cache: dict[str, float] = {}

    def weight(term: str) -> float:  # idf is looked up once per term and query, not per candidate
        value = cache.get(term)
        if value is None:
            value = cache[term] = idf(term) if idf is not None else 1.0
        return value

    q_terms = analyze(query.text, query.language)
    q_set = set(q_terms)
    q_bigrams = set(pairwise(q_terms))  # word order: paraphrase shares phrases, topic doesn't
    q_norm = math.fsum(weight(t) for t in q_set) or 1.0
    best = max((c.bm25 for c in candidates), default=0.0) or 1.0
    q_text = " ".join(tokenize(query.text))
    q_date = _parse_date(query.date)
    q_speaker = _surnames(query.speaker)
    # Each distinct text is embedded once (several claims of one fact-check share its title).
    slot: dict[str, int] = {query.text: 0}
    for c in candidates:
        slot.setdefault(c.text, len(slot))
        slot.setdefault(c.title or c.text, len(slot))
    vectors = embed.embed(list(slot))
    sims = vectors @ vectors[0]
    emb_text = np.asarray([sims[slot[c.text]] for c in candidates], dtype=np.float64)
    emb_title = np.asarray([sims[slot[c.title or c.text]] for c in candidates], dtype=np.float64)
    emb_best = float(max(emb_text.max(initial=0.0), emb_title.max(initial=0.0))) or 1.0
    rows: list[list[float]] = []
    commons: list[set[str]] = []
    for i, c in enumerate(candidates):
        claim_list = _analyzed(c.text, c.language or query.language)
        title_list = _analyzed(c.title or "", c.language or query.language)
        claim_terms, title_terms = set(claim_list), set(title_list)
        doc_terms = set(c.terms) if c.terms is not None else claim_terms | title_terms
        c_bigrams = set(pairwise(claim_list)) | set(pairwise(title_list))
        common = q_set & doc_terms
        commons.append(common)
        c_date = _parse_date(c.date)
        if q_date and c_date:
            days = (c_date - q_date).days
            date_near, date_after = math.exp(-abs(days) / 60.0), 1.0 if days >= 0 else 0.0
            # log-days scale: a claim checked weeks before a debate is likelier than years before
            days_before, days_after = math.log1p(max(-days, 0)) / 8.0, math.log1p(max(days, 0)) / 8.0
            date_known = 1.0
        else:
            date_near = date_after = days_before = days_after = date_known = 0.0
        title = c.title or ""
        rows.append(
            [
                c.bm25 / best,
                c.bm25 / q_norm,
                1.0 / (1.0 + i),
                _weighted_cover(q_set, claim_terms, weight),
                _weighted_cover(doc_terms, q_set, weight),
                _weighted_cover(q_set, doc_terms, weight),
                float(emb_text[i]),
                float(emb_title[i]) if title else float(emb_text[i]),
                max(float(emb_text[i]), float(emb_title[i])) / emb_best,
                fuzz.token_set_ratio(" ".join(q_terms), " ".join(sorted(doc_terms))) / 100.0,
                fuzz.partial_ratio(" ".join(tokenize(title)), q_text) / 100.0 if title else 0.0,
                date_near,
                date_after,
                1.0 if q_speaker and q_speaker & _surnames(c.speaker) else 0.0,
                _weighted_cover(q_set, title_terms, weight),
                len(c_bigrams & q_bigrams) / (len(c_bigrams) or 1),
                math.log1p(len(q_set)),
                # prominence: debate sentences are mostly by politicians checked many times
                math.log1p(c.speaker_claims),
                days_before,
                days_after,
                date_known,
            ]
        )
    base = np.asarray(rows, dtype=np.float64).reshape(len(candidates), _BASE)
    return _with_relative(base), commons, q_terms


def _with_relative(x: np.ndarray) -> np.ndarray:
    extra = []
    for name in RELATIVE:
        column = x[:, FEATURES.index(name)]
        rank = np.argsort(np.argsort(-column, kind="stable"), kind="stable")
        extra.append(1.0 / (1.0 + rank))
        extra.append(column - (column.max() if len(column) else 0.0))
    x = np.hstack([x, np.asarray(extra).T.reshape(len(x), -1)])
    return np.hstack([x, x[:, _DATED] * x[:, _DATE_KNOWN][:, None]])


def score_features(x: np.ndarray) -> np.ndarray:
    """Linear score over standardised features (+ priors) -> Platt-scaled probability."""
    w = np.asarray(model.WEIGHTS, dtype=np.float64)
    mean = np.asarray(model.MEAN, dtype=np.float64)
    scale = np.asarray(model.SCALE, dtype=np.float64)
    z = ((x - mean) / scale) @ w + model.BIAS
    # Dated pairs get their own intercept (see model.DATED_BIAS): without it a dated context scored even
    # an identical claim near 0, though it ranked first.
    z = z + model.DATED_BIAS * x[:, _DATE_KNOWN]
    # Priors: raw-unit weights for features the training data cannot teach (see model.py).
    for name, prior in model.PRIORS.items():
        z = z + prior * x[:, FEATURES.index(name)]
    return 1.0 / (1.0 + np.exp(-z))


def rerank(
    query: str | Query,
    candidates: Sequence[Candidate],
    language: str | None = None,
    *,
    idf: Callable[[str], float] | None = None,
    top: int | None = None,
) -> list[Match]:
    """Candidates (in first-stage order, best first) re-scored and sorted; `score` in 0..1.

    `idf(term)` should come from the same collection as the candidates (FTS5 vocab / MemoryIndex);
    without it all terms weigh the same, which costs a few points of MAP.
    """
    q = query if isinstance(query, Query) else Query(query, language)
    if not candidates:
        return []
    x, commons, _ = features(q, candidates, idf)
    scores = score_features(x)
    order = np.argsort(-scores, kind="stable")
    if top is not None:
        order = order[:top]
    return [
        Match(candidates[i].id, float(scores[i]), matched_words(candidates[i], commons[i], q.language)) for i in order
    ]


_DATE_INDEX_TOKEN = re.compile(r"d\d{6}(?:\d\d)?")  # normalize._date_token's day and month tokens


def matched_words(candidate: Candidate, common: set[str], language: str | None) -> list[str]:
    """Surface words of the candidate whose analysed form also occurs in the query (for display)."""
    words: list[str] = []
    seen: set[str] = set()
    lang = candidate.language or language or "en"
    for word in tokenize(f"{candidate.text} {candidate.title or ''}"):
        if word in seen or _DATE_INDEX_TOKEN.fullmatch(word):
            continue  # ("d20241231", "d202412": the index's own date tokens, never shown to a checker)
        seen.add(word)
        if word in common or stem(word, lang) in common:
            words.append(word)
    return words
