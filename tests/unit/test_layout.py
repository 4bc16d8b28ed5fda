"""Layout repair of PDF-pasted text, and the offset map back to the raw text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.layout import repair_layout
from tests.conftest import SEED


def test_seed_article_repaired_into_clean_sentences() -> None:
    text = repair_layout(SEED.read_text(encoding="utf-8")).text
    assert "am 18. März 2025" in text
    assert "NATO-Mitgliedschaft" in text
    assert "„dröhnende Leere“" in text
    # the page break inside "das jüngste … Gespräch" is gone
    assert "das jüngste Gespräch zwischen Trump und Putin" in text
    # the blank lines inside "und der … internationalen Reaktionen" are gone
    assert "und der internationalen Reaktionen." in text
    for paragraph in text.split("\n\n"):
        assert "\n" not in paragraph


def test_seed_headings_are_paragraphs_of_their_own() -> None:
    repaired = repair_layout(SEED.read_text(encoding="utf-8"))
    headings = [repaired.text[p.start : p.end] for p in repaired.paragraphs if p.heading]
    assert headings == ["Reaktionen und Proteste", "Ausblick und weitere Entwicklungen"]


def test_line_end_hyphenation_rejoined_but_real_hyphens_kept() -> None:
    raw = (
        "Die Bundes-\nregierung lehnte den Antrag ab, sagte die CDU-\nVorsitzende am\n"
        "Montag. Der NATO-\nBeitritt und die Ein- \nund Ausfuhr von 2017-\n2019 blieben offen.\n"
    )
    text = repair_layout(raw).text
    assert "Bundesregierung lehnte" in text
    assert "CDU-Vorsitzende am Montag." in text
    assert "NATO-Beitritt" in text
    assert "Ein- und Ausfuhr" in text
    assert "2017-2019" in text


def test_date_split_over_lines_stays_intact() -> None:
    text = repair_layout("Das Treffen fand am 18.\nMärz 2025 in Paris statt.").text
    assert text == "Das Treffen fand am 18. März 2025 in Paris statt."


def test_running_headers_and_page_numbers_removed_inside_sentence() -> None:
    page = "Die Zeitung – Politik\n"
    raw = (
        page
        + "Der Minister erklärte am Montag, die Reform\nwerde verschoben.\n\n- 1 -\n\f"
        + page
        + "Der Haushalt für das Jahr 2026 sieht\nMehrausgaben vor.\n\nSeite 2 von 4\n\f"
        + page
        + "Die Opposition kritisierte die\n\n- 3 -\n\f"
        + page
        + "Pläne scharf.\n\n"
        + "Seite 4 von 4\n"
        + page
    )
    text = repair_layout(raw).text
    assert "Die Zeitung" not in text
    assert "Seite" not in text
    assert "- 1 -" not in text
    assert "Die Opposition kritisierte die Pläne scharf." in text


def test_offsets_trace_every_copied_character_back_to_raw() -> None:
    raw = SEED.read_text(encoding="utf-8")
    repaired = repair_layout(raw)
    for seg in repaired.map.segments:
        if seg.copied:
            assert repaired.text[seg.out_start : seg.out_start + seg.length] == raw[seg.raw_start : seg.raw_end]
    start = repaired.text.index("18. März 2025")
    raw_start, raw_end = repaired.raw_span(start, start + len("18. März 2025"))
    assert raw[raw_start:raw_end] == "18.\nMärz 2025"


def test_markdown_headings_and_lists() -> None:
    raw = "# Große Überschrift\n\nErster Absatz\nüber zwei Zeilen.\n\n- Punkt eins\n- Punkt zwei\n"
    repaired = repair_layout(raw, markdown=True)
    assert repaired.text.split("\n\n") == [
        "Große Überschrift",
        "Erster Absatz über zwei Zeilen.",
        "- Punkt eins",
        "- Punkt zwei",
    ]
    assert repaired.paragraphs[0].heading


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab- .\n\f\r\tÄ„“1")), max_size=200))
def test_repair_never_raises_and_copied_segments_match(raw: str) -> None:
    repaired = repair_layout(raw)
    total = 0
    for seg in repaired.map.segments:
        assert seg.out_start == total
        total += seg.length
        if seg.copied:
            assert repaired.text[seg.out_start : seg.out_start + seg.length] == raw[seg.raw_start : seg.raw_end]
    assert total == len(repaired.text)
    for i in range(len(repaired.text) + 1):
        assert 0 <= repaired.map.to_raw(i) <= len(raw)


def test_running_header_that_occurs_once_is_dropped_at_a_page_break() -> None:
    raw = (
        "Title\n\nShares in the group fell sharply on Monday.\nAnalysts said the company\n\n\n"
        "Page 1\n\f\nTHE DAILY EXAMPLE | Business\n\n"
        "would struggle this year.\n\nA heading\n\nThe next paragraph starts here."
    )
    text = repair_layout(raw).text
    assert "Analysts said the company would struggle this year." in text
    assert "EXAMPLE" not in text
    assert "A heading" in text


def test_wrapped_title_is_not_joined_to_the_dateline() -> None:
    raw = "Group warns on profits as wage costs\nbite\n\nLONDON, July 24, 2025 - The group cut its forecast."
    text = repair_layout(raw).text
    assert text.startswith("Group warns on profits as wage costs bite\n\nLONDON")


# ---------------------------------------------------------------- no text lost: repetition is not a header


def _assert_exact_map(raw: str, repaired) -> None:
    total = 0
    for seg in repaired.map.segments:
        assert seg.out_start == total
        total += seg.length
        if seg.copied:
            assert repaired.text[seg.out_start : seg.out_start + seg.length] == raw[seg.raw_start : seg.raw_end]
    assert total == len(repaired.text)


def test_repeated_sentences_that_differ_only_in_numbers_are_kept() -> None:
    raw = "Rekord\n" + "".join(f"Die Quote lag {year} bei 5 Prozent.\n" for year in range(2019, 2023))
    text = repair_layout(raw).text
    for year in range(2019, 2023):
        assert f"Die Quote lag {year} bei 5 Prozent." in text


def test_an_article_pasted_three_times_keeps_every_line() -> None:
    seed = SEED.read_text(encoding="utf-8")
    once = repair_layout(seed).text
    thrice = repair_layout("\n\n".join([seed] * 3)).text
    assert thrice.count("Reaktionen und Proteste") == 3
    assert len(thrice) >= 3 * len(once)


def test_running_header_and_footer_without_form_feeds_are_found_by_position() -> None:
    def page(number: int, body: str) -> str:
        return f"DIE ZEITUNG | Politik\n\n{body}\n\nSeite {number}\n"

    raw = (
        page(1, "Der Minister sagte am Montag, die\nReform komme.")
        + page(2, "Die Opposition lehnte das ab.")
        + page(3, "Weitere Sätze folgen hier.")
    )
    text = repair_layout(raw).text
    assert "ZEITUNG" not in text
    assert text.split("\n\n") == [
        "Der Minister sagte am Montag, die Reform komme.",
        "Die Opposition lehnte das ab.",
        "Weitere Sätze folgen hier.",
    ]


def test_a_line_that_reads_as_a_sentence_is_never_a_running_header() -> None:
    # at every page break, but a full sentence: content, not furniture
    raw = "\f".join(f"Die Lage bleibt angespannt.\n\nBericht {n} folgt mit Zahlen.\n\n- {n} -\n" for n in range(1, 5))
    assert repair_layout(raw).text.count("Die Lage bleibt angespannt.") == 4


# ---------------------------------------------------------------- character repair, offsets exact


def test_mojibake_is_repaired_and_traced_to_the_raw_bytes() -> None:
    raw = "Die GebÃ¼hren in KÃ¶ln steigen um 4 Prozent.\nâ€žDas ist zu vielâ€œ, sagte er."
    repaired = repair_layout(raw)
    assert repaired.text == "Die Gebühren in Köln steigen um 4 Prozent. „Das ist zu viel“, sagte er."
    start = repaired.text.index("Gebühren")
    a, b = repaired.raw_span(start, start + len("Gebühren"))
    assert raw[a:b] == "GebÃ¼hren"
    assert any("mojibake" in note for note in repaired.notes)
    _assert_exact_map(raw, repaired)


@pytest.mark.parametrize(
    "text",
    [
        "Ärger über Straße – „Zitat“ kostet 5 € … Öl, Übermaß, süß.",
        "He said “hello” — it’s fine… a café in Zürich, naïve, Ångström, £5, 20 °C, 3×4 m², ½ Liter.",
        "Größe: ±5 % «so» ‚einfach‘ › weiter ‹ · ©2024 ®",
        "Ça coûte très cher à Genève, sagte Müller. Die Ä-Klasse.",
    ],
)
def test_legitimate_text_is_not_over_fixed(text: str) -> None:
    repaired = repair_layout(text)
    assert repaired.text == text
    assert repaired.notes == ()


def test_soft_hyphens_are_folded_mid_word_at_line_end_and_on_a_line_of_their_own() -> None:
    raw = "Der Verkehrs\n\xad\nminister sagte, die Bundes\xad\nregierung plane eine Stra\xadßenreform."
    repaired = repair_layout(raw)
    assert repaired.text == "Der Verkehrsminister sagte, die Bundesregierung plane eine Straßenreform."
    start = repaired.text.index("Verkehrsminister")
    a, b = repaired.raw_span(start, start + len("Verkehrsminister"))
    assert raw[a:b] == "Verkehrs\n\xad\nminister"
    _assert_exact_map(raw, repaired)


def test_ligatures_are_folded() -> None:
    raw = "Die Stadt Oﬀenbach legte den ﬁnancial report vor; der Abﬂuss stieg."
    repaired = repair_layout(raw)
    assert repaired.text == "Die Stadt Offenbach legte den financial report vor; der Abfluss stieg."
    start = repaired.text.index("Offenbach")
    assert raw[slice(*repaired.raw_span(start, start + len("Offenbach")))] == "Oﬀenbach"
    _assert_exact_map(raw, repaired)


@pytest.mark.parametrize(
    "hostile",
    ["\x1b]0;pwned\x07", "\x1b[2J", "\x1b[?1049h", "\x1b]8;;https://x.example\x1b\\", "\x07", "\x9b", "\x1b", "\x00"],
)
def test_control_characters_and_escape_sequences_never_reach_the_repaired_text(hostile: str) -> None:
    raw = f"Der Minister{hostile} sagte am Montag in Berlin, die Steuer steige um 5 Prozent.\f\nSeite 2\n\fNeu."
    repaired = repair_layout(raw)
    assert repaired.text == "Der Minister sagte am Montag in Berlin, die Steuer steige um 5 Prozent.\n\nNeu."
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", repaired.text)
    start = repaired.text.index("sagte")
    assert raw[slice(*repaired.raw_span(start, start + 5))] == "sagte"
    _assert_exact_map(raw, repaired)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab- .\n\f\r\tÄ\xad\ufb01\x1b[]\x07\x9bÃ¼€„“1")), max_size=200))
def test_cleaning_keeps_the_map_exact_on_any_input(raw: str) -> None:
    repaired = repair_layout(raw)
    _assert_exact_map(raw, repaired)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\ufb00-\ufb06]", repaired.text)
    for i in range(len(repaired.text) + 1):
        assert 0 <= repaired.map.to_raw(i) <= len(raw)
