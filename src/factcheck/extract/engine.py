"""Entry point of the extraction engine: one claim per sentence, every field with the cue behind it.

Pipeline (all pure, regexes compiled at import):
  paragraphs -> sentences (text/sentences.py) -> per article: mention registry (mentions.py),
  quoted spans (quotes.py) -> per sentence: dates, quantities, places, speech cues and speakers,
  quote speakers, check-worthiness.
"""

from __future__ import annotations

import re
from datetime import date

from factcheck.extract.checkworthiness import Features, score
from factcheck.extract.dates import find_dates
from factcheck.extract.lexicon import DE_TIME_RELATIVE, EN_TIME_RELATIVE
from factcheck.extract.mentions import Person, Registry, build_registry
from factcheck.extract.model import ExtractedClaim, QuoteMention
from factcheck.extract.places import find_places
from factcheck.extract.quantities import find_quantities
from factcheck.extract.quotes import QuoteSpan, find_quotes, title_like
from factcheck.extract.speakers import Attribution, attribute, find_cues
from factcheck.text.layout import Paragraph
from factcheck.text.sentences import Sentence, split_sentences

CHECKWORTHY_THRESHOLD = 0.4
_PARA_SPLIT = re.compile(r"\n\s*\n")
_DEMONSTRATIVE_START = re.compile(r"^(?:Das|Dies|So|Diese|This|That|These)\b")
_COLON_SPEAKER = re.compile(r":\s*$")


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


def _time_relative(sentence: str, language: str) -> str | None:
    low = " " + sentence.lower()
    for cue in DE_TIME_RELATIVE if language == "de" else EN_TIME_RELATIVE:
        if (" " + cue) in low:
            return cue.strip()
    return None


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
    reg = build_registry(text)
    claims: list[ExtractedClaim] = []
    # per sentence: (claim, sentence, attributions, paragraph index)
    rows: list[tuple[ExtractedClaim, Sentence, list[Attribution], int]] = []
    all_quotes: list[QuoteSpan] = []
    for pi, para in enumerate(paras):
        quotes = find_quotes(text, para.start, para.end)
        all_quotes.extend(quotes)
        in_quote = [(q.start, q.end) for q in quotes]
        for sent in split_sentences(text, para.start, para.end):
            claim = ExtractedClaim(text=sent.text, start=sent.start, end=sent.end)
            atts: list[Attribution] = []
            if not para.heading:
                cues = find_cues(text, sent.start, sent.end, language)
                atts = attribute(text, sent.start, sent.end, cues, reg, in_quote)
            _fill_fields(reg, text, claim, sent, language, article_date, atts)
            rows.append((claim, sent, atts, pi))
            claims.append(claim)
    _assign_quotes(text, rows, all_quotes, paras)
    for claim, sent, _atts, pi in rows:
        feats = Features(
            heading=paras[pi].heading,
            has_date=any(d.value for d in claim.dates),
            has_quantity=bool(claim.quantities),
            has_quote=bool(claim.quotes),
            named_speakers=len(claim.speakers),
            has_place=bool(claim.places),
        )
        sc, cw_cues = score(sent.text, language, feats)
        claim.checkworthiness = sc
        claim.checkworthy = sc >= CHECKWORTHY_THRESHOLD
        claim.cues.extend(cw_cues)
        if claim.checkworthy and "event" not in claim.kinds and not claim.speakers:
            claim.kinds.append("event")
    return claims


def _fill_fields(
    reg: Registry,
    text: str,
    claim: ExtractedClaim,
    sent: Sentence,
    language: str,
    ref: date | None,
    atts: list[Attribution],
) -> None:
    claim.dates = find_dates(text, sent.start, sent.end, ref)
    for d in claim.dates:
        claim.cues.append(d.rule)
    if claim.dates:
        claim.kinds.append("date")
    claim.quantities = find_quantities(text, sent.start, sent.end, language)
    # a year is not a quantity
    claim.quantities = [q for q in claim.quantities if not any(d.start <= q.start < d.end for d in claim.dates)]
    if claim.quantities:
        claim.kinds.append("quantity")
        claim.cues.append("quantity:number+unit")
    persons = [(m.start, m.end) for m in reg.in_span(sent.start, sent.end) if m.entity.kind == "person"]
    places = find_places(text, sent.start, sent.end, language, persons)
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


