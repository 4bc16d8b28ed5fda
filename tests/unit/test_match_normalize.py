"""analyze(): the shared index/query analysis (inflection, compounds, quotes, dates, numbers)."""

from __future__ import annotations

import pytest

from factcheck.match.normalize import analyze, split_compound


def overlap(a: str, b: str, language: str | None) -> set[str]:
    return set(analyze(a, language)) & set(analyze(b, language))


def test_german_inflection_and_compound() -> None:
    query = analyze("Bundesregierung lehnte ab", "de")
    stored = analyze("die Regierung des Bundes lehnt ab", "de")
    assert {"bund", "regier", "lehnt", "ab"} <= set(query)
    assert {"bund", "regier", "lehnt", "ab"} <= set(stored)


def test_compound_split_keeps_whole_word_too() -> None:
    terms = analyze("Krankenhausreform", "de")
    assert terms[0] == "krankenhausreform"
    assert {"krankenhaus", "reform"} <= set(terms)
    assert split_compound("haus") == ()


@pytest.mark.parametrize(
    "variant",
    ["am 2. Januar 2020", "am 02.01.2020", "on January 2, 2020", "on 2020-01-02", "on Jan. 2nd, 2020", "1/2/2020"],
)
def test_dates_canonicalised(variant: str) -> None:
    assert "d20200102" in analyze(variant)


def test_month_year_meets_full_date() -> None:
    assert "d201906" in overlap("in June 2019", "June 4, 2019", "en")


@pytest.mark.parametrize(
    ("a", "b", "lang", "term"),
    [
        ("1.000 Flüchtlinge", "1000 Flüchtlinge", "de", "1000"),
        ("1,000,000 dollars", "1000000 dollars", "en", "1000000"),
        ("70 per cent", "70%", "en", "percent"),
        ("10 Prozent", "10 %", "de", "percent"),
    ],
)
def test_numbers_canonicalised(a: str, b: str, lang: str, term: str) -> None:
    assert term in overlap(a, b, lang)


def test_quotes_without_marks_match() -> None:
    with_marks = analyze("Er sagte: „Wir schaffen das“", "de")
    without = analyze("Er sagte wir schaffen das", "de")
    assert with_marks == without
    assert analyze("He said 'we will win'", "en") == analyze("He said we will win", "en")


def test_english_inflection() -> None:
    assert overlap("The governments claimed", "a government claims", "en") == {"govern", "claim"}


def test_urls_dropped_handles_and_hashtags_split() -> None:
    terms = analyze("@JoeBiden says #FakeNews https://t.co/abc pic.twitter.com/xyz", "en")
    assert {"joe", "biden", "fake", "news"} <= set(terms)
    assert not any("t.co" in t or "twitter" in t for t in terms)


def test_language_guess_and_determinism() -> None:
    text = "Die Bundesregierung hat die Steuern nicht erhöht"
    assert analyze(text, None) == analyze(text, "de") == analyze(text, "de-DE")
    assert analyze("The government did not raise taxes", None) == analyze("The government did not raise taxes", "en")


def test_empty_and_punctuation_only() -> None:
    assert analyze("", "en") == []
    assert analyze("„“ — …", "de") == []


def test_cross_language_pairs_meet_on_names_numbers_dates() -> None:
    # No translation offline; what a German and an English report of the same claim share is
    # the canonical date, the number and the names.
    shared = overlap(
        "Am 2. Januar 2020 sagte Merkel, 1.000 Soldaten würden abgezogen",
        "On January 2, 2020 Merkel said 1,000 soldiers would be withdrawn",
        None,
    )
    assert {"d20200102", "1000", "merkel"} <= shared
