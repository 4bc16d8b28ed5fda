"""Bytes to text: BOMs, UTF-8, Western European code pages; refuse empty and binary input."""

from __future__ import annotations

import codecs
import unicodedata

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


def decode_bytes(data: bytes, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Decode article bytes to text with normalised Unicode (NFC); raise InputError if unusable."""
    if len(data) > max_bytes:
        raise InputError(f"input is {mib(len(data))}; the limit is {mib(max_bytes)}")
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"binary input: this is {what}, not text")
    text = _decode(data)
    text = unicodedata.normalize("NFC", text).replace("\x00", "")
    if not text.strip():
        raise InputError("empty input: no text to import")
    if _looks_binary(text):
        raise InputError("binary input: the data is not text in any supported encoding")
    return text


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def _decode(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"cannot decode input as {encoding}: {exc.reason}") from exc
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise InputError("binary input: the data contains NUL bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=WESTERN).best()
    if best is not None:
        return str(best)
    return data.decode("cp1252", errors="replace")


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
