"""Time-sensitive claims: statements whose truth depends on when they are read.

"Der letzte telefonische Austausch … fand am 18. März 2025 statt" was true on the day it was written;
a call a month later makes it false without anyone lying. Such a claim is checked *as of* a date (the
article's), and a verdict on it goes stale. The cue families below are the ways German and English news
say it; each is one named rule (a family, a language, a pattern), so a rule can be changed and tested
alone, and `TimeCue.family` tells a checker which kind of staleness to look for:

- latest      "der letzte/jüngste …", "the latest/most recent/last …" (not "the last week": a date)
- so-far      "bisher", "bislang", "bis heute", "so far", "to date", "until now", "thus far"
- never       "noch nie", "nie zuvor", "never before", "has never"
- first-time  "zum ersten Mal", "erstmals", "for the first time", "first-ever"
- not-until   "erst 2025", "erst im März", "erst jetzt", "not until", "only now"
- currently   "derzeit", "aktuell", "zurzeit", "momentan", "currently", "at present", "at the moment"
- record      superlatives with a horizon and records: "der höchste Stand seit 1990", "Rekordhoch",
              "so viele wie nie", "the highest since 2008", "record low", "all-time high", "on record"

The families are the temporal adverbs, negations of occurrence and superlatives with a horizon that
German and English news use for "as of now" statements (issue 15 lists them); every rule is tested on
sentences of our own (tests/unit/test_time_sensitivity.py), not on the seed alone.
"""

from __future__ import annotations

import re

from factcheck.extract.model import TimeCue


def _any(words: str) -> str:
    """A non-capturing alternation of the space-separated `words`."""
    return "(?:" + "|".join(words.split()) + ")"


# Units after "der letzte/the last" that make a relative date ("letzte Woche"), not a claim about the latest.
_DE_UNITS = _any(
    "Woche Wochen Monat Monats Monate Monaten Jahr Jahres Jahre Jahren Tag Tage Tagen Tages Nacht Zeit"
    " Wochenende Wochenendes Sommer Winter Herbst Frühling Quartal Quartals Jahrzehnt Jahrzehnts Saison"
)
_EN_UNITS = (
    _any(
        "week weeks month months year years day days night decade decades quarter weekend season summer winter"
        " autumn spring few couple two three four five six seven eight nine ten"
    )
    + r"\b"
)
_DE_SUPERLATIVE = (
    _any(
        "höchste niedrigste größte geringste meisten wenigsten stärkste schwächste tiefste beste schlechteste"
        " teuerste billigste wärmste kälteste heißeste längste kürzeste"
    )
    + "[nmrs]?"
)
_EN_SUPERLATIVE = _any(
    "highest lowest largest biggest smallest most fewest least strongest weakest worst best deepest hottest"
    " coldest warmest longest shortest"
)
_DE_LATEST = r"\b(?:der|die|das|den|dem|des)\s+(?:letzten?|letzte[rs]?|jüngsten?|jüngste[rs]?)\b"

# (family, language, pattern): one rule each, matched case-insensitively on the sentence.
RULES: tuple[tuple[str, str, str], ...] = (
    ("latest", "de", rf"{_DE_LATEST}(?!\s+{_DE_UNITS}\b)"),
    ("latest", "en", rf"\bthe\s+(?:latest|most\s+recent|last)\b(?!\s+{_EN_UNITS})"),
    ("so-far", "de", r"\b(?:bisher|bislang|bis\s+heute|bis\s+jetzt|bis\s+dato)\b"),
    ("so-far", "en", r"\b(?:so\s+far|to\s+date|until\s+now|thus\s+far|up\s+to\s+now|as\s+yet)\b"),
    ("never", "de", r"\b(?:noch\s+nie(?:mals)?|nie\s+zuvor|niemals\s+zuvor|noch\s+kein(?:e|en|em|er)?\b)"),
    ("never", "en", r"\b(?:never\s+before|(?:has|have|had)\s+never|not\s+once)\b"),
    ("first-time", "de", r"\b(?:zum\s+ersten\s+Mal|erstmals|erstmalig)\b"),
    ("first-time", "en", r"\b(?:for\s+the\s+first\s+time|first[-\s]ever)\b"),
    (
        "not-until",
        "de",
        r"\berst\s+(?:(?:im|am|seit|vor|nach|in|ab|Ende|Anfang|Mitte)\s+)?"
        r"(?:\d+(?:\.\d+)*\.?|jetzt|heute|gestern|kürzlich|vor\s+kurzem|Januar|Februar|März|April|Mai|Juni|Juli|August|"
        r"September|Oktober|November|Dezember|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)\b",
    ),
    ("not-until", "en", r"\b(?:not\s+until|only\s+now|only\s+since|only\s+in\s+\d{4})\b"),
    ("currently", "de", r"\b(?:derzeit(?:ig\w*)?|aktuell\w*|zurzeit|zur\s+Zeit|momentan\w*|gegenwärtig\w*)\b"),
    ("currently", "en", r"\b(?:currently|at\s+present|at\s+the\s+moment|presently|as\s+of\s+now|right\s+now)\b"),
    (
        "record",
        "de",
        rf"\b(?:{_DE_SUPERLATIVE}\s+(?:[\w-]+\s+){{0,4}}seit\b|Rekord\w*|Allzeithoch|Allzeittief|"
        r"so\s+(?:hoch|niedrig|viele|wenige|stark|schwach)\s+wie\s+(?:nie|noch\s+nie|seit))",
    ),
    (
        "record",
        "en",
        rf"\b(?:{_EN_SUPERLATIVE}\s+(?:[\w-]+\s+){{0,4}}(?:since|on\s+record|ever|in\s+\w+\s+years)\b|"
        r"record[-\s](?:high|low|level|number|levels)|all[-\s]time\s+(?:high|low)|a\s+record\b)",
    ),
)

_COMPILED: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _family, _language, _pattern in RULES:
    _COMPILED.setdefault(_language, []).append((_family, re.compile(_pattern, re.IGNORECASE)))


def find_time_cues(sentence: str, offset: int = 0, language: str = "de") -> list[TimeCue]:
    """The time-sensitivity cues in `sentence` (which starts at `offset` in the article), in text order.

    `language` "de" or "en" picks the rules; other values use the English ones. Overlapping cues keep
    the first (and at the same start, the longest).
    """
    found: list[TimeCue] = []
    for family, pattern in _COMPILED["de" if language == "de" else "en"]:
        for m in pattern.finditer(sentence):
            found.append(TimeCue(m.group(0).strip(), family, offset + m.start(), offset + m.end()))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[TimeCue] = []
    for cue in found:
        if kept and cue.start < kept[-1].end:
            continue
        kept.append(cue)
    return kept
