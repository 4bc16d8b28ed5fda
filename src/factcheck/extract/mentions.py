"""The mention registry: every person and institution named in an article, resolved to full names.

Built once over the whole article, in two passes: first full names ("US-Präsident Donald Trump",
"Pete Hegseth", "Mr Tony Blair"), then short references to them ("Trump", "Trumps", "Mr Blair").
A speaker found in any sentence is then looked up here, so "Putin stellte fest" yields
"Wladimir Putin" and a checker is sent to the right person.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from factcheck.extract.datelines import after_dateline
from factcheck.extract.lexicon import (
    DE_ROLE_SUFFIXES,
    DE_TITLES,
    EN_ROLE_NOUNS,
    EN_SPEECH_VERBS,
    EN_TITLES,
    NOT_NAME_WORDS,
)
from factcheck.extract.names import FIRST_NAMES, INSTITUTION_SUFFIXES, INSTITUTIONS
from factcheck.extract.places import CAP_WORD, PLACES, iter_places, match_phrase, phrase_index
from factcheck.extract.wordlist_regex import trie_alternation

_UP = "A-ZÄÖÜÀ-ÞĀ-ſ"  # upper-case Latin letters incl. accented (a superset is fine here)
_NAME_TOKEN = rf"[{_UP}][\w'’\-]*\w|[{_UP}]\."
_PARTICLE = r"(?:von|van|de|der|den|di|da|du|al|el|bin|ibn|la|le|zu|ter|dos|das)"
# A run of 1-3 capitalised tokens (optionally with name particles) that may be a name.
_NAME_RUN = re.compile(rf"(?:{_NAME_TOKEN})(?:\s+(?:{_PARTICLE}\s+){{0,2}}(?:{_NAME_TOKEN})){{0,2}}")
_PARTICLES = frozenset("von van de der den di da du al el bin ibn la le zu ter dos das".split())
# Post-nominal letters (office, honours, degrees) that follow a name in British and German news: "KC",
# "MP", "MdB". The name ends before them, so the surname stays the last word ("Dos Santos said").
_POST_NOMINALS = frozenset("KC QC SC MP MSP MS AM MLA MEP TD OBE MBE CBE KBE DBE PhD MdB MdL MdEP".split())
_WORD = re.compile(r"[\w'’\-]+")
_CAP_START = re.compile(rf"(?<![\w'’\-])([{_UP}][\w'’\-]*\w)")
ROLE_SUFFIXES = _ROLE_SUFFIXES = tuple(sorted(set(DE_ROLE_SUFFIXES), key=len, reverse=True))
_EN_ROLE_RE = re.compile(r"\b(" + trie_alternation(EN_ROLE_NOUNS) + r"),?\s+(?=[" + _UP + r"])")
ORG_NOUNS = frozenset(
    "company firm group manufacturer maker carmaker chipmaker retailer bank insurer airline broadcaster "
    "giant operator lender supplier producer publisher startup conglomerate unternehmen konzern firma "
    "hersteller autobauer chiphersteller autohersteller versicherer fluggesellschaft airline bank "
    "händler zulieferer anbieter betreiber energiekonzern verlag sender apotheke online-apotheke klinik "
    "charity club union association agency authority body organisation organization fachgesellschaft verband "
    "behörde bundesamt verein stiftung gewerkschaft stadt gemeinde college trust institute council university "
    "hospital department ministry commission board party".split()
)
_NOT_A_GROUP = frozenset("court tribunal parliament senate commons lords assembly bundestag landtag gericht".split())
_COMPANY_NOUNS = frozenset("company firm unternehmen konzern firma".split())
# (word lists as prefix tries: an alternation of 80 nouns tried at every position cost 0.2 s per 500 articles)
_ORG_INTRO = re.compile(r"\b" + trie_alternation(ORG_NOUNS) + r"\s+(?=[" + _UP + r"])", re.IGNORECASE)
_ROLE_GAP = re.compile(r",?\s+(?=[" + _UP + r"])")
_EN_TITLE_RE = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Prof|Sir|Lord|Lady|Dame|President|Senator|Sen|Rep|Representative|Governor|Gov|Judge|"
    r"Chancellor|Minister|Secretary|General|Captain|Coach|Mayor|King|Queen|Prince|Princess|Pope|Leader|Speaker|"
    r"Ambassador|Commissioner|Herr|Frau|Bundeskanzler|MEP|MP|Bundeskanzlerin|Kanzler|Kanzlerin)\.?\s+(?=[" + _UP + r"])"
)
# Capitalised words that end a name run: German noun endings are never surnames. A suffix needs a stem of
# two letters or more before it: "Chen", "Jung", "Lich" are whole names, not a diminutive, a noun in -ung
# or an adjective in -lich.
_NOUN_SUFFIX = re.compile(
    r"(?<=\w\w)(?:ung|ungen|heit|keit|schaft|tion|ismus|ität|tät|chen|lich|isch|ische|ischen|"
    r"ment|ments|nahme|gabe|reich|land|stadt|haus|gipfel|krieg|politik|konflikt)$"
)
_ROLE_ARTICLE = re.compile(r"\b(die|eine|der|ein)\s+(?:[a-zäöüß][\w-]*\s+){0,2}$")
PRONOUNS = {"er": "m", "sie": "f", "he": "m", "she": "f", "him": "m", "her": "f"}
_PRONOUN_RE = re.compile(r"\b(er|sie|Er|Sie|he|she|He|She)\b")


@dataclass
class Person:
    name: str  # full name as introduced
    gender: str = ""  # "m", "f" or "" (unknown)
    kind: str = "person"  # person | institution | place
    role: str = ""


@dataclass
class Mention:
    start: int
    end: int
    entity: Person
    rule: str
    possessive: bool = False  # "Trumps", "Trump's": never the subject of a verb
    pronoun: bool = False


@dataclass
class Registry:
    persons: dict[str, Person] = field(default_factory=dict)  # full name -> person
    by_surname: dict[str, Person] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    acronyms: dict[str, Person] = field(default_factory=dict)
    # organisations found as speakers by their noun phrase only ("Caledonian MacBrayne said"), by position
    phrase_orgs: list[tuple[int, Person]] = field(default_factory=list)
    # people named only by their office ("Die Oberbürgermeisterin von Leipzig eröffnete …"), by position:
    # what a later "sie" refers to when no named person of that gender came after them
    role_only: list[tuple[int, Person]] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)
    _index: dict = field(default_factory=dict, repr=False)  # look-back key -> (mentions, their starts)
    _index_n: int = field(default=-1, repr=False)

    def add(self, name: str, gender: str, role: str = "", kind: str = "person") -> Person:
        if kind == "institution" and (canon := org_nominative(name)) != name:
            # "des Paul-Ehrlich-Instituts", "der Deutschen Bank": one body is one speaker, under its own name
            p = self.add(canon, gender, role, kind)
            self.persons.setdefault(name, p)
            return p
        p = self.persons.get(name)
        if p is None:
            p = Person(name, gender, kind, role)
            self.persons[name] = p
            parts = name.split()
            if kind == "person" and len(parts) >= 2:
                self.by_surname.setdefault(parts[-1], p)
                if _family_name_first(parts):
                    # "Wang Yi … sagte Wang", "Kim Jong-un … Kim said": a first token no given-name list
                    # knows may be the family name written first
                    self.by_surname.setdefault(parts[0], p)
        else:
            p.gender = p.gender or gender
            p.role = p.role or role
        return p

    def resolve(self, surface: str) -> Person | None:
        """A short form ("Putin", "Trumps", "Mr Blair") -> the full-name person, if introduced."""
        s = surface.strip()
        if s in self.persons:
            return self.persons[s]
        last = s.split()[-1] if s.split() else s
        for cand in (last, _strip_genitive(last)):
            if cand in self.by_surname:
                return self.by_surname[cand]
        return None

    def in_span(self, start: int, end: int) -> list[Mention]:
        """Mentions inside text[start:end] (binary search: this runs for every sentence and pronoun)."""
        if len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        i = bisect.bisect_left(self._starts, start)
        j = bisect.bisect_left(self._starts, end, i)  # (not mentions[i:]: copying the tail is quadratic)
        return [m for m in self.mentions[i:j] if m.end <= end]

    def _last(self, key: tuple, pred, pos: int, floor: int = 0) -> Mention | None:
        """The last mention (in text order) with pred(m), m.end <= pos and m.start >= floor: what walking
        back over all mentions from the end finds, by binary search in the mentions pred holds for (indexed
        once per key, so look-backs that find nothing no longer walk the whole article every time)."""
        if self._index_n != len(self.mentions):
            self._index, self._index_n = {}, len(self.mentions)
        found = self._index.get(key)
        if found is None:
            hits = [m for m in self.mentions if pred(m)]
            found = self._index[key] = (hits, [m.start for m in hits])
        hits, starts = found
        for k in range(bisect.bisect_left(starts, pos) - 1, -1, -1):
            m = hits[k]
            if m.start < floor:
                return None
            if m.end <= pos:
                return m
        return None

    def last_org_before(self, pos: int, noun: str = "") -> Person | None:
        """'the company', 'der Konzern' -> the organisation introduced last before pos; 'die Fachgesellschaft',
        'the association' -> preferably the last one whose name ends like the noun."""
        noun = noun.lower()
        if noun and noun not in _COMPANY_NOUNS:
            tail = noun[-10:]
            phrase = next(
                ((at, p) for at, p in reversed(self.phrase_orgs) if at < pos and tail in p.name.lower()), None
            )
            m = self._last(
                ("org-tail", tail, noun),
                lambda m: (
                    m.entity.kind == "institution" and tail in m.entity.name.lower() and m.entity.name.lower() != noun
                ),
                pos,
            )
            if m is not None:
                return phrase[1] if phrase and phrase[0] > m.end else m.entity
            if phrase:
                return phrase[1]  # "Nach Berechnungen der Stadt Leipzig … . Die Stadt prüft …"
        m = self._last(("org-rule",), lambda m: m.rule == "speaker:organisation", pos)
        if m is not None:
            return m.entity
        # else the organisation last named in full ("The Rail Delivery Group …. The group said"), or one that
        # spoke under its own name without being recognised ("Caledonian MacBrayne said … . The company warned")
        phrase = next(((at, p) for at, p in reversed(self.phrase_orgs) if at < pos), None)
        # ("The Countryside Alliance … when the Appeal Court ruled …. But the group says": a court or a
        # parliament is never "the group", "the organisation", "the company")
        m = self._last(
            ("org-named", bool(noun)),
            lambda m: (
                m.entity.kind == "institution"
                and (m.rule == "speaker:named-org" or " " in m.entity.name)
                and not (noun and m.entity.name.split()[-1].lower() in _NOT_A_GROUP)
            ),
            pos,
        )
        if m is not None:
            return phrase[1] if phrase and phrase[0] > m.end else m.entity
        return phrase[1] if phrase else None

    def last_with_role(self, pos: int, role_word: str, gender: str) -> Person | None:
        """'die SPD-Politikerin' -> the last person introduced with a role ending the same way, else the
        last person of that gender."""
        tail = role_word.lower().split("-")[-1]
        m = self._last(
            ("role", tail),
            lambda m: (
                not m.pronoun
                and m.entity.kind == "person"
                and bool(m.entity.role)
                and m.entity.role.lower().endswith(tail)
            ),
            pos,
        )
        if m is not None:
            return m.entity
        prefix = role_word.lower().split("-")[0] + "-" if "-" in role_word else ""
        if prefix:
            # "der Nato-Chef" after "Nato-Generalsekretär Mark Rutte": the same body's office holder
            m = self._last(
                ("role-prefix", prefix),
                lambda m: (
                    not m.pronoun
                    and m.entity.kind == "person"
                    and any(w.lower().startswith(prefix) for w in m.entity.role.split())
                ),
                pos,
            )
            if m is not None:
                return m.entity
        return self.last_person_before(pos, gender or "m")

    def last_person_before(self, pos: int, gender: str, floor: int = 0, offices: bool = False) -> Person | None:
        """The last person before pos of that gender; for "f" else one whose gender is unknown ("she" for
        "Marguerite Oyelaran-Fisk", whose given name is in no list); "m" takes unknown ones directly.
        With `offices` (for pronouns) a person named only by office ("Die Oberbürgermeisterin von Leipzig …
        sagte sie") counts when no named one of that gender came between."""
        m = self._last_person(pos, gender, floor)
        if not offices:
            return m.entity if m is not None else None
        at = m.start if m is not None else -1
        office = next(
            (p for s, p in reversed(self.role_only) if at < s < pos and s >= floor and _gender_fits(p, gender)), None
        )
        if office is not None:
            return office
        return m.entity if m is not None else None

    def _last_person(self, pos: int, gender: str, floor: int = 0) -> Mention | None:
        def person(m: Mention) -> bool:
            return not m.pronoun and m.entity.kind == "person"

        if gender == "f":
            m = self._last(("person", "f"), lambda m: person(m) and m.entity.gender == "f", pos, floor)
            if m is not None:
                return m
        elif gender == "m":
            return self._last(("person", "m"), lambda m: person(m) and m.entity.gender in ("m", ""), pos, floor)
        return self._last(("person", ""), lambda m: person(m) and not m.entity.gender, pos, floor)


def _gender_fits(p: Person, gender: str) -> bool:
    return p.gender == gender or not p.gender or not gender


# ("Landesvereinigung Unternehmerverbände …", "Kassenärztliche Vereinigung": a federation is a body too)
_INST_HEADS = (*INSTITUTION_SUFFIXES, "zentrum", "bund", "verein", "klinik", "hospital", "museum", "vereinigung")
# compounds that end like a body and name an event: "seit der Wiedervereinigung"
_NOT_BODY_TAILS = ("wiedervereinigung",)
# heads whose genitive takes -es ("des Bundesamtes", "des Bundesrates") or -s ("des Instituts")
_GENITIVE_ENDINGS = ("es", "s")
# (one tuple for str.endswith: the heads and their genitives, tested in C, not in a generator per word)
_INST_HEADS_ANY_CASE = _INST_HEADS + tuple(h + g for h in _INST_HEADS for g in _GENITIVE_ENDINGS)
_NAME_LINKS = frozenset("der des für von vom of for and und in im am an".split())
# adjective endings in the weak -en form ("Deutschen", "Europäischen", "Auswärtigen", "Statistischen"); a
# plural noun in -en ("Nachrichten Agentur") has none of them
_ADJECTIVE_EN = ("schen", "lichen", "igen", "alen", "ellen", "iven", "ären", "ischen")


# Common nouns that end in an institution noun and name no body: "Verrat" (treason) is no council, a
# "Datenbank" no bank, an "Ehrenamt" no office of state
_NOT_BODIES = frozenset(
    "verrat vorrat heirat unrat hausrat zierrat apparat datenbank sandbank parkbank werkbank anklagebank "
    "ehrenamt lehramt hauptgericht fischgericht leibgericht".split()
)


def org_head(word: str) -> bool:
    """True when a capitalised word is (a compound ending in) an institution noun, in any case:
    "Paul-Ehrlich-Instituts", "Bundesamtes", "Innenministerium", "Bank" (not "Verrat", "Datenbank",
    "Wiedervereinigung")."""
    low = word.lower()
    if not low.endswith(_INST_HEADS_ANY_CASE) or low.rstrip("s").endswith(_NOT_BODY_TAILS):
        return False
    return (
        low not in _NOT_BODIES
        and low.removesuffix("es") not in _NOT_BODIES
        and low.removesuffix("s") not in _NOT_BODIES
    )


_SHORT_HEADS = tuple(h for h in _INST_HEADS if len(h) <= 4)  # amt, rat, bund, bank


def _german_compound(stem: str, word_before: str = "") -> bool:
    """Whether a stem ending in an institution noun is a German name of a body, not an English word that
    ends the same way: a short head ("rat", "amt") needs a German compound before it ("Bundesrat",
    "Stadtrat", "Landrat") or a German adjective ("Auswärtigen Amtes", "Europäischen Rates"), so
    "Emirates", "Democrats", "Pirates" and "Interest Rates" keep their s."""
    head = next((h for h in _SHORT_HEADS if stem.endswith(h)), None)
    if head is None:
        return True
    prefix = stem[: -len(head)]
    if not prefix:
        return word_before.endswith(_ADJECTIVE_EN)
    return len(prefix) >= 4 and prefix[-1] in "sdtnelrg"


def org_nominative(name: str) -> str:
    """The nominative of a German organisation name as it stands after an article: the genitive ending of
    its head noun removed ("Paul-Ehrlich-Instituts" -> "Paul-Ehrlich-Institut", "Bundesamtes für Statistik"
    -> "Bundesamt für Statistik", "Instituts der deutschen Wirtschaft" -> "Institut der deutschen
    Wirtschaft") and a weak adjective before the head in -en made -e ("Deutschen Bank" -> "Deutsche Bank").
    Names without an institution head are returned unchanged."""
    toks = name.split()
    # the head is the last capitalised word before the first linking word ("Bundesamt für Statistik")
    k = next((i for i, t in enumerate(toks) if t.lower() in _NAME_LINKS), len(toks)) - 1
    if k < 0:
        return name
    head = toks[k]
    low = head.lower().rsplit("-", 1)[-1]
    if low.endswith(_INST_HEADS):
        new_head = head
    else:
        for g in _GENITIVE_ENDINGS:
            if not low.endswith(g):
                continue  # ("Institute" has no genitive ending to remove: it is English, not "Institut")
            stem = low[: -len(g)]
            if stem.endswith(_INST_HEADS) and _german_compound(stem, toks[k - 1] if k > 0 else ""):
                new_head = head[: -len(g)]
                break
        else:
            return name
    out = [*toks[:k], new_head, *toks[k + 1 :]]
    for i in range(k):
        if out[i][:1].isupper() and out[i].endswith(_ADJECTIVE_EN):
            out[i] = out[i][:-1]  # "Deutschen" -> "Deutsche", "Europäischen" -> "Europäische"
    return " ".join(out)


_NAME_WORDS = r"(?:[" + _UP + r"][\w'’-]+\s+){0,2}[" + _UP + r"][\w'’-]+"
_SENTENCE_OPEN = r"(?:^|(?<=[.!?]\s)|(?<=\n))"
# the subject slot of an English speech verb, where a capitalised name is a person without any name list:
# after a quotation ('“…,” Okafor said'), opening a sentence before an apposition ('Alvarez, a Democrat
# from Texas, said'). (A name of two words opening a sentence before "said" is as often an organisation,
# "Harlow Energy said", so it is left to the name lists.)
_SUBJECT_SLOTS = (
    re.compile(r"[,.!?][”\"’]\s+(" + _NAME_WORDS + r")\s+([a-z]+)\b"),
    re.compile(_SENTENCE_OPEN + r"(" + _NAME_WORDS + r"),\s+(?:a|an|the|who|whose)\b[^,;.!?\n]{1,80},\s+([a-z]+)\b"),
)


# A Korean or Cantonese given name of two syllables joined by a hyphen, the second in lower case ("Do-hyun",
# "Ji-won", "Wai-ming"); Western double given names capitalise both parts ("Anne-Marie")
_EAST_ASIAN_HYPHENATED = re.compile(r"[A-Z][a-z]{0,4}-[a-z]{1,5}")
# one Hanyu Pinyin syllable (without tone marks): initial, then final
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u)"
)
_PINYIN_FAMILY = re.compile(_PINYIN_SYLLABLE)
_PINYIN_GIVEN = re.compile(rf"(?:{_PINYIN_SYLLABLE}){{1,2}}")


