"""Three fault kinds of dates (issue 13, items 5-7), each with the issue's examples and our own.

5. the dateline anchors relative and year-less dates wherever it stands, and is no claim itself;
6. ranges of days and months keep both ends as one ISO 8601 interval "A/B";
7. a weekday governed by a past speech verb is in the past, whatever the tense of the quote.
"""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.extract import extract_claims
from factcheck.extract.datelines import find_dateline
from factcheck.extract.dates import find_dates
from factcheck.text.layout import repair_layout


def claim_dates(text: str, language: str = "de") -> list[tuple[str, list[str | None]]]:
    r = repair_layout(text)
    claims = extract_claims(r.text, language=language, paragraphs=r.paragraphs)
    return [(c.text, [d.value for d in c.dates]) for c in claims]


def values(text: str, ref: date | None = None) -> list[str | None]:
    return [d.value for d in find_dates(text, 0, len(text), ref)]


# --- 5. the dateline, wherever it stands ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "sentence", "expected"),
    [
        # the examples: an agency dateline closing the last paragraph
        (
            "Die Ministerin kündigte neue Hilfen an.\n\nDas Gesetz trete im Herbst in Kraft, so die Ministerin am "
            "Mittwoch. (APA, 13.3.2019)",
            "de",
            "so die Ministerin am Mittwoch.",
            ["2019-03-13"],
        ),
        (
            "The minister announced new aid.\n\nThe law takes effect in autumn, the minister said on Wednesday. "
            "(Reuters, March 13, 2019)",
            "en",
            "the minister said on Wednesday.",
            ["2019-03-13"],
        ),
        # ours: a Thursday in the closing dateline dates "am Montag" and "gestern"
        (
            "Der Stadtrat hat am Montag den Haushalt beschlossen.\n\nGestern legte die Opposition Einspruch ein.\n\n"
            "(dpa, 21.11.2024)",
            "de",
            "Der Stadtrat hat am Montag",
            ["2024-11-18"],
        ),
        # ours: the dateline as a short last paragraph of its own
        (
            "The plant closed on Monday, the union said.\n\nDundee, 12 March 2026",
            "en",
            "The plant closed on Monday",
            ["2026-03-09"],
        ),
    ],
)
def test_a_closing_dateline_dates_the_article(text: str, language: str, sentence: str, expected: list[str]) -> None:
    found = [v for t, v in claim_dates(text, language) if sentence in t]
    assert found == [expected]


def test_a_year_less_day_and_month_takes_the_dateline_year() -> None:
    claims = claim_dates("Bremen, 14. Oktober 2022. Der Senat tagt am 3.11. erneut.")
    assert ("Der Senat tagt am 3.11. erneut.", ["2022-11-03"]) in claims
    # ours: "vom 3.11." and a weekday before the digits; a version number or a page is no date
    ref = date(2022, 10, 14)
    assert values("Die Ausstellung ist vom 3.11. an geöffnet.", ref) == ["2022-11-03"]
    assert values("Die Sitzung am Donnerstag, 3.11., fällt aus.", ref) == ["2022-10-13", "2022-11-03"]
    assert values("Die Version 3.11. behebt den Fehler.", ref) == []
    assert values("Die Sitzung ist am 31.2. geplant.", ref) == []


def test_a_dateline_inside_the_first_paragraph() -> None:
    # a wrapped headline ran into the dateline
    (claim,) = extract_claims(
        "Floods hit the north LONDON, 13 March 2019 — The river burst its banks on Tuesday.", language="en"
    )
    assert [d.value for d in claim.dates] == ["2019-03-13", "2019-03-12"]


def test_a_dateline_is_not_a_claim() -> None:
    # the sentence that is only the dateline gets no date from it
    claims = dict(claim_dates("Bremen, 14. Oktober 2022. Der Senat tagt am 3.11. erneut."))
    assert claims["Bremen, 14. Oktober 2022."] == []
    claims = dict(claim_dates("Die Ministerin sprach am Mittwoch.\n\n(APA, 13.3.2019)"))
    assert claims["(APA, 13.3.2019)"] == []
    assert claims["Die Ministerin sprach am Mittwoch."] == ["2019-03-13"]


def test_find_dateline_gives_the_span_and_the_form() -> None:
    r = repair_layout("Der Senat tagte.\n\nEr beriet.\n\nEr stimmte ab.\n\nEr vertagte sich.\n\nEnde. (APA, 13.3.2019)")
    found = find_dateline(r.text, r.paragraphs)
    assert found is not None
    assert (found.date, r.text[found.start : found.end], found.rule) == (
        date(2019, 3, 13),
        "13.3.2019",
        "dateline:closing",
    )
    # a citation in brackets inside a paragraph, or a date without a day, is no dateline
    r = repair_layout("Die Studie (Nature, March 2019) fand nichts. Der Senat tagte am Montag.")
    assert find_dateline(r.text, r.paragraphs) is None


