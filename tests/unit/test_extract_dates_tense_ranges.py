"""Year-less ranges and days take the tense of their verb (a tester's faults, second dates batch).

1. a range without a year is moved by its verb's tense as a single day is, both ends together;
2. "from June 3 to June 5", "between June 3 and June 5" are one range, as "2 October to 4 October 2022" is;
3. "Am Dienstag, 7. Juni, trafen sich …": the date in apposition to a weekday takes the verb after it;
4. a day without a year in an article without a date has an unknown year; it is no relative date.
"""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.extract import extract_claims
from factcheck.extract.dates import find_dates, year_unknown

MARCH = date(2024, 3, 3)  # the article date of "Berlin, 3. März 2024 –"


def values(text: str, ref: date | None = MARCH) -> list[str | None]:
    return [d.value for d in find_dates(text, 0, len(text), ref)]


def claim_dates(text: str, language: str) -> list[tuple[str, str | None]]:
    return [(d["text"], d["value"]) for c in extract_claims(text, language=language) for d in c.to_dict()["dates"]]


# --- 1. a year-less range takes its verb's tense ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the tester's examples: a past verb puts June before a March report
        ("Vom 3. bis 5. Juni tagte die Kommission.", "2023-06-03/2023-06-05"),
        ("Zwischen dem 3. und 5. Juni streikten die Fluglotsen.", "2023-06-03/2023-06-05"),
        ("The strike lasted from June 3 to June 5.", "2023-06-03/2023-06-05"),
        ("Workers walked out between June 3 and June 5.", "2023-06-03/2023-06-05"),
        ("Vom 3. Juni bis 5. Juli hatte die Kommission getagt.", "2023-06-03/2023-07-05"),
        # ours: the verb before the range, an adverb between, the range opening an English clause
        ("Die Piloten streikten erneut vom 3. bis 5. Juni.", "2023-06-03/2023-06-05"),
        ("Die Kommission hatte vom 10. bis 12. Mai beraten.", "2023-05-10/2023-05-12"),
        ("From June 3 to June 5, the union held a strike.", "2023-06-03/2023-06-05"),
        ("The fair was held on 16-18 December.", "2023-12-16/2023-12-18"),
        # a future auxiliary: never before the report
        ("Die Kommission wird vom 3. bis 5. Juni tagen.", "2024-06-03/2024-06-05"),
        ("Die Kommission wird vom 3. bis 5. Februar tagen.", "2025-02-03/2025-02-05"),
        ("The conference will run from February 3 to February 5.", "2025-02-03/2025-02-05"),
        ("Vom 3. bis 5. Februar wird die Kommission tagen.", "2025-02-03/2025-02-05"),
        ("Qualifiers will be held from 16-28 February.", "2025-02-16/2025-02-28"),
        # no tense marker, a timetable present: the article's year, as before
        ("Die Messe findet vom 3. bis 5. Juni statt.", "2024-06-03/2024-06-05"),
        ("Vom 3. Juni bis 5. Juli zeigt das Museum Bilder.", "2024-06-03/2024-07-05"),
    ],
)
def test_a_year_less_range_takes_the_tense_of_its_verb(text: str, expected: str) -> None:
    assert values(text) == [expected]


def test_a_range_with_its_year_keeps_it_whatever_the_verb() -> None:
    assert values("Vom 3. bis 5. Juni 2024 tagte die Kommission.") == ["2024-06-03/2024-06-05"]
    assert values("The strike lasted from June 3 to June 5, 2022.") == ["2022-06-03/2022-06-05"]


def test_the_dateline_dates_a_past_range_in_the_claim() -> None:
    found = claim_dates("Berlin, 3. März 2024 – Vom 3. bis 5. Juni tagte die Kommission in Brüssel.", "de")
    assert ("Vom 3. bis 5. Juni", "2023-06-03/2023-06-05") in found


# --- 2. a range naming both months -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        ("The strike lasted from June 3 to June 5.", "from June 3 to June 5", "2023-06-03/2023-06-05"),
        ("Workers walked out between June 3 and June 5.", "between June 3 and June 5", "2023-06-03/2023-06-05"),
        ("Vom 3. Juni bis 5. Juli hatte die Kommission getagt.", "Vom 3. Juni bis 5. Juli", "2023-06-03/2023-07-05"),
        (
            "Patients waited between January 1 and January 7.",
            "between January 1 and January 7",
            "2024-01-01/2024-01-07",
        ),
        ("Sales rose from 3 August to 24 December.", "from 3 August to 24 December", "2023-08-03/2023-12-24"),
    ],
)
def test_a_range_naming_both_months_is_one_interval(text: str, mention: str, expected: str) -> None:
    assert [(d.text, d.value) for d in find_dates(text, 0, len(text), MARCH)] == [(mention, expected)]


