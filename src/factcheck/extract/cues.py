"""Speech cues in a sentence: German and English verbs of saying and their frames.

Finds "sagte", "betonte", "stellte … fest" (separable verbs decided by the clause end: "sagte … ab" is
not speech), participles in passive/perfect ("wurden … zurückgewiesen"), frames ("laut", "zufolge",
"nach Angaben", "nach einem Bericht", "according to") and stance ("zeigte sich zuversichtlich").
Who the cue belongs to is decided in speakers.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.extract.lexicon import (
    DE_NEEDS_PARTICLE,
    DE_SEPARABLE_PARTICLES,
    DE_SPEECH_PARTICIPLES,
    DE_SPEECH_STEMS,
    DE_SPEECH_WORDS,
    DE_SPOILING_PARTICLES,
    DE_VERB_ENDINGS,
    EN_SPEECH_BASE_FORMS,
    EN_SPEECH_VERBS,
    words,
)

_CALLED_NEXT = {"for", "on", "it", "him", "her", "them", "this", "that", "the", "a", "an", "upon"}
_TOKEN = re.compile(r"[\w'’\-]+|[^\w\s]")
_NACH_NOUNS = words(
    """
    berechnungen recherchen daten zahlen untersuchungen umfragen auskunft mitteilung angaben ansicht
    meinung auffassung informationen darstellung einschätzung worten berichten aussage aussagen
    schätzungen erkenntnissen überzeugung bekunden
    planungen plänen idee vorstellungen vorschlag vorschlägen konzept willen wunsch bewertung beurteilung
    lesart
    gesetzentwurf gesetzesentwurf artikel paragraf paragraph
    """
)
# "zeigte sich zuversichtlich": a stance attributed to the subject.
_SOURCE_NOUNS = words(
    """
    bericht studie meldung meldungen hochrechnung umfrage untersuchung analyse mitteilung
    pressemitteilung erklärung schätzung prognose auswertung statistik information interview
    gutachten medienbericht medienberichten zeitungsbericht
    """
)
# compounds name a source too: "nach Polizeiangaben", "nach einem Fernsehbericht", "nach Darstellungen"
_SOURCE_TAILS = (
    "bericht",
    "berichten",
    "berichts",
    "angaben",
    "meldung",
    "meldungen",
    "mitteilung",
    "erklärung",
    "schätzung",
    "schätzungen",
    "studie",
    "umfrage",
    "ermittlungen",
    "informationen",
    "darstellung",
    "darstellungen",
    "aussage",
    "aussagen",
    "stellungnahme",
    "einschätzung",
    "ankündigung",
    "veröffentlichung",
    "prognose",
    "vorhersage",
    "auskunft",
    "recherchen",
    "erkenntnissen",
    "berechnungen",
    "analyse",
)


def _source_noun(low: str) -> bool:
    return low in _NACH_NOUNS or low in _SOURCE_NOUNS or low.endswith(_SOURCE_TAILS)


_REACTION_NOUNS = {"kritik", "widerspruch", "zustimmung", "lob", "unterstützung", "protest", "einspruch"}
_REVISE_VERBS = words(
    """
    senkte senkt senkten gesenkt hob hebt hoben angehoben erhöhte erhöht erhöhten korrigierte korrigiert
    korrigierten kappte kappt gekappt cut cuts lowered lowers raised raises trimmed trims revised revises
    """
)
_PASSIVE_AUX = {"wurde", "wurden", "worden", "wird", "werden", "ist", "sind", "war", "waren"}
_SO_NEXT = {"er", "sie", "der", "die", "das", "ein", "eine", "dessen", "deren"}
_SOURCE_PREPS = {"in", "im", "bei", "beim", "aus", "auf"}
_POSS_WORDS = {"seinen", "seiner", "seines", "seine", "ihren", "ihrer", "ihres", "ihre"}
_STANCE_ADJ = words(
    """
    zuversichtlich überzeugt besorgt optimistisch enttäuscht erleichtert skeptisch empört überrascht
    zufrieden unzufrieden gelassen
    """
)


_UEBEN = frozenset({"übte", "übt", "übten", "üben", "übe", "geübt"})  # "übte Kritik" (_de_uebte_kritik)

# The words the rules of find_cues test for before the verb stems: a word in none of them reaches the stems
# at once (German) or is no cue (English, unless it ends in "-ing": "is urging").
_DE_RULE_WORDS = (
    frozenset(
        {
            *("laut", "lt.", "gemäß", "zufolge", "nach", "so", "heißt", "hieß", "geheißen", "gemacht", "gegeben"),
            *("hervorgeht", "hervorging", "hervorgehen", "geht", "ging", "gehen", "gingen"),
            *("nahm", "nimmt", "nahmen", "nehmen", "besteht", "bestehen", "bestand", "bestanden"),
            "ausgesprochen",
            *("kam", "kommt", "kamen", "kommen", "hielt", "hält", "hielten", "halten"),
            *("ist", "war", "sind", "waren", "vertritt", "vertrat", "vertreten", "bleibt", "blieb"),
            *("rechnet", "rechnen", "rechnete", "rechneten", "ließ", "lässt", "ließen"),
            *("zeigte", "zeigt", "zeigten", "gibt", "gab"),
            *("einigten", "einigte", "einigen", "einigt", "fassten", "fasste", "fassen", "fasst"),
            *_UEBEN,
        }
    )
    | DE_SPEECH_PARTICIPLES
    | DE_SPEECH_WORDS
    | _REVISE_VERBS
)
# words before an English base form that make it no statement made: an infinitive, a negation, a modal
_NOT_SAID_BEFORE = frozenset(
    "to not n't never will would could should may might must can cannot shall unlikely likely".split()
)
_EN_CUE_WORDS = (
    frozenset({"according", "show", "shows", "showed", "suggest", "suggests", "found", "finds", "find"})
    | _REVISE_VERBS
    | EN_SPEECH_VERBS
)


@dataclass
class Cue:
    start: int
    end: int
    word: str
    rule: str
    direction: str = "auto"  # auto | right | left | agent


def _stem_table() -> dict[str, str]:
    """Every speech stem (or particle verb stem) with every ending of DE_VERB_ENDINGS -> the stem. Where one
    form reads two ways, the ending that comes first in DE_VERB_ENDINGS wins, as in the loop this replaces
    (for each ending in order: does the word end so, and is the rest a stem?)."""
    table: dict[str, str] = {}
    for ending in DE_VERB_ENDINGS:
        for stem in sorted(DE_SPEECH_STEMS | DE_SEPARABLE_PARTICLES.keys()):
            table.setdefault(stem + ending, stem)
    return table


# a dict hit per word instead of a loop over 13 endings (the most frequent step of find_cues)
_STEM_OF = _stem_table()


def _stem(low: str) -> str | None:
    """The speech stem of a German verb form ("betonte" -> "beton"), or None."""
    return _STEM_OF.get(low)


_SENTENCED = re.compile(
    r"\bzu\s+(?:\S+\s+){0,3}(?:Haft|Jahren|Monaten|Strafe|Geldstrafe|Haftstrafe|Freiheitsstrafe|"
    r"lebenslang)|\bzu\s+\S*(?:strafe|haft)\b"
)


# Verb-final separable verbs written as one word: a particle, then a form of a stem that particle makes a
# speech verb, of three letters or more ("mit" + "teilte", "aus" + "führte", "hinzu" + "fügte"); all such
# words, listed once instead of trying every particle on every word.
_GLUED_FORMS = frozenset(
    p + form for form, stem in _STEM_OF.items() if len(form) > 2 for p in DE_SEPARABLE_PARTICLES.get(stem, ())
)


def _glued(low: str) -> bool:
    """Verb-final separable verbs written as one word: "mitteilte", "ausführte", "hinzufügte"."""
    return low in _GLUED_FORMS


def _clause_index(lows: list[str]) -> tuple[list[int], list[str], dict[int, dict[str, int]]]:
    """For each token j: the index of the token that ends its clause (or len), the last counted token
    from j to that end ("" if none), and per clause end the last index of each counted word in its clause.
    A full stop after a number or a short word ("am 6. Mai", "Dr. X") ends no clause and is not counted;
    ".", ";", ":", "!", "?" and a comma before "dass"/"ob"/"wie"/"er"/"sie" end one. The rest of the clause
    after token i is then tokens i+1 .. clause_end[i+1]-1: the same words a forward scan from i finds."""
    n = len(lows)
    clause_end = [n] * (n + 1)
    tail = [""] * (n + 1)
    skipped = [False] * n
    for j in range(n - 1, -1, -1):
        w = lows[j]
        # (j >= 1 here as in the scan, which starts after a speech stem; lows[-1] is never read for j = 0)
        if w == "." and j + 2 < n and j >= 1 and (lows[j - 1].isdigit() or len(lows[j - 1]) <= 3):
            skipped[j] = True
            clause_end[j] = clause_end[j + 1]
            tail[j] = tail[j + 1]
        elif w in (".", ";", ":", "!", "?") or (
            w == "," and j + 1 < n and lows[j + 1] in ("dass", "ob", "wie", "er", "sie")
        ):
            clause_end[j] = j
            tail[j] = ""
        else:
            clause_end[j] = clause_end[j + 1]
            tail[j] = tail[j + 1] or w
    last: dict[int, dict[str, int]] = {}
    for j in range(n):
        if not skipped[j] and clause_end[j] != j:
            last.setdefault(clause_end[j], {})[lows[j]] = j
    return clause_end, tail, last


@dataclass
class _Tokens:
    """One sentence's tokens for the cue rules: (start, end, word) and the words in lower case."""

    text: str
    start: int
    end: int
    toks: list[tuple[int, int, str]]
    lows: list[str]
    sentenced: bool | None = None  # _SENTENCED over the whole sentence, searched once when needed
    clause: tuple[list[int], list[str], dict[int, dict[str, int]]] | None = None  # _clause_index, on demand

    def cue(self, i: int, rule: str, direction: str = "auto", word: str = "") -> Cue:
        s, e, _ = self.toks[i]
        return Cue(s, e, word or self.lows[i], rule, direction)