def east_asian_order(parts: list[str]) -> bool:
    """True for a two-word name written family name first in the East Asian way: a Korean/Cantonese
    hyphenated given name after it ("Kim Do-hyun", "Park Ji-won") or a Pinyin family name of one syllable
    that no given-name list knows, then a Pinyin given name of one or two ("Chen Haoran", "Zhang Weiming").
    Such a person is referred back to by the first word ("Kim said", "Chen bestätigte") even where that
    word is a Western given name too ("Kim")."""
    if len(parts) != 2 or not parts[0][:1].isupper() or not parts[0][1:].islower():
        return False
    first, given = parts[0].lower(), parts[1]
    if _EAST_ASIAN_HYPHENATED.fullmatch(given):
        return first not in _PARTICLES and first not in NOT_NAME_WORDS
    return (
        given[:1].isupper()
        and given[1:].islower()
        and first not in FIRST_NAMES
        and _PINYIN_FAMILY.fullmatch(first) is not None
        and _PINYIN_GIVEN.fullmatch(given.lower()) is not None
    )


def _family_name_first(parts: list[str]) -> bool:
    """True for a two-word name whose first word may be a family name written first ("Wang Yi", "Kim
    Jong-un", "Orbán Viktor"): not a known given name, not a particle, title, place or common word, and
    not an adjective-like German word ("Deutsche"); or an East Asian name (`east_asian_order`)."""
    first = parts[0]
    low = first.lower()
    if east_asian_order(parts) and low not in PLACES and low not in ORG_NOUNS:
        return True
    return (
        len(parts) == 2
        and first[:1].isupper()
        and not first.isupper()
        and first[-1:].isalpha()
        and low not in FIRST_NAMES
        and low not in _PARTICLES
        and low not in NOT_NAME_WORDS
        and low not in EN_TITLES
        and low not in DE_TITLES
        and low not in PLACES
        and low not in ORG_NOUNS
        and not low.endswith(("e", "er", "en", "es", "ische"))
        and not _NOUN_SUFFIX.search(low)
    )


