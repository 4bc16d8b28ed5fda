"""Places: the hand list, the GeoNames gazetteer, and the passes that keep common words and parts of
organisation names out."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract.places import find_places


def p(text: str, language: str = "de", persons: list[tuple[int, int]] | None = None) -> list[str]:
    return [name for _, _, name in find_places(text, 0, len(text), language, persons)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Das Werk in Erlangen schließt, die Firma aus Cottbus zieht um.", "de", ["Erlangen", "Cottbus"]),
        ("Der Kreis Gütersloh meldet neue Fälle.", "de", ["Gütersloh"]),
        ("Erlangen hat mehr als 100.000 Einwohner.", "de", ["Erlangen"]),
        ("He grew up in Wolverhampton and moved to Mexico City.", "en", ["Wolverhampton", "Mexico City"]),
        ("Der Präsident reiste nach Mailand und Moskau.", "de", ["Mailand", "Moskau"]),
        ("Sie zog nach Essen und später nach Halle.", "de", ["Essen", "Halle"]),
        ("He lives in Reading near Bath.", "en", ["Reading", "Bath"]),
        ("Die Delegation kam aus Myanmar.", "de", ["Myanmar"]),
    ],
)
def test_places_from_the_lists_and_the_gazetteer(text: str, language: str, expected: list[str]) -> None:
    assert p(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Das Essen war gut, die Halle voll, im Hof stand der Zug.", "de"),
        ("Am Ende bleibt die Lage schwierig.", "de"),
        ("Reading is fun, and so is a hot bath in March.", "en"),
        ("Statistik Austria und die Universität Wien melden Zahlen.", "de"),
        ("Die Bank of England hob den Zins.", "de"),
        ("Energie Cottbus spielt gegen Hannover 96.", "de"),
        ("Police Scotland said the University of Michigan agreed.", "en"),
        ("Barack Obama met Janet Jackson.", "en"),
        ("Der Hamburger Hafen wächst.", "de"),
    ],
)
def test_common_words_and_organisation_names_are_no_places(text: str, language: str) -> None:
    assert p(text, language) == []


def test_a_place_inside_a_registered_name_is_skipped() -> None:
    text = "Die Deutsche Bank Berlin meldete Gewinne in Berlin."
    assert p(text, "de", persons=[(4, 26)]) == ["Berlin"]


def test_importing_the_extractor_does_not_read_the_gazetteer() -> None:
    import subprocess
    import sys

    code = "import sys, factcheck.extract; print('factcheck.extract.gazetteer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_gazetteer_is_kept_in_the_cache_folder_and_a_damaged_copy_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.extract import gazetteer as gz

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    gz.gazetteer.cache_clear()
    try:
        built = gz.gazetteer()
        cached = list(tmp_path.glob("geonames-*.marshal"))
        assert len(cached) == 1 and built["Cottbus"] > 15_000
        gz.gazetteer.cache_clear()
        assert gz.gazetteer() == built  # read back from the file
        cached[0].write_bytes(b"\x00 not marshal")
        gz.gazetteer.cache_clear()
        assert gz.gazetteer() == built  # rebuilt from the package
    finally:
        gz.gazetteer.cache_clear()


def test_month_abbreviations_are_no_places() -> None:
    from factcheck.extract import extract_claims

    (claim,) = extract_claims("Talks ran from Dec. 28 to Jan. 3 in Nice, according to a statement.", language="en")
    assert claim.places == ["Nice"]
    (claim,) = extract_claims("Fares rose in Sept. and Oct. 2024, the operator said.", language="en")
    assert claim.places == []
