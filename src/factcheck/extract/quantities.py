"""Numbers with their unit: "76 Prozent", "1,2 Milliarden Euro", "$1.13bn", "mehr als 300 Tote",
"25 freiwillige Helfer", "300 new infections".

Only numbers with a unit or a counted noun are kept: a bare "2017" is a year (dates.py) and a bare
"3" is rarely what a checker verifies. Passes, in order:

1. number (+ scale) + a known unit or currency (`UNITS`, with one adjective before the unit);
2. number + its counted noun, when no unit is known: the noun phrase right after the number, up to two
   adjectives then the noun — in German a capitalised noun ("40 Schulen", "1.200 Beschäftigte"), in
   English a lower-case plural ("25 firefighters", "three hospitals"). The unit is the noun as written.
   Not counted: a number that is part of a name or an identifier ("Artikel 5", "Paragraf 218",
   "Seite 3", "Apollo 11", "COVID-19", "G7"), an ordinal ("3. Liga"), a year ("2024 Wahlen"), an age
   or compound ("der 29-Jährige"), a time or a date ("10 Uhr", "10 am", "2 October").
"""

from __future__ import annotations

import re

from factcheck.extract.lexicon import NOT_NAME_WORDS, words
from factcheck.extract.model import Quantity
from factcheck.extract.wordlist_regex import fold_ignorecase, trie_alternation

