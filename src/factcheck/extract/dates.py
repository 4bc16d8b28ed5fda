"""Date mentions in German and English news: absolute, ranges, relative (resolved when possible).

Regular expressions rather than dateparser: dateparser.search found dates in ~9 ms per sentence and
read "2017" in "seit 2017" or "März" alone with invented days; these patterns give the ISO value at
the precision the text has (YYYY, YYYY-MM, YYYY-MM-DD) and a rule name per match.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, NamedTuple

from factcheck.extract.lexicon import DE_SPEECH_STEMS, EN_SPEECH_VERBS
from factcheck.extract.model import DateMention
from factcheck.extract.wordlist_regex import fold_ignorecase, trie_alternation

MONTHS = {
    "januar": 1,
    "jänner": 1,
    "jan": 1,
    "january": 1,
    "februar": 2,
    "feber": 2,
    "feb": 2,
    "febr": 2,
    "february": 2,
    "märz": 3,
    "mär": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "dez": 12,
    "december": 12,
    "dec": 12,
}
_MONTH_ALT = (
    r"(?:Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Febr\.|Mär\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Okt\.|Oct\.|Nov\.|Dez\.|Dec\.)"
)
_YEAR = r"(1[5-9]\d\d|20\d\d)"
# English agency style abbreviates months without a dot ("Feb 12, 2025"); only used next to digits.
_MONTH_NUMERIC_CTX = _MONTH_ALT[:-1] + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
WEEKDAYS = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonnabend": 5,
    "sonntag": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_WEEKDAY_ALT = (
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)

_YEAR_NC = r"(?:1[5-9]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
# Ranges of days and months whose first end is incomplete without the second, one value "A/B" (ISO 8601
# interval): the first end borrows the month and year of the second ("vom 7. bis 9. Juni 2023",
# "2 October to 4 October 2022", "von März bis Mai 2024"), or the second the month of the first
# ("June 7-9, 2023"); "und"/"and" joins a range only after "zwischen"/"between" ("am 7. und 9. Juni" are two
# days). One pattern with three branches, so a sentence is scanned once; the leading lookahead lets the
# regex engine skip to a digit or capital. Groups: conn, ad/am/ay (first end), bd/bm/by (second end), with
# the suffix 2 in the month-day-year branch and 3 in the month branch; the rules are in _range_value.
_RANGE = re.compile(
    r"(?=[\dA-ZÄÖÜ])(?:"
    # "7. bis 9. Juni 2023", "7.–9. Juni", "2 October to 4 October 2022", "2 and 4 October"
    r"(?<![\d.,])(?P<ad>\d{1,2})(?:\.|st|nd|rd|th)?(?:\s*(?P<am>"
    + _MONTH_ALT
    + r"))?(?:,?\s+(?P<ay>"
    + _YEAR_NC
    + r"))?\s*(?P<conn>bis(?:\s+(?:zum|einschließlich))?|und|to|until|till|through|and|[–-])\s*(?P<bd>\d{1,2})"
    r"(?:\.|st|nd|rd|th)?\s*(?P<bm>" + _MONTH_ALT + r")(?:,?\s+(?P<by>" + _YEAR_NC + r"))?(?!\w)"
    # "June 7-9, 2023", "June 7 to June 9"
    r"|\b(?P<am2>"
    + _MONTH_NUMERIC_CTX
    + r")\s+(?P<ad2>\d{1,2})"
    + _ORD
    + r"(?:,\s*(?P<ay2>"
    + _YEAR_NC
    + r"))?\s*(?P<conn2>to|until|till|through|and|[–-])\s*(?:(?P<bm2>"
    + _MONTH_NUMERIC_CTX
    + r")\s+)?"
    r"(?P<bd2>\d{1,2})" + _ORD + r"(?:,?\s*(?P<by2>" + _YEAR_NC + r"))?(?![\w,.]?\d)(?!\w)"
    # "März bis Mai 2024"
    r"|\b(?P<am3>" + _MONTH_ALT + r")(?:\s+(?P<ay3>" + _YEAR_NC + r"))?\s*(?P<conn3>bis|und|to|until|till|through"
    r"|and|[–-])\s*(?P<bm3>" + _MONTH_ALT + r")\s+(?P<by3>" + _YEAR_NC + r")\b"
    r")"
)
# the word before a range that belongs to it ("vom", "between"); "und"/"and" ranges need one
_RANGE_LEAD = re.compile(r"\b(?:[Vv]om|[Vv]on|[Zz]wischen(?:\s+dem)?|[Ff]rom|[Bb]etween)\s+$")
_RANGE_RULES = frozenset({"date:range-days", "date:range-days-mdy", "date:range-months"})

# Order matters: longer, more specific patterns first; later matches may not overlap earlier ones.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date:range-years",
        re.compile(r"\b(?:von|zwischen|from|between)\s+" + _YEAR + r"\s*(?:bis|und|to|and|-|–)\s*" + _YEAR + r"\b"),
    ),
    ("date:range-years-dash", re.compile(r"\b" + _YEAR + r"\s?[–-]\s?(\d{2}|" + _YEAR[1:-1] + r")\b(?![.,]\d)")),
    ("date:dmy-de", re.compile(r"\b(\d{1,2})\.\s?" + r"(" + _MONTH_ALT + r")" + r"(?:\s+" + _YEAR + r")?(?!\w)")),
    ("date:dmy-en", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTH_ALT + r")(?:,?\s+" + _YEAR + r")?(?!\w)")),
    (
        "date:mdy-en",
        re.compile(r"\b(" + _MONTH_NUMERIC_CTX + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,\s*|\s+)" + _YEAR + r"\b"),
    ),
    ("date:md-en", re.compile(r"\b(" + _MONTH_ALT + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![.,]?\d)")),
    # "03.10.1990"; without a year ("am 3.11.") the rule is date:numeric-dm: a German day and month in digits,
    # only after a word that leads a date (_DAY_MONTH_LEADS), read in the article's year
    ("date:numeric-dmy", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(?:(\d{4}|\d{2})\b|(?!\d))")),
    ("date:iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("date:month-year", re.compile(r"(?<!\d\.\s)(?<!\d\.)\b(" + _MONTH_ALT + r")\s+" + _YEAR + r"\b")),
    (
        "date:year",
        re.compile(
            r"(?<![\d.,/-])\b" + _YEAR + r"\b(?![.,]\d|\s?(?:%|Prozent|Euro|Dollar|km|Meter"
            r"|Menschen|Personen|Tote|Einwohner|people|dollars|euros|Mal\b))"
        ),
    ),
]
# Year words: a bare 4-digit number is a year only with a temporal lead or standing alone.
_YEAR_LEADS = re.compile(
    r"(?:seit|im|in|bis|ab|von|vor|nach|um|anno|jahr|jahre|jahres|frühjahr|sommer|herbst|winter|ende|"
    r"anfang|mitte|erst|since|until|by|from|during|of|early|late|mid|year|summer|spring|autumn|fall|"
    r"winter|before|after|and|und|oder|or|–|-|,|\()\s*$",
    re.IGNORECASE,
)

_RELATIVE: list[tuple[str, re.Pattern[str]]] = [
    (
        "rel:day",
        re.compile(
            r"\b(vorgestern|gestern|heute|morgen|übermorgen|yesterday|today|tomorrow|last night|this morning|"
            r"this afternoon|this evening|tonight)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "rel:period",
        re.compile(
            r"\b(?:(letzte[mnrs]?|vergangene[mnrs]?|vorige[mnrs]?|diese[mnrs]?|nächste[mnrs]?|kommende[mnrs]?|"
            r"last|this|next|past)\s+(Woche|Monat|Jahr|Jahres|Monats|Wochenende|week|month|year|weekend))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "rel:weekday",
        re.compile(
            r"\b(?:((?i:am|vergangenen|letzten|diesen|kommenden|nächsten|ab|bis|on|last|this|next|from|until|by))\s+)?("
            + _WEEKDAY_ALT
            # "am Montagabend", "am Dienstagmorgen": the weekday with a time of day glued on
            + r")(?:früh|morgen|vormittag|mittag|nachmittag|abend|nacht)?\b"
        ),
    ),
    (
        # "next April", "im kommenden März", "last January": the next/previous occurrence of that month
        "rel:month-step",
        re.compile(
            r"\b(?:im\s+)?(next|nächsten|kommenden|last|vergangenen|letzten)\s+(" + _MONTH_ALT + r")(?!\w)(?!\s+\d)",
            re.IGNORECASE,
        ),
    ),
    (
        # "im November" without a year: the month of the article's year
        "rel:month",
        re.compile(
            # ("demanded figures from February": a month as a starting point, as "ab Februar")
            r"\b(?:im|in|Im|In|Anfang|Ende|Mitte|seit|bis|ab|Seit|Bis|Ab|early|late|mid|since|until|by|of|from|"
            r"Since|Until|From)\s+(" + _MONTH_ALT + r")(?!\w)"
        ),
    ),
    (
        # "bis Ende des Jahres", "by the end of the year": the article's year
        "rel:year-part",
        re.compile(
            r"\b(?:(?:bis|zum|gegen|ab|seit)\s+)?(?:Ende|Anfang|Mitte)\s+(?:des|dieses)\s+Jahres\b|"
            r"\b(?:(?:by|until|before|at|from)\s+)?(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:the|this)\s+year\b"
        ),
    ),
    (
        "rel:ago",
        re.compile(
            r"\b(?:vor\s+(einem|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|\d+)\s+(Jahren|Jahr|"
            r"Monaten|Wochen|Tagen)|(a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(years?|months?|"
            r"weeks?|days?)\s+ago)\b",
            re.IGNORECASE,
        ),
    ),
]
_NUMWORDS = {
    "ein": 1,
    "einem": 1,
    "einer": 1,
    "a": 1,
    "one": 1,
    "zwei": 2,
    "two": 2,
    "drei": 3,
    "three": 3,
    "vier": 4,
    "four": 4,
    "fünf": 5,
    "five": 5,
    "sechs": 6,
    "six": 6,
    "sieben": 7,
    "seven": 7,
    "acht": 8,
    "eight": 8,
    "neun": 9,
    "nine": 9,
    "zehn": 10,
    "ten": 10,
}


def _month(word: str) -> int:
    return MONTHS.get(word.lower().rstrip("."), 0)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


_REJECT = "reject"  # a pattern matched but the words are no date (see _range_value)


def _range_value(rule: str, m: re.Match[str], ref: date | None, lead: bool) -> str | None:
    """ISO interval "A/B" of a _RANGE match; None when no end has a year and there is no article date;
    _REJECT when it is no range ("am 7. und 9. Juni", "9. bis 7. Juni", "from March 3 to 5 people") or when
    both ends are complete dates with their years as written (they keep their own values, as before:
    "1. Mai 2022 bis 9. Juni 2023")."""
    sfx = {"date:range-days": "", "date:range-days-mdy": "2", "date:range-months": "3"}[rule]
    g = {k: m.group(k + sfx) for k in ("conn", "am", "ay", "bm", "by")}
    if g["conn"] in ("und", "and") and not lead:
        return _REJECT
    if g["am"] and g["bm"] and not g["ay"] and not g["by"] and rule != "date:range-months":
        am0, bm0 = _month(g["am"]), _month(g["bm"])
        ad0, bd0 = int(m.group("ad" + sfx)), int(m.group("bd" + sfx))
        # "vom 20. Dezember bis 6. Januar": over the turn of the year nearest the article date; "from June 3
        # to June 5", "vom 3. Juni bis 5. Juli": both ends name their month and neither a year, still one
        # span of days, in the article's year (_find_ranges then moves it by the tense as one piece).
        # Without an article date the range stays relative; order and validity are checked in a leap year.
        turn = am0 > bm0
        y = (ref.year - (ref.month <= 6) if turn else ref.year) if ref else 2000
        if not (_valid(y, am0, ad0) and _valid(y + turn, bm0, bd0)) or (not turn and (am0, ad0) >= (bm0, bd0)):
            return _REJECT  # ("vom 5. Juni bis 3. Juni": backwards)
        return f"{y:04d}-{am0:02d}-{ad0:02d}/{y + turn:04d}-{bm0:02d}-{bd0:02d}" if ref else None
    if g["am"] and g["bm"] and (g["ay"] or not g["by"]):
        return _REJECT
    if not g["bm"] and not g["by"] and g["conn"] not in ("-", "–"):
        return _REJECT  # only "June 7-9" is a range without a second month or year
    bm = _month(g["bm"] or g["am"])
    am = _month(g["am"]) if g["am"] else bm
    days = rule != "date:range-months"
    ad, bd = (int(m.group("ad" + sfx)), int(m.group("bd" + sfx))) if days else (1, 1)
    by = int(g["by"]) if g["by"] else ref.year if ref else None
    ay = int(g["ay"]) if g["ay"] else None
    if ay is None:
        # "28. Dezember bis 3. Januar 2024": a first end later in the year lies in the year before
        later = (am, ad) > (bm, bd)
        if later and (not g["am"] or am <= bm):
            return _REJECT  # ("vom 30. Juni bis 2. Juni": backwards, not a year apart)
        ay = by - later if by is not None else None
    # order and validity are checked in a leap year when no year is known
    y_a, y_b = (ay, by) if ay is not None and by is not None else (2000, 2000 + ((am, ad) > (bm, bd)))
    if not (_valid(y_a, am, ad) and _valid(y_b, bm, bd)) or date(y_a, am, ad) >= date(y_b, bm, bd):
        return _REJECT
    if ay is None or by is None:
        return None
    if days:
        return f"{ay:04d}-{am:02d}-{ad:02d}/{by:04d}-{bm:02d}-{bd:02d}"
    return f"{ay:04d}-{am:02d}/{by:04d}-{bm:02d}"


# "was moved from June 3 to June 5", "postponed from Monday 3 June to 5 June": the old date and the new one,
# no span of days between them
_MOVED_FROM = re.compile(
    r"\b(?:postponed|moved|rescheduled|delayed|pushed\s+back|brought\s+forward|shifted|changed)\s+"
    r"(?:[\w'’.-]+\s+){0,2}?$",
    re.IGNORECASE,
)


def _find_ranges(text: str, start: int, end: int, ref: date | None) -> list[DateMention]:
    """Day and month ranges in text[start:end] (see _RANGE); a leading "vom"/"between" is part of the mention."""
    out: list[DateMention] = []
    for m in _RANGE.finditer(text, start, end):
        rule = "date:range-days" if m.group("ad") else "date:range-days-mdy" if m.group("ad2") else "date:range-months"
        lead = _RANGE_LEAD.search(text, max(start, m.start() - 14), m.start())
        if lead and (m.group("conn") or m.group("conn2")) == "to" and _MOVED_FROM.search(text, start, lead.start()):
            continue
        value = _range_value(rule, m, ref, lead is not None)
        if value == _REJECT:
            continue
        s = lead.start() if lead else m.start()
        if value and ref and not _YEAR_IN.search(m.group()):
            # a range without a written year takes the tense of its verb as a single day does ("Vom 3. bis 5.
            # Juni tagte die Kommission" in March is last June), both ends moved together
            value = _shift_range(value, ref, _tense_of(text, start, end, s, m.end(), led=lead is not None))
        out.append(
            DateMention(text=text[s : m.end()], value=value, start=s, end=m.end(), relative=value is None, rule=rule)
        )
    return out


def _absolute(rule: str, m: re.Match[str], ref: date | None) -> str | None:
    g = m.groups()
    if rule == "date:range-years":
        return f"{g[0]}/{g[1]}" if int(g[1]) > int(g[0]) else None  # ("zwischen 2025 und 2023": no interval)
    if rule == "date:range-years-dash":
        a, b = g[0], g[1]
        b = a[:2] + b if len(b) == 2 else b
        return f"{a}/{b}" if int(b) > int(a) else None
    if rule in ("date:dmy-de", "date:dmy-en"):
        d, mo, y = int(g[0]), _month(g[1]), g[2]
        if y is None:
            if ref is None:
                return None
            y = ref.year
        return f"{int(y):04d}-{mo:02d}-{d:02d}" if _valid(int(y), mo, d) else None
    if rule == "date:mdy-en":
        mo, d, y = _month(g[0]), int(g[1]), int(g[2])
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None
    if rule == "date:md-en":
        if ref is None or g[0] == "may":
            return None  # (the verb: "prices may 12 …"; the month is capitalised)
        mo, d = _month(g[0]), int(g[1])
        return f"{ref.year:04d}-{mo:02d}-{d:02d}" if _valid(ref.year, mo, d) else None
    if rule == "date:numeric-dmy" and g[2] is None:
        d, mo = int(g[0]), int(g[1])
        if not _valid(ref.year if ref else 2000, mo, d):
            return _REJECT
        return f"{ref.year:04d}-{mo:02d}-{d:02d}" if ref else None
    if rule == "date:numeric-dmy":
        d, mo, y = int(g[0]), int(g[1]), int(g[2])
        if len(g[2]) <= 2:  # ("13.3.19"; "1.1.0000" is the year 0, no date)
            y += 2000 if y < 50 else 1900
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None
    if rule == "date:iso":
        y, mo, d = int(g[0]), int(g[1]), int(g[2])
        return f"{y:04d}-{mo:02d}-{d:02d}" if _valid(y, mo, d) else None
    if rule == "date:month-year":
        return f"{g[1]}-{_month(g[0]):02d}"
    if rule == "date:year":
        return g[0]
    return None


# a clause about the future: a weekday or month without a year lies ahead of the article date
_FUTURE = re.compile(
    r"\b(?:will|would|shall|'ll|is due|are due|is to|are to|plans? to|planned|scheduled|expected to|is set for|"
    r"are set for|is set to|are set to|slated|wird|werden|soll|sollen|plant|planen|geplant|angesetzt|"
    r"vorgesehen)\b",
    re.IGNORECASE,
)
_PAST_MARK = re.compile(r"\b(?:have|has|had|haben|hatte|hatten|worden|gewesen|habe|ago)\b", re.IGNORECASE)


_PAST_VERB = re.compile(
    r"\b(?:was|were|had|did|[a-z]{3,}ed|war|waren|hatte|hatten|wurde|wurden|gab|lag|lagen|stieg|sank|fiel)\b"
)


# Past forms of the speech verbs in lexicon.py: German weak stems + past ending ("sagte", "kündigte … an",
# "teilte … mit", "berichtete"), German strong past forms, English past forms ("said", "told", "announced").
_DE_STRONG_PAST = "sprach schrieb rief wies warf gab hob bat riet hieß nannte verwies versprach widersprach"
_PAST_SPEECH = (
    r"(?:(?:"
    + "|".join(sorted(DE_SPEECH_STEMS, key=len, reverse=True))
    + r")(?:te|ten|ete|eten)|(?:"
    + "|".join(_DE_STRONG_PAST.split())
    + r")(?:en)?|"
    + "|".join(sorted({w for w in EN_SPEECH_VERBS if w.endswith("ed")} | {"said", "told", "wrote"}))
    + r")"
)
# "sagte Hafensenator Jens Albrecht am Dienstag", "the company said on Monday": a past speech verb, then at
# most four words without a comma, then the weekday
_SAID_BEFORE = re.compile(r"\b" + _PAST_SPEECH + r"\s+(?:[\w'’.-]+\s+){0,4}$", re.IGNORECASE)
# "Am Dienstag sagte er, …", "On Tuesday, the mayor said …": the weekday, then at most four words, then the verb
_SAID_AFTER = re.compile(r",?\s+(?:[\w'’.-]+\s+){0,4}?" + _PAST_SPEECH + r"\b", re.IGNORECASE)
# Past forms a suffix does not give: English irregular verbs and German strong verbs of events ("met",
# "held", "trafen sich", "begann"). Forms that are also present tense ("hit", "set", "put") are left out.
_IRREGULAR_PAST = (
    "met held took came went began gave made won lost left saw sent spoke wrote found fell rose broke ran "
    "struck paid sold bought brought caught chose drove flew grew knew led overtook shot sat stood swore "
    "threw underwent became fought sought taught thought signed "
    "traf trafen kam kamen fand fanden begann begannen starb starben ging gingen hielt hielten nahm nahmen "
    "fiel fielen stieg stiegen sank sanken gewann gewannen verlor verloren unterzeichnete unterzeichneten "
    "beschloss beschlossen empfing empfingen flog flogen fuhr fuhren brach brachen trat traten zog zogen "
    "besuchte besuchten"
)
_GOVERNING_PAST = (
    r"(?:"
    + _PAST_SPEECH
    + r"|"
    + "|".join(_IRREGULAR_PAST.split())
    + r"|[a-z]{3,}ed|was|were|war|waren|wurde|wurden|hatte|hatten)"
)
# "The union met on June 7", "trafen sich am 7. Juni": a past verb, at most three words without a comma, the
# date; "Am 7. Juni trafen sich …": the date, at most two words, the verb. The event lies before the report
# (_Frame, _tense_of).
# paired quotation marks; a date inside a quote takes the quote's tense, a date outside it the frame's
_QUOTED = re.compile(r'„[^„“”\n]*[“”]|“[^“”\n]*”|»[^»«\n]*«|«[^«»\n]*»|"[^"\n]*"')


def _speech_governs(text: str, s: int, e: int) -> bool:
    """Whether a past speech verb next to the weekday at text[s:e] dates it: the words between them are
    few and hold no future marker ("said it would decide on Thursday": the decision is ahead)."""
    before = _SAID_BEFORE.search(text, max(0, s - 60), s)
    if before and not _FUTURE.search(text, before.start(), s):
        return True
    after = _SAID_AFTER.match(text, e, e + 60)
    return bool(after) and not _FUTURE.search(text, e, after.end())


def _future(text: str, start: int, end: int) -> bool:
    return bool(_FUTURE.search(text, start, end)) and not _PAST_MARK.search(text, start, end)


def _stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotations in text[start:end] (spans with their marks)."""
    return [q.span() for q in _QUOTED.finditer(text, start, end)]


