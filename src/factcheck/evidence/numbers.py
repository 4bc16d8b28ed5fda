"""Finding a claim's number in a source, by value and unit, whatever way and language the source writes it.

The numbers of the source are read by the extractor (`factcheck.extract.quantities.find_quantities`)
once as German and once as English: the source's language is not known, and "1.500" is 1500 in one and
1.5 in the other, so a span keeps every value it can mean. `_EXTRA_FORMS` reads forms the extractor does
not (left to its owners): a scale word ending in a dot ("480 Mrd. Euro", "3 Mio. Menschen") and a bare
number with digit groups ("480.000.000.000", "480,000,000,000").

A source number matches the claim's when its unit is compatible (units.py), its value is the claim's once
rounded as the claim is written: |source − claim| <= max(half a unit of the claim's last written digit,
0.5 % of the claim), and it is written at least as precisely as the claim (its last digit no coarser; the
claim's trailing zeros may be placeholders). So "rund 480 Milliarden" is found by "479,6 Milliarden", by
"0,48 Billionen" and by "478 billion" (0.4 %), not by "475 Milliarden"; "480 Milliarden" is not found by
a coarser "0,5 Billionen" nor "75,8 %" by "76 %", while a claim of "0,5 Billionen" is found by
"480 Milliarden" (it rounds to it). A claim written in words ("drei Tote") needs the value within 0.5 %.
Hedges ("rund", "mehr als") are not read; vague plurals ("Dutzende", "Hunderte", "thousands"), which the
extractor reads as 24, 200, 2000, confirm no number.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.evidence.context import context_around
from factcheck.evidence.model import NumberCheck, NumberRef
from factcheck.evidence.units import units_compatible
from factcheck.extract.quantities import UNITS, find_quantities

RELATIVE_TOLERANCE = 0.005

_DIGITS = re.compile(r"\d(?:[\d.,'’\u00a0\u202f ]*\d)?")
_DIGIT_RUN = re.compile(r"\d+(?:[.,'’\u00a0\u202f]\d+)*")
# Leading digits (1 <= m < 10) of the values the extractor's number words give ("zwei".."zwölf", "zwanzig",
# "dreißig", "hundert", "tausend", "Dutzend" in factcheck/extract/quantities.py).
_WORD_MANTISSAS = (1.0, 1.1, 1.2, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0)
# The extractor reads "Dutzende" as 24 and "Hunderte" as 200; a checker does not: no such word confirms a number.
_VAGUE = re.compile(r"(?:dutzende|hunderte|tausende|dozens|hundreds|thousands)\b", re.IGNORECASE)
_SEPARATED = re.compile(r"\d[.,]\d")
_PERCENT = re.compile(r"%|prozent|per ?cent", re.IGNORECASE)
_SCALES = {"mrd": 1e9, "mio": 1e6, "bio": 1e12, "tsd": 1e3}
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}
_GROUPED = r"\d{1,3}(?P<sep>[.,'’\u202f\u00a0])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d+)?"
# Written forms `find_quantities` does not read (as of issue 12). The patterns start at the digits (no
# leading currency or lookbehind: those keep the regex engine from skipping ahead, 10x slower on a
# megabyte); the currency before and the unit after are read separately.
_EXTRA_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("scale-dot", re.compile(r"(?P<num>\d+(?:[.,'’]\d+)*)\s?(?P<scale>Mrd|Mio|Bio|Tsd|mrd|mio)\.")),
    ("grouped", re.compile(r"(?P<num>" + _GROUPED + r")(?!\w|[.,]\d)")),
]
_UNIT_AFTER = re.compile(r"\s?(" + UNITS + r")(?!\w)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"([$€£])\s?$")


@dataclass(frozen=True)
class SourceNumber:
    """A number in the source: source_text[start:end], every value it can mean, and its unit ("" for none)."""

    start: int
    end: int
    values: tuple[float, ...]
    unit: str


def check_numbers(refs: tuple[NumberRef, ...], source_text: str) -> tuple[NumberCheck, ...]:
    """One NumberCheck per claim number, in order.

    For speed, the extractor reads only windows around digit runs whose leading digits could give the
    claim's value (a megabyte of figures: ~0.05 s instead of ~0.3 s); a value that number words can give
    ("drei Tote", "zwei Milliarden": `_WORD_MANTISSAS`) needs the whole source read, once per source.
    """
    whole: list[SourceNumber] | None = None
    digits: list[tuple[float, int, int]] | None = None
    out: list[NumberCheck] = []
    for ref in refs:
        lo, hi = abs(ref.value) - tolerance(ref), abs(ref.value) + tolerance(ref)
        if lo <= 0 or hi >= 10 * lo or _may_be_words(lo, hi):
            whole = source_numbers(source_text) if whole is None else whole
            out.append(find_number(ref, source_text, whole))
            continue
        digits = _digit_runs(source_text) if digits is None else digits
        near = [(s, e) for m, s, e in digits if _mantissa_between(m, lo, hi)]
        out.append(find_number(ref, source_text, source_numbers(source_text, _windows(source_text, near))))
    return tuple(out)


def tolerance(ref: NumberRef) -> float:
    """How far a source value may lie from the claim's: half a unit of its last written digit or 0.5 %."""
    return max(claim_precision(ref) / 2, RELATIVE_TOLERANCE * abs(ref.value)) + 1e-9 * abs(ref.value)