# A rule looks at token i. It returns None when it does not apply (the next rule tries), else the cues it
# found (possibly none): the word is then handled and no later rule sees it.
Rule = Callable[[_Tokens, int], "list[Cue] | None"]


# --- English ----------------------------------------------------------------------------------------------


def _en_according_to(t: _Tokens, i: int) -> list[Cue] | None:
    if t.lows[i] == "according" and i + 1 < len(t.toks) and t.lows[i + 1] == "to":
        return [Cue(t.toks[i][0], t.toks[i + 1][1], "according to", "speaker:according-to", "right")]
    return None


def _en_progressive(t: _Tokens, i: int) -> list[Cue] | None:
    """ "The RSPCA is urging people …": a progressive speech verb."""
    low, lows = t.lows[i], t.lows
    if (
        i > 0
        and lows[i - 1] in ("is", "are", "was", "were", "been")
        and low.endswith("ing")
        and any(low[:-3] + end in EN_SPEECH_VERBS for end in ("ed", "d", "s", "es", "e"))
        and (low != "calling" or (i + 1 < len(t.toks) and lows[i + 1] in ("for", "on")))
    ):
        return [t.cue(i, f"speaker:verb:{low}")]
    return None


def _en_hearsay(t: _Tokens, i: int) -> list[Cue] | None:
    """ "it is said to be struggling": hearsay without a speaker."""
    return [] if i > 0 and t.lows[i - 1] in ("is", "are", "was", "were", "be", "been", "being") else None


