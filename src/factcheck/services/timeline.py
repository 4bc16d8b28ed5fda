"""The timeline of an article (factcheck.timeline lays it out): its dated claims, and checked claims from
the memory that look like them, placed by the date they are about.

Plain SQL over a `store.reader.Reader` (as listing and search are), so `factcheck timeline` on a SQLite
file starts without the ORM and the workbench runs the same function on its session's connection.
"""

from __future__ import annotations

from factcheck.errors import NotFound
from factcheck.extract import article_dateline
from factcheck.extract.dates import find_dates
from factcheck.services import search
from factcheck.services.listing import list_claims
from factcheck.store.reader import Reader, datetime_value
from factcheck.timeline import MEMORY, Entry, Timeline, build_timeline, claim_entries, span_of

# A checked claim joins the memory lane when the reranker gives it at least this probability of being
# about the same claim as one of the article's dated claims. Lower than "the same claim" (the workbench's
# reuse offer): the lane shows related events, as the Helsinki summit beside the seed's meetings (0.39–0.59).
MEMORY_MIN_SCORE = 0.3
MEMORY_PER_CLAIM = 3
# ... and shares at least one word with it that says what happened: a date, a number or a word of time
# alone ("letzte", "erste", "2025") gave probabilities near 0.5 to unrelated checks of the same shape.
MEMORY_MIN_WORDS = 1
_TIME_WORDS = (
    "letzt",
    "jüngst",
    "erst",
    "bisher",
    "bislang",
    "derzeit",
    "aktuell",
    "zurzeit",
    "nie",
    "latest",
    "last",
    "first",
    "recent",
    "current",
    "never",
    "ever",
    "since",
    "seit",
)


def article_timeline(reader: Reader, article_id: int, *, memory: bool = True) -> Timeline:
    """The article's timeline; with `memory`, a second lane of checked claims that match its dated claims.

    The article's date (the marker) is the one its metadata or dateline gives, else the day it was
    imported. Raises NotFound for an unknown article.
    """
    found = reader.rows("SELECT published, created_at, language, text FROM article WHERE id = ?", (article_id,))
    if not found:
        raise NotFound(f"no article with id {article_id}")
    published, created_at, language, text = found[0]
    dateline = article_dateline(text)
    span = (dateline.start, dateline.end) if dateline else None
    imported = datetime_value(created_at)
    marker = published or (imported.date().isoformat() if imported else None)
    entries: list[Entry] = []
    for claim in list_claims(reader, article_id=article_id):
        rating = claim.verdict.rating if claim.verdict else None
        entries += claim_entries(
            claim.id,
            claim.text,
            claim.start,
            claim.dates,
            status=claim.status,
            rating=rating,
            time_cues=claim.time_cues,
            as_of=claim.as_of,
            reference=published,
            dateline=span,
        )
    if memory and entries:
        entries += memory_lane(reader, entries, language)
    return build_timeline(entries, marker, "article" if published else "import")


def memory_lane(reader: Reader, article_entries: list[Entry], language: str | None) -> list[Entry]:
    """Checked claims that match the article's dated claims, each placed by the first full date in its
    own text (the event it is about), else its claim date; checked claims with neither are left out."""
    lane: dict[int, Entry] = {}
    asked: set[int] = set()
    for entry in article_entries:
        if entry.claim_id is None or entry.claim_id in asked:
            continue
        asked.add(entry.claim_id)
        for match in search.find_similar(reader, entry.text, language=language, top=MEMORY_PER_CLAIM):
            if match.score < MEMORY_MIN_SCORE or match.checked_id in lane or match.claim_id is not None:
                continue  # the article's own verdicts are in the memory too: they are on the timeline already
            if len(_words(match.matched_terms)) < MEMORY_MIN_WORDS:
                continue  # "letzte" or "2025" alone makes no related event
            placed = _memory_entry(reader, match, entry.claim_id)
            if placed is not None:
                lane[match.checked_id] = placed
    return list(lane.values())


def _words(terms: list[str]) -> list[str]:
    """Matched words that say what happened: not dates ("d20250318"), numbers or words of time."""
    return [t for t in terms if t.isalpha() and len(t) > 2 and not t.casefold().startswith(_TIME_WORDS)]


def _memory_entry(reader: Reader, match: search.SimilarMatch, matched_claim: int) -> Entry | None:
    claim_date = reader.value("SELECT claim_date FROM checked_claim WHERE id = ?", (match.checked_id,))
    dated = [d for d in find_dates(match.text, 0, len(match.text), absolute_only=True) if d.value]
    value, words = (dated[0].value, dated[0].text) if dated else (claim_date, "")
    found = span_of(value) if value else None
    if found is None or value is None:
        return None
    return Entry(
        MEMORY,
        value,
        found[2],
        found[0],
        found[1],
        words,
        match.text,
        checked_id=match.checked_id,
        rating=match.rating,
        matched_claim_id=matched_claim,
    )
