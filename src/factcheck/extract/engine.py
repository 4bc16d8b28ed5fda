"""Entry point of the extraction engine: one claim per sentence, every field with the cue behind it.

Pipeline (all pure, regexes compiled at import):
  paragraphs -> sentences (text/sentences.py) -> per article: mention registry (mentions.py),
  quoted spans (quotes.py) -> per sentence: dates, quantities, places, speech cues and speakers,
  quote speakers, check-worthiness.
"""

from __future__ import annotations

import bisect
import itertools
import re
from datetime import date

from factcheck.extract.attribution import attribute
from factcheck.extract.checkworthiness import Features, score
from factcheck.extract.cues import Cue, find_cues
from factcheck.extract.datelines import Dateline, find_dateline
from factcheck.extract.dates import find_dates
from factcheck.extract.lexicon import (
    DE_GENERIC_SPEAKERS,
    DE_SPEECH_PARTICIPLES,
    DE_TIME_RELATIVE,
    EN_GENERIC_SPEAKERS,
    EN_ROLE_NOUNS,
    EN_TIME_RELATIVE,
)
from factcheck.extract.mentions import Person, Registry, build_registry
from factcheck.extract.model import ExtractedClaim, QuoteMention
from factcheck.extract.places import find_places
from factcheck.extract.quantities import find_quantities
from factcheck.extract.quotes import QuoteSpan, find_quotes, legal_name, nominal_title, title_like
from factcheck.extract.speakers import Attribution, _genitive_attr, _prep_before
from factcheck.extract.time_sensitivity import find_time_cues
from factcheck.extract.wordlist_regex import trie_alternation
from factcheck.text.layout import Paragraph
from factcheck.text.sentences import Sentence, split_sentences

CHECKWORTHY_THRESHOLD = 0.4
_PARA_SPLIT = re.compile(r"\n\s*\n")
_DEMONSTRATIVE_START = re.compile(r"^(?:Das|Dies|So|Diese|This|That|These)\b")
_COLON_SPEAKER = re.compile(r":\s*$")
# "Fresenius plant eine Umwandlung. Dies geht aus einer Pressemitteilung des Konzerns hervor." / "Das
# bestätigte X.": a demonstrative subject/object then the cue verb names the source of the sentence before
_BACK_FRAME = re.compile(r"(?:Das|Dies|Dieses|This|That)\s+(?=[a-zäöüß])")


def _paragraphs(text: str, paragraphs: list[Paragraph] | None) -> list[Paragraph]:
    if paragraphs:
        return paragraphs
    out: list[Paragraph] = []
    pos = 0
    for m in [*_PARA_SPLIT.finditer(text), None]:
        end = m.start() if m else len(text)
        if text[pos:end].strip():
            out.append(Paragraph(pos, end, False))
        if m is None:
            break
        pos = m.end()
    return out


# Konjunktiv I (and the Konjunktiv II that replaces it) marks reported speech in German news.
_SUBJUNCTIVE = re.compile(
    r"\b(sei|seien|seiest|habe|hätten|hätte|wäre|wären|werde|könne|könnten|müsse|solle|wolle|dürfe|möge|"
    r"gebe|stehe|bestehe|liege|gehe|komme|handle|handele|fehle|bleibe|wisse|brauche|lasse|mache|trage|"
    r"zeige|gelte|diene|sehe|führe|halte|plane|arbeite|verfüge|erwarte|rechne|befinde|treffe|benötige|"
    r"entspreche|spiele|stamme|betrage|erfolge|reiche|sollten|würden|würde|nehme|finde|beginne|laufe|"
    r"lebe|kenne|denke|glaube|hoffe|prüfe|suche|bringe|setze|stelle|lege|ziehe|falle|steige|sinke|wachse|"
    r"wirke|leide|drohe|fordere|biete|sorge|trete|schaffe|erhalte|bekomme|verliere|gewinne|zahle|kaufe|"
    r"verkaufe|baue|liefere|nutze|beziehe|betreffe|bedeute|gehöre|besitze|werde|wolle|sehe|müssten|"
    r"fordere|ändere|handele|schrecke|verhindere|gefährde|erhöhe|senke|stärke|schwäche|fördere|koste|lohne|"
    r"helfe|schade|nütze|treibe|entstehe|ermögliche|verschärfe|verbessere|belaste|entlaste|schütze|"
    r"rate|läge|lägen|gäbe|käme|kämen|ginge|stünde|stünden|[a-zäöü]{3,}iere|bedinge|ergebe|erscheine|"
    r"bestehe|verlaufe|fehle|stamme|bedürfe|bestünde|laute|"
    # sentence-initial (conditional) forms: "Kämen sie dem nicht nach, …", "Sei das der Fall, …"
    r"Kämen|Käme|Sei|Seien|Wäre|Wären|Hätte|Hätten|Gäbe|Würde|Würden)\b"
)
# "Die Demonstranten sollen … haben" right after an attributed sentence: hearsay from the same source
_HEARSAY = re.compile(r"\b(soll|sollen)\b")


def _subjunctive(text: str, sent: Sentence, in_quote: list[tuple[int, int]]) -> re.Match[str] | None:
    for rx in (_SUBJUNCTIVE, _HEARSAY):
        for m in rx.finditer(text, sent.start, sent.end):
            if not any(a <= m.start() < b for a, b in in_quote):
                # (only called right after an attributed sentence, where even "würden" reports speech)
                return m
    return None