def _en_called(t: _Tokens, i: int) -> list[Cue] | None:
    """ "an application called Pictochat" names; "called for", "called it" speaks."""
    if t.lows[i] == "called" and (i + 1 >= len(t.toks) or t.lows[i + 1] not in _CALLED_NEXT):
        return []
    return None


def _en_figures_by(t: _Tokens, i: int) -> list[Cue] | None:
    """ "Figures published by X show": the agent of the figures."""
    lows = t.lows
    if (
        lows[i] in ("show", "shows", "showed", "suggest", "suggests")
        and "by" in lows[max(0, i - 8) : i]
        and ({"figures", "data", "statistics", "numbers", "survey", "report"} & set(lows[max(0, i - 10) : i]))
    ):
        return [t.cue(i, f"speaker:verb:{lows[i]}", "agent")]
    return None


def _en_found_that(t: _Tokens, i: int) -> list[Cue] | None:
    """ "The researchers found that …"."""
    if t.lows[i] in ("found", "finds", "find") and i + 1 < len(t.toks) and t.lows[i + 1] == "that":
        return [t.cue(i, "speaker:verb:found-that")]
    return None


def _en_revised_forecast(t: _Tokens, i: int) -> list[Cue] | None:
    """ "The company cut its forecast"."""
    low = t.lows[i]
    if low in _REVISE_VERBS and any(w in ("forecast", "outlook", "guidance") for w in t.lows[i + 1 : i + 5]):
        return [t.cue(i, f"speaker:verb:{low}")]
    return None


def _en_base_form_unsaid(t: _Tokens, i: int) -> list[Cue] | None:
    """ "to announce", "will reject", "did not reveal": nothing was said (yet)."""
    return [] if t.lows[i] in EN_SPEECH_BASE_FORMS and i > 0 and t.lows[i - 1] in _NOT_SAID_BEFORE else None


def _en_speech_verb(t: _Tokens, i: int) -> list[Cue] | None:
    low = t.lows[i]
    if low in EN_SPEECH_VERBS and low != "according" and t.toks[i][2][:1].islower():
        if low.endswith("ed") and i > 0 and t.lows[i - 1] in _EN_DETERMINERS:
            return []  # "the alleged spammers", "its announced plan": a participle used as an adjective
        return [t.cue(i, f"speaker:verb:{low}")]
    return None


_EN_DETERMINERS = frozenset("the a an its their his her our this that these those".split())


EN_RULES: tuple[Rule, ...] = (
    _en_according_to,
    _en_progressive,
    _en_hearsay,
    _en_called,
    _en_figures_by,
    _en_found_that,
    _en_revised_forecast,
    _en_base_form_unsaid,
    _en_speech_verb,
)


# --- German: words with a rule of their own (_DE_RULE_WORDS), then speech verb stems ---------------------


def _de_frame_word(t: _Tokens, i: int) -> list[Cue] | None:
    """ "laut X", "gemäß X" look right; "X zufolge" looks left."""
    low = t.lows[i]
    if low in ("laut", "lt.", "gemäß"):
        return [t.cue(i, f"speaker:{low}", "right")]
    if low == "zufolge":
        return [t.cue(i, "speaker:zufolge", "left")]
    return None


