"""The article timeline on texts of our own (German and English): chronological order across precisions
and ranges, relative dates with what they were resolved against, and each conflict rule."""

from __future__ import annotations

from datetime import date

from factcheck.extract import article_dateline, extract_claims
from factcheck.timeline import MEMORY, Entry, Timeline, build_timeline, claim_entries, span_of


def timeline_of(text: str, language: str) -> Timeline:
    """What services.timeline does, without a store: extract, one entry per dated claim, lay out."""
    dateline = article_dateline(text)
    reference = dateline.date.isoformat() if dateline else None
    entries: list[Entry] = []
    for number, claim in enumerate(extract_claims(text, language=language), start=1):
        data = claim.to_dict()
        entries += claim_entries(
            number,
            claim.text,
            claim.start,
            data["dates"],
            time_cues=data["time_cues"],
            as_of=claim.as_of,
            reference=reference,
            dateline=(dateline.start, dateline.end) if dateline else None,
        )
    return build_timeline(entries, reference)


def values(timeline: Timeline) -> list[str]:
    return [e.value for e in timeline.entries]


def conflicts(timeline: Timeline) -> dict[str, list[str]]:
    return {e.text: [c.text() for c in e.conflicts] for e in timeline.entries if e.conflicts}


def test_spans_of_each_precision() -> None:
    assert span_of("2017") == (date(2017, 1, 1), date(2017, 12, 31), "year")
    assert span_of("2024-02") == (date(2024, 2, 1), date(2024, 2, 29), "month")
    assert span_of("2023-12") == (date(2023, 12, 1), date(2023, 12, 31), "month")
    assert span_of("2017-01-28") == (date(2017, 1, 28), date(2017, 1, 28), "day")
    assert span_of("2023-06-07/2023-06-09") == (date(2023, 6, 7), date(2023, 6, 9), "range")
    assert span_of("2019-02-30") is None and span_of("2025/2023") is None and span_of("März") is None


GERMAN = (
    "Kiel, 14. Oktober 2024 (dpa) - Die Fähre nach Amrum fuhr erstmals am 3. Mai 1998.\n\n"
    "Vom 7. bis 9. Juni 2023 ruhte der Betrieb wegen eines Streiks der Besatzung.\n\n"
    "Am Freitag kündigte die Reederei einen neuen Fahrplan an.\n\n"
    "Im Jahr 2010 wurde der Hafen erweitert.\n\n"
    "Der letzte Streik fand im März 2021 statt, teilte die Gewerkschaft mit."
)


def test_german_claims_in_order_of_time_across_precisions_and_ranges() -> None:
    timeline = timeline_of(GERMAN, "de")
    assert timeline.article_date == "2024-10-14"
    ordered = values(timeline)
    assert ordered.index("1998-05-03") < ordered.index("2010") < ordered.index("2021-03")
    assert ordered.index("2021-03") < ordered.index("2023-06-07/2023-06-09") < len(ordered)
    ranged = next(e for e in timeline.entries if e.precision == "range")
    assert (ranged.start, ranged.end) == (date(2023, 6, 7), date(2023, 6, 9))


def test_a_relative_date_says_what_it_was_resolved_against() -> None:
    timeline = timeline_of(GERMAN, "de")
    friday = next(e for e in timeline.entries if "Am Freitag" in e.text)
    assert friday.relative and friday.resolved_against == "2024-10-14"
    assert friday.value == "2024-10-11"  # the Friday before a Monday's report: the past tense says so
    assert all(not e.relative and e.resolved_against is None for e in timeline.entries if e is not friday)


def test_the_latest_of_a_kind_with_a_later_one_of_that_kind_is_a_conflict() -> None:
    found = conflicts(timeline_of(GERMAN, "de"))
    ((text, reasons),) = found.items()
    assert text.startswith("Der letzte Streik") and reasons == [
        "called the latest, but claim 2 (2023-06-07/2023-06-09) is later"
    ]


