"""Sentence splitting with offsets: ordinals, abbreviations, initials, quotes."""

from __future__ import annotations

from factcheck.text.sentences import split_sentences


def texts(text: str) -> list[str]:
    out = split_sentences(text)
    for s in out:
        assert text[s.start : s.end] == s.text
    return [s.text for s in out]


def test_ordinal_dates_do_not_end_sentences() -> None:
    text = "Der Austausch fand am 18. März 2025 statt. Danach folgte ein Treffen im 20. Jahrhundert-Saal."
    assert texts(text) == [
        "Der Austausch fand am 18. März 2025 statt.",
        "Danach folgte ein Treffen im 20. Jahrhundert-Saal.",
    ]


def test_abbreviations_and_initials() -> None:
    text = (
        "Laut Dr. Meier u.a. vom Institut stieg die Zahl um ca. 5 Prozent. J. K. Rowling sagte ab. Mr. Blair said so."
    )
    assert texts(text) == [
        "Laut Dr. Meier u.a. vom Institut stieg die Zahl um ca. 5 Prozent.",
        "J. K. Rowling sagte ab.",
        "Mr. Blair said so.",
    ]


def test_quotes_closing_after_the_full_stop() -> None:
    text = "„Wir kommen wieder.“ Das sagte der Trainer. „Nein!“, rief er."
    assert texts(text) == ["„Wir kommen wieder.“", "Das sagte der Trainer.", "„Nein!“, rief er."]


def test_paragraph_breaks_always_split_and_headings_stay_alone() -> None:
    text = "Reaktionen und Proteste\n\nDie Reaktionen sind gemischt. Viele protestieren"
    assert texts(text) == ["Reaktionen und Proteste", "Die Reaktionen sind gemischt.", "Viele protestieren"]


def test_sentence_ending_with_a_year_splits() -> None:
    assert texts("Das Werk schloss 2017. Die Halle steht leer.") == ["Das Werk schloss 2017.", "Die Halle steht leer."]
