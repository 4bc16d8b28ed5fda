"""Reranking and the in-process ClaimMemory: scores in 0..1, matched words, German inflection."""

from __future__ import annotations

from factcheck.match.memory import ClaimMemory
from factcheck.match.rerank import Candidate, Query, rerank

GERMAN = [
    Candidate(1, "Die Regierung des Bundes lehnt den Antrag ab", language="de"),
    Candidate(2, "Der Bundesrat stimmt dem Gesetz zur Grundrente zu", language="de"),
    Candidate(3, "Die Landesregierung plant neue Windräder", language="de"),
    Candidate(4, "Die Stadt lehnt neue Radwege ab", language="de"),
]


def test_german_inflection_case_end_to_end() -> None:
    memory = ClaimMemory()
    memory.add_many(GERMAN)
    matches = memory.search("Bundesregierung lehnte ab", "de", top=3)
    assert matches[0].id == 1
    assert 0.0 <= matches[-1].score <= matches[0].score <= 1.0
    assert {"regierung", "bundes", "lehnt", "ab"} <= set(matches[0].matched_terms)


def test_incremental_add_is_searchable_at_once() -> None:
    memory = ClaimMemory()
    memory.add_many(GERMAN)
    memory.add(Candidate(9, "Impfstoffe verändern das menschliche Erbgut nicht", language="de"))
    assert memory.search("Verändert der Impfstoff unser Erbgut?", "de", top=1)[0].id == 9
    memory.remove(9)
    assert all(m.id != 9 for m in memory.search("Verändert der Impfstoff unser Erbgut?", "de"))


def test_rerank_prefers_paraphrase_over_topic_overlap() -> None:
    query = Query("Obama was born in Kenya, says a viral post", "en")
    candidates = [
        Candidate("topic", "Kenya's president visited the White House in 2015", bm25=9.0),
        Candidate("same", "Barack Obama was born in Kenya.", title="Was Obama Born in Kenya?", bm25=8.5),
    ]
    ranked = rerank(query, candidates)
    assert ranked[0].id == "same"
    assert ranked[0].score > ranked[1].score


def test_rerank_empty_and_scores_bounded() -> None:
    assert rerank("anything", []) == []
    out = rerank("tax cuts for the rich", [Candidate(i, f"claim number {i} about taxes") for i in range(5)])
    assert len(out) == 5 and all(0.0 <= m.score <= 1.0 for m in out)


def test_speaker_and_date_context_help() -> None:
    q = Query("We have the lowest unemployment rate in fifty years", "en", speaker="Donald Trump", date="2020-01-10")
    cands = [
        Candidate("other", "We have the lowest unemployment rate in 50 years", speaker="Some Mayor", date="2012-05-01"),
        Candidate(
            "same", "We have the lowest unemployment rate in 50 years", speaker="Donald Trump", date="2020-01-09"
        ),
    ]
    assert rerank(q, cands)[0].id == "same"


def test_matched_words_show_what_the_checker_wrote_not_the_index_date_tokens() -> None:
    memory = ClaimMemory()
    memory.add_many([Candidate(10, "Die Förderung endet am 31. Dezember 2024.", language="de"), *GERMAN])
    (best, *_) = memory.search("Die Förderung endet am 31. Dezember 2024.", "de", top=1)
    assert best.id == 10 and {"förderung", "endet"} <= set(best.matched_terms)
    assert not [w for w in best.matched_terms if w.startswith("d2024")]
