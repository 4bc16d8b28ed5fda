"""Bytes to text: BOMs, UTF-8, Western European code pages; refuse empty and binary input."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

from factcheck.errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# German and English news that is not UTF-8 comes in these. Unrestricted detection tends to pick
# cp1250 or mac_roman for short texts, which garbles accented letters (à, é) that cp1252 gets right.
WESTERN = ["cp1252", "latin_1", "iso8859_15"]
MAGIC = {
    b"%PDF": "a PDF file (extract its text first, e.g. with pdftotext)",
    b"PK\x03\x04": "a ZIP/Office file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "a gzip archive",
}


@dataclass(frozen=True)
class Decoded:
    """Decoded text and what the user should know about how it was read (one line each)."""

    text: str
    warnings: tuple[str, ...] = ()


def decode_bytes(data: bytes, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Decode article bytes to text with normalised Unicode (NFC); raise InputError if unusable."""
    return decode_with_warnings(data, max_bytes=max_bytes).text


def decode_with_warnings(data: bytes, *, max_bytes: int = MAX_INPUT_BYTES) -> Decoded:
    """Like `decode_bytes`, with warnings (e.g. invalid UTF-8 bytes replaced, naming their byte offsets).

    Raises InputError (one line) for input that is too large, empty, binary or undecodable.
    """
    if len(data) > max_bytes:
        raise InputError(f"input is {mib(len(data))}; the limit is {mib(max_bytes)}")
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary input: this is {what}, not text")
    text, warnings = _decode(data)
    text = unicodedata.normalize("NFC", text).replace("\x00", "")
    if not text.strip():
        raise InputError("empty input: no text to import")
    if _looks_binary(text):
        raise InputError("binary input: the data is not text in any supported encoding")
    return Decoded(text, warnings)


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def _decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), ()
            except UnicodeDecodeError as exc:
                raise InputError(f"cannot decode input as {encoding}: {exc.reason}") from exc
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16, ()
        raise InputError("binary input: the data contains NUL bytes")
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    best = from_bytes(data, cp_isolation=WESTERN).best()
    if best is not None:
        return str(best), ()
    return data.decode("cp1252", errors="replace"), ()


# A well-formed multi-byte UTF-8 sequence (2, 3 or 4 bytes, no overlongs or surrogates).
_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NON_ASCII = re.compile(rb"[\x80-\xff]+")
_SHOWN_OFFSETS = 5


def _damaged_utf8(data: bytes) -> tuple[str, tuple[str, ...]] | None:
    """UTF-8 with a few bad bytes: the text with U+FFFD for them and a warning naming their offsets.

    None when the data does not look like UTF-8 at all: a cp1252/Latin-1 text has (almost) no valid
    multi-byte sequences, because its accented letters are single bytes followed by ASCII. One stray
    byte must not turn a whole UTF-8 file into cp1252 mojibake ("MÃ¼nchen").
    """
    valid = 0
    bad: list[int] = []
    # Only the non-ASCII runs can be wrong; they are short, so this stays linear on a 20 MB text.
    for run in _NON_ASCII.finditer(data):
        covered = run.start()
        for seq in _UTF8_MULTI.finditer(data, run.start(), run.end()):
            bad.extend(range(covered, seq.start()))
            covered = seq.end()
            valid += 1
        bad.extend(range(covered, run.end()))
    if not valid or len(bad) > valid:
        return None
    shown = ", ".join(str(b) for b in bad[:_SHOWN_OFFSETS]) + (", …" if len(bad) > _SHOWN_OFFSETS else "")
    noun = "byte" if len(bad) == 1 else "bytes"
    warning = (
        f"invalid UTF-8: {len(bad)} {noun} replaced with U+FFFD (byte offset{'s' if len(bad) > 1 else ''} {shown})"
    )
    return data.decode("utf-8", errors="replace"), (warning,)


def _utf16_without_bom(data: bytes) -> str | None:
    # Text in UTF-16 without a BOM has NULs in every other byte for Latin script.
    even, odd = data[0::2], data[1::2]
    for encoding, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros and zeros.count(0) / len(zeros) > 0.9:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\n\r\t\f\v"
    )
    return controls / max(len(sample), 1) > 0.05
