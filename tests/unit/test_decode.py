"""Encodings we must read with umlauts intact, and input we must refuse with one clear message."""

from __future__ import annotations

import codecs

import pytest

from factcheck.errors import InputError
from factcheck.text.decode import decode_bytes, decode_with_warnings

GERMAN = "Die Bundesregierung lehnte „höhere Zölle“ ab, sagte Jürgen Müller in Köln – 5 € mehr für Bürger."
LATIN1_SAFE = "Größere Änderungen für Bürger in München, sagte der Bürgermeister am Montag."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (GERMAN.encode("utf-8"), GERMAN),
        (codecs.BOM_UTF8 + GERMAN.encode("utf-8"), GERMAN),
        (GERMAN.encode("utf-16"), GERMAN),  # with BOM, native order
        (codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"), GERMAN),
        (codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le"), GERMAN),
        (GERMAN.encode("cp1252"), GERMAN),
        (LATIN1_SAFE.encode("latin-1"), LATIN1_SAFE),
        (
            ("Ça coûte très cher à Genève, sagte Müller. " * 3).encode("cp1252"),
            "Ça coûte très cher à Genève, sagte Müller. " * 3,
        ),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-be-bom", "utf-16-le-bom", "cp1252", "latin-1", "cp1252-accents"],
)
def test_encodings_decode_with_umlauts_intact(data: bytes, expected: str) -> None:
    assert decode_bytes(data) == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"   \n\n\t  ", "empty input"),
        (codecs.BOM_UTF8, "empty input"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary input"),
        (bytes(range(256)) * 20, "binary input"),
        (b"\x00\x01\x02\x03\x04\x05binary\x00\x00", "binary input"),
    ],
    ids=["empty", "whitespace", "bom-only", "pdf", "png", "all-bytes", "nul-bytes"],
)
def test_unusable_input_is_refused_with_one_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_huge_input_is_refused() -> None:
    with pytest.raises(InputError, match="limit"):
        decode_bytes(b"a" * 101, max_bytes=100)


def test_one_invalid_byte_does_not_turn_utf8_into_mojibake() -> None:
    good = "Die Lösung für München kostet 5 € – sagte Jürgen Müller."
    data = good.encode("utf-8")
    at = data.index(b"kostet")
    damaged = data[:at] + b"\xff" + data[at:]
    decoded = decode_with_warnings(damaged)
    assert decoded.text == good[: good.index("kostet")] + "\ufffd" + good[good.index("kostet") :]
    assert "Ã" not in decoded.text
    assert decoded.warnings == (f"invalid UTF-8: 1 byte replaced with U+FFFD (byte offset {at})",)


def test_many_invalid_bytes_are_counted_and_the_first_offsets_named() -> None:
    data = "Größe Übermaß Ärger ".encode() * 5 + b"\xff\xfe\x80 x \xc3 y \xe2\x82 z"
    (warning,) = decode_with_warnings(data).warnings
    assert warning.startswith("invalid UTF-8: 6 bytes replaced with U+FFFD (byte offsets ")
    assert "…" in warning


def test_a_cp1252_file_is_still_read_as_cp1252_without_warning() -> None:
    decoded = decode_with_warnings(GERMAN.encode("cp1252"))
    assert decoded.text == GERMAN
    assert decoded.warnings == ()