_NUMWORDS = {
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "zwanzig": 20,
    "dreißig": 30,
    "hundert": 100,
    "tausend": 1000,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "hundred": 100,
    "thousand": 1000,
    "dutzend": 12,
    "dozen": 12,
    "dutzende": 24,
    "dozens": 24,
    "hunderte": 200,
    "hundreds": 200,
    "tausende": 2000,
    "thousands": 2000,
}
_SCALE = {
    "million": 1e6,
    "millionen": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "mrd": 1e9,
    "mrd.": 1e9,
    "billion": 1e9,
    "billionen": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
    "trillion": 1e12,
    "tausend": 1e3,
    "thousand": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
UNITS = (
    "Prozentpunkte|Prozentpunkten|Prozent|percentage points|per cent|percent|%|Euro|EUR|€|Dollar|US-Dollar|"
    "USD|\\$|Pfund|£|Franken|CHF|Rubel|Yen|Yuan|Hrywnja|dollars|pounds|euros|Tote|Toten|Todesopfer|"
    "Verletzte|Verletzten|Menschen|Personen|Einwohner|Einwohnern|Soldaten|Flüchtlinge|Kinder|Frauen|"
    "Männer|Mitarbeiter|Mitarbeitende|Beschäftigte|Arbeitsplätze|Stellen|Stimmen|Sitze|Mandate|Tonnen|"
    "Kilometer|km|Meter|Quadratkilometer|Hektar|Liter|Grad|Jahre|Jahren|Monate|Monaten|Wochen|Tage|Tagen|"
    "Stunden|Minuten|Fälle|Fällen|Infektionen|Haushalte|Wohnungen|Schüler|Studierende|Patienten|"
    "Passagiere|Passagieren|Häftlinge|Gefangene|Demonstranten|Teilnehmer|Besucher|Zuschauer|Länder|"
    "Staaten|Mitglieder|Mitgliedern|Panzer|Raketen|Drohnen|Flugzeuge|Schiffe|Fahrzeuge|Autos|people|dead|"
    "killed|injured|deaths|soldiers|refugees|children|women|men|workers|jobs|employees|votes|seats|"
    "tonnes|tons|kilometres|kilometers|miles|metres|meters|years|months|weeks|days|hours|minutes|cases|"
    "patients|passengers|members|countries|troops|users|customers|homes|households|students|fans|"
    "points|goals|copies|units|barrels|Barrel"
)
_NUM = r"(?:\d{1,3}(?:[.,' ]\d{3})+|\d+)(?:[.,]\d+)?"
_SCALE_ALT = (
    r"(?:Millionen|Million|Mio\.|Milliarden|Milliarde|Mrd\.|Billionen|billion|million|trillion|bn|m|k|tausend|thousand)"
)
# The number words as a trie (wordlist_regex): tried at every position, 38 words one after another cost a
# third of the scan. The trie tries "dutzende" before "dutzend" where the plain list tried "dutzend"
# first; both reach the same matches: a word cut short ("dutzend|e", "dozen|s") is followed by a word
# character that starts no scale word, so the "\b" after the number rejects it.
_QTY = re.compile(
    r"(?:(?P<cur>[$€£])\s?)?(?<![\w.,])(?<!\w-)(?P<num>" + _NUM + r"|" + trie_alternation(_NUMWORDS) + r")"
    r"(?:\s?(?P<scale>" + _SCALE_ALT + r"))?\b"
    r"(?:\s?(?:(?:[a-zäöüß-]+e[nrsm]?)\s)?(?P<unit>" + UNITS + r"))?",
    re.IGNORECASE,
)

# _QTY is case-insensitive and starts with an optional currency sign, so Python's re tries it at every
# position of a sentence; it runs only when the sentence holds what every match needs: a digit (the same
# \d as in _NUM) or one of the number words (in the lower-cased sentence, see fold_ignorecase).
_DIGIT = re.compile(r"\d")
_NUMWORD_GATE = re.compile(trie_alternation(_NUMWORDS))


def _may_hold_quantity(text: str, start: int, end: int) -> bool:
    return (
        _DIGIT.search(text, start, end) is not None
        or _NUMWORD_GATE.search(fold_ignorecase(text[start:end])) is not None
    )


# --- pass 2: a number and its counted noun ---------------------------------------------------------
_DE_NUMWORDS = words("zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert tausend")
_EN_NUMWORDS = words("two three four five six seven eight nine ten eleven twelve twenty thirty hundred thousand")
_WS = r"[ \t\u00a0]+"
# The next three words after a number ("25 freiwillige Helfer", "300 new infections a day"); the counted
# noun is the first that can be one, the words before it must be modifiers.
_NEXT_WORDS = re.compile(
    r"(?:" + _WS + r"([\wÄÖÜäöüß]+(?:-[\wÄÖÜäöüß]+)*)(?![\w-]))(?:" + _WS + r"([\wäöüß]+(?:-[\wäöüß]+)*)(?![\w-]))?"
    r"(?:" + _WS + r"([\wÄÖÜäöüß]+(?:-[\wÄÖÜäöüß]+)*)(?![\w-]))?"
)
_DE_ADJECTIVE = re.compile(r"[a-zäöüß]+(?:e|en|er|es|em)")
_DE_NOUN = re.compile(r"[A-ZÄÖÜ][\wäöüß]*(?:-[\wÄÖÜäöüß]+)*")
_EN_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Plurals that do not end in -s, and words ending in -s that are not plurals.
_EN_PLURALS = words("people children men women police staff personnel cattle sheep deer fish aircraft feet teeth")
_EN_NOT_PLURAL = words(
    """
    is was has does this his its us as yes less unless plus minus thus always perhaps towards whereas
    besides sometimes times news series species means various previous famous serious anxious numerous
    across chaos bus gas bonus status virus campus census crisis analysis basis thesis its ours yours
    hers theirs whereas afterwards nevertheless regardless
    """
)
# Function words never inside a counted noun phrase ("5 of them", "10 am", "3 gegen Bayern").
_FUNCTION = words(
    """
    of the a an to and or in on at per from by for with than as is are was were be been being has
    have had will would could should may might can am pm who which that this these those them they
    their there here then not no nor so but if when while after before about over under into onto
    out up down off each every all both some any more most less few such only just also even very
    too again still yet ago old gegen unter über oder aber wieder immer wegen neben hinter zwischen
    außer sondern seine seinen seiner seinem seines ihre ihren ihrer ihrem ihres eine einen einer
    einem eines keine keinen keiner keinem keines diese diesen dieser diesem dieses jene jeden jeder
    jedem jedes alle allen aller welche welchen welcher solche unsere unseren unserer meine meinen
    deine nachdem trotzdem außerdem seitdem indem zudem bisher ebenfalls etwa mehr weniger sowie
    """
)
# Capitalised words after a number that are not what it counts (times, months, weekdays, "3 Mal").
_DE_NOT_COUNTED = NOT_NAME_WORDS | words("uhr mal jahrhundert jahrhunderts jahrtausend")
# A number right after one of these is an identifier, not a count ("Artikel 5", "Paragraf 218",
# "Seite 3", "Gleis 9", "Flight 17"); their abbreviations may carry a dot ("Nr. 5", "Abs. 2").
_ID_WORDS = words(
    """
    artikel art paragraf paragraph § absatz abs satz seite s nr nummer no kapitel kap band bd heft
    ziffer anlage anhang punkt tagesordnungspunkt top linie gleis zimmer raum haus tor bahnsteig version
    stufe runde spieltag etappe staffel folge teil kategorie klasse platz tabellenplatz rang level
    article section sec page p pp chapter ch room gate flight route platform stage phase season episode
    part number nos bus line grade vol volume item clause rule amendment highway interstate terminal
    """
)
# A street before a number is an address ("Hauptstraße 5", "Baker Street 221"): a capitalised word.
_STREET = re.compile(
    r"[A-ZÄÖÜ]\S*(?:straße|strasse|str\.|weg|allee|gasse|platz|ring|damm|ufer|chaussee)|"
    r"(?:Street|Road|Avenue|Lane|St\.?|Rd\.?)"
)
# Quantity adverbs that may stand capitalised before a number at a sentence start ("Rund 300 …").
_BEFORE_COUNT = NOT_NAME_WORDS | words(
    """
    rund etwa knapp fast gut über nur mindestens insgesamt weitere exakt genau circa ca ca. bis zu
    about around nearly almost some over only just least exactly roughly approximately up under
    """
)
_WORD_BEFORE = re.compile(r"(\S+)[ \t\u00a0]+$")
_WORD_REST = re.compile(r"[^\W\d_]*")
_YEAR = re.compile(r"1[89]\d\d|20\d\d")


def _identifier_before(text: str, start: int, lo: int) -> str | None:
    """Why the number at `start` names or numbers something rather than counting: "id" ("Artikel 5",
    "Hauptstraße 3", "14:30"), "name" ("SV Darmstadt 98", "Apollo 11") or None."""
    if start > lo and text[start - 1] in ":/#":
        return "id"
    m = _WORD_BEFORE.search(text, max(lo, start - 40), start)
    if not m:
        return None
    word = m.group(1)
    low = word.lower().rstrip(".")
    if low in _ID_WORDS or word == "§" or _STREET.fullmatch(word):
        return "id"
    # a capitalised word (not a function word, not at the sentence start) right before the number: a
    # name with a number in it ("SV Darmstadt 98", "Apollo 11 astronauts", "Windows 10 users")
    if word[:1].isupper() and low not in _BEFORE_COUNT and word[-1].isalnum() and text[lo : m.start()].strip():
        return "name"
    return None


def _counted_noun(text: str, pos: int, end: int, language: str) -> tuple[str, int] | None:
    """(noun, end of the noun phrase) a number ending at `pos` counts, or None."""
    m = _NEXT_WORDS.match(text, pos, end)
    if not m:
        return None
    for i in (1, 2, 3):
        word = m.group(i)
        if word is None or word.lower() in _FUNCTION:
            return None
        if language == "de":
            if _DE_NOUN.fullmatch(word):
                if word.lower() in _DE_NOT_COUNTED or word.isupper():
                    return None
                return word, m.end(i)
            if not _DE_ADJECTIVE.fullmatch(word):
                return None
        else:
            if not _EN_WORD.fullmatch(word):
                return None
            if word in _EN_PLURALS or (
                word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in _EN_NOT_PLURAL
            ):
                return word, m.end(i)
    return None


def _value(num: str, scale: str | None, language: str) -> float | None:
    low = num.lower()
    if low in _NUMWORDS:
        v = float(_NUMWORDS[low])
    else:
        s = num.replace(" ", "").replace("'", "")
        if language == "de":
            s = s.replace(".", "").replace(",", ".") if re.search(r",\d{1,2}$|\.\d{3}", s) else s.replace(",", ".")
        else:
            s = s.replace(",", "")
        try:
            v = float(s)
        except ValueError:
            return None
    if scale:
        v *= _SCALE.get(scale.lower().rstrip("."), _SCALE.get(scale.lower(), 1.0))
    return v


def find_quantities(text: str, start: int, end: int, language: str = "de") -> list[Quantity]:
    """Quantities in text[start:end], in text order; `language` ("de"/"en") decides how "1.200" and
    "1,200" read and which counted-noun rule applies. unit: the unit as written, "USD"/"EUR"/"GBP" for a
    currency sign, the counted noun ("Schulen", "infections"), or "" for a bare scale ("3 Millionen")."""
    out: list[Quantity] = []
    if not _may_hold_quantity(text, start, end):
        return out
    numwords = _DE_NUMWORDS if language == "de" else _EN_NUMWORDS
    for m in _QTY.finditer(text, start, end):
        unit = m.group("unit")
        cur = m.group("cur")
        scale = m.group("scale")
        num = m.group("num")
        qend = m.end()
        ident = _identifier_before(text, m.start(), start)
        if unit or cur:
            # a known unit after a number in a name still counts in German ("Laut Polizei 300 Menschen");
            # in English a capitalised word before the number is a name ("Windows 10 users")
            if ident == "id" or (ident == "name" and language != "de" and not cur):
                continue
            if unit and unit[-1].isalpha():
                # the unit list matched the start of a longer word ("60 Tage|n", "2 euro|s",
                # "150 Stunden|kilometern"): the unit is the whole word as written
                w = _WORD_REST.match(text, qend, end)
                if w and w.end() > qend:
                    unit, qend = unit + w.group(), w.end()
        else:
            counted = None
            if (num.lower() in numwords or num[0].isdigit()) and not ident and not (not scale and _YEAR.fullmatch(num)):
                counted = _counted_noun(text, m.end(), end, language)
            if counted:
                unit, qend = counted
            elif not scale:
                continue
        if num.lower() in _NUMWORDS and not unit:
            continue
        if scale and scale.lower() in ("m", "k") and not cur:
            continue
        if not unit and not cur and scale and scale.lower() in ("tausend", "thousand"):
            continue
        u = unit or cur or ""
        if cur and not unit:
            u = {"$": "USD", "€": "EUR", "£": "GBP"}[cur]
        raw = text[m.start() : qend]
        s = m.start() + len(raw) - len(raw.lstrip())
        e = qend - (len(raw) - len(raw.rstrip()))
        out.append(Quantity(text=text[s:e], value=_value(num, scale, language), unit=u, start=s, end=e))
    return out