# --- 6. ranges ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the examples, under a dateline of another year
        ("Die Messe findet vom 7. bis 9. Juni 2023 statt.", "2023-06-07/2023-06-09"),
        ("Die Messe lief 7.–9. Juni 2023.", "2023-06-07/2023-06-09"),
        ("The fair ran from 2 October to 4 October 2022.", "2022-10-02/2022-10-04"),
        ("The fair runs June 7-9, 2023.", "2023-06-07/2023-06-09"),
        ("Talks were held between 2 and 4 October 2022.", "2022-10-02/2022-10-04"),
        ("Von März bis Mai 2024 wird gebaut.", "2024-03/2024-05"),
        # ours: a range over the turn of the year, another month in the first end, ordinals
        ("Die Brücke ist vom 28. Dezember bis 3. Januar 2024 gesperrt.", "2023-12-28/2024-01-03"),
        ("Die Ausstellung läuft vom 30. Mai bis 2. Juni 2023.", "2023-05-30/2023-06-02"),
        ("The festival runs from 12th to 14th March 2025.", "2025-03-12/2025-03-14"),
        ("Die Tagung findet zwischen dem 2. und 4. Oktober 2022 statt.", "2022-10-02/2022-10-04"),
    ],
)
def test_a_range_is_one_interval_whose_first_end_borrows_from_the_second(text: str, expected: str) -> None:
    assert values(text, date(2020, 1, 15)) == [expected]


def test_a_range_without_a_year_takes_the_article_year_and_stays_relative_without_one() -> None:
    assert values("Die Messe findet vom 7. bis 9. Mai statt.", date(2026, 5, 21)) == ["2026-05-07/2026-05-09"]
    (d,) = find_dates("The fair runs June 7-9.", 0, 23, None)
    assert (d.text, d.value, d.relative) == ("June 7-9", None, True)


def test_what_is_not_a_range() -> None:
    ref = date(2026, 3, 9)
    # "und" without "zwischen": two days, the first without its month is not guessed
    assert values("Gestreikt wird am 7. und 9. Juni.", ref) == ["2026-06-09"]
    # ends in the wrong order, a number after a day
    assert values("Die Messe läuft vom 9. bis 7. Juni 2023.", ref) == ["2023-06-07"]
    assert values("Prices rose from March 3 to 5 people a week.", ref) == ["2026-03-03"]
    # two dates complete with their years as written keep their own values
    assert values("Er war vom 7. Mai 2022 bis 9. Juni 2023 im Amt.", ref) == ["2022-05-07", "2023-06-09"]
    # (a day and month at each end and no year is one range: see test_a_range_naming_both_months_is_one_interval)


def test_ranges_of_years_work_as_before() -> None:
    assert values("Er war von 1998 bis 2002 Botschafter.") == ["1998/2002"]
    assert values("Claims doubled between 2015 and 2023.") == ["2015/2023"]
    assert values("The 2014-18 programme cost more.") == ["2014/2018"]


# --- 7. past speech, future content ---------------------------------------------------------------

TUESDAY = date(2023, 3, 14)
WEDNESDAY = date(2023, 3, 15)


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # the examples
        ("„Wir werden den Hafen ausbauen“, sagte Hafensenator Jens Albrecht am Dienstag.", TUESDAY, "2023-03-14"),
        ("“We will rebuild,” the mayor said on Tuesday.", TUESDAY, "2023-03-14"),
        # ours: the day after, the verb before its subject, the weekday before the verb, a separable verb
        ("„Wir werden den Hafen ausbauen“, sagte Hafensenator Jens Albrecht am Dienstag.", WEDNESDAY, "2023-03-14"),
        ("“We will rebuild,” said Mayor Anne Lee on Tuesday.", WEDNESDAY, "2023-03-14"),
        ("Am Dienstag kündigte die Ministerin an, man wird die Steuer senken.", WEDNESDAY, "2023-03-14"),
        ("On Tuesday, the mayor said the city will rebuild.", WEDNESDAY, "2023-03-14"),
        ("Die Bahn teilte am Dienstag mit, der Streik wird enden.", WEDNESDAY, "2023-03-14"),
    ],
)
def test_a_weekday_of_past_speech_is_in_the_past(text: str, ref: date, expected: str) -> None:
    assert values(text, ref) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a future verb outside the quote governs the weekday: ahead, as before
        ("The council will meet on Tuesday.", "2023-03-21"),
        ("The mayor said the council will meet on Tuesday.", "2023-03-21"),
        ("Der Senat wird am Dienstag tagen, sagte der Sprecher.", "2023-03-21"),
        # a weekday inside the quote takes the quote's tense
        ("„Am Dienstag werden wir entscheiden“, sagte er.", "2023-03-21"),
    ],
)
def test_a_weekday_of_a_future_verb_stays_ahead(text: str, expected: str) -> None:
    assert values(text, WEDNESDAY) == [expected]


