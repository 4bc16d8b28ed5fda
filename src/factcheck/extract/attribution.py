"""Who a speech cue belongs to: a sieve of small named passes, run in order of precision.

`attribute` finds the speaker of every cue in a sentence. For each cue a `Site` holds what the passes
may look at (the cue, its clause, the mentions in the sentence); the passes of `SIEVE` run in turn and
the first one that names a speaker decides. A pass either returns an `Attribution`, returns None to let
the next pass try, or narrows the site's candidates for the passes after it (`Site.before`/`after`,
`Site.cand`). This is the multi-pass sieve design of coreference and quotation attribution (Lee et al.
2013, "Deterministic coreference resolution based on entity-centric, precision-ranked rules"; Muzny et
al. 2017, "A two-stage sieve approach for quote attribution"): each pass is one rule, with its own tests,
and `benchmarks/attribution_passes.py` prints how often each pass decides on the train split and how
often it is right, so a person who changes one rule sees what it affects.

The rule name of every attribution is the cue's rule plus the deciding pass's suffix, so a checker can
see in `cues` which rule named a speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from factcheck.extract.cues import _EN_DETERMINERS, Cue, _source_noun
from factcheck.extract.datelines import after_dateline
from factcheck.extract.lexicon import EN_GENERIC_SPEAKERS, EN_ROLE_NOUNS, EN_SPEECH_VERBS
from factcheck.extract.mentions import ORG_NOUNS, Mention, Person, Registry
from factcheck.extract.names import FIRST_NAMES
from factcheck.extract.speakers import (
    _ARTICLES,
    _AUX,
    _AUX_NP,
    _DATELINE_AFTER,
    _DEFINITE,
    _EN_RELATIVE,
    _EN_ROLE_NP,
    _EN_SOURCE_BY,
    _GROUP_OF,
    _MODIFIER_AFTER,
    _NAME_APPOSITION_BEFORE,
    _NP,
    _NP_BEFORE,
    _NP_BEFORE_AUX,
    _NP_SENT_START,
    _NP_SUFFIX,
    _NP_THEN_VERB,
    _OBLIQUE_NP,
    _PHRASE_HEAD,
    _PLACE_TAIL,
    _POSSESSIVE,
    _PREPOSITIONS,
    _QUOTE_ONLY_LEAD,
    _QUOTED_SOURCE,
    _QUOTING_VERBS,
    _RIGHT_NP,
    _SKIP_HEADS,
    Attribution,
    _aux_or_empty,
    _clause_bounds,
    _clause_cuts,
    _fallback_name,
    _finite_verb_start,
    _genitive_attr,
    _person_noun,
    _phrase_person,
    _prep_before,
    _resolve,
)


@dataclass
class Site:
    """One speech cue in its sentence: what every pass may read, and the candidates passes narrow."""

    text: str
    sent_start: int
    cue: Cue
    cs: int  # the cue's clause: text[cs:ce]
    ce: int
    mentions: list[Mention]  # mentions of the sentence outside quotations
    reg: Registry
    language: str
    before: list[Mention] = field(default_factory=list)  # subject candidates before the cue, in its clause
    after: list[Mention] = field(default_factory=list)  # inverted-subject candidates after the cue
    cand: Mention | None = None  # the chosen subject mention, resolved by the last pass
    rule: str = ""
    # (mention start, clause start) -> whether it can be a subject; shared by the cues of one sentence
    subject_memo: dict[tuple[int, int], bool] = field(default_factory=dict)

    @cached_property
    def lead(self) -> str:
        """The clause's words before the cue (read by several passes; the clause and cue never change)."""
        return self.text[self.cs : self.cue.start].strip()

    def said(self, person: Person | None, mention: Mention | None, suffix: str) -> Attribution | None:
        """An attribution to `person` (None when there is nobody), rule = the cue's rule + suffix."""
        return Attribution(self.cue, person, mention, self.cue.rule + suffix) if person is not None else None

    def resolved(self, m: Mention, suffix: str) -> Attribution | None:
        """An attribution to the person mention `m` stands for (a pronoun resolved)."""
        return self.said(_resolve(m, self.reg, self.cue.word, self.text, self.sent_start), m, suffix)

    def phrase(self, phrase: str) -> Person | None:
        """The person or body a noun phrase names (see speakers._phrase_person)."""
        return _phrase_person(phrase, self.reg, self.cue.start)


Pass = Callable[[Site], Attribution | None]


# --- frames that look right: "laut X", "nach Angaben des X", "according to X" --------------------------


def frame_possessive(site: Site) -> Attribution | None:
    """ "according to his analysis", "nach ihren Angaben": the last person of that gender."""
    poss = _POSSESSIVE.match(site.text, site.cue.end, site.ce + 1)
    if not poss:
        return None
    gender = "f" if poss.group(1).lower().startswith(("her", "ihr")) else "m"
    return site.said(site.reg.last_person_before(site.cue.start, gender), None, ":possessive") or _STOP


def frame_definite(site: Site) -> Attribution | None:
    """ "according to the company", "laut dem Konzern": the organisation or person named before."""
    d = _DEFINITE.match(site.text, site.cue.end, site.ce + 1)
    return site.said(site.phrase(d.group(1) + " " + d.group(2)), None, ":definite") if d else None


def frame_adjacent_name(site: Site) -> Attribution | None:
    """ "according to the government's own estimate", "laut Interpol": the body right after the frame."""
    near = [x for x in site.mentions if site.cue.end <= x.start <= site.cue.end + 5 and not x.pronoun]
    if not near or near[0].entity.kind == "place":
        return None
    return site.resolved(near[0], "") or _STOP


_INDEFINITE_SOURCE = re.compile(r"(?:an?|one|some|several|two|three)\s", re.IGNORECASE)


def frame_source_by(site: Site) -> Attribution | None:
    """ "according to a survey by YouGov", "according to figures from the ONS": the body behind the source."""
    by = _EN_SOURCE_BY.match(site.text, site.cue.end, site.ce + 1)
    if not by:
        return None
    at = [x for x in site.mentions if x.start == by.end() and not x.pronoun]
    if _INDEFINITE_SOURCE.match(site.text, by.end()) or (at and at[0].entity.kind == "place"):
        # "according to research from a City investment bank", "estimates from India": an unnamed body, a
        # place the figures come from; nobody to name
        return _STOP
    if at and (a := site.resolved(at[0], ":source-by")) is not None:
        return a
    nm = _RIGHT_NP.match(site.text, by.end(), site.ce + 1)
    return site.said(site.phrase(nm.group(1)), None, ":source-by") if nm else None