def _future_at(text: str, start: int, end: int, quotes: list[tuple[int, int]], at: int) -> bool:
    """The tense of the stretch holding position `at`: its quotation, or the frame outside all quotations
    ("„Wir werden den Hafen ausbauen“, sagte er am Dienstag": the future is the quote's, not the Tuesday's)."""
    for a, b in quotes:
        if a <= at < b:
            return _future(text, a, b)
    frame = list(zip([start, *(q[1] for q in quotes)], [*(q[0] for q in quotes), end], strict=True))
    future = any(_FUTURE.search(text, a, b) for a, b in frame)
    return future and not any(_PAST_MARK.search(text, a, b) for a, b in frame)


def _relative(rule: str, m: re.Match[str], ref: date | None, future: bool = False) -> str | None:
    if ref is None:
        return None
    if rule == "rel:month-step":
        mo = _month(m.group(2))
        back = m.group(1).lower() in ("last", "vergangenen", "letzten")
        y = ref.year - (mo >= ref.month) if back else ref.year + (mo <= ref.month)
        return f"{y:04d}-{mo:02d}"
    if rule == "rel:day":
        off = {
            "vorgestern": -2,
            "gestern": -1,
            "yesterday": -1,
            "heute": 0,
            "today": 0,
            "morgen": 1,
            "tomorrow": 1,
            "übermorgen": 2,
            "last night": -1,
            "this morning": 0,
            "this afternoon": 0,
            "this evening": 0,
            "tonight": 0,
        }[m.group(1).lower()]
        return (ref + timedelta(days=off)).isoformat()
    if rule == "rel:period":
        which, unit = m.group(1).lower(), m.group(2).lower()
        step = 0 if which.startswith(("dies", "this")) else 1 if which.startswith(("nächst", "kommend", "next")) else -1
        if unit.startswith(("woche", "week", "wochenende", "weekend")):
            y, w, _ = (ref + timedelta(weeks=step)).isocalendar()
            return f"{y:04d}-W{w:02d}"
        if unit.startswith(("monat", "month")):
            mo = ref.month + step
            y = ref.year + (mo - 1) // 12
            return f"{y:04d}-{(mo - 1) % 12 + 1:02d}"
        return f"{ref.year + step:04d}"
    if rule == "rel:weekday":
        lead = (m.group(1) or "").lower()
        target = WEEKDAYS[m.group(2).lower()]
        # "The company said on Monday it would cut jobs", "sagte X am Dienstag": the weekday dates the past
        # speech verb next to it (the dateline day at the latest)
        said = future and _speech_governs(m.string, m.start(), m.end())
        if lead in ("kommenden", "nächsten", "next", "ab", "bis", "from", "until", "by") or (
            future and lead in ("", "am", "on", "this", "diesen") and not said
        ):
            delta = (target - ref.weekday()) % 7 or 7
            return (ref + timedelta(days=delta)).isoformat()
        # News report past events: "am Montag" is the most recent Monday (today counts).
        delta = (ref.weekday() - target) % 7
        if lead in ("vergangenen", "letzten", "last") and delta == 0:
            delta = 7
        return (ref - timedelta(days=delta)).isoformat()
    if rule == "rel:month":
        mo = _month(m.group(1))
        # "will vote in January" written in October: January of the next year; "waited … in December"
        # written in January: December of the year before
        past = (
            not future and mo > ref.month and bool(_PAST_VERB.search(m.string, max(0, m.start() - 200), m.end() + 80))
        )
        return f"{ref.year + (future and mo < ref.month) - past:04d}-{mo:02d}"
    if rule == "rel:year-part":
        return f"{ref.year:04d}"
    if rule == "rel:ago":
        n_word = (m.group(1) or m.group(3) or "").lower()
        unit = (m.group(2) or m.group(4) or "").lower()
        n = int(n_word) if n_word.isdigit() else _NUMWORDS.get(n_word, 1)
        if unit.startswith(("jahr", "year")):
            return f"{ref.year - n:04d}"
        if unit.startswith(("monat", "month")):
            mo = ref.month - n
            y = ref.year + (mo - 1) // 12
            return f"{y:04d}-{(mo - 1) % 12 + 1:02d}"
        days = n * 7 if unit.startswith(("woche", "week")) else n
        return (ref - timedelta(days=days)).isoformat()
    return None


