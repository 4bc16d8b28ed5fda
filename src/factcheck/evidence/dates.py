"""Finding a claim's date in a source, by ISO value, whatever way the source writes it.

The extractor's parser (`factcheck.extract.dates.find_dates`) reads the written forms; it runs only on
small windows around the places a date could be (the day number, or the year, written as digits), so a
megabyte of source costs milliseconds. Inside a window, line breaks, runs of spaces and soft hyphens are
collapsed first ("18.\\n   März 2025"). `_EXTRA_FORMS` adds forms the extractor does not read (left to
its owners; see the list).

Rules, by the precision of the claim's value:

- a day ("2025-03-18") is found by any full date of that day: "18. März 2025", "18.3.2025",
  "18.03.2025", "18.03.25", "March 18, 2025", "18 March 2025", "2025-03-18", and the `_EXTRA_FORMS`;
  "03/04/2025" confirms both 3 April and 4 March (a page's convention is not known).
  A day and month without a year ("am 18. März", "March 18") is read in the claim's year and counts
  unless the source holds another year for it: it states the same day and month with another year, or
  it names years (a number 1900-2099 standing alone) and the claim's year is not among them.
- a month ("2025-03") only by the month stated: "März 2025", "March 2025" — not by a day in it.
- a year ("2025") only by the year stated on its own ("im Jahr 2025", "seit 2025") — not inside a date.
- any other value (the extractor's ranges "2018/2019", "2023-06-07/2023-06-09", "2024-03/2024-05") by a
  date of exactly that value, written with its year ("7.–9. Juni 2023" and "June 7-9, 2023" state
  "vom 7. bis 9. Juni 2023").

Relative dates in the source ("gestern", "last Monday") never count: they depend on a date the page
does not state in the same words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from factcheck.evidence.context import context_around
from factcheck.evidence.model import DateCheck, DateRef
from factcheck.extract.dates import MONTHS, find_dates

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WINDOW = 48
_YEARLESS_RULES = (
    "date:dmy-de",
    "date:dmy-en",
    "date:md-en",
    "date:numeric-dm",
    "date:range-days",
    "date:range-days-mdy",
    "evidence:dom-en",
)
_ANY_YEAR = re.compile(r"(?<![\d.,/-])(?:19|20)\d\d(?![\d]|[.,/]\d)")
_NEEDS_SQUEEZE = re.compile(r"[^\S ]|  |[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SQUEEZE = re.compile(r"[\s\u00ad\u200b\u200c\u200d\u2060\ufeff]+")

_MONTH_WORD = (
    r"(Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Febr|Mär|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Oct|Nov|Dez|Dec)\.?"
)
_YEAR = r"((?:1[5-9]|20)\d\d)"
# Written forms `find_dates` does not read (as of issue 12); each gives day, month and year (or no year).
_EXTRA_FORMS: list[tuple[str, re.Pattern[str]]] = [
    # "the 18th of March 2025", "18th of March"
    (
        "evidence:dom-en",
        re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+of\s+" + _MONTH_WORD + r"(?:,?\s+" + _YEAR + r")?(?!\w)"),
    ),
    # German typesetting puts spaces in numeric dates: "18. 3. 2025"
    ("evidence:numeric-spaced", re.compile(r"(?<![\d.])(\d{1,2})\.\s(\d{1,2})\.\s?" + _YEAR + r"\b")),
    # agency abbreviations next to digits: "Mar. 18, 2025", "18 Mar 2025", "18 Mar. 2025"
    ("evidence:mdy-abbr", re.compile(r"\b" + _MONTH_WORD + r"\s(\d{1,2})(?:st|nd|rd|th)?,?\s" + _YEAR + r"\b")),
    ("evidence:dmy-abbr", re.compile(r"\b(\d{1,2})\s" + _MONTH_WORD + r"\s" + _YEAR + r"\b")),
    # "18/03/2025" and "03/18/2025"
    ("evidence:slashed", re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/" + _YEAR + r"(?![\d/])")),
]


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    values: tuple[str, ...]  # ISO values this mention can mean (two for an ambiguous "03/04/2025")
    yearless: bool
    rule: str


def check_dates(refs: tuple[DateRef, ...], source_text: str) -> tuple[DateCheck, ...]:
    """One DateCheck per claim date, in order (see the module docstring for what counts as found)."""
    years = functools.cache(lambda: source_years(source_text))
    return tuple(find_date(ref, source_text, years) for ref in refs)


def find_date(ref: DateRef, source_text: str, years_of: Callable[[], set[str]] | None = None) -> DateCheck:
    """Whether `source_text` states the date `ref.value`; the first such mention, written with a year
    if there is one, else without. `years_of` gives `source_years(source_text)`, cached by the caller
    for several dates on one source; it is only called for a day stated without a year."""
    m = _ISO.match(ref.value)
    if m and m.group(3):
        anchor = str(int(m.group(3)))  # the day: "18" in every written form, "08" or "8" for the 8th
        words = [m.group(1), m.group(1)[2:], *(w for w, n in MONTHS.items() if n == int(m.group(2)))]
    elif m:
        anchor, words = m.group(1), []
    else:
        # a range "2023-12-28/2024-01-03": the second end's year is the one a source writes
        # ("vom 28. Dezember bis 3. Januar 2024")
        years = re.findall(r"\d{4}", ref.value)
        if not years:
            return DateCheck(text=ref.text, value=ref.value, found=False)
        anchor, words = years[-1], []
    claim_year = int(m.group(1)) if m else None
    mentions: list[_Mention] = []
    hit = None
    for mention in _mentions_near(source_text, anchor, words, claim_year):
        if ref.value in mention.values and not mention.yearless:
            hit = mention
            break
        mentions.append(mention)
    if hit is None and m and m.group(3):
        month_day = ref.value[4:]
        other_year = any(v.endswith(month_day) and v != ref.value for x in mentions if not x.yearless for v in x.values)
        yearless = next((x for x in mentions if x.yearless and ref.value in x.values), None)
        if yearless is not None and not other_year:
            years = years_of() if years_of else source_years(source_text)
            if not years or m.group(1) in years:
                hit = yearless
    if hit is None:
        return DateCheck(text=ref.text, value=ref.value, found=False)
    return DateCheck(
        text=ref.text,
        value=ref.value,
        found=True,
        passage=source_text[hit.start : hit.end],
        start=hit.start,
        end=hit.end,
        context=context_around(source_text, hit.start, hit.end),
    )


def source_years(source_text: str) -> set[str]:
    """The numbers 1900-2099 standing alone in the source (not inside "18.03.2025" or "1.2025,5")."""
    return set(_ANY_YEAR.findall(source_text))


def _mentions_near(text: str, anchor: str, words: list[str], year: int | None) -> Iterator[_Mention]:
    """Absolute date mentions in windows around each standalone number `anchor` (found with str.find:
    a regex with a leading lookbehind scans a megabyte 20x slower); a window is parsed only when it holds
    one of `words` (for a day: its year, two-digit year or a month name), compared case folded.
    Yearless days and months are read in `year`. Lazy: a caller can stop at the first match."""
    ref = date(year, 1, 1) if year and 1 <= year <= 9999 else None
    windows: list[tuple[int, int]] = []
    at = text.find(anchor)
    while at >= 0:
        end = at + len(anchor)
        before = at - 1 if at > 0 and text[at - 1] == "0" else at  # "08" for the 8th
        if (before == 0 or not text[before - 1].isdigit()) and (end == len(text) or not text[end].isdigit()):
            lo, hi = _widen(text, at - _WINDOW, end + _WINDOW)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
            else:
                windows.append((lo, hi))
        at = text.find(anchor, end)
    for lo, hi in windows:
        if words:
            window = text[lo:hi].casefold()
            if not any(w in window for w in words):
                continue
        yield from _window_mentions(text, lo, hi, ref)


def _widen(text: str, lo: int, hi: int) -> tuple[int, int]:
    """[lo, hi) clipped to the text and moved out to whitespace (at most 24 characters) so no word is cut."""
    lo, hi = max(0, lo), min(len(text), hi)
    for _ in range(24):
        if lo == 0 or text[lo - 1].isspace():
            break
        lo -= 1
    for _ in range(24):
        if hi == len(text) or text[hi].isspace():
            break
        hi += 1
    return lo, hi


def _window_mentions(text: str, lo: int, hi: int, ref: date | None) -> list[_Mention]:
    squeezed, origin = _squeeze(text, lo, hi)
    found: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in _EXTRA_FORMS:
        for m in pattern.finditer(squeezed):
            values = _extra_values(rule, m, ref)
            if values and all(m.end() <= a or m.start() >= b for a, b in taken):
                taken.append((m.start(), m.end()))
                yearless = rule == "evidence:dom-en" and m.group(3) is None
                found.append(_mapped(m.start(), m.end(), origin, values, yearless, rule))
    for d in find_dates(squeezed, 0, len(squeezed), ref=ref):
        if d.relative or not d.value or any(d.start < b and d.end > a for a, b in taken):
            continue
        yearless = d.rule in _YEARLESS_RULES and not re.search(r"\d{4}", d.text)
        value = d.value
        if yearless and ref is not None and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            # read in the claim's year, as the caller asks: the extractor's guess of the year from tense and
            # an article date means nothing against this artificial reference day
            value = f"{ref.year:04d}{value[4:]}"
        found.append(_mapped(d.start, d.end, origin, (value,), yearless, d.rule))
    found.sort(key=lambda x: x.start)
    return found


def _mapped(
    s: int, e: int, origin: list[int] | range, values: tuple[str, ...], yearless: bool, rule: str = ""
) -> _Mention:
    return _Mention(start=origin[s], end=origin[e - 1] + 1, values=values, yearless=yearless, rule=rule)


def _squeeze(text: str, lo: int, hi: int) -> tuple[str, list[int] | range]:
    """text[lo:hi] with whitespace runs as one space and soft hyphens/zero-width characters removed;
    origin[i] is the source offset of squeezed character i."""
    if not _NEEDS_SQUEEZE.search(text, lo, hi):
        return text[lo:hi], range(lo, hi)
    chars: list[str] = []
    origin: list[int] = []
    pos = lo
    for m in _SQUEEZE.finditer(text, lo, hi):
        chars.append(text[pos : m.start()])
        origin.extend(range(pos, m.start()))
        if any(c.isspace() for c in m.group()):
            chars.append(" ")
            origin.append(m.start())
        pos = m.end()
    chars.append(text[pos:hi])
    origin.extend(range(pos, hi))
    return "".join(chars), origin


def _extra_values(rule: str, m: re.Match[str], ref: date | None) -> tuple[str, ...]:
    g = m.groups()
    if rule == "evidence:dom-en":
        day, month, year = int(g[0]), MONTHS.get(g[1].lower(), 0), g[2]
        if year is None and ref is None:
            return ()
        return _valid(int(year) if year else ref.year if ref else 0, month, day)
    if rule == "evidence:numeric-spaced":
        return _valid(int(g[2]), int(g[1]), int(g[0]))
    if rule == "evidence:mdy-abbr":
        return _valid(int(g[2]), MONTHS.get(g[0].lower(), 0), int(g[1]))
    if rule == "evidence:dmy-abbr":
        return _valid(int(g[2]), MONTHS.get(g[1].lower(), 0), int(g[0]))
    # slashed: day/month (European) and month/day (US) readings, when valid
    return tuple(dict.fromkeys(_valid(int(g[2]), int(g[1]), int(g[0])) + _valid(int(g[2]), int(g[0]), int(g[1]))))


def _valid(year: int, month: int, day: int) -> tuple[str, ...]:
    try:
        return (date(year, month, day).isoformat(),)
    except ValueError:
        return ()
