"""Finding a claim's number in a source, by value and unit, whatever way and language the source writes it.

The numbers of the source are read by the extractor (`factcheck.extract.quantities.find_quantities`)
once as German and once as English: the source's language is not known, and "1.500" is 1500 in one and
1.5 in the other, so a span keeps every value it can mean. `_EXTRA_FORMS` reads forms the extractor does
not (left to its owners): a scale word ending in a dot ("480 Mrd. Euro", "3 Mio. Menschen") and a bare
number with digit groups ("480.000.000.000", "480,000,000,000").

A source number matches the claim's when its unit is compatible (units.py) and its value is the claim's
once rounded as the claim is written: |source − claim| <= max(half a unit of the claim's last written
digit, 0.5 % of the claim). So "rund 480 Milliarden" is found by "479,6 Milliarden" and by "478 billion"
(0.4 %), not by "475 Milliarden"; "480 Milliarden" is not found by a coarser "0,5 Billionen", while a claim
of "0,5 Billionen" is found by "480 Milliarden" (it rounds to it). A claim written in words ("drei Tote")
needs the exact value (within 0.5 %). Hedges ("rund", "mehr als") are not read.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass

from factcheck.evidence.context import context_around
from factcheck.evidence.model import NumberCheck, NumberRef
from factcheck.evidence.units import units_compatible
from factcheck.extract.quantities import UNITS, find_quantities

RELATIVE_TOLERANCE = 0.005

_DIGITS = re.compile(r"\d(?:[\d.,'’\u00a0\u202f ]*\d)?")
_PERCENT = re.compile(r"%|prozent|per ?cent", re.IGNORECASE)
_SCALES = {"mrd": 1e9, "mio": 1e6, "bio": 1e12, "tsd": 1e3}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}
_GROUPED = r"\d{1,3}(?P<sep>[.,'’\u202f\u00a0])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
# Written forms `find_quantities` does not read (as of issue 12).
_EXTRA_FORMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "scale-dot",
        re.compile(
            r"(?:(?P<cur>[$€£])\s?)?(?<![\w.,])(?P<num>\d+(?:[.,'’]\d+)*)\s?(?P<scale>Mrd|Mio|Bio|Tsd)\."
            r"(?:\s?(?P<unit>" + UNITS + r")(?!\w))?",
            re.IGNORECASE,
        ),
    ),
    (
        "grouped",
        re.compile(
            r"(?:(?P<cur>[$€£])\s?)?(?<![\w.,])(?P<num>" + _GROUPED + r")(?![\w]|[.,]\d)"
            r"(?:\s?(?P<unit>" + UNITS + r")(?!\w))?",
            re.IGNORECASE,
        ),
    ),
]


@dataclass(frozen=True)
class SourceNumber:
    """A number in the source: source_text[start:end], every value it can mean, and its unit ("" for none)."""

    start: int
    end: int
    values: tuple[float, ...]
    unit: str


def check_numbers(refs: tuple[NumberRef, ...], source_text: str) -> tuple[NumberCheck, ...]:
    """One NumberCheck per claim number, in order; the source's numbers are read once."""
    if not refs:
        return ()
    found = source_numbers(source_text)
    return tuple(find_number(ref, source_text, found) for ref in refs)


def find_number(ref: NumberRef, source_text: str, numbers: list[SourceNumber]) -> NumberCheck:
    """The first of `numbers` (from `source_numbers(source_text)`) that matches `ref` (module docstring)."""
    tolerance = max(claim_precision(ref) / 2, RELATIVE_TOLERANCE * abs(ref.value)) + 1e-9 * abs(ref.value)
    # a stored quantity without its unit: a percentage still reads as one from its text
    unit = ref.unit or ("%" if _PERCENT.search(ref.text) else "")
    for n in numbers:
        if units_compatible(unit, n.unit) and any(abs(v - ref.value) <= tolerance for v in n.values):
            return NumberCheck(
                text=ref.text,
                value=ref.value,
                unit=ref.unit,
                found=True,
                passage=source_text[n.start : n.end],
                start=n.start,
                end=n.end,
                context=context_around(source_text, n.start, n.end),
            )
    return NumberCheck(text=ref.text, value=ref.value, unit=ref.unit, found=False)


def claim_precision(ref: NumberRef) -> float:
    """A unit of the last digit the claim writes, in the value's units: "480 Milliarden" → 1e9,
    "479,6 Milliarden" → 1e8, "76 Prozent" → 1; 0 when the number is written in words or is 0."""
    m = _DIGITS.search(ref.text)
    if m is None or ref.value == 0:
        return 0.0
    significant = len(re.sub(r"\D", "", m.group()).lstrip("0")) or 1
    return 10.0 ** (math.floor(math.log10(abs(ref.value))) - significant + 1)


def source_numbers(source_text: str) -> list[SourceNumber]:
    """Every number with a unit or scale in the source (plus bare grouped numbers), in source order,
    one entry per span with the values of its German and English readings. Where an `_EXTRA_FORMS`
    reading covers the extractor's ("€480 Mrd." over "€480"), the longer one is kept; a unit the extractor
    cut inside a word ("480 billion euro|s") is taken to the word's end."""
    base: list[SourceNumber] = []
    for q in find_quantities(source_text, 0, len(source_text), "de"):
        values = [q.value]
        if re.search(r"\d[.,]\d", q.text):  # only then can the English reading differ
            values += [e.value for e in find_quantities(source_text, q.start, q.end, "en") if e.start == q.start]
        base.append(SourceNumber(q.start, _word_end(source_text, q.end), _distinct(values), q.unit))
    starts = [n.start for n in base]
    dropped: set[int] = set()
    kept: list[SourceNumber] = []
    for extra in _extra_numbers(source_text):
        i = bisect.bisect_left(starts, extra.end) - 1
        covered: list[int] = []
        while i >= 0 and base[i].end > extra.start:
            covered.append(i)
            i -= 1
        if all(extra.start <= base[k].start and base[k].end <= extra.end for k in covered):
            dropped.update(covered)
            kept.append(extra)
    out = [n for k, n in enumerate(base) if k not in dropped] + kept
    unique = {(n.start, n.end): n for n in out}
    return sorted(unique.values(), key=lambda n: n.start)


def _word_end(text: str, end: int) -> int:
    """`end`, moved past the rest of a word the extractor's unit cut short ("euro|s", "dollar|s")."""
    if end == 0 or not text[end - 1].isalpha():
        return end
    while end < len(text) and text[end].isalpha():
        end += 1
    return end


def _extra_numbers(text: str) -> list[SourceNumber]:
    out: list[SourceNumber] = []
    for rule, pattern in _EXTRA_FORMS:
        for m in pattern.finditer(text):
            scale = _SCALES[m.group("scale").lower()] if rule == "scale-dot" else 1.0
            values = _distinct([v * scale for v in _readings(m.group("num"))])
            unit = m.group("unit") or _CURRENCY.get(m.group("cur") or "", "")
            end = m.end() - (len(m.group()) - len(m.group().rstrip()))
            if values:
                out.append(SourceNumber(m.start(), end, values, unit))
    return out


def _readings(num: str) -> list[float]:
    """German ("1.500,5") and English ("1,500.5") readings of a written number that parse."""
    plain = re.sub(r"['’\u00a0\u202f ]", "", num)
    out: list[float] = []
    for reading in (plain.replace(".", "").replace(",", "."), plain.replace(",", "")):
        try:
            out.append(float(reading))
        except ValueError:
            continue
    return out


def _distinct(values: list[float | None]) -> tuple[float, ...]:
    return tuple(dict.fromkeys(v for v in values if v is not None))