_ACRONYM_PLACE = re.compile(r"\b([A-Z]{2,5}) ([A-Z][a-z]+)\b")
_TOWN_BODY = re.compile(r"\b(Stadt|Gemeinde|Landkreis|Kreis|Bezirk|Freistaat|Land)\s+([A-ZÄÖÜ][\w-]+)")
_LOWER_ROLE = re.compile(r"(?<![\w-])[a-zäöü]{2,8}-([A-ZÄÖÜ][\w]+)\s+(?=[" + _UP + r"])")
_NAME_BEFORE_ROLE = re.compile(
    r"(?:^|(?<=[.!?:;]\s)|(?<=\n))((?:[" + _UP + r"][\w'’-]+\s+){1,2}[" + _UP + r"][\w'’-]+),\s+"
    r"(?:(?:der|die|ein|eine|ehemaliger|ehemalige)\s+)?(?:[a-zäöüß][\w-]*\s+)?([" + _UP + r"][\w-]+)\b"
)
_POSS_ROLE = re.compile(
    r"\b(?:Its|Their|His|Her|its|their|his|her)\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*(?:\s+of\s+[a-z][\w-]*)?),\s+"
    r"(?=[" + _UP + r"])|\b(?:Ihr|Ihre|Sein|Seine)\s+([A-ZÄÖÜ][\w-]+),\s+(?=[" + _UP + r"])"
)
_APPOSITION_TITLES = frozenset("professor prof dr sir dame lord lady".split())
_ACRONYM_PAREN = re.compile(r"\s\(([A-ZÄÖÜa-z][A-Za-zÄÖÜ]{1,6}(?: [A-Z]{2,4})?)\)")
_NAME_CONNECTORS = frozenset("für in der des die den und & of and for the on de du".split())
_NAME_LEADS = frozenset("der die das des dem den the laut nach auch von vom beim".split())


def _name_before_acronym(text: str, pos: int, acronym: str) -> tuple[int, str] | None:
    """The capitalised name right before "(ACRONYM)" whose first letter matches the acronym."""
    if sum(c.isupper() for c in acronym) < 2:
        return None
    toks = list(re.finditer(r"[\w&][\w'’.-]*", text[max(0, pos - 120) : pos]))
    base = max(0, pos - 120)
    picked: list[re.Match] = []
    for t in reversed(toks):
        w = t.group()
        if (w[:1].isupper() and w.lower() not in _NAME_LEADS) or (w in _NAME_CONNECTORS and picked):
            picked.append(t)
        else:
            break
        if len(picked) >= 9:
            break
    while picked and picked[-1].group().lower() in _NAME_CONNECTORS:
        picked.pop()
    if not picked or picked[0].end() + base != pos:
        return None
    # the longest run that starts with the acronym's letter: "Die Gewerkschaft IG Metall und der Verband der
    # Chemischen Industrie (VCI)" names the Verband, not the whole coordination
    while picked:
        first = picked[-1].group()
        caps = [t for t in picked if t.group()[:1].isupper()]
        ok = first[:1].isupper() and first[0].lower() == acronym[0].lower() and first.lower() not in FIRST_NAMES
        if ok and (len(caps) >= 2 or (len(caps) == 1 and len(first) > 6)):
            start = picked[-1].start() + base
            return start, text[start:pos]
        picked.pop()
    return None