# --- gates -------------------------------------------------------------------------------------------
# A pattern that starts with \b or an alternation gets no prefix skip in Python's re: it is tried at every
# position of the sentence (~5 µs per sentence and pattern), and the 18 patterns above were the costliest
# step of extraction. Each pattern is therefore tried only when the sentence holds something every match
# of it needs: a digit, a month name, one of a few words. A gate is a regex with a literal prefix (a fast
# scan in C) or a substring test; it only skips patterns that cannot match, so the mentions are the same.
_DIGIT = re.compile(r"\d")  # the same \d as in the patterns: every absolute date and range consumes one
# Month names as the case-sensitive patterns write them (_MONTH_ALT, _MONTH_NUMERIC_CTX), cut to their first
# three letters: "Jan" stands in "Januar", "January", "Jan." and "Jan"
_MONTH_GATE = re.compile(
    trie_alternation("Jan Jän Feb Mär Mar Apr Mai May Jun Jul Aug Sep Okt Oct Nov Dez Dec".split())
)
_NEEDS_MONTH = frozenset({"date:dmy-de", "date:dmy-en", "date:mdy-en", "date:md-en", "date:month-year"})


def _words_gate(ws: str) -> re.Pattern[str]:
    return re.compile(trie_alternation(ws.split()))


# Per relative rule: (gate, whether the gate reads the lower-cased sentence). Case-insensitive patterns are
# gated on the lower-cased sentence by ASCII substrings of their words ("chsten" of "nächsten"); the
# case-sensitive ones (weekday and month names, "Jahres") on the sentence as written.
_RELATIVE_GATES: dict[str, tuple[re.Pattern[str], bool]] = {
    "rel:day": (_words_gate("gestern heute morgen yesterday today tomorrow night morning afternoon evening"), True),
    "rel:period": (_words_gate("woche monat jahr week month year"), True),
    "rel:weekday": (re.compile(_WEEKDAY_ALT), False),
    "rel:month-step": (_words_gate("next chsten kommenden last vergangenen letzten"), True),
    "rel:month": (_MONTH_GATE, False),
    "rel:year-part": (_words_gate("Jahres year"), False),
    "rel:ago": (_words_gate("vor ago"), True),
}


