"""Speech cues (sagte, betonte, laut, zufolge; said, according to …) and who they belong to.

For each cue the speaker is the subject of its clause: the nearest person/institution mention before
the cue in the same clause (German V2 and verb-final clauses, English "X said"), otherwise the first
one after it (inversion: "So bezeichnete die Politologin X", "said Mr Blair"). Prepositional phrases
("über Putin sagte …") and possessives ("Trumps Verteidigungsminister") are never subjects.
Fixed frames have their own direction: "laut X", "nach Angaben von X", "according to X" look right,
"X zufolge" looks left, a passive "von X … zurückgewiesen" takes the agent.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from factcheck.extract.cues import Cue
from factcheck.extract.lexicon import (
    DE_GENERIC_SPEAKERS,
    EN_GENERIC_SPEAKERS,
    EN_ROLE_NOUNS,
    NOT_NAME_WORDS,
    words,
)
from factcheck.extract.mentions import ORG_NOUNS, ROLE_SUFFIXES, Mention, Person, Registry, role_gender
from factcheck.text.sentences import MAX_SENTENCE_CHARS

GENERIC = DE_GENERIC_SPEAKERS | EN_GENERIC_SPEAKERS
_TOKEN = re.compile(r"[\w'’\-]+|[^\w\s]")
_PAREN = re.compile(r"\([^()]{0,80}\)")
_CLAUSE_PUNCT = set(',;:–—()„“”"»«‚‘’[]')
_CLAUSE_PUNCT_RE = re.compile("[" + re.escape("".join(sorted(_CLAUSE_PUNCT))) + "]")
_PREPOSITIONS = words(
    "über mit gegen zu zum zur an am für auf bei beim nach vor von vom um ohne unter zwischen in im ins aus "
    "seit durch gegenüber hinter neben wegen trotz dank samt mitsamt gemäß außer innerhalb angesichts aufgrund "
    "infolge anlässlich anstatt statt mangels mittels entgegen "
    "außerhalb about with against to for of on at from by between into than als in during after before "
    "under over like near toward towards"
)
_QUOTING_VERBS = {"zitiert", "zitierte", "zitierten", "zitieren", "quoted", "quotes", "quote", "cited", "cites"}
_AUX = words(
    """
    hat hatte habe haben hatten hätte has had have ist war wurde wurden worden wird werden
    """
)


@dataclass
class Attribution:
    cue: Cue
    speaker: Person
    mention: Mention | None
    rule: str
    decided_by: str = ""  # the sieve pass that named the speaker (attribution.SIEVE), for measurement


def _clause_cuts(
    text: str,
    sent_start: int,
    sent_end: int,
    mentions: list[Mention],
    quoted: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> list[int]:
    """The positions in text[sent_start:sent_end] where punctuation ends a clause, ascending: punctuation
    inside a mention ("Minister, Pete Hegseth,"), a parenthesis or a short quoted phrase („trotz einiger
    Vorbehalte“) does not. The same for every cue of a sentence, so computed once per sentence."""
    parens = [(m.start(), m.end()) for m in _PAREN.finditer(text, sent_start, sent_end)]
    named = [(m.start, m.end + 1) for m in mentions if not m.pronoun]

    def inside(i: int) -> bool:
        if text[i] in "()" or any(a <= i < b for a, b in parens):
            return True  # "(SPD)", "(1998 bis 2002)": a parenthesis does not end the clause
        if any(a - 1 <= i <= b for a, b in quoted):
            return True
        return any(a <= i < b for a, b in named)

    return [m.start() for m in _CLAUSE_PUNCT_RE.finditer(text, sent_start, sent_end) if not inside(m.start())]


def _clause_bounds(sent_start: int, sent_end: int, pos: int, cuts: list[int]) -> tuple[int, int]:
    """Start/end of the clause around pos, given the sentence's clause cuts (`_clause_cuts`): the clause
    starts after the last cut before pos and ends at the first cut at or after it."""
    k = bisect.bisect_left(cuts, pos)
    return (cuts[k - 1] + 1 if k > 0 else sent_start), (cuts[k] if k < len(cuts) else sent_end)


_LOOKBACK = 4 * MAX_SENTENCE_CHARS
_SENT_ARTICLE = re.compile(r"\s*(?:(?:Auch|Zudem|Dagegen)\s+)?(Der|Die|der|die)\s+(?:[A-Za-zÄÖÜäöüß-]+\s+){0,2}")


def _resolve(m: Mention, reg: Registry, cue_word: str, text: str = "", sent_start: int = 0) -> Person | None:
    """A pronoun is the subject of the same sentence when one was named before it, else the subject
    (first person named) of the previous sentence, else the last person of that gender."""
    if not m.pronoun:
        return m.entity
    gender = m.entity.gender
    if m.entity.name == "sie" and cue_word.endswith(("en", "ten")) and cue_word not in ("sprachen",):
        return None  # plural "sie sagten": not one person
    if text:
        # (the sentence before starts after the last ". " or line break; looked for no further back than
        # _LOOKBACK characters, far beyond any real sentence, so text without full stops is not rescanned
        # from its beginning for every pronoun)
        floor = max(0, sent_start - _LOOKBACK)
        prev = max(
            text.rfind(". ", floor, max(0, sent_start - 2)), text.rfind("\n", floor, max(0, sent_start - 1)), floor - 1
        )
        for lo, hi in ((sent_start, m.start), (prev + 1, sent_start)):
            for x in reg.in_span(lo, hi):
                if lo < sent_start and m.start == sent_start and x.entity.kind == "institution" and not x.possessive:
                    # "Die Umweltbehörde warnte … . Sie forderte …": the organisation that opened the sentence
                    # before, when its article has the pronoun's gender
                    art = _SENT_ARTICLE.fullmatch(text, lo, x.start)
                    if art:
                        if (art.group(1).lower() == "die") == (gender == "f"):
                            return x.entity
                        break
                if x.pronoun or x.possessive or x.entity.kind != "person" or _prep_before(text, x, lo):
                    continue
                if (gender == "f") == (x.entity.gender == "f") or (not x.entity.gender and lo < sent_start):
                    # (a subject of unknown gender in the sentence before takes the pronoun: "Their
                    # spokesperson, Morven Achterlonie, said … . She urged …")
                    return x.entity
                break  # the subject is someone of the other gender: fall back to recency
    return reg.last_person_before(m.start, gender, offices=True)


# "Wien - …", "DRESDEN, Germany — …": a dateline place is never a speaker
# "London UKIP MEP Gerard Batten", "A UK Independence Party MEP": a place before a name is a modifier
_MODIFIER_AFTER = re.compile(r"[ -](?:[A-ZÄÖÜ][\w-]*)")
# "Wien - …", "LONDON, Jan 3, 2024 (Reuters) - …": a dateline's place or agency is never a speaker
_DATELINE_AFTER = re.compile(r"\s+[-–—]\s|\)\s*[-–—]\s")


# "Ruaridh Maclennan from the Isle of Lewis, welcomed …": where the subject is from does not end it
_PLACE_TAIL = re.compile(r"\s+(?:from|of|at|aus|von|vom|bei)\s+[^,;:]{1,60}")
_GROUP_OF = re.compile(
    r"\s*(?:(?:The|the|A|a|Die|die)\s+)?(?:[a-zäöüß][\w-]*\s+){0,2}(?:researchers|scientists|experts|economists|"
    r"analysts|doctors|engineers|officials|representatives|Officials|Forscher|Forscherinnen|Wissenschaftler|"
    r"Wissenschaftlerinnen|Experten|Ökonomen|Ärzte|Fachleute|Vertreter|Beamte)\s+"
    r"(?:from|at|of|with|der|des|vom|von|am|an der|aus dem|aus der)\s+(?:(?:the|der|dem|des)\s+)?"
)
_NAME_APPOSITION_BEFORE = re.compile(r",\s+((?:[A-ZÄÖÜ][\w'’-]+|[A-Z]\.)(?:\s+(?:[A-ZÄÖÜ][\w'’-]+|[A-Z]\.)){1,2}),\s*$")
_EN_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b")


_NOT_VERBS = words(
    """
    und oder aber dass damit die der das den dem des sich nicht auch weil wenn als wie ob jedoch doch zudem ein
    eine einen einem einer man er sie es wir ihr dort nun noch schon sehr mehr weit seit bis bereits rund etwa
    jetzt heute gestern erst gerade bevor nachdem während sowie sondern denn deren dessen welche welcher welches
    """
)


_PHRASE_HEAD = re.compile(r"(?:(?:" + r"[a-zäöüß][\w-]*" + r")\s+){0,3}([A-ZÄÖÜ][\w-]*)")


# agent-noun endings of German person nouns ("Kommandeur", "Ermittler", "Vertreter", "Sprecher", "Aktivist",
# "Präsident", "Demonstrant", "Experte", "Soziologe"), in the plural too
_PERSON_NOUN_END = re.compile(r"(?:eur|ler|ner|ter|cher|ist|ent|ant|or|experte|ologe)(?:e|en|s|innen|in)?$")


def _person_noun(word: str) -> bool:
    """A noun for a person or a group of people ("Kommandeur", "Sprecherin", "Ermittler", "spokesman")."""
    low = word.lower()
    return (
        low.endswith(ROLE_SUFFIXES)
        or low in EN_ROLE_NOUNS
        or bool(_FEM_PERSON_NOUN.search(low))
        or bool(_PERSON_NOUN_END.search(low))
    )


def _finite_verb_start(lead_words: list[str]) -> bool:
    """ "X möchte …, nimmt … in Schutz und warnt …": a clause opened by a finite verb shares the subject of the
    sentence."""
    w = lead_words[0] if lead_words else ""
    return (
        len(w) >= 4
        and w.islower()
        and w not in _NOT_VERBS
        and w.endswith(("t", "te", "ten", "en"))
        and not w.endswith(("ungen", "heit", "keit"))
    )


def _aux_or_empty(lead: str) -> bool:
    """The clause before the verb is empty, an auxiliary, one adverb ("dazu", "jedoch") or an English
    role apposition ("spokeswoman for the committee")."""
    first = lead.split()[0].lower() if lead else ""
    if first in ("the", "a", "an") and len(lead.split()) > 1:
        first = lead.split()[1].lower()
    return not lead or first in _AUX or first in EN_ROLE_NOUNS or (len(lead.split()) == 1 and lead.islower())


_ARTICLES = words(
    """
    der die das dem den des ein eine einem einen einer eines the a an seinem seiner ihrem ihrer
    """
)
_PREV_WORDS = re.compile(r"[\w-]+")


_GEN_BEFORE = re.compile(
    r"(?<![.!?]\s)\b([A-ZÄÖÜ][\w-]*)\s+(?:des|der|of(?:\s+the)?)\s+(?:[a-zäöüß][\w-]*(?:e|en|er|es)\s+){0,2}$"
)


def _genitive_attr(text: str, m: Mention, floor: int = 0) -> bool:
    """'ein Manager der Privatbank X', 'Sprecher des Innenministeriums': an attribute, not the subject."""
    if m.entity.kind == "person" and m.rule in ("speaker:apposition", "speaker:title"):
        return False
    g = _GEN_BEFORE.search(text, max(floor, m.start - 60), m.start)
    return bool(g and g.group(1).lower() not in NOT_NAME_WORDS)


def _prep_before(text: str, m: Mention, floor: int = 0) -> bool:
    """'über Putin', 'in Finnland', 'mit dem Kreml', 'to the White House': not the subject."""
    words = _PREV_WORDS.findall(text[max(floor, m.start - 40) : m.start])[-4:]
    for w in reversed(words):
        low = w.lower()
        if low in _PREPOSITIONS or low == "gegenüber":
            return True
        if low in _ARTICLES or (w[:1].islower() and low.endswith(("e", "en", "er", "es", "em"))):
            continue
        break
    return False


_DET = (
    r"(?i:der|die|das|den|dem|des|ein|eine|einer|eines|einem|einen|seine[mnrs]?|ihre[mnrs]?|"
    r"sein|ihr|zwei|drei|mehrere|viele|einige|zahlreiche|the|a|an|his|her|their|its|two|three|several|many)"
)
# an adjective before a noun ("stellvertretende", "SPD-nahen"); articles and possessives end the same way
# but start a new phrase ("in seinem Bericht", "in dem Land")
_ADJ = (
    r"(?:(?!(?:der|die|das|den|dem|des|eine[mnrs]?|seine[mnrs]?|ihre[mnrs]?|unsere[mnrs]?|diese[mnrs]?|jene[mnrs]?)\s)"
    r"(?:[a-zäöüß]|[A-ZÄÖÜ]{2,}-[a-zäöüß]|\d+-[a-zäöüß])[\w-]*(?:e|en|er|es|em|ische|ischen)\s+)"
)
_NOUN = r"(?:(?:\d{1,3}-)?[A-ZÄÖÜ][\w'’.-]*\w)"
_NP = (
    # ("Eine der größten Oppositionsgruppen des Landes", "one of the largest unions": a partitive head)
    r"(?:(?i:eine[rs]?|one)\s+(?:der|des|of\s+the)\s+)?"
    # (a participle with its time before the adjectives: "einer am Dienstag veröffentlichten Mitteilung")
    rf"(?:{_DET}\s+)?(?:(?:am|vom|im|seit)\s+[A-ZÄÖÜ][\w-]*\s+(?={_ADJ}))?{_ADJ}{{0,3}}{_NOUN}(?:\s+{_NOUN}){{0,3}}"
    rf"(?:\s+\([^()]{{1,20}}\))?(?:\s+„[^“]{{1,40}}“)?"
    # (up to two genitives: "Die Befürworter einer Einstellung der Bundeszuschüsse", "der Region Elsass
    # Adrien Zeller")
    # (or a genitive plural with a strong adjective and no article: "Berichten verschiedener US-Medien")
    rf"(?:\s+(?:(?:des|der|von|vom|im|beim|für|seiner|ihrer|seines|ihres|eines|einer|of|at|for)\s+(?:{_DET}\s+)?|"
    rf"(?=[a-zäöüß][\w-]*er\s+[A-ZÄÖÜ])){_ADJ}{{0,3}}{_NOUN}(?:\s+{_NOUN}){{0,3}}){{0,2}}"
    rf"(?:\s+(?:für|of|at|in|im|von|vom|zur|zum)\s+(?:{_DET}\s+)?{_ADJ}{{0,3}}{_NOUN}(?:\s+{_NOUN}){{0,2}})?"
    r"(?:\s+„[^“]{1,40}“)?(?:\s+\([^()]{1,40}\))?"
    r"(?:,\s+(?:[A-ZÄÖÜ][\w'’-]+\s+){1,2}[A-ZÄÖÜ][\w'’-]+(?=,))?"
    rf"(?:\s+(?:in|aus|from|at)\s+{_ADJ}{{0,2}}{_NOUN}(?:\s+{_NOUN})?)?"
)
_NP_AFTER = re.compile(
    r"\s*(?:(?:sich|jedoch|auch|nun|zudem|außerdem|dazu|bereits|gestern|heute|dann|daraufhin|"
    r"ebenfalls|wiederum|hingegen|allerdings|am\s+\w+|in\s+\w+\s+\w+|also|later|on\s+\w+)\s+){0,2}"
    r"(" + _NP + r")"
)
_NP_BEFORE = re.compile(
    r"^\s*(?:(?:Auch|Zudem|Dabei|Doch|Aber|So|Und|Wie|Während|Als|Nachdem|Weil|Da|Ob|"
    r"wie|während|als|nachdem|weil|da|dass|ob|und|aber|doch|wobei|but|and|as)\s+)?(" + _NP + r")"
    r"(?:\s+(?:also|again|still|however|later|auch|jedoch|dann|nun|bereits|erneut|zudem|ebenfalls|heute|gestern|"
    r"zuvor|inzwischen|mittlerweile|außerdem|dazu|am\s+[A-ZÄÖÜ]\w+|in\s+(?:einer|einem)\s+[\w-]+|bekannt|klar|"
    r"deutlich))"
    r"{0,2}\s*$"
)
_NP_BEFORE_AUX = re.compile(
    r"\s*(?:(?:Auch|Zudem|Dabei|Doch|Aber|Und|auch|und|aber|doch|dass|weil|nachdem)\s+)?(" + _NP + r")\s+"
    r"(?:hat|hatte|habe|haben|hatten|hätte|hätten|ist|war|wurde|wurden|has|had|have)\b"
)
_NP_THEN_VERB = re.compile(r"\s*(" + _NP + r")\s+[a-zäöüß]+\s*$")
# (a phrase starts at a word: "Berichten verschiedener US-Medien zufolge" is not "erichten …")
_NP_SUFFIX = re.compile(r"(?<![\w'’-])(" + _NP + r"(?:\s+(?:in|aus)\s+" + _NOUN + r")?)\s*,?\s*$")
_NP_SENT_START = re.compile(r"\s*(?:(?:Wie|Als|Während|Nachdem|Auch|So|Laut)\s+)?(" + _NP + r")\s*,")
_AUX_NP = re.compile(
    r"\b(?:hat|hatte|habe|haben|hatten|hätte|hätten|has|had|have)\s+(?:(?:auch|bereits|schon|"
    r"zuvor|jedoch|nun|erst|gestern|heute)\s+)?(" + _NP + r")"
)
_POSSESSIVE = re.compile(
    r"\s*(his|her|seine[nmrs]?|ihre[nmrs]?)\s+(?:[\w-]+\s*(?:[,.;]|$)|(?:Angaben|Ansicht|Meinung|Einschätzung|"
    r"Auffassung|Worten|Schätzungen|Berechnungen|Darstellung|Überzeugung)\b)",
    re.IGNORECASE,
)
_DEFINITE = re.compile(r"\s*(the|der|die|das|dem|des)\s+([\w-]+)\s*(?:[,.;]|$)", re.IGNORECASE)
# (a plural or mass noun needs no article: "according to figures from the Institute for Fiscal Studies",
# "according to data from the ONS", "according to official estimates by the Bank")
_EN_SOURCE_BY = re.compile(
    r"\s*(?:(?:a|an|the|new|latest)\s+(?:[\w-]+\s+){0,2}(?:survey|report|study|analysis|poll|figures|data|"
    r"research|review|estimates?|statistics|calculations|projections|modelling)"
    r"|(?:(?:new|latest|official|provisional|published|unpublished)\s+)?(?:figures|data|research|estimates|"
    r"statistics|calculations|projections|modelling|analysis))\s+(?:by|from|of|for)\s+(?:the\s+)?"
)
_QUOTED_SOURCE = re.compile(
    r"\s*(?:(?:des|der|dem|von|vom)\s+)?(?:[A-ZÄÖÜ]?[a-zäöüß-]+\s+){0,2}[„\"»]([A-ZÄÖÜ][^“”\"«„]{1,50})[“”\"«]"
)
# '“We are delighted with the result,” said head coach Tom Walsh': a quote before the verb is no subject
_QUOTE_ONLY_LEAD = re.compile(r"[“\"‘'][^”\"’]{1,400}[”\"’']\s*[,.]?\s*")
_RIGHT_NP = re.compile(r"\s*(?:(?:von|vom|des|der|dem|den|seines|seiner|ihres|ihrer|to|the)\s+)?(" + _NP + r")")
_EN_ROLE_NP = re.compile(
    r"\s*([Tt]he|[Aa]n?)\s+(?:[A-Za-z-]+\s+){0,2}(" + "|".join(sorted(EN_ROLE_NOUNS, key=len, reverse=True)) + r")"
    r"(?:\s+(?:of|for|at)\s+(?:the\s+)?[\w-]+(?:\s+(?:(?:of|for|and|&)\s+)?[A-Z][\w-]*){0,4})?\s*$"
)
# "Trump's campaign", "Governor Gavin Newsom's office": a possessor's body or office as subject
_EN_POSSESSIVE_NP = re.compile(
    r"\s*((?:(?:The|the|[A-Z][\w.-]*)\s+){0,3}?((?:[A-Z][\w-]*(?:\s+(?:of|for|and)\s+|\s+)){0,4}?[A-Z][\w-]*)['’]s\s+"
    r"((?:[a-z-]+\s+){0,2}[a-z-]+))(?:\s+(?:has|have|had|also|again))?\s*"
)
_SKIP_HEADS = (
    NOT_NAME_WORDS
    | words(
        "unterdessen indes inzwischen mittlerweile derweil zuvor später damals nun jetzt dennoch deshalb daher "
        "darum trotzdem allerdings außerdem zudem ebenso ebenfalls bislang bisher erstmals zunächst schließlich "
        "letztlich immerhin freilich offenbar offensichtlich vermutlich womöglich insbesondere gleichzeitig "
        "anschließend daraufhin demnach meanwhile however earlier later separately weiter ferner zahl anzahl "
        "höhe summe hälfte drittel viertel mehrzahl großteil bereich verlauf zuletzt kürzlich jüngst neulich "
        "vorher danach seinerzeit ursprünglich eigentlich angeblich tatsächlich sogar somit dort hier stattdessen"
    )
    | {"es", "man", "das", "dies", "this", "it", "there", "which", "who"}
)


_FEM_PERSON_NOUN = re.compile(r"(?:erin|istin|ologin|onomin|antin|entin|ärztin|anwältin)$")
_MASC_PERSON_NOUN = re.compile(r"(?:ologe|onom|ist)$")


_NEVER_IN_NAMES = re.compile(r"\s+(?:gegenüber|während|wegen|trotz|seit|ohne|laut|zufolge)\s+")
# a present participle used as an adverb ("Stellvertretend", "Abschließend", "Ergänzend", "Zusammenfassend")
_ADVERBIAL_PARTICIPLE = re.compile(r"[A-ZÄÖÜ][a-zäöüß]{3,}end")


# "Büro der Landesrätin", "Kabinett des Ministers": the office of one office holder
_OFFICE_OF = re.compile(r"(?:Büro|Kabinett)\s+(des|der)\s+([A-ZÄÖÜ][\w-]+)")


def _phrase_person(phrase: str, reg: Registry, pos: int = -1) -> Person | None:
    """A noun phrase as speaker ("Sprecher des Innenministeriums"), without its leading article.
    A definite role without a name ("die SPD-Politikerin", "the minister") is the person last named
    with that role or, failing that, of that gender."""
    raw = phrase.strip()
    phrase = re.sub(r"^(?:" + _DET + r")\s+", "", raw, flags=re.IGNORECASE).strip(" ,")
    # "der Innenminister gegenüber Medien": a preposition no name contains ends the speaker's phrase
    phrase = _NEVER_IN_NAMES.split(phrase, maxsplit=1)[0].strip(" ,")
    words = phrase.split()
    if words and _ADVERBIAL_PARTICIPLE.fullmatch(words[0]):
        return None  # "Stellvertretend für die EU-Kommission empfahl …": an adverb opens the clause
    definite = bool(re.match(r"(?:der|die|das|the)\s", raw, re.IGNORECASE))
    office = _OFFICE_OF.fullmatch(phrase)
    if pos >= 0 and office:
        # "Aus dem Büro der Landesrätin hieß es", "das Büro des Bürgermeisters": an office speaks for the one
        # who holds it, named before
        nominative = "der" if office.group(1) == "des" else "die"
        holder = office.group(2)
        if office.group(1).lower() == "des" and holder.endswith("s") and not holder.endswith("ss"):
            holder = holder[:-2] if holder.endswith("es") and holder[:-2].endswith(ROLE_SUFFIXES) else holder[:-1]
        p = _phrase_person(f"{nominative} {holder}", reg, pos)
        if p is not None and p.kind in ("person", "institution"):
            return p
    if pos >= 0 and definite and len(words) == 1 and words[0].lower() in ORG_NOUNS:
        org = reg.last_org_before(pos, words[0])
        if org is not None:
            return org
    if pos >= 0 and len(words) <= 2 and re.match(r"(?:der|die|the)\s", raw, re.IGNORECASE):
        head = words[-1].lower()
        if head.endswith(ROLE_SUFFIXES) or head in EN_ROLE_NOUNS:
            p = reg.last_with_role(pos, head, role_gender(words[-1]))
            if p is not None:
                return p
    if pos >= 0 and definite and len(words) == 1 and re.fullmatch(r"\d{1,3}-[Jj]ährigen?", words[0]):
        # "Der 29-Jährige kündigte an", "die 57-Jährige": the person last named of that gender
        g = "f" if raw[:3].lower() == "die" else "m"
        if (p := reg.last_person_before(pos, g)) is not None:
            return p
    if pos >= 0 and definite and len(words) == 1 and words[0][:1].isupper():
        # "die Endokrinologin", "die Naturschützerin", "der Epidemiologe": a person noun not in the role
        # lexicon is the person last named of that gender
        g = "f" if _FEM_PERSON_NOUN.search(words[0]) else "m" if _MASC_PERSON_NOUN.search(words[0]) else ""
        if g and (p := reg.last_person_before(pos, g)) is not None:
            return p
    if not words or words[0].lower() in _SKIP_HEADS or (len(phrase) < 3 and not re.fullmatch(r"[A-Z]{2}", phrase)):
        return None  # ("The AA reported": a two-letter acronym is a name)
    heads = [w for w in words if w[:1].isupper()]
    if not heads or all(w.lower() in _SKIP_HEADS for w in heads):
        return None
    known = reg.resolve(heads[-1]) if len(heads) == 1 else None
    if known is not None:
        return known
    generic = any(w.lower() in GENERIC for w in words)
    return Person(phrase, "", "generic" if generic else "phrase")


# "Der englisch-sprachigen Zeitung sagte X", "Dem Sender sagte X": a dative/genitive NP before the verb is
# not its subject (nominative "der" takes an adjective in -e: "Der stellvertretende Direktor")
_OBLIQUE_NP = re.compile(r"(?:dem|den|des|Dem|Den|Des)\s|(?:der|Der)\s+[a-zäöüß][\w-]*en\s")
_THE_ORG = re.compile(
    r"^\s*(?:[Tt]he)\s+("
    + "|".join(sorted(ORG_NOUNS, key=len, reverse=True))
    + r")\s+(?:(?:also|later|now|still|then|has|had|have)\s+){0,2}$"
)


def _fallback_name(text: str, cue: Cue, cs: int, ce: int, reg: Registry) -> Person | None:
    """No registered mention: the noun phrase in subject position ("Ein Sprecher des Ministeriums sagte",
    "laut Angaben der Polizei", "said a spokesman for the ministry")."""
    if cue.direction == "auto":
        # "Putin hat klar gemacht", "Die Bank hatte betont": the subject before the auxiliary
        m = _NP_BEFORE_AUX.match(text, cs, cue.start)
        if m and (p := _phrase_person(m.group(1), reg, cue.start)):
            return p
    if cue.direction in ("left", "auto"):
        m = _THE_ORG.match(text[cs : cue.start])
        if m:
            # "The group said", "the charity added": the organisation named before, else the body as written
            return reg.last_org_before(cue.start, m.group(1)) or Person(m.group(0).strip(), "", "phrase")
        poss = _EN_POSSESSIVE_NP.fullmatch(text, cs, cue.start)
        if poss:
            # "Trump's campaign said", "Governor Gavin Newsom's office said": the possessor's campaign or office
            owner = reg.resolve(poss.group(2))
            mark = text[poss.end(2)]  # (the apostrophe as the text writes it)
            return Person(f"{owner.name}{mark}s {poss.group(3)}" if owner else poss.group(1).strip(), "", "phrase")
        # "The RSPCA is urging": the progressive auxiliary is not part of the subject
        lead = re.sub(r"\s+(?:is|are|was|were|has been|have been)\s*$", " ", text[cs : cue.start])
        m = _NP_BEFORE.search(lead)
        # ("Gegenüber der Nachrichtenagentur „AP“ sagte X": a prepositional phrase before the verb is no subject)
        first = lead.split()[0].lower() if lead.split() else ""
        if (
            m
            and not _OBLIQUE_NP.match(m.group(1))
            and first not in _PREPOSITIONS
            and (p := _phrase_person(m.group(1), reg, cue.start))
        ):
            return p
        # '“It is dead,” the senator said': the quotation before the subject is not part of it
        lead_np = text[cs : cue.start]
        q = _QUOTE_ONLY_LEAD.match(lead_np)
        if q:
            lead_np = lead_np[q.end() :]
        m = _EN_ROLE_NP.match(lead_np)
        if m:
            # "The prime minister said", "a spokesman for the ministry said": the named holder if known
            head = m.group(2).lower()
            p = (
                reg.last_with_role(cue.start, head, EN_ROLE_NOUNS.get(head, ""))
                if m.group(1).lower() == "the"
                else None
            )
            return p or Person(m.group(0).strip(), EN_ROLE_NOUNS.get(head, ""), "phrase")
    if cue.direction in ("right", "auto"):
        m = _NP_AFTER.match(text, cue.end, ce)
        # "beschrieb in einem Krankenhaus den Hergang": an accusative/dative noun phrase is the object
        if (
            m
            and not re.match(r"(?:den|dem|einen|einem)\s", m.group(1))
            and (p := _phrase_person(m.group(1), reg, cue.start))
        ):
            return p
    return None
