"""Control characters: removed from what users and articles bring in, made visible on the way out.

Stored text must never drive the terminal. An ESC, a BEL, an OSC title sequence or a C1 control in an
article, a note or a `--by` name would otherwise set the window title, clear the screen or switch to the
alternate screen when printed (ECMA-48 defines C0 as U+0000–U+001F and U+007F, C1 as U+0080–U+009F).
Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) are escaped on output as well:
they do not drive the terminal, but they reorder what a reader sees (CVE-2021-42574, "Trojan Source").

Two functions, one per boundary:
- `clean_input(text)`: for short user-entered strings (notes, rationales, names, titles) and other
  text that has no offsets to keep (HTML before its main text is extracted, imported fact-checks):
  removes terminal escape sequences whole (so `ESC [ 2 J` leaves nothing, not "[2J") and any other
  C0/C1 control except newline and tab (CR LF and lone CR become a newline).
- `terminal_safe(text)`: for every human-readable output; shows each control-like character as a
  visible escape (`\\x1b`, `\\u202e`) so stored text from older databases cannot act either.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# C0 without tab and newline, DEL, C1. Carriage return is handled apart (CR LF → LF).
# C0/C1 controls and the bidi embeddings, overrides and isolates that reorder what a reader sees.
# The bidi marks (LRM, RLM, ALM) stay: right-to-left names need them; they are escaped on output.
_INPUT_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Unicode's line and paragraph separators: a terminal may break the line there, or not.
_LINE_SEPARATORS = re.compile(r"[\u2028\u2029]")
# Whole escape sequences (ECMA-48 §5.4–5.6), 7-bit and C1 forms: OSC … BEL/ST (window title, OSC 8
# links), CSI (erase, cursor, modes such as ?1049h), DCS/SOS/PM/APC strings. Only terminated ones: an
# unterminated string must not swallow the text after it; its introducer goes with the other controls.
ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]{0,2048}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b\[[0-?]{0,64}[ -/]{0,8}[@-~]|\x9b[0-?]{1,64}[@-~]"  # C1 CSI only with parameters: see clean.py
    r"|(?:\x1b[P_^X]|[\x90\x98\x9e\x9f])[^\x1b\x9c\n]{0,2048}(?:\x1b\\|\x9c)"
)
# On output also tab/newline when one line is wanted, the bidi controls and marks (an RLM moves the
# text around it: a dialog border shifted), and the Unicode line/paragraph separators.
# Lone surrogates (U+D800–DFFF) are there too: Python keeps undecodable bytes of command-line arguments
# and file names as such (PEP 383), and writing one to a UTF-8 stream raises instead of printing.
_OUTPUT_CONTROLS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_OUTPUT_CONTROLS_ONE_LINE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean_input(text: str) -> str:
    """`text` without C0/C1 control characters and bidi overrides; newline and tab stay, CR LF, lone CR
    and the Unicode line/paragraph separators become newline."""
    if _SURROGATES.search(text):
        text = _without_surrogates(text)
    text = _LINE_SEPARATORS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _INPUT_CONTROLS.sub("", ESCAPE_SEQUENCE.sub("", text))


def clean_name(name: str) -> str:
    """A person's name as it is stored: `clean_input`, without invisible format characters (zero-width
    space, word joiner, soft hyphen, BOM … would make two names that read alike differ), one line."""
    visible = "".join(ch for ch in clean_input(name) if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())


def _without_surrogates(text: str) -> str:
    """Text whose undecodable bytes Python kept as surrogates ("M\\udcfcnchen" from a Latin-1 terminal):
    each such byte is read as cp1252 ("München"), which is what a German or English terminal that is
    not UTF-8 sends, and the rest stays UTF-8; any other lone surrogate becomes U+FFFD."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return raw.decode("utf-8", errors=_CP1252_FALLBACK)


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


_CP1252_FALLBACK = "factcheck-cp1252-fallback"
codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal_safe(text: object, *, one_line: bool = False) -> str:
    """`str(text)` with every control-like character shown as an escape (ESC → `\\x1b`).

    With `one_line`, newlines and tabs become single spaces first, so a table row stays one row.
    None becomes the empty string.
    """
    if text is None:
        return ""
    value = str(text)
    if one_line:
        if "\n" in value or "\r" in value:
            value = " ".join(value.splitlines())
        value = value.replace("\t", " ")
        return _OUTPUT_CONTROLS_ONE_LINE.sub(_escape, value)
    return _OUTPUT_CONTROLS.sub(_escape, value)


def json_safe(dumped: str) -> str:
    """JSON text (from json.dumps) with the control-like characters json.dumps leaves raw (C1, bidi,
    lone surrogates) written as \\uXXXX: the same JSON value, and nothing a terminal acts on."""
    return _OUTPUT_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def has_controls(text: str) -> bool:
    """True when `text` holds a character `terminal_safe` would escape (newline and tab excepted)."""
    return _OUTPUT_CONTROLS.search(text) is not None