def find_dates(
    text: str, start: int, end: int, ref: date | None = None, *, absolute_only: bool = False
) -> list[DateMention]:
    """Date mentions in text[start:end]; offsets are into `text`. `absolute_only` leaves out the relative
    mentions (the dateline wants full dates only; the absolute mentions are the same either way, as they
    are taken before the relative ones)."""
    digit = _DIGIT.search(text, start, end) is not None
    month = _MONTH_GATE.search(text, start, end) is not None
    out = _find_ranges(text, start, end, ref) if digit and month else []
    taken = [(d.start, d.end) for d in out]

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for rule, pat in _PATTERNS if digit else ():
        if not month and rule in _NEEDS_MONTH:
            continue
        for m in pat.finditer(text, start, end):
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            if rule == "date:year" and not _plausible_year(text, s, e, start):
                continue
            if rule == "date:md-en" and m.group(1) in ("may", "march") and not m.group(2):
                continue  # the verbs "may"/"march" before a number; the months are written "May 12", "March 3"
            name = rule
            if rule == "date:numeric-dmy" and m.group(3) is None:
                if text[s - 1 : s] == "." or not _DAY_MONTH_LEADS.search(text, max(start, s - 12), s):
                    continue
                name = "date:numeric-dm"
            value = _absolute(rule, m, ref)
            if value == _REJECT or (value is None and name not in _YEARLESS_RULES):
                continue
            if value and ref and name in _DAY_MONTH_RULES and not _YEAR_IN.search(m.group()):
                tense = _tense_of(text, start, end, s, e)
                value = _nearest_year(value, ref, tense)
                weekday = _WEEKDAY_BEFORE.search(text, max(start, s - 20), s)
                if weekday:
                    value = _weekday_year(value, WEEKDAYS[weekday.group(1).lower()], ref, tense)
            taken.append((s, e))
            out.append(DateMention(text=m.group(), value=value, start=s, end=e, relative=value is None, rule=name))
    quotes: list[tuple[int, int]] | None = None  # read only when a weekday or month needs the tense
    low: str | None = None  # the lower-cased sentence, for the gates of case-insensitive patterns
    for rule, pat in _RELATIVE if not absolute_only else ():
        gate, folded = _RELATIVE_GATES[rule]
        if folded:
            if low is None:
                low = fold_ignorecase(text[start:end])
            if gate.search(low) is None:
                continue
        elif gate.search(text, start, end) is None:
            continue
        for m in pat.finditer(text, start, end):
            s, e = m.start(), m.end()
            if not free(s, e):
                continue
            if rule == "rel:day" and m.group(1) == "Morgen":  # "Morgen" the noun (the morning)
                continue
            if rule == "rel:day" and m.group(1).lower() == "morgen" and _after_article(text, s):
                continue
            taken.append((s, e))
            future = False
            if rule in ("rel:weekday", "rel:month") and ref is not None:
                if quotes is None:
                    quotes = _stretches(text, start, end)
                future = _future_at(text, start, end, quotes, s)
            try:
                value = _relative(rule, m, ref, future)
            except (OverflowError, ValueError):
                value = None  # ("gestern" in an article dated 1 January of the year 1: no day before it)
            out.append(DateMention(text=m.group(), value=value, start=s, end=e, relative=True, rule=rule))
            if rule == "rel:month":
                # "in January and February": the second month shares the lead
                nxt = _MONTH_AND.match(text, e, end)
                if nxt and free(nxt.start(1), nxt.end(1)):
                    taken.append((nxt.start(1), nxt.end(1)))
                    v2 = f"{ref.year:04d}-{_month(nxt.group(1)):02d}" if ref else None
                    out.append(
                        DateMention(nxt.group(1), v2, nxt.start(1), nxt.end(1), relative=True, rule="rel:month-and")
                    )
    out.sort(key=lambda d: d.start)
    return out


