"""Check-worthiness: is this sentence a statement of fact (or an attributed statement) worth checking?

A transparent additive score in [0, 1]: facts with dates, numbers, named speakers and past-tense
events go up; opinion, speculation, forecasts, rhetorical questions, teasers and headings go down.
Each feature adds a cue ("cw:+date", "cw:-hedge:könnte") so the checker sees why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.extract.lexicon import (
    DE_COPULA,
    DE_EVALUATIVE,
    DE_GENERIC_SPEAKERS,
    DE_HEDGES,
    DE_OPINION_VERBS,
    DE_TEASER,
    DE_WAIT_AND_SEE,
    EN_COPULA,
    EN_EVALUATIVE,
    EN_GENERIC_SPEAKERS,
    EN_HEDGES,
    EN_OPINION_VERBS,
    EN_TEASER,
    EN_WAIT_AND_SEE,
)
from factcheck.extract.wordlist_regex import fold_ignorecase, trie_alternation

_WORD = re.compile(r"[\w'’-]+")
_FUTURE_DE = re.compile(r"\b(?:wird|werden|würde|würden)\b")
_FUTURE_EN = re.compile(r"\b(?:will|won't|going to|shall)\b", re.IGNORECASE)
_PARTICIPLE = re.compile(r"^(?:ge\w+(?:t|en)|\w+(?:ge|be|er|ver|zer|ent|emp)\w+(?:t|en)|\w+iert|\w+ieren)$")
_FIRST_SECOND_PERSON = re.compile(
    r"\b(?:ich|mir|mich|meine?[mnrs]?|wir|uns|unsere?[mnrs]?|du|dir|dich|euch|eure?[mnrs]?|I|me|my|we|us|our|"
    r"you|your)\b|\bihr\s+(?:habt|seid|wollt|müsst|könnt)\b"
)
_BOILER = re.compile(
    r"(?:©|copyright|alle rechte vorbehalten|all rights reserved|foto:|bild:|quelle:|image:|photo:|"
    r"getty images|^\(dpa\)$|^\(afp\)$|newsletter|cookie|^anzeige\s*(?:$|[:–-])|^werbung\s*(?:$|[:–-])|"
    r"share this|teilen sie|"
    # "The full study is available on the journal's website", "Der Bericht ist online abrufbar"
    r"\b(?:is|are) (?:freely |also )?available (?:on|at|from|online)\b|\b(?:online|im internet) abrufbar\b|"
    # service lines addressed to the reader: notices, helplines, advice
    r"^(?:hinweis|note|editor'?s note|anmerkung der redaktion)\s*:|\bread more\b|\bhelpline\b|\bhotline\b|"
    r"\b(?:is|are) advised to\b|\bcan contact\b|\bkönnen sich an\b)",
    re.IGNORECASE,
)
# The writer speaking of themselves at the start of a sentence ("Ich mag …", "Wir finden …", "We love …"):
# _FIRST_SECOND_PERSON is case-sensitive so that "US" is no "us"; these are the capitalised forms.
_FIRST_PERSON_START = re.compile(r"^\W*(?:Ich|Wir|Mein\w*|Unser\w*|We|My|Our)\b")
# Preference and taste: "Ich mag Kaffee", "I love summer". Nobody can check a liking.
_PREFERENCE = re.compile(
    r"\b(?:mag|mögen|magst|liebe|lieben|hasse|hassen|like|likes|love|loves|hate|hates|enjoy|enjoys|prefer|prefers)\b",
    re.IGNORECASE,
)
# What a checker could verify even without a date, number or speaker: digits or number words, an acronym
# (CDU, NATO, ONS), and in English a capitalised word after the first (a name: "the Environment Agency").
_NUMBER_WORD = re.compile(
    r"\b(?:ein(?:e|en|er)? (?:million|milliarde)\w*|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|"
    r"hundert\w*|tausend\w*|million\w*|milliard\w*|hälfte|drittel|viertel|prozent|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|hundred|thousand|million|billion|half|"
    r"third|quarter|percent|dozen)\b",
    re.IGNORECASE,
)
_CALENDAR = re.compile(
    r"\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|januar|februar|märz|april|mai|juni|juli|"
    r"august|september|oktober|november|dezember|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|june|july|october|december)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b[A-ZÄÖÜ]{2,}[a-z]?\b")
_EN_NAME = re.compile(r"(?<=\s)(?!I\b)[A-Z][a-z]")
# A sentence whose main verb is a copula ("Heute ist ein schöner Tag.") describes a state; without any of
# the above it is a judgement or small talk, not a claim.
_READER_SIE = re.compile(r"\b(?:finden|erhalten|lesen|sehen) Sie\b")  # "Weitere Informationen finden Sie …"

# --- speed: cheap tests before the costly ones -----------------------------------------------------
# The case-insensitive patterns above get no prefix skip in Python's re (they are tried at every position;
# _BOILER alone cost ~35 µs a sentence). Each is run only when the lower-cased sentence (fold_ignorecase)
# holds one of the words every match of it contains: a case-sensitive search for lower-case words, shaped
# as a trie, which scans in C. The pattern still decides; the gate only skips sentences it cannot match.
_BOILER_GATE = re.compile(
    trie_alternation(
        (
            *"© copyright foto: bild: quelle: image: photo: (dpa) (afp) newsletter cookie anzeige werbung".split(),
            *"available abrufbar hinweis note helpline hotline".split(),
            *("alle rechte vorbehalten", "all rights reserved", "getty images", "share this", "teilen sie"),
            *("anmerkung der redaktion", "read more", "advised to", "can contact", "können sich an"),
        )
    )
)
_NUMBER_WORD_GATE = re.compile(
    trie_alternation(
        """million milliard zwei drei vier fünf sechs sieben acht neun zehn elf zwölf hundert tausend hälfte
        drittel viertel prozent two three four five six seven eight nine ten eleven twelve hundred thousand
        billion half third quarter percent dozen""".split()
    )
)
_CALENDAR_GATE = re.compile(
    trie_alternation(
        """montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli
        august september oktober november dezember monday tuesday wednesday thursday friday saturday sunday
        january february march june july october december""".split()
    )
)
_FUTURE_EN_GATE = re.compile(trie_alternation(("will", "won't", "going to", "shall")))
_PREFERENCE_GATE = re.compile(trie_alternation("mag mögen liebe hasse like love hate enjoy prefer".split()))
# "any(low.startswith(t) or f' {t} ' in low[:40] for t in teasers)" as one str.startswith and one search
_TEASERS = DE_TEASER + EN_TEASER
_TEASER_INSIDE = re.compile(" " + trie_alternation(_TEASERS) + " ")
# "[w for w in wait-and-see phrases if w in low]", built only when one of them is in the sentence
_WAIT_AND_SEE = DE_WAIT_AND_SEE + EN_WAIT_AND_SEE
_WAIT_AND_SEE_ANY = re.compile(trie_alternation(_WAIT_AND_SEE))
# the German and English lists merged once, not on every sentence
_HEDGES = DE_HEDGES | EN_HEDGES
_OPINION_VERBS = DE_OPINION_VERBS | EN_OPINION_VERBS
_GENERIC_SPEAKERS = DE_GENERIC_SPEAKERS | EN_GENERIC_SPEAKERS
_BRACKETED = re.compile(r"\(.*\)")
_OPEN_QUESTION = re.compile(r"(?:Ob|Whether)\b")
# the modal "may" is written in lower case, or opens a sentence without a day after it ("May I …", not "May 10")
_MAY_MODAL = re.compile(r"\bmay\b|^\s*May\b(?!\s+\d)")


@dataclass
class Features:
    heading: bool = False
    has_date: bool = False
    has_quantity: bool = False
    has_quote: bool = False
    named_speakers: int = 0
    generic_speaker: bool = False
    has_place: bool = False
    time_relative: bool = False
    unnamed_speech: bool = False
    cues: list[str] = field(default_factory=list)


_FUTURE_AUX_DE = frozenset({"wird", "werden", "würde", "würden"})


def _future_de(low: list[str]) -> bool:
    """'wird … finden', 'werden … sein' = future; 'wird … vorbereitet' = passive (a fact). `low`: the
    sentence's words in lower case."""
    if _FUTURE_AUX_DE.isdisjoint(low):
        return False  # the common case, decided without the loop
    for i, w in enumerate(low):
        if w not in ("wird", "werden", "würde", "würden"):
            continue
        # verb-final subclause "finden wird": look at the word before; main clause: the clause end
        cands = [low[i - 1]] if i > 0 else []
        cands += [low[-1]] if low else []
        for c in cands:
            if c in ("sein", "haben", "werden", "bleiben", "geben", "zeigen"):
                return True
            if c.endswith(("en", "ern", "eln")) and not _PARTICIPLE.match(c) and c not in ("worden",):
                return True
    return False


