"""Numbers with units as quantities."""

from __future__ import annotations

import pytest

from factcheck.extract.quantities import find_quantities


def q(text: str, language: str = "de") -> list[tuple[str, float | None, str]]:
    return [(x.text, x.value, x.unit) for x in find_quantities(text, 0, len(text), language)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Die Quote stieg auf 6,1 Prozent.", "de", [("6,1 Prozent", 6.1, "Prozent")]),
        ("Der Streik kostete 1,2 Milliarden Euro.", "de", [("1,2 Milliarden Euro", 1.2e9, "Euro")]),
        ("Bei dem Anschlag gab es 14 Tote.", "de", [("14 Tote", 14.0, "Tote")]),
        ("Rund 4.800 Delegierte aus 190 Staaten berieten.", "de", [("190 Staaten", 190.0, "Staaten")]),
        ("Profits jumped 76% to $1.13bn.", "en", [("76%", 76.0, "%"), ("$1.13bn", 1.13e9, "USD")]),
        ("More than 3,000 people left their homes.", "en", [("3,000 people", 3000.0, "people")]),
    ],
)
def test_numbers_with_units(text: str, language: str, expected: list) -> None:
    assert q(text, language) == expected


def test_spans_are_offsets() -> None:
    text = "Die Bahn bot 5,2 Prozent mehr Lohn."
    (x,) = find_quantities(text, 0, len(text), "de")
    assert text[x.start : x.end] == x.text