def _de_nach(t: _Tokens, i: int) -> list[Cue] | None:
    """ "nach Angaben des Ministeriums", "nach Ansicht von Experten", "nach eigenen Angaben"."""
    if t.lows[i] != "nach":
        return None
    toks, lows = t.toks, t.lows
    s, e, _ = toks[i]
    j = i + 1
    if j + 1 < len(toks) and lows[j] in ("eigenen", "eigenem") and lows[j + 1] in _NACH_NOUNS:
        # "nach eigenen Angaben": the subject of the clause speaks for itself
        return [Cue(s, toks[j + 1][1], "nach eigenen " + toks[j + 1][2], "speaker:nach-eigenen", "auto")]
    if j + 1 < len(toks) and lows[j] in ("einem", "einer", "einen") and _source_noun(lows[j + 1]):
        # "Nach einem Bericht der Zeitung X", "nach einer Studie der UNO": the source phrase
        return [Cue(s, e, "nach " + toks[j + 1][2], "speaker:nach-" + lows[j + 1], "right")]
    if j < len(toks) and lows[j] in ("den", "dem", "der", "ersten", "offiziellen", "jüngsten", "neuen"):
        j += 1
    if j < len(toks) and lows[j] in ("ersten", "offiziellen", "jüngsten", "neuen", "bisherigen"):
        j += 1
    if j + 1 < len(toks) and lows[j] in _POSS_WORDS and lows[j + 1] in _NACH_NOUNS:
        # "nach seinen Angaben": the possessive names the speaker (resolved like a pronoun)
        return [Cue(s, e, "nach " + toks[j + 1][2], "speaker:nach-" + lows[j + 1], "right")]
    if j < len(toks) and _source_noun(lows[j]) and toks[j][2][:1].isupper():
        return [Cue(s, toks[j][1], "nach " + toks[j][2], "speaker:nach-" + lows[j], "right")]
    return []


def _de_so(t: _Tokens, i: int) -> list[Cue] | None:
    """ "„…“, so der Minister", ", so Müller": not ", so viel wie nie zuvor", ", so dass"."""
    toks, lows = t.toks, t.lows
    if (
        lows[i] == "so"
        and i > 0
        and lows[i - 1] in {",", "“", "”", '"', "«", "»"}
        and i + 1 < len(toks)
        and (toks[i + 1][2][:1].isupper() or lows[i + 1] in _SO_NEXT or re.match(r"[a-zäöü]+-[A-ZÄÖÜ]", toks[i + 1][2]))
    ):
        return [t.cue(i, "speaker:so", "right", "so")]
    return None


def _de_heisst_es(t: _Tokens, i: int) -> list[Cue] | None:
    """ "heißt es": no named speaker, unless the source is named: "heißt es in einer Erklärung des
    Ministeriums", "Bei der Agentur RIA hieß es"."""
    low, toks, lows = t.lows[i], t.toks, t.lows
    if low not in ("heißt", "hieß", "geheißen"):
        return None
    if i + 2 < len(toks) and lows[i + 1] == "es" and lows[i + 2] in _SOURCE_PREPS | {"von", "vom"}:
        return [Cue(toks[i + 2][0], toks[i + 2][1], low + " es", "speaker:heißt-es-in", "right")]
    if i > 0 and lows[i - 1] not in (",", "es") and i + 1 < len(toks) and lows[i + 1] == "es":
        k = next((k for k in range(min(i, 3)) if lows[k] in _SOURCE_PREPS), -1)  # only k <= 2 counts
        if 0 <= k <= 2 and lows[0] != "wie":
            return [Cue(toks[k][0], toks[k][1], low + " es", "speaker:heißt-es-in", "right")]
    return []


def _de_hervorgehen(t: _Tokens, i: int) -> list[Cue] | None:
    """ "Wie aus einer Mitteilung der Polizei hervorgeht", "geht aus dem Bericht der UN hervor"."""
    low, toks, lows = t.lows[i], t.toks, t.lows
    if not (
        low in ("hervorgeht", "hervorging", "hervorgehen")
        or (low in ("geht", "ging", "gehen", "gingen") and "hervor" in lows[i + 1 : i + 25])
    ):
        return None
    k = next((k for k in range(max(0, i - 20), min(len(toks), i + 8)) if lows[k] == "aus"), -1)
    return [Cue(toks[k][0], toks[k][1], "hervorgehen aus", "speaker:hervorgehen-aus", "right")] if k >= 0 else []