def test_der_senat_tagt_am_dienstag_is_unchanged() -> None:
    # present tense without a future marker: the most recent Tuesday, the dateline day itself included
    assert values("Der Senat tagt am Dienstag.", TUESDAY) == ["2023-03-14"]


@pytest.mark.parametrize(
    "text",
    [
        "Bremen, 14. Oktober 2022. Der Senat tagt am 3.11. erneut.",
        "Der Senat tagt am Montag erneut, sagte die Senatorin.\n\n(APA, 13.3.2019)",
    ],
)
def test_a_dateline_alone_is_no_claim_to_check(text: str) -> None:
    claims = extract_claims(text, language="de")
    dateline = [c for c in claims if "Senat" not in c.text]
    assert dateline and all(not c.checkworthy and not c.places and not c.dates for c in dateline)
    assert all(c.checkworthy for c in claims if "Senat" in c.text)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("zwischen 2025 und 2023", ["2025", "2023"]),  # backwards: two years, no interval
        ("vom 30. Juni bis 2. Juni 2023", ["2024-06-30", "2023-06-02"]),  # backwards within a month: no range
        ("am 1.1.0000", []),  # the year 0 is no date
    ],
)
def test_no_interval_runs_backwards(text: str, values: list[str]) -> None:
    got = [d.value for d in find_dates(text, 0, len(text), date(2024, 2, 15))]
    assert got == values
    assert all(v.split("/")[0] <= v.split("/")[-1] for v in got if v)


@pytest.mark.parametrize(
    ("text", "ref", "value"),
    [
        (
            "Die Polizei hatte am 28. Dezember mitgeteilt, dass zwei Männer festgenommen wurden.",
            date(2024, 1, 3),
            "2023-12-28",
        ),
        ("Officials said on Dec. 28 that the road would reopen.", date(2024, 1, 3), "2023-12-28"),
        ("Der Gipfel wird am 5. Januar beginnen.", date(2023, 12, 20), "2024-01-05"),
        ("Der Senat tagt am 3.11. erneut.", date(2022, 10, 14), "2022-11-03"),
        ("Der Prozess beginnt am 10. April vor dem Landgericht.", date(2024, 11, 20), "2025-04-10"),
        ("Vom 20. Dezember bis 6. Januar bleibt das Amt geschlossen.", date(2024, 12, 1), "2024-12-20/2025-01-06"),
        ("Vom 20. Dezember bis 6. Januar blieb das Amt geschlossen.", date(2024, 1, 2), "2023-12-20/2024-01-06"),
    ],
)
def test_a_day_and_month_without_a_year_take_the_nearest_year_the_tense_allows(
    text: str, ref: date, value: str
) -> None:
    assert [d.value for d in find_dates(text, 0, len(text), ref)] == [value]


# --- seventh blind batch: a timetable in the present lies ahead; a month as a starting point ----------
@pytest.mark.parametrize(
    ("text", "ref", "value"),
    [
        # a present timetable verb governs the date, a past speech frame after it does not
        ("The appeal opens on November 3, the court said.", date(2025, 4, 2), "2025-11-03"),
        ("Das Verfahren beginnt am 9. Oktober, teilte das Gericht mit.", date(2025, 3, 12), "2025-10-09"),
        # "on"/"am" opening the clause: the past verb after the date is the date's own
        ("On August 30 the committee voted against the plan.", date(2025, 2, 10), "2024-08-30"),
    ],
)
def test_a_scheduled_present_lies_ahead_even_under_a_past_frame(text: str, ref: date, value: str) -> None:
    assert values(text, ref) == [value]


@pytest.mark.parametrize(
    ("text", "ref", "value"),
    [
        ("The council has charged the new fee from January, a spokesman said.", date(2025, 3, 5), "2025-01"),
        ("From October the bridge will be closed to lorries.", date(2025, 6, 1), "2025-10"),
    ],
)
def test_from_a_month_is_a_date(text: str, ref: date, value: str) -> None:
    assert values(text, ref) == [value]