_ORG_HEADS_LAST = frozenset(
    "group association club hospice council union trust society institute agency authority commission "
    "board foundation federation network partners consortium alliance party company corporation ltd inc "
    "congress confederation coalition league "  # ("Trades Union Congress": not "Congress", a union by kind)
    "plc ag gmbh se llc gesellschaft stiftung verein klinikum zentrum bündnis".split()
)
_ORG_HEADS_FIRST = frozenset("office bank department ministry institute university court".split())
_ORG_LEADS = frozenset(
    "the a an but and according in at on for of by from with as while die der das den dem des ein eine "
    "laut nach auch und aber bei von vom mit".split()
)
_ORG_TOKEN = re.compile(r"[\w&][\w'’&-]*")


# stretches of two or more space-joined tokens that start with a capital: the only places a run below can
# be (a superset: the loop then decides exactly, on far fewer tokens than the whole text)
_CAPS = "A-ZÄÖÜÀ-ÖØ-ÞĀ-ſΑ-ΩЀ-Я"
_ORG_REGION = re.compile(
    rf"(?<![\w&])(?<![\w&]['’-])[{_CAPS}][\w'’&-]*(?: (?:[{_CAPS}][\w'’&-]*|&|(?:of|for|and|für|und)))+"
)


def _iter_org_runs(text: str):
    """(start, end) of capitalised runs that name an organisation by a head word."""
    for region in _ORG_REGION.finditer(text):
        yield from _org_runs_in(text, list(_ORG_TOKEN.finditer(text, region.start(), region.end())))


def _org_runs_in(text: str, toks: list[re.Match[str]]):
    i = 0
    while i < len(toks):
        w = toks[i].group()
        if not w[:1].isupper() or w.lower() in _ORG_LEADS:
            i += 1
            continue
        run = [toks[i]]
        j = i + 1
        while j < len(toks) and text[run[-1].end() : toks[j].start()] == " ":
            nxt = toks[j].group()
            connector = nxt in ("of", "for", "and", "für", "und") and j + 1 < len(toks)
            if nxt[:1].isupper() or nxt == "&" or (connector and toks[j + 1].group()[:1].isupper()):
                run.append(toks[j])
            else:
                break
            j += 1
        while run and not run[-1].group()[:1].isupper():
            run.pop()
        i = max(j, i + 1)
        words = [t.group().rstrip(".").lower() for t in run]
        if len(run) < 2:
            continue
        caps = [w for w in words if w not in ("of", "for", "and", "für", "und", "&")]
        amp = words.index("&") if "&" in words else -1
        if 0 < amp < len(words) - 1 and len(caps) >= 2:
            yield run[amp - 1].start(), run[-1].end()  # "Haus & Grund", "Marks & Spencer"
            continue
        if words[-1] in _ORG_HEADS_LAST and len(caps) >= 2 and words[0] not in FIRST_NAMES:
            yield run[0].start(), run[-1].end()
            continue
        if words[0] in _ORG_HEADS_FIRST and len(words) >= 3 and words[1] in ("of", "for"):
            yield run[0].start(), run[-1].end()


_PARTY = re.compile(r"\s*\((?:[A-ZÄÖÜ][\w./-]{0,15}(?:/[\w]+)?|[A-ZÄÖÜ]\w+ [A-ZÄÖÜ]\w+)\)")


_POST_NOMINAL_AFTER = re.compile(r" (?:" + "|".join(sorted(_POST_NOMINALS, key=len, reverse=True)) + r")\b")


def _party_end(text: str, end: int) -> int:
    """'Willi Lemke (SPD)': the party in brackets belongs to the mention; so do post-nominal letters
    ("Marguerite dos Santos KC,"), which the name leaves out: the apposition's comma comes after them."""
    pn = _POST_NOMINAL_AFTER.match(text, end)
    end = pn.end() if pn else end
    m = _PARTY.match(text, end)
    return m.end() if m else end


def _strip_genitive(word: str) -> str:
    for suf in ("’s", "'s", "s", "’", "'"):
        if word.endswith(suf) and len(word) > len(suf) + 2:
            return word[: -len(suf)]
    return word


_ROLE_GEN_GAP = re.compile(
    r"\s+(?:der|des|für|im|vom|von der|von)\s+(?:[a-zäöüß][\w-]*\s+){0,2}[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)?,\s+"
    r"(?=[" + _UP + r"])"
)
_APPOSITION_END = re.compile(r"\s*(?:,|\.|\(|$)")
# endings only nouns have: a capitalised word with one of them is no surname even after a role noun
_STRICT_NOUN_SUFFIX = re.compile(r"(?:ung|ungen|heit|keit|schaft|tion|ismus|ität|nahme|politik)$")


_EN_GENITIVE = re.compile(r"['’]s$")


def _name_tokens(run: str, after_role: bool = False) -> list[str]:
    """Cut a capitalised run at the first token that cannot be part of a name. After a role noun
    ("Oberbürgermeister Jarno Weidlich") the second token is a surname unless only nouns end like it."""
    out: list[str] = []
    for tok in run.split():
        low = tok.lower().strip(".")
        if out and tok.rstrip(",.;:") in _POST_NOMINALS:
            break  # "Marguerite dos Santos KC", "Jo Roe MP": letters after a name are no surname
        if low in _PARTICLES and len([t for t in out if t.lower() not in _PARTICLES]) >= 2:
            break  # "Peer Steinbrück zu Beginn": a particle after the surname starts a phrase
        if low in NOT_NAME_WORDS and not (out and low in ("von", "van", "de", "der", "zu", "al", "bin")):
            break
        relaxed = after_role and len(out) == 1 and not _STRICT_NOUN_SUFFIX.search(low)
        if _NOUN_SUFFIX.search(low) and out and not (len(out) == 1 and out[0].lower() in FIRST_NAMES) and not relaxed:
            # "Jill Sutherland" keeps its surname; "Peer Steinbrück Regierung" would not
            break
        if low in EN_TITLES and not out:
            break
        out.append(tok.rstrip(",.;:"))
        if _EN_GENITIVE.search(out[-1]):
            out[-1] = _EN_GENITIVE.sub("", out[-1])  # "Gavin Newsom's office": the name ends at the genitive
            break
    while out and out[-1].lower() in ("von", "van", "de", "der", "den", "zu", "al", "bin", "la", "le"):
        out.pop()
    return out


def _gender_of_role(role: str) -> str:
    low = role.lower()
    if (low.endswith(("in", "frau", "woman")) and not low.endswith(("chefin", "kremlin"))) or low.endswith("chefin"):
        return "f"
    return "m" if low else ""


class _Taken:
    """Spans already claimed by a mention. free(s, e) is True when no span overlaps text[s:e] (the same
    test as `all(e <= a or s >= b for a, b in spans)`) in time proportional to e - s, not to the number of
    spans: a character map for spans with content, a list for the rare empty ones and empty queries."""

    def __init__(self, n: int) -> None:
        self._cov = bytearray(n + 2)
        self._spans: list[tuple[int, int]] = []
        self._empty: list[int] = []

    def append(self, span: tuple[int, int]) -> None:
        a, b = span
        self._spans.append(span)
        b = min(b, len(self._cov))
        if b > a:
            self._cov[a:b] = b"\x01" * (b - a)
        else:
            self._empty.append(a)

    def free(self, s: int, e: int) -> bool:
        if e <= s or s < 0:
            return all(e <= a or s >= b for a, b in self._spans)
        if 1 in self._cov[s:e]:
            return False
        return not any(s < p < e for p in self._empty)


