"""Which units name the same thing: German and English forms grouped, for matching numbers across languages.

The forms are the ones `factcheck.extract.quantities.UNITS` (and its currency symbols, which it turns
into "USD"/"EUR"/"GBP") can give, grouped by meaning; a form not listed is its own group (compared case
folded). Percentages and percentage points are kept apart: 3 % is not 3 percentage points.
"""

from __future__ import annotations

UNIT_GROUPS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "prozent", "percent", "per cent"),
    "percentage point": ("prozentpunkte", "prozentpunkten", "percentage points", "percentage point"),
    "EUR": ("€", "eur", "euro", "euros"),
    "USD": ("$", "usd", "dollar", "dollars", "us-dollar"),
    "GBP": ("£", "gbp", "pfund", "pounds"),
    "CHF": ("chf", "franken"),
    "people": ("menschen", "personen", "people", "einwohner", "einwohnern"),
    "dead": ("tote", "toten", "todesopfer", "dead", "killed", "deaths"),
    "injured": ("verletzte", "verletzten", "injured"),
    "soldiers": ("soldaten", "soldiers", "troops"),
    "refugees": ("flüchtlinge", "refugees"),
    "children": ("kinder", "children"),
    "women": ("frauen", "women"),
    "men": ("männer", "men"),
    "workers": ("mitarbeiter", "mitarbeitende", "beschäftigte", "workers", "employees"),
    "jobs": ("arbeitsplätze", "stellen", "jobs"),
    "votes": ("stimmen", "votes"),
    "seats": ("sitze", "mandate", "seats"),
    "tonnes": ("tonnen", "tonnes", "tons"),
    "km": ("km", "kilometer", "kilometres", "kilometers"),
    "metres": ("meter", "metres", "meters"),
    "years": ("jahre", "jahren", "years"),
    "months": ("monate", "monaten", "months"),
    "weeks": ("wochen", "weeks"),
    "days": ("tage", "tagen", "days"),
    "hours": ("stunden", "hours"),
    "minutes": ("minuten", "minutes"),
    "cases": ("fälle", "fällen", "cases"),
    "patients": ("patienten", "patients"),
    "passengers": ("passagiere", "passagieren", "passengers"),
    "members": ("mitglieder", "mitgliedern", "members"),
    "countries": ("länder", "staaten", "countries"),
    "households": ("haushalte", "households", "homes"),
    "students": ("schüler", "studierende", "students"),
    "barrels": ("barrel", "barrels"),
}
_GROUP_OF = {form: group for group, forms in UNIT_GROUPS.items() for form in forms}
_PERCENTAGES = {"percent", "percentage point"}


def unit_group(unit: str) -> str:
    """The group a unit belongs to ("Prozent" → "percent", "US-Dollar" → "USD"); "" for no unit."""
    form = " ".join(unit.casefold().split())
    return _GROUP_OF.get(form, form)


def units_compatible(claim_unit: str, source_unit: str) -> bool:
    """Same group; or one side has no unit ("480 Milliarden" vs "480 billion euros") and the other is not a
    percentage: a percentage must be matched by a percentage ("76 %" is not "76 Menschen")."""
    a, b = unit_group(claim_unit), unit_group(source_unit)
    if a == b:
        return True
    if not a or not b:
        return not ({a, b} & _PERCENTAGES)
    return False