# rules whose mention stays (unresolved, relative) without an article date to take the year from
_DAY_MONTH_RULES = frozenset({"date:dmy-de", "date:dmy-en", "date:md-en", "date:numeric-dm"})
_YEAR_IN = re.compile(r"\d{4}")
_SEASON = 120  # days: a day and month without a year this far from the article date lies in the next/last year


# "on"/"am" opening the sentence or a clause right before a date: the date opens the clause, so a past verb
# after it governs it ("On June 7 the union met"); after a verb ("begins on Oct. 14, prosecutors said") the
# past verb after the date is a frame, not the date's verb. A weekday may stand between them with the date in
# apposition ("Am Dienstag, 7. Juni, trafen sich …", "On Wednesday, June 7, the ministers met"): the date
# still opens the clause and the verb after the closing comma governs it.
_APPOSED_WEEKDAY = r"(" + _WEEKDAY_ALT + r"),\s+(?:(?:dem|den|the)\s+)?"
_DAY_OPENS = re.compile(r"(?:(?<!\w)(?:am|on|Am|On)\s+(?:" + _APPOSED_WEEKDAY + r")?|" + _APPOSED_WEEKDAY + r")$")
_WEEKDAY_BEFORE = re.compile(_APPOSED_WEEKDAY + r"$")
# A range's lead ("vom", "from", "zwischen dem") is part of its mention: nothing need stand before it.
_LED_OPENS = re.compile(r"$")
_CLAUSE_MARKS = ".!?,;:–—("