def frame_quoted_medium(site: Site) -> Attribution | None:
    """ "nach Informationen des „Kicker“", "laut der Zeitung „Die Welt“": the medium in quotation marks."""
    qm = _QUOTED_SOURCE.match(site.text, site.cue.end, site.ce + 1)
    if not qm:
        return None
    name = qm.group(1).strip()
    return site.said(site.reg.resolve(name) or Person(name, "", "phrase"), None, ":quoted-medium")


_AFTER_NOUN = re.compile(r"[A-ZÄÖÜ][\w-]*[a-zäöüß]\s+$")


def frame_noun_phrase(site: Site) -> Attribution | None:
    """The noun phrase after the frame: a name inside it ("nach Angaben von Interpol in Korat": a name
    after a preposition inside the phrase is no source; "laut einem Kommandeur des Übergangsrates": the
    body in the genitive of a person noun is the speaker's, not the speaker), else the phrase itself."""
    m = _RIGHT_NP.match(site.text, site.cue.end, site.ce + 1)
    if not m:
        # "according to a senior administration official": an unnamed office holder
        role = _EN_ROLE_AFTER.match(site.text, site.cue.end, site.ce + 1)
        return site.said(Person(role.group(1), "", "phrase"), None, ":role-phrase") if role else _STOP
    s, e = m.start(1), m.end(1)
    head = _PHRASE_HEAD.match(m.group(1))
    # the body in the genitive of a person is the person's ("laut einem Kommandeur des Übergangsrates",
    # "nach Einschätzung der Ermittler der …"); of a document it is its source ("laut dem Lagebericht des BSI",
    # "laut einem Artikel der Nachrichtenagentur Reuters")
    person_head = bool(head) and _person_noun(head.group(1)) and not _source_noun(head.group(1).lower())
    inside = [
        x
        for x in site.mentions
        if s <= x.start < e
        and not x.possessive
        and not _prep_before(site.text, x, s)
        and not (person_head and x.start > s and _genitive_attr(site.text, x, s))
        # "laut einer Umfrage des Flughafens Bremen": a place right after a noun is part of that body's name
        and not (x.entity.kind == "place" and _AFTER_NOUN.search(site.text, s, x.start))
    ]
    if inside:
        return site.resolved(inside[0], "") or _STOP
    # "nach Auskunft der NASA der überwiegende Teil …": a nominative "der + adjective in -e" starts the clause
    phrase = re.split(r"\s+(?:der|die|das)\s+[a-zäöüß][\w-]*e\s", m.group(1))[0]
    if re.match(r"\s*der\s", m.group(0)):
        phrase = _feminine_nominative(phrase)
    return site.said(site.phrase(phrase), None, ":phrase") or _STOP


_WEAK_ADJECTIVE_THEN_NOUN = re.compile(r"([A-ZÄÖÜ][\w-]*e)n(\s+[A-ZÄÖÜ][\w-]*[^s\W])$")


def _feminine_nominative(phrase: str) -> str:
    """A name after "der" in a frame is a feminine or plural genitive/dative: its adjective's weak -en becomes
    the -e of the name as written ("nach Angaben der Deutschen Bahn" -> Deutsche Bahn, "laut der Vereinten
    Nationen" -> Vereinte Nationen). A noun in -s is a masculine or neuter genitive and is left as it is."""
    return _WEAK_ADJECTIVE_THEN_NOUN.sub(r"\1\2", phrase)


# groups that speak as a group in English news ("analysts say", "critics argue")
_EN_GROUP_NOUNS = EN_GENERIC_SPEAKERS - {"many", "some"} | {
    "advocates",
    "campaigners",
    "economists",
    "officials",
    "residents",
    "protesters",
    "scientists",
    "researchers",
    "lawyers",
    "investors",
    "observers",
    "voters",
    "parents",
    "teachers",
    "nurses",
    "patients",
    "farmers",
    "workers",
    "fans",
    "prosecutors",
    "investigators",
    "authorities",
    "lawmakers",
    "regulators",
    "witnesses",
    "organisers",
    "organizers",
    "police",
}
_EN_ROLE_AFTER = re.compile(
    r"\s*((?:a|an|the)\s+(?:[a-z-]+\s+){0,3}(?:" + "|".join(sorted(EN_ROLE_NOUNS, key=len, reverse=True)) + r")s?)\b"
)


# Documents that speak for their author: "the statement said", "The report by the spending watchdog also
# said", "Aus der Anklageschrift geht hervor". The document is no speaker; its author is.
_DOCUMENT_NOUNS = (
    "report|statement|letter|study|survey|analysis|review|memo|filing|document|audit|assessment|submission|"
    "indictment|complaint|bericht|erklärung|mitteilung|pressemitteilung|stellungnahme|anklageschrift|anklage|"
    "schreiben|brief|studie|gutachten|analyse|papier|dokument|protokoll|klageschrift"
)
_DOC_DET = r"(?:a|an|the|this|that|its|their|his|her|der|die|das|dem|den|des|einer|einem|eine|ein|diese[mnrs]?)"
# the clause before a speech verb: a document, its author after by/from/of (or in the genitive), an optional
# participle ("published in November") and adverb ("also")
_DOCUMENT_SUBJECT = re.compile(
    rf"(?:^\s*|,\s+)(?P<doc>(?i:{_DOC_DET})\s+(?:[\w-]+\s+){{0,2}}?(?i:{_DOCUMENT_NOUNS}))"
    r"(?:\s+(?:by|from|of|des|der|von|vom)\s+(?P<by>.+?))?"
    r"(?:\s+(?:published|released|issued|seen|obtained|sent|dated|presented|veröffentlicht)\b.*?)?"
    r"(?:\s+(?:also|further|however|nevertheless|auch|zudem))?\s*$"
)
# right after a frame ("aus der Anklageschrift", "in the statement"): a definite document without an author
_BARE_DOCUMENT = re.compile(
    rf"\s*(?:the|der|die|das|dem|den)\s+(?:[\w-]+\s+)?(?i:{_DOCUMENT_NOUNS})\b"
    r"(?!\s+(?:des|der|von|vom|by|from|of)\s)"
)
# a definite common noun phrase as the author ("by the spending watchdog"): a body named before
_DEFINITE_COMMON = re.compile(r"(?:[Tt]he|der|die|das|des)\s+(?:[a-zäöüß][\w-]*\s+){0,2}[a-zäöüß][\w-]*\s*")


