"""First names with gender, and well-known institutions, for the mention registry.

A first name from these lists starts a person mention ("Pete Hegseth") and gives its gender, which
pronoun resolution needs ("sie" -> the last female person named). The lists are written by hand for
German and English news and cover common names plus names frequent in world politics.
"""

from __future__ import annotations

from pathlib import Path


def _names(block: str) -> list[str]:
    return block.split()


_MALE = """
aaron abdul abdullah achim adam adolf adrian ahmad ahmed alain alan albert alberto alex alexander
alexandre alexei alexej alfie alfred ali alistair alois amir anatoli andre andreas andrej andrew andrzej
andré andy angus anthony anton antonio antony archie armin arnold arthur austin axel barack barry bashar
ben benedikt benjamin benny bernd bernhard bernie bill billy björn bob bobby bodo bogdan boris boyko
brad brandon brian bruce bruno bryan burkhard callum carl carlos carsten cem charles chris christian
christoph christopher ciaran claus clemens clive colin conor cyril dan daniel danny dario david declan
dennis derek detlef dick dieter dietmar dirk dmitri dmitrij dmitry dmytro dominic dominik donald doug
douglas duncan dylan ed eddie edgar edmund eduard edward egon ehud elijah elon emanuel emmanuel enrico
erdogan eric erich erik ernst erwin ethan euan eugen evo ewald ewan fabian felix ferdinand florian
francis francisco franco frank frank-walter franz françois freddie frederick frido friedrich friedrich-
wilhelm fritz gabriel gareth garry gary gavin georg george gerald gerd gerhard gernot gerry gert gordon
gottfried graham grant greg gregor gregory guido gunnar gunter gustav günter günther hamid hamish hans
hans-dieter hans-jürgen hans-peter harald harold harry hartmut harvey hassan heiko heiner heinrich heinz
helmut helmuth hendrik henning henri henry herbert hermann horst hubert hubertus hugh hugo héctor ian
igor ilja ingo isaac ivan jack jacob jacques jake james jan jason javier jean jean-claude jean-luc jeff
jeffrey jens jeremiah jeremy jerome jerry jesse jewgeni jewgenij jim jimmy joachim jochen joe joel
johann johannes john jonas jonathan jordan josef joseph josh joshua julian justin jörg jürgen kai karl
karl-heinz karsten keir keith kemal ken kenneth kevin kieran kim klaus konrad konstantin kurt kwame kyle
larry lars lasse laurent lawrence lee leo leon leonard liam logan lothar louis luca lucas ludwig luis
lukas lutz malcolm manfred manuel marc marcel marco marcus mario mark markus martin marvin mason matteo
matthew matthias max maximilian michael michail michel mick micky miguel mike mikhail mohamed mohammed
moritz muhammad mykola nadhim naftali narendra nathan neil nick nicolas nigel niklas nikolai nikolaus
nils noah norbert oisin olaf ole oleg oleksandr olexander oliver omar oscar oskar ottmar otto owen
pascal patrick paul pedro pete peter petr petro philip philipp philippe pierre rafael rainer ralf ralph
ramzan randy raymond recep reinhard reinhold reza rhys richard rishi robert roberto robin roger roland
rolf roman ron ronald rory roy rudi rudolf rupert russell ryan rüdiger sadiq sam samuel sascha scott
seamus sean sebastian sergei sergej sergey sergiy simon stefan stephan stephen steve steven sven terry
theo theodor thomas thorsten tim timo timothy tino tobias tom tomas tommy tony torsten trevor tyler uli
ulrich uwe valentin viktor vincent vitali vitaly vladimir volker volodymyr wadim waldemar walter wayne
werner wes wilhelm william willie winfried wladimir wolfgang wolodymyr xavier yusuf yves zachary
"""
_FEMALE = """
abigail agnes alexandra alexis alice alina amanda amber amelie amy andrea angela angelika anja anke ann
anna annalena anne annegret anneliese annette antje aoife ashley astrid barbara beate beatrix bettina
betty beverly birgit brenda bridget brigitte brittany carla carmen carol caroline carolyn catherine
charlotte cheryl chloe christa christiane christina christine claudia cornelia cynthia dagmar daniela
danielle deborah debra denise diana donna doris dorothea dorothee dorothy edith eileen elena elisabeth
elizabeth elke ella ellen emily emine emma erika esther eva evelyn fiona frances franziska frauke
friederike gabi gabriele gemma gerda giorgia gisela gloria grace greta gudrun hanna hannah harriet
heather heidi heike helen helena helga hillary holly ilse ina inga inge ingrid irene iris iryna isabel
isabella jacinda jacqueline jade jana jane janet janice janina jean jennifer jessica jill joan joanne
johanna joyce judith judy julia juliane julie julija jutta kaja kamala karen karin katarina kate
katharina katherine kathleen kathrin kathryn kathy katja katrin kayla keira kelly kemi kerstin kimberly
kirsten kirsty klara kristalina kristina laura lauren lea lena linda lisa liz liza ljudmila lorraine
lucy lydia madison magdalena manuela margaret margarete margot maria marianne marie marilyn marina
marine marion marlene marta martha martina mary maureen maya megan melanie melissa meloni michelle
miriam monika morag nadine nadja nancy natalia natalie natalja niamh nicola nicole nina oksana olena
olga olha olivia pamela patricia paula penny petra pia priti priya rachel rebecca regina renate ricarda
rita roberta rose ruth sabine sahra samantha sandra sara sarah saskia sharon sheila shirley silke simone
siobhan sofia sonja sophia sophie stacey stefanie steffi stephanie sue suella susan susanne svenja
svetlana swetlana tanja tatjana teresa theresa therese tina tracey tzipi ulla ulrike ursula ute
valentina vanessa vera veronika victoria viktoria virginia wendy yulia yvette yvonne zoe
"""

