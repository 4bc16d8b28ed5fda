"""Dates found by ISO value in any written form, German or English, at the claim's precision."""

from __future__ import annotations

import pytest

from factcheck.evidence.dates import check_dates, find_date
from factcheck.evidence.model import DateRef

DAY = DateRef(text="18. März 2025", value="2025-03-18")


@pytest.mark.parametrize(
    "written",
    [
        "18. März 2025",
        "18.3.2025",
        "18.03.2025",
        "18.03.25",
        "18. Mär. 2025",
        "18.März 2025",
        "March 18, 2025",
        "March 18th, 2025",
        "18 March 2025",
        "2025-03-18",
        # forms the extractor's parser does not read, handled in evidence/dates.py
        "18th of March 2025",
        "18. 3. 2025",
        "Mar. 18, 2025",
        "18 Mar 2025",
        "18/03/2025",
        "03/18/2025",
    ],
)
def test_every_written_form_of_the_day_is_found(written: str) -> None:
    source = f"Die Delegationen trafen sich am {written} in Genf. The talks on {written} lasted hours."
    check = find_date(DAY, source)
    assert check.found
    assert check.passage == written
    assert check.start is not None and source[check.start : check.end] == written
    assert check.context is not None and written in check.context


def test_a_date_broken_over_lines_is_found_with_its_original_offsets() -> None:
    source = "Das Treffen fand am 18.\n    März 2025 statt."
    check = find_date(DAY, source)
    assert check.found
    assert check.passage == "18.\n    März 2025"


@pytest.mark.parametrize(
    "source",
    [
        "Das Treffen fand am 17. März 2025 statt.",
        "Das Treffen fand am 18. April 2025 statt.",
        "Das Treffen fand am 18. März 2024 statt.",
        "Das Treffen fand gestern statt.",
        "Im März 2025 gab es 18 Treffen.",
        "",
    ],
)
def test_another_day_or_no_day_is_not_found(source: str) -> None:
    check = find_date(DAY, source)
    assert not check.found
    assert (check.passage, check.start, check.end, check.context) == (None, None, None, None)


@pytest.mark.parametrize(
    "source",
    [
        "Trump und Putin telefonierten am 18. März miteinander.",
        "Trump and Putin spoke on March 18 for two hours.",
        "Trump and Putin spoke on the 18th of March.",
        "Seit Januar 2025 gab es drei Gespräche, das letzte am 18. März.",
    ],
)
def test_a_day_without_a_year_counts_when_the_source_holds_no_other_year(source: str) -> None:
    assert find_date(DAY, source).found


@pytest.mark.parametrize(
    "source",
    [
        "Im Jahr 2019 telefonierten sie am 18. März miteinander.",
        "Am 18. März 2024 sprachen sie, und auch am 18. März redeten sie lange.",
        "Bereits am 18.03.2023 hatte es ein Telefonat gegeben; am 18. März folgte das nächste.",
    ],
)
def test_a_day_without_a_year_does_not_count_when_the_source_gives_another_year(source: str) -> None:
    assert not find_date(DAY, source).found


def test_a_day_with_its_year_is_preferred_to_the_same_day_without() -> None:
    source = "Am 18. März telefonierten sie. Das Kreml-Protokoll nennt den 18.03.2025."
    assert find_date(DAY, source).passage == "18.03.2025"


@pytest.mark.parametrize(
    ("value", "source", "passage"),
    [
        ("2025-03", "Im März 2025 gab es mehrere Telefonate.", "März 2025"),
        ("2025-03", "Several calls took place in March 2025.", "March 2025"),
        ("2025-03", "Am 18. März 2025 telefonierten sie.", None),  # a day is not the month stated
        ("2025", "Im Jahr 2025 telefonierten sie mehrmals.", "2025"),
        ("2025", "Am 18. März 2025 telefonierten sie.", None),  # the year stands inside a date
        ("2018/2019", "Die Gespräche ruhten zwischen 2018 und 2019.", "zwischen 2018 und 2019"),
        ("2025-W12", "In der zwölften Woche 2025.", None),
    ],
)
def test_months_and_years_are_found_only_as_stated(value: str, source: str, passage: str | None) -> None:
    check = find_date(DateRef(text=value, value=value), source)
    assert check.found is (passage is not None)
    assert check.passage == passage


def test_check_dates_keeps_the_claims_order() -> None:
    refs = (DateRef("18. März 2025", "2025-03-18"), DateRef("2018", "2018"), DateRef("Mai 2025", "2025-05"))
    checks = check_dates(refs, "Nach dem Treffen 2018 folgte am 18. März 2025 ein Telefonat.")
    assert [c.value for c in checks] == ["2025-03-18", "2018", "2025-05"]
    assert [c.found for c in checks] == [True, True, False]


def test_relative_dates_never_count() -> None:
    source = "Heute, am Dienstag, telefonierten sie; gestern hatten sie es angekündigt."
    assert not find_date(DateRef("heute", "2025-03-18"), source).found