def _speaker_for_quote(q: QuoteSpan, atts: list[Attribution]) -> Attribution | None:
    if not atts:
        return None
    return min(atts, key=lambda a: min(abs(a.cue.start - q.close_at), abs(a.cue.end - q.open_at)))


def _assign_quotes(text: str, rows: list, quotes: list[QuoteSpan], paras: list[Paragraph]) -> None:
    """Give each quoted span to the sentence where it starts, with the speaker of the nearest cue
    (same sentence, then a following "Das sagte X", then the speaker of the sentence before)."""
    last_speaker: tuple[Person, int] | None = None  # (person, paragraph index)
    qi = 0
    qs = sorted(quotes, key=lambda q: q.open_at)
    for ri, (claim, sent, atts, pi) in enumerate(rows):
        mine: list[QuoteSpan] = []
        while qi < len(qs) and qs[qi].open_at < sent.end:
            if qs[qi].open_at >= sent.start or qs[qi].end > sent.start:
                mine.append(qs[qi])
            qi += 1
        # quotes that span several sentences also belong to the later sentences they cover
        for q in qs:
            if q.open_at < sent.start < q.close_at and q not in mine:
                mine.append(q)
        for q in mine:
            if title_like(text, q):
                claim.cues.append("quote:title-not-quote")
                continue
            att = _speaker_for_quote(q, atts)
            rule = "quote:cue-in-sentence"
            speaker: Person | None = att.speaker if att else None
            if speaker is None:
                m = re.search(r"([\w-]+):\s*$", text[sent.start : q.open_at])
                if m and (p := _colon_speaker(text, sent.start, q.open_at, rows, ri)):
                    speaker, rule = p, "quote:colon-frame"
            if speaker is None and ri + 1 < len(rows) and rows[ri + 1][3] == pi:
                _, nxt_sent, nxt_atts, _ = rows[ri + 1]
                if nxt_atts and _DEMONSTRATIVE_START.match(nxt_sent.text):
                    speaker, rule = nxt_atts[0].speaker, "quote:next-sentence-frame"
            if speaker is None and last_speaker and pi - last_speaker[1] <= 1 and q.words >= 4:
                speaker, rule = last_speaker[0], "quote:previous-speaker"
            if q.words <= 3 and speaker is None:
                claim.cues.append("quote:scare-quote")
                continue
            if q.open_at < sent.start:  # continuation of a quote opened in an earlier sentence
                continue
            inner = text[q.start : q.end]
            claim.quotes.append(
                QuoteMention(text=inner, speaker=speaker.name if speaker else None, start=q.start, end=q.end, rule=rule)
            )
            claim.cues.append(f"quote:{q.style}")
            claim.cues.append(rule)
            if speaker and speaker.name not in claim.speakers:
                claim.speakers.append(speaker.name)
                if "attribution" not in claim.kinds:
                    claim.kinds.append("attribution")
        if claim.quotes and "quote" not in claim.kinds:
            claim.kinds.append("quote")
        if atts:
            last_speaker = (atts[-1].speaker, pi)
        elif claim.quotes and claim.quotes[-1].speaker:
            pass
        elif not claim.quotes and sent.text and pi != (last_speaker[1] if last_speaker else -1):
            last_speaker = None if last_speaker and pi - last_speaker[1] > 1 else last_speaker


def _colon_speaker(text: str, s: int, e: int, rows: list, ri: int) -> Person | None:
    from factcheck.extract.mentions import Person as _P

    m = re.search(r"((?:[A-ZÄÖÜ][\w'’\-]+\s+){0,2}[A-ZÄÖÜ][\w'’\-]+):\s*$", text[s:e])
    if not m:
        return None
    return _P(m.group(1), "")
