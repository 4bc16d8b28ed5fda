"""Issue 12's seed scenario: the claims of the Trump–Putin article checked against pages of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.evidence import ClaimEvidence, SourceCheck, check_source
from factcheck.extract import extract_claims
from factcheck.text.document import prepare_document

SEED = Path(__file__).resolve().parents[2] / "seeds" / "trump-putin-telefonat.de.txt"

PAGE_VERBATIM = (
    "Kiew, Mittwoch. Präsident Selenskyj reagierte am Abend auf die Berichte aus Washington.\n"
    "Er werde „keine Abkommen ohne die Ukraine“ hinnehmen, sagte Selenskyj vor Journalisten.\n"
    "Das Gespräch zwischen Trump und Putin hatte am 18. März 2025 stattgefunden."
)
PAGE_SHORTENED = (
    "Selenskyj wiederholte seine Linie: Es gebe „keine Abkommen ohne Ukraine“, erklärte er in Kiew. "
    "Zuletzt hatten Trump und Putin am 18.3.2025 telefoniert."
)
PAGE_UNRELATED = (
    "Der Stadtrat beschloss am Dienstag den Haushalt für das kommende Jahr. Die Bibliothek erhält mehr Geld, "
    "das Freibad öffnet im Sommer eine Stunde früher, und die Buslinie 7 fährt künftig bis zum Bahnhof."
)


@pytest.fixture(scope="module")
def seed_claims() -> list[ClaimEvidence]:
    # what `factcheck extract` does: repair the hard-wrapped layout, then extract
    doc = prepare_document(SEED.read_bytes(), name=SEED.name)
    claims = extract_claims(doc.text, language=doc.language, paragraphs=doc.repaired.paragraphs)
    return [ClaimEvidence.from_fields(c.text, c.to_dict(), doc.language) for c in claims]


def quote_claim(claims: list[ClaimEvidence]) -> ClaimEvidence:
    return next(c for c in claims if "keine Abkommen ohne die Ukraine" in c.quotes)


def call_claim(claims: list[ClaimEvidence]) -> ClaimEvidence:
    return next(c for c in claims if any(d.value == "2025-03-18" for d in c.dates))


def test_the_extractor_gives_the_quote_and_the_date_of_the_last_call(seed_claims: list[ClaimEvidence]) -> None:
    assert quote_claim(seed_claims).quotes == ("keine Abkommen ohne die Ukraine",)
    assert [d.value for d in call_claim(seed_claims).dates] == ["2025-03-18"]


def test_a_page_with_the_same_words_confirms_the_quote_verbatim(seed_claims: list[ClaimEvidence]) -> None:
    result = check_source(quote_claim(seed_claims), PAGE_VERBATIM)
    (quote,) = result.quotes
    assert result.outcome == "verbatim"
    assert quote.score == 1.0
    assert quote.passage == "keine Abkommen ohne die Ukraine"
    assert PAGE_VERBATIM[quote.start : quote.end] == quote.passage
    assert quote.diff == ()
    assert quote.context is not None and "Selenskyj vor Journalisten" in quote.context


def test_a_page_without_die_shows_differences_with_die_deleted(seed_claims: list[ClaimEvidence]) -> None:
    result = check_source(quote_claim(seed_claims), PAGE_SHORTENED)
    (quote,) = result.quotes
    assert result.outcome == "differences"
    assert quote.passage == "keine Abkommen ohne Ukraine"
    assert PAGE_SHORTENED[quote.start : quote.end] == quote.passage
    assert quote.diff == (("equal", "keine Abkommen ohne"), ("delete", "die"), ("equal", "Ukraine"))
    assert 0.8 < quote.score < 1.0


def test_an_unrelated_page_finds_nothing(seed_claims: list[ClaimEvidence]) -> None:
    result = check_source(quote_claim(seed_claims), PAGE_UNRELATED)
    assert result.outcome == "not-found"
    assert result.quotes[0].passage is None and result.quotes[0].start is None
    assert not check_source(call_claim(seed_claims), PAGE_UNRELATED).dates[0].found


@pytest.mark.parametrize(
    ("page", "written"), [(PAGE_VERBATIM, "18. März 2025"), (PAGE_SHORTENED, "18.3.2025")], ids=["long", "numeric"]
)
def test_a_page_stating_the_day_confirms_the_date_of_the_last_call(
    seed_claims: list[ClaimEvidence], page: str, written: str
) -> None:
    (date,) = check_source(call_claim(seed_claims), page).dates
    assert date.found
    assert date.passage == written
    assert date.start is not None and page[date.start : date.end] == written


def test_the_result_survives_storage(seed_claims: list[ClaimEvidence]) -> None:
    result = check_source(quote_claim(seed_claims), PAGE_SHORTENED)
    assert SourceCheck.from_dict(result.to_dict()) == result
