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

from factcheck.extract.lexicon import (
    DE_GENERIC_SPEAKERS,
    DE_SPEECH_PARTICIPLES,
    DE_SPEECH_STEMS,
    DE_SPEECH_WORDS,
    DE_VERB_ENDINGS,
    EN_GENERIC_SPEAKERS,
    EN_SPEECH_VERBS,
    NOT_NAME_WORDS,
)
from factcheck.extract.mentions import Mention, Person, Registry

GENERIC = DE_GENERIC_SPEAKERS | EN_GENERIC_SPEAKERS
_TOKEN = re.compile(r"[\w'’\-]+|[^\w\s]")
_CLAUSE_PUNCT = set(',;:–—()„“”"»«‚‘’[]')
_PREPOSITIONS = {
    "über",
    "mit",
    "gegen",
    "zu",
    "zum",
    "zur",
    "an",
    "für",
    "auf",
    "bei",
    "beim",
    "nach",
    "vor",
    "von",
    "vom",
    "um",
    "ohne",
    "unter",
    "zwischen",
    "about",
    "with",
    "against",
    "to",
    "for",
    "of",
    "on",
    "at",
    "from",
    "by",
    "between",
    "into",
    "than",
    "als",
    "wie",
}
# Separable verbs: the particle that makes the stem a speech verb, and particles that spoil it.
PARTICLES = {
    "stell": {"fest", "klar", "heraus"},
    "kündig": {"an"},
    "teil": {"mit"},
    "gab": {"an", "bekannt", "zu"},
    "gib": {"an", "bekannt", "zu"},
    "gaben": {"an", "bekannt", "zu"},
    "wies": {"zurück", "hin"},
    "weis": {"zurück", "hin"},
    "hob": {"hervor"},
    "heb": {"hervor"},
    "räum": {"ein"},
    "fügt": {"hinzu"},
    "füg": {"hinzu"},
    "führ": {"aus"},
    "warf": {"vor"},
    "wirf": {"vor"},
    "rief": {"auf", "zu"},
    "ruf": {"auf", "zu"},
    "lehn": {"ab"},
    "sprach": {"von", "aus"},
    "mach": {"klar", "deutlich"},
}
SPOILERS = {
    "sag": {"ab", "zu", "voraus"},
    "sprach": {"frei", "ab"},
    "sprech": {"frei", "ab"},
    "frag": {"nach", "ab"},
    "schätz": {"ein"},
    "ruf": {"an"},
    "rief": {"an"},
}
_NEEDS_PARTICLE = {
    "stell",
    "kündig",
    "teil",
    "gab",
    "gib",
    "wies",
    "weis",
    "hob",
    "heb",
    "räum",
    "führ",
    "warf",
    "wirf",
    "rief",
    "ruf",
    "lehn",
    "mach",
    "fügt",
    "füg",
}
_AUX = {
    "hat",
    "hatte",
    "habe",
    "haben",
    "hatten",
    "hätte",
    "has",
    "had",
    "have",
    "ist",
    "war",
    "wurde",
    "wurden",
    "worden",
    "wird",
    "werden",
}


@dataclass
class Cue:
    start: int
    end: int
    word: str
    rule: str
    direction: str = "auto"  # auto | right | left | agent


@dataclass
class Attribution:
    cue: Cue
    speaker: Person
    mention: Mention | None
    rule: str


def _stem(low: str) -> str | None:
    for ending in DE_VERB_ENDINGS:
        if ending and not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)] if ending else low
        if stem in DE_SPEECH_STEMS or stem in PARTICLES:
            return stem
    return None


