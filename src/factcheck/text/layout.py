"""Layout repair for text pasted from PDFs and web pages.

Hard-wrapped lines are joined into paragraphs, words hyphenated at a line end are rejoined while
real hyphens stay ("Bundes-\\nregierung" -> "Bundesregierung", "NATO-\\nMitgliedschaft" ->
"NATO-Mitgliedschaft"), page breaks and running headers/footers that cut through a sentence are
removed, and headings stay paragraphs of their own. Every character of the result can be traced back
to the raw text through the returned OffsetMap.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

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
    text: str
    map: OffsetMap
    paragraphs: list[Paragraph] = field(default_factory=list)

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
    """Short lines that repeat across the document: running headers and footers."""
    counts = Counter(_shape(line.text) for line in lines if line.text and len(line.text) <= 80)
    nonempty = sum(1 for line in lines if line.text)
    threshold = 3 if nonempty >= 30 else 4
    return {shape for shape, n in counts.items() if n >= threshold and len(shape) >= 3}


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
    for line in reversed(lines[:i]):
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
    """Repair hard wraps, hyphenation, page breaks and running headers; keep an offset map."""
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
            continues = (
                not para_heading
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