def _opens_clause(text: str, start: int, s: int, opens: re.Pattern[str]) -> bool:
    """Whether the date at s opens its sentence or clause: `opens` (its preposition, an apposed weekday)
    right before it, and before that only the start of the sentence or a clause mark."""
    m = opens.search(text, max(start, s - 40), s)
    if m is None:
        return False
    head = text[start : m.start()].rstrip()
    return not head or head[-1] in _CLAUSE_MARKS


# A present tense of a timetable verb governing the date: "The trial begins on October 12", "Die Messe
# öffnet am 3. Mai": in news a present with a day means what is scheduled, so the day lies ahead of the
# report, even when a past speech verb frames the sentence.
_SCHEDULED = (
    r"\b(?:begins|starts|opens|reopens|resumes|ends|closes|runs|expires|convenes|meets|kicks off|takes place|"
    r"takes effect|comes into force|is held|are held|beginnt|startet|öffnet|endet|läuft|tagt|"
    r"findet)\s+(?:[\w'’.-]+\s+){0,2}?"
)


# A future auxiliary governing the date: "will meet on Feb. 20", "wird am 10. Januar fortgesetzt", "Am 2.
# Februar wird der Bundestag abstimmen". What will happen cannot lie before the report.
_FUTURE_AUX = r"(?:will|shall|wird|werden|soll|sollen)"
# hearsay "soll"/"sollen" before the date with a perfect infinitive after it: "soll am 7. Juni getagt haben",
# "sollen am 3. Mai eingereist sein" — what someone is said to have done lies before the report
_HEARSAY_AUX = re.compile(r"\b(?:soll|sollen)\b", re.IGNORECASE)
_PERFECT_INFINITIVE = re.compile(
    r"[^.;:!?]{0,60}?\b(?:[a-zäöüß]*ge[a-zäöüß]{3,}(?:t|en)|[a-zäöüß]{3,}iert)\s+(?:haben|sein|worden)\b",
    re.IGNORECASE,
)
_AHEAD_AFTER_DATE = re.compile(r",?\s+" + _FUTURE_AUX + r"\b", re.IGNORECASE)


class _Frame(NamedTuple):
    """How a verb before the date reaches it: a single day by "on"/"am" ("met on June 7"; "was postponed to
    June 7", "is expected on June 7" speak of what is to come), a range by its own lead, which is part of
    the mention ("The strike lasted from June 3 to June 5", "Die Kommission tagte vom 3. bis 5. Juni")."""

    past_before: re.Pattern[str]  # a past verb, at most two words, the date
    ahead_before: re.Pattern[str]  # a future auxiliary, at most three words, the date
    scheduled_before: re.Pattern[str]  # a timetable present, at most two words, the date
    weak_before: re.Pattern[str]  # one to three lowercase words before the date (German weak past, see below)
    opens: re.Pattern[str]  # what stands between the clause start and the date


def _frame(prep: str, scheduled_prep: str) -> _Frame:
    return _Frame(
        # ("to be held on 26 August", "will be held from 16-28 November": a participle after "be" is no past)
        re.compile(
            r"(?<!\bbe\s)\b(?!expected\b)" + _GOVERNING_PAST + r"\s+(?:[\w'’.-]+\s+){0,4}" + prep + r"$", re.IGNORECASE
        ),
        re.compile(r"\b" + _FUTURE_AUX + r"\s+(?:[\w'’.-]+\s+){0,3}?" + prep + r"$", re.IGNORECASE),
        re.compile(_SCHEDULED + scheduled_prep + r"$"),
        re.compile(r"(?<![\w'’.-])((?:[a-zäöüß]+\s+){1,3})" + prep + r"$"),
        _DAY_OPENS if prep else _LED_OPENS,
    )