def _de_participle(t: _Tokens, i: int) -> list[Cue] | None:
    """A passive with its agent ("wurde von der Regierung zurückgewiesen"); without a passive auxiliary
    "von" belongs to a name ("die Regierung von Myanmar … aufgefordert", "Byrs vom UN-Büro")."""
    low, lows = t.lows[i], t.lows
    if not (
        low in DE_SPEECH_PARTICIPLES
        or (low == "gemacht" and i > 0 and lows[i - 1] in ("klar", "deutlich", "bekannt"))
        or (low == "gegeben" and i > 0 and lows[i - 1] == "bekannt")
    ):
        return None
    window = lows[max(0, i - 12) : i]
    passive = any(w in _PASSIVE_AUX for w in lows[max(0, i - 16) : i + 3])
    agent = "agent" if passive and any(w in ("von", "vom") for w in window) else "auto"
    if agent == "auto" and low != "zitiert" and _werden_passive(lows, i):
        # (but "Er wird mit den Worten zitiert": whoever is quoted is the speaker)
        # "Ägypten wird aufgefordert, …", "Die Regierung wurde scharf kritisiert": the subject of a passive is
        # who was addressed, not who spoke; without "von" nobody is named (the agent pass finds no one)
        agent = "agent"
    return [t.cue(i, f"speaker:verb:{low}", agent)]


_WERDEN = frozenset({"wird", "wurde", "werden", "wurden", "worden", "würde", "würden"})
_HABEN = frozenset({"hat", "hatte", "haben", "hatten", "habe", "hätte", "hätten"})


def _werden_passive(lows: list[str], i: int) -> bool:
    """Whether the participle at i is a werden-passive in its clause: a form of "werden" at most eight words
    before it (or "worden" right after it), no comma, colon or form of "haben" between."""
    if i + 1 < len(lows) and lows[i + 1] == "worden":
        return True
    for j in range(i - 1, max(-1, i - 9), -1):
        w = lows[j]
        if w in (",", ";", ":", "„", "“", '"', "»", "«") or w in _HABEN:
            return False
        if w in _WERDEN:
            return True
    return False


def _de_speech_word(t: _Tokens, i: int) -> list[Cue] | None:
    low = t.lows[i]
    if low in DE_SPEECH_WORDS and low not in ("so", "laut", "zufolge", "demnach", "wonach"):
        return [t.cue(i, f"speaker:verb:{low}")]
    return None


def _de_kam_von(t: _Tokens, i: int) -> list[Cue] | None:
    """ "Kritik kam vom Epidemiologen X"."""
    lows = t.lows
    if (
        lows[i] in ("kam", "kommt", "kamen", "kommen")
        and set(lows[max(0, i - 6) : i]) & _REACTION_NOUNS
        and i + 1 < len(t.toks)
        and lows[i + 1] in ("von", "vom")
    ):
        return [t.cue(i, "speaker:verb:kam-von", "right")]
    return None


def _de_haelt_fuer(t: _Tokens, i: int) -> list[Cue] | None:
    """ "X hält die Debatte für verkürzt": a stance (not "hält die Tür für die Gäste offen")."""
    low, lows, toks = t.lows[i], t.lows, t.toks
    if low not in ("hielt", "hält", "hielten", "halten") or "für" not in lows[i + 1 : i + 8]:
        return None
    k = lows.index("für", i + 1)
    nxt = lows[k + 1] if k + 1 < len(toks) else ""
    if (
        nxt
        and toks[k + 1][2][:1].islower()
        and nxt not in ("die", "den", "das", "ein", "eine", "einen", "einem", "einer", "eines")
    ):
        return [t.cue(i, "speaker:stance:hält-für")]
    return None


def _de_phrase_after(word_forms: tuple[str, ...], nearby: str, reach: int, rule: str) -> Rule:
    """A verb whose speech sense needs a word a little after it ("hielt dagegen", "nahm … Stellung")."""

    def rule_fn(t: _Tokens, i: int) -> list[Cue] | None:
        if t.lows[i] in word_forms and nearby in t.lows[i + 1 : i + 1 + reach]:
            return [t.cue(i, rule)]
        return None

    rule_fn.__name__ = "_de_" + rule.rsplit(":", 1)[-1].replace("-", "_")
    return rule_fn


_CLAUSE_END_OR_AUX = frozenset(
    {".", ",", ";", ":", "!", "?", "hat", "haben", "hatte", "hatten", "habe", "und", "worden"}
)


def _de_uebte_kritik(t: _Tokens, i: int) -> list[Cue] | None:
    """ "X übte scharfe Kritik am Land", "hat X Kritik an dem Plan geübt": criticism voiced is a stance of
    the subject (üben alone, "übte den Elfmeter", is none)."""
    low, lows = t.lows[i], t.lows
    if low not in _UEBEN:
        return None
    near = lows[max(0, i - 6) : i] if low == "geübt" else lows[i + 1 : i + 5]
    if not any(w == "kritik" or w.endswith("kritik") for w in near):
        return None
    return [t.cue(i, "speaker:verb:übte-kritik")]