def find_cues(text: str, start: int, end: int, language: str) -> list[Cue]:
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    cues: list[Cue] = []
    lows = [t[2].lower() for t in toks]
    for i, (s, e, tok) in enumerate(toks):
        low = lows[i]
        if language != "de":
            if low == "according" and i + 1 < len(toks) and lows[i + 1] == "to":
                cues.append(Cue(s, toks[i + 1][1], "according to", "speaker:according-to", "right"))
            elif low in EN_SPEECH_VERBS and low != "according" and tok[:1].islower():
                cues.append(Cue(s, e, low, f"speaker:verb:{low}"))
            continue
        if tok[:1].isupper() and low not in ("laut", "nach", "gemäß"):
            continue  # capitalised = a noun ("Berichte"), except "Laut"/"Nach" at sentence start
        if low in ("laut", "lt.", "gemäß"):
            cues.append(Cue(s, e, low, f"speaker:{low}", "right"))
            continue
        if low == "zufolge":
            cues.append(Cue(s, e, low, "speaker:zufolge", "left"))
            continue
        if low == "angaben" or (low == "nach" and i + 1 < len(toks) and lows[i + 1] == "angaben"):
            if low == "nach":
                cues.append(Cue(s, toks[i + 1][1], "nach Angaben", "speaker:nach-angaben", "right"))
            continue
        if low == "so" and i > 0 and lows[i - 1] in {",", "“", "”", '"', "«", "»"}:
            cues.append(Cue(s, e, "so", "speaker:so", "right"))
            continue
        if low in ("heißt", "hieß"):
            continue  # "heißt es": no named speaker; the quote stays attributed to the text
        if low in DE_SPEECH_PARTICIPLES or (low == "gemacht" and i > 0 and lows[i - 1] in ("klar", "deutlich")):
            agent = "agent" if any(lows[j] == "von" for j in range(max(0, i - 12), i)) else "auto"
            cues.append(Cue(s, e, low, f"speaker:verb:{low}", agent))
            continue
        if low in DE_SPEECH_WORDS and low not in ("so", "laut", "zufolge", "demnach", "wonach"):
            cues.append(Cue(s, e, low, f"speaker:verb:{low}"))
            continue
        stem = _stem(low)
        if stem is None:
            continue
        # the rest of the clause decides separable verbs: "stellte ... fest", "sagte ... ab"
        rest: list[str] = []
        for j in range(i + 1, len(toks)):
            if lows[j] in (".", ";", ":", "!", "?") or (
                lows[j] == "," and j + 1 < len(toks) and lows[j + 1] in ("dass", "ob", "wie", "er", "sie")
            ):
                break
            rest.append(lows[j])
        tail = rest[-1] if rest else ""
        if stem in SPOILERS and (tail in SPOILERS[stem] or (rest and rest[-1] in SPOILERS[stem])):
            continue
        if stem in _NEEDS_PARTICLE:
            parts = PARTICLES.get(stem, set())
            if not any(p in rest for p in parts) and not any(lows[i - 1] == p for p in parts if i > 0):
                continue
        cues.append(Cue(s, e, low, f"speaker:verb:{low}"))
    return cues


def _clause_bounds(text: str, sent_start: int, sent_end: int, pos: int, mentions: list[Mention]) -> tuple[int, int]:
    """Start/end of the clause around pos: punctuation inside a mention ("Minister, Pete Hegseth,") does
    not cut it."""

    def inside(i: int) -> bool:
        return any(m.start <= i < m.end + 1 for m in mentions if not m.pronoun)

    s = pos
    while s > sent_start and not (text[s - 1] in _CLAUSE_PUNCT and not inside(s - 1)):
        s -= 1
    e = pos
    while e < sent_end and not (text[e] in _CLAUSE_PUNCT and not inside(e)):
        e += 1
    return s, e


def _resolve(m: Mention, reg: Registry, cue_word: str) -> Person | None:
    if not m.pronoun:
        return m.entity
    gender = m.entity.gender
    if m.entity.name == "sie" and cue_word.endswith(("en", "ten")) and cue_word not in ("sprachen",):
        return None  # plural "sie sagten": not one person
    return reg.last_person_before(m.start, gender)