def document(phrase: str) -> Person:
    """A document with no author named: `engine` gives it the speaker named before it (kind "document")."""
    return Person(phrase.strip(), "", "document")


def document_subject(site: Site) -> Attribution | None:
    """ "A report by the National Audit Office found", "The report by the spending watchdog also said",
    "the statement said": a document as subject speaks for its author, the body after by/of (or in the
    genitive); a definite document or author phrase without a name refers back (`document`)."""
    if site.cue.direction != "auto" or site.cand is not None:
        return None
    lead = site.text[site.cs : site.cue.start]
    doc = _DOCUMENT_SUBJECT.search(lead)
    if doc is None:
        return None
    off = site.cs  # (the match is in the lead: its offsets from the clause start)
    by_start = off + doc.start("by") if doc.group("by") else -1
    if by_start >= 0:
        named = [
            m
            for m in site.mentions
            if by_start <= m.start < off + doc.end("by") and not m.pronoun and m.entity.kind != "place"
        ]
        if named:
            return site.resolved(named[0], ":document-author")
        author = site.phrase(doc.group("by"))
        if author is not None and author.kind in ("person", "institution"):
            return site.said(author, None, ":document-author")  # "by the union": the union named before
        if not _DEFINITE_COMMON.fullmatch(doc.group("by")):
            return site.said(author, None, ":document-author") or _STOP
    elif not re.match(r"(?i:the|this|that|der|die|das)\s", doc.group("doc")):
        return _STOP  # "A report said": nobody named
    return site.said(document(doc.group("doc")), None, ":document")


def frame_bare_document(site: Site) -> Attribution | None:
    """ "Aus der Anklageschrift geht hervor", "according to the statement": the document's author, named before."""
    d = _BARE_DOCUMENT.match(site.text, site.cue.end, site.ce + 1)
    return site.said(document(d.group(0).strip(" ,.;")), None, ":document") if d else None


RIGHT_FRAME_SIEVE: tuple[Pass, ...] = (
    frame_possessive,
    frame_bare_document,
    frame_definite,
    frame_adjacent_name,
    frame_source_by,
    frame_quoted_medium,
    frame_noun_phrase,
)


# --- quoting verbs and fixed directions ------------------------------------------------------------------


def quoted_passive(site: Site) -> Attribution | None:
    """ "„…“, wird Mike Downey, Technical Product Manager für Flash Authoring, zitiert": the person right
    after the passive auxiliary is the one quoted."""
    if not (site.cue.word in _QUOTING_VERBS and site.cue.word.startswith("zit")):
        return None
    aux = list(re.finditer(r"\b(?:wird|wurde|werden|wurden)\s+", site.text[site.sent_start : site.cue.start]))
    if not aux:
        return None
    at = site.sent_start + aux[-1].end()
    obj = [m for m in site.mentions if m.start == at and m.entity.kind == "person" and not m.possessive]
    return site.resolved(obj[0], ":quoted-passive") if obj else None


def quoted_person(site: Site) -> Attribution | None:
    """ "Die Agentur RIA Novosti zitiert Néstor Kirchner mit den Worten …": the quoted person speaks."""
    if site.cue.word not in _QUOTING_VERBS or re.search(
        r"\b(?:wird|wurde|werden|wurden|was|were|is|are)\b", site.text[site.cs : site.cue.start]
    ):
        return None
    obj = [
        m
        for m in site.mentions
        if site.cue.end <= m.start < site.ce + 1 and m.entity.kind == "person" and not m.possessive
    ]
    return site.resolved(obj[0], ":quoted-person") if obj else None


_VON_NP = re.compile(r"\b(?:von|vom|by)\s+((?:(?:der|dem|den|the)\s+)?(?:[a-zäöüß][\w-]*e[nmrs]?\s+)?[A-ZÄÖÜ][\w-]+)")


def passive_agent(site: Site) -> Attribution | None:
    """ "von X … zurückgewiesen", "was rejected by X": the agent of a passive speech verb."""
    if site.cue.direction != "agent":
        return None
    vons = [
        m
        for m in site.mentions
        if m.end <= site.cue.start
        and m.start >= site.cs
        and re.search(r"\b(?:von|vom|by)\s+(?:\w+\s+){0,2}$", site.text[max(site.cs, m.start - 20) : m.start])
    ]
    agent = vons[-1] if vons else None
    if agent is None:
        # "vom Landesrechnungshof beschuldigt", "von der Opposition kritisiert": a body no name list knows
        von = list(_VON_NP.finditer(site.text, site.cs, site.cue.start))
        if von and (p := site.phrase(von[-1].group(1))) is not None:
            return site.said(p, None, ":passive-agent-phrase")
    if agent is not None and agent.possessive and (noun := _NOUN_AFTER.match(site.text, agent.end)):
        # "Es wurde von Demjanjuks Sohn die Mutmaßung geäußert": the possessor's son, not the possessor
        phrase = site.text[agent.start : noun.end(1)]
        return site.said(Person(phrase, "", "phrase"), None, ":passive-agent-phrase")
    site.cand, site.rule = agent, "speaker:passive-agent"
    return None


def left_frame(site: Site) -> Attribution | None:
    """ "X zufolge": the name (or noun phrase) right before the frame."""
    if site.cue.direction != "left":
        return None
    before = [m for m in site.mentions if m.end <= site.cue.start and site.cue.start - m.end < 40]
    site.cand = before[-1] if before else None
    if site.cand is None:
        m = _NP_SUFFIX.search(site.text, max(site.sent_start, site.cue.start - 120), site.cue.start)
        return site.said(site.phrase(m.group(1)) if m else None, None, ":phrase") or _STOP
    return None


# --- the subject of an ordinary speech verb ---------------------------------------------------------------


