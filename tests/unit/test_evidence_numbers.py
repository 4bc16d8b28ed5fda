"""Numbers found by value, rounding and unit, German and English."""

from __future__ import annotations

import pytest

from factcheck.evidence.model import NumberRef
from factcheck.evidence.numbers import check_numbers, claim_precision, find_number, source_numbers
from factcheck.evidence.units import unit_group, units_compatible

BILLIONS = NumberRef(text="480 Milliarden", value=480e9, unit="")
BILLIONS_EUR = NumberRef(text="480 Milliarden Euro", value=480e9, unit="Euro")
PERCENT = NumberRef(text="76 Prozent", value=76.0, unit="Prozent")


def found(ref: NumberRef, source: str) -> str | None:
    check = find_number(ref, source, source_numbers(source))
    if check.found:
        assert check.start is not None and source[check.start : check.end] == check.passage
    return check.passage


@pytest.mark.parametrize(
    ("source", "passage"),
    [
        ("Der Fonds umfasst 480 Milliarden Euro.", "480 Milliarden Euro"),
        ("Der Fonds umfasst 480 Mrd. Euro.", "480 Mrd. Euro"),
        ("Der Fonds umfasst 480 Mrd. und mehr.", "480 Mrd."),
        ("The fund is worth 480 billion euros.", "480 billion euros"),
        ("The fund is worth €480bn.", "€480bn"),
        ("Der Fonds umfasst 480.000.000.000 Euro.", "480.000.000.000 Euro"),
        ("Der Fonds umfasst insgesamt 480.000.000.000.", "480.000.000.000"),
        ("The fund holds 480,000,000,000 in total.", "480,000,000,000"),
        ("Der Fonds umfasst 0,48 Billionen Euro.", "0,48 Billionen Euro"),
        ("Der Fonds umfasst 479,6 Milliarden Euro.", "479,6 Milliarden Euro"),
        ("The fund is worth 478 billion euros.", "478 billion euros"),
    ],
)
def test_480_billion_in_every_written_form(source: str, passage: str) -> None:
    assert found(BILLIONS, source) == passage
    assert found(BILLIONS_EUR, source) == passage


@pytest.mark.parametrize(
    "source",
    [
        "Der Fonds umfasst 475 Milliarden Euro.",
        "Der Fonds umfasst 480 Millionen Euro.",
        "Der Fonds umfasst eine halbe Billion Euro, also 0,5 Billionen.",  # coarser than the claim
        "The fund is worth $480bn.",  # dollars, not euros
        "Der Fonds wuchs um 480 Prozent.",
        "",
    ],
)
def test_other_values_and_units_are_not_480_billion_euros(source: str) -> None:
    assert found(BILLIONS_EUR, source) is None


def test_a_coarse_claim_is_found_by_a_precise_source_not_the_other_way() -> None:
    coarse = NumberRef(text="0,5 Billionen Euro", value=0.5e12, unit="Euro")
    assert found(coarse, "Der Fonds umfasst 480 Milliarden Euro.") == "480 Milliarden Euro"
    precise = NumberRef(text="75,8 Prozent", value=75.8, unit="Prozent")
    assert found(precise, "Die Zustimmung lag bei 76 %.") is None
    assert found(precise, "Die Zustimmung lag bei 75,80 %.") == "75,80 %"


@pytest.mark.parametrize(
    ("source", "passage"),
    [
        ("Die Zustimmung lag bei 76 %.", "76 %"),
        ("Die Zustimmung lag bei 76%.", "76%"),
        ("Approval stood at 76 percent.", "76 percent"),
        ("Approval stood at 76 per cent.", "76 per cent"),
        ("Die Zustimmung lag bei 75,8 Prozent.", "75,8 Prozent"),
    ],
)
def test_percentages_by_value_and_unit(source: str, passage: str) -> None:
    assert found(PERCENT, source) == passage


@pytest.mark.parametrize(
    "source",
    [
        "Die Zustimmung lag bei 77 Prozent.",
        "Es kamen 76 Menschen.",
        "Die Zustimmung stieg um 76 Prozentpunkte.",
        "Die Partei erhielt 76 Milliarden Stimmen.",
    ],
)
def test_a_percentage_needs_a_percentage(source: str) -> None:
    assert found(PERCENT, source) is None