def _nothing_checkable(sentence: str, folded: str, lw: list[str], language: str, f: Features) -> str:
    """Why `sentence` offers nothing to check ('first-person', 'preference', 'state'), or '' if it does.

    Something to check is any of: a date, a number, a quote, a speaker (named or not), a place, an acronym,
    an English name; a sentence with one of them is never judged here. `folded` is
    fold_ignorecase(sentence), for the gates of the case-insensitive patterns; `lw` the sentence's words in
    lower case.
    """
    if f.has_date or f.has_quantity or f.has_quote or f.named_speakers or f.unnamed_speech or f.has_place:
        return ""
    if any(map(str.isdigit, sentence)) or (_NUMBER_WORD_GATE.search(folded) and _NUMBER_WORD.search(sentence)):
        return ""
    if _ACRONYM.search(sentence) or (_CALENDAR_GATE.search(folded) and _CALENDAR.search(sentence)):
        return ""
    if language != "de" and _EN_NAME.search(sentence):
        return ""
    if _FIRST_PERSON_START.search(sentence):
        return "first-person"
    if _PREFERENCE_GATE.search(folded) and _PREFERENCE.search(sentence) and _FIRST_SECOND_PERSON.search(sentence):
        return "preference"
    copula = DE_COPULA if language == "de" else EN_COPULA
    # "ist vorbestraft", "ist gesperrt", "was convicted": a participle after the copula reports a fact
    participle = any(_PARTICIPLE.match(w) if language == "de" else w.endswith("ed") for w in lw if w not in copula)
    if len(lw) <= 8 and copula & set(lw) and not participle:
        return "state"
    return ""