def _de_sich_ausgesprochen(t: _Tokens, i: int) -> list[Cue] | None:
    """ "Die Berliner SPD hat sich für einen Werteunterricht ausgesprochen": a stated position (not the
    adverb in "ausgesprochen gut")."""
    if t.lows[i] != "ausgesprochen":
        return None
    before = t.lows[max(0, i - 14) : i]
    nxt = t.lows[i + 1] if i + 1 < len(t.lows) else "."
    if nxt not in _CLAUSE_END_OR_AUX or "sich" not in before or not {"für", "gegen"} & set(before):
        return None  # ("hat sich gegen Müller ausgesprochen knapp durchgesetzt": the adverb)
    return [t.cue(i, "speaker:verb:sich-ausgesprochen")]


def _de_nahm_stellung(t: _Tokens, i: int) -> list[Cue] | None:
    """ "nahm X zu der Frage Stellung" (not "nahmen die Stellung des Feindes ein")."""
    lows = t.lows
    # (within its clause, past an apposition: "nahm auch der Ministerpräsident des Landes, Christian Wulff
    # (CDU), zu der Frage Stellung")
    reach = lows[i + 1 : i + 30]
    reach = reach[: next((k for k, w in enumerate(reach) if w in (".", ";", ":", "!", "?")), len(reach))]
    if lows[i] not in ("nahm", "nimmt", "nahmen", "nehmen") or "stellung" not in reach:
        return None
    k = lows.index("stellung", i + 1)
    return None if "ein" in lows[k + 1 : k + 8] else [t.cue(i, "speaker:verb:nahm-stellung")]


def _de_der_ansicht(t: _Tokens, i: int) -> list[Cue] | None:
    """ "X ist der Ansicht, dass …"."""
    lows = t.lows
    if (
        lows[i] in ("ist", "war", "sind", "waren", "vertritt", "vertrat", "vertreten")
        and i + 2 < len(t.toks)
        and lows[i + 1] in ("der", "die")
        and lows[i + 2] in ("ansicht", "meinung", "auffassung", "überzeugung")
    ):
        return [t.cue(i, "speaker:verb:der-ansicht")]
    return None


def _de_revised_forecast(t: _Tokens, i: int) -> list[Cue] | None:
    """ "hat seine Prognose gesenkt", "hob die Wachstumsprognose an", "cut its forecast": the body revises."""
    low = t.lows[i]
    if low in _REVISE_VERBS and any(
        w.endswith(("prognose", "prognosen", "forecast", "outlook", "guidance")) for w in t.lows[max(0, i - 6) : i + 8]
    ):
        return [t.cue(i, f"speaker:verb:{low}")]
    return None


def _de_liess_verlauten(t: _Tokens, i: int) -> list[Cue] | None:
    if t.lows[i] in ("ließ", "lässt", "ließen") and {"verlauten", "wissen", "durchblicken"} & set(
        t.lows[i + 1 : i + 10]
    ):
        return [t.cue(i, "speaker:verb:ließ-verlauten")]
    return None


def _de_stance_copula(t: _Tokens, i: int) -> list[Cue] | None:
    """ "Islands Regierung ist dennoch zuversichtlich"."""
    lows = t.lows
    if (
        lows[i] in ("ist", "sind", "war", "waren", "bleibt", "blieb")
        and i > 0
        and t.toks[i - 1][2][:1].isupper()
        and any(w in _STANCE_ADJ for w in lows[i + 1 : i + 4])
    ):
        return [t.cue(i, f"speaker:stance:{lows[i]}")]
    return None


def _de_zeigte_geht(t: _Tokens, i: int) -> list[Cue] | None:
    """ "zeigte sich zuversichtlich", "geht davon aus", "Die Staatsanwaltschaft geht von einem Unfall aus"."""
    low, lows, toks = t.lows[i], t.lows, t.toks
    if low not in ("zeigte", "zeigt", "zeigten", "gibt", "gab", "geht", "ging", "gehen", "gingen"):
        return None
    window = set(lows[i + 1 : i + 16])
    stance = any(w in _STANCE_ADJ or w[:-2] in _STANCE_ADJ or w[:-3] in _STANCE_ADJ for w in window)
    if low.startswith("zeig") and stance and "sich" in window:
        return [t.cue(i, f"speaker:stance:{low}")]
    if low.startswith(("geh", "ging")) and "davon" in window and "aus" in lows[i + 1 : i + 20]:
        return [t.cue(i, f"speaker:verb:{low}-davon-aus")]
    if (
        low.startswith(("geh", "ging"))
        and i + 1 < len(toks)
        and lows[i + 1] in ("von", "vom")
        and "aus" in lows[i + 2 : i + 12]
        and lows[i + 2 : i + 12].index("aus") + i + 3 < len(toks)
        and lows[lows[i + 2 : i + 12].index("aus") + i + 3] in (".", ",", ";", "!")
    ):
        return [t.cue(i, f"speaker:stance:{low}-von-aus")]
    return None  # (then the verb stems decide: "gab … an")


