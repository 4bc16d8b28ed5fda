"""Character-level cleaning of article text before the layout repair, with an exact offset map.

Two passes over the raw text, each recorded in an OffsetMap (cleaned → raw):

1. Mojibake: lines that hold UTF-8 read as cp1252/Latin-1 ("GebÃ¼hren", "â€žZitatâ€œ") are repaired with
   ftfy's encoding fix, which is conservative: well-formed German/English (ä ö ü ß € „“ – …) is left as is.
   A character diff between the line and its repair keeps every untouched character copied in the map.
   This runs first because mojibake can contain C1 bytes (”→ "â€\\x9d") that pass 2 would remove.
2. Controls and PDF leftovers: terminal escape sequences (CSI, OSC incl. OSC 8 links, two-byte ESC)
   are removed whole, other C0/C1 control characters one by one (tab and the line breaks the layout
   reads — LF, CR, VT, FF, NEL — stay: a form feed marks a page); soft hyphens are removed, together
   with the line break after them ("Verkehrs\\xad⏎minister") or around a line of their own
   ("Verkehrs⏎\\xad⏎minister"); ligatures U+FB00–FB06 are folded ("ﬁ" → "fi").

`clean_text(raw)` returns the cleaned text, the map, and one-line notes about what was repaired.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from factcheck.text.offsets import OffsetMap, TextBuilder

_NL = r"(?:\r\n|\r|\n)"
_PASS2 = re.compile(
    # OSC … BEL/ST (title, OSC 8 hyperlink), only when terminated: an unterminated one must not eat text
    r"(?P<osc>(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]{0,2048}(?:\x07|\x1b\\|\x9c))"
    # CSI (cursor, erase, modes such as ?1049h), 7-bit or as the C1 byte U+009B; the C1 form only with
    # parameters ("\x9b31m"): a stray U+009B before " sagte" must not take the text after it
    r"|(?P<csi>\x1b\[[0-?]{0,64}[ -/]{0,8}[@-~]|\x9b[0-?]{1,64}[@-~])"
    # DCS/APC/PM/SOS strings up to ST
    r"|(?P<str>\x1b[P_^X][^\x1b\n]{0,2048}\x1b\\)"
    # any other ESC alone: what follows it is printable and may be the article's own text ("\x1bsagte");
    # one-byte C1 introducers such as \x9b are removed alone below for the same reason
    r"|(?P<esc>\x1b)"
    # a soft hyphen, with the line break after it ("Verkehrs\xad⏎minister") when a word goes on there
    rf"|(?P<shy>\xad(?:(?<=\w\xad)[ \t]*{_NL}(?:[ \t]*\xad[ \t]*{_NL})?[ \t]*(?=\w))?)"
    r"|(?P<lig>[\ufb00-\ufb06])"
    # C0 except TAB LF VT FF CR; DEL; C1 except NEL (a line break the layout reads); bidi embeddings,
    # overrides and isolates (U+202A–202E, U+2066–2069), which reorder what a reader sees ("Trojan Source")
    r"|(?P<ctl>[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069])"
)
# a soft hyphen on a line of its own between two parts of a word, matched from the line break before it
_SHY_LINE = re.compile(rf"[ \t]*{_NL}[ \t]*\xad[ \t]*{_NL}[ \t]*(?=\w)")
# Where a match of _PASS2 can start. Searching for these first and matching _PASS2 only there is ~20x
# faster than letting the regex engine try every alternative at every position of a 20 MB text.
_PASS2_HINT = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\ufb00-\ufb06\u202a-\u202e\u2066-\u2069]")
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",  # long s + t
    "\ufb06": "st",
}
# A lead byte of a multi-byte UTF-8 sequence read as cp1252/Latin-1, followed by a continuation byte read
# the same way: the shape of mojibake. Only lines with it are handed to ftfy (which is slow on clean text).
_MOJIBAKE_HINT = re.compile(
    "[\xc2-\xf4][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text; `map` traces it back to the raw text (None when nothing changed)."""

    text: str
    map: OffsetMap | None
    notes: tuple[str, ...] = ()


