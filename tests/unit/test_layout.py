"""Layout repair of PDF-pasted text, and the offset map back to the raw text."""

from __future__ import annotations

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
