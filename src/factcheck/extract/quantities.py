"""Numbers with their unit: "76 Prozent", "1,2 Milliarden Euro", "$1.13bn", "mehr als 300 Tote".

Only numbers with a unit or a counted noun are kept: a bare "2017" is a year (dates.py) and a bare
"3" is rarely what a checker verifies.
"""

from __future__ import annotations

import re

from factcheck.extract.model import Quantity

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
_QTY = re.compile(
    r"(?:(?P<cur>[$€£])\s?)?(?<![\w.,])(?P<num>" + _NUM + r"|" + "|".join(_NUMWORDS) + r")"
    r"(?:\s?(?P<scale>" + _SCALE_ALT + r"))?\b"
    r"(?:\s?(?:(?:[a-zäöüß-]+e[nrsm]?)\s)?(?P<unit>" + UNITS + r"))?",
    re.IGNORECASE,
)


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
    out: list[Quantity] = []
    for m in _QTY.finditer(text, start, end):
        unit = m.group("unit")
        cur = m.group("cur")
        scale = m.group("scale")
        if not unit and not cur and not scale:
            continue
        num = m.group("num")
        if num.lower() in _NUMWORDS and not unit:
            continue
        if scale and scale.lower() in ("m", "k") and not cur:
            continue
        if not unit and not cur and scale and scale.lower() in ("tausend", "thousand"):
            continue
        u = unit or cur or ""
        if cur and not unit:
            u = {"$": "USD", "€": "EUR", "£": "GBP"}[cur]
        raw = m.group()
        s = m.start() + len(raw) - len(raw.lstrip())
        e = m.end() - (len(raw) - len(raw.rstrip()))
        out.append(Quantity(text=text[s:e], value=_value(num, scale, language), unit=u, start=s, end=e))
    return out