# an office opening the sentence with its holder's name in apposition: "Auch der Sprecher der …, Dieter X,"
_OFFICE_THEN_NAME = re.compile(
    r"\s*(?:(?:Auch|Selbst|Sogar|Und|Aber)\s+)?(?:[Dd]er|[Dd]ie)\s+[^,;:„“\"»«]{3,140}?,\s+"
    r"([A-ZÄÖÜ][\w'’-]+(?:\s+[A-ZÄÖÜ][\w'’-]+){1,2})(?:\s+\([^()]{1,20}\))?,"
)


def _contentless(att: Attribution) -> bool:
    """Whether an attribution's cue voices a stance or criticism without content a later sentence could
    report ("übte Kritik", "zeigte sich zuversichtlich")."""
    return "kritik" in att.cue.rule or ":stance:" in att.cue.rule


def _main_clause_subject(text: str, sent: Sentence, at: int, reg: Registry) -> Person | None:
    """ "Spectors Verteidiger Bruce Cutler vertritt … die Ansicht, Clarkson habe …": the Konjunktiv sits in a
    clause after a comma or "dass" whose main clause names its own subject: that subject speaks."""
    head = text[sent.start : at]
    cut = max(head.rfind(","), head.rfind(" dass "))
    if cut <= 0:
        return None
    opening = _OFFICE_THEN_NAME.match(text, sent.start, at)
    if opening is not None:
        # "Auch der innenpolitische Sprecher der Fraktion …, Dieter Wiefelspütz, will „…“ prüfen, ob … solle":
        # an office, then the holder's name in apposition, opens the sentence as its subject, however long
        named = [x for x in reg.in_span(opening.start(1), opening.end(1)) if x.start == opening.start(1)]
        if named and not named[0].pronoun and named[0].entity.kind == "person":
            return named[0].entity
        if not named:  # a given name the lists do not know ("Mira Kessler"): the apposition makes it a name
            return reg.resolve(opening.group(1)) or Person(opening.group(1), "", "phrase")
    for x in reg.in_span(sent.start, sent.start + cut):
        if x.start - sent.start > 60:
            break
        if x.possessive or x.pronoun or x.entity.kind not in ("person", "institution"):
            continue
        if _prep_before(text, x, sent.start) or _genitive_attr(text, x, sent.start):
            continue
        return x.entity
    return None


_STRICT_KONJ = re.compile(
    r"\b(?:sei|seien|habe|werde|könne|müsse|solle|wolle|dürfe|gebe|gehe|liege|stehe|bestehe|komme|handle|handele|"
    r"bleibe|fehle|reiche|[a-zäöü]{3,}iere)\b"
)


def _sentence_subject(text: str, sent: Sentence, reg: Registry) -> Person | None:
    """The named person or body that opens the sentence ("Berlins Regierender Bürgermeister Klaus Wowereit
    (SPD) bedauerte …"), not one after a preposition or in a genitive."""
    for x in reg.in_span(sent.start, sent.end):
        if len(text[sent.start : x.start].split()) > 3:
            return None
        if x.possessive or x.pronoun or x.entity.kind not in ("person", "institution"):
            continue
        if _prep_before(text, x, sent.start) or _genitive_attr(text, x, sent.start):
            return None
        return x.entity
    return None


_DEMNACH = re.compile(r"\b(?:[Dd]emnach|[Ll]aut der Umfrage|[Ll]aut dem Bericht)\b")


def _demnach(text: str, sent: Sentence) -> str | None:
    """ "Demnach wollen 37 Prozent …" after "Die DIHK verwies auf eine Umfrage": the source of the sentence before."""
    m = _DEMNACH.search(text, sent.start, sent.end)
    return m.group() if m else None


_TURN_LABEL = re.compile(r"([A-ZÄÖÜ][\w'’-]+(?: [A-ZÄÖÜ][\w'’-]+)?):[ \t]+\S")


def _interview_turn(text: str, para: Paragraph, reg: Registry) -> Person | None:
    """'Okafor: …', 'Leah Okafor: …' opening a paragraph: an interview answer by a person named before."""
    m = _TURN_LABEL.match(text, para.start, para.end)
    if not m:
        return None
    p = reg.resolve(m.group(1))
    return p if p is not None and p.kind == "person" else None


def _alternation(items: tuple[str, ...]) -> re.Pattern[str]:
    # (a prefix trie: the same matches as the longest-first alternation, tried once per position)
    return re.compile(r"\b(" + trie_alternation(i.lower() for i in items) + r")\b", re.I)


# word boundaries keep "erst" from matching "erste"/"erstmals" and "seit" from "Seite"
_TIME_RELATIVE = {"de": _alternation(DE_TIME_RELATIVE), "en": _alternation(EN_TIME_RELATIVE)}


def _time_relative(sentence: str, language: str) -> str | None:
    m = _TIME_RELATIVE["de" if language == "de" else "en"].search(sentence)
    return m.group(1).lower() if m else None


def article_dateline(text: str, paragraphs: list[Paragraph] | None = None) -> Dateline | None:
    """The article's dateline ("Kiel, 14. Oktober 2024 (dpa) –"): its date and where that stands; None without one."""
    return find_dateline(text, _paragraphs(text, paragraphs))