def attribute(
    text: str, sent_start: int, sent_end: int, cues: list[Cue], reg: Registry, in_quote: list[tuple[int, int]]
) -> list[Attribution]:
    mentions = [m for m in reg.in_span(sent_start, sent_end) if not any(a <= m.start < b for a, b in in_quote)]
    out: list[Attribution] = []
    for cue in cues:
        if any(a <= cue.start < b for a, b in in_quote):
            continue
        cs, ce = _clause_bounds(text, sent_start, sent_end, cue.start, mentions)
        cand: Mention | None = None
        rule = cue.rule
        if cue.direction == "agent":
            vons = [
                m
                for m in mentions
                if m.end <= cue.start
                and m.start >= cs
                and re.search(r"\bvon\s+(?:\w+\s+){0,2}$", text[max(cs, m.start - 20) : m.start])
            ]
            cand = vons[-1] if vons else None
            rule = "speaker:passive-agent"
        if cand is None and cue.direction in ("right", "auto", "agent"):
            before = [
                m
                for m in mentions
                if m.end <= cue.start and m.start >= cs and not m.possessive and not _after_preposition(text, m, cs)
            ]
            after = [
                m
                for m in mentions
                if m.start >= cue.end
                and m.end <= ce + 1
                and not m.possessive
                and not _after_preposition(text, m, cue.end)
            ]
            if cue.direction == "right":
                cand = after[0] if after and after[0].start - cue.end < 60 else None
            elif before and cue.direction != "agent":
                cand = before[-1]
            elif after and after[0].start - cue.end < 80:
                cand = after[0]
        elif cue.direction == "left":
            before = [m for m in mentions if m.end <= cue.start and cue.start - m.end < 40]
            cand = before[-1] if before else None
        if cand is None:
            p = _fallback_name(text, cue, cs, ce, reg)
            if p is not None:
                out.append(Attribution(cue, p, None, "speaker:name-run"))
            continue
        person = _resolve(cand, reg, cue.word)
        if person is None:
            continue
        out.append(Attribution(cue, person, cand, rule + ("+pronoun" if cand.pronoun else "")))
    return out


_PREP_BEFORE = re.compile(r"\b([\w]+)\s+(?:(?:der|die|das|dem|den|des|the|a|an)\s+)?(?:[\w-]+\s+){0,2}$")


def _after_preposition(text: str, m: Mention, floor: int) -> bool:
    """'über Putin', 'mit dem Kreml', 'to the White House': not the subject."""
    before = text[max(floor, m.start - 30) : m.start]
    w = re.search(r"([\w]+)\s+(?:(?:der|die|das|dem|den|des|the|a|an)\s+)?(?:[a-zäöüß][\w-]*\s+){0,2}$", before)
    return bool(w and w.group(1).lower() in _PREPOSITIONS)


_NAME_AFTER = re.compile(r"\s*((?:[A-ZÄÖÜ][\w'’\-]+\s+){1,2}[A-ZÄÖÜ][\w'’\-]+)")
_NAME_BEFORE = re.compile(r"((?:[A-ZÄÖÜ][\w'’\-]+\s+){1,2}[A-ZÄÖÜ][\w'’\-]+)\s*$")


def _fallback_name(text: str, cue: Cue, cs: int, ce: int, reg: Registry) -> Person | None:
    """A capitalised run of 2-3 words right next to the cue, not known yet: "said Jane Roe"."""
    if cue.direction in ("left", "auto"):
        m = _NAME_BEFORE.search(text[cs : cue.start])
        if m and _good_run(m.group(1)):
            return reg.resolve(m.group(1)) or reg.add(m.group(1).strip(), "")
    if cue.direction in ("right", "auto"):
        m = _NAME_AFTER.match(text, cue.end, ce)
        if m and _good_run(m.group(1)):
            return reg.resolve(m.group(1)) or reg.add(m.group(1).strip(), "")
    return None


def _good_run(run: str) -> bool:
    words = run.split()
    if any(w.lower() in NOT_NAME_WORDS or w.lower() in GENERIC for w in words):
        return False
    if any(re.search(r"(?:isch|ische|ischen|liche|lichen|ige|igen)$", w.lower()) for w in words):
        return False  # German adjectives: "Politische Analysten"
    return not any(re.search(r"(?:ung|heit|keit|schaft|tion|ismus|ität)$", w.lower()) for w in words)
