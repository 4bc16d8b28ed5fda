"""The dateline of a news article: the date it gives and where that date stands.

An agency dateline dates the article, and the article's relative and year-less dates ("am Mittwoch",
"3.11.", "last week") are read against it. Three forms, tried in this order:

- at the start of one of the first paragraphs: "Frankfurt am Main, 14. November 2024 (dpa) –",
  "Bremen, 14. Oktober 2022.", "LEEDS, England, Feb 12, 2025 (Reuters) -" (rule "dateline:start");
- inside one of the first paragraphs, a full date followed by an optional agency in brackets and a dash,
  as when a wrapped headline ran into the dateline: "… bite LONDON, July 24, 2025 - Harcastle …",
  "Floods hit LONDON, 13 March 2019 — The river …" (rule "dateline:dash");
- closing one of the last paragraphs, a source and a full date in brackets, as APA and some agencies
  print it: "… so die Ministerin am Mittwoch. (APA, 13.3.2019)", "(Reuters, March 13, 2019)", or a short
  paragraph of its own with nothing but a place and a full date: "Dundee, 12 March 2026"
  (rule "dateline:closing").

Only a full date (day, month and year) makes a dateline. A dateline is not a claim: a sentence that holds
nothing but the dateline gets no date from it (`Dateline.alone_in`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from factcheck.extract.dates import find_dates
from factcheck.text.layout import Paragraph


@dataclass(frozen=True)
class Dateline:
    """The article date a dateline gives; start/end is the span of its date in the text ("14. November 2024")."""

    date: date
    start: int
    end: int
    rule: str

    def alone_in(self, text: str, start: int, end: int) -> bool:
        """Whether text[start:end] holds the dateline and nothing else: its place, region and agency
        (capitalised words), brackets, commas, dashes ("Bremen, 14. Oktober 2022.", "(APA, 13.3.2019)")."""
        if not start <= self.start < end:
            return False
        return bool(_REST.fullmatch(text, start, self.start) and _REST.fullmatch(text, self.end, end))


# place (and region) with commas, then an optional word before the date: "Berlin, ", "LEEDS, England, ",
# "Published: "
_START = re.compile(r"\s*(?:[^\n,.]{1,50},\s*){0,2}(?:(?:am|den|on|published:?|veröffentlicht:?)\s+)?", re.IGNORECASE)
# "… bite LONDON, July 24, 2025 - Harcastle …", "Hamburg, 18. März 2025 (dpa) –": a full date followed by an
# optional agency in brackets and a dash is a dateline even when a wrapped headline ran into its paragraph
_DASH_TAIL = re.compile(r"\s*(?:\([^()\n]{1,30}\)\s*)?[-–—]\s")
# "(APA, 13.3.2019)", "(Reuters, March 13, 2019)" at the end of a paragraph: a source without digits, a comma,
# the date; \Z honours the search's end position, the paragraph's end
_CLOSING = re.compile(r"\(\s*[^\W\d][^()\n\d]{0,30},\s*(?P<date>[^()\n]{6,30}?)\s*\)[\s.]*\Z")

# what may stand around a dateline's date in a sentence that is only a dateline
# (possessive: "." and "-" fit both a separator and a word, and backtracking over every split of
# "Baden-Württemberg, Nordrhein-Westfalen, …" took seconds; a greedy word never blocks a full match here;
# an agency in lower case stands in brackets: "(dpa)", "(afp)")
_REST = re.compile(r"(?:[\s,.:;()/–—-]|\b[A-ZÄÖÜ][\w.-]*+|(?<=\()[a-z]{2,6}(?=\)))*+")

_FIRST_PARAGRAPHS = 4  # a dateline at a paragraph start: title, subtitle, author line come first
_DASH_PARAGRAPHS = 3
_DASH_REACH = 300  # characters into a paragraph where a dateline with a dash may stand
_LAST_PARAGRAPHS = 3  # a closing dateline may be followed by a service line or "(Ende)"
_CLOSING_REACH = 80  # characters from a paragraph's end where a closing dateline may start


def find_dateline(text: str, paras: list[Paragraph]) -> Dateline | None:
    """The article's dateline, in the order of the module docstring; None when there is none."""
    return _at_start(text, paras) or _before_dash(text, paras) or _closing(text, paras)