_DAY_FRAME = _frame(r"(?:on|am)\s+", r"(?:on|am|from|vom|ab)\s+")
_LED_FRAME = _frame("", "")
_PAST_AFTER_DATE = re.compile(r",?\s+(?:[\w'’.-]+\s+){0,2}?" + _GOVERNING_PAST + r"\b", re.IGNORECASE)
_NEXT_WORD = re.compile(r",?\s+([a-zäöüß]+)\b")
_GERMAN_DATE = re.compile(r"\d\.")  # "7. Juni", "3. bis 5. Juni", "3.11.": a German day has its full stop

# German weak verbs form their past with -te/-ten ("tagte", "streikten", "führte", "arbeiteten"), which
# _GOVERNING_PAST lists only for speech verbs: no suffix alone tells them from adjectives ("erste",
# "geplante"), subjunctives ("könnte") or the present of verbs whose stem ends in -t ("starten", "halten",
# "achten"). So a -te/-ten word counts as a past verb only where German puts its finite verb (right after a
# fronted date, or lowercase before it with no noun between) and only with a letter before the ending that
# a present form does not have there; the exceptions are the few present stems with that letter.
_DE_NOT_PAST = frozenset(
    "heute bitte mitte mitten unten hinten könnte könnten müsste müssten dürfte dürften möchte möchten sollte "
    "sollten hätte hätten bräuchte bräuchten erste ersten zweite zweiten dritte dritten vierte vierten fünfte "
    "fünften sechste sechsten siebte siebten achte achten neunte neunten zehnte zehnten letzte letzten "
    "nächste nächsten gelten vergelten".split()
)
_DE_WEAK_PAST = re.compile(
    r"(?!ge)[a-zäöüß]{2,}(?:"  # ("geplante", "gesperrten": participles before a noun, not the finite verb)
    r"(?<!tr)(?<!b)(?<!kn)(?<!i)ete"  # "arbeitete", "endete", not "treten", "beten", "bieten"
    r"|(?:[gkbpmnzd]|(?<!c)h)te"  # "tagte", "streikte", "lebte", "stoppte", "plante", "setzte", "drohte"
    r"|(?<!a)lte"  # "stellte", "wählte", not "halten", "alte"
    r"|(?<!a)(?<!wer)(?<!o)rte"  # "führte", "forderte", not "starten", "warten", "werten", "antworten"
    r"|(?:(?<=uc)(?<!euc)|(?<=oc)|(?<=mac)|(?<=dac)|(?<=brac)|(?<=lac)|(?<=sc))hte"  # "suchte", "machte",
    # "wünschte", not "achten", "richten", "leuchten"
    r"|(?<!ö)sste"  # "musste", "wusste", not the Swiss "grösste"
    r"|(?<!n)(?<!l)(?<!haf)(?<!hef)(?<!stif)(?<!lüf)fte"  # "kaufte", "durfte", not "fünfte", "haften"
    r")n?"
)


def _de_weak_past(word: str) -> bool:
    return word not in _DE_NOT_PAST and _DE_WEAK_PAST.fullmatch(word) is not None


def _tense_of(text: str, start: int, end: int, s: int, e: int, *, led: bool = False) -> str:
    """ "done", "ahead", "past", "future" or "" (no marker) for a date at text[s:e] in the sentence
    text[start:end]: "done" when a past verb governs the date itself ("said on Dec. 28", "met on June 7", "Am
    7. Juni trafen sich"), "ahead" when a future auxiliary does ("will meet on Feb. 20", "Am 2. Februar
    wird …"); "past" for a past verb elsewhere in its stretch ("hatte … mitgeteilt", "was"); "future" for a
    future marker in its stretch ("wird", "will"); a quotation has its own tense. `led`: the mention starts
    with a range's lead ("vom 3. bis 5. Juni", "from June 3 to June 5"), which takes the place of "am"/"on"."""
    frame = _LED_FRAME if led else _DAY_FRAME
    german = _GERMAN_DATE.search(text, s, e) is not None
    before = _SAID_BEFORE.search(text, max(0, s - 60), s) or frame.past_before.search(text, max(start, s - 50), s)
    if before is None and german:
        weak = frame.weak_before.search(text, max(start, s - 50), s)
        before = weak if weak and any(_de_weak_past(w) for w in weak.group(1).split()) else None
    if before and not _FUTURE.search(text, before.start(), s):
        return "done"  # ("said on Dec. 28"; not "The trial begins on Oct. 14, prosecutors said": the frame)
    opens = _opens_clause(text, start, s, frame.opens)
    if _HEARSAY_AUX.search(text, max(start, s - 50), s) and _PERFECT_INFINITIVE.match(text, e, end):
        return "done"  # "soll am 7. Juni getagt haben": what someone is said to have done (not "wird … haben")
    if frame.ahead_before.search(text, max(start, s - 50), s) or (
        opens and _AHEAD_AFTER_DATE.match(text, e, min(end, e + 12))
    ):
        return "ahead"  # "will meet on Feb. 20", "Am 2. Februar wird …"
    if frame.scheduled_before.search(text, max(start, s - 40), s):
        return "future"  # "The trial begins on October 12, prosecutors said": a timetable lies ahead
    if opens:
        # "Am 7. Juni trafen sich …", "On June 7, the union met", "Vom 3. bis 5. Juni tagte …"
        after = _PAST_AFTER_DATE.match(text, e, min(end, e + 40))
        if after is None and german:
            nxt = _NEXT_WORD.match(text, e, min(end, e + 30))
            after = nxt if nxt and _de_weak_past(nxt.group(1)) else None
        if after and not _FUTURE.search(text, e, after.end()):
            return "done"
    quotes = _stretches(text, start, end)
    if _future_at(text, start, end, quotes, s):
        return "future"
    a, b = next(((qa, qb) for qa, qb in quotes if qa <= s < qb), (start, end))
    return "past" if _PAST_VERB.search(text, a, b) or _PAST_MARK.search(text, a, b) else ""


