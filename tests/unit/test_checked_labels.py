"""Publisher rating labels onto our scale (German and English)."""

from __future__ import annotations

import pytest

from factcheck.checked.labels import key_from_value, lookup_label, map_label, rating_labels
from factcheck.ratings import BY_KEY


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("falsch", "false"),
        ("Falsch", "false"),
        ("größtenteils falsch", "mostly-false"),
        ("Größtenteils falsch", "mostly-false"),
        ("überwiegend richtig", "mostly-true"),
        ("teilweise richtig", "half-true"),
        ("Fehlender Kontext", "missing-context"),
        ("irreführend", "misleading"),
        ("falsch zugeschrieben", "misattributed"),
        ("unbelegt", "unverifiable"),
        ("frei erfunden", "false"),
        ("Pants on Fire", "false"),
        ("pants-fire", "false"),
        ("Pants on Fire!", "false"),
        ("Mostly False", "mostly-false"),
        ("barely-true", "mostly-false"),
        ("Mixture", "half-true"),
        ("half-true", "half-true"),
        ("Mostly True", "mostly-true"),
        ("TRUE", "true"),
        ("Unproven", "unverifiable"),
        ("Miscaptioned", "misleading"),
        ("Four Pinocchios", "false"),
        ("outdated", "outdated"),
        ("False. The photo was taken in 2015.", "false"),
        ("Mostly false: the figure is from 2019", "mostly-false"),
    ],
)
def test_known_labels(label: str, key: str) -> None:
    assert map_label(label) == key
    assert key in BY_KEY


@pytest.mark.parametrize("label", ["Wildly exaggerated", "Needs a lot of context", "Spin zone"])
def test_unknown_labels_stay_unmapped_instead_of_becoming_a_verdict(label: str) -> None:
    assert map_label(label) == "unmapped"


@pytest.mark.parametrize("label", ["", "   ", "half-flip"])
def test_no_label_and_flip_o_meter_labels_are_unverifiable(label: str) -> None:
    assert map_label(label) == "unverifiable"


def test_an_unmapped_rating_is_shown_with_the_publishers_label() -> None:
    assert rating_labels("unmapped", "Spin zone") == ("Spin zone (unmapped)", "Spin zone (nicht zugeordnet)")
    assert rating_labels("false", "Pants on Fire") == ("false", "falsch")


def test_lookup_tells_unknown_apart() -> None:
    assert lookup_label("Wildly exaggerated") is None
    assert lookup_label("unverifiable") == "unverifiable"


def test_our_own_scale_round_trips() -> None:
    for key, rating in BY_KEY.items():
        assert map_label(rating.en) == key
        assert map_label(rating.de) == key


@pytest.mark.parametrize(
    ("value", "best", "worst", "key"),
    [(1, 5, 1, "false"), (5, 5, 1, "true"), (3, 5, 1, "half-true"), (0, 10, 0, "false"), (9, 10, 0, "true")],
)
def test_numeric_rating_values(value: float, best: float, worst: float, key: str) -> None:
    assert key_from_value(value, best, worst) == key


def test_numeric_out_of_range() -> None:
    assert key_from_value(7, 5, 1) is None
    assert key_from_value(1, 1, 1) is None