def build_registry(text: str) -> Registry:
    """Find persons and institutions over the whole article; resolve later short references.

    The passes of `REGISTRY_PASSES` run in order; a span one pass took is not taken again, so earlier
    passes (full names with a role, then given names, titles, organisations) win over later ones (short
    references, institutions from the lexicon, places, pronouns)."""
    reg = Registry()
    found = _Found([], _Taken(len(text)))
    for find in REGISTRY_PASSES:
        find(text, reg, found)
    full = found.full
    for m in full:
        if not m.pronoun and _EN_GENITIVE.search(text, m.start, m.end):
            m.possessive = True  # "Gavin Newsom's office said": the office speaks, not Newsom
    full.sort(key=lambda x: x.start)
    _resolve_org_anaphora(text, full)
    reg.mentions = full
    _find_role_only(text, reg, found.taken)
    return reg


@dataclass
class _Found:
    """What the registry passes found so far: the mentions and the spans they hold."""

    full: list[Mention]
    taken: _Taken


def _find_role_then_name(text: str, reg: Registry, found: _Found) -> None:
    """Role + name: "der russische Staatschef Wladimir Putin", "Verteidigungsminister, Pete Hegseth"."""
    full, taken = found.full, found.taken
    for w in CAP_WORD.finditer(text):
        role = w.group()
        if not role.lower().endswith(_ROLE_SUFFIXES):
            continue
        m = _ROLE_GAP.match(text, w.end())
        genitive = False
        if not m:
            # "Der Fraktionschef der CDU, Ludger Hambrecht,": a genitive, then the name in apposition
            m = _ROLE_GEN_GAP.match(text, w.end())
            genitive = True
            if not m:
                continue
        run = _NAME_RUN.match(text, m.end())
        if not run:
            continue
        toks = _name_tokens(run.group(), after_role=True)
        if genitive and (len(toks) < 2 or not _APPOSITION_END.match(text, m.end() + len(" ".join(toks)))):
            continue
        if not toks or toks[0].lower() in NOT_NAME_WORDS or _NOUN_SUFFIX.search(toks[0].lower()):
            continue
        if len(toks) == 1 and toks[0].lower() in PLACES:
            continue
        single_ok = (
            len(toks) == 1
            and _strip_genitive(toks[0]).lower() not in PLACES
            and not toks[0].isupper()
            and text[m.end() + len(toks[0]) : m.end() + len(toks[0]) + 1] in " ,.;:()"
        )
        if toks[0].lower() in FIRST_NAMES or len(toks) >= 2 or reg.resolve(toks[0]) or single_ok:
            name = " ".join(toks)
            end = m.end() + len(" ".join(run.group().split()[: len(toks)]))
            existing = reg.resolve(name) if len(toks) == 1 else None
            gender = FIRST_NAMES.get(toks[0].lower(), "") or _gender_of_role(role)
            art = _ROLE_ARTICLE.search(text[max(0, w.start() - 40) : w.start()])
            if not FIRST_NAMES.get(toks[0].lower(), "") and art and role.lower().endswith("e"):
                # "die Abgeordnete", "die Vorsitzende": the article tells what the role noun cannot
                gender = "f" if art.group(1).lower() in ("die", "eine") else "m"
            p = existing or reg.add(name, gender, role)
            end = _party_end(text, end)
            full.append(Mention(w.start(), end, p, "speaker:apposition"))
            taken.append((w.start(), end))


def _find_lowercase_role_compound(text: str, reg: Registry, found: _Found) -> None:
    """A role compound with a lower-case prefix: "vzbv-Vorständin Radka Winterfeld", "verdi-Chef Frank Werneke"."""
    full, taken = found.full, found.taken
    free = taken.free
    for m in _LOWER_ROLE.finditer(text):
        if not m.group(1).lower().endswith(_ROLE_SUFFIXES):
            continue
        run = _NAME_RUN.match(text, m.end())
        if not run or not free(m.start(), run.end()):
            continue
        toks = _name_tokens(run.group(), after_role=True)
        if len(toks) < 2 or any(t.lower() in NOT_NAME_WORDS for t in toks):
            continue
        end = m.end() + len(" ".join(run.group().split()[: len(toks)]))
        gender = FIRST_NAMES.get(toks[0].lower(), "") or _gender_of_role(m.group(1))
        p = reg.add(" ".join(toks), gender, m.group(0).strip())
        full.append(Mention(m.start(), _party_end(text, end), p, "speaker:apposition"))
        taken.append((m.start(), end))


def _find_possessive_role_apposition(text: str, reg: Registry, found: _Found) -> None:
    """A possessive role in apposition: "Its organiser, Ruaridh Maclennan", "Their islands spokesperson, Morven
    Achterlonie", "Her co-author, Professor Tomasz Eriksen-Obi", "Ihr Sprecher, Jonas Weber": the name is a person
    even when neither the role nor the given name is in a list"""
    full, taken = found.full, found.taken
    free = taken.free
    for m in _POSS_ROLE.finditer(text):
        run = _NAME_RUN.match(text, m.end())
        if not run or not free(m.start(), run.end()):
            continue
        toks = _name_tokens(run.group())
        while toks and toks[0].lower().rstrip(".") in _APPOSITION_TITLES:
            toks = toks[1:]
        if len(toks) < 2 or any(t.lower() in NOT_NAME_WORDS for t in toks):
            continue
        name = " ".join(toks)
        end = run.start() + run.group().find(toks[-1]) + len(toks[-1])
        role = (m.group(1) or m.group(2)).strip()
        gender = FIRST_NAMES.get(toks[0].lower(), "") or EN_ROLE_NOUNS.get(role.split()[-1].lower(), "")
        p = reg.add(name, gender, role)
        full.append(Mention(m.start(), _party_end(text, end), p, "speaker:apposition"))
        taken.append((m.start(), end))


def _find_english_role_noun(text: str, reg: Registry, found: _Found) -> None:
    """English role nouns are lower-case: "environment spokeswoman, Priya Nair", "chief executive Jo Roe"."""
    full, taken = found.full, found.taken
    free = taken.free
    for m in _EN_ROLE_RE.finditer(text):
        run = _NAME_RUN.match(text, m.end())
        if not run or not free(m.start(), run.end()):
            continue
        toks = _name_tokens(run.group())
        if len(toks) < 2 and not reg.resolve(toks[0] if toks else ""):
            continue
        name = " ".join(toks)
        end = _party_end(text, m.end() + len(" ".join(run.group().split()[: len(toks)])))
        gender = FIRST_NAMES.get(toks[0].lower(), "") or EN_ROLE_NOUNS.get(m.group(1).lower(), "")
        p = reg.resolve(name) if len(toks) == 1 else reg.add(name, gender, m.group(1))
        if p is None:
            continue
        full.append(Mention(m.start(), end, p, "speaker:apposition"))
        taken.append((m.start(), end))


def _find_name_before_role(text: str, reg: Registry, found: _Found) -> None:
    """A name before a role in apposition: "Henk Jaap Meijer, Laborleiter der Emsland Stärke GmbH, erklärte", "Shana
    Dale, eine NASA-Sprecherin,": two or three capitalised words are a person even with an unknown given name"""
    full, taken = found.full, found.taken
    free = taken.free
    for m in _NAME_BEFORE_ROLE.finditer(text):
        role = m.group(2)
        if not role.lower().endswith(_ROLE_SUFFIXES) or not free(m.start(1), m.end(1)):
            continue
        toks = _name_tokens(m.group(1))
        if len(toks) != len(m.group(1).split()) or any(
            t.lower() in NOT_NAME_WORDS
            or t.lower() in PLACES
            or t.lower() in ORG_NOUNS
            or _NOUN_SUFFIX.search(t.lower())
            for t in toks
        ):
            continue
        name = " ".join(toks)
        if reg.resolve(name) is not None:
            continue
        gender = FIRST_NAMES.get(toks[0].lower(), "") or _gender_of_role(role)
        p = reg.add(name, gender, role)
        full.append(Mention(m.start(1), m.end(1), p, "speaker:apposition"))
        taken.append((m.start(1), m.end(1)))