def _full_date(text: str, start: int, end: int, rule: str, at: int | None = None) -> Dateline | None:
    """The first full date in text[start:end] (starting exactly at `at` when given)."""
    for d in find_dates(text, start, end, absolute_only=True):
        if at is not None and d.start != at:
            continue
        if d.value and len(d.value) == 10:
            try:
                return Dateline(date.fromisoformat(d.value), d.start, d.end, rule)
            except ValueError:
                return None
    return None


def _at_start(text: str, paras: list[Paragraph]) -> Dateline | None:
    for para in paras[:_FIRST_PARAGRAPHS]:
        m = _START.match(text, para.start, para.end)
        if m:
            found = _full_date(text, m.end(), min(para.end, m.end() + 40), "dateline:start", at=m.end())
            if found is not None:
                return found
    return None


def _before_dash(text: str, paras: list[Paragraph]) -> Dateline | None:
    for para in paras[:_DASH_PARAGRAPHS]:
        for d in find_dates(text, para.start, min(para.end, para.start + _DASH_REACH), absolute_only=True):
            if d.value and len(d.value) == 10 and _DASH_TAIL.match(text, d.end):
                try:
                    return Dateline(date.fromisoformat(d.value), d.start, d.end, "dateline:dash")
                except ValueError:
                    return None
    return None


def _closing(text: str, paras: list[Paragraph]) -> Dateline | None:
    for para in reversed(paras[-_LAST_PARAGRAPHS:]):
        m = _CLOSING.search(text, max(para.start, para.end - _CLOSING_REACH), para.end)
        if m:
            found = _full_date(text, m.start("date"), m.end("date"), "dateline:closing", at=m.start("date"))
            if found is not None and found.end == m.end("date"):
                return found
        if para.end - para.start <= _CLOSING_REACH:
            # "Dundee, 12 March 2026" as the last paragraph: a short paragraph of a place and a full date
            found = _full_date(text, para.start, para.end, "dateline:closing")
            if found is not None and found.alone_in(text, para.start, para.end):
                return found
    return None


# A dateline opening the sentence, up to its dash: a place (an upper-case word or up to four words, maybe
# a region after a comma) and then a date ending in a year, an agency in brackets, or both:
# "Berlin, 3. März 2024 -", "Hamburg (dpa) –", "LONDON, March 3 (Reuters) -", "DRESDEN, Germany, May 2, 2024 —"
_DATELINE_LEAD = re.compile(
    r"\s*[A-ZÄÖÜ][\w'’.-]*(?:\s+(?:am|an\sder|upon|on)?\s*[A-ZÄÖÜ][\w'’.-]*){0,3}"
    r"(?:,\s+[A-ZÄÖÜ][\w'’.-]*(?:\s+[A-ZÄÖÜ][\w'’.-]*)?)?"
    r"(?:,?\s+(?:[\w.,]+\s+){0,3}(?:\d{1,2}\.?|\d{4})(?:\s*\([^()\n]{2,25}\))?|\s*\([^()\n]{2,25}\))"
    r"\s*[-–—]\s+(?=[A-ZÄÖÜ„“\"»«])"
)


def after_dateline(text: str, sent_start: int, sent_end: int) -> int:
    """Where the news of a sentence starts: after a dateline that opens it ("Berlin, 3. März 2024 - Der
    Minister sagte …" → at "Der"), else `sent_start`. A dateline's place or agency never speaks, and a role
    noun after it opens the sentence."""
    m = _DATELINE_LEAD.match(text, sent_start, min(sent_end, sent_start + 100))
    return m.end() if m else sent_start