def _nearest_year(value: str, ref: date, tense: str) -> str:
    """A day and month written without a year, first read in the article's year: "am 28. Dezember" in a
    report of 3 January about the past is last December, "am 5. Januar" in a report of 20 December about
    the future next January; without a tense marker ("Der Prozess beginnt am 10. April") a date more than
    _SEASON days away moves to the year that brings it nearest the article date."""
    y, mo, d = (int(x) for x in value.split("-"))
    when = date(y, mo, d)
    if tense == "done" and (when - ref).days > 1 and _valid(y - 1, mo, d):
        return f"{y - 1:04d}-{mo:02d}-{d:02d}"  # what a past verb says happened cannot lie after the report
    if tense in ("past", "done") and (when - ref).days > _SEASON and _valid(y - 1, mo, d):
        return f"{y - 1:04d}-{mo:02d}-{d:02d}"
    if tense == "ahead" and (ref - when).days > 1 and _valid(y + 1, mo, d):
        return f"{y + 1:04d}-{mo:02d}-{d:02d}"  # what a future auxiliary says will happen lies after the report
    if tense in ("future", "ahead") and (ref - when).days > _SEASON and _valid(y + 1, mo, d):
        return f"{y + 1:04d}-{mo:02d}-{d:02d}"
    if not tense and abs((when - ref).days) > _SEASON:
        years = [yy for yy in (y - 1, y + 1) if _valid(yy, mo, d)]
        best = min(years, key=lambda yy: abs((date(yy, mo, d) - ref).days), default=y)
        if abs((date(best, mo, d) - ref).days) < abs((when - ref).days):
            return f"{best:04d}-{mo:02d}-{d:02d}"
    return value


def _shift_range(value: str, ref: date, tense: str) -> str:
    """A year-less range "A/B" read in the article's year, moved by whole years as `_nearest_year` moves a
    single day: what a past verb says happened must have begun by the report (its first day decides), what a
    future verb says will happen must not have ended before it (its last day decides)."""
    a, b = value.split("/")
    anchor = b if tense in ("ahead", "future") else a
    years = int(_nearest_year(anchor, ref, tense)[:4]) - int(anchor[:4])
    if not years:
        return value
    ends = [(int(x[:4]) + years, int(x[5:7]), int(x[8:10])) for x in (a, b)]
    if not all(_valid(*end) for end in ends):
        return value  # (29 February in a year without it)
    return "/".join(f"{y:04d}-{mo:02d}-{d:02d}" for y, mo, d in ends)


def _weekday_year(value: str, weekday: int, ref: date, tense: str) -> str:
    """A day and month with a weekday in apposition ("Am Montag, 20. Februar, trafen sich …" in March 2024):
    when the year `_nearest_year` chose gives another weekday, the neighbouring year that gives this one, if
    the tense points that way and it lies within about a year of the report (farther, the weekday is more
    likely a slip than a hint)."""
    y, mo, d = (int(x) for x in value.split("-"))
    if not tense or date(y, mo, d).weekday() == weekday:
        return value  # (without a tense the weekday alone does not move a date by a year)
    for yy in (y - 1, y + 1):
        if not _valid(yy, mo, d):
            continue
        when = date(yy, mo, d)
        if when.weekday() != weekday or abs((when - ref).days) > 400:
            continue
        if (tense in ("done", "past") and (when - ref).days > 1) or (
            tense in ("ahead", "future") and (ref - when).days > 1
        ):
            continue
        return when.isoformat()
    return value


_YEARLESS_RULES = frozenset({"date:dmy-de", "date:dmy-en", "date:md-en", "date:numeric-dm", *_RANGE_RULES})


def with_year_flag(date_mention: dict[str, Any]) -> dict[str, Any]:
    """The date's dict with "year_inferred": true added when its year was inferred (see year_inferred), or
    "year_unknown": true for a day without a year in an undated article (see year_unknown), so a script
    reading JSON can tell them from a written year and from a relative date; other dates are unchanged."""
    if year_inferred(date_mention):
        return {**date_mention, "year_inferred": True}
    if year_unknown(date_mention):
        return {**date_mention, "year_unknown": True}
    return date_mention


def year_inferred(date_mention: dict[str, Any]) -> bool:
    """Whether a date's year was inferred, not written: "am 7. Juni" → 2023-06-07 takes its year from the
    article date and the tense (`_nearest_year`), so a checker should confirm it. Reads the stored shape
    ({"text", "value", "rule", ...}) of any extractor version."""
    return bool(_YEAR_IN.match(str(date_mention.get("value") or ""))) and _written_without_year(date_mention)


def year_unknown(date_mention: dict[str, Any]) -> bool:
    """Whether a date is a day (or a range of days) written without a year in an article without a date:
    "Dec. 28", "vom 3. bis 5. Juni". It has no value, as a relative date ("gestern") without an article date
    has none, but it is no relative date: a display should say the year is unknown, not "(relative)". Reads
    the stored shape ({"text", "value", "rule", ...}) of any extractor version."""
    return not date_mention.get("value") and _written_without_year(date_mention)


def _written_without_year(date_mention: dict[str, Any]) -> bool:
    """A day, month or range of a rule that reads them without a year, written without one."""
    written, rule = str(date_mention.get("text") or ""), str(date_mention.get("rule") or "")
    return rule in _YEARLESS_RULES and not _YEAR_IN.search(written)


# "am 3.11.", "vom 3.11.", "Montag, 3.11.": words that make two numbers with dots a day and a month
_DAY_MONTH_LEADS = re.compile(
    r"(?:\b(?:[Aa]m|[Vv]om|[Bb]is(?:\s+zum)?|[Zz]um|[Aa]b|[Ss]eit|[Dd]en|[Dd]em|[Dd]er)|" + _WEEKDAY_ALT + r",?)\s+$"
)
_MONTH_AND = re.compile(r"\s+(?:and|und|or|oder|bis|to|–|-)\s+(" + _MONTH_ALT + r")(?!\w)(?!\s+\d)")


def _after_article(text: str, s: int) -> bool:
    return bool(re.search(r"\b(?:am|den|der|dem|des|jeden|diesen)\s+$", text[max(0, s - 8) : s], re.IGNORECASE))


def _plausible_year(text: str, s: int, e: int, seg_start: int) -> bool:
    """A bare 4-digit number in 1500..2099 is a year unless it looks like a count."""
    before = text[max(seg_start, s - 20) : s]
    if _YEAR_LEADS.search(before):
        return True
    after = text[e : e + 12]
    if re.match(r"\s*[\w€$£%]", after) and not re.match(r"\s*(?:und|and|bis|to|war|wurde|was|kam|hat|fand)\b", after):
        # "2017 Menschen", "1800 Euro": a quantity unless a verb or conjunction follows
        nxt = re.match(r"\s*(\w+)", after)
        if nxt and nxt.group(1)[:1].isupper() and nxt.group(1).lower() not in ("januar", "januar"):
            return False
    return True
