"""Control characters at the two boundaries: removed from what comes in, made visible on the way out."""

from __future__ import annotations

import re

import pytest

from factcheck.text.control import clean_input, has_controls, terminal_safe

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Quelle prüfen\x1b]0;pwned\x07", "Quelle prüfen"),  # window title: gone whole, not "]0;pwned"
        ("\x1b[2J", ""),  # clear screen: nothing left, so a required rationale stays missing
        ("a\x1b[?1049hb", "ab"),  # alternate screen
        ("\x1b]8;;https://evil.example/\x1b\\Link\x1b]8;;\x1b\\", "Link"),  # OSC 8 hyperlink keeps its words
        ("rot\x9b31m", "rot"),  # C1 CSI with parameters
        ("Der \x9b sagte", "Der  sagte"),  # a stray C1 byte does not take the text after it
        ("Zeile 1\r\nZeile 2\rZeile 3\tEnde\x07", "Zeile 1\nZeile 2\nZeile 3\tEnde"),
        ("unterminated \x1b]0;title and more", "unterminated ]0;title and more"),
    ],
)
def test_clean_input_removes_escape_sequences_whole(typed: str, stored: str) -> None:
    assert clean_input(typed) == stored
    assert not RAW_CONTROL.search(clean_input(typed))


def test_terminal_safe_shows_controls_as_escapes() -> None:
    shown = terminal_safe("a\x1b]0;pwned\x07b\x9b\u202ec")
    assert shown == "a\\x1b]0;pwned\\x07b\\x9b\\u202ec"
    assert not RAW_CONTROL.search(shown)
    assert terminal_safe("Zeile 1\nZeile 2\tx") == "Zeile 1\nZeile 2\tx"
    assert terminal_safe("Zeile 1\nZeile 2\tx", one_line=True) == "Zeile 1 Zeile 2 x"
    assert terminal_safe(None) == "" and terminal_safe(42) == "42"
    assert has_controls("\x1b") and not has_controls("Köln „Zitat“ – 5 €\n")


def test_bidi_overrides_never_come_in_with_notes_names_or_articles() -> None:
    from factcheck.text.clean import clean_text

    trojan = "Rente \u202esteigt\u202c um \u20663\u2069 Prozent"  # RLO … PDF, LRI … PDI
    assert clean_input(trojan) == "Rente steigt um 3 Prozent"
    cleaned = clean_text(f"Titel\n\n{trojan}.")
    assert cleaned.text == "Titel\n\nRente steigt um 3 Prozent."
    assert "\u200f" in clean_input("\u200f")  # a lone right-to-left mark is ordinary text (Arabic, Hebrew names)


def test_bidi_marks_and_unicode_line_separators_neither_enter_nor_leave_raw() -> None:
    """LRM/RLM/ALM are invisible and move the text around them (a dialog border shifted); U+2028/2029
    break a line on some terminals and not on others."""
    assert clean_input("Anna Müller\u2028zweite Zeile\u2029") == "Anna Müller\nzweite Zeile\n"
    shown = terminal_safe("a\u200eb\u200fc\u061cd\u2028e\u2029f")
    assert shown == "a\\u200eb\\u200fc\\u061cd\\u2028e\\u2029f"


def test_a_name_of_invisible_characters_is_no_name() -> None:
    from factcheck.errors import InputError
    from factcheck.services.inputs import actor_name

    for invisible in ("\u200b", "\u2060\ufeff", "\u00ad \u200d"):
        with pytest.raises(InputError, match="needs the name"):
            actor_name(invisible)
    assert actor_name("an\u200bna") == "anna"  # two names that read alike are one
