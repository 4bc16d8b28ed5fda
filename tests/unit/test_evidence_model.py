"""ClaimEvidence from stored fields, SourceCheck outcomes and storage, and check_source end to end."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from factcheck.evidence import (
    ClaimEvidence,
    DateCheck,
    DateRef,
    NumberCheck,
    NumberRef,
    QuoteCheck,
    SourceCheck,
    check_source,
)

FIELDS = {
    "quotes": [
        {"text": "keine Abkommen ohne die Ukraine", "speaker": "Wolodymyr Selenskyj", "start": 10, "end": 41},
        {"text": "keine Abkommen ohne die Ukraine", "speaker": "Wolodymyr Selenskyj"},
        {"text": "  ", "speaker": None},
    ],
    "dates": [
        {"text": "18. März 2025", "value": "2025-03-18", "rule": "date:dmy-de"},
        {"text": "gestern", "value": None, "relative": True},
        {"text": "am Montag"},
    ],
    "quantities": [
        {"text": "480 Milliarden Euro", "value": 480000000000, "unit": "Euro"},
        {"text": "Dutzende", "value": None, "unit": ""},
        {"text": "76 Prozent", "value": 76.0},
    ],
    "speakers": ["Wolodymyr Selenskyj"],
}


def test_from_fields_keeps_what_can_be_checked() -> None:
    claim = ClaimEvidence.from_fields("Ein Satz.", FIELDS, "de")
    assert claim.text == "Ein Satz." and claim.language == "de"
    assert claim.quotes == ("keine Abkommen ohne die Ukraine",)
    assert claim.dates == (DateRef("18. März 2025", "2025-03-18"),)
    assert claim.numbers == (NumberRef("480 Milliarden Euro", 480e9, "Euro"), NumberRef("76 Prozent", 76.0, ""))


def test_from_fields_of_a_claim_without_fields() -> None:
    claim = ClaimEvidence.from_fields("Nichts.", {}, "en")
    assert (claim.quotes, claim.dates, claim.numbers) == ((), (), ())
    assert check_source(claim, "irgendein Text").outcome == "no-quote"


def test_outcome_is_the_worst_quote_and_the_score_the_best() -> None:
    verbatim = QuoteCheck("a", "verbatim", 1.0)
    differences = QuoteCheck("b", "differences", 0.85)
    missing = QuoteCheck("c", "not-found", 0.3)
    assert SourceCheck(quotes=(verbatim, differences)).outcome == "differences"
    assert SourceCheck(quotes=(verbatim, missing, differences)).outcome == "not-found"
    assert SourceCheck(quotes=(verbatim,)).outcome == "verbatim"
    assert SourceCheck(quotes=(missing, differences)).best_quote_score == 0.85
    assert SourceCheck().best_quote_score is None
    assert SourceCheck().outcome == "no-quote"


PAGE_DE = (
    "Kiew. Präsident Selenskyj erklärte am 18.03.2025, es werde „keine Abkommen ohne die Ukraine“ geben. "
    "Die Hilfen der Partner summierten sich auf 480 Mrd. Euro; 76 % der Befragten unterstützten ihn."
)
PAGE_EN = (
    "Kyiv. On March 18, 2025 President Zelensky said there would be no agreements without Ukraine. "
    "Partners have pledged 480 billion euros, and 76 per cent of those asked back him."
)


def test_a_german_claim_against_an_english_page() -> None:
    claim = ClaimEvidence.from_fields("Ein Satz.", FIELDS, "de")
    result = check_source(claim, PAGE_EN)
    assert result.outcome == "not-found"  # a translation is not a quotation
    assert [(d.found, d.passage) for d in result.dates] == [(True, "March 18, 2025")]
    assert [(n.found, n.passage) for n in result.numbers] == [(True, "480 billion euros"), (True, "76 per cent")]


def test_an_english_claim_against_a_german_page() -> None:
    fields = {
        "quotes": [{"text": "keine Abkommen ohne die Ukraine"}],
        "dates": [{"text": "March 18, 2025", "value": "2025-03-18"}],
        "quantities": [{"text": "480 billion euros", "value": 480e9, "unit": "euros"}],
    }
    result = check_source(ClaimEvidence.from_fields("A sentence.", fields, "en"), PAGE_DE)
    assert result.outcome == "verbatim"
    assert result.dates[0].passage == "18.03.2025"
    assert result.numbers[0].passage == "480 Mrd. Euro"


def test_to_dict_is_json_and_round_trips() -> None:
    claim = ClaimEvidence.from_fields("Ein Satz.", FIELDS, "de")
    result = check_source(claim, PAGE_DE.replace("ohne die Ukraine", "ohne Ukraine"))
    data = json.loads(json.dumps(result.to_dict()))
    assert data["outcome"] == "differences"
    assert data["best_quote_score"] == result.best_quote_score
    assert data["quotes"][0]["diff"][1] == ["delete", "die"]
    assert SourceCheck.from_dict(data) == result


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"quotes": None, "dates": None},
        {"quotes": [{"quote": "x"}], "dates": [{"value": "2025"}], "numbers": [{"text": "3 Tote"}]},
    ],
    ids=["empty", "nulls", "sparse-items"],
)
def test_from_dict_tolerates_missing_keys(data: dict) -> None:
    result = SourceCheck.from_dict(data)
    assert isinstance(result, SourceCheck)
    for quote in result.quotes:
        assert quote == QuoteCheck("x", "not-found", 0.0)
    for date in result.dates:
        assert date == DateCheck("", "2025", False)
    for number in result.numbers:
        assert number == NumberCheck("3 Tote", 0.0, "", False)


def test_the_evidence_core_loads_no_database_network_or_ui() -> None:
    code = (
        "import sys, factcheck.evidence\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'httpx', 'textual',"
        " 'alembic', 'trafilatura') or m.startswith(('factcheck.store', 'factcheck.services', 'factcheck.tui')))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def test_a_one_megabyte_source_gives_exact_offsets() -> None:
    filler = (
        "Der Ausschuss tagte bis in den Abend, ohne sich auf einen Termin zu einigen. "
        "The committee met until the evening without agreeing on a date. "
    )
    planted = "Am 18. März 2025 sagte sie: „keine Abkommen ohne die Ukraine“. Es geht um 480 Mrd. Euro."
    half = filler * (500_000 // len(filler))
    source = half + "\n\n" + planted + "\n\n" + half
    assert len(source) > 1_000_000
    claim = ClaimEvidence.from_fields("Ein Satz.", FIELDS, "de")
    result = check_source(claim, source)
    at = len(half) + 2
    assert (result.quotes[0].outcome, result.quotes[0].start) == ("verbatim", at + planted.index("keine"))
    assert (result.dates[0].found, result.dates[0].start) == (True, at + planted.index("18. März"))
    assert (result.numbers[0].found, result.numbers[0].start) == (True, at + planted.index("480"))
    assert not result.numbers[1].found  # no 76 % anywhere