def test_what_stays_two_dates() -> None:
    # the old date and the new one; ends backwards; "und" without "zwischen"
    assert values("The meeting was moved from June 3 to June 5.") == ["2024-06-03", "2024-06-05"]
    assert values("Vom 5. Juni bis 3. Juni 2024 war das Amt zu.") == ["2024-06-05", "2024-06-03"]
    assert values("Gestreikt wurde am 7. Juni und am 9. Juli.") == ["2023-06-07", "2023-07-09"]


def test_a_range_naming_both_months_stays_relative_without_an_article_date() -> None:
    (d,) = find_dates("The strike lasted from June 3 to June 5.", 0, 40, None)
    assert (d.text, d.value, d.relative) == ("from June 3 to June 5", None, True)


# --- 3. a date in apposition to a weekday --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the tester's example: the past verb after the apposition puts June before the March report
        ("Am Dienstag, 7. Juni, trafen sich die Minister.", "2023-06-07"),
        # ours: the right weekday, "dem", English, a weak past verb
        ("Am Mittwoch, 7. Juni, trafen sich die Minister.", "2023-06-07"),
        ("Am Mittwoch, dem 7. Juni, tagte der Ausschuss.", "2023-06-07"),
        ("On Wednesday, June 7, the ministers met.", "2023-06-07"),
        # the verb and the weekday agree: February 20 was a Monday in 2023, a Tuesday in 2024
        ("Am Montag, 20. Februar, trafen sich die Minister.", "2023-02-20"),
        # a future or present verb: ahead, and the weekday alone moves no year
        ("On Tuesday, June 7, the ministers will meet.", "2024-06-07"),
        ("Am Mittwoch, 7. Juni, treffen sich die Minister.", "2024-06-07"),
    ],
)
def test_a_date_in_apposition_to_a_weekday_takes_the_verb_after_it(text: str, expected: str) -> None:
    assert values(text)[-1] == expected


# --- the German weak past, where the finite verb stands ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Kommission tagte am 7. Juni in Brüssel.", "2023-06-07"),
        ("Am 7. Juni arbeiteten die Minister bis spät.", "2023-06-07"),
        ("Am 7. Juni machten die Händler ihre Läden zu.", "2023-06-07"),
        # a present of a stem in -t, a subjunctive, a participle or an ordinal before a noun: no past
        ("Am 7. Juni starten die Läufer in Berlin.", "2024-06-07"),
        ("Am 7. Juni halten die Minister ihre Sitzung ab.", "2024-06-07"),
        ("Vom 3. bis 5. Juni achten die Kontrolleure auf Raser.", "2024-06-03/2024-06-05"),
        ("Am 7. Juni könnte die Kommission entscheiden.", "2024-06-07"),
        ("Die geplante Sitzung am 7. Juni fällt aus.", "2024-06-07"),
        ("Die erste Sitzung am 7. Juni fällt aus.", "2024-06-07"),
    ],
)
def test_a_german_weak_past_governs_a_date_only_where_the_finite_verb_stands(text: str, expected: str) -> None:
    assert values(text) == [expected]


def test_a_participle_after_be_is_no_past() -> None:
    ref = date(2005, 3, 15)
    assert values("A General Election is widely expected to be held on 5 May.", ref) == ["2005-05-05"]
    assert values("The awards ceremony will be held on 26 February.", ref) == ["2006-02-26"]
    assert values("The awards ceremony was held on 26 February.", ref) == ["2005-02-26"]


# --- 4. a day without a year in an article without a date ----------------------------------------------


def test_a_year_less_day_without_an_article_date_has_an_unknown_year() -> None:
    found = {
        d["text"]: d
        for c in extract_claims("Officials met on Dec. 28 and again yesterday.", language="en")
        for d in c.to_dict()["dates"]
    }
    assert found["Dec. 28"]["value"] is None and year_unknown(found["Dec. 28"])
    assert found["yesterday"]["value"] is None and not year_unknown(found["yesterday"])
    # a range of days without a year, and dates that have their year or a value
    (d,) = find_dates("Vom 3. bis 5. Juni tagte die Kommission.", 0, 40, None)
    assert year_unknown({"text": d.text, "value": d.value, "rule": d.rule})
    assert not year_unknown({"text": "7. Juni", "value": "2023-06-07", "rule": "date:dmy-de"})
    assert not year_unknown({"text": "June 2023", "value": "2023-06", "rule": "date:month-year"})