def extract_claims(
    text: str,
    *,
    language: str = "de",
    paragraphs: list[Paragraph] | None = None,
    article_date: date | None = None,
) -> list[ExtractedClaim]:
    """Split repaired article text into claims; every claim's text == text[start:end]."""
    language = (language or "de").lower()[:2]
    paras = _paragraphs(text, paragraphs)
    # "Frankfurt am Main, 14. November 2024 (dpa) –", "… (APA, 13.3.2019)": the dateline dates the article
    dateline = find_dateline(text, paras)
    dateline_cue = ""
    dateline_only: set[int] = set()  # starts of the sentences that are the dateline and nothing else
    if article_date is None and dateline is not None:
        article_date = dateline.date
        dateline_cue = f"date:reference-from-dateline:{article_date.isoformat()}"
    reg = build_registry(text)
    claims: list[ExtractedClaim] = []
    # per sentence: (claim, sentence, attributions, paragraph index)
    rows: list[tuple[ExtractedClaim, Sentence, list[Attribution], int]] = []
    all_quotes: list[QuoteSpan] = []
    chain: tuple[Attribution, int] | None = None  # last attributed sentence, for reported speech
    subj_prev: tuple[Person, int] | None = None  # named subject of the sentence before, when nobody spoke there
    for pi, para in enumerate(paras):
        turn = _interview_turn(text, para, reg)
        quotes = find_quotes(text, para.start, para.end)
        all_quotes.extend(quotes)
        para_quotes = [(q.start, q.end) for q in quotes]
        quote_starts, quote_ends = [a for a, _ in para_quotes], [b for _, b in para_quotes]
        for sent in split_sentences(text, para.start, para.end):
            # the paragraph's quotations that reach into this sentence, found by bisection (spans do not
            # overlap): a paragraph of a thousand quotes is no longer scanned whole for every sentence
            in_quote = para_quotes[
                bisect.bisect_right(quote_ends, sent.start - 2) : bisect.bisect_left(quote_starts, sent.end + 2)
            ]
            claim = ExtractedClaim(text=sent.text, start=sent.start, end=sent.end)
            atts: list[Attribution] = []
            cues: list[Cue] = []
            if not para.heading:
                cues = find_cues(text, sent.start, sent.end, language)
                atts = _document_authors(attribute(text, sent.start, sent.end, cues, reg, in_quote, language), rows, pi)
                if not atts and language == "en" and rows:
                    atts = _they_previous(text, sent, cues, rows, pi)
                # someone else speaks here (a passive participle without its agent does not say who)
                own_verb = any(
                    c.rule.startswith("speaker:verb")
                    and c.word not in DE_SPEECH_PARTICIPLES
                    and not (language == "de" and _RELATIVE_CLAUSE.search(text, sent.start, c.start))
                    for c in cues
                )
                if not atts and language == "de" and (judge := _judge_opening(text, sent, reg)) is not None:
                    # "Für den Theologen Hans Küng sei der Rücktritt verständlich": the view of the person
                    # the sentence opens with, not of the speaker before
                    cue = Cue(sent.start, sent.start, "für", "speaker:fuer-frame")
                    atts = [Attribution(cue, judge, None, "speaker:fuer-frame")]
                if not atts and not own_verb and chain and pi - chain[1] <= 1 and language == "de":
                    sub = _subjunctive(text, sent, in_quote)
                    verb = sub.group(1) if sub else _demnach(text, sent)
                    if verb in ("soll", "sollen") and _contentless(chain[0]):
                        # "Der Städtetag übte Kritik an den Plänen. Siemens soll 5000 Stellen streichen.":
                        # criticism or a stance says nothing the hearsay could be reporting
                        verb = None
                    if verb:
                        # "Die Lage sei ernst." after "X sagte, …": still X speaking (Konjunktiv I)
                        prev = chain[0]
                        cue = Cue(sent.start, sent.start, verb, f"speaker:subjunctive:{verb}")
                        own = _main_clause_subject(text, sent, sub.start(), reg) if sub else None
                        if own is not None and own is not prev.speaker:
                            atts = [Attribution(cue, own, None, "speaker:main-clause-subject")]
                        else:
                            atts = [Attribution(cue, prev.speaker, None, "speaker:reported-speech-carry")]
                if not atts and not own_verb and not chain and subj_prev and pi == subj_prev[1] and language == "de":
                    kon = _STRICT_KONJ.search(text, sent.start, sent.end) or _HEARSAY.search(text, sent.start, sent.end)
                    if kon and not any(a <= kon.start() < b for a, b in in_quote):
                        # "X bedauerte die Entscheidung. Anfang der Neunziger seien Fehler gemacht worden.": a
                        # Konjunktiv I after a sentence whose subject is a named person or body reports that subject
                        cue = Cue(sent.start, sent.start, kon.group(), f"speaker:subjunctive:{kon.group()}")
                        atts = [Attribution(cue, subj_prev[0], None, "speaker:previous-subject-carry")]
                if not atts and turn is not None and not text[sent.start : sent.end].rstrip().endswith("?"):
                    # "Okafor: Relief, mostly. I had been out for 511 days …": an interview answer is the
                    # interviewee's statement, every sentence of the turn
                    cue = Cue(para.start, para.start, "", "speaker:interview-turn")
                    atts = [Attribution(cue, turn, None, "speaker:interview-turn")]
                real = [a for a in atts if a.speaker.kind != "generic"]
                _back_frame(text, sent, real, rows, pi)
                subj = None if atts else _sentence_subject(text, sent, reg)
                subj_prev = (subj, pi) if subj else None
                if real:
                    chain = (real[-1], pi)
                elif not (chain and _within_quote(sent, in_quote)):
                    # (a sentence inside a quotation that began in an attributed sentence is still that
                    # speaker's: „… Die Folgen wären zu groß.“ Es gebe Kunden, … carries on after it)
                    chain = None
                for a in real:
                    if a.mention is None and a.speaker.kind == "phrase" and _org_like(a.speaker.name, language):
                        reg.phrase_orgs.append((sent.start, a.speaker))
            alone = dateline is not None and dateline.alone_in(text, sent.start, sent.end)
            if alone:
                dateline_only.add(sent.start)
            _fill_fields(reg, text, claim, sent, language, article_date, atts, dateline if alone else None)
            if dateline_cue and any(d.relative and d.value for d in claim.dates):
                claim.cues.append(dateline_cue)
            if not atts and any(not any(a <= c.start < b for a, b in in_quote) for c in cues):
                # (a speech verb inside a quotation is the quoted speaker's own word: „… wir hoffen, …“)
                claim.cues.append("speaker:cue-without-speaker")
            rows.append((claim, sent, atts, pi))
            claims.append(claim)
    _assign_quotes(text, rows, all_quotes, reg, language)
    for claim, sent, atts, pi in rows:
        generic = {a.speaker.name for a in atts if a.speaker.kind == "generic"}
        feats = Features(
            heading=paras[pi].heading,
            has_date=any(d.value for d in claim.dates),
            has_quantity=bool(claim.quantities),
            has_quote=bool(claim.quotes),
            named_speakers=len([s for s in claim.speakers if s not in generic]),
            generic_speaker=bool(generic),
            # "Treasury officials say …", "prosecutors said": officials of a body speak for it, attributed
            # speech if not by name (as "a spokesman said" is); "Critics say", "Experten halten das für
            # möglich" voice opinions nobody can be asked about
            unnamed_speech="speaker:cue-without-speaker" in claim.cues
            or any(_representative(a.speaker.name) for a in atts if a.speaker.kind == "generic"),
            has_place=bool(claim.places),
        )
        sc, cw_cues = score(sent.text, language, feats)
        if sent.start in dateline_only:
            # "Bremen, 14. Oktober 2022.": a dateline says where and when the report was written, nothing to check
            sc, cw_cues = 0.0, ["cw:dateline"]
            claim.places, claim.kinds = [], [k for k in claim.kinds if k != "place"]
        claim.checkworthiness = sc
        claim.checkworthy = sc >= CHECKWORTHY_THRESHOLD
        claim.cues.extend(cw_cues)
        if claim.checkworthy and "event" not in claim.kinds and not claim.speakers:
            claim.kinds.append("event")
    return claims


