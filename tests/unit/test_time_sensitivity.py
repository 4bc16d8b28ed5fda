"""Time-sensitive claims: each cue family in German and English, on sentences of our own, and the
look-alikes that are relative dates or plain words, not claims that go stale."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_claims
from factcheck.extract.time_sensitivity import find_time_cues

SENSITIVE = [
    ("de", "Der letzte Besuch des Kanzlers in Warschau liegt drei Jahre zurück.", "latest", "Der letzte"),
    ("de", "Die jüngste Umfrage sieht die Partei bei 12 Prozent.", "latest", "Die jüngste"),
    ("en", "The latest figures show 4,100 people waiting for a bed.", "latest", "The latest"),
    ("en", "The most recent inspection found no defects.", "latest", "The most recent"),
    ("de", "Bisher haben 40 Gemeinden den Vertrag unterschrieben.", "so-far", "Bisher"),
    ("de", "Bis heute ist kein Cent zurückgezahlt worden.", "so-far", "Bis heute"),
    ("en", "So far, 12 councils have signed up.", "so-far", "So far"),
    ("en", "The fund has raised £3m to date.", "so-far", "to date"),
    ("de", "Noch nie wurden in Bremen so wenige Wohnungen gebaut.", "never", "Noch nie"),
    ("en", "The club has never won the league.", "never", "has never"),
    ("de", "Zum ersten Mal stellt die Stadt eine Bürgermeisterin.", "first-time", "Zum ersten Mal"),
    ("de", "Der Bundestag debattiert erstmals über das Gesetz.", "first-time", "erstmals"),
    ("en", "For the first time, the vote was held online.", "first-time", "For the first time"),
    ("de", "Erst 2025 kam es zu einem neuen Treffen.", "not-until", "Erst 2025"),
    ("de", "Die Brücke wird erst im März fertig.", "not-until", "erst im März"),
    ("en", "The report was not until June made public.", "not-until", "not until"),
    ("de", "Derzeit sind 300 Stellen unbesetzt.", "currently", "Derzeit"),
    ("de", "Zurzeit fahren keine Züge nach Sylt.", "currently", "Zurzeit"),
    ("en", "The plant currently employs 1,200 people.", "currently", "currently"),
    ("en", "At present, no trains run to the coast.", "currently", "At present"),
    ("de", "Die Inflation ist so hoch wie nie seit der Wiedervereinigung.", "record", "so hoch wie nie"),
    ("de", "Der Umsatz erreichte den höchsten Stand seit 1990.", "record", "höchsten Stand seit"),
    ("de", "Die Aktie schloss auf einem Rekordhoch.", "record", "Rekordhoch"),
    ("en", "Unemployment is at its lowest level since 2008.", "record", "lowest level since"),
    ("en", "Shares closed at an all-time high on Friday.", "record", "all-time high"),
]

NOT_SENSITIVE = [
    ("de", "In der letzten Woche stiegen die Preise um 3 Prozent."),  # a relative date
    ("de", "Die Stadt hat 2023 den Haushalt beschlossen."),
    ("de", "Das ist erst einmal eine gute Nachricht."),  # "erst einmal": a filler, no date
    ("en", "Over the last two years prices rose by 8 percent."),
    ("en", "The council approved the budget in 2023."),
    ("en", "She said the plan would never work."),  # "never" about the future, no horizon
]


@pytest.mark.parametrize(("language", "sentence", "family", "words"), SENSITIVE)
def test_each_cue_family_is_found_with_its_words(language: str, sentence: str, family: str, words: str) -> None:
    cues = find_time_cues(sentence, 0, language)
    assert [(c.family, c.text) for c in cues] == [(family, words)]
    assert sentence[cues[0].start : cues[0].end].strip() == words


@pytest.mark.parametrize(("language", "sentence"), NOT_SENSITIVE)
def test_relative_dates_and_plain_words_are_not_time_sensitive(language: str, sentence: str) -> None:
    assert find_time_cues(sentence, 0, language) == []


def test_a_time_sensitive_claim_is_dated_as_of_its_dateline() -> None:
    text = (
        "Kiel, 14. Oktober 2024 (dpa) - Der letzte Fährbetreiber der Insel stellt den Betrieb ein.\n\n"
        "Die Stadt hat den Hafen 1998 gebaut."
    )
    claims = extract_claims(text, language="de")
    stale = [c for c in claims if "time-sensitive" in c.kinds]
    assert [c.text for c in stale] == [claims[0].text]
    assert stale[0].as_of == "2024-10-14"
    assert [(t.family, text[t.start : t.end]) for t in stale[0].time_cues] == [("latest", "Der letzte")]
    assert "time-sensitive" not in claims[-1].kinds and claims[-1].as_of is None


def test_without_a_date_in_the_text_the_as_of_date_is_left_to_the_store() -> None:
    claims = extract_claims("Bislang hat die Regierung 40 Millionen Euro ausgezahlt.", language="de")
    assert claims[0].kinds.count("time-sensitive") == 1 and claims[0].as_of is None


def test_stored_fields_decide_for_our_claims_and_cues_for_imported_ones() -> None:
    from datetime import date

    from factcheck.services.recheck import is_stale, time_sensitivity

    # our own claim: what extraction stored, even when the text alone would say otherwise
    assert time_sensitivity("Bisher 40 Gemeinden.", "de", {"time_cues": [], "as_of": None}) == (False, None)
    assert time_sensitivity("x", "de", {"time_cues": [{"family": "latest"}], "as_of": "2024-10-14"}) == (
        True,
        "2024-10-14",
    )
    # an imported fact-check: its own words, as of its claim date
    assert time_sensitivity("So far 12 councils signed.", "en", None, fallback="2020-05-01T00:00") == (
        True,
        "2020-05-01",
    )
    assert time_sensitivity("Twelve councils signed in 2020.", "en", None, fallback="2020-05-01") == (False, None)
    today = date(2026, 12, 1)
    assert is_stale("2026-10-31", today=today) and not is_stale("2026-11-01", today=today)
    assert not is_stale(None, today=today) and not is_stale("not a day", today=today)
