"""Inputs that once made a regular expression or the mojibake repair superlinear (found by an attack on
the extractor, issue 13): doubling the input must at most roughly double the time. Best of three runs
each, as tests/unit/test_extract_worst_case.py does."""

from __future__ import annotations

import time

from factcheck.extract import extract_claims
from factcheck.text.layout import repair_layout

_NAMES = [
    "Baden-Württemberg",
    "Nordrhein-Westfalen",
    "Mecklenburg-Vorpommern",
    "Schleswig-Holstein",
    "Rheinland-Pfalz",
    "Sachsen-Anhalt",
    "Berlin-Brandenburg",
    "Rhein-Main-Gebiet",
    "Nord-Ostsee-Kanal",
    "Elbe-Weser-Dreieck",
    "Saar-Lor-Lux",
    "Ober-Unter-Mittel-Gebiet",
]


def dateline_then_hyphenated_names(n: int) -> str:
    """A dateline whose sentence goes on with capitalised hyphenated names (each joint once doubled the
    dateline check's work)."""
    names = [_NAMES[i % len(_NAMES)] for i in range(n)]
    return "Berlin, 14. November 2024 – " + ", ".join(names) + " wollen enger zusammenarbeiten."


def punctuation_run(n: int) -> str:
    return "Ende" + "…" * n


def garbled_line(n: int) -> str:
    unit = "Die GrÃ¶ÃŸe der BehÃ¶rde ist Ã¼berraschend, sagte MÃ¼ller am Montag. "
    return (unit * (n // len(unit) + 1))[:n]


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        r = repair_layout(text)
        extract_claims(r.text, language="de", paragraphs=r.paragraphs)
        best = min(best, time.perf_counter() - t0)
    return best


def _ratio(gen, small: int) -> float:
    _seconds(gen(small))  # (warm-up)
    return _seconds(gen(2 * small)) / _seconds(gen(small))


def test_a_dateline_before_hyphenated_names_is_linear() -> None:
    assert _ratio(dateline_then_hyphenated_names, 8) < 3.2


def test_a_run_of_terminal_punctuation_is_linear() -> None:
    assert _ratio(punctuation_run, 10_000) < 3.2


def test_a_long_garbled_line_is_repaired_in_linear_time() -> None:
    assert _ratio(garbled_line, 8_000) < 3.2
    assert repair_layout(garbled_line(8_000)).text.startswith("Die Größe der Behörde ist überraschend")