_QUOTE_MARK = re.compile(r"[„“”»«\"]")
_FUER_OPENING = re.compile(r"\s*(?:Auch\s+|Selbst\s+)?[Ff]ür\s+(?:den|die|das|einen|eine)?\s*")


# "…, das einen Tunnel empfehle": a speech verb ending a relative clause says what a thing named before says
# (a report, a study); it is not the sentence's own speaker, so the reported speech before goes on
_RELATIVE_CLAUSE = re.compile(r",\s*(?:das|der|die|welche[rs]?)\s+(?:[^\s,;:„“\"»«]+\s+){1,8}$")


_OPINION_GROUPS = (
    EN_GENERIC_SPEAKERS
    | DE_GENERIC_SPEAKERS
    | {"economists", "advocates", "investors", "supporters", "opponents", "others", "traders", "pundits"}
    | {"ökonomen", "befürworter", "gegner", "anleger", "andere"}
)


def _representative(name: str) -> bool:
    """A generic speaker that is not an opinion group: "Treasury officials", "prosecutors" (not "critics")."""
    words = name.lower().split()
    return bool(words) and not any(w in _OPINION_GROUPS for w in words)


# "They said …", "They also warned …": "they" as the whole subject before the verb
_THEY_LEAD = re.compile(r"\s*They(?:\s+(?:also|later|then|both|jointly|previously|now|still|have|had))*\s*")


def _they_previous(text: str, sent: Sentence, cues: list[Cue], rows: list, pi: int) -> list[Attribution]:
    """ "The Trades Union Congress and the University and College Union wrote to every MP. They said …":
    "they" speaking is the bodies or people the sentence before named as its speakers, when it named two or
    more (one speaker is "he", "she" or "it"; a plural party name, "The Conservatives said … . They added",
    is one body under a plural name). Nobody when the sentence before named nobody: "they" alone is no one
    to look up."""
    verb = next((c for c in cues if c.rule.startswith("speaker:verb") and c.direction == "auto"), None)
    if verb is None or not _THEY_LEAD.fullmatch(text, sent.start, verb.start):
        return []
    _, _, prev_atts, prev_pi = rows[-1]
    if pi - prev_pi > 1:
        return []
    named: list[Person] = []
    for a in prev_atts:
        if a.speaker.kind in ("person", "institution", "phrase") and a.speaker not in named:
            named.append(a.speaker)
    plural_body = len(named) == 1 and named[0].kind != "person" and named[0].name.endswith("s")
    if len(named) < 2 and not plural_body:
        return []
    return [Attribution(verb, p, None, verb.rule + ":they-previous-speakers") for p in named]


def _document_authors(atts: list[Attribution], rows: list, pi: int) -> list[Attribution]:
    """ "Network Rail said in a statement … . …, the statement said.", "Die Staatsanwaltschaft wirft ihm vor …
    Aus der Anklageschrift geht hervor": a document named without its author (kind "document") is the
    latest speaker's within the last three sentences of this or the paragraph before; with none, nobody."""
    out: list[Attribution] = []
    for a in atts:
        if a.speaker.kind != "document":
            out.append(a)
            continue
        for _, _, prev, ppi in reversed(rows[-3:]):
            author = next((b for b in reversed(prev) if b.speaker.kind not in ("generic", "document")), None)
            if pi - ppi <= 1 and author is not None:
                out.append(Attribution(a.cue, author.speaker, None, a.rule + ":author-before", a.decided_by))
                break
    return out