def _find_given_name_and_surname(text: str, reg: Registry, found: _Found) -> None:
    """Known first name + surname: "Pete Hegseth", "Alexandra Filipenko"; a first name inside a longer capitalised
    run starts the name too: "But Sofia Lindqvist", "Detective Inspector Ravi Chandra".
    """
    full, taken = found.full, found.taken
    free = taken.free
    for cap in _CAP_START.finditer(text):
        if cap.group(1).lower() not in FIRST_NAMES:
            continue
        run = _NAME_RUN.match(text, cap.start())
        if not run:
            continue
        toks = _name_tokens(run.group())
        if len(toks) < 2 or not free(run.start(), run.end()):
            continue
        first = toks[0].lower()
        if first not in FIRST_NAMES or org_head(toks[-1]):
            continue  # ("des Robert Koch-Instituts": a body named after a person)
        if toks[1].lower() in NOT_NAME_WORDS:
            continue
        name = " ".join(toks)
        end = run.start() + len(" ".join(run.group().split()[: len(toks)]))
        p = reg.add(name, FIRST_NAMES[first])
        end = _party_end(text, end)
        full.append(Mention(run.start(), end, p, "speaker:first-name"))
        taken.append((run.start(), end))


def _find_titled_name(text: str, reg: Registry, found: _Found) -> None:
    """Titles: "Mr Blair", "Frau Merkel", "President Joe Biden"."""
    full, taken = found.full, found.taken
    free = taken.free
    for m in _EN_TITLE_RE.finditer(text):
        run = _NAME_RUN.match(text, m.end())
        if not run:
            continue
        toks = _name_tokens(run.group())
        if not toks or not free(m.start(), m.end() + 1):
            continue
        title = m.group(1).lower()
        gender = EN_TITLES.get(title, "") or DE_TITLES.get(title, "")
        end = m.end() + len(" ".join(run.group().split()[: len(toks)]))
        if len(toks) >= 2:
            p = reg.add(" ".join(toks), FIRST_NAMES.get(toks[0].lower(), "") or gender, m.group(1))
        else:
            p = reg.resolve(toks[0]) or reg.add(toks[0], gender, m.group(1))
        full.append(Mention(m.start(), end, p, "speaker:title"))
        taken.append((m.start(), end))


def _find_organisation_with_acronym(text: str, reg: Registry, found: _Found) -> None:
    """Organisations named with their acronym: "Bundesamt für Sicherheit in der Informationstechnik (BSI)",
    "Hamburger Hafen und Logistik AG (HHLA)", "Chaos Computer Club (CCC)"; the acronym alone refers to them"""
    full, taken = found.full, found.taken
    free = taken.free
    for m in _ACRONYM_PAREN.finditer(text):
        found = _name_before_acronym(text, m.start(), m.group(1))
        if found is None:
            continue
        s0, name = found
        if not free(s0, m.end()):
            continue
        p = reg.persons.get(name) or reg.add(name, "", kind="institution")
        reg.persons.setdefault(m.group(1), p)
        reg.acronyms[m.group(1)] = p
        full.append(Mention(s0, m.end(), p, "speaker:named-org"))
        taken.append((s0, m.end()))
    if reg.acronyms:
        acr_re = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, reg.acronyms)) + r")(?![\w])")
        for m in acr_re.finditer(text):
            if free(m.start(), m.end()) and text[m.end() : m.end() + 1] != "-":
                full.append(Mention(m.start(), m.end(), reg.acronyms[m.group(1)], "speaker:named-org"))
                taken.append((m.start(), m.end()))


def _find_acronym_before_country(text: str, reg: Registry, found: _Found) -> None:
    """An acronym before a country names a body: "NHS England", "HSE Ireland"."""
    full, taken = found.full, found.taken
    free = taken.free
    for m in _ACRONYM_PLACE.finditer(text):
        if free(m.start(), m.end()) and m.group(2).lower() in PLACES:
            p = reg.persons.get(m.group(0)) or reg.add(m.group(0), "", kind="institution")
            full.append(Mention(m.start(), m.end(), p, "speaker:named-org"))
            taken.append((m.start(), m.end()))


def _find_town_as_body(text: str, reg: Registry, found: _Found) -> None:
    """A town or district as a body: "der Stadt Leipzig", "die Gemeinde Schönau", "Landkreis Harz"."""
    full, taken = found.full, found.taken
    free = taken.free
    for m in _TOWN_BODY.finditer(text):
        if not free(m.start(), m.end()) or _strip_genitive(m.group(2)).lower() not in PLACES:
            continue
        name = f"{m.group(1)} {_strip_genitive(m.group(2))}"
        p = reg.persons.get(name) or reg.add(name, "", kind="institution")
        full.append(Mention(m.start(), m.end(), p, "speaker:named-org"))
        taken.append((m.start(), m.end()))


def _find_organisation_with_head_word(text: str, reg: Registry, found: _Found) -> None:
    """Multi-word organisation names with a head word: "Rail Delivery Group", "Night Time Industries Association",
    "Office of Rail and Road", "Deutsche Diabetes Gesellschaft", "Haus & Grund".
    """
    full, taken = found.full, found.taken
    free = taken.free
    for s0, e0 in _iter_org_runs(text):
        if not free(s0, e0):
            continue
        name = text[s0:e0]
        p = reg.persons.get(name) or reg.add(name, "", kind="institution")
        full.append(Mention(s0, e0, p, "speaker:named-org"))
        taken.append((s0, e0))


def _find_organisation_by_kind(text: str, reg: Registry, found: _Found) -> None:
    """Organisations introduced by their kind: "Semiconductor manufacturer NovaSil", "der Konzern Siemens"."""
    full, taken = found.full, found.taken
    free = taken.free
    for m in _ORG_INTRO.finditer(text):
        run = _NAME_RUN.match(text, m.end())
        if not run:
            continue
        toks = _name_tokens(run.group())
        if not toks or not free(m.end(), m.end() + 1):
            continue
        name = " ".join(toks)
        end = m.end() + len(" ".join(run.group().split()[: len(toks)]))
        p = reg.persons.get(name) or reg.add(name, "", kind="institution")
        full.append(Mention(m.end(), end, p, "speaker:organisation"))
        taken.append((m.end(), end))


_LOWER_WORD = re.compile(r"\b[a-zäöüß][\w'’-]*")
_EN_SPEECH_VERB = re.compile(r"\b" + trie_alternation(EN_SPEECH_VERBS) + r"\b")


def _find_speech_verb_subject(text: str, reg: Registry, found: _Found) -> None:
    """The subject slot of an English speech verb ('“…,” Okafor said.', 'Alvarez, a Democrat from Texas,
    said'): a capitalised name there is a person without any name list.
    A single word that the text also writes in lower case ('Police, who …, said') is no name."""
    if not _EN_SPEECH_VERB.search(text):
        return  # (most German articles: no English speech verb, no slot to look at)
    full, taken = found.full, found.taken
    free = taken.free
    lower_words: set[str] | None = None  # the words the text writes in lower case, read once when needed
    for m in (m for rx in _SUBJECT_SLOTS for m in rx.finditer(text)):
        if m.group(2).lower() not in EN_SPEECH_VERBS or not free(m.start(1), m.end(1)):
            continue
        toks = _name_tokens(m.group(1))
        if not toks or len(toks) != len(m.group(1).split()) or toks[0].lower() in NOT_NAME_WORDS:
            continue
        if any(t.lower() in ORG_NOUNS or t.lower() in EN_ROLE_NOUNS or t.lower() in EN_TITLES for t in toks):
            continue
        if len(toks) == 1:
            if lower_words is None:
                lower_words = set(_LOWER_WORD.findall(text))
            if toks[0].lower() in lower_words:
                continue
        name = " ".join(toks)
        p = reg.resolve(name) or reg.add(name, FIRST_NAMES.get(toks[0].lower(), "") if len(toks) > 1 else "")
        if len(toks) == 1:
            reg.by_surname.setdefault(name, p)  # (so its other occurrences are mentions too)
        full.append(Mention(m.start(1), m.end(1), p, "speaker:speech-verb-subject"))
        taken.append((m.start(1), m.end(1)))


