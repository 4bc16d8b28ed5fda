"""Finding a quotation in a source: verbatim, with differences, or not at all.

Both texts are normalised (normalise.py). A quote is *verbatim* when its normalised words occur as they
are, between word boundaries (the first occurrence counts); a hyphen joined to a letter or digit continues a
word, so "ohne die Ukraine" is not verbatim in "ohne die Ukraine-Hilfe" (a passage there takes in the whole
compound, and the diff shows the compound replacing the quote's word). A passage does not cross a sentence
start of the source (`sentence_starts`) unless the quote holds a stop or runs on over it (`_bridged`).

Otherwise rapidfuzz's `partial_ratio_alignment` finds the best window of the quote's length — over the
whole source, or for a long quote in a long source over windows where its rarest words vote for the same
start — and the window is moved to word boundaries, where each candidate passage is scored with
`fuzz.ratio` (normalised Indel similarity, 0..1). Of the passages within PREFER_MARGIN of the best score,
the one holding most of the quote's words is shown, so words a quote left out show up as inserted.
`classify` decides between *differences* and *not-found*; the word-level diff is difflib's over words
(a hyphenated compound is one word) and punctuation marks.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from factcheck.evidence.context import context_around
from factcheck.evidence.model import DIFFERENCES, NOT_FOUND, VERBATIM, QuoteCheck
from factcheck.evidence.normalise import NormalisedText, normalise
from factcheck.match.stopwords import DE, EN

# Measured by `benchmarks/evidence_speed.py --thresholds` (quotes from German and English news with one
# word replaced, dropped or added, against unrelated news pages of 3 kB to 1 MB); see `classify`.
DIFFERENCES_THRESHOLD = 0.80
SHORT_QUOTE_WORDS = 6
SHORT_QUOTE_THRESHOLD = 0.60

# A word joined to the next by a hyphen ("ukraine-hilfe", "covid-19") is one token: passages start and end on
# whole compounds, and the diff shows a compound as the word it is.
_TOKEN = re.compile(r"\w+(?:-\w+)*|[^\w\s]")
_WORD = re.compile(r"\w+")
_STOP = DE | EN
# Stripped from both ends of a quote: reported speech moves a sentence's last stop inside or outside.
_EDGE = " .,;:!?…-/"
# Above this much work (quote length x source length) the whole-text alignment gives way to windows
# around the quote's rarest words: partial_ratio costs ~15 ms per MB for quotes up to 64 characters,
# then grows with the quote (0.2 s for 400 characters).
_FULL_SCAN_CHARS = 64
_FULL_SCAN_WORK = 20_000_000
_ANCHOR_WORDS = 6
_ANCHOR_MAX_HITS = 20_000
# A sentence ends at . ! or ? (then closing brackets) followed by a space and a capital letter, unless the
# word before a "." is a number ("am 3. Oktober"), a single letter ("z. B.") or one of these abbreviations.
_SENTENCE_END = re.compile(r"(\w*)([.!?]+)[)\]]* (?=\w)")
_ABBREVIATIONS = frozenset(
    "abs bzw ca dr etc evtl fr ggf hl hr inkl jh jr mio mr mrd mrs ms nr prof sog sr st str usw vgl vs".split()
)
# A hyphen at a line break inside a compound, as normalise.py keeps it ("Ukraine-\\nVertreter"): shown joined.
_LINE_BREAK_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=\w)")
_QUOTE_STOP = re.compile(r"[.!?]+[)\]]* ")
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")
# A passage may score this much below the best if it holds more of the quote's words (see `_fullest`).
PREFER_MARGIN = 0.1


def check_quote(quote: str, source: NormalisedText) -> QuoteCheck:
    """Check one quote (without its quote marks) against a normalised source.

    Returns a QuoteCheck whose offsets point into `source.original`. An empty quote (nothing left after
    normalising) is "not-found" with score 0.
    """
    nq = normalise(quote)
    lo, hi = _core_span(nq.text)
    core = nq.text[lo:hi]
    if not core or not source.text:
        return QuoteCheck(quote=quote, outcome=NOT_FOUND, score=0.0)
    at = find_verbatim(core, source.text)
    if at is not None:
        return _located(quote, source, at, at + len(core), VERBATIM, 1.0, ())
    # A passage stays inside one sentence of the source unless the quote itself spans sentences: it holds a
    # stop (. ! ?) before a space, whatever the case of the next word (a misquote may change that word).
    one_sentence = _QUOTE_STOP.search(core) is None
    candidates = passages(core, source.text, source if one_sentence else None)
    if not candidates:
        return QuoteCheck(quote=quote, outcome=NOT_FOUND, score=0.0)
    for score, s, e in (_fullest(core, source.text, candidates), candidates[0]):
        if classify(core, source.text[s:e], score) == DIFFERENCES:
            return _located(quote, source, s, e, DIFFERENCES, score, word_diff(nq, lo, hi, source, s, e))
    return QuoteCheck(quote=quote, outcome=NOT_FOUND, score=round(candidates[0][0], 4))


def classify(core: str, passage: str, score: float) -> str:
    """ "differences" or "not-found" for a non-verbatim `passage` (normalised) of the normalised quote `core`.

    By the quote's length in words (n), measured with `benchmarks/evidence_speed.py --thresholds`:

    - n >= 7: score >= DIFFERENCES_THRESHOLD (0.80). Misquotes (one word replaced, dropped, added or
      inflected) score 0.87 at the 5th percentile (7-10 words; 0.93 and up for longer quotes), real quotes
      on unrelated pages at most 0.59 (news articles) and 0.78 (1 MB of them).
    - 3 <= n <= 6: the same, or score >= SHORT_QUOTE_THRESHOLD (0.60) with all but one of the quote's words
      standing in the passage in order, one of them a content word (not a stop word of match/stopwords.py).
      A short quote has few characters, so one replaced word costs most of its score ("sehr ernste Lage" →
      "sehr bedrohliche Lage": 0.70), while chance windows of unrelated pages reach 0.7-0.9 by sharing
      letters, not words. Shared stop words alone ("ohne die Ukraine" → "ohne die Russen") are chance.
    - n <= 2: score >= 0.80 and every word of the quote in the passage, as it is or inflected (an Indel
      similarity >= 0.8 between words of four letters or more: "grey areas" → "grey area"); replacing one of
      two words leaves too little to tell a misquote from chance ("transitional year" → "transitional period").
    """
    words = _WORD.findall(core)
    passage_words = _WORD.findall(passage)
    if len(words) <= 2:
        inflected = all(any(_same_word(w, p) for p in passage_words) for w in words)
        return DIFFERENCES if score >= DIFFERENCES_THRESHOLD and inflected else NOT_FOUND
    if score >= DIFFERENCES_THRESHOLD:
        return DIFFERENCES
    if len(words) <= SHORT_QUOTE_WORDS and score >= SHORT_QUOTE_THRESHOLD:
        shared = _shared_words(words, passage_words)
        if len(shared) >= len(words) - 1 and any(w not in _STOP for w in shared):
            return DIFFERENCES
    return NOT_FOUND


def find_verbatim(core: str, text: str) -> int | None:
    """Offset of the first occurrence of `core` in `text` that starts and ends on word boundaries.

    A hyphen between a letter or digit of the match and one outside it continues the word: "ukraine" does
    not end on a boundary in "ukraine-hilfe" (nor, as normalised, in "Ukraine-\\nVertreter"), and does not
    start on one in "anti-ukraine". A hyphen followed by a space ("Ukraine- und Russlandpolitik") ends it.
    """
    head_word = _is_word(core[0])
    tail_word = _is_word(core[-1])
    at = text.find(core)
    while at >= 0:
        end = at + len(core)
        if not (head_word and _word_before(text, at)) and not (tail_word and _word_after(text, end)):
            return at
        at = text.find(core, at + 1)
    return None


def best_passage(core: str, text: str) -> tuple[float, int, int]:
    """The best-scoring word-aligned passage of normalised `text` for normalised `core`: (score 0..1, start, end).

    Returns (0.0, 0, 0) when there is none (an empty text; a long quote none of whose words occurs).
    """
    candidates = passages(core, text)
    return candidates[0] if candidates else (0.0, 0, 0)


def passages(core: str, text: str, source: NormalisedText | None = None) -> list[tuple[float, int, int]]:
    """Word-aligned passages of normalised `text` around the best alignment of `core`, best score first:
    (score 0..1, start, end) with score = fuzz.ratio / 100. Empty when there is nothing to align.

    With `source` (the NormalisedText whose `.text` is `text`) no passage crosses a sentence start
    (`sentence_starts`): words of two sentences stitched together are not a quotation."""
    best: tuple[float, int, int] | None = None
    for w_lo, w_hi in _windows(core, text):
        al = fuzz.partial_ratio_alignment(core, text[w_lo:w_hi])
        if al is None:
            continue
        if len(core) <= w_hi - w_lo:
            s, e = w_lo + al.dest_start, w_lo + al.dest_end
        else:  # the window is shorter than the quote: rapidfuzz aligned the window inside the quote
            s, e = w_lo, w_hi
        if best is None or al.score > best[0]:
            best = (al.score, s, e)
    if best is None:
        return []
    return _word_aligned(core, text, best[1], best[2], source)


def sentence_starts(nt: NormalisedText, lo: int, hi: int) -> list[int]:
    """Offsets in normalised `nt.text[lo:hi]` where a sentence starts after another one: after a sentence end
    (_SENTENCE_END; the next letter is a capital in `nt.original`) or after a paragraph break (a blank line
    in the original)."""
    text = nt.text
    starts = []
    for m in _SENTENCE_END.finditer(text, lo, hi):
        word, k = m.group(1), m.end()
        if m.group(2) == "." and (word.isdigit() or len(word) == 1 or word in _ABBREVIATIONS):
            continue
        if nt.original[nt.span_to_original(k, k + 1)[0]].isupper():
            starts.append(k)
    at = text.find(" ", lo, hi)
    while at >= 0:
        if at + 1 < len(text) and _is_word(text[at + 1]):
            a, b = nt.span_to_original(at, at + 1)
            if b - a > 1 and _PARAGRAPH.search(nt.original, a, b):
                starts.append(at + 1)
        at = text.find(" ", at + 1, hi)
    return sorted(set(starts))


def word_diff(
    quote: NormalisedText, q_lo: int, q_hi: int, source: NormalisedText, s: int, e: int
) -> tuple[tuple[str, str], ...]:
    """Word-level diff (difflib over words and punctuation marks, compared normalised) of the quote's
    normalised span [q_lo, q_hi) against the source's [s, e); each chunk is shown as written in its text.
    "replace" becomes "delete" (the quote's words) then "insert" (the source's); neighbours of one kind merge.
    """
    q_tok = [(m.start(), m.end()) for m in _TOKEN.finditer(quote.text, q_lo, q_hi)]
    s_tok = [(m.start(), m.end()) for m in _TOKEN.finditer(source.text, s, e)]
    q_words = [quote.text[a:b] for a, b in q_tok]
    s_words = [source.text[a:b] for a, b in s_tok]
    out: list[tuple[str, str]] = []

    def shown(nt: NormalisedText, toks: list[tuple[int, int]], i: int, j: int) -> str:
        a, b = nt.span_to_original(toks[i][0], toks[j - 1][1])
        return " ".join(_LINE_BREAK_HYPHEN.sub("-", nt.original[a:b]).split())

    def emit(tag: str, words: str) -> None:
        if out and out[-1][0] == tag:
            out[-1] = (tag, out[-1][1] + " " + words)
        else:
            out.append((tag, words))

    matcher = difflib.SequenceMatcher(a=q_words, b=s_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            emit("equal", shown(quote, q_tok, i1, i2))
            continue
        if i2 > i1:
            emit("delete", shown(quote, q_tok, i1, i2))
        if j2 > j1:
            emit("insert", shown(source, s_tok, j1, j2))
    return tuple(out)


def _located(
    quote: str, source: NormalisedText, s: int, e: int, outcome: str, score: float, diff: tuple[tuple[str, str], ...]
) -> QuoteCheck:
    start, end = source.span_to_original(s, e)
    return QuoteCheck(
        quote=quote,
        outcome=outcome,
        score=round(score, 4),
        passage=source.original[start:end],
        start=start,
        end=end,
        context=context_around(source.original, start, end),
        diff=diff,
    )


def _core_span(text: str) -> tuple[int, int]:
    lo, hi = 0, len(text)
    while lo < hi and text[lo] in _EDGE:
        lo += 1
    while hi > lo and text[hi - 1] in _EDGE:
        hi -= 1
    return lo, hi


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _word_before(text: str, at: int) -> bool:
    """Whether a word goes on before offset `at`: a word character, or a hyphen joined to one."""
    return at > 0 and (_is_word(text[at - 1]) or (text[at - 1] == "-" and at > 1 and _is_word(text[at - 2])))


def _word_after(text: str, end: int) -> bool:
    """Whether a word goes on from offset `end`: a word character, or a hyphen joined to one."""
    n = len(text)
    return end < n and (_is_word(text[end]) or (text[end] == "-" and end + 1 < n and _is_word(text[end + 1])))


def _shared_words(quote_words: list[str], passage_words: list[str]) -> list[str]:
    """The quote's words that stand in the passage, in order (difflib's longest matching blocks)."""
    matcher = difflib.SequenceMatcher(a=quote_words, b=passage_words, autojunk=False)
    return [w for block in matcher.get_matching_blocks() for w in quote_words[block.a : block.a + block.size]]


def _same_word(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 4 and Indel.normalized_similarity(a, b) >= 0.8)


def _windows(core: str, text: str) -> list[tuple[int, int]]:
    """Spans of `text` to align `core` in: the whole text when that is cheap, else around anchor words."""
    if len(core) <= _FULL_SCAN_CHARS or len(core) * len(text) <= _FULL_SCAN_WORK:
        return [(0, len(text))]
    return _anchor_windows(core, text)


def _anchor_windows(core: str, text: str) -> list[tuple[int, int]]:
    """Windows where the quote's rarest words (4+ letters) vote for the same quote start.

    Each occurrence of a word found at offset k of the quote votes for the quote starting at pos - k,
    in buckets of half the quote's length; the eight buckets with the most distinct words are aligned.
    A passage that shares no such word with the quote could not reach the threshold anyway.
    """
    first: dict[str, int] = {}
    for m in _WORD.finditer(core):
        if len(m.group()) >= 4:
            first.setdefault(m.group(), m.start())
    counted = sorted((text.count(w), w) for w in first)  # str.count and str.find: C speed, ~1 ms per MB
    anchors = [w for n, w in counted if 0 < n <= _ANCHOR_MAX_HITS][:_ANCHOR_WORDS]
    bucket = max(64, len(core) // 2)
    votes: dict[int, set[str]] = defaultdict(set)
    for w in anchors:
        at = text.find(w)
        while at >= 0:
            end = at + len(w)
            if (at == 0 or not _is_word(text[at - 1])) and (end == len(text) or not _is_word(text[end])):
                votes[(at - first[w]) // bucket].add(w)
            at = text.find(w, end)
    top = sorted(votes, key=lambda b: -len(votes[b]))[:8]
    reach = len(core) * 3 // 2 + 32  # the quote may start anywhere in its bucket and be stretched by additions
    spans = sorted((max(0, b * bucket - len(core) // 2 - 32), b * bucket + bucket + reach) for b in top)
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, min(hi, len(text))))
    return merged


def _word_aligned(
    core: str, text: str, s: int, e: int, source: NormalisedText | None = None
) -> list[tuple[float, int, int]]:
    """Passages starting and ending on word (token) boundaries near [s, e), scored, best first (nearer the
    quote's length on ties). Boundaries move `slack` characters either way, and outwards by up to half the
    quote (32 to 80 characters) more, so a passage can take in words the quote left out
    ("ein schwerer, aber notwendiger Schritt" for "ein schwerer Schritt"). With `source`, a passage does not
    cross a sentence start; each sentence start near [s, e) is a candidate start, and the last token before
    it a candidate end, so the part of the alignment on either side can stand alone. A sentence start the
    quote runs on over (`_bridged`) does not count."""
    slack = min(max(8, len(core) // 5), 40)
    reach = slack + min(max(len(core) // 2, 32), 80)
    region_lo, region_hi = max(0, s - reach - 20), min(len(text), e + reach + 20)
    toks = [(m.start(), m.end()) for m in _TOKEN.finditer(text, region_lo, region_hi)]
    starts = [a for a, b in toks if s - reach <= a <= s + slack or a <= s < b]
    ends = [b for a, b in toks if e - slack <= b <= e + reach or a < e <= b]
    breaks = []
    if source is not None:
        words = _WORD.findall(core)
        breaks = [k for k in sentence_starts(source, region_lo, region_hi) if not _bridged(words, text, k)]
    for k in breaks:
        if s - reach <= k < e:
            starts.append(k)
        before = [b for a, b in toks if b < k]
        if s < k <= e + reach and before:
            ends.append(before[-1])
    scored = [
        (fuzz.ratio(core, text[a:b]) / 100, a, b)
        for a in sorted(set(starts))
        for b in sorted(set(ends))
        if b > a and not any(a < k < b for k in breaks)
    ]
    if not scored:
        scored = [(fuzz.ratio(core, text[s:e]) / 100, s, e)]
    scored.sort(key=lambda c: (-c[0], abs(c[2] - c[1] - len(core))))
    return scored


def _bridged(words: list[str], text: str, k: int) -> bool:
    """Whether the quote's `words` run on over the sentence start `k` of `text` (a stop the quote left out or
    lost with a changed word): with p b the last two words before `k` and a c the first two from it, the quote
    holds "b a", or one of them dropped ("p a", "b c") or replaced ("p _ a", "b _ c"); words compare as they
    are or inflected (`_same_word`). A word added between b and a ("b _ a") is not a run-on."""
    p, b = ([""] * 2 + _WORD.findall(text, max(0, k - 120), k))[-2:]
    a, c = (_WORD.findall(text, k, k + 120) + [""] * 2)[:2]
    pairs = ((b, a, 1), (p, a, 1), (b, c, 1), (p, a, 2), (b, c, 2))
    return any(
        x and y and _same_word(words[i], x) and _same_word(words[i + gap], y)
        for x, y, gap in pairs
        for i in range(len(words) - gap)
    )


def _fullest(core: str, text: str, candidates: list[tuple[float, int, int]]) -> tuple[float, int, int]:
    """Among passages scoring within PREFER_MARGIN of the best, the one holding most of the quote's words in
    order (then the best score): an omission shows as words inserted, not as the quote's tail deleted."""
    top = candidates[0][0]
    near = [c for c in candidates[:40] if c[0] >= top - PREFER_MARGIN]
    words = _WORD.findall(core)
    return max(near, key=lambda c: (len(_shared_words(words, _WORD.findall(text[c[1] : c[2]]))), c[0]))
