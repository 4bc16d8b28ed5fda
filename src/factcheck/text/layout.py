"""Layout repair for text pasted from PDFs and web pages.

Hard-wrapped lines are joined into paragraphs, words hyphenated at a line end are rejoined while
real hyphens stay ("Bundes-\\nregierung" -> "Bundesregierung", "NATO-\\nMitgliedschaft" ->
"NATO-Mitgliedschaft"), page breaks and running headers/footers that cut through a sentence are
removed, and headings stay paragraphs of their own. Every character of the result can be traced back
to the raw text through the returned OffsetMap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from factcheck.text.clean import clean_text
from factcheck.text.offsets import OffsetMap, TextBuilder

TERMINAL = ".!?…:;"
CLOSING_QUOTES = "\"'“”‘’»«›‹)]"
# After a line-end hyphen these words mean the hyphen is a suspended compound ("Ein- und Ausfuhr").
SUSPENDED_FOLLOWERS = {"und", "oder", "bis", "sowie", "wie", "and", "or", "to", "nor"}
# A line ending in one of these is a sentence cut by a page break, not a heading.
TRAILING_FUNCTION_WORDS = set(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "und",
        "oder",
        "aber",
        "in",
        "im",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "mit",
        "nach",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
        "für",
        "über",
        "unter",
        "vor",
        "dass",
        "als",
        "wie",
        "the",
        "a",
        "an",
        "of",
        "to",
        "and",
        "or",
        "but",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "that",
        "as",
        "is",
        "are",
        "was",
        "were",
    ]
)
BULLET = re.compile(r"^\s*(?:[-*•·–]\s+|\d{1,3}[.)]\s+)")
MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:seite|page|s\.)\s*\d{1,4}(?:\s*(?:von|of|/)\s*\d{1,4})?"
    r"|\d{1,4}\s*(?:/|von|of)\s*\d{1,4}|\d{1,4})\s*$",
    re.IGNORECASE,
)
# An agency dateline opening a line: place (region, date), the agency in brackets, a dash ("Innsbruck, 15. Jänner
# 2026 (APA) – Nach …", "LONDON, March 18, 2026 (Reuters) - The …", "Berlin (dpa) – …"). It always opens a
# paragraph: a headline ending in a separable particle ("… wirft Land Tirol Zögern vor") is no wrapped line.
DATELINE_START = re.compile(
    r"[A-ZÄÖÜ][\w./'’ -]{0,40}?(?:,\s*[^\n(),]{1,40}){0,3}\s*\([A-Za-z][\w./, -]{0,25}\)\s*[-–—]\s"
)
LINE_BREAK = re.compile(r"\r\n|\r|\n|\f|\v|\u2028|\u2029|\x85")


@dataclass(frozen=True)
class Line:
    start: int  # raw offset of the first non-space character
    end: int  # raw offset after the last non-space character
    text: str
    page_break_before: bool = False


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    heading: bool


@dataclass
class RepairedText:
    """Repaired text; `map` traces each character back to the raw text; `notes`: what was repaired."""

    text: str
    map: OffsetMap
    paragraphs: list[Paragraph] = field(default_factory=list)
    notes: tuple[str, ...] = ()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.map.span_to_raw(start, end)


def _split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    page_break = False
    for m in [*LINE_BREAK.finditer(raw), None]:
        end = m.start() if m else len(raw)
        chunk = raw[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            start = pos + lead
            lines.append(Line(start, start + len(stripped), stripped, page_break))
            page_break = False
        else:
            lines.append(Line(pos, pos, "", page_break))
            page_break = False
        if m is not None and m.group() == "\f":
            page_break = True
        pos = m.end() if m else len(raw)
    return lines


def _running_lines(lines: list[Line]) -> set[str]:
    """Shapes of running headers and footers: short lines that recur where pages meet.

    Repetition alone proves nothing (a report repeats "Die Quote lag 2019 bei 5 Prozent." with each year;
    an article pasted twice repeats every line). A shape counts when it recurs at least twice and
    - at least two of its occurrences sit at a page edge (next to a form feed, a page-number line, or the
    start/end of the text, with only blank lines or other short lines between), at least one of them at a
    real page break (form feed or page number), and at most a quarter of them elsewhere; or
    - it recurs at least three times at a steady page-length interval (≥ 15 lines) with different text
    after it each time (a copied article has the same text after its repeated lines).
    A line that reads as part of a sentence (ends like one, starts in lower case, or ends mid-phrase) is
    never a running line.
    """
    where: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        if line.text and len(line.text) <= 80 and not _sentence_like(line.text):
            shape = _shape(line.text)
            if len(shape) >= 3:
                where.setdefault(shape, []).append(i)
    running: set[str] = set()
    for shape, positions in where.items():
        if len(positions) < 2:
            continue
        edges = [_page_edge(lines, i) for i in positions]
        at_edge = sum(1 for e in edges if e)
        at_break = sum(1 for e in edges if e == "break")
        by_position = at_edge >= 2 and at_break >= 1 and (len(positions) - at_edge) * 4 <= len(positions)
        if by_position or (len(positions) >= 3 and _periodic(lines, positions)):
            running.add(shape)
    return running


def _sentence_like(text: str) -> bool:
    """A line a running header never is: a sentence or a piece of one."""
    return _ends_sentence(text) or _starts_lower(text) or _cut_mid_phrase(text)


def _page_edge(lines: list[Line], i: int) -> str:
    """'break' when line i is next to a form feed or a page number, 'end' when next to the start or end
    of the text (across blank lines and at most two other short lines), '' otherwise."""
    if lines[i].page_break_before:
        return "break"
    for step in (-1, 1):
        j, others = i, 0
        while True:
            j += step
            if j < 0 or j >= len(lines):
                return "end"
            # a form feed between line j and its neighbour towards i
            if lines[j + 1 if step == -1 else j].page_break_before:
                return "break"
            text = lines[j].text
            if not text:
                continue
            if PAGE_NUMBER.match(text):
                return "break"
            others += 1
            if others > 2 or len(text) > 80 or _sentence_like(text):
                break
    return ""


def _periodic(lines: list[Line], positions: list[int]) -> bool:
    gaps = [b - a for a, b in pairwise(positions)]
    if min(gaps) < 15 or max(gaps) - min(gaps) > max(3, min(gaps) // 10):
        return False
    following = set()
    for i in positions:
        nxt = next((line.text for line in lines[i + 1 : i + 6] if line.text), "")
        following.add(_shape(nxt))
    return len(following) == len(positions)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _is_noise(line: Line, running: set[str]) -> bool:
    return bool(line.text) and (bool(PAGE_NUMBER.match(line.text)) or _shape(line.text) in running)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSING_QUOTES)
    return bool(stripped) and stripped[-1] in TERMINAL


def _starts_lower(text: str) -> bool:
    return text.lstrip("\"'„“‚‘»«(")[:1].islower()


def _is_heading_block(block: list[Line], markdown_heading: bool) -> bool:
    if markdown_heading:
        return True
    if len(block) != 1:
        return False
    text = block[0].text
    words = text.split()
    return (
        len(words) <= 12
        and words[-1].casefold() not in TRAILING_FUNCTION_WORDS
        and not _ends_sentence(text)
        and not text.endswith((",", "-", "–"))
        and text[:1].isupper()
        and not BULLET.match(text)
    )


def _blocks(lines: list[Line], markdown: bool) -> list[tuple[list[Line], int]]:
    """Consecutive text lines, with how many blank/noise lines preceded each block."""
    running = _running_lines(lines)
    blocks: list[tuple[list[Line], int]] = []
    current: list[Line] = []
    gap = 0
    for line in lines:
        if not line.text or _is_noise(line, running):
            if current:
                blocks.append((current, gap))
                current, gap = [], 0
            gap += 1
            continue
        starts_new = bool(current) and (
            BULLET.match(line.text) or (markdown and MD_HEADING.match(line.text)) or line.page_break_before
        )
        if current and (starts_new or (markdown and MD_HEADING.match(current[-1].text))):
            blocks.append((current, gap))
            current, gap = [], 0
        current.append(line)
    if current:
        blocks.append((current, gap))
    return _drop_single_headers(blocks, lines, running)


def _drop_single_headers(
    blocks: list[tuple[list[Line], int]], lines: list[Line], running: set[str]
) -> list[tuple[list[Line], int]]:
    """A running header that occurs only once ("THE NORTHERN LEDGER | Business"): a one-line block right
    after a page break (page number or form feed) that cuts a sentence: the text before the break does not
    end a sentence and the text after it goes on in lower case."""
    index = {line.start: i for i, line in enumerate(lines) if line.text}
    out: list[tuple[list[Line], int]] = []
    for k, (block, gap) in enumerate(blocks):
        if (
            0 < k < len(blocks) - 1
            and len(block) == 1
            and len(block[0].text) <= 80
            and not _ends_sentence(block[0].text)
            and _after_page_break(lines, index[block[0].start], running)
            and not _ends_sentence(out[-1][0][-1].text if out else "")
            and (_starts_lower(blocks[k + 1][0][0].text) or _cut_mid_phrase(out[-1][0][-1].text if out else ""))
        ):
            continue
        out.append((block, gap))
    return out


def _cut_mid_phrase(text: str) -> bool:
    words = text.split()
    return bool(words) and (text.endswith((",", "-")) or words[-1].casefold() in TRAILING_FUNCTION_WORDS)


def _after_page_break(lines: list[Line], i: int, running: set[str]) -> bool:
    """Only blank lines, page numbers and form feeds between line i and the text before it, at least one of
    them a page number or a form feed."""
    seen = lines[i].page_break_before
    for j in range(i - 1, -1, -1):  # no reversed(lines[:i]): that copy made long texts quadratic
        line = lines[j]
        if line.page_break_before:
            seen = True
        if not line.text:
            continue
        if _is_noise(line, running):
            seen = True
            continue
        return seen
    return False


def _line_join(prev: str, nxt: str) -> str:
    """How two wrapped lines meet: '' (dehyphenate), 'keep' (real hyphen) or ' '."""
    if len(prev) >= 2 and prev[-1] in "-\u00ad¬" and prev[-2].isalpha():
        first_word = re.match(r"[\w]+", nxt)
        follower = first_word.group().casefold() if first_word else ""
        if follower in SUSPENDED_FOLLOWERS:
            return " "
        if prev[-1] != "-" or nxt[:1].islower():
            return ""
        return "keep"
    if prev.endswith(("-", "/")) and prev[-2:-1].isdigit():
        return "keep"
    return " "


def repair_layout(raw: str, markdown: bool = False) -> RepairedText:
    """Repair characters (mojibake, controls, soft hyphens, ligatures: text.clean), then hard wraps,
    hyphenation, page breaks and running headers; the offset map leads from the result to `raw`."""
    cleaned = clean_text(raw)
    repaired = _repair_lines(cleaned.text, markdown)
    if cleaned.map is None:
        return repaired
    return RepairedText(repaired.text, repaired.map.compose(cleaned.map), repaired.paragraphs, cleaned.notes)


def _repair_lines(raw: str, markdown: bool) -> RepairedText:
    lines = _split_lines(raw)
    blocks = _blocks(lines, markdown)
    out = TextBuilder(raw)
    paragraphs: list[Paragraph] = []
    para_start = 0
    para_heading = False
    prev_block: list[Line] | None = None

    for block, _gap in blocks:
        md_heading = markdown and bool(MD_HEADING.match(block[0].text))
        heading = _is_heading_block(block, md_heading)
        if prev_block is not None:
            last = prev_block[-1]
            dateline_next = bool(DATELINE_START.match(block[0].text))
            continues = (
                not para_heading
                and not dateline_next
                and not heading_or_bullet(block)
                and not _ends_sentence(last.text)
                and (
                    _starts_lower(block[0].text)
                    or (len(prev_block) > 1 and prev_block is not blocks[0][0])  # a wrapped title stays apart
                    or last.text.endswith((",", "-"))
                    or last.text.split()[-1].casefold() in TRAILING_FUNCTION_WORDS
                )
            )
            if continues:
                joiner = _line_join(last.text, block[0].text)
                _join(out, last, block[0], joiner)
                heading = False
            else:
                if dateline_next and len(prev_block) == 1 and prev_block is blocks[0][0]:
                    para_heading = True  # the one line before the dateline is the headline
                paragraphs.append(Paragraph(para_start, out.length, para_heading))
                out.insert("\n\n", last.end, block[0].start)
                para_start = out.length
                para_heading = heading
        else:
            para_heading = heading
        for i, line in enumerate(block):
            start = line.start
            if i == 0 and md_heading:
                start += MD_HEADING.match(line.text).end()  # type: ignore[union-attr]
            if i > 0:
                _join(out, block[i - 1], line, _line_join(block[i - 1].text, line.text))
            out.copy(start, line.end)
        prev_block = block
    if prev_block is not None:
        paragraphs.append(Paragraph(para_start, out.length, para_heading))
    text, offset_map = out.build()
    return RepairedText(text, offset_map, paragraphs)


def heading_or_bullet(block: list[Line]) -> bool:
    return bool(BULLET.match(block[0].text))


def _join(out: TextBuilder, prev: Line, nxt: Line, joiner: str) -> None:
    if joiner == " ":
        out.insert(" ", prev.end, nxt.start)
    elif joiner == "":
        out.drop_last_char()  # the line-end hyphen of a word that continues on the next line