FIRST_NAMES: dict[str, str] = {}
for _n in _names(_MALE):
    FIRST_NAMES[_n] = "m"
for _n in _names(_FEMALE):
    FIRST_NAMES[_n] = "f"


def _load_given_names() -> None:
    """The compact list of given names of many origins shipped in data/given_names.txt."""
    gender = ""
    for line in (Path(__file__).parent / "data" / "given_names.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line in ("[m]", "[f]"):
            gender = line[1]
            continue
        for n in line.split():
            FIRST_NAMES.setdefault(n, gender)


_load_given_names()
# "Andrea" and "Kim" are ambiguous across languages; the role noun or a later pronoun decides.
FIRST_NAMES["andrea"] = ""
FIRST_NAMES["kim"] = ""


class _FirstNames(dict):
    """Hyphenated first names ("Frank-Jürgen", "Anne-Marie") take the gender of their first part."""

    def __missing__(self, key: str) -> str:
        parts = key.split("-")
        if len(parts) > 1 and all(p in self for p in parts if p):
            return dict.__getitem__(self, parts[0])
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        if dict.__contains__(self, key):
            return True
        if isinstance(key, str) and "-" in key:
            parts = [p for p in key.split("-") if p]
            return len(parts) > 1 and all(dict.__contains__(self, p) for p in parts)
        return False

    def get(self, key, default=None):  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default


FIRST_NAMES = _FirstNames(FIRST_NAMES)

# Institutions that speak ("der Kreml teilte mit"). Lower-case key -> canonical display form.
INSTITUTIONS = {
    "kreml": "Kreml",
    "kremlin": "Kremlin",
    "weiße haus": "Weißes Haus",
    "weißen haus": "Weißes Haus",
    "weißes haus": "Weißes Haus",
    "white house": "White House",
    "pentagon": "Pentagon",
    "bundesregierung": "Bundesregierung",
    "regierung": "Regierung",
    "bundestag": "Bundestag",
    "bundesrat": "Bundesrat",
    "polizei": "Polizei",
    "staatsanwaltschaft": "Staatsanwaltschaft",
    "bundesverfassungsgericht": "Bundesverfassungsgericht",
    "nato": "NATO",
    "eu-kommission": "EU-Kommission",
    "kommission": "Kommission",
    "uno": "UNO",
    "un": "UN",
    "who": "WHO",
    "elysée": "Élysée",
    "élysée": "Élysée",
    "downing street": "Downing Street",
    "government": "government",
    "police": "police",
    "ministry": "ministry",
    "department": "department",
    "bundeswehr": "Bundeswehr",
    "bundesbank": "Bundesbank",
    "ezb": "EZB",
    "ecb": "ECB",
    "imf": "IMF",
    "iwf": "IWF",
    "feuerwehr": "Feuerwehr",
    "gericht": "Gericht",
    "court": "court",
    "opec": "OPEC",
    "fifa": "FIFA",
    "uefa": "UEFA",
    "dfb": "DFB",
    "cdu": "CDU",
    "csu": "CSU",
    "spd": "SPD",
    "fdp": "FDP",
    "afd": "AfD",
    "grünen": "Grünen",
    "linke": "Linke",
    "bsw": "BSW",
    "övp": "ÖVP",
    "spö": "SPÖ",
    "fpö": "FPÖ",
    "neos": "NEOS",
    "labour": "Labour",
    "tories": "Tories",
    "conservatives": "Conservatives",
    "ministerium": "Ministerium",
    "rathaus": "Rathaus",
    "senat": "Senat",
    "kongress": "Kongress",
    "congress": "Congress",
    "senate": "Senate",
    "unternehmen": "Unternehmen",
    "konzern": "Konzern",
    "gewerkschaft": "Gewerkschaft",
    "verband": "Verband",
    "statistikamt": "Statistikamt",
    "statistische bundesamt": "Statistisches Bundesamt",
    "statistik austria": "Statistik Austria",
    "hamas": "Hamas",
    "hisbollah": "Hisbollah",
    "taliban": "Taliban",
    "ukraine": "Ukraine",
}
# Media and bodies whose names begin with a place ("New York Times" is not New York speaking).
for _m in (
    "New York Times|Washington Post|Wall Street Journal|Financial Times|Los Angeles Times|Boston Globe|"
    "Chicago Tribune|France Info|France Presse|Agence France-Presse|Le Monde|Le Figaro|El País|"
    "Neue Zürcher Zeitung|Frankfurter Allgemeine|Frankfurter Allgemeine Zeitung|Süddeutsche Zeitung|"
    "Berliner Zeitung|Berliner Morgenpost|Hamburger Abendblatt|Kölner Stadt-Anzeiger|Wiener Zeitung|"
    "Kyiv Independent|Moscow Times|Jerusalem Post|Times of India|South China Morning Post|"
    "United States Geological Survey|United Nations|Vereinte Nationen|Vereinten Nationen|"
    "European Commission|Europäische Kommission|Europäische Zentralbank|European Central Bank|"
    "Bank of England|Federal Reserve|Deutsche Bahn|Deutsche Bank|Deutsche Presse-Agentur|"
    "Associated Press|Russia Today|China Daily|Al Jazeera|Al-Dschasira|Voice of America|"
    # well-known bodies whose names hold lower-case words or no institution noun
    "Ärzte ohne Grenzen|Reporter ohne Grenzen|Amnesty International|Human Rights Watch|Greenpeace|"
    "Transparency International|Rotes Kreuz|Roten Kreuz|Rote Kreuz|Roter Halbmond|Roten Halbmond|Interpol|"
    "Europol|Banca d'Italia|Deutsche Welle|Spiegel Online|Xinhua|Reuters|Kyodo|Médecins Sans Frontières|"
    "Save the Children|Oxfam|Caritas|Diakonie|Unicef|UNICEF|Unesco|UNESCO|Frontex|Eurostat"
).split("|"):
    INSTITUTIONS[_m.lower()] = _m

# Suffixes of capitalised German nouns that denote an institution ("Innenministerium").
INSTITUTION_SUFFIXES = (
    "ministerium",
    "regierung",
    "behörde",
    "gericht",
    "amt",
    "kommission",
    "polizei",
    "gewerkschaft",
    "verband",
    "konzern",
    "partei",
    "rat",
    "agentur",
    "institut",
    "bank",
    "universität",
    "hochschule",
    "klinikum",
    "stiftung",
)
