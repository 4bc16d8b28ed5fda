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
        (
            "Rund 4.800 Delegierte aus 190 Staaten berieten.",
            "de",
            [("4.800 Delegierte", 4800.0, "Delegierte"), ("190 Staaten", 190.0, "Staaten")],
        ),
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


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Am Abend waren 25 Feuerwehrleute im Einsatz.", "de", [("25 Feuerwehrleute", 25.0, "Feuerwehrleute")]),
        ("Das Amt meldete 9 Todesfälle.", "de", [("9 Todesfälle", 9.0, "Todesfälle")]),
        ("Betroffen sind mehr als 40 Schulen.", "de", [("40 Schulen", 40.0, "Schulen")]),
        ("Das Werk hat 1.200 Beschäftigte.", "de", [("1.200 Beschäftigte", 1200.0, "Beschäftigte")]),
        ("Es halfen 25 freiwillige Helfer.", "de", [("25 freiwillige Helfer", 25.0, "Helfer")]),
        ("Geliefert wurden 3 Millionen Impfdosen.", "de", [("3 Millionen Impfdosen", 3e6, "Impfdosen")]),
        ("In drei Krankenhäusern fehlt Personal.", "de", [("drei Krankenhäusern", 3.0, "Krankenhäusern")]),
        ("Binnen 60 Tagen muss er zahlen.", "de", [("60 Tagen", 60.0, "Tagen")]),
        ("Crews sent 25 firefighters to the scene.", "en", [("25 firefighters", 25.0, "firefighters")]),
        ("There were 300 new infections a day.", "en", [("300 new infections", 300.0, "infections")]),
        ("The region lost three hospitals.", "en", [("three hospitals", 3.0, "hospitals")]),
        ("It fell to 2.05 euros.", "en", [("2.05 euros", 2.05, "euros")]),
    ],
)
def test_a_number_with_its_counted_noun(text: str, language: str, expected: list) -> None:
    assert q(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der 29-Jährige wurde festgenommen.", "de"),
        ("Das verstößt gegen Artikel 5 Grundgesetz und Paragraf 218 Strafgesetzbuch.", "de"),
        ("Siehe Seite 3 Absatz 2.", "de"),
        ("Der SV Darmstadt 98 Trainer lobte die Mannschaft.", "de"),
        ("Sie spielen in der 3. Liga.", "de"),
        ("Sie wohnt in der Hauptstraße 5 Stockwerke hoch.", "de"),
        ("Viele COVID-19 Patienten und G7 Staaten.", "de"),
        ("Um 10 Uhr begann die Sitzung.", "de"),
        ("Seit 2015 Wahlkreise neu geschnitten wurden, hat sich viel geändert.", "de"),
        ("Es stand am Ende 3 gegen Bayern.", "de"),
        ("The ruling came on 2 October at 10 am.", "en"),
        ("Only 5 of them stayed.", "en"),
        ("The Apollo 11 astronauts and Windows 10 users.", "en"),
        ("Section 5 rules apply and 5 is less than 6.", "en"),
    ],
)
def test_numbers_that_name_or_order_are_no_counts(text: str, language: str) -> None:
    assert q(text, language) == []