def test_the_latest_is_time_sensitive_as_of_the_dateline() -> None:
    latest = next(e for e in timeline_of(GERMAN, "de").entries if e.text.startswith("Der letzte"))
    assert latest.time_sensitive and latest.as_of == "2024-10-14"


ENGLISH = (
    "LONDON, 12 March 2026 - The first meeting between the two leaders took place in June 2019.\n\n"
    "They had already met in Geneva in May 2018, officials said.\n\n"
    "Talks resumed in 2024.\n\n"
    "Another summit followed in January 2017."
)


def test_english_first_called_first_after_an_earlier_one_and_a_sequence_told_out_of_order() -> None:
    timeline = timeline_of(ENGLISH, "en")
    assert values(timeline) == ["2017-01", "2018-05", "2019-06", "2024"]
    found = {text.split(" - ")[-1]: reasons for text, reasons in conflicts(timeline).items()}
    assert found == {
        "The first meeting between the two leaders took place in June 2019.": [
            "called the first, but claim 4 (2017-01) is earlier"
        ],
        "Another summit followed in January 2017.": ["told as coming after claim 3 (2024), but dated before it"],
    }


def test_a_first_meeting_is_not_contradicted_by_an_earlier_phone_call() -> None:
    text = (
        "Die beiden telefonierten am 28. Januar 2017.\n\n"
        "Beim ersten persönlichen Treffen im Juli 2017 in Hamburg sprachen sie über Syrien.\n\n"
        "Der erste Kontakt fand im März 2017 statt."
    )
    found = conflicts(timeline_of(text, "de"))
    assert list(found) == ["Der erste Kontakt fand im März 2017 statt."]  # a call on 28 January came first
    assert found["Der erste Kontakt fand im März 2017 statt."] == [
        "called the first, but claim 1 (2017-01-28) is earlier"
    ]


def test_not_until_with_an_event_of_its_kind_in_between_is_a_conflict() -> None:
    text = (
        "Die beiden trafen sich im Juli 2017 in Hamburg.\n\n"
        "Erst 2025 trafen sie sich wieder, in Alaska.\n\n"
        "Im Juni 2021 gab es ein Treffen in Genf."
    )
    found = conflicts(timeline_of(text, "de"))
    assert found == {
        "Erst 2025 trafen sie sich wieder, in Alaska.": ["says not until then, but claim 3 (2021-06) comes in between"]
    }


def test_told_before_but_dated_after() -> None:
    text = "Die Brücke wurde im Mai 2019 gesperrt.\n\nZuvor war sie im August 2020 saniert worden."
    assert conflicts(timeline_of(text, "de")) == {
        "Zuvor war sie im August 2020 saniert worden.": ["told as coming before claim 1 (2019-05), but dated after it"]
    }


def test_memory_entries_are_placed_by_date_and_never_judged() -> None:
    article = timeline_of(ENGLISH, "en").entries
    remembered = Entry(MEMORY, "2018-07-16", "day", date(2018, 7, 16), date(2018, 7, 16), "16 July 2018", "Helsinki")
    timeline = build_timeline([*article, remembered], "2026-03-12")
    assert values(timeline) == ["2017-01", "2018-05", "2018-07-16", "2019-06", "2024"]
    assert remembered.conflicts == []


def test_a_conflict_reads_in_german_too_and_keeps_its_parts_for_json() -> None:
    text = "Die Brücke wurde im Mai 2019 gesperrt.\n\nZuvor war sie im August 2020 saniert worden."
    (conflict,) = next(e for e in timeline_of(text, "de").entries if e.conflicts).conflicts
    assert conflict.text("de") == "als vor Aussage 1 (2019-05) erzählt, aber später datiert"
    assert conflict.to_dict() == {
        "rule": "before",
        "claim_id": 1,
        "value": "2019-05",
        "text": "told as coming before claim 1 (2019-05), but dated after it",
    }


def test_a_claim_with_two_dates_does_not_contradict_itself() -> None:
    text = "Der erste Streik fand 2022 statt, schon im Jahr 2021 hatte es Warnstreiks gegeben."
    assert conflicts(timeline_of(text, "de")) == {}
