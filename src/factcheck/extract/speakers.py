"""Speech cues (sagte, betonte, laut, zufolge; said, according to …) and who they belong to.

For each cue the speaker is the subject of its clause: the nearest person/institution mention before
the cue in the same clause (German V2 and verb-final clauses, English "X said"), otherwise the first
one after it (inversion: "So bezeichnete die Politologin X", "said Mr Blair"). Prepositional phrases
("über Putin sagte …") and possessives ("Trumps Verteidigungsminister") are never subjects.
Fixed frames have their own direction: "laut X", "nach Angaben von X", "according to X" look right,
"X zufolge" looks left, a passive "von X … zurückgewiesen" takes the agent.
"""

from __future__ import annotations

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
_PREPOSITIONS = words(
    "über mit gegen zu zum zur an am für auf bei beim nach vor von vom um ohne unter zwischen in im ins aus "
    "seit durch gegenüber hinter neben wegen trotz dank samt mitsamt gemäß außer innerhalb "
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


def _clause_bounds(
    text: str,
    sent_start: int,
    sent_end: int,
    pos: int,
    mentions: list[Mention],
    quoted: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> tuple[int, int]:
    """Start/end of the clause around pos: punctuation inside a mention ("Minister, Pete Hegseth,"), a
    parenthesis or a short quoted phrase („trotz einiger Vorbehalte“) does not cut it."""

    def inside(i: int) -> bool:
        if text[i] in "()" or any(a <= i < b for a, b in parens):
            return True  # "(SPD)", "(1998 bis 2002)": a parenthesis does not end the clause
        if any(a - 1 <= i <= b for a, b in quoted):
            return True
        return any(m.start <= i < m.end + 1 for m in mentions if not m.pronoun)

    parens = [(m.start(), m.end()) for m in _PAREN.finditer(text, sent_start, sent_end)]

    s = pos
    while s > sent_start and not (text[s - 1] in _CLAUSE_PUNCT and not inside(s - 1)):
        s -= 1
    e = pos
    while e < sent_end and not (text[e] in _CLAUSE_PUNCT and not inside(e)):
        e += 1
    return s, e


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
    return reg.last_person_before(m.start, gender)


# "Wien - …", "DRESDEN, Germany — …": a dateline place is never a speaker
# "London UKIP MEP Gerard Batten", "A UK Independence Party MEP": a place before a name is a modifier
_MODIFIER_AFTER = re.compile(r"[ -](?:[A-ZÄÖÜ][\w-]*)")
_DATELINE_AFTER = re.compile(r"\s+[-–—]\s")


def attribute(
    text: str,
    sent_start: int,
    sent_end: int,
    cues: list[Cue],
    reg: Registry,
    in_quote: list[tuple[int, int]],
    language: str = "de",
) -> list[Attribution]:
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
    for cue in cues:
        if any(a <= cue.start < b for a, b in in_quote):
            continue
        short = [(a, b) for a, b in in_quote if sent_start <= a < sent_end and len(text[a:b].split()) <= 8]
        cs, ce = _clause_bounds(text, sent_start, sent_end, cue.start, mentions, short)
        att = _attribute_one(text, sent_start, cue, cs, ce, mentions, reg, language)
        if att is not None:
            out.append(att)
            if att.mention is not None and not att.mention.pronoun:
                # "Mr Okonkwo-Reid and Conservative MSP Harriet Lindgren both asked", "Die Gewerkschaft IG Metall
                # und der Verband … forderten": the coordinated subject speaks too
                partner = next(
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
                if partner is not None:
                    p2 = _resolve(partner, reg, cue.word, text, sent_start)
                    if p2 is not None and p2 is not att.speaker:
                        out.append(Attribution(cue, p2, partner, att.rule + ":coordinated"))
    return out


_COORDINATED = re.compile(
    r"(?:\s*\([^()]{1,30}\))?\s+(?:and|und|sowie)\s+(?:(?:der|die|das|the)\s+)?(?:[\w-]+\s+){0,3}"
)


def _attribute_one(
    text: str,
    sent_start: int,
    cue: Cue,
    cs: int,
    ce: int,
    mentions: list[Mention],
    reg: Registry,
    language: str = "de",
) -> Attribution | None:
    if cue.direction == "right":
        # "laut X", "nach Angaben des X", "according to X": the phrase right after the cue
        poss = _POSSESSIVE.match(text, cue.end, ce + 1)
        if poss:
            # "according to his analysis", "nach ihren Angaben": the last person of that gender
            gender = "f" if poss.group(1).lower().startswith(("her", "ihr")) else "m"
            p = reg.last_person_before(cue.start, gender)
            return Attribution(cue, p, None, cue.rule + ":possessive") if p else None
        d = _DEFINITE.match(text, cue.end, ce + 1)
        if d:
            # "according to the company", "laut dem Konzern": the organisation/person named before
            p = _phrase_person(d.group(1) + " " + d.group(2), reg, cue.start)
            if p is not None:
                return Attribution(cue, p, None, cue.rule + ":definite")
        near = [x for x in mentions if cue.end <= x.start <= cue.end + 5 and not x.pronoun]
        if near and near[0].entity.kind != "place":
            # "according to the government's own estimate": the body right after the frame
            p = _resolve(near[0], reg, cue.word, text, sent_start)
            return Attribution(cue, p, near[0], cue.rule) if p else None
        by = _EN_SOURCE_BY.match(text, cue.end, ce + 1)
        if by:
            # "according to a survey by YouGov", "according to figures from the ONS": the body behind the source
            at = [x for x in mentions if x.start == by.end() and not x.pronoun and x.entity.kind != "place"]
            if at and (p := _resolve(at[0], reg, cue.word, text, sent_start)) is not None:
                return Attribution(cue, p, at[0], cue.rule + ":source-by")
            nm = _RIGHT_NP.match(text, by.end(), ce + 1)
            if nm and (p := _phrase_person(nm.group(1), reg, cue.start)) is not None:
                return Attribution(cue, p, None, cue.rule + ":source-by")
        qm = _QUOTED_SOURCE.match(text, cue.end, ce + 1)
        if qm:
            # "nach Informationen des „Kicker“", "laut der Zeitung „Die Welt“": the medium named in quotation marks
            name = qm.group(1).strip()
            return Attribution(cue, reg.resolve(name) or Person(name, "", "phrase"), None, cue.rule + ":quoted-medium")
        m = _RIGHT_NP.match(text, cue.end, ce + 1)
        if not m:
            return None
        s, e = m.start(1), m.end(1)
        # "nach Angaben von Interpol in Korat": a name after a preposition inside the phrase is no source
        inside = [x for x in mentions if s <= x.start < e and not x.possessive and not _prep_before(text, x, s)]
        if inside:
            p = _resolve(inside[0], reg, cue.word, text, sent_start)
            return Attribution(cue, p, inside[0], cue.rule) if p else None
        # "nach Auskunft der NASA der überwiegende Teil …": a nominative "der + adjective in -e" starts the clause
        phrase = re.split(r"\s+(?:der|die|das)\s+[a-zäöüß][\w-]*e\s", m.group(1))[0]
        p = _phrase_person(phrase, reg, cue.start)
        return Attribution(cue, p, None, cue.rule + ":phrase") if p else None
    cand: Mention | None = None
    rule = cue.rule
    if cue.word in _QUOTING_VERBS and cue.word.startswith("zit"):
        # "„…“, wird Mike Downey, Technical Product Manager für Flash Authoring, zitiert": the person right
        # after the passive auxiliary is the one quoted
        aux = list(re.finditer(r"\b(?:wird|wurde|werden|wurden)\s+", text[sent_start : cue.start]))
        if aux:
            at = sent_start + aux[-1].end()
            obj = [m for m in mentions if m.start == at and m.entity.kind == "person" and not m.possessive]
            if obj and (p := _resolve(obj[0], reg, cue.word, text, sent_start)) is not None:
                return Attribution(cue, p, obj[0], cue.rule + ":quoted-passive")
    if cue.word in _QUOTING_VERBS and not re.search(
        r"\b(?:wird|wurde|werden|wurden|was|were|is|are)\b", text[cs : cue.start]
    ):
        # "Die Agentur RIA Novosti zitiert Néstor Kirchner mit den Worten …": the quoted person speaks
        obj = [m for m in mentions if cue.end <= m.start < ce + 1 and m.entity.kind == "person" and not m.possessive]
        if obj:
            p = _resolve(obj[0], reg, cue.word, text, sent_start)
            if p is not None:
                return Attribution(cue, p, obj[0], cue.rule + ":quoted-person")
    if cue.direction == "agent":
        vons = [
            m
            for m in mentions
            if m.end <= cue.start
            and m.start >= cs
            and re.search(r"\b(?:von|vom|by)\s+(?:\w+\s+){0,2}$", text[max(cs, m.start - 20) : m.start])
        ]
        cand = vons[-1] if vons else None
        rule = "speaker:passive-agent"
    if cue.direction == "left":
        before = [m for m in mentions if m.end <= cue.start and cue.start - m.end < 40]
        cand = before[-1] if before else None
        if cand is None:
            m = _NP_SUFFIX.search(text, max(sent_start, cue.start - 120), cue.start)
            p = _phrase_person(m.group(1), reg, cue.start) if m else None
            return Attribution(cue, p, None, cue.rule + ":phrase") if p else None
    elif cand is None:
        before = [
            m
            for m in mentions
            if m.end <= cue.start
            and m.start >= cs
            and not m.possessive
            and not _prep_before(text, m, cs)
            and not _genitive_attr(text, m, cs)
        ]
        after = [
            m
            for m in mentions
            if m.start >= cue.end
            and m.end <= ce + 1
            and not m.possessive
            and not _prep_before(text, m, cs)
            and not _genitive_attr(text, m, cs)
        ]
        if language != "de":
            # "The Charity Commission, which regulates charities in England and Wales, said": a name inside
            # a relative clause is not the subject of the verb after it
            rel = [m for m in before if _EN_RELATIVE.search(text, max(sent_start, cs - 1), m.start)]
            if rel:
                before = [m for m in before if m not in rel]
                subj = [
                    m
                    for m in mentions
                    if m.end <= rel[0].start and not m.possessive and _EN_RELATIVE.match(text, m.end)
                ]
                if not before and subj:
                    before = subj[-1:]
                elif not before:
                    m0 = _NP_SENT_START.match(text, sent_start, rel[0].start)
                    p0 = _phrase_person(m0.group(1), reg, cue.start) if m0 else None
                    if p0 is not None and _EN_RELATIVE.match(text, m0.end() - 1):
                        return Attribution(cue, p0, None, cue.rule + ":relative-clause-subject")
        lead = text[cs : cue.start].strip()
        if language != "de" and lead and not _QUOTE_ONLY_LEAD.fullmatch(lead):
            # English is SVO: a name after the verb is its object ("told Mr Blair"), unless the verb opens
            # the clause ('…," said Mr Blair')
            after = []
        lead_words = lead.split()
        if cue.rule == "speaker:nach-eigenen" and (v2 := _NP_THEN_VERB.match(text, cs, cue.start)):
            # "Die Stadt prüft nach eigenen Angaben …": the subject before the finite verb speaks for itself
            p0 = _phrase_person(v2.group(1), reg, cue.start)
            if p0 is not None:
                return Attribution(cue, p0, None, cue.rule + ":subject")
        if not before and cue.direction == "auto" and (grp := _GROUP_OF.match(text, cs, cue.start)):
            # "The researchers from the University of Plymouth found", "Forscher des Klinikums X berichten": the
            # researchers speak for the body they belong to
            inst = [m for m in mentions if m.start >= cs + grp.end(0) - grp.start(0) and m.end <= cue.start]
            if inst and inst[0].entity.kind == "institution":
                return Attribution(cue, inst[0].entity, inst[0], cue.rule + ":members-of")
        if language == "de" and before and cue.direction == "auto" and lead_words:
            if lead_words[0].lower() in _AUX and cs > sent_start and text[cs - 1] == ",":
                # "Der Fraktionschef …, Wolfgang Jüttner, hatte Lenz aufgefordert": names after the auxiliary are
                # objects; the subject opened the sentence
                before = []
            else:
                aux = re.search(r"\b(?:hat|hatte|haben|hatten|habe|hätte|hätten)\b", text[cs : cue.start])
                if aux:
                    # "Staatspräsident Mattarella hatte Conte gebeten": the name before the auxiliary (V2
                    # subject), not the object after it
                    pre = [m for m in before if m.end <= cs + aux.start()]
                    head = text[cs : pre[0].start] if pre else ""
                    if pre and not re.search(r"[,;:]", head) and len(head.split()) <= 2:
                        before = pre
                    elif not pre and (m1 := _NP_BEFORE_AUX.match(text, cs, cue.start)) and m1.start(1) == cs:
                        # "Politiker aus anderen Parteien haben der Ministerin X vorgeworfen": the noun phrase
                        # before the auxiliary is the subject, the name after it an object
                        p1 = None if _OBLIQUE_NP.match(m1.group(1)) else _phrase_person(m1.group(1), reg, cue.start)
                        if p1 is not None and lead_words[0].lower() not in _PREPOSITIONS:
                            return Attribution(cue, p1, None, cue.rule + ":subject-before-auxiliary")
        if language == "de" and not before and lead and cue.direction == "auto" and after:
            # "Der Hauptgeschäftsführer des BPI nannte sie …", "Die Organisationen X, Y und Z werfen Lammert … vor":
            # a noun phrase before the verb is the subject, the names after it are objects
            m0 = _NP_BEFORE.search(text[cs : cue.start])
            if (
                m0
                and len(m0.group(1).split()) >= 2
                and not _OBLIQUE_NP.match(m0.group(1))
                and lead_words[0].lower() not in _PREPOSITIONS
                and (lead_words[0].lower() in _ARTICLES or lead_words[0].lower() not in _SKIP_HEADS)
            ):
                p0 = _phrase_person(m0.group(1), reg, cue.start)
                if p0 is not None:
                    return Attribution(cue, p0, None, cue.rule + ":subject-phrase")
        if before and cue.direction != "agent":
            cand = before[-1]
        elif not lead and after and after[0].pronoun and after[0].start - cue.end <= 2:
            # "…, seien „lächerlich gering“, sagte er der Zeitung": the pronoun right after the verb
            cand = after[0]
        elif (
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
            # "Tegaye Mununhe, der Polizeichef der Region, sagte" / "Obama, der Kandidat …, hat … angekündigt":
            # the clause is the predicate of the sentence-initial subject
            first = [
                m
                for m in mentions
                if m.start <= sent_start + 6
                and not m.possessive
                and not m.pronoun
                and (
                    text[m.end : m.end + 1] == ","
                    or _PLACE_TAIL.fullmatch(text, m.end, cs - 1)
                    or (language == "de" and _finite_verb_start(lead_words))
                )
            ]
            ap = _NAME_APPOSITION_BEFORE.search(text, max(sent_start, cs - 60), cs)
            if first:
                cand, rule = first[0], cue.rule + ":apposition-subject"
            elif ap and ap.group(1).split()[0].lower() not in _SKIP_HEADS:
                # "Der stellvertretende Direktor der Such- und Rettungsagentur, Bambang Suryo Aji, sagte": the
                # name in apposition right before the verb
                named = [m for m in mentions if m.start == ap.start(1) and not m.pronoun]
                p0 = named[0].entity if named else reg.resolve(ap.group(1)) or Person(ap.group(1), "", "phrase")
                return Attribution(cue, p0, None, cue.rule + ":name-apposition")
            else:
                m0 = _NP_SENT_START.match(text, sent_start, cs)
                p0 = _phrase_person(m0.group(1), reg, cue.start) if m0 else None
                if p0 is not None:
                    return Attribution(cue, p0, None, cue.rule + ":apposition-subject-phrase")
        if cand is None and not after and language != "de" and not lead:
            # '…," said its chair, Margaret Doyle.': the name in apposition to a role after the verb
            ap = _EN_ROLE_APPOSITION.match(text, cue.end)
            if ap:
                named = [m for m in mentions if m.start == ap.end() and not m.possessive and not m.pronoun]
                cand = named[0] if named else None
        if cand is None and after and after[0].start - cue.end < 80:
            # inverted subject: prefer a person over the institution in its genitive ("der Vorsitzende der
            # Wahlkommission, Magdalena Chu")
            persons = [m for m in after if m.entity.kind == "person" and m.start - cue.end < 90]
            cand = persons[0] if persons and after[0].entity.kind != "person" else after[0]
            if cand.entity.kind != "person" and cue.direction != "agent":
                aux = _AUX_NP.search(text, cs, cue.start)
                if aux and (p1 := _phrase_person(aux.group(1), reg, cue.start)):
                    return Attribution(cue, p1, None, cue.rule + ":perfect-subject")
    if cand is None and cue.direction == "auto":
        # "Politiker aus anderen Parteien haben der Ministerin vorgeworfen": the subject before the auxiliary
        m = _NP_BEFORE_AUX.match(text, cs, cue.start)
        if m and not _OBLIQUE_NP.match(m.group(1)) and (p := _phrase_person(m.group(1), reg, cue.start)):
            return Attribution(cue, p, None, cue.rule + ":subject-before-auxiliary")
        # perfect tense: "hatte das Organisationskomitee … betont"
        aux = _AUX_NP.search(text, cs, cue.start)
        if aux and (p1 := _phrase_person(aux.group(1), reg, cue.start)):
            return Attribution(cue, p1, None, cue.rule + ":perfect-subject")
    if cand is None:
        p = _fallback_name(text, cue, cs, ce, reg)
        return Attribution(cue, p, None, "speaker:phrase") if p is not None else None
    person = _resolve(cand, reg, cue.word, text, sent_start)
    if person is None:
        return None
    return Attribution(cue, person, cand, rule + ("+pronoun" if cand.pronoun else ""))


# "Ruaridh Maclennan from the Isle of Lewis, welcomed …": where the subject is from does not end it
_PLACE_TAIL = re.compile(r"\s+(?:from|of|at|aus|von|vom|bei)\s+[^,;:]{1,60}")
_GROUP_OF = re.compile(
    r"\s*(?:(?:The|the|A|a|Die|die)\s+)?(?:[a-zäöüß][\w-]*\s+){0,2}(?:researchers|scientists|experts|economists|"
    r"analysts|doctors|engineers|Forscher|Forscherinnen|Wissenschaftler|Wissenschaftlerinnen|Experten|Ökonomen|"
    r"Ärzte|Fachleute)\s+(?:from|at|of|with|der|des|vom|von|am|an der|aus dem|aus der)\s+(?:(?:the|der|dem|des)\s+)?"
)
_NAME_APPOSITION_BEFORE = re.compile(r",\s+((?:[A-ZÄÖÜ][\w'’-]+|[A-Z]\.)(?:\s+(?:[A-ZÄÖÜ][\w'’-]+|[A-Z]\.)){1,2}),\s*$")
_EN_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b")
_EN_ROLE_APPOSITION = re.compile(r"\s+(?:its|their|the|his|her)\s+[a-z][a-z -]{0,40}?,\s+")


_NOT_VERBS = words(
    """
    und oder aber dass damit die der das den dem des sich nicht auch weil wenn als wie ob jedoch doch zudem ein
    eine einen einem einer man er sie es wir ihr dort nun noch schon sehr mehr weit seit bis bereits rund etwa
    jetzt heute gestern erst gerade bevor nachdem während sowie sondern denn deren dessen welche welcher welches
    """
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
_ADJ = r"(?:(?:[a-zäöüß]|[A-ZÄÖÜ]{2,}-[a-zäöüß]|\d+-[a-zäöüß])[\w-]*(?:e|en|er|es|em|ische|ischen)\s+)"
_NOUN = r"(?:(?:\d{1,3}-)?[A-ZÄÖÜ][\w'’.-]*\w)"
_NP = (
    rf"(?:{_DET}\s+)?{_ADJ}{{0,3}}{_NOUN}(?:\s+{_NOUN}){{0,3}}(?:\s+\([^()]{{1,20}}\))?(?:\s+„[^“]{{1,40}}“)?"
    rf"(?:\s+(?:des|der|von|vom|im|beim|für|seiner|ihrer|seines|ihres|eines|einer|of|at|for)\s+(?:{_DET}\s+)?{_ADJ}{{0,3}}{_NOUN}(?:\s+{_NOUN}){{0,2}})?"
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
_NP_SUFFIX = re.compile(r"(" + _NP + r"(?:\s+(?:in|aus)\s+" + _NOUN + r")?)\s*,?\s*$")
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
_EN_SOURCE_BY = re.compile(
    r"\s*(?:a|an|the|new|latest)\s+(?:[\w-]+\s+){0,2}(?:survey|report|study|analysis|poll|figures|data|research|"
    r"review|estimates?|statistics)\s+(?:by|from|of|for)\s+(?:the\s+)?"
)
_QUOTED_SOURCE = re.compile(
    r"\s*(?:(?:des|der|dem|von|vom)\s+)?(?:[A-ZÄÖÜ]?[a-zäöüß-]+\s+){0,2}[„\"»]([A-ZÄÖÜ][^“”\"«„]{1,50})[“”\"«]"
)
# '“We are delighted with the result,” said head coach Tom Walsh': a quote before the verb is no subject
_QUOTE_ONLY_LEAD = re.compile(r"[“\"‘'][^”\"’]{1,400}[”\"’']\s*[,.]?\s*")
_RIGHT_NP = re.compile(r"\s*(?:(?:von|vom|des|der|dem|den|seines|seiner|ihres|ihrer|to|the)\s+)?(" + _NP + r")")
_EN_ROLE_NP = re.compile(
    r"\s*([Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){0,2}(" + "|".join(sorted(EN_ROLE_NOUNS, key=len, reverse=True)) + r")"
    r"(?:\s+(?:of|for|at)\s+(?:the\s+)?[\w-]+(?:\s+[A-Z][\w-]*){0,3})?\s*$"
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


def _phrase_person(phrase: str, reg: Registry, pos: int = -1) -> Person | None:
    """A noun phrase as speaker ("Sprecher des Innenministeriums"), without its leading article.
    A definite role without a name ("die SPD-Politikerin", "the minister") is the person last named
    with that role or, failing that, of that gender."""
    raw = phrase.strip()
    phrase = re.sub(r"^(?:" + _DET + r")\s+", "", raw, flags=re.IGNORECASE).strip(" ,")
    words = phrase.split()
    definite = bool(re.match(r"(?:der|die|das|the)\s", raw, re.IGNORECASE))
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
        if m and (p := reg.last_org_before(cue.start, m.group(1))):
            return p  # "The group said", "the charity added": the organisation named before
        # "The RSPCA is urging": the progressive auxiliary is not part of the subject
        lead = re.sub(r"\s+(?:is|are|was|were|has been|have been)\s*$", " ", text[cs : cue.start])
        m = _NP_BEFORE.search(lead)
        if m and not _OBLIQUE_NP.match(m.group(1)) and (p := _phrase_person(m.group(1), reg, cue.start)):
            return p
        m = _EN_ROLE_NP.match(text[cs : cue.start])
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