def find_number(ref: NumberRef, source_text: str, numbers: list[SourceNumber]) -> NumberCheck:
    """The first of `numbers` (from `source_numbers(source_text)`) that matches `ref` (module docstring)."""
    within = tolerance(ref)
    # trailing zeros may be placeholders ("480 Milliarden" = "0,48 Billionen"): the lenient reading here
    precision = written_precision(ref.text, ref.value, trailing_zeros=False)
    # a stored quantity without its unit: a percentage still reads as one from its text
    unit = ref.unit or ("%" if _PERCENT.search(ref.text) else "")
    for n in numbers:
        written = source_text[n.start : n.end]
        if any(
            abs(v - ref.value) <= within and (precision == 0 or written_precision(written, v) <= precision * 1.001)
            for v in n.values
        ) and units_compatible(unit, n.unit):
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
    return written_precision(ref.text, ref.value)


def written_precision(text: str, value: float, trailing_zeros: bool = True) -> float:
    """A unit of the last digit of the first number written in `text`, which means `value`; 0 for none.
    Without `trailing_zeros`, zeros at the end of the digits do not count ("480" → tens)."""
    m = _DIGITS.search(text)
    if m is None or value == 0:
        return 0.0
    digits = re.sub(r"\D", "", m.group()).lstrip("0")
    significant = len(digits if trailing_zeros else digits.rstrip("0")) or 1
    return 10.0 ** (math.floor(math.log10(abs(value))) - significant + 1)


def source_numbers(source_text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[SourceNumber]:
    """Every number with a unit or scale in the source (plus bare grouped numbers), in source order,
    one entry per span with the values of its German and English readings; only inside `spans`
    (non-overlapping, ordered) when given. Where an `_EXTRA_FORMS` reading covers the extractor's
    ("€480 Mrd." over "€480"), the longer one is kept; a unit the extractor cut inside a word
    ("480 billion euro|s") is taken to the word's end."""
    spans = [(0, len(source_text))] if spans is None else spans
    german = [q for lo, hi in spans for q in find_quantities(source_text, lo, hi, "de") if not _VAGUE.match(q.text)]
    # Only a number with a separator ("1.500", "2,5") reads differently in English: re-read each of those,
    # or all the spans again when that is cheaper (a call costs ~15 µs, a pass ~0.15 s per MB).
    mixed = [q for q in german if _SEPARATED.search(q.text)]
    if len(mixed) * 100 > sum(hi - lo for lo, hi in spans):
        english = {e.start: e.value for lo, hi in spans for e in find_quantities(source_text, lo, hi, "en")}
    else:
        english = {e.start: e.value for q in mixed for e in find_quantities(source_text, q.start, q.end, "en")}
    base: list[SourceNumber] = []
    for q in german:
        values = _distinct([q.value, english.get(q.start)])
        base.append(SourceNumber(q.start, _word_end(source_text, q.end), values, q.unit))
    starts = [n.start for n in base]
    dropped: set[int] = set()
    kept: list[SourceNumber] = []
    for extra in (x for lo, hi in spans for x in _extra_numbers(source_text, lo, hi)):
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


def _digit_runs(text: str) -> list[tuple[float, int, int]]:
    """(mantissa, start, end) of every run of digits and separators: "479,6" → 4.796, "0,48" → 4.8."""
    out: list[tuple[float, int, int]] = []
    for m in _DIGIT_RUN.finditer(text):
        digits = re.sub(r"\D", "", m.group()).lstrip("0")
        if digits:
            out.append((float(f"{digits[0]}.{digits[1:16]}0"), m.start(), m.end()))
    return out


def _mantissa(x: float) -> float:
    return x / 10.0 ** math.floor(math.log10(x))


def _mantissa_between(m: float, lo: float, hi: float) -> bool:
    """Whether m * 10^k lies in [lo, hi] for some k (hi < 10 lo), with a little float slack."""
    a, b = _mantissa(lo) * (1 - 1e-9), _mantissa(hi) * (1 + 1e-9)
    return a <= m <= b if a <= b else (m >= a or m <= b)


def _may_be_words(lo: float, hi: float) -> bool:
    return any(_mantissa_between(w, lo, hi) for w in _WORD_MANTISSAS)


def _windows(text: str, runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged spans around digit runs, wide enough for a currency before and a scale and unit after."""
    merged: list[tuple[int, int]] = []
    for s, e in runs:
        lo, hi = max(0, s - 8), min(len(text), e + 64)
        while lo > 0 and not text[lo - 1].isspace() and s - lo < 24:
            lo -= 1
        while hi < len(text) and not text[hi].isspace() and hi - e < 88:
            hi += 1
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _word_end(text: str, end: int) -> int:
    """`end`, moved past the rest of a word the extractor's unit cut short ("euro|s", "dollar|s")."""
    if end == 0 or not text[end - 1].isalpha():
        return end
    while end < len(text) and text[end].isalpha():
        end += 1
    return end


def _extra_numbers(text: str, lo: int, hi: int) -> list[SourceNumber]:
    out: list[SourceNumber] = []
    for rule, pattern in _EXTRA_FORMS:
        for m in pattern.finditer(text, lo, hi):
            start, end = m.start(), m.end()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".,_"):
                continue  # inside a longer number or word
            scale = _SCALES[m.group("scale").lower()] if rule == "scale-dot" else 1.0
            values = _distinct([v * scale for v in _readings(m.group("num"))])
            if not values:
                continue
            unit = ""
            after = _UNIT_AFTER.match(text, end)
            if after:
                unit, end = after.group(1), after.end()
            before = _CURRENCY_BEFORE.search(text, max(0, start - 2), start)
            if before:
                start = before.start()
                unit = unit or _CURRENCY[before.group(1)]
            out.append(SourceNumber(start, end, values, unit))
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