def _find_short_references(text: str, reg: Registry, found: _Found) -> None:
    """Short references to introduced persons: "Putin", "Trumps", "Mr Blair" (already above)"""
    full, taken = found.full, found.taken
    free = taken.free
    if reg.by_surname:
        # full names first ("Anhänger Saddam Husseins": the whole name, in the genitive), then short forms
        forms = {p.name: p for p in reg.by_surname.values() if " " in p.name} | reg.by_surname
        for start, end, form, genitive in _iter_forms(text, forms):
            if not free(start, end):
                continue
            p = forms[form]
            particles = [t for t in p.name.split()[1:-1] if t.lower() in _PARTICLES]
            if particles:  # "Von der Leyen" for "Ursula von der Leyen"
                pre = " ".join(particles) + " "
                if text[max(0, start - len(pre)) : start].lower() == pre.lower():
                    start -= len(pre)
            full.append(Mention(start, end, p, "speaker:surname", possessive=genitive))
            taken.append((start, end))


_WORD_RUN = re.compile(r"\w+")
_LEAD_RUN = re.compile(r"\w+")
_GENITIVES = ("s", "’s", "'s", "’")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _boundary(text: str, i: int) -> bool:
    """The regular expression \\b at text[i]: a word character on exactly one side."""
    before = i > 0 and _is_word(text[i - 1])
    after = i < len(text) and _is_word(text[i])
    return before != after


def _iter_forms(text: str, forms: dict[str, Person]):
    """(start, end, form, genitive) of each form of `forms` standing as whole words, with an optional
    genitive ending, leftmost first and longest form first: what the pattern
    `\\b(form|…)(s|’s|'s|’)?\\b` finds, by one scan of the words and a dict look-up instead of an
    alternation compiled for every article (that compile was 4 % of all extraction time)."""
    by_lead: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        lead = _LEAD_RUN.match(form)
        if lead:
            by_lead.setdefault(lead.group(), []).append(form)
    pos = 0
    # only the word runs that start like a form are looked at: one small character class per article
    # (the pattern cache keeps it), not a Python step for every word of the text
    firsts = "".join(sorted({lead[0] for lead in by_lead}))
    if not firsts:
        return
    scan = re.compile(r"\b[" + re.escape(firsts) + r"]\w*") if firsts.isalnum() else _WORD_RUN
    for run in scan.finditer(text):
        start = run.start()
        if start < pos:
            continue
        word = run.group()
        cands = by_lead.get(word) or (by_lead.get(word[:-1]) if word.endswith("s") else None)
        if not cands:
            continue
        for form in cands:
            if not text.startswith(form, start):
                continue
            e = start + len(form)
            hit = next(
                ((e + len(g), True) for g in _GENITIVES if text.startswith(g, e) and _boundary(text, e + len(g))),
                (e, False) if _boundary(text, e) else None,
            )
            if hit is not None:
                yield start, hit[0], form, hit[1]
                pos = hit[0]
                break


def _find_institutions(text: str, reg: Registry, found: _Found) -> None:
    """Institutions: "der Kreml", "das Weiße Haus", "das Innenministerium"."""
    full, taken = found.full, found.taken
    free = taken.free
    for s, e, word in _iter_institutions(text):
        if not free(s, e):
            continue
        key = word.lower()
        canon = INSTITUTIONS.get(key) or INSTITUTIONS.get(_strip_genitive(key)) or word
        if canon.isupper() and word != canon:  # "WHO" the organisation, not "who"
            continue
        p = reg.persons.get(canon) or reg.add(canon, "", kind="institution")
        full.append(Mention(s, e, p, "speaker:institution"))
        taken.append((s, e))


def _find_places(text: str, reg: Registry, found: _Found) -> None:
    """Countries and cities can speak in passive/agent phrases ("von der Ukraine zurückgewiesen")"""
    full, taken = found.full, found.taken
    free = taken.free
    for s, e, name in iter_places(text):
        if not free(s, e):
            continue
        p = reg.persons.get(name) or reg.add(name, "", kind="place")
        full.append(Mention(s, e, p, "speaker:place"))
        taken.append((s, e))


def _find_pronouns(text: str, reg: Registry, found: _Found) -> None:
    """Pronouns, resolved at use (the last person of that gender before them)"""
    full = found.full
    for m in _PRONOUN_RE.finditer(text):
        low = m.group().lower()
        full.append(Mention(m.start(), m.end(), Person(low, PRONOUNS[low], "pronoun"), "speaker:pronoun", pronoun=True))


REGISTRY_PASSES = (
    _find_role_then_name,
    _find_lowercase_role_compound,
    _find_possessive_role_apposition,
    _find_english_role_noun,
    _find_name_before_role,
    _find_given_name_and_surname,
    _find_titled_name,
    _find_organisation_with_acronym,
    _find_acronym_before_country,
    _find_town_as_body,
    _find_organisation_with_head_word,
    _find_organisation_by_kind,
    _find_speech_verb_subject,
    _find_short_references,
    _find_institutions,
    _find_places,
    _find_pronouns,
)


# "Die Oberbürgermeisterin von Leipzig eröffnete …", "The mayor of Leeds said …": an office holder without a name
_ROLE_ONLY = re.compile(
    r"(?<![\w-])(Der|Die|der|die|The|the)\s+((?:[a-zäöüß][\w-]*(?:e|en)\s+){0,2})([A-ZÄÖÜa-z][\w-]+)"
    r"((?:\s+(?:von|vom|der|des|of|for|at)\s+(?:(?:der|des|dem|the)\s+)?[A-ZÄÖÜ][\w-]+){0,1})"
)


_SENTENCE_START = re.compile(r"(?:[.!?:]\s|\n\s*|“\s)$")


def _find_role_only(text: str, reg: Registry, taken: _Taken) -> None:
    """Office holders named only by their office, kept in `reg.role_only` (not as mentions: a named
    speaker nearby is always the better subject). The article must agree with the office's gender
    ("der Bürgermeisterin" is a dative); an office someone was already named with is that person, and a
    bare office ("die Richterin") after a named person of its gender refers back to them."""
    for m in _ROLE_ONLY.finditer(text):
        line = text.rfind("\n", 0, m.start()) + 1
        opens = _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()) or m.start() == 0
        if not opens and after_dateline(text, line, m.start() + 1) != m.start():
            # only as the subject that opens a sentence ("Berlin, 3. März 2024 - Die Ministerin sagte": after
            # a dateline too); elsewhere "die X" is as often an object
            continue
        art, role = m.group(1).lower(), m.group(3)
        low = role.lower()
        if art == "the":
            if low not in EN_ROLE_NOUNS:
                continue
            gender = EN_ROLE_NOUNS[low]
        else:
            if not role[:1].isupper() or not low.endswith(_ROLE_SUFFIXES):
                continue
            gender = _gender_of_role(role)
            if (art == "die") != (gender == "f"):
                continue
        gap = _ROLE_GAP.match(text, m.end(3))
        if not taken.free(m.start(), m.end(3)) or (gap and _NAME_RUN.match(text, gap.end())):
            continue  # part of a mention, or a named person follows ("die Ministerin Anna Roth")
        tail = low.split("-")[-1]
        if reg._last(
            ("role", tail),
            lambda x, tail=tail: not x.pronoun and x.entity.kind == "person" and x.entity.role.lower().endswith(tail),
            m.start(),
        ):
            continue  # "der Minister" after "Innenminister Peter Roth": him
        if not m.group(4) and reg._last_person(m.start(), gender or "m") is not None:
            continue  # "die Richterin" after a woman was named: an anaphor, unless its office is spelt out
        name = role + m.group(4)
        reg.role_only.append((m.start(), Person(name, gender, "person", role)))


_ANAPHOR_HEADS = (
    "unternehmen",
    "konzern",
    "firma",
    "behörde",
    "verband",
    "bundesamt",
    "landesamt",
    "amt",
    "fachgesellschaft",
    "organisation",
    "gewerkschaft",
    "verein",
    "institut",
    "stiftung",
    "klinik",
    "einrichtung",
    "ministerium",  # "In einer Erklärung des Ministeriums" after "Das rheinland-pfälzische Wirtschaftsministerium"
)
_COMPANY_HEADS = ("unternehmen", "konzern", "firma")
# heads whose compounds always name one body of their own ("Gesundheitsministerium"): only the bare word refers back
_BARE_ONLY_HEADS = ("ministerium",)
# generic nouns for a body named before, with the word its name contains: "die Notenbank" after "Die
# Bundesbank", "the government's estimate" after "The Scottish Government"
_ANAPHOR_KEYS = {"notenbank": "bank", "zentralbank": "bank", "government": "government", "regierung": "regierung"}
_DEFINITE_BEFORE = re.compile(r"(?:^|\s)(?:der|die|das|des|dem|den|the)\s+$", re.IGNORECASE)