DE_WORD_RULES: tuple[Rule, ...] = (
    _de_frame_word,
    _de_nach,
    _de_so,
    _de_heisst_es,
    _de_hervorgehen,
    _de_participle,
    _de_speech_word,
    _de_kam_von,
    _de_haelt_fuer,
    _de_phrase_after(("hielt", "hält", "hielten", "halten"), "dagegen", 3, "speaker:verb:hielt-dagegen"),
    _de_sich_ausgesprochen,
    _de_uebte_kritik,
    _de_der_ansicht,
    _de_revised_forecast,
    _de_nahm_stellung,
    _de_phrase_after(("besteht", "bestehen", "bestand", "bestanden"), "darauf", 3, "speaker:verb:besteht-darauf"),
    # an agreement or a resolution reports what the parties said they would do ("Regierung und Rebellen
    # einigten sich darauf, dass …", "fassten die Grünen den Beschluss, … zu führen")
    _de_phrase_after(("einigten", "einigte", "einigen", "einigt"), "sich", 2, "speaker:verb:einigten-sich"),
    _de_phrase_after(("fassten", "fasste", "fassen", "fasst"), "beschluss", 12, "speaker:verb:fassten-beschluss"),
    _de_phrase_after(("rechnet", "rechnen", "rechnete", "rechneten"), "mit", 7, "speaker:stance:rechnet-mit"),
    _de_liess_verlauten,
    _de_stance_copula,
    _de_zeigte_geht,
)


_ARTICLE_AFTER_PREPOSITION = frozenset("der die das den dem des ein eine einen einem einer eines".split())


def _particle_at(t: _Tokens, k: int, verb: int) -> bool:
    """Whether token k, after the verb, is the verb's separable particle and not a preposition: "ruft die
    Bürger auf" is a call, "ruft Neider auf den Plan" is not (an article or a noun follows "auf")."""
    if k <= verb:
        return False
    if k + 1 < len(t.lows):
        nxt, word = t.lows[k + 1], t.toks[k + 1][2]
        if nxt in _ARTICLE_AFTER_PREPOSITION or (word[:1].isupper() and word.isalpha()):
            return False
    return True


def _de_speech_stem(t: _Tokens, i: int, cues: list[Cue]) -> list[Cue]:
    """A form of a speech verb stem ("betonte"), a separable one with its particle in the clause ("stellte
    … fest", glued: "mitteilte"), not one a particle spoils ("sagte … ab")."""
    low, lows = t.lows[i], t.lows
    stem = _stem(low)
    if stem is None:
        return [t.cue(i, f"speaker:verb:{low}")] if _glued(low) else []
    # the rest of the clause decides separable verbs (indexed once per sentence, not rescanned per verb)
    if t.clause is None:
        t.clause = _clause_index(lows)
    clause_end, clause_tail, clause_last = t.clause
    tail = clause_tail[i + 1] if i + 1 < len(lows) else ""
    if stem in DE_SPOILING_PARTICLES and tail in DE_SPOILING_PARTICLES[stem]:
        return []
    after_quote = i >= 2 and lows[i - 1] == "," and lows[i - 2] in ("“", "”", '"', "«", "»")
    if stem in DE_NEEDS_PARTICLE and not (stem in ("rief", "ruf") and after_quote):  # „…“, rief X
        parts = DE_SEPARABLE_PARTICLES.get(stem, set())
        last = clause_last.get(clause_end[i + 1], {}) if i + 1 < len(lows) else {}
        end = clause_end[i + 1] if i + 1 < len(lows) else i
        has_particle = any(last.get(p, -1) > i for p in parts) and any(
            lows[k] in parts and _particle_at(t, k, i) for k in range(i + 1, end)
        )
        if not has_particle and not any(lows[i - 1] == p for p in parts if i > 0):
            return []
    if cues and _konjunktiv_stem(low):
        return []  # "…, die Aktion erinnere an …": a Konjunktiv verb inside reported speech
    if low.endswith("t") and _werden_passive(lows, i):
        # "wurde von Kenias Regierung beschuldigt": a participle the stem table knows, in a werden-passive;
        # its agent speaks, never its subject
        return [t.cue(i, f"speaker:verb:{low}", "agent")]
    return [t.cue(i, f"speaker:verb:{low}")]