def _judge_opening(text: str, sent: Sentence, reg: Registry) -> Person | None:
    """ "Für den Theologen Hans Küng sei der Rücktritt „verständlich“", "Für Ministerin X ist klar, …": a
    sentence that opens with "für" and a named person, then a copula, gives that person's view."""
    m = _FUER_OPENING.match(text, sent.start, sent.end)
    if m is None:
        return None
    x = next(iter(reg.in_span(m.end(), min(sent.end, m.end() + 60))), None)
    if x is None or x.entity.kind != "person" or x.pronoun or x.possessive:
        return None
    after = text[x.end : x.end + 12]
    # a view, not a fact about the person ("Für Angela Merkel war es der letzte Gipfel"): reported speech
    # (Konjunktiv) or a quotation in the sentence
    if re.match(r"\s+(?:sei|seien|wäre|wären|bleibe)\b", after):
        return x.entity
    if re.match(r"\s+(?:ist|war|sind|bleibt)\b", after) and _QUOTE_MARK.search(text, x.end, sent.end):
        return x.entity
    return None


def _within_quote(sent: Sentence, in_quote: list[tuple[int, int]]) -> bool:
    """Whether the sentence lies inside one quoted span (its marks included)."""
    return any(a - 1 <= sent.start and sent.end <= b + 2 for a, b in in_quote)


def _back_frame(text: str, sent: Sentence, real: list[Attribution], rows: list, pi: int) -> None:
    """ "Das gab Bundesverkehrsminister X in Berlin bekannt.": the sentence before (same paragraph, no speaker
    of its own) is what X said."""
    if not real or not rows or rows[-1][3] != pi or rows[-1][0].speakers:
        return
    m = _BACK_FRAME.match(text, sent.start, sent.end)
    if m is None:
        return
    first = min(real, key=lambda a: a.cue.start)
    between = text[m.end() : first.cue.start]
    if first.cue.start < m.end() or any(ch in between for ch in ',;:„“"»«') or len(between.split()) > 3:
        return
    prev = rows[-1][0]
    prev.speakers.append(first.speaker.name)
    prev.cues.append(f"speaker:next-sentence-frame:{first.speaker.name}")
    if "attribution" not in prev.kinds:
        prev.kinds.append("attribution")


def _fill_fields(
    reg: Registry,
    text: str,
    claim: ExtractedClaim,
    sent: Sentence,
    language: str,
    ref: date | None,
    atts: list[Attribution],
    dateline: Dateline | None = None,
) -> None:
    """The fields of one sentence's claim; `dateline` is given when the sentence is the dateline alone."""
    claim.dates = find_dates(text, sent.start, sent.end, ref)
    dated = claim.dates  # with the dateline's date, so that its year is no quantity
    if dateline is not None:
        # "Bremen, 14. Oktober 2022.", "(APA, 13.3.2019)": a dateline is not a claim
        claim.dates = [d for d in dated if not d.start <= dateline.start < d.end]
        claim.cues.append(dateline.rule)
    for d in claim.dates:
        claim.cues.append(d.rule)
    if claim.dates:
        claim.kinds.append("date")
    claim.quantities = find_quantities(text, sent.start, sent.end, language)
    # a year is not a quantity
    claim.quantities = [q for q in claim.quantities if not any(d.start <= q.start < d.end for d in dated)]
    if claim.quantities:
        claim.kinds.append("quantity")
        claim.cues.append("quantity:number+unit")
    # ("Statistik Austria", "Bank of England": a place inside the name of a person or a body is no place;
    # "die Ukraine lehnte ab": a country that speaks as a body is still a place)
    mentions = reg.in_span(sent.start, sent.end)
    persons = [(m.start, m.end) for m in mentions if m.entity.kind == "person"]
    bodies = [(m.start, m.end) for m in mentions if m.entity.kind == "institution"]
    places = [
        (s, e, name)
        for s, e, name in find_places(text, sent.start, sent.end, language, persons)
        if not any(a <= s and e <= b and (a, b) != (s, e) for a, b in bodies)
    ]
    claim.places = list(dict.fromkeys(p for _, _, p in places))
    if claim.places:
        claim.kinds.append("place")
        claim.cues.append("place:gazetteer")
    names: list[str] = []
    for a in atts:
        if a.speaker.name not in names:
            names.append(a.speaker.name)
            claim.cues.append(f"{a.cue.rule}")
            claim.cues.append(f"{a.rule}:{a.speaker.name}")
            if a.speaker.role:
                claim.cues.append(f"role:{a.speaker.role}")
                if "role" not in claim.kinds:
                    claim.kinds.append("role")
    claim.speakers = names
    if names:
        claim.kinds.append("attribution")
    rel = _time_relative(sent.text, language)
    if rel:
        claim.kinds.append("time-relative")
        claim.cues.append(f"time-relative:{rel}")
    claim.time_cues = find_time_cues(sent.text, sent.start, language)
    if claim.time_cues:
        # true as of the day it was written: checked as of the article's date, stale some day after
        claim.kinds.append("time-sensitive")
        claim.cues.extend(f"time-sensitive:{c.family}" for c in claim.time_cues)
        claim.as_of = ref.isoformat() if ref else None


