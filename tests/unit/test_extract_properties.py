"""Property: extraction never raises and every span is an exact slice of the input, on any Unicode."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.extract import extract_claims

# Text that looks a little like news (quotes, digits, months, names) mixed with arbitrary Unicode.
NEWSY = st.sampled_from(
    [
        "„",
        "“",
        "”",
        '"',
        "'",
        "»",
        "«",
        "‚",
        "‘",
        "’",
        ".",
        ",",
        ":",
        "?",
        "!",
        "–",
        "\n",
        "\n\n",
        " ",
        "sagte",
        "said",
        "laut",
        "zufolge",
        "Putin",
        "Mr",
        "Ms",
        "Dr.",
        "18.",
        "März",
        "2025",
        "Januar",
        "er",
        "sie",
        "she",
        "he",
        "Präsident",
        "Donald Trump",
        "Prozent",
        "%",
        "$",
        "€",
        "1,5",
        "gestern",
        "last week",
        "von 2017 bis 2019",
        "(SPD)",
        "Weißes Haus",
        "Kreml",
        "nach Angaben der",
    ]
)
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(NEWSY, st.text(max_size=6)), max_size=80).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, language=st.sampled_from(["de", "en"]), ref=st.one_of(st.none(), st.dates()))
def test_extraction_never_raises_and_spans_are_slices(text: str, language: str, ref: date | None) -> None:
    claims = extract_claims(text, language=language, article_date=ref)
    for c in claims:
        assert text[c.start : c.end] == c.text
        assert c.text.strip()
        assert 0.0 <= c.checkworthiness <= 1.0
        for d in c.dates:
            assert text[d.start : d.end] == d.text
        for q in c.quotes:
            assert text[q.start : q.end] == q.text
        for x in c.quantities:
            assert text[x.start : x.end] == x.text
        assert set(c.kinds) <= {"date", "quote", "attribution", "event", "quantity", "role", "time-relative", "place"}
    starts = [c.start for c in claims]
    assert starts == sorted(starts)
