"""Speech cues in a sentence: German and English verbs of saying and their frames.

Finds "sagte", "betonte", "stellte … fest" (separable verbs decided by the clause end: "sagte … ab" is
not speech), participles in passive/perfect ("wurden … zurückgewiesen"), frames ("laut", "zufolge",
"nach Angaben", "nach einem Bericht", "according to") and stance ("zeigte sich zuversichtlich").
Who the cue belongs to is decided in speakers.py.
"""

from __future__ import annotations

import re
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


# The words the rules of find_cues test for before the verb stems: a word in none of them reaches the stems
# at once (German) or is no cue (English, unless it ends in "-ing": "is urging").
_DE_RULE_WORDS = (
    frozenset(
        {
            *("laut", "lt.", "gemäß", "zufolge", "nach", "so", "heißt", "hieß", "geheißen", "gemacht", "gegeben"),
            *("hervorgeht", "hervorging", "hervorgehen", "geht", "ging", "gehen", "gingen"),
            *("nahm", "nimmt", "nahmen", "nehmen", "besteht", "bestehen", "bestand", "bestanden"),
            *("kam", "kommt", "kamen", "kommen", "hielt", "hält", "hielten", "halten"),
            *("ist", "war", "sind", "waren", "vertritt", "vertrat", "vertreten", "bleibt", "blieb"),
            *("rechnet", "rechnen", "rechnete", "rechneten", "ließ", "lässt", "ließen"),
            *("zeigte", "zeigt", "zeigten", "gibt", "gab"),
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


def find_cues(text: str, start: int, end: int, language: str) -> list[Cue]:
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]
    cues: list[Cue] = []
    lows = [t[2].lower() for t in toks]
    sentenced: bool | None = None  # _SENTENCED over the whole sentence, searched once when needed
    clause_end: list[int] | None = None  # built on the first speech stem (see _clause_index)
    for i, (s, e, tok) in enumerate(toks):
        low = lows[i]
        if language != "de":
            if low not in _EN_CUE_WORDS and not low.endswith("ing"):
                continue  # none of the rules below can add a cue
            if low == "according" and i + 1 < len(toks) and lows[i + 1] == "to":
                cues.append(Cue(s, toks[i + 1][1], "according to", "speaker:according-to", "right"))
            elif (
                i > 0
                and lows[i - 1] in ("is", "are", "was", "were", "been")
                and low.endswith("ing")
                and any(low[:-3] + end in EN_SPEECH_VERBS for end in ("ed", "d", "s", "es", "e"))
                and (low != "calling" or (i + 1 < len(toks) and lows[i + 1] in ("for", "on")))
            ):
                cues.append(Cue(s, e, low, f"speaker:verb:{low}"))  # "The RSPCA is urging people …"
            elif i > 0 and lows[i - 1] in ("is", "are", "was", "were", "be", "been", "being"):
                continue  # "it is said to be struggling": hearsay without a speaker
            elif low == "called" and (i + 1 >= len(toks) or lows[i + 1] not in _CALLED_NEXT):
                continue  # "an application called Pictochat" names, "called for / called it" speaks
            elif (
                low in ("show", "shows", "showed", "suggest", "suggests")
                and "by" in lows[max(0, i - 8) : i]
                and ({"figures", "data", "statistics", "numbers", "survey", "report"} & set(lows[max(0, i - 10) : i]))
            ):
                cues.append(Cue(s, e, low, f"speaker:verb:{low}", "agent"))  # "Figures published by X show"
            elif low in ("found", "finds", "find") and i + 1 < len(toks) and lows[i + 1] == "that":
                cues.append(Cue(s, e, low, "speaker:verb:found-that"))  # "The researchers found that …"
            elif low in _REVISE_VERBS and any(w in ("forecast", "outlook", "guidance") for w in lows[i + 1 : i + 5]):
                cues.append(Cue(s, e, low, f"speaker:verb:{low}"))  # "The company cut its forecast"
            elif low in EN_SPEECH_BASE_FORMS and i > 0 and lows[i - 1] in _NOT_SAID_BEFORE:
                continue  # "to announce", "will reject", "did not reveal": nothing was said (yet)
            elif low in EN_SPEECH_VERBS and low != "according" and tok[:1].islower():
                cues.append(Cue(s, e, low, f"speaker:verb:{low}"))
            continue
        if tok[:1].isupper() and low not in ("laut", "nach", "gemäß"):
            continue  # capitalised = a noun ("Berichte"), except "Laut"/"Nach" at sentence start
        if low.startswith("verurteil"):
            if sentenced is None:
                sentenced = bool(_SENTENCED.search(text, start, end))
            if sentenced:
                continue
        # every rule below starts with a test of the word itself (a list or a few words): a word in none
        # of them (_DE_RULE_WORDS) goes straight to the verb stems, which most words of a sentence do
        if low in _DE_RULE_WORDS:
            if low in ("laut", "lt.", "gemäß"):
                cues.append(Cue(s, e, low, f"speaker:{low}", "right"))
                continue
            if low == "zufolge":
                cues.append(Cue(s, e, low, "speaker:zufolge", "left"))
                continue
            if low == "nach":
                # "nach Angaben des Ministeriums", "nach Ansicht von Experten", "nach eigenen Angaben"
                j = i + 1
                if j + 1 < len(toks) and lows[j] in ("eigenen", "eigenem") and lows[j + 1] in _NACH_NOUNS:
                    # "nach eigenen Angaben": the subject of the clause speaks for itself
                    cues.append(
                        Cue(s, toks[j + 1][1], "nach eigenen " + toks[j + 1][2], "speaker:nach-eigenen", "auto")
                    )
                    continue
                if j + 1 < len(toks) and lows[j] in ("einem", "einer", "einen") and _source_noun(lows[j + 1]):
                    # "Nach einem Bericht der Zeitung X", "nach einer Studie der UNO": the source phrase
                    cues.append(Cue(s, e, "nach " + toks[j + 1][2], "speaker:nach-" + lows[j + 1], "right"))
                    continue
                if j < len(toks) and lows[j] in ("den", "dem", "der", "ersten", "offiziellen", "jüngsten", "neuen"):
                    j += 1
                if j < len(toks) and lows[j] in ("ersten", "offiziellen", "jüngsten", "neuen", "bisherigen"):
                    j += 1
                if j + 1 < len(toks) and lows[j] in _POSS_WORDS and lows[j + 1] in _NACH_NOUNS:
                    # "nach seinen Angaben": the possessive names the speaker (resolved like a pronoun)
                    cues.append(Cue(s, e, "nach " + toks[j + 1][2], "speaker:nach-" + lows[j + 1], "right"))
                    continue
                if j < len(toks) and _source_noun(lows[j]) and toks[j][2][:1].isupper():
                    cues.append(Cue(s, toks[j][1], "nach " + toks[j][2], "speaker:nach-" + lows[j], "right"))
                continue
            if (
                low == "so"
                and i > 0
                and lows[i - 1] in {",", "“", "”", '"', "«", "»"}
                and i + 1 < len(toks)
                and (
                    toks[i + 1][2][:1].isupper()
                    or lows[i + 1] in _SO_NEXT
                    or re.match(r"[a-zäöü]+-[A-ZÄÖÜ]", toks[i + 1][2])
                )
            ):
                # "„…“, so der Minister", ", so Müller": not ", so viel wie nie zuvor", ", so dass"
                cues.append(Cue(s, e, "so", "speaker:so", "right"))
                continue
            if low in ("heißt", "hieß", "geheißen"):
                # "heißt es": no named speaker; the quote stays attributed to the text, unless the source is
                # named: "heißt es in einer Erklärung des Ministeriums", "Bei der Agentur RIA hieß es"
                if i + 2 < len(toks) and lows[i + 1] == "es" and lows[i + 2] in _SOURCE_PREPS | {"von", "vom"}:
                    cues.append(Cue(toks[i + 2][0], toks[i + 2][1], low + " es", "speaker:heißt-es-in", "right"))
                elif i > 0 and lows[i - 1] not in (",", "es") and i + 1 < len(toks) and lows[i + 1] == "es":
                    k = next((k for k in range(min(i, 3)) if lows[k] in _SOURCE_PREPS), -1)  # only k <= 2 counts
                    if 0 <= k <= 2 and lows[0] != "wie":
                        cues.append(Cue(toks[k][0], toks[k][1], low + " es", "speaker:heißt-es-in", "right"))
                continue
            if low in ("hervorgeht", "hervorging", "hervorgehen") or (
                low in ("geht", "ging", "gehen", "gingen") and "hervor" in lows[i + 1 : i + 25]
            ):
                # "Wie aus einer Mitteilung der Polizei hervorgeht", "geht aus dem Bericht der UN hervor"
                k = next((k for k in range(max(0, i - 20), min(len(toks), i + 8)) if lows[k] == "aus"), -1)
                if k >= 0:
                    cues.append(Cue(toks[k][0], toks[k][1], "hervorgehen aus", "speaker:hervorgehen-aus", "right"))
                continue
            if (
                low in DE_SPEECH_PARTICIPLES
                or (low == "gemacht" and i > 0 and lows[i - 1] in ("klar", "deutlich", "bekannt"))
                or (low == "gegeben" and i > 0 and lows[i - 1] == "bekannt")
            ):
                # a passive with its agent ("wurde von der Regierung zurückgewiesen"); without a passive auxiliary
                # "von" belongs to a name ("die Regierung von Myanmar … aufgefordert", "Byrs vom UN-Büro")
                window = lows[max(0, i - 12) : i]
                passive = any(w in _PASSIVE_AUX for w in lows[max(0, i - 16) : i + 3])
                agent = "agent" if passive and any(w in ("von", "vom") for w in window) else "auto"
                cues.append(Cue(s, e, low, f"speaker:verb:{low}", agent))
                continue
            if low in DE_SPEECH_WORDS and low not in ("so", "laut", "zufolge", "demnach", "wonach"):
                cues.append(Cue(s, e, low, f"speaker:verb:{low}"))
                continue
            if (
                low in ("kam", "kommt", "kamen", "kommen")
                and set(lows[max(0, i - 6) : i]) & _REACTION_NOUNS
                and i + 1 < len(toks)
                and lows[i + 1] in ("von", "vom")
            ):
                cues.append(Cue(s, e, low, "speaker:verb:kam-von", "right"))  # "Kritik kam vom Epidemiologen X"
                continue
            if low in ("hielt", "hält", "hielten", "halten") and "für" in lows[i + 1 : i + 8]:
                k = lows.index("für", i + 1)
                nxt = lows[k + 1] if k + 1 < len(toks) else ""
                if (
                    nxt
                    and toks[k + 1][2][:1].islower()
                    and nxt not in ("die", "den", "das", "ein", "eine", "einen", "einem", "einer", "eines")
                ):
                    cues.append(Cue(s, e, low, "speaker:stance:hält-für"))  # "X hält die Debatte für verkürzt"
                    continue
            if low in ("hielt", "hält", "hielten", "halten") and "dagegen" in lows[i + 1 : i + 4]:
                cues.append(Cue(s, e, low, "speaker:verb:hielt-dagegen"))  # "X hielt dagegen, …"
                continue
            if (
                low in ("ist", "war", "sind", "waren", "vertritt", "vertrat", "vertreten")
                and i + 2 < len(toks)
                and lows[i + 1] in ("der", "die")
                and lows[i + 2] in ("ansicht", "meinung", "auffassung", "überzeugung")
            ):
                cues.append(Cue(s, e, low, "speaker:verb:der-ansicht"))  # "X ist der Ansicht, dass …"
                continue
            if low in _REVISE_VERBS and any(
                w.endswith(("prognose", "prognosen", "forecast", "outlook", "guidance"))
                for w in lows[max(0, i - 6) : i + 8]
            ):
                # "hat seine Prognose gesenkt", "hob die Wachstumsprognose an", "cut its forecast": the body revises
                cues.append(Cue(s, e, low, f"speaker:verb:{low}"))
                continue
            if low in ("nahm", "nimmt", "nahmen", "nehmen") and "stellung" in lows[i + 1 : i + 12]:
                cues.append(Cue(s, e, low, "speaker:verb:nahm-stellung"))  # "nahm X zu der Frage Stellung"
                continue
            if low in ("besteht", "bestehen", "bestand", "bestanden") and "darauf" in lows[i + 1 : i + 4]:
                cues.append(Cue(s, e, low, "speaker:verb:besteht-darauf"))  # "NPR besteht darauf, …"
                continue
            if low in ("rechnet", "rechnen", "rechnete", "rechneten") and "mit" in lows[i + 1 : i + 8]:
                cues.append(Cue(s, e, low, "speaker:stance:rechnet-mit"))  # "rechnet das DIW mit einem Wachstum"
                continue
            if low in ("ließ", "lässt", "ließen") and {"verlauten", "wissen", "durchblicken"} & set(
                lows[i + 1 : i + 10]
            ):
                cues.append(Cue(s, e, low, "speaker:verb:ließ-verlauten"))
                continue
            if (
                low in ("ist", "sind", "war", "waren", "bleibt", "blieb")
                and i > 0
                and toks[i - 1][2][:1].isupper()
                and any(w in _STANCE_ADJ for w in lows[i + 1 : i + 4])
            ):
                cues.append(Cue(s, e, low, f"speaker:stance:{low}"))  # "Islands Regierung ist dennoch zuversichtlich"
                continue
            if low in ("zeigte", "zeigt", "zeigten", "gibt", "gab", "geht", "ging", "gehen", "gingen"):
                window = set(lows[i + 1 : i + 16])
                stance = any(w in _STANCE_ADJ or w[:-2] in _STANCE_ADJ or w[:-3] in _STANCE_ADJ for w in window)
                if low.startswith("zeig") and stance and "sich" in window:
                    cues.append(Cue(s, e, low, f"speaker:stance:{low}"))
                    continue
                if low.startswith(("geh", "ging")) and "davon" in window and "aus" in lows[i + 1 : i + 20]:
                    cues.append(Cue(s, e, low, f"speaker:verb:{low}-davon-aus"))
                    continue
                if (
                    low.startswith(("geh", "ging"))
                    and i + 1 < len(toks)
                    and lows[i + 1] in ("von", "vom")
                    and "aus" in lows[i + 2 : i + 12]
                    and lows[i + 2 : i + 12].index("aus") + i + 3 < len(toks)
                    and lows[lows[i + 2 : i + 12].index("aus") + i + 3] in (".", ",", ";", "!")
                ):
                    # "Die Staatsanwaltschaft geht von einem Unfall aus": an assessment of the subject
                    cues.append(Cue(s, e, low, f"speaker:stance:{low}-von-aus"))
                    continue

        stem = _stem(low)
        if stem is None:
            glued = _glued(low)
            if glued:
                cues.append(Cue(s, e, low, f"speaker:verb:{low}"))
            continue
        # the rest of the clause decides separable verbs: "stellte ... fest", "sagte ... ab" (the tokens
        # after this one up to the clause end; indexed once per sentence, not rescanned per verb)
        if clause_end is None:
            clause_end, clause_tail, clause_last = _clause_index(lows)
        tail = clause_tail[i + 1] if i + 1 < len(lows) else ""
        if stem in DE_SPOILING_PARTICLES and tail in DE_SPOILING_PARTICLES[stem]:
            continue
        after_quote = i >= 2 and lows[i - 1] == "," and lows[i - 2] in ("“", "”", '"', "«", "»")
        if stem in DE_NEEDS_PARTICLE and not (stem in ("rief", "ruf") and after_quote):  # „…“, rief X
            parts = DE_SEPARABLE_PARTICLES.get(stem, set())
            last = clause_last.get(clause_end[i + 1], {}) if i + 1 < len(lows) else {}
            if not any(last.get(p, -1) > i for p in parts) and not any(lows[i - 1] == p for p in parts if i > 0):
                continue
        if cues and low.endswith("e") and not low.endswith("te") and stem + "e" == low:
            continue  # "…, die Aktion erinnere an …": a Konjunktiv verb inside reported speech
        cues.append(Cue(s, e, low, f"speaker:verb:{low}"))
    return cues