def score(sentence: str, language: str, f: Features) -> tuple[float, list[str]]:
    cues: list[str] = []
    low = sentence.lower()
    words = _WORD.findall(sentence)
    lw = [w.lower() for w in words]
    s = 0.45
    if f.heading:
        return 0.05, ["cw:-heading"]
    de = language == "de"
    if low.startswith(_TEASERS) or _TEASER_INSIDE.search(low, 0, 40):
        return 0.05, ["cw:-teaser"]
    folded = fold_ignorecase(sentence)
    boiler = (_BOILER_GATE.search(folded) and _BOILER.search(sentence)) or (
        " Sie" in sentence and _READER_SIE.search(sentence)
    )
    if _BRACKETED.fullmatch(sentence.strip()) or boiler or len(words) < 4:
        return 0.1, ["cw:-boilerplate" if len(words) >= 4 else "cw:-fragment"]
    if _OPEN_QUESTION.match(sentence):
        s -= 0.4
        cues.append("cw:-open-question")
    if not f.has_quote and _FIRST_SECOND_PERSON.search(sentence):
        # "ich finde", "wir müssen", "you know": the writer's own voice, not a reported fact
        s -= 0.2
        cues.append("cw:-first-person")
    if sentence.rstrip().endswith("!") and not f.heading:
        s -= 0.15
        cues.append("cw:-exclamation")
    if sentence.rstrip().endswith("?"):
        s -= 0.35
        cues.append("cw:-question")
    if f.has_date:
        s += 0.15
        cues.append("cw:+date")
    if f.has_quantity:
        s += 0.15
        cues.append("cw:+quantity")
    if f.named_speakers:
        s += 0.25
        cues.append("cw:+attribution")
    elif f.unnamed_speech:
        s += 0.1  # "a spokesman said": attributed, though not by name
        cues.append("cw:+unnamed-attribution")
    if f.has_quote:
        # a direct quote is a checkable fact about who said what, even with a hedge inside it
        s += 0.2 if f.named_speakers else 0.1
        cues.append("cw:+quote")
    if f.has_place:
        s += 0.05
        cues.append("cw:+place")
    lwset = set(lw)
    hedges = _HEDGES & lwset
    if "may" in hedges and not _MAY_MODAL.search(sentence):
        hedges = hedges - {"may"}  # "on May 10", "WASHINGTON, May 10, 2024": the month, not the modal verb
    if hedges:
        # in reported speech "would"/"könne" is backshifted tense more than a hedge
        pen = 0.1 if f.named_speakers or f.unnamed_speech else 0.3
        s -= pen
        cues.append("cw:-hedge:" + sorted(hedges)[0])
    wait = [w for w in _WAIT_AND_SEE if w in low] if _WAIT_AND_SEE_ANY.search(low) else []
    if wait:
        s -= 0.2 if f.named_speakers else 0.4
        cues.append("cw:-forecast:" + wait[0])
    if (de and _future_de(lw[:40])) or (not de and _FUTURE_EN_GATE.search(folded) and _FUTURE_EN.search(sentence)):
        s -= 0.2 if f.named_speakers else 0.3
        cues.append("cw:-future")
    opinion = _OPINION_VERBS & lwset
    if opinion:
        s -= 0.15 if f.named_speakers else 0.3
        cues.append("cw:-opinion:" + sorted(opinion)[0])
    generic = _GENERIC_SPEAKERS & set(lw[:6])
    if generic and not f.named_speakers:
        s -= 0.15
        cues.append("cw:-generic-speaker")
    copula = (DE_COPULA if de else EN_COPULA) & lwset
    evaluative = (DE_EVALUATIVE if de else EN_EVALUATIVE) & set(lw[-6:])
    if copula and evaluative and not f.has_quantity:
        s -= 0.3
        cues.append("cw:-evaluative:" + sorted(evaluative)[0])
    nothing = _nothing_checkable(sentence, folded, lw, language, f)
    if nothing:
        # no date, number, quote, speaker, place or name: small talk or a judgement ("Heute ist ein schöner
        # Tag.", "Ich mag Kaffee und Kuchen."); pushed below the threshold whatever else it scored
        s = min(s, 0.3)
        cues.append(f"cw:-nothing-checkable:{nothing}")
    if not f.has_date and not f.has_quantity and not f.named_speakers and not f.has_place and not cues:
        cues.append("cw:plain-statement")
    if f.has_quote and s < 0.5:
        # a direct quote is an attributable statement: who said it can always be checked
        s = 0.5
        cues.append("cw:quote-floor")
    return max(0.0, min(1.0, round(s, 3))), cues
