"""Quoted spans in any quotation-mark style, classified as quote, scare quote or title/name.

Spans are found over a whole paragraph, not per sentence, so a quote that runs over several
sentences („Wir kommen. Wir bleiben.“) stays one quote. Whether a short span is a real quote is
decided later, when we know if its sentence attributes speech (see engine.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract.lexicon import words

# opener -> closers that may end it. German „ closes with “ (or ” in sloppy typesetting); English “
# closes with ”. Guillemets run both ways (»…« in Germany, «…» in Switzerland and France).
PAIRS: dict[str, str] = {
    "„": '“”"',
    "“": "”“",
    "»": "«",
    "«": "»",
    "‚": "‘’",
    "‘": "’",
    '"': '"',
    "'": "'",
    "‹": "›",
    "›": "‹",
}
STYLE = {"„": "„“", "“": "“”", "»": "»«", "«": "«»", "‚": "‚‘", "‘": "‘’", '"': '""', "'": "''", "‹": "‹›", "›": "›‹"}
_OPENERS = re.compile(r"[„“»«‚‘\"'‹›]")

# Nouns and words right before a quoted span that make it a name or a title, not speech:
# "die Zeitung „Die Welt“", "der Film „Oppenheimer“", "die sogenannte „Brandmauer“".
TITLE_LEADS = words(
    """
    zeitung zeitungen magazin magazins nachrichtenmagazin wochenzeitung blatt tageszeitung sender
    senders sendung sendungen talkshow film films filme buch buches buchs roman romans titel album
    albums lied liedes song songs serie serien operation aktion kampagne programm programms projekt
    projekts initiative bündnis bündnisses verein vereins partei bewegung schiff schiffes gruppe
    band motto hashtag stichwort sogenannte sogenannten sogenannter sogenanntes genannt genannte
    genannten so-genannte spitzname spitznamen marke plattform app podcast kolumne rubrik studie
    studien bericht berichts dokumentation doku ausstellung kunstwerk gedicht oper musical
    theaterstück stück spiel video titelt titelte schlagzeile überschrift festival restaurant hotel
    unternehmen firma newspaper magazine paper show programme program film movie book novel album
    song series operation campaign project initiative group band ship app platform podcast column
    headline so-called dubbed nicknamed called named titled label report brand hashtag daily weekly
    tabloid
    """
)
# Media whose names appear in quotation marks in German and English news.
MEDIA = words(
    """
    bild spiegel zeit welt stern focus taz faz handelsblatt tagesspiegel tagesschau tagesthemen
    heute-journal süddeutsche süddeutschen kurier presse standard krone profil falter politico cnn
    guardian times telegraph independent economist reuters afp dpa apa ap bloomberg nzz blick
    frankfurter rundschau morgenpost abendblatt express kicker sportschau bunte cicero vorwärts
    """
)


@dataclass
class QuoteSpan:
    start: int  # offset of the first character inside the marks
    end: int  # offset after the last character inside the marks
    open_at: int  # offset of the opening mark
    close_at: int  # offset of the closing mark
    style: str
    words: int
    kind: str = "quote"  # quote | short | title
    continued: bool = False  # left open at the paragraph's end, reopened by the next paragraph


def _can_open(text: str, i: int, ch: str) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace():
        return False
    if ch in "'‘":
        # apostrophes inside words ("don't", "Trump’s") are not quotes; a doubled '' is wiki italics markup
        return not prev.isalnum() and prev not in "'‘" and (nxt.isalnum() or nxt in '„“"')
    if ch == '"':
        return not prev.isalnum()
    if ch == "“":
        # English opener only after a space/bracket; a German closer has a word before it
        return not prev.isalnum() and prev not in ".,!?…"
    return True


def _can_close(text: str, i: int, ch: str) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isspace():
        return False
    if ch in "'’":
        return not nxt.isalnum()
    if ch == '"':
        return not nxt.isalnum()
    return True


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[QuoteSpan]:
    """Quoted spans in text[start:end] (one paragraph); nested quotes are left inside their outer one."""
    end = len(text) if end is None else end
    out: list[QuoteSpan] = []
    stops: dict[str, tuple[int, int]] = {}
    i = start
    while True:
        m = _OPENERS.search(text, i, end)
        if not m:
            break
        o = m.start()
        ch = m.group()
        if not _can_open(text, o, ch):
            i = o + 1
            continue
        # the first closer after o that can close (or a line break for ' and "): remembered per opener
        # character, so that thousands of unclosed openers do not each rescan the rest of the paragraph
        seen = stops.get(ch)
        if seen is not None and seen[0] <= o + 1 <= seen[1]:
            stop = seen[1]
        else:
            stop = _next_stop(text, o + 1, end, ch)
            stops[ch] = (o + 1, stop)
        close = stop if stop < end and text[stop] != "\n" else -1
        if close < 0 and stop >= end and _continues(text, end, ch):
            # news convention: a quote that goes on in the next paragraph is not closed at the end of this
            # one, and the next paragraph opens with the same mark („…⏎⏎„…“): the span runs to the end here
            close = len(text[o:end].rstrip()) + o
            if close > o + 1:
                words = len(text[o + 1 : close].split())
                out.append(QuoteSpan(o + 1, close, o, close, STYLE[ch], words, continued=True))
            break
        if close < 0:
            i = o + 1
            continue
        s, e = o + 1, close
        if e - s <= 3000 and text[s:e].strip():
            inner = text[s:e]
            words = len(inner.split())
            if ch in "'‘" and words > 60:
                i = o + 1
                continue
            out.append(QuoteSpan(s, e, o, close, STYLE[ch], words))
            i = close + 1
        else:
            i = o + 1
    return out


_NEXT_PARAGRAPH = re.compile(r"\s*\n\s*")


def _continues(text: str, end: int, ch: str) -> bool:
    """True when the paragraph ending at `end` is followed by one that opens with the same double mark."""
    if ch in "'‘‚‹›":
        return False  # (single marks are apostrophes too often to span paragraphs)
    m = _NEXT_PARAGRAPH.match(text, end)
    return bool(m) and "\n" in m.group() and text[m.end() : m.end() + 1] == ch


_STOP_RX = {ch: re.compile("[" + re.escape(cl) + ("\n" if ch in "'‘\"" else "") + "]") for ch, cl in PAIRS.items()}


def _next_stop(text: str, j: int, end: int, ch: str) -> int:
    """First position >= j where a closer of ch can close, or a line break ends a ' or " quote; else end."""
    rx = _STOP_RX[ch]
    while True:
        m = rx.search(text, j, end)
        if m is None:
            return end
        k = m.start()
        c = text[k]
        if c == "\n" or _can_close(text, k, c):
            return k
        j = k + 1


