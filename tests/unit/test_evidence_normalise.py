"""Normalised text for quote matching, and the offset map back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.evidence.normalise import normalise
from factcheck.evidence.quotes import check_quote

QUOTE = "Wir verhandeln nicht über die Köpfe der Menschen hinweg"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("„Guten Morgen“", "guten morgen"),
        ('"Guten Morgen"', "guten morgen"),
        ("«Guten Morgen»", "guten morgen"),
        ("‚Guten Morgen‘", "guten morgen"),
        ("it’s", "its"),
        ("it's", "its"),
        ("Ver\u00adhand\u00adlung", "verhandlung"),
        ("Ver\u200bhandlung", "verhandlung"),
        ("Verhand-\nlung", "verhandlung"),
        ("Verhand\u00ad\nlung", "verhandlung"),
        ("Verhand-  \r\n  lung", "verhandlung"),
        ("Ukraine-\nKrieg", "ukraine-krieg"),
        ("Mai – Juni", "mai - juni"),
        ("Mai — Juni", "mai - juni"),
        ("Mai \u2212 Juni", "mai - juni"),
        ("Nord\u2011Ost", "nord-ost"),
        ("  viel \n\n  Platz\t ", "viel platz "),
        ("STRASSE Straße", "strasse strasse"),
        ("Mu\u0308nchen", "münchen"),
        ("Er sagte: „ ja “ .", "er sagte: ja ."),
        ("", ""),
    ],
)
def test_normalised_forms(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


def test_a_dash_at_a_line_end_after_a_space_is_not_a_hyphenation() -> None:
    assert normalise("Er zögerte -\nund ging").text == "er zögerte - und ging"


@pytest.mark.parametrize(
    "raw",
    [
        "„Verhandlungen“ über\u00ad die Köp-\nfe — der Menschen",
        "Straße, Fuß; ﬁnal İstanbul",
        "a\n\n\nb \u00a0 c",
        '«x»  ‚y‘  "z"',
    ],
)
def test_every_normalised_character_maps_into_the_original(raw: str) -> None:
    norm = normalise(raw)
    previous = 0
    for i in range(len(norm.text)):
        start, end = norm.span_to_original(i, i + 1)
        assert previous <= start < end <= len(raw)
        previous = start
    assert norm.span_to_original(0, len(norm.text))[1] <= len(raw)


def test_a_span_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="not inside"):
        normalise("abc").span_to_original(2, 5)


@pytest.mark.parametrize(
    "source",
    [
        "Der Minister sagte: „wir verhandeln nicht über die Köpfe der Menschen hinweg“.",
        'Der Minister sagte: "Wir verhandeln nicht über die Köpfe der Menschen hinweg".',
        "Der Minister sagte: Wir ver\u00adhandeln nicht über die Köpfe der Men\u00adschen hinweg.",
        "Der Minister sagte: Wir verhan-\ndeln nicht über die Köpfe der\nMenschen hinweg.",
        "Der Minister sagte: WIR VERHANDELN NICHT ÜBER DIE KÖPFE DER MENSCHEN HINWEG!",
        "Der Minister sagte:\n\n  Wir   verhandeln nicht\tüber die Köpfe  der Menschen\n hinweg.",
    ],
    ids=["curly-and-case", "straight", "soft-hyphens", "line-break-hyphenation", "upper-case", "whitespace"],
)
def test_typographic_differences_still_read_verbatim(source: str) -> None:
    check = check_quote(QUOTE, normalise(source))
    assert check.outcome == "verbatim"
    assert check.start is not None and source[check.start : check.end] == check.passage
    assert check.passage is not None and check.passage.startswith(("Wir", "wir", "WIR"))
    assert check.passage.endswith(("hinweg", "HINWEG"))


def test_a_different_dash_in_the_quote_still_reads_verbatim() -> None:
    source = "Sie nannte es „ein Ende – vorerst“ und ging."
    check = check_quote("ein Ende - vorerst", normalise(source))
    assert check.outcome == "verbatim"
    assert check.passage == "ein Ende – vorerst"


WORDS = QUOTE.split()
GAPS = st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\u00a0", "\r\n"])
INSIDE = st.sampled_from(["\u00ad", "\u200b", "\ufeff"])


@st.composite
def disguised_sources(draw: st.DrawFn) -> str:
    """The quote inside a sentence, with arbitrary whitespace between words and soft hyphens or
    zero-width characters inside them."""
    out = []
    for word in WORDS:
        cuts = draw(st.lists(st.integers(1, max(1, len(word) - 1)), max_size=2, unique=True))
        pieces, last = [], 0
        for cut in sorted(cuts):
            pieces += [word[last:cut], draw(INSIDE)]
            last = cut
        out.append("".join([*pieces, word[last:]]))
        out.append(draw(GAPS))
    lead = draw(st.sampled_from(["Sie sagte: „", "Zitat:\n", "", "Er meinte, "]))
    tail = draw(st.sampled_from(["“, so der Minister.", ".", "", "\n\nWeiter im Text."]))
    return lead + "".join(out[:-1]) + tail


@settings(max_examples=150, deadline=None)
@given(disguised_sources())
def test_offsets_map_back_exactly_whatever_is_inserted(source: str) -> None:
    check = check_quote(QUOTE, normalise(source))
    assert check.outcome == "verbatim"
    assert check.start is not None and check.end is not None
    assert source[check.start : check.end] == check.passage
    assert normalise(check.passage or "").text == normalise(QUOTE).text
    assert check.passage is not None and check.passage[0] == "W" and check.passage[-1] == "g"
