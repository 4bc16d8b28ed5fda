"""Places as named in a sentence: a gazetteer of countries, capitals and news cities (German and
English spellings), plus "in/aus/nach <Name>" for places the list does not know.

A gazetteer keeps precision high in German, where every noun is capitalised and "in Verhandlungen"
must not become a place.
"""

from __future__ import annotations

import re

from factcheck.extract.lexicon import words

_NAMES = """
Deutschland|Österreich|Schweiz|Frankreich|Italien|Spanien|Portugal|Polen|Tschechien|Ungarn|Rumänien|
Bulgarien|Griechenland|Türkei|Russland|Ukraine|Belarus|Weißrussland|Moldau|Litauen|Lettland|Estland|
Finnland|Schweden|Norwegen|Dänemark|Niederlande|Belgien|Luxemburg|Irland|Großbritannien|England|
Schottland|Wales|Island|Kroatien|Serbien|Bosnien|Slowenien|Slowakei|Albanien|Kosovo|Georgien|Armenien|
Aserbaidschan|Kasachstan|Iran|Irak|Syrien|Libanon|Israel|Jordanien|Ägypten|Libyen|Tunesien|Algerien|
Marokko|Saudi-Arabien|Katar|Jemen|Afghanistan|Pakistan|Indien|China|Japan|Taiwan|Nordkorea|Südkorea|
Vietnam|Thailand|Indonesien|Philippinen|Australien|Neuseeland|Kanada|Mexiko|Brasilien|Argentinien|
Chile|Kolumbien|Venezuela|Peru|Kuba|Südafrika|Nigeria|Kenia|Äthiopien|Sudan|Somalia|Mali|Niger|Kongo|
USA|Vereinigte Staaten|Vereinigten Staaten|Vereinigtes Königreich|Gaza|Gazastreifen|Westjordanland|Krim|
Donbass|Europa|Afrika|Asien|Amerika|Nahost|Germany|Austria|Switzerland|France|Italy|Spain|Poland|
Hungary|Greece|Turkey|Russia|Ukraine|Sweden|Norway|Denmark|Netherlands|Belgium|Ireland|Britain|
Great Britain|United Kingdom|UK|Scotland|Iceland|Croatia|Serbia|Syria|Lebanon|Egypt|Libya|Saudi Arabia|
Qatar|Yemen|India|China|Japan|North Korea|South Korea|Australia|New Zealand|Canada|Mexico|Brazil|
Argentina|Colombia|Venezuela|Cuba|South Africa|Kenya|Ethiopia|United States|US|Europe|Africa|Asia|
Middle East|Berlin|Hamburg|München|Munich|Köln|Cologne|Frankfurt|Stuttgart|Düsseldorf|Dresden|Leipzig|
Hannover|Bremen|Nürnberg|Bonn|Mainz|Wiesbaden|Potsdam|Magdeburg|Erfurt|Kiel|Schwerin|Saarbrücken|
Karlsruhe|Freiburg|Heidelberg|Münster|Dortmund|Essen|Duisburg|Bochum|Wien|Vienna|Graz|Linz|Salzburg|
Innsbruck|Klagenfurt|Zürich|Zurich|Bern|Basel|Genf|Geneva|Lausanne|Paris|Lyon|Marseille|London|
Manchester|Birmingham|Liverpool|Glasgow|Edinburgh|Cardiff|Belfast|Dublin|Brüssel|Brussels|Amsterdam|
Den Haag|The Hague|Rom|Rome|Mailand|Milan|Madrid|Barcelona|Lissabon|Lisbon|Warschau|Warsaw|Prag|Prague|
Budapest|Bukarest|Sofia|Athen|Athens|Istanbul|Ankara|Moskau|Moscow|Sankt Petersburg|St Petersburg|
Kiew|Kyiv|Kiev|Charkiw|Kharkiv|Odessa|Odesa|Mariupol|Cherson|Kherson|Donezk|Donetsk|Luhansk|Minsk|
Sotschi|Sochi|Stockholm|Oslo|Kopenhagen|Copenhagen|Helsinki|Tallinn|Riga|Vilnius|Washington|New York|
Los Angeles|Chicago|San Francisco|Boston|Miami|Houston|Texas|Kalifornien|California|Florida|Alaska|
Anchorage|Ottawa|Toronto|Peking|Beijing|Shanghai|Hongkong|Hong Kong|Tokio|Tokyo|Seoul|Pjöngjang|
Pyongyang|Neu-Delhi|New Delhi|Delhi|Mumbai|Teheran|Tehran|Bagdad|Baghdad|Damaskus|Damascus|Beirut|
Jerusalem|Tel Aviv|Kairo|Cairo|Riad|Riyadh|Doha|Dubai|Abu Dhabi|Kabul|Islamabad|Buenos Aires|
Brasília|Rio de Janeiro|São Paulo|Mexiko-Stadt|Mexico City|Havanna|Havana|Canberra|Sydney|Melbourne|
Nairobi|Johannesburg|Kapstadt|Cape Town|Lagos|Davos|Genfer See|Brüssel|Straßburg|Strasbourg|Luxemburg|
Den Haag|Oval Office|Weißen Haus|Weißes Haus|White House|Kreml|Kremlin|Bayern|Bavaria|Sachsen|Hessen|
Thüringen|Brandenburg|Niedersachsen|Nordrhein-Westfalen|Baden-Württemberg|Rheinland-Pfalz|Saarland|
Schleswig-Holstein|Mecklenburg-Vorpommern|Sachsen-Anhalt|Tirol|Kärnten|Steiermark|Vorarlberg|
Niederösterreich|Oberösterreich|Burgenland|Westminster|Downing Street|Wall Street|Silicon Valley|
Gaza-Streifen|Ostjerusalem|Grönland|Greenland|Panama|Kaliningrad|Belgorod|Kursk|Saporischschja|
Zaporizhzhia|Dnipro|Lwiw|Lviv|Bachmut|Bakhmut|Awdijiwka|Guam|Tokio|Narita|Saipan|Uganda|Jena|
Vancouver|Montreal|Quebec|Oxford|Cambridge|Leeds|Sheffield|Bristol|Newcastle|Northern Ireland|Nordirland
"""
PLACES: dict[str, str] = {n.strip().lower(): n.strip() for n in _NAMES.replace("\n", "").split("|") if n.strip()}