def test_counts_of_people_across_languages() -> None:
    dead = NumberRef(text="drei Tote", value=3.0, unit="Tote")
    assert found(dead, "The storm left three dead.") == "three dead"
    assert found(dead, "Der Sturm forderte 3 Todesopfer.") == "3 Todesopfer"
    assert found(dead, "Der Sturm forderte 3 Verletzte.") is None
    crowd = NumberRef(text="1.500 Menschen", value=1500.0, unit="Menschen")
    assert found(crowd, "About 1,500 people marched.") == "1,500 people"


@pytest.mark.parametrize(
    ("ref", "precision"),
    [
        (BILLIONS, 1e9),
        (NumberRef("479,6 Milliarden", 479.6e9, ""), 1e8),
        (NumberRef("$1.13bn", 1.13e9, "USD"), 1e7),
        (PERCENT, 1.0),
        (NumberRef("drei Tote", 3.0, "Tote"), 0.0),
        (NumberRef("0 Euro", 0.0, "Euro"), 0.0),
    ],
)
def test_claim_precision_is_a_unit_of_the_last_written_digit(ref: NumberRef, precision: float) -> None:
    assert claim_precision(ref) == pytest.approx(precision)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Prozent", "%", True),
        ("per cent", "Prozent", True),
        ("US-Dollar", "USD", True),
        ("Euro", "EUR", True),
        ("Menschen", "people", True),
        ("", "Euro", True),
        ("", "%", False),
        ("Prozentpunkte", "Prozent", False),
        ("Tote", "Verletzte", False),
        ("Dollar", "Euro", False),
        ("Hrywnja", "hrywnja", True),
    ],
)
def test_units_compatible(a: str, b: str, same: bool) -> None:
    assert units_compatible(a, b) is same
    assert units_compatible(b, a) is same


def test_unit_group_names() -> None:
    assert unit_group(" Per  Cent ") == "percent"
    assert unit_group("") == ""


def test_check_numbers_reads_the_source_once_and_keeps_order() -> None:
    refs = (PERCENT, BILLIONS_EUR)
    checks = check_numbers(refs, "Mit 480 Mrd. Euro und 76 % Zustimmung.")
    assert [(c.text, c.found, c.passage) for c in checks] == [
        ("76 Prozent", True, "76 %"),
        ("480 Milliarden Euro", True, "480 Mrd. Euro"),
    ]
    assert check_numbers((), "480 Mrd. Euro") == ()


def test_a_longer_reading_replaces_the_extractors_shorter_one() -> None:
    (number,) = source_numbers("Kosten: €480 Mrd. laut Plan.")
    assert (number.values, number.unit) == ((480e9,), "EUR")


def test_vague_plurals_confirm_no_number() -> None:
    assert found(NumberRef("24 Tote", 24.0, "Tote"), "Es gab Dutzende Tote.") is None
    assert found(NumberRef("200 Menschen", 200.0, "Menschen"), "Hundreds of people came.") is None


def test_a_number_in_words_is_found_for_a_claim_in_digits() -> None:
    checks = check_numbers((NumberRef("3 Milliarden Euro", 3e9, "Euro"),), "Es fehlen drei Milliarden Euro.")
    assert checks[0].passage == "drei Milliarden Euro"


MIXED_SOURCE = (
    "Der Haushalt 2025 sieht 480 Mrd. Euro vor, 2,4 Prozent mehr als 2024. Über 1.500 Menschen protestierten, "
    "die Polizei sprach von 1,500 people. Die Kosten: €12,5 Mio. bzw. $13.6m; 76 % stimmten zu, "
    "0,48 Billionen Euro insgesamt, 3.000.000 Einwohner, 75,8 Prozent im Vorjahr und 479,6 Milliarden."
)


@pytest.mark.parametrize(
    "ref",
    [
        BILLIONS,
        BILLIONS_EUR,
        PERCENT,
        NumberRef("2,4 Prozent", 2.4, "Prozent"),
        NumberRef("1500 Menschen", 1500.0, "Menschen"),
        NumberRef("12,5 Millionen Euro", 12.5e6, "Euro"),
        NumberRef("13,6 Millionen Dollar", 13.6e6, "Dollar"),
        NumberRef("3 Millionen Einwohner", 3e6, "Einwohner"),
        NumberRef("75,8 %", 75.8, "%"),
        NumberRef("999 Tote", 999.0, "Tote"),
    ],
    ids=lambda ref: ref.text,
)
def test_reading_windows_finds_what_reading_the_whole_source_finds(ref: NumberRef) -> None:
    (windowed,) = check_numbers((ref,), MIXED_SOURCE)
    assert windowed == find_number(ref, MIXED_SOURCE, source_numbers(MIXED_SOURCE))