def clause_candidates(site: Site) -> Attribution | None:
    """Subject candidates: mentions before the cue in its clause and (inverted subject) after it, neither
    possessive nor after a preposition nor a genitive attribute."""
    if site.cue.direction in ("agent", "left"):
        return None

    def subject_like(m: Mention) -> bool:
        text, cs = site.text, site.cs
        key = (m.start, cs)
        if key not in site.subject_memo:
            site.subject_memo[key] = (
                not m.possessive and not _prep_before(text, m, cs) and not _genitive_attr(text, m, cs)
            )
        return site.subject_memo[key]

    # (only mentions within _REACH characters of the cue, and the one opening the clause, are looked at: a
    # clause of hundreds of "he said" would otherwise weigh every mention for every cue)
    lo, hi = max(site.cs, site.cue.start - _REACH), min(site.ce + 1, site.cue.end + _REACH)
    site.before = [
        m
        for m in site.mentions
        if m.end <= site.cue.start and (m.start >= lo or m.start == site.cs) and m.start >= site.cs and subject_like(m)
    ]
    site.after = [m for m in site.mentions if m.start >= site.cue.end and m.end <= hi and subject_like(m)]
    return None


_REACH = 300  # characters: far beyond any subject of a verb in the 850 Wikinews articles
_WINDOW = 2 * _REACH  # characters either side of a cue whose mentions its passes see


def en_pronoun_subject(site: Site) -> Attribution | None:
    """ "The judge, Linda Chan, adjourned the hearing after it said …": "it" or "they" right before the verb
    is its subject, so no name earlier in the clause is (en_it_subject then finds what "it" is)."""
    if site.language != "de" and site.before and _EN_PRONOUN_BEFORE.search(site.text, site.cs, site.cue.start):
        site.before = []
    return None


def en_relative_clause(site: Site) -> Attribution | None:
    """ "The Charity Commission, which regulates charities in England and Wales, said": a name inside a
    relative clause is not the subject of the verb after it."""
    if site.language == "de" or site.cue.direction in ("agent", "left"):
        return None
    text = site.text
    rel = [m for m in site.before if _EN_RELATIVE.search(text, max(site.sent_start, site.cs - 1), m.start)]
    if not rel:
        return None
    site.before = [m for m in site.before if m not in rel]
    subj = [m for m in site.mentions if m.end <= rel[0].start and not m.possessive and _EN_RELATIVE.match(text, m.end)]
    if not site.before and subj:
        site.before = subj[-1:]
    elif not site.before:
        m0 = _NP_SENT_START.match(text, site.sent_start, rel[0].start)
        p0 = site.phrase(m0.group(1)) if m0 else None
        if p0 is not None and _EN_RELATIVE.match(text, m0.end() - 1):
            return site.said(p0, None, ":relative-clause-subject")
    return None


def en_object_after_verb(site: Site) -> Attribution | None:
    """English is SVO: a name after the verb is its object ("told Mr Blair"), unless the verb opens the
    clause ('…," said Mr Blair')."""
    lead = site.lead
    if site.language != "de" and lead and not _QUOTE_ONLY_LEAD.fullmatch(lead):
        site.after = []
    return None


def own_account_subject(site: Site) -> Attribution | None:
    """ "Die Stadt prüft nach eigenen Angaben …": the subject before the finite verb speaks for itself."""
    if site.cue.rule != "speaker:nach-eigenen" or site.cue.direction in ("agent", "left"):
        return None
    v2 = _NP_THEN_VERB.match(site.text, site.cs, site.cue.start)
    return site.said(site.phrase(v2.group(1)), None, ":subject") if v2 else None


def members_of(site: Site) -> Attribution | None:
    """ "The researchers from the University of Plymouth found", "Forscher des Klinikums X berichten": the
    researchers speak for the body they belong to."""
    if site.before or site.cue.direction != "auto":
        return None
    grp = _GROUP_OF.match(site.text, site.cs, site.cue.start)
    if not grp:
        return None
    inst = [m for m in site.mentions if m.start >= site.cs + grp.end(0) - grp.start(0) and m.end <= site.cue.start]
    if inst and inst[0].entity.kind == "institution":
        return Attribution(site.cue, inst[0].entity, inst[0], site.cue.rule + ":members-of")
    return None


def de_subject_before_auxiliary(site: Site) -> Attribution | None:
    """German perfect tense: the V2 subject stands before the auxiliary, objects after it
    ("Staatspräsident Mattarella hatte Conte gebeten"; "Der Fraktionschef …, Wolfgang Jüttner, hatte Lenz
    aufgefordert": after a comma the auxiliary's names are objects, the subject opened the sentence;
    "Politiker aus anderen Parteien haben der Ministerin X vorgeworfen": a noun phrase before the
    auxiliary is the subject)."""
    lead_words = site.lead.split()
    if site.language != "de" or not site.before or site.cue.direction != "auto" or not lead_words or site.cand:
        return None
    text, cs = site.text, site.cs
    if lead_words[0].lower() in _AUX and cs > site.sent_start and text[cs - 1] == ",":
        site.before = []
        return None
    aux = re.search(r"\b(?:hat|hatte|haben|hatten|habe|hätte|hätten)\b", text[cs : site.cue.start])
    if not aux:
        return None
    pre = [m for m in site.before if m.end <= cs + aux.start()]
    head = text[cs : pre[0].start] if pre else ""
    if pre and not re.search(r"[,;:]", head) and len(head.split()) <= 2:
        site.before = pre
    elif pre and len(pre) < len(site.before) and _APPOSITION_NAME.search(text, cs, pre[-1].start):
        # "Der … Weihbischof der Diözese Linz, Gerhard Maria Wagner hat Papst Benedikt XVI. gebeten": the name
        # in apposition before the auxiliary is the subject, the name after it an object
        site.before = pre[-1:]
    elif not pre and (m1 := _NP_BEFORE_AUX.match(text, cs, site.cue.start)) and m1.start(1) == cs:
        p1 = None if _OBLIQUE_NP.match(m1.group(1)) else site.phrase(m1.group(1))
        if p1 is not None and lead_words[0].lower() not in _PREPOSITIONS:
            return site.said(p1, None, ":subject-before-auxiliary")
    return None


