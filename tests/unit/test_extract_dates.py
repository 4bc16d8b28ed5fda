"""Dates in German and English news: absolute, ranges, relative, time-relative statements."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.extract import extract_claims
from factcheck.extract.dates import find_dates


def values(text: str, ref: date | None = None) -> list[str | None]:
    return [d.value for d in find_dates(text, 0, len(text), ref)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Der erste Kontakt fand am 28. Januar 2017 im Oval Office statt.", ["2017-01-28"]),
        ("Das Treffen fand im Juli 2017 während des G20-Gipfels in Hamburg statt.", ["2017-07"]),
        ("Ein weiteres Treffen folgte im November 2018 in Paris.", ["2018-11"]),
        ("Der letzte Austausch fand am 18. März 2025 statt.", ["2025-03-18"]),
        ("Erst 2025, nach Trumps Wiederwahl, kam es zu einer Annäherung.", ["2025"]),
        ("Die Firma wurde am 03.10.1990 gegründet.", ["1990-10-03"]),
        ("Er war von 2017 bis 2019 Botschafter in Wien.", ["2017/2019"]),
        ("Die Zahl der Anträge stieg zwischen 2015 und 2023 deutlich.", ["2015/2023"]),
    ],
)
def test_german_absolute_dates_and_ranges(sentence: str, expected: list[str]) -> None:
    assert values(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The two leaders last spoke on March 18, 2025, the White House said.", ["2025-03-18"]),
        ("The bill was introduced in Parliament on 18 March 2025.", ["2025-03-18"]),
        ("LEEDS, England, Feb 12, 2025 (Reuters) - Flooding forced people from homes.", ["2025-02-12"]),
        ("Output last reached that level in 1969.", ["1969"]),
        ("Claims doubled between 2015 and 2023.", ["2015/2023"]),
        ("The 2014-18 programme cost more than planned.", ["2014/2018"]),
    ],
)
def test_english_absolute_dates_and_ranges(sentence: str, expected: list[str]) -> None:
    assert values(sentence) == expected


def test_relative_dates_resolve_against_the_article_date() -> None:
    ref = date(2025, 3, 19)  # a Wednesday
    assert values("Das Ministerium bestätigte gestern die Zahlen.", ref) == ["2025-03-18"]
    assert values("Der Minister trat letzte Woche zurück.", ref) == ["2025-W11"]
    assert values("The minister resigned last Tuesday.", ref) == ["2025-03-18"]
    assert values("Die Polizei nahm am Montag zwei Männer fest.", ref) == ["2025-03-17"]
    assert values("Der Streik beginnt ab Montag.", ref) == ["2025-03-24"]
    assert values("Das Gesetz wurde vor zwei Jahren beschlossen.", ref) == ["2023"]
    assert values("The talks took place yesterday.", ref) == ["2025-03-18"]


def test_relative_dates_without_article_date_stay_relative() -> None:
    found = find_dates("Die Regierung kündigte gestern neue Hilfen an.", 0, 47, None)
    assert [(d.text, d.value, d.relative) for d in found] == [("gestern", None, True)]


def test_numbers_that_are_not_years() -> None:
    assert values("Mehr als 2017 Menschen wurden evakuiert.") == []
    assert values("Der Preis liegt bei 1999 Euro.") == []
    assert values("Das Werk kostete 1,2 Milliarden Euro.") == []


def test_morgen_as_a_noun_is_not_tomorrow() -> None:
    assert values("Am Morgen fielen in Bayern Schüsse.", date(2025, 3, 19)) == []


def test_dateline_dates_the_article_for_relative_dates() -> None:
    text = "Berlin, 14. November 2024 (dpa) – Der Bundestag hat am Mittwoch das Gesetz beschlossen."
    (claim,) = extract_claims(text, language="de")
    assert [d.value for d in claim.dates] == ["2024-11-14", "2024-11-13"]
    assert any(c.startswith("date:reference-from-dateline") for c in claim.cues)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Der letzte telefonische Austausch fand am 18. März 2025 statt.", "de"),
        ("Erst 2025 kam es zu einer erneuten Annäherung.", "de"),
        ("Bisher hat kein Land die Vereinbarung unterzeichnet.", "de"),
        ("So far, no country has signed the agreement.", "en"),
        ("The latest talks ended without agreement on Friday.", "en"),
    ],
)
def test_time_relative_statements_are_flagged(sentence: str, language: str) -> None:
    (claim,) = extract_claims(sentence, language=language)
    assert "time-relative" in claim.kinds
    assert any(c.startswith("time-relative:") for c in claim.cues)


def test_date_cues_name_the_rule() -> None:
    (claim,) = extract_claims("Der Vertrag wurde am 28. Januar 2017 unterzeichnet.", language="de")
    assert claim.dates[0].rule == "date:dmy-de"
    assert "date:dmy-de" in claim.cues
    assert claim.text[claim.dates[0].start - claim.start : claim.dates[0].end - claim.start] == "28. Januar 2017"


def test_weekday_and_month_in_a_future_clause_lie_ahead() -> None:
    from datetime import date

    from factcheck.extract.dates import find_dates

    ref = date(2025, 10, 14)  # a Tuesday
    t = "Ms MacAskill said MSPs would vote on the budget changes on Thursday."
    assert [d.value for d in find_dates(t, 0, len(t), ref)] == ["2025-10-16"]
    t = "The union said it had met the operators on Thursday."
    assert [d.value for d in find_dates(t, 0, len(t), ref)] == ["2025-10-09"]
    t = "Fares will be capped from next April."
    assert [d.value for d in find_dates(t, 0, len(t), ref)] == ["2026-04"]
    t = "Die Wirtschaft werde in diesem Jahr nur um 0,2 Prozent wachsen. Im Juni hatte sie mehr erwartet."
    assert [d.value for d in find_dates(t, 0, len(t), ref)] == ["2025", "2025-06"]
    t = "Die neue Regel soll im Januar in Kraft treten."
    assert [d.value for d in find_dates(t, 0, len(t), ref)] == ["2026-01"]


def test_a_later_month_in_a_past_clause_is_last_year() -> None:
    from datetime import date

    from factcheck.extract.dates import find_dates

    ref = date(2026, 1, 23)
    t = "61,000 patients waited more than 12 hours in A&E in December, figures showed."
    assert [d.value for d in find_dates(t, 0, len(t), ref)] == ["2025-12"]
    t = "Patients waited up to 40 hours during the first week of January."
    assert [d.value for d in find_dates(t, 0, len(t), ref)] == ["2026-01"]


def test_sentence_initial_bis_weekday_lies_ahead() -> None:
    from datetime import date

    from factcheck.extract.dates import find_dates

    text = "Bis Donnerstag solle ein Nachfolger feststehen."
    (d,) = find_dates(text, 0, len(text), date(2026, 3, 9))
    assert d.value == "2026-03-12"


def test_set_for_weekdays_lie_ahead() -> None:
    from datetime import date

    from factcheck.extract.dates import find_dates

    for text, value in (
        ("The vote is set for Thursday.", "2026-03-12"),
        ("Er sagte, er habe am Freitag entschieden.", "2026-03-06"),
    ):
        (d,) = find_dates(text, 0, len(text), date(2026, 3, 9))
        assert d.value == value


def test_weekday_right_after_said_dates_the_speech_not_the_reported_future() -> None:
    from datetime import date

    from factcheck.extract.dates import find_dates

    for text, value in (
        ("The company said on Monday it would cut jobs.", "2026-03-09"),
        ("The firm said it would decide on Thursday.", "2026-03-12"),
    ):
        (d,) = find_dates(text, 0, len(text), date(2026, 3, 9))
        assert d.value == value


def test_last_night_and_this_morning() -> None:
    from datetime import date

    from factcheck.extract.dates import find_dates

    for text, value in (("The council voted last night.", "2026-03-08"), ("Police came this morning.", "2026-03-09")):
        (d,) = find_dates(text, 0, len(text), date(2026, 3, 9))
        assert d.value == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a past verb governing a year-less date: the event lies before the report (10 May 2024)
        ("The union met on June 7 with the company.", "2023-06-07"),
        ("Die Gewerkschaft traf sich am 7. Juni mit dem Vorstand.", "2023-06-07"),
        ("Am 7. Juni trafen sich die Minister in Rom.", "2023-06-07"),
        ("The company said on June 7 it would expand.", "2023-06-07"),
        # what is to come keeps the nearer year
        ("Das Werk öffnet am 7. Juni, sagte die Firma.", "2024-06-07"),
        ("The ruling is expected on June 7.", "2024-06-07"),
        ("The vote was postponed to June 7.", "2024-06-07"),
        ("Am 7. Juni wird der Bau beginnen.", "2024-06-07"),
        # a past date before the report stays in its year
        ("The strike ended on March 3.", "2024-03-03"),
    ],
)
def test_a_past_verb_puts_a_yearless_date_before_the_report(sentence: str, value: str) -> None:
    (d,) = find_dates(sentence, 0, len(sentence), date(2024, 5, 10))
    assert d.value == value


def test_an_inferred_year_is_marked_and_a_written_one_is_not() -> None:
    from factcheck.extract.dates import year_inferred

    t = "The union met on June 7, 2023. It met again on June 9."
    written, inferred = (d.__dict__ for d in find_dates(t, 0, len(t), date(2024, 5, 10)))
    assert written["value"] == "2023-06-07" and not year_inferred(written)
    assert inferred["value"] == "2023-06-09" and year_inferred(inferred)
    assert not year_inferred({"text": "am Dienstag", "value": "2024-05-07", "rule": "rel:weekday"})


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a future auxiliary governing a year-less day: it lies after the report (3 March 2024)
        ("Am 2. Februar wird der Bundestag abstimmen.", "2025-02-02"),
        ("Der Prozess wird am 10. Januar fortgesetzt.", "2025-01-10"),
        ("The committee will meet on Feb. 20.", "2025-02-20"),
        # a past verb or no marker keeps the nearer year
        ("Der Bundestag stimmte am 2. Februar ab.", "2024-02-02"),
        ("The festival opens on March 1.", "2024-03-01"),
        # the month May (capitalised) is a date; the verb may is not
        ("The board will decide on May 12 whether to sell.", "2024-05-12"),
    ],
)
def test_a_future_auxiliary_puts_a_yearless_date_after_the_report(sentence: str, value: str) -> None:
    (d,) = find_dates(sentence, 0, len(sentence), date(2024, 3, 3))
    assert d.value == value


def test_the_verb_may_before_a_number_is_no_date() -> None:
    t = "Prices may 12 times rise."
    assert find_dates(t, 0, len(t), date(2024, 3, 3)) == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # hearsay with a perfect infinitive: what someone is said to have done lies before the report
        ("Der Rat soll am 7. Juni getagt haben.", "2023-06-07"),
        ("Die Männer sollen am 3. Juni eingereist sein.", "2023-06-03"),
        # hearsay about what is to come, and a future perfect, stay ahead
        ("Der Rat soll am 7. Juni tagen.", "2024-06-07"),
        ("Bis zum 7. Juni wird er alles erledigt haben.", "2024-06-07"),
    ],
)
def test_hearsay_with_a_perfect_infinitive_dates_a_yearless_day_before_the_report(sentence: str, value: str) -> None:
    (d,) = find_dates(sentence, 0, len(sentence), date(2024, 3, 3))
    assert d.value == value