def clean_text(raw: str) -> Cleaned:
    """`raw` with mojibake repaired, controls/escape sequences and soft hyphens removed, ligatures folded."""
    notes: list[str] = []
    text, mojibake_map, fixed_lines = _fix_mojibake(raw)
    if fixed_lines:
        notes.append(f"repaired mis-decoded characters (mojibake) on {fixed_lines} line{'s' * (fixed_lines > 1)}")
    text2, control_map, removed = _clean_controls(text)
    if removed:
        notes.append(
            f"removed {removed} control character{'s' * (removed > 1)} or terminal escape sequence{'s' * (removed > 1)}"
        )
    if mojibake_map is None:
        return Cleaned(text2, control_map, tuple(notes))
    if control_map is None:
        return Cleaned(text2, mojibake_map, tuple(notes))
    return Cleaned(text2, control_map.compose(mojibake_map), tuple(notes))


_PIECE = 400  # characters of a line repaired and diffed at once


def _pieces(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """A line as pieces of about _PIECE characters cut after a space: the character diff behind the offset
    map grows faster than linearly with its input (a 10,000-character line took 36 s whole), and a
    garbled sequence ("Ã¶") never holds a space, so a cut there splits none."""
    out: list[tuple[int, int]] = []
    a = start
    while end - a > 2 * _PIECE:
        cut = raw.find(" ", a + _PIECE, a + 2 * _PIECE)
        if cut < 0:
            cut = a + 2 * _PIECE - 1  # (no space: a text of one long word is cut anywhere)
        out.append((a, cut + 1))
        a = cut + 1
    out.append((a, end))
    return out


def _fix_mojibake(raw: str) -> tuple[str, OffsetMap | None, int]:
    if not _MOJIBAKE_HINT.search(raw):
        return raw, None, 0
    from ftfy import fix_encoding  # loaded only when a text looks garbled

    out = TextBuilder(raw)
    fixed_lines = 0
    pos = 0  # raw up to here is in `out`
    for hint in _MOJIBAKE_HINT.finditer(raw):
        if hint.start() < pos:
            continue  # a further hint on a line already handled
        start = raw.rfind("\n", 0, hint.start()) + 1
        end = raw.find("\n", hint.end())
        end = len(raw) if end < 0 else end + 1
        changed = False
        for a, b in _pieces(raw, start, end):
            piece = raw[a:b]
            fixed = fix_encoding(piece)
            if fixed == piece:
                continue
            changed = True
            out.copy(pos, a)
            # a character diff keeps the untouched characters of the piece copied (exact in the map)
            for op, i1, i2, j1, j2 in SequenceMatcher(None, piece, fixed, autojunk=False).get_opcodes():
                if op == "equal":
                    out.copy(a + i1, a + i2)
                else:
                    out.insert(fixed[j1:j2], a + i1, a + i2)
            pos = b
        fixed_lines += changed
        pos = max(pos, start)
    out.copy(pos, len(raw))
    if not fixed_lines:
        return raw, None, 0
    text, offset_map = out.build()
    return text, offset_map, fixed_lines


def _soft_hyphen_line(text: str, at: int, floor: int) -> re.Match[str] | None:
    """The match of a soft hyphen alone on its line (at `at`) between two parts of a word, else None."""
    # only a few spaces may stand before it on its line: look back a short way (a long line is no match,
    # and a bounded look keeps a 20 MB one-line text with many soft hyphens linear)
    low = max(floor, at - 64)
    line_start = max(text.rfind("\n", low, at), text.rfind("\r", low, at)) + 1
    if line_start <= floor or text[line_start:at].strip(" \t"):
        return None
    start = line_start - 2 if text[line_start - 2 : line_start] == "\r\n" else line_start - 1
    while start > floor and text[start - 1] in " \t":
        start -= 1
    if start <= floor or not text[start - 1].isalnum():
        return None
    return _SHY_LINE.match(text, start)


def _clean_controls(text: str) -> tuple[str, OffsetMap | None, int]:
    if not _PASS2_HINT.search(text):
        return text, None, 0
    out = TextBuilder(text)
    pos = 0  # text up to here is in `out`
    removed = 0
    while (hint := _PASS2_HINT.search(text, pos)) is not None:
        at = hint.start()
        m = _soft_hyphen_line(text, at, pos) if text[at] == "\xad" else None
        m = m or _PASS2.match(text, at)
        if m is None:  # cannot happen: every hint character is matched by a branch; be safe anyway
            out.copy(pos, at + 1)
            pos = at + 1
            continue
        out.copy(pos, m.start())
        kind = m.lastgroup
        if kind == "lig":
            out.insert(_LIGATURES[m.group()], m.start(), m.end())
        elif kind != "shy" and m.re is _PASS2:
            removed += 1
        pos = m.end()
    out.copy(pos, len(text))
    cleaned, offset_map = out.build()
    return cleaned, offset_map, removed