# Capitalised words, scanned once; gazetteer look-ups are dict hits on the first word (a regex
# alternation of 400 names cost ~1 ms per article, this ~0.1 ms).
CAP_WORD = re.compile(r"(?<![\w-])[A-ZÄÖÜÀ-Þ][\w-]*")


def phrase_index(names: list[str]) -> dict[str, list[str]]:
    """First word (lower-case) -> the names starting with it, longest first."""
    idx: dict[str, list[str]] = {}
    for n in sorted(set(names), key=len, reverse=True):
        idx.setdefault(n.split()[0].lower(), []).append(n)
    return idx


_PLACE_INDEX = phrase_index(list(PLACES.values()))


def match_phrase(text: str, pos: int, word: str, index: dict[str, list[str]], end: int) -> str | None:
    for name in index.get(word.lower(), ()):
        e = pos + len(name)
        if e <= end and text.startswith(name, pos) and (e == len(text) or not (text[e].isalnum() or text[e] == "-")):
            return name
    return None


def iter_places(text: str, start: int = 0, end: int | None = None):
    """(start, end, name) for every gazetteer place in text[start:end]."""
    end = len(text) if end is None else end
    skip = -1
    for m in CAP_WORD.finditer(text, start, end):
        if m.start() < skip:
            continue
        name = match_phrase(text, m.start(), m.group(), _PLACE_INDEX, end)
        if name:
            skip = m.start() + len(name)
            yield m.start(), skip, name


# Idioms with a capitalised noun after a place preposition: "in Betracht", "nach Angaben".
_NOT_PLACES = words(
    """
    betracht kraft frage gang sicht haft zukunft angaben ansicht anbetracht anspruch kauf kontakt
    ruhe gefahr not kürze folge teilen bezug richtung eile verbindung wirklichkeit summe betrieb
    rente urlaub rede ordnung aussicht form höhe gold euro dollar prozent bälde mode panik deckung
    schutz zusammenarbeit hinblick rahmen grund sachen bezug kürze haft kraft gebrauch kauf frage
    bewegung angriff
    """
)
# "in Buxtehude", "aus Jena", "nach Kassel": a capitalised word after a place preposition that does not
# end like a German common noun and is not preceded by an article.
_PREP_PLACE = re.compile(r"\b(?:in|aus|nach|bei|near|in|from|to)\s+([A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?)\b")
_NOUNISH = re.compile(
    r"(?:ung|ungen|heit|keit|schaft|ion|ionen|ismus|ität|en|er|ern|el|chen|nis|tum|ik|age|"
    r"ment|ie|ei|um|ur|at|ts|ls|ns|es|e)$"
)


def find_places(
    text: str, start: int, end: int, language: str = "de", persons: list[tuple[int, int]] | None = None
) -> list[tuple[int, int, str]]:
    """Places in text[start:end] as (start, end, name); spans inside person mentions are skipped."""
    persons = persons or []
    out: list[tuple[int, int, str]] = []
    out.extend(iter_places(text, start, end))
    seen = {(s, e) for s, e, _ in out}
    for m in _PREP_PLACE.finditer(text, start, end):
        word = m.group(1)
        s, e = m.start(1), m.end(1)
        if any(a <= s < b for a, b in seen) or any(a <= s < b for a, b in persons):
            continue
        if word.lower() in _NOT_PLACES:
            continue
        if language == "de" and _NOUNISH.search(word.lower()):
            continue
        if language != "de" and word.lower() in ("the", "a", "his", "her", "its", "their", "our", "this"):
            continue
        if word.lower() in (
            "januar",
            "februar",
            "märz",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "dezember",
            "january",
            "february",
            "march",
            "may",
            "june",
            "july",
            "october",
            "december",
        ):
            continue
        out.append((s, e, word))
    out.sort()
    return out