_PREP_BEFORE = re.compile(
    r"\b(?:über|mit|gegen|zu|zum|zur|an|für|auf|bei|nach|vor|von|vom|um|unter|zwischen|in|im|aus|seit|durch|"
    r"gegenüber|die|der|den|dem|des)\s+(?:[a-zäöüß][\w-]*\s+){0,2}$"
)
_NP_FRAME = re.compile(
    r"\s*((?:Die|Der|Das)\s+[A-ZÄÖÜ][\w-]+(?:\s+(?:des|der)\s+[A-ZÄÖÜ][\w-]+)?)\s+[a-zäöüß][^:„“\"]{0,80}:\s*$"
)
# a speaker phrase that is a proper name of two or three capitalised words ("Caledonian MacBrayne")
_PROPER_NAME = re.compile(
    r"[A-ZÄÖÜ][\w'’&.-]+(?: (?:der|des|für|of|for|and|und) [A-ZÄÖÜ][\w'’&.-]+| [A-ZÄÖÜ][\w'’&.-]+){1,3}"
)
_ONE_WORD_NAME = re.compile(r"[A-Z][\w&.-]+")


def _org_like(name: str, language: str) -> bool:
    """Whether a phrase speaker names a body later text may call "it" or "the company": a proper name of two
    words or more, or in English one capitalised word that is no office ("HSBC", "Turkcell"; German nouns
    are all capitalised, so one German word names nothing)."""
    if _PROPER_NAME.fullmatch(name):
        return True
    return language != "de" and bool(_ONE_WORD_NAME.fullmatch(name)) and name.lower() not in EN_ROLE_NOUNS


_POSSESSIVE_WORD = re.compile(r"\b(?:[Ss]ein|[Ss]eine[mnrs]?|[Ii]hre[mnrs]?|[Hh]is|[Hh]er)\b")


_WIE_CLAUSE = re.compile(r"\s*(?:Wie|As)\s[^,;:„“\"»«]{3,120},")


def _nearest_att(
    q: QuoteSpan, atts: list[Attribution], after_close: bool = False, text: str = ""
) -> Attribution | None:
    if after_close:
        atts = [a for a in atts if a.cue.start >= q.close_at]
    if not atts:
        return None

    def same_clause(a: Attribution) -> bool:
        # "X nannte seinen Platzverweis „überzogen“, Y bezeichnete …": the verb right before the quote, in
        # its clause, frames it
        return (
            bool(text) and 0 <= q.open_at - a.cue.end <= 60 and not re.search(r"[,;:.!?]", text[a.cue.end : q.open_at])
        )

    def bare(a: Attribution) -> bool:
        # a noun phrase ("der Sprecher") or a generic group; a phrase that is a proper name the name lists do
        # not know ("So sagte Olli Rehn, EU-Erweiterungskommissar: „…“") is a name
        return a.speaker.kind == "generic" or (
            a.speaker.kind == "phrase" and not _PROPER_NAME.fullmatch(a.speaker.name)
        )

    # a named person or institution frames a quote before a bare noun phrase does
    return min(
        atts,
        key=lambda a: (
            not same_clause(a),
            bare(a),
            min(abs(a.cue.start - q.close_at), abs(a.cue.end - q.open_at)),
        ),
    )


# words only a speaker uses: the first and second person, an exclamation or a question ("Lasst mich raus!",
# „Wir erwarten euch“, "Thaksin raus!"), or a colon that hands the word to someone (rief: „…“)
_SPOKEN_WORDS = re.compile(
    r"\b(?:ich|wir|mich|mir|uns|euch|du|dich|dir|I|we|us|me|you)\b|[!?][\s\"“”»«]*$", re.IGNORECASE
)


def _spoken(inner: str, lead: str) -> bool:
    """Whether a short capitalised term in quotation marks is someone's words, not a scare quote or a name:
    also a whole sentence with its full stop inside the marks ("Patients deserve certainty.")."""
    return bool(_SPOKEN_WORDS.search(inner)) or lead.rstrip().endswith(":") or inner.rstrip().endswith(".")


def _row_at(rows: list, pos: int, starts: list[int] | None = None) -> int:
    """Index of the first row whose sentence holds pos (or ends right before it), else -1. With `starts`
    (the rows' sentence starts, ascending) a binary search: quotes × rows would be quadratic in a long text."""
    if starts is None:
        for i, (_, sent, _, _) in enumerate(rows):
            if sent.start <= pos < sent.end + 1:
                return i
        return -1
    k = bisect.bisect_right(starts, pos) - 1  # the last sentence starting at or before pos
    for i in (k - 1, k):  # (sentences do not overlap: only a glued neighbour ending at pos can match first)
        if i >= 0 and rows[i][1].start <= pos < rows[i][1].end + 1:
            return i
    return -1