_UMLAUTS = str.maketrans("äöü", "aou")


def _fold_umlauts(word: str) -> str:
    """ "verbände" -> "verbande": a German plural with umlaut still contains its singular head."""
    return word.translate(_UMLAUTS)


def _recent(named: list[Mention], floor: int):
    """Mentions of `named` (in text order) starting at or after floor, nearest first; stops at the first one
    before floor instead of filtering the whole list (which made a long text quadratic)."""
    for x in reversed(named):
        if x.start < floor:
            return
        yield x


def _resolve_org_anaphora(text: str, mentions: list[Mention]) -> None:
    """ "die Behörde", "das Bundesamt", "des Unternehmens", "der Verband": the organisation named before (one
    whose name contains the noun first, a company for "das Unternehmen"), not a new institution."""
    named: list[Mention] = []
    for m in mentions:
        ent = m.entity
        if ent.kind != "institution" or m.pronoun:
            continue
        word = text[m.start : m.end]
        low = word.lower()
        head = next((h for h in _ANAPHOR_HEADS if low.rstrip("s").endswith(h) or low.endswith(h + "es")), None)
        if head in _BARE_ONLY_HEADS and low not in (head, head + "s"):
            head = None  # "Das NRW-Gesundheitsministerium": a compound names its own ministry
        keyed = _ANAPHOR_KEYS.get(low) or _ANAPHOR_KEYS.get(_strip_genitive(low))
        if keyed and m.rule == "speaker:institution" and _DEFINITE_BEFORE.search(text, max(0, m.start - 5), m.start):
            target = next(
                (x.entity for x in _recent(named, m.start - 3000) if keyed in x.entity.name.lower()),
                None,
            )
            if target is not None and target is not ent:
                m.entity = target
            continue
        if (
            head
            and " " not in word
            and m.rule == "speaker:institution"
            and _DEFINITE_BEFORE.search(text, max(0, m.start - 5), m.start)
        ):
            target = None
            cands = [x for x in _recent(named, m.start - 3000) if x.entity is not ent]
            if head in _COMPANY_HEADS:
                target = next((x.entity for x in cands if x.rule == "speaker:organisation"), None)
            if target is None:
                # (the plural with umlaut counts: "der Verband" after "… Unternehmerverbände Niedersachsen")
                target = next((x.entity for x in cands if head in _fold_umlauts(x.entity.name.lower())), None)
            if target is None and cands and head not in _COMPANY_HEADS and head not in _BARE_ONLY_HEADS:
                # (never for "das Ministerium": a ministry is one named as a ministry, not the last body named)
                target = cands[0].entity
            if target is not None:
                m.entity = target
                continue
        # a compound names its body ("Wirtschaftsministerium", "Bundesverband"): a later "das Ministerium" or
        # "der Verband" refers to it; the bare head ("Ministerium") names nothing of its own
        bare = head is not None and low in (head, head + "s", head + "es")
        if " " in ent.name or m.rule in ("speaker:organisation", "speaker:named-org") or (not keyed and not bare):
            named.append(m)


_INST_INDEX = phrase_index(
    [v for k, v in INSTITUTIONS.items() if " " in k] + [k.title() for k in INSTITUTIONS if " " in k]
)
_INST_SINGLE = {k for k in INSTITUTIONS if " " not in k}
_INST_SUFFIXES = tuple(INSTITUTION_SUFFIXES)
_NAME_AFTER_INST = re.compile(r" ([A-ZÄÖÜ][\w-]*[\w])(?![\w-])")
_GENITIVE_AFTER_INST = re.compile(r" (?:der|des|für) (?:[a-zäöü][\w-]*e[nrs]? ){0,2}[A-ZÄÖÜ][\w-]*[\w]")
_ADJ_GENITIVE_AFTER_INST = re.compile(r" [a-zäöü][\w-]*er [A-ZÄÖÜ][\w-]*[\w](?![\w-])")
_NAME_BEFORE_INST = re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w-]*[\w]) $")
_LOWER_INST = re.compile(r"\bthe\s+(government|police|ministry|department|court)\b")


# sports clubs: "FC Rheinstetten", "1. FC Köln", "SV Darmstadt 98", "Borussia Dortmund", "Leeds United"
_CLUB = re.compile(
    r"(?<![\w-])((?:1\.\s)?(?:FC|SC|SV|VfB|VfL|TSV|TSG|SpVgg|BV|FSV|SSV|SG|RB|AC|AS|SSC|Borussia|Eintracht|"
    r"Hertha|Fortuna|Werder|Arminia|Holstein|Dynamo|Hansa|Rot-Weiss|Rot-Weiß|Preußen|Kickers|Alemannia)"
    r"(?:\s+[" + _UP + r"][\w'’-]+){1,2}(?:\s+\d{2,4}(?![\d.,]))?"
    r"|[" + _UP + r"][\w'’-]+(?:\s+[" + _UP + r"][\w'’-]+)?\s+(?:United|Rovers|Wanderers|Athletic|Albion|Hotspur))\b"
)


def _name_stop(word: str) -> bool:
    """A capitalised word after a body's name that is not part of it: a common word, another body, a given
    name (the person the body's role goes with: "des Verbands der Automobilindustrie Hildegard …")."""
    low = word.lower()
    return low in NOT_NAME_WORDS or low in _INST_SINGLE or low in FIRST_NAMES


def _iter_institutions(text: str):
    """(start, end, surface) of institutions: lexicon words, multi-word names, -ministerium nouns."""
    for m in _CLUB.finditer(text):
        yield m.start(1), m.end(1), m.group(1)
    skip = -1
    for m in CAP_WORD.finditer(text):
        if m.start() < skip:
            continue
        word = m.group()
        name = match_phrase(text, m.start(), word, _INST_INDEX, len(text))
        if name:
            skip = m.start() + len(name)
            yield m.start(), skip, name
            continue
        low = word.lower()
        base = low[:-1] if low.endswith("s") and low[:-1] in _INST_SINGLE else low
        if base in _INST_SINGLE or org_head(word):
            # "Bundesverband Güterkraftverkehr", "Staatsanwaltschaft Altach": the name that follows
            e = m.end()
            genitive_generic = base in _INST_SINGLE and text[max(0, m.start() - 4) : m.start()] == "des "
            for _ in range(0 if genitive_generic else 2):
                nxt = _NAME_AFTER_INST.match(text, e)
                if not nxt or nxt.group(1).lower() in NOT_NAME_WORDS or nxt.group(1).lower() in _INST_SINGLE:
                    break
                e = nxt.end()
            gen = _GENITIVE_AFTER_INST.match(text, e)
            if gen and org_nominative(word).lower().endswith(("institut", "verband", "amt", "agentur", "bank", "rat")):
                e = gen.end()  # "des Instituts der deutschen Wirtschaft"
                # "Der Verband der Chemischen Industrie Hessen": the name goes on after the genitive, a Land or
                # town at its end is the branch's, no place of the sentence
                for _ in range(2):
                    nxt = _NAME_AFTER_INST.match(text, e)
                    if not nxt or _name_stop(nxt.group(1)):
                        break
                    e = nxt.end()
            elif e == m.end() and (adj := _ADJ_GENITIVE_AFTER_INST.match(text, e)):
                e = adj.end()  # "der Verband kommunaler Unternehmen": a name of its own, not "der Verband" before
            skip = e
            st = m.start()
            # "Local Government Association": capitalised words before belong to the name
            for _ in range(3):
                prev = _NAME_BEFORE_INST.search(text, max(0, st - 30), st)
                if not prev or prev.group(1).lower() in NOT_NAME_WORDS or prev.group(1).lower() in _INST_SINGLE:
                    break
                st = prev.start(1)
            yield st, e, text[st:e]
    for m in _LOWER_INST.finditer(text):
        yield m.start(1), m.end(1), m.group(1)


def role_gender(role: str) -> str:
    low = role.lower()
    if low in EN_ROLE_NOUNS:
        return EN_ROLE_NOUNS[low]
    return _gender_of_role(role)
