"""Places as named in a sentence: a hand list of countries, capitals, regions and news places (German
and English spellings, "Weißes Haus", "Kreml", "Nahost"), the GeoNames gazetteer (gazetteer.py: cities
> 15,000 inhabitants and countries, CC BY 4.0, read on first use), plus "in/aus/nach <Name>" for places
neither knows.

Passes for a name found in a list, in order (German capitalises every noun, and many city names are
common words: "Essen", "Halle", "Zug", "Reading", "March"):
1. part of a person's or a body's name: inside a registered mention, or right after or before an
   organisation word ("Bank of England", "Statistik Austria", "Universität Wien", "Energie Cottbus",
   "Hannover 96") — no place;
2. a name that is also a common word (`AMBIGUOUS`, function words, first names): only after a place
   preposition ("in Halle", "nach Essen");
3. a gazetteer name (not in the hand list) must read as a name: not after an article or an inflected
   adjective ("die Halle", "am Ende"), not inside a longer capitalised name ("Barack Obama", "Cleveland
   Cavaliers"); a town under `SMALL_TOWN` inhabitants also needs a place preposition or a place noun
   ("Kreis Gütersloh").
"""

from __future__ import annotations

import re

from factcheck.extract.lexicon import NOT_NAME_WORDS, words
from factcheck.extract.names import FIRST_NAMES

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


_MONTH_ABBREVIATIONS = frozenset("jan feb febr mar mär apr jun jul aug sep sept oct okt nov dec dez".split())
_MONTH_USE = re.compile(r"\.|\s+\d")  # an abbreviation's full stop or a day after it


def _month_abbreviation(text: str, word: str, end: int) -> bool:
    """ "from Dec. 28 to Jan. 3", "in Sept. and Oct.": a month written short, not a town of that name."""
    return word.lower() in _MONTH_ABBREVIATIONS and _MONTH_USE.match(text, end) is not None


def iter_places(text: str, start: int = 0, end: int | None = None):
    """(start, end, name) for every gazetteer place in text[start:end]."""
    end = len(text) if end is None else end
    skip = -1
    for m in CAP_WORD.finditer(text, start, end):
        word = m.group()
        if word.lower() not in _PLACE_INDEX or m.start() < skip:
            continue  # most capitalised words start no listed name (match_phrase would look up the same)
        if _month_abbreviation(text, word, m.end()):
            continue
        name = match_phrase(text, m.start(), word, _PLACE_INDEX, end)
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


SMALL_TOWN = 100_000
# City names that are common German or English words (measured: the gazetteer's most frequent hits on
# German and English news that were no places), plus the examples of issue 13.
AMBIGUOUS = words(
    """
    essen halle hof wesel bergen mark zug reading bath march sale deal bury rugby normal surprise
    paradise mobile buffalo phoenix eagle enterprise spring commerce independence orange liberal
    union mission tour federal central republic olympic golden best most young green man van san bay
    pop police university alliance delta commonwealth halifax ende lage mitte norden boden rest gold
    wetter neubau passus mut ware löwen bau lauf forst heide weiden kamen senden waren leer werne
    aue stein horn linden marl weil bad brühl hagen gera worms bingen moers stade brent brits
    """
)
# Words before a place that make it part of an organisation's name ("Bank of England", "Statistik
# Austria", "Universität Wien", "FC Bayern", "Energie Cottbus"), and words after it ("Hamburger Hafen"
# is an adjective and no place anyway; "Hamburg Hafen", "Leeds United", "Police Scotland").
_ORG_BEFORE = words(
    """
    bank statistik universität uni university institut institute hochschule college school hafen
    police polizei stadtwerke sparkasse volksbank landesbank klinikum fc sv vfb vfl tsv sc fsv ksc
    borussia eintracht union werder hertha bayer arminia energie fortuna alemannia dynamo rot-weiss
    rot-weiß real atlético athletic sporting inter olympique racing
    """
)
_ORG_AFTER = words(
    """
    hafen university universität police fc united city rovers wanderers athletic county town albion
    council airlines airways stock börse times post zeitung
    """
)
_OF = re.compile(r"(\S+)\s+of\s+(?:the\s+)?$")
_PREV_WORD = re.compile(r"(\S+)\s+$")
_NEXT_WORD = re.compile(r"[ \u00a0]+(\S+)")
_PLACE_PREPS = words("in aus nach bei nahe von vom bis zwischen near from to outside into at around")
# Nouns that announce a place name ("Kreis Gütersloh", "die Stadt Cottbus", "the town of Bath").
_PLACE_NOUNS = words(
    """
    stadt kreis landkreis region kanton bezirk gemeinde hauptstadt küstenstadt hafenstadt großstadt
    kleinstadt universitätsstadt kreisstadt metropole city town village county province
    """
)
_DETERMINERS = NOT_NAME_WORDS | words("the a an beim vom zum ins am im")
_gaz_index: dict[str, list[tuple[str, int]]] | None = None