# a colon (after an optional party in brackets) or an opening bracket between a name and a quotation
_NAME_QUOTE_GAP = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?:\s*|\s*\(\s*")


_WORDS_BEFORE = re.compile(r"[\w'’-]+|[,;:(–—]")
_LIST_OPENERS = frozenset("und sowie oder so and or as wie laut".split())
_DETERMINERS = frozenset("der die das den dem des ein eine einer eines the a an".split())


def _name_before_quote(text: str, reg: Registry, start: int, open_at: int) -> Person | None:
    """The person named right before a colon or bracket that opens a quotation ("Jens Stoltenberg: „…“",
    "Bundesinnenminister Schäuble (CDU): „…“", "Mohammed ElBaradei („…“)"), if any."""
    before = reg.in_span(start, open_at)
    if not before:
        return None
    m = before[-1]
    if m.entity.kind != "person" or m.pronoun or m.possessive:
        return None
    if not _NAME_QUOTE_GAP.fullmatch(text, m.end, open_at):
        return None
    # the name is no object of a verb before it ("Trump attacked Harris: “…”"): walking back over titles,
    # roles and adjectives, the word before them opens a list or the clause ("und", "so", a comma)
    for w in reversed(_WORDS_BEFORE.findall(text, max(start, m.start - 80), m.start)):
        low = w.lower()
        if low in _LIST_OPENERS or not w[0].isalnum():
            return m.entity
        adjective = low.endswith(("e", "en", "er", "es")) and not low.endswith(("te", "ten"))  # ("kritisierte")
        if w[:1].isupper() or low in _DETERMINERS or adjective:
            continue
        return None
    return m.entity


def _assign_quotes(text: str, rows: list, quotes: list[QuoteSpan], reg: Registry, language: str = "de") -> None:
    """Give each quoted span to the sentence where it opens, with the speaker of the cue that frames it:
    a cue after the closing mark („…“, sagte X), a cue in the opening sentence, a colon frame (X: „…“),
    a following "Das sagte X", else the speaker of the sentence before (quotes of four words or more)."""
    # speaker of the latest attributed sentence, for each row
    last: list[tuple[Person, int, int] | None] = []  # (speaker, paragraph, row) before each row
    cur: tuple[Person, int, int] | None = None
    for ri, (_, _, atts, pi) in enumerate(rows):
        last.append(cur if cur and pi - cur[1] <= 1 else None)
        real = [a for a in atts if a.speaker.kind != "generic"]
        if real:
            cur = (real[-1].speaker, pi, ri)
    last_quote: tuple[Person, int, int] | None = None  # speaker of the previous attributed quote
    given: dict[int, QuoteMention] = {}  # opening mark -> the quote as given to its claim
    open_ended: list[tuple[QuoteSpan, QuoteMention, int, int]] = []  # continued quotes nobody was found for
    starts: list[int] | None = [sent.start for _, sent, _, _ in rows]
    if any(a >= b for a, b in itertools.pairwise(starts)):
        starts = None  # (never in practice: sentences come in text order)
    for q in sorted(quotes, key=lambda x: x.open_at):
        ro, rc = _row_at(rows, q.open_at, starts), _row_at(rows, q.close_at, starts)
        if ro < 0:
            continue
        rc = rc if rc >= ro else ro
        claim, sent, atts, pi = rows[ro]
        if title_like(text, q, language):
            claim.cues.append("quote:title-not-quote")
            continue
        speaker: Person | None = None
        rule = ""
        att = _nearest_att(q, rows[rc][2], after_close=True) if rc != ro else None
        # "Wie der Fernsehsender CBS berichtet, gab Regierungssprecher X … ab: „…“": the source of the whole
        # sentence in a leading "Wie …," clause does not frame a quote that the main clause hands on by a colon
        wie = _WIE_CLAUSE.match(text, sent.start, q.open_at)
        colon_in_main = wie is not None and re.search(r":\s*$", text[sent.start : q.open_at]) is not None
        if att is None:
            att = _nearest_att(q, [a for a in atts if not (colon_in_main and a.cue.end <= wie.end())], text=text)
        if att is not None:
            speaker, rule = att.speaker, "quote:cue-in-sentence"
        named = _name_before_quote(text, reg, sent.start, q.open_at)
        if named is not None:
            # "…, und der norwegische Ministerpräsident Jens Stoltenberg: „…“": the name that opens the colon
            # frame right before the quote says it, whoever the sentence's cue belongs to
            speaker, rule = named, "quote:name-before-quote"
        if speaker is None and re.search(r":\s*$", text[sent.start : q.open_at]):
            ms = [
                m
                for m in reg.in_span(sent.start, q.open_at)
                if not m.possessive and not m.pronoun and m.entity.kind in ("person", "institution")
            ]
            # the subject that opens the frame ("Jelpkes Mitarbeiter Nick Brauns hat … die kurdische
            # Arbeiterpartei …: „…“"), else the last name before the colon
            subj = [m for m in ms if not _PREP_BEFORE.search(text, max(sent.start, m.start - 25), m.start)]
            base = wie.end() if colon_in_main else sent.start
            opener = [m for m in subj if m.start >= base and len(text[base : m.start].split()) <= 3]
            if opener:
                speaker, rule = opener[0].entity, "quote:colon-frame-subject"
            elif ms:
                speaker, rule = ms[-1].entity, "quote:colon-frame"
            elif _NP_FRAME.match(text, sent.start, q.open_at):
                # "Die Bewohner des Dorfes sehen alles gelassen: „…“": an unnamed subject noun phrase speaks
                speaker = Person(_NP_FRAME.match(text, sent.start, q.open_at).group(1), "", "phrase")
                rule = "quote:colon-frame-phrase"
        if speaker is None and not text[sent.start : q.open_at].strip(" „“”\"»«‚‘'"):
            # headline style "'I never thought I would play again': Leah Okafor on …": the name after the colon
            tail = re.match(r"\s*[:–—-]\s*", text[q.close_at + 1 : sent.end])
            if tail:
                at = q.close_at + 1 + tail.end()
                ms = [m for m in reg.in_span(at, sent.end) if m.start == at and not m.pronoun]
                if ms and ms[0].entity.kind == "person":
                    speaker, rule = ms[0].entity, "quote:headline-colon"
        lead = text[sent.start : q.open_at]
        if speaker is None and lead.strip(" „“”\"»«‚‘'"):
            # no speech verb, but the sentence names its subject before the quote: "Auch Außenminister X
            # attackierte den Iran als „…“", "Für den Theologen Hans Küng sei der Rücktritt „…“"
            ms = [
                m
                for m in reg.in_span(sent.start, q.open_at)
                if not m.possessive and not m.pronoun and m.entity.kind == "person"
            ]
            # without a speech verb a capitalised one- or two-word term in quotes is a name (den „Mercedes“)
            if ms and not (q.words <= 2 and text[q.start : q.start + 1].isupper()):
                speaker, rule = ms[0].entity, "quote:sentence-subject"
        if speaker is None and rc + 1 < len(rows) and rows[rc + 1][3] == rows[rc][3]:
            _, nxt_sent, nxt_atts, _ = rows[rc + 1]
            if nxt_atts and _DEMONSTRATIVE_START.match(nxt_sent.text):
                speaker, rule = nxt_atts[0].speaker, "quote:next-sentence-frame"
        prev = last[ro]
        if last_quote and pi - last_quote[1] <= 1 and (prev is None or last_quote[2] >= prev[2]):
            prev = last_quote
        own_cue = "speaker:cue-without-speaker" in claim.cues  # someone unnamed speaks here
        # the previous speaker goes on only in a quote that stands as its own sentence („…“ after „…“, sagte X)
        standalone = not lead.strip(" „“”\"»«‚‘'") or bool(
            re.search(r":\s*$", lead) or _POSSESSIVE_WORD.search(lead)
        )  # "Seine Zuversicht gründet sich auf …: „…“" continues the person before
        if speaker is None and prev and q.words >= 4 and not own_cue and standalone:
            speaker, rule = prev[0], "quote:previous-speaker"
        inner = text[q.start : q.end]
        name = inner.strip(" .,")
        if speaker is not None and q.words <= 6 and (name == speaker.name or reg.resolve(name) is not None):
            # „Ärzte ohne Grenzen“ sowie das Rote Kreuz kündigten an …, laut der „Computerwoche“: a name in
            # quotation marks, not someone's words
            claim.cues.append("quote:title-not-quote")
            continue
        if legal_name(inner) or (speaker is None and nominal_title(inner)):
            # „Der Einsatz der Trümmerbahnen zur Enttrümmerung Dresdens 1946 – 1958“, “Kids Right to Read
            # Project”, „Aktion Deutschland Hilft e.V.“: nobody speaks and no word but function words is in
            # lower case (German verbs and adjectives are): the title of a work or the name of a body
            claim.cues.append("quote:title-not-quote")
            continue
        if speaker is None and q.words <= 3 and not inner[:1].islower() and not _spoken(inner, lead):
            # a capitalised term in quotes with nobody speaking: a scare quote or a coinage. Lower-case
            # phrases („volle Verantwortung“, als „extrem“ bezeichnet) are nearly always someone's words
            # (92 of 126 in the Wikinews quotation corpus, train split), so they stay quotes.
            claim.cues.append("quote:scare-quote")
            continue
        claim.quotes.append(
            QuoteMention(
                text=text[q.start : q.end],
                speaker=speaker.name if speaker else None,
                start=q.start,
                end=q.end,
                rule=rule or "quote:unattributed",
            )
        )
        claim.cues.extend([f"quote:{q.style}", rule or "quote:unattributed"])
        if "quote" not in claim.kinds:
            claim.kinds.append("quote")
        given[q.open_at] = claim.quotes[-1]
        if speaker is None:
            if q.continued and not own_cue:
                # (a speech cue in the opening sentence, "The archbishop added: “…", frames it there)
                open_ended.append((q, claim.quotes[-1], ro, rc))
            continue
        last_quote = (speaker, pi, rc)
        for r in range(ro, rc + 1):  # every sentence the quote covers says who is speaking
            c = rows[r][0]
            if speaker.name not in c.speakers:
                c.speakers.append(speaker.name)
            if "attribution" not in c.kinds:
                c.kinds.append("attribution")
            if r > ro:
                c.cues.append("quote:continues")
    _speaker_from_continuation(text, rows, quotes, given, open_ended, reg)


def _speaker_from_continuation(
    text: str,
    rows: list,
    quotes: list[QuoteSpan],
    given: dict[int, QuoteMention],
    open_ended: list[tuple[QuoteSpan, QuoteMention, int, int]],
    reg: Registry,
) -> None:
    """A quote left open at a paragraph's end goes on in the next paragraph, which reopens it (the British
    and American convention); when only the last paragraph names the speaker ("“… a decade.⏎⏎“I did not
    …,” said Mr X."), the paragraphs before are that speaker's too. Latest first, so a quote over three
    paragraphs passes the name back to the first."""
    opens = sorted(q.open_at for q in quotes)
    for q, mention, ro, rc in reversed(open_ended):
        k = bisect.bisect_right(opens, q.close_at)
        if k >= len(opens) or text[q.close_at : opens[k]].strip():
            continue
        nxt = given.get(opens[k])
        if nxt is None or not nxt.speaker:
            continue
        mention.speaker, mention.rule = nxt.speaker, "quote:speaker-of-continuation"
        person = reg.persons.get(nxt.speaker)
        name = person.name if person is not None else nxt.speaker
        for r in range(ro, rc + 1):
            c = rows[r][0]
            if name not in c.speakers:
                c.speakers.append(name)
            if "attribution" not in c.kinds:
                c.kinds.append("attribution")
            c.cues.append("quote:speaker-of-continuation")