def de_subject_phrase(site: Site) -> Attribution | None:
    """ "Der Hauptgeschäftsführer des BPI nannte sie …", "Die Organisationen X, Y und Z werfen Lammert …
    vor": a noun phrase before the verb is the subject, the names after it are objects."""
    lead = site.lead
    lead_words = lead.split()
    if site.language != "de" or site.before or not lead or site.cue.direction != "auto" or not site.after:
        return None
    if site.cand is not None:
        return None
    m0 = _NP_BEFORE.search(site.text[site.cs : site.cue.start])
    if (
        m0
        and len(m0.group(1).split()) >= 2
        and not _OBLIQUE_NP.match(m0.group(1))
        and lead_words[0].lower() not in _PREPOSITIONS
        and (lead_words[0].lower() in _ARTICLES or lead_words[0].lower() not in _SKIP_HEADS)
    ):
        return site.said(site.phrase(m0.group(1)), None, ":subject-phrase")
    return None


def de_pronoun_after_verb(site: Site) -> Attribution | None:
    """ "Die große Zahl der Fans schreibt er dem Zufall zu": "er" right after the finite verb is its subject
    (it is only ever nominative), whatever stands before the verb."""
    if site.language != "de" or site.cue.direction != "auto":
        return None
    nxt = next((m for m in site.after if m.pronoun), None)
    if nxt is not None and site.text[nxt.start : nxt.end] == "er" and nxt.start - site.cue.end <= 2:
        site.cand = nxt
    return None


_APPOSITION_NAME = re.compile(r",\s*$")
_APPOSITION_AFTER = re.compile(r",\s+(?:a|an|the|who|whose|der|die|ein|eine|\d{1,3},)\s")