# Documents that speak for whoever wrote them: "In einem internen Schreiben … war von … die Rede", "Im
# Bericht der FIFA-Beauftragten war festgestellt worden", "steht in dem Gesetzentwurf", "In einer Erklärung
# der EU-Außenminister hatte es geheißen". A word counts when it is one of these or a compound ending in one.
_DOCUMENT_TAILS = (
    *("schreiben", "brief", "erklärung", "mitteilung", "stellungnahme", "bericht", "berichts", "berichtes"),
    *("entwurf", "entwurfs", "anordnung", "urteil", "urteils", "beschluss", "resolution", "vertrag", "vertrags"),
    *("papier", "papiers", "protokoll", "studie", "analyse", "interview", "artikel", "kommentar", "gutachten"),
    *("memorandum", "passus", "absatz", "abschnitt", "kapitel", "fassung", "vorabversion", "ausgabe", "meldung"),
    *("verordnung", "richtlinie", "gesetz", "gesetzes", "programm", "antwort", "anfrage", "dokument", "e-mail"),
    *("botschaft", "aufruf", "appell", "petition", "satz", "notiz", "bilanz"),
)
# what a document does: "heißt es", "steht", "ist … die Rede", a passive speech participle ("wurde verkündet")
_DOCUMENT_VERBS = frozenset({"heißt", "hieß", "geheißen", "steht", "stand", "stehen", "standen", "gestanden"})
# "Im Urteil wurde er verurteilt", "In dem Bericht wird X zitiert": the document does not say these, someone
# is sentenced or quoted in it
_NOT_DOCUMENT_SPEECH = frozenset({"verurteilt", "zitiert", "genannt", "gebeten", "aufgefordert", "abgelehnt"})
_NP_WORDS = frozenset(
    "der die das dem den des ein eine einer einem einen eines sein seine seiner seinem seines ihr ihre ihrer "
    "ihrem ihres dieser diese diesem dieses jüngsten letzten neuen aktuellen internen offenen".split()
)


def _document_after(t: _Tokens, i: int) -> bool:
    """Whether the words after "in"/"im" at token i name a document within four words ("einem internen
    Schreiben", "der aktuellen Ausgabe", "dem Gesetzentwurf")."""
    for j in range(i + 1, min(len(t.toks), i + 5)):
        low, word = t.lows[j], t.toks[j][2]
        if word[:1].isupper():
            return low.endswith(_DOCUMENT_TAILS)
        if low not in _NP_WORDS and not low.endswith(("en", "em", "er", "es", "e")):
            return False
    return False


def _de_in_document(t: _Tokens, cues: list[Cue]) -> list[Cue]:
    """ "In <document> heißt es / steht / war von … die Rede / wurde … verkündet": the document (and whoever
    it names as its author) is the source; the cue stands on "in" and looks right, like "laut"."""
    lows = t.lows
    said = (
        any(w in _DOCUMENT_VERBS for w in lows)
        or ("rede" in lows and "die" in lows)
        or any(
            w in DE_SPEECH_PARTICIPLES
            and w not in _NOT_DOCUMENT_SPEECH
            and any(a in _PASSIVE_AUX for a in lows[max(0, k - 14) : k])
            for k, w in enumerate(lows)
        )
    )
    if not said:
        return []
    taken = {c.start for c in cues}
    for i, low in enumerate(lows):
        if low in ("in", "im") and _document_after(t, i) and t.toks[i][0] not in taken:
            return [t.cue(i, "speaker:in-document", "right", low)]
    return []


def find_cues(text: str, start: int, end: int, language: str) -> list[Cue]:
    """The speech cues of the sentence text[start:end], in text order: for English the first of EN_RULES
    that applies to a word; for German the first of DE_WORD_RULES for the words they look at
    (_DE_RULE_WORDS), else the speech verb stems."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    t = _Tokens(text, start, end, toks, [w[2].lower() for w in toks])
    cues: list[Cue] = []
    for i, (_, _, tok) in enumerate(toks):
        low = t.lows[i]
        if language != "de":
            if low not in _EN_CUE_WORDS and not low.endswith("ing"):
                continue  # none of the rules can add a cue
            cues.extend(next((found for rule in EN_RULES if (found := rule(t, i)) is not None), []))
            continue
        if tok[:1].isupper() and low not in ("laut", "nach", "gemäß"):
            continue  # capitalised = a noun ("Berichte"), except "Laut"/"Nach" at sentence start
        if low.startswith("verurteil"):
            if t.sentenced is None:
                t.sentenced = bool(_SENTENCED.search(text, start, end))
            if t.sentenced:
                continue
        # a word in none of the word rules goes straight to the verb stems, which most words do
        if low in _DE_RULE_WORDS:
            found = next((found for rule in DE_WORD_RULES if (found := rule(t, i)) is not None), None)
            if found is not None:
                cues.extend(found)
                continue
        cues.extend(_de_speech_stem(t, i, cues))
    if language == "de" and ("in" in t.lows or "im" in t.lows):
        cues.extend(_de_in_document(t, cues))
        cues.sort(key=lambda c: c.start)
    if language == "de" and len(cues) > 1:
        # "Der Abschuss rechtfertige sich nach Meinung der Organisation …": a Konjunktiv I speech verb ("-e" on
        # the bare stem) is part of the reported speech that another cue of the sentence frames
        cues = [c for c in cues if not _konjunktiv_stem(c.word)]
    return cues


def _konjunktiv_stem(word: str) -> bool:
    """ "rechtfertige", "betone": a speech verb's bare stem plus -e, the Konjunktiv I of the third person."""
    stem = _stem(word)
    return stem is not None and word.endswith("e") and not word.endswith("te") and stem + "e" == word