# the word right before the opening mark, in the same sentence: "…rejected the report. “That …”" is no title
# of a report (a full stop, question mark or colon between them ends the lead)
_LEAD_WORD = re.compile(r"([\w-]+)[^\w.!?:]{0,3}$")


_NAME_FUNCTION_WORDS = frozenset(
    "von der de la le du des del della dello di da do dos for of the and und für zur zum am an im e.v. ag gmbh "
    "inc ltd &".split()
)
_FOREIGN_FUNCTION_WORDS = frozenset("de la le du del della dello di da do dos for of the and pour et y el".split())
_PREV_TOKEN = re.compile(r"(\S+)\s*$")


def title_like(text: str, q: QuoteSpan, language: str = "de") -> bool:
    """True when the quoted span names a medium, a work, a product or an organisation rather than
    quoting someone. Measured on the Wikinews quotation corpus (train): a capitalised word right before
    the marks ("Fachblatt „La Gazetta dello Sport“", "Das „National Hurricane Centre“") and Title Case
    ("France Football", "Shenzhou 6") mark names; lower-case starts are nearly always quotes."""
    inner = text[q.start : q.end].strip()
    if not inner:
        return False
    lead = _LEAD_WORD.search(text[max(text.rfind("\n", 0, q.open_at) + 1, q.open_at - 30) : q.open_at])
    lead_word = lead.group(1).lower() if lead else ""
    if lead_word in TITLE_LEADS:
        return True
    words = inner.split()
    low_words = [w.strip(".,:;!?").lower() for w in words]
    if len(words) == 1 and re.fullmatch(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", inner):
        return True  # "news.bbc.co.uk", "icelandreview.com": a website named as a source
    if re.match(r"\d{1,3}\.\s+[A-ZÄÖÜ]|[IVX]{1,4}\s+[A-ZÄÖÜ]", inner) and q.words <= 10:
        return True  # "2. Deutscher Klimakongress", "VII Championnat …": an event's name
    if (
        language == "de"
        and inner[:1].isupper()
        and q.words <= 10
        and sum(w in _FOREIGN_FUNCTION_WORDS for w in low_words[1:]) >= 1
        and inner[-1:] not in ".!?"
    ):
        return True  # "La Gazetta dello Sport", "Championnat du monde de tir": foreign names
    if low_words[0] in MEDIA or (
        len(low_words) > 1 and low_words[1] in MEDIA and low_words[0] in ("die", "der", "the", "das")
    ):
        return True
    if not inner[:1].isupper() or inner[-1:] in ".!?," or q.words > 6:
        return False
    line_start = text.rfind("\n", max(0, q.open_at - 40), q.open_at) + 1  # (not the paragraph before)
    prev = _PREV_TOKEN.search(text[max(line_start, q.open_at - 40) : q.open_at])
    prev_tok = prev.group(1) if prev else ""
    # "Fachblatt „…“", "Das „…“": a noun or article right before a capitalised span = apposition of a name
    if prev_tok[:1].isupper() and prev_tok[-1:].isalpha():
        return True
    content = [w for w in low_words if w not in _NAME_FUNCTION_WORDS]
    title_case = len(words) >= 2 and all(
        w[:1].isupper() or w[:1].isdigit() for w in words if w.strip(".,").lower() not in _NAME_FUNCTION_WORDS
    )
    if title_case and content:
        return True
    if any(ch.isdigit() for ch in inner) and len(words) <= 4:
        return True  # "Shenzhou 6", "Fokker 100"
    return language == "de" and any(w in _FOREIGN_FUNCTION_WORDS for w in low_words[1:]) and len(words) <= 6


# lower-case words a title or a name may hold (articles, prepositions, conjunctions) in German and English
_TITLE_FUNCTION_WORDS = _NAME_FUNCTION_WORDS | frozenset(
    "a an to in on at by with from into over under ohne mit zu zum zur im in den dem des der die das ein eine einer "
    "eines einem einen um auf aus bei nach vor über unter gegen durch oder or als wie".split()
)
_LEGAL_FORMS = re.compile(r"\b(?:e\.\s?V\.|AG|GmbH|SE|KG|Ltd|Inc|plc|LLC)(?:\W|$)")


def legal_name(inner: str) -> bool:
    """A quoted span holding a legal form ("Aktion Deutschland Hilft e.V.", "Acme Holdings Ltd"): the name of
    a body, never someone's words, whoever the sentence names as speaking."""
    text = inner.strip()
    return bool(_LEGAL_FORMS.search(text)) and len(text.split()) <= 12


def nominal_title(inner: str) -> bool:
    """True for a quoted span that reads as a title or a name, not as someone's words: a legal form in it
    ("e.V.", "AG", "Ltd"), or two words or more, no closing punctuation, a capital first letter, and every
    word that is not a function word, a number or a dash capitalised (German verbs and adjectives are
    written in lower case, so a sentence is never all capitals). Meant for spans nobody is said to have
    spoken."""
    text = inner.strip()
    if legal_name(text):
        return True  # ("Aktion Deutschland Hilft e.V.": a legal form ends with a full stop of its own)
    if not text or text[-1] in ".!?,:;…" or len(text.split()) < 2:
        return False
    if not text[:1].isupper():
        return False  # („den Bestand des Staates“: a fragment of someone's words starts in lower case)
    words = [w.strip("()„“”\"'‚‘’«»") for w in text.split()]
    content = [w for w in words if w and w.lower() not in _TITLE_FUNCTION_WORDS and w[:1].isalpha()]
    return bool(content) and all(w[:1].isupper() for w in content)