_EN_PLURAL_SUBJECT = re.compile(
    r"(?:\b(?i:some|many|most|other|several|the)\s+)?(?:\b(?!(?:and|or|but|that|as|how|why|what|when|where|whether|if)\b)[a-z-]+\s+)?\b("
    + "|".join(sorted(_EN_GROUP_NOUNS, key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)


def en_plural_subject(site: Site) -> Attribution | None:
    """ "Some analysts maintain the US is …", "… in India and China, advocates argue.": a plural group noun
    right before the verb is its subject (generic: no one to look up), not a name earlier in the clause."""
    if site.language == "de" or site.cue.direction != "auto" or site.cand is not None:
        return None
    m = _EN_PLURAL_SUBJECT.search(site.text, max(site.cs, site.cue.start - _REACH), site.cue.start)
    if m is None:
        return None
    phrase = _EN_RELATIVE_OPENER.sub("", site.text[m.start() : m.end()].strip())  # "which analysts said"
    return site.said(Person(phrase, "", "generic"), None, ":plural-subject")


def subject_before(site: Site) -> Attribution | None:
    """The nearest subject candidate before the verb, or the one an apposition describes."""
    if site.cand is None and site.before and site.cue.direction not in ("agent", "left"):
        first = site.before[0]
        if len(site.before) > 1 and first.start == site.cs and _APPOSITION_AFTER.match(site.text, first.end):
            site.cand = first  # "Alvarez, a Democrat from Texas, said": the name the apposition describes
        else:
            site.cand = site.before[-1]
    return None


def pronoun_after_verb(site: Site) -> Attribution | None:
    """ "…, seien „lächerlich gering“, sagte er der Zeitung": the pronoun right after the verb."""
    after = site.after
    if site.cand is not None or site.cue.direction in ("agent", "left") or site.lead or not after:
        return None
    if after[0].pronoun and after[0].start - site.cue.end <= 2:
        site.cand = after[0]
    return None


def apposition_subject(site: Site) -> Attribution | None:
    """ "Tegaye Mununhe, der Polizeichef der Region, sagte" / "Obama, der Kandidat …, hat … angekündigt":
    the clause after the apposition is the predicate of the sentence-initial subject."""
    if site.cand is not None or site.cue.direction in ("agent", "left"):
        return None
    text, cs, sent_start, language = site.text, site.cs, site.sent_start, site.language
    lead = site.lead
    lead_words = lead.split()
    if not (
        cs > sent_start
        and text[cs - 1] == ","
        and (not lead or lead[:1].islower())
        and (
            _aux_or_empty(lead)
            or (language == "de" and lead_words[0].lower() in _PREPOSITIONS)
            # "Sarah Whitfield, 42, from Leeds, said": where the subject is from
            or (language != "de" and lead_words[0].lower() in ("from", "of") and lead.endswith(","))
            or (language == "de" and _finite_verb_start(lead_words))
        )
    ):
        return None
    first = [
        m
        for m in site.mentions
        # (within the first words: "Speaker Nancy Pelosi, D-Calif., told")
        if (
            m.start <= sent_start + 6
            or (text[sent_start : m.start].istitle() and len(text[sent_start : m.start].split()) <= 2)
        )
        and not m.possessive
        and not m.pronoun
        and m.entity.kind != "place"  # ("Hamburg, 14. November 2024 (dpa) – „…“, sagte X": a dateline)
        and (
            text[m.end : m.end + 1] == ","
            or _PLACE_TAIL.fullmatch(text, m.end, cs - 1)
            or (language == "de" and _finite_verb_start(lead_words))
        )
    ]
    ap = _NAME_APPOSITION_BEFORE.search(text, max(sent_start, cs - 60), cs)
    if first:
        site.cand, site.rule = first[0], site.cue.rule + ":apposition-subject"
        return None
    if ap and ap.group(1).split()[0].lower() not in _SKIP_HEADS:
        # "Der stellvertretende Direktor der Such- und Rettungsagentur, Bambang Suryo Aji, sagte": the name
        # in apposition right before the verb
        named = [m for m in site.mentions if m.start == ap.start(1) and not m.pronoun]
        p0 = named[0].entity if named else site.reg.resolve(ap.group(1)) or Person(ap.group(1), "", "phrase")
        return site.said(p0, None, ":name-apposition")
    m0 = _NP_SENT_START.match(text, sent_start, cs)
    if m0 is not None and any(x.entity.kind == "place" and x.start == m0.start(1) for x in site.mentions):
        return None  # ("Hamburg, 14. November 2024 (dpa) – „…“, sagte X": a dateline's place is no subject)
    if m0 is None and language != "de":
        # "The minister, who was appointed in July, said": a role noun opening the sentence
        comma = text.find(",", sent_start, cs)
        role = _EN_ROLE_NP.match(text[sent_start:comma]) if comma > 0 else None
        if role is not None:
            head = role.group(2).lower()
            p = site.reg.last_with_role(site.cue.start, head, "") if role.group(1).lower() == "the" else None
            return site.said(p or Person(role.group(0).strip(), "", "phrase"), None, ":apposition-subject-role")
    return site.said(site.phrase(m0.group(1)) if m0 else None, None, ":apposition-subject-phrase")


_NOUN_AFTER = re.compile(r"\s+([A-ZÄÖÜ][\w-]*[a-zäöüß])\b")


def de_possessive_subject(site: Site) -> Attribution | None:
    """ "McCains Kampagne warf Obama … vor", "Merkels Sprecher sagte": a name in the genitive opening the
    clause and the noun after it are the subject (the possessor's campaign or spokesman), not a name after
    the verb."""
    if site.cand is not None or site.language != "de" or site.cue.direction != "auto":
        return None
    first = next((m for m in site.mentions if m.start >= site.cs), None)
    if first is None or not first.possessive or site.text[site.cs : first.start].strip() or first.end > site.cue.start:
        return None
    noun = _NOUN_AFTER.match(site.text, first.end)
    if noun is None or noun.end(1) > site.cue.start:
        return None
    return site.said(Person(site.text[first.start : noun.end(1)], "", "phrase"), None, ":possessive-subject")


def inverted_subject(site: Site) -> Attribution | None:
    """The subject after the verb: a person over the institution in its genitive ("der Vorsitzende der
    Wahlkommission, Magdalena Chu"); an institution there is an object when a perfect auxiliary names
    the subject before it."""
    after = site.after
    if site.cand is not None or not after or after[0].start - site.cue.end >= 80:
        return None
    if site.cue.direction in ("agent", "left"):
        return None
    persons = [m for m in after if m.entity.kind == "person" and m.start - site.cue.end < 90]
    site.cand = persons[0] if persons and after[0].entity.kind != "person" else after[0]
    if site.cand.entity.kind != "person" and site.cue.direction != "agent":
        aux = _AUX_NP.search(site.text, site.cs, site.cue.start)
        if aux and (p1 := site.phrase(aux.group(1))):
            return site.said(p1, None, ":perfect-subject")
    return None


# "Die US-Botschaft im Irak stellte ihre Arbeit ein und empfahl …", "The embassy closed its doors and urged
# …": the second of two coordinated predicates shares the subject that opens the sentence
_SHARED_SUBJECT = re.compile(
    r"\s*(?:(?:Auch|Zudem|Doch|Aber|Also|But|And)\s+)?(" + _NP + r")\s+[a-zäöüß][\w-]*\b[^;:„“\"»«]{0,200}?\s"
    r"(?:und|sowie|and)\s+(?:[a-zäöüß][\w-]*\s+){0,2}$"
)


def shared_subject(site: Site) -> Attribution | None:
    """The subject of the first of two coordinated predicates, when the cue opens the second one and no
    mention was chosen: a named mention at the start of that subject, else the noun phrase itself."""
    if site.cand is not None or site.cue.direction != "auto" or site.cs != site.sent_start:
        return None
    m = _SHARED_SUBJECT.match(site.text, site.sent_start, site.cue.start)
    if not m or _OBLIQUE_NP.match(m.group(1)) or m.group(1).split()[0].lower() in _PREPOSITIONS:
        return None
    named = [x for x in site.mentions if m.start(1) <= x.start < m.end(1) and not x.possessive and not x.pronoun]
    named = [
        x for x in named if not _prep_before(site.text, x, m.start(1)) and not _genitive_attr(site.text, x, m.start(1))
    ]
    if named and named[0].entity.kind in ("person", "institution"):
        return site.resolved(named[0], ":shared-subject")
    return site.said(site.phrase(m.group(1)), None, ":shared-subject")


def unnamed_subject(site: Site) -> Attribution | None:
    """No mention to take: the noun phrase before an auxiliary ("Politiker aus anderen Parteien haben der
    Ministerin vorgeworfen"), after a perfect auxiliary ("hatte das Organisationskomitee … betont"), else
    a noun phrase in subject position (speakers._fallback_name)."""
    if site.cand is not None:
        return None
    if site.cue.direction == "auto":
        m = _NP_BEFORE_AUX.match(site.text, site.cs, site.cue.start)
        if m and not _OBLIQUE_NP.match(m.group(1)) and (p := site.phrase(m.group(1))):
            return site.said(p, None, ":subject-before-auxiliary")
        aux = _AUX_NP.search(site.text, site.cs, site.cue.start)
        if aux and (p1 := site.phrase(aux.group(1))):
            return site.said(p1, None, ":perfect-subject")
    p = _fallback_name(site.text, site.cue, site.cs, site.ce, site.reg)
    return Attribution(site.cue, p, None, "speaker:phrase") if p is not None else _STOP


# --- English subjects no name list knows ----------------------------------------------------------------

# adverbs and auxiliaries between an English subject and its verb ("it also said", "Turkcell now says")
_EN_BETWEEN = r"(?:\s+(?:also|now|still|later|then|previously|earlier|has|have|had|had\s+also|has\s+also|is|was))*"
_EN_PRONOUN_BEFORE = re.compile(r"\b(?:it|they|It|They)" + _EN_BETWEEN + r"\s*$")
_EN_IT_SUBJECT = re.compile(r"\s*(?:[“”\"][^“”\"]*[“”\"],?\s*)?[Ii]t" + _EN_BETWEEN + r"\s*$")
# "… fell 19% after it said …": "it" as the subject of a subordinate clause right before the verb
_EN_IT_SUBORDINATE = re.compile(
    r"\b(?:after|because|when|as|since|while|although|though|but|and|before|until|if|that)\s+it" + _EN_BETWEEN + r"\s*$"
)
_EN_SPEAKER_HEADS = (
    set(_EN_GROUP_NOUNS)
    | {w for w in ORG_NOUNS if w.isascii()}
    | {"government", "ministry", "department", "police", "court", "officials", "leaders", "spokesman", "spokeswoman"}
    | {"spokesperson", "executives", "bosses", "unions", "groups", "companies", "firms", "banks", "regulator"}
    | {"team", "staff", "sources", "source", "aides", "aide", "insiders", "campaigners", "members", "managers"}
    | {"promoters", "creditors", "shareholders", "doctors", "people", "men", "women", "players", "fans", "critics"}
)
# a word of a noun phrase after "of"/"for" ("the alleged spammers", "South Korea's top card firm"), never a verb
# or an auxiliary ("A spokesman for the group was unable to say": the phrase ends before "was")
_EN_TAIL_WORD = (
    r"(?!(?:was|were|is|are|has|have|had|to|be|been|will|would|could|can|may|might|should|must|did|does|do|not|"
    r"also|who|which|that)\b)[\w'’.&-]+"
)
_EN_COMMON_SUBJECT = re.compile(
    r"\s*((?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Ss]ome|[Mm]any|[Oo]ther|[Ss]everal|[Tt]wo|[Tt]hree)\s+)?"
    r"(?:[\w'’-]+\s+){0,3}?([A-Za-z][\w-]*)"
    # (a body or group it belongs to: "Lawyers for the alleged spammers", "Creditors of the card firm")
    r"(?:\s+(?:of|for|at|from|with)(?:\s+" + _EN_TAIL_WORD + r"){1,6})?)" + _EN_BETWEEN + r"\s*$"
)
# a capitalised name of up to four words opening the clause ("Turkcell now says", "Cardiff Council said");
# words that open sentences without naming anyone are left out
_EN_BARE_NAME = re.compile(
    r"\s*(?:[Tt]he\s+)?((?:[A-Z][\w&'’.-]*)(?:\s+(?:of\s+|&\s+|and\s+)?(?:[A-Z][\w&'’.-]*|\d{1,4})){0,3})"
    + _EN_BETWEEN
    + r"\s*$"
)
_EN_NOT_NAMES = frozenset(
    "it this that these those he she they we i you there here which who what yesterday today tomorrow "
    "monday tuesday wednesday thursday friday saturday sunday but and so yet however meanwhile his her its "
    "their our my your the a an even also only just still now then thus instead indeed overall finally first "
    "last next some many most all both each other others such these".split()
)


def en_it_subject(site: Site) -> Attribution | None:
    """ "“…,” it said in a statement", "It added its bid was …": "it" speaking is the organisation named last."""
    if site.language == "de" or site.cand is not None or site.cue.direction != "auto":
        return None
    if not (
        _EN_IT_SUBJECT.fullmatch(site.text, site.cs, site.cue.start)
        or _EN_IT_SUBORDINATE.search(site.text, max(site.cs, site.cue.start - 40), site.cue.start)
    ):
        return None
    org = site.reg.last_org_before(site.cue.start)
    if org is None or org.kind == "person" or FIRST_NAMES.get(org.name.split()[0].lower()):
        return _STOP  # "it" is never a person ("The judge, Linda Chan, adjourned … after it said")
    return site.said(org, None, ":it-organisation")


_EN_CONJUNCTION = re.compile(r"^\s*(?:But|And|Yet|So|Now|However,|Meanwhile,|Instead,|Still,?)\s+")
# the subject after a verb opening its clause: "wrote analysts from Citigroup", "said officials at the bank"
_EN_COMMON_AFTER = re.compile(
    r"\s*((?:(?:the|an?|its|their)\s+)?(?:[\w'’-]+\s+){0,2}?([a-z][\w-]*)"
    r"(?:\s+(?:from|at|of|for|with)\s+(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,4})?)(?=[\s,.;]|$)"
)


def en_common_subject(site: Site) -> Attribution | None:
    """ "The government says", "union leaders warn", "Its chief executive said": a common noun of a speaker
    (an office, a body, a group) as subject; "the <body>" is the body named before when there is one."""
    if site.language == "de" or site.cand is not None or site.cue.direction != "auto":
        return None
    lead = site.text[site.cs : site.cue.start]
    q = _QUOTE_ONLY_LEAD.match(lead)
    lead = _EN_CONJUNCTION.sub("", lead[q.end() :] if q else lead)  # "But a spokesman stressed"
    m = _EN_COMMON_SUBJECT.fullmatch(lead)
    if m is None and not lead.strip():
        # '“…,” wrote analysts from Citigroup in a note': the subject after a verb that opens the clause
        m = _EN_COMMON_AFTER.match(site.text, site.cue.end, site.ce + 1)
    if m is None or (m.group(2)[:1].isupper() and m.start(2) != m.start(1)):
        return None  # (a capitalised head inside the phrase is a name: "The Royal College of Nursing said")
    if _holds_a_verb(m.group(1)):
        return None  # ("The union said members said": the second verb's subject is "members", not the run)
    head = m.group(2).lower()
    singular = head[:-1] if head.endswith("s") and head[:-1] in _EN_SPEAKER_HEADS else head
    if singular not in _EN_SPEAKER_HEADS:
        return None
    phrase = _EN_RELATIVE_OPENER.sub("", m.group(1).strip())  # "which analysts said" -> analysts
    if singular in EN_ROLE_NOUNS:
        # "But a spokesman stressed": an unnamed office holder; "the minister" is the holder named before
        if re.fullmatch(r"[Tt]he\s+(?:[a-z-]+\s+)?" + re.escape(head), phrase):  # ("the prime minister's
            # official spokesman" is someone else's office: given as written)
            holder = site.reg.last_with_role(site.cue.start, singular, EN_ROLE_NOUNS[singular])
            if holder is not None:
                return site.said(holder, None, ":role-holder")
        return site.said(Person(phrase, EN_ROLE_NOUNS[singular], "phrase"), None, ":common-noun-subject")
    if (
        phrase.lower().startswith("the ")
        and singular in ORG_NOUNS
        and (org := site.reg.last_org_before(site.cue.start, singular))
        and (singular in _EN_ANY_BODY or singular in org.name.lower())
    ):
        # "the company", "the group" may be any body named before; "the union", "the council" only one
        # whose name says so ("The union said" after "Kestrel Group" is some union, as written)
        return site.said(org, None, ":the-organisation")
    # a group of people ("Creditors of X", "union leaders") is no body a later "it" or "the company" means
    plural = head.endswith("s") and head not in ORG_NOUNS
    kind = "generic" if plural or singular in _EN_GROUP_NOUNS or head in EN_GENERIC_SPEAKERS else "phrase"
    return site.said(Person(phrase, EN_ROLE_NOUNS.get(singular, ""), kind), None, ":common-noun-subject")


_EN_ANY_BODY = frozenset(
    "company firm group organisation organization body business lender party club team side".split()
)
_EN_RELATIVE_OPENER = re.compile(r"^(?:which|who|that|whom)\s+", re.IGNORECASE)


def _holds_a_verb(phrase: str) -> bool:
    """Whether an English subject phrase runs over a verb: a speech verb ("said", "says") or "they"/"it" as
    a subject inside it ("Creditors of X said they")."""
    words = phrase.lower().split()
    return any(
        (w in EN_SPEECH_VERBS and words[i] not in _EN_DETERMINERS) or w in ("they", "it", "he", "she", "we")
        for i, w in enumerate(words[1:])  # (words[i] is the word before w: "the alleged spammers" is an adjective)
    )


def en_bare_name_subject(site: Site) -> Attribution | None:
    """ "Turkcell now says it may give up", "Cardiff Council said": a capitalised name opening the clause
    before the verb is its subject, whether or not a name list knows it."""
    if site.language == "de" or site.cand is not None or site.cue.direction != "auto":
        return None
    m = _EN_BARE_NAME.fullmatch(site.text, site.cs, site.cue.start)
    if m is None or m.group(1).split()[0].lower() in _EN_NOT_NAMES or _holds_a_verb(m.group(1)):
        return None
    name = m.group(1)
    return site.said(site.reg.resolve(name) or Person(name, "", "phrase"), None, ":bare-name-subject")


def chosen_mention(site: Site) -> Attribution | None:
    """The chosen subject mention, a pronoun resolved."""
    if site.cand is None:
        return _STOP
    person = _resolve(site.cand, site.reg, site.cue.word, site.text, site.sent_start)
    if person is None:
        return _STOP
    rule = site.rule or site.cue.rule
    return Attribution(site.cue, person, site.cand, rule + ("+pronoun" if site.cand.pronoun else ""))


SIEVE: tuple[Pass, ...] = (
    quoted_passive,
    quoted_person,
    passive_agent,
    left_frame,
    clause_candidates,
    en_pronoun_subject,
    document_subject,
    de_pronoun_after_verb,
    en_relative_clause,
    en_object_after_verb,
    own_account_subject,
    members_of,
    de_subject_before_auxiliary,
    de_subject_phrase,
    en_plural_subject,
    shared_subject,
    subject_before,
    pronoun_after_verb,
    apposition_subject,
    de_possessive_subject,
    inverted_subject,
    en_it_subject,
    en_common_subject,
    en_bare_name_subject,
    unnamed_subject,
    chosen_mention,
)

# A pass returns _STOP to end the sieve without a speaker (the cue has none).
_STOP = Attribution(Cue(0, 0, "", ""), Person("", "", "none"), None, "stop")


def run_sieve(site: Site, sieve: tuple[Pass, ...] | None = None) -> Attribution | None:
    """The first attribution a pass of the sieve makes (None when a pass stops it or none decides)."""
    passes = sieve or (RIGHT_FRAME_SIEVE if site.cue.direction == "right" else SIEVE)
    chosen_by = ""
    for step in passes:
        cand = site.cand
        att = step(site)
        if site.cand is not cand:
            chosen_by = step.__name__  # (the pass that chose the subject mention chosen_mention resolves)
        if att is not None:
            if att is _STOP:
                return None
            att.decided_by = chosen_by if step is chosen_mention else step.__name__
            return att
    return None


def attribute(
    text: str,
    sent_start: int,
    sent_end: int,
    cues: list[Cue],
    reg: Registry,
    in_quote: list[tuple[int, int]],
    language: str = "de",
) -> list[Attribution]:
    """The speaker of each cue of the sentence text[sent_start:sent_end], as `Attribution`s in cue order
    (a coordinated subject adds one for each partner). Cues inside quotations and questions name no one."""
    sent_start = after_dateline(text, sent_start, sent_end)
    mentions = [
        m
        for m in reg.in_span(sent_start, sent_end)
        if not any(a <= m.start < b for a, b in in_quote)
        and not _DATELINE_AFTER.match(text, m.end)
        and not (m.entity.kind == "place" and _MODIFIER_AFTER.match(text, m.end))
    ]
    out: list[Attribution] = []
    if text[sent_start:sent_end].rstrip().endswith("?"):
        return out  # a question reports no one's statement
    short = [(a, b) for a, b in in_quote if sent_start <= a < sent_end and len(text[a:b].split()) <= 8]
    cuts = _clause_cuts(text, sent_start, sent_end, mentions, short) if cues else []
    memo: dict[tuple[int, int], bool] = {}
    starts = [m.start for m in mentions]  # (ascending: reg.in_span gives mentions in text order)
    for cue in cues:
        if any(a <= cue.start < b for a, b in in_quote):
            continue
        cs, ce = _clause_bounds(sent_start, sent_end, cue.start, cuts)
        # the passes look at the mentions near the cue: within _WINDOW characters, so a sentence of hundreds of
        # cues does not make every cue weigh every mention of it
        near = mentions[bisect.bisect_left(starts, cue.start - _WINDOW) : bisect.bisect_left(starts, cue.end + _WINDOW)]
        att = run_sieve(Site(text, sent_start, cue, cs, ce, near, reg, language, subject_memo=memo))
        if att is None:
            continue
        out.append(att)
        partner = _coordinated_partner(text, att, mentions, cs)
        if partner is not None:
            p2 = _resolve(partner, reg, cue.word, text, sent_start)
            if p2 is not None and p2 is not att.speaker:
                out.append(Attribution(cue, p2, partner, att.rule + ":coordinated", att.decided_by + "+coordinated"))
    return out


_COORDINATED = re.compile(
    r"(?:\s*\([^()]{1,30}\))?\s+(?:and|und|sowie)\s+(?:(?:der|die|das|the)\s+)?(?:[\w-]+\s+){0,3}"
)


def _coordinated_partner(text: str, att: Attribution, mentions: list[Mention], cs: int) -> Mention | None:
    """ "Mr Okonkwo-Reid and Conservative MSP Harriet Lindgren both asked", "Die Gewerkschaft IG Metall und
    der Verband … forderten": the coordinated subject speaks too."""
    if att.mention is None or att.mention.pronoun:
        return None
    return next(
        (
            m
            for m in reversed(mentions)
            if m.end <= att.mention.start
            and m.start >= cs
            and not m.possessive
            and m.entity.kind != "place"
            and _COORDINATED.fullmatch(text, m.end, att.mention.start)
        ),
        None,
    )