def _gazetteer_index() -> dict[str, list[tuple[str, int]]]:
    """First word (lower-case) -> (name, population) of the GeoNames names, longest first; built on
    first use so that importing the extractor does not read the gazetteer."""
    global _gaz_index
    if _gaz_index is None:
        from factcheck.extract.gazetteer import gazetteer

        idx: dict[str, list[tuple[str, int]]] = {}
        for name, pop in sorted(gazetteer().items(), key=lambda kv: len(kv[0]), reverse=True):
            idx.setdefault(name.split()[0].lower(), []).append((name, pop))
        _gaz_index = idx
    return _gaz_index


def _org_name(text: str, s: int, e: int, lo: int, hi: int) -> bool:
    """The place at text[s:e] is part of an organisation's name (pass 1)."""
    before = text[max(lo, s - 40) : s]
    m = _PREV_WORD.search(before)
    if m and m.group(1).lower().strip("„“\"'(") in _ORG_BEFORE:
        return True
    m = _OF.search(before)
    if m and m.group(1).lower() in _ORG_BEFORE:
        return True
    n = _NEXT_WORD.match(text, e, hi)
    if n:
        nxt = n.group(1).rstrip(".,;:!?)“\"'")
        if nxt.lower() in _ORG_AFTER or nxt.isdigit():
            return True
    return False


def _after_place_preposition(text: str, s: int, lo: int) -> bool:
    m = _PREV_WORD.search(text, max(lo, s - 30), s)
    return bool(m and (m.group(1).lower() in _PLACE_PREPS or m.group(1).lower() in _PLACE_NOUNS))


def _reads_as_name(text: str, s: int, e: int, lo: int, hi: int, language: str) -> bool:
    """A gazetteer name (not in the hand list) stands as a name of its own (pass 3)."""
    m = _PREV_WORD.search(text, max(lo, s - 40), s)
    if m:
        prev = m.group(1)
        low = prev.lower()
        inflected = language == "de" and prev.islower() and prev.endswith(("e", "en", "er", "es", "em"))
        if (low in _DETERMINERS or inflected) and low not in _PLACE_PREPS:
            return False
        # inside a longer capitalised name: "Barack Obama", "Janet Jackson" (not "Kreis Gütersloh")
        if prev[:1].isupper() and prev[-1].isalpha() and low not in NOT_NAME_WORDS and low not in _PLACE_NOUNS:
            return False
    n = _NEXT_WORD.match(text, e, hi)
    return not (n and n.group(1)[:1].isupper() and n.group(1).lower().strip(".,;:") not in NOT_NAME_WORDS)


def _scan(text: str, start: int, end: int, language: str) -> list[tuple[int, int, str]]:
    """Hand-list and gazetteer places in text[start:end] after passes 1–3 (not yet the persons)."""
    out: list[tuple[int, int, str]] = []
    gaz = _gazetteer_index()
    skip = -1
    for m in CAP_WORD.finditer(text, start, end):
        s = m.start()
        if s < skip:
            continue
        word = m.group()
        key = word.lower()
        hand = _PLACE_INDEX.get(key)
        gaz_cands = gaz.get(key)
        if hand is None and gaz_cands is None:
            continue  # most capitalised words start no listed name: one look-up each, not two
        name = match_phrase(text, s, word, _PLACE_INDEX, end) if hand is not None else None
        pop = -1  # the hand list
        if name is None:
            for cand, cpop in gaz_cands or ():
                e = s + len(cand)
                if (
                    e <= end
                    and text.startswith(cand, s)
                    and (e == len(text) or not (text[e].isalnum() or text[e] == "-"))
                ):
                    name, pop = cand, cpop
                    break
        if name is None:
            continue
        e = s + len(name)
        skip = e
        if _org_name(text, s, e, start, end):
            continue
        low = name.lower()
        if pop >= 0 and low in NOT_NAME_WORDS:  # months, weekdays, function words: "in March", "Auch"
            continue
        ambiguous = low in AMBIGUOUS or (pop >= 0 and (low in NOT_NAME_WORDS or low in FIRST_NAMES))
        prep = _after_place_preposition(text, s, start)
        if ambiguous and not prep:
            continue
        if pop >= 0:
            if name.isupper() or not _reads_as_name(text, s, e, start, end, language):
                continue
            if 0 < pop < SMALL_TOWN and not prep:
                continue
        out.append((s, e, name))
    return out


def find_places(
    text: str, start: int, end: int, language: str = "de", persons: list[tuple[int, int]] | None = None
) -> list[tuple[int, int, str]]:
    """Places in text[start:end] as (start, end, name); spans inside person mentions are skipped."""
    persons = persons or []
    # the spans found in the lists mark their words as taken, whether they are kept or not
    found = _scan(text, start, end, language)
    out = [(s, e, n) for s, e, n in found if not any(a <= s < b for a, b in persons)]
    seen = {(s, e) for s, e, _ in found}
    for m in _PREP_PLACE.finditer(text, start, end):
        word = m.group(1)
        s, e = m.start(1), m.end(1)
        if any(a <= s < b for a, b in seen) or any(a <= s < b for a, b in persons):
            continue
        if word.lower() in _NOT_PLACES:
            continue
        if _month_abbreviation(text, word, e):
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
