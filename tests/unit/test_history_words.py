"""The history catalogue: every event in words, in both languages, for known and unknown actions."""

from __future__ import annotations

import string

import pytest

from factcheck.history_words import (
    ACTION_PHRASES,
    CHANGE_PHRASES,
    UNDONE_PHRASES,
    action_phrase,
    describe,
    shorten,
    undone_phrase,
)


def lines(action: str, before: object, after: object, lang: str = "en", **context: object) -> list[str]:
    return [c.text(lang) for c in describe(action, before, after, **context)]  # type: ignore[arg-type]


def placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("catalogue", [ACTION_PHRASES, CHANGE_PHRASES, UNDONE_PHRASES])
def test_both_languages_say_the_same_things(catalogue: dict[str, tuple[str, str]]) -> None:
    for key, (english, german) in catalogue.items():
        assert english and german, key
        assert placeholders(english) == placeholders(german), key


def test_a_changed_verdict_names_the_one_it_replaced() -> None:
    after = {"rating": "false", "rationale": "Zahl von 2019", "status": "checked"}
    assert lines("verdict.set", {"status": "checked"}, after, previous_rating="mostly-true") == [
        "verdict: mostly true → false — Zahl von 2019"
    ]
    assert lines("verdict.set", {"status": "open"}, after, "de") == [
        "Bewertung: falsch — Zahl von 2019",
        "Status: offen → geprüft",
    ]
    reused = lines("verdict.set", {}, {"rating": "true", "reused_from": "checked:4"})
    assert reused == ["verdict: true", "taken over from checked:4"]


def test_a_review_with_its_comment_and_the_status_it_returns_to() -> None:
    before = {"rating": "false", "review_state": "pending", "status": "checked"}
    after = {"rating": "false", "decision": "rejected", "comment": "Quelle fehlt", "status": "in-progress"}
    assert lines("verdict.review", before, after) == [
        "review: rejected (verdict: false) — Quelle fehlt",
        "status: checked → in progress",
    ]
    approved = {"rating": "false", "decision": "approved", "comment": "", "status": "checked"}
    assert lines("verdict.review", before, approved, "de") == ["Prüfung: bestätigt (Bewertung: falsch)"]


def test_long_texts_are_shortened_in_the_middle() -> None:
    text = "Am 28. Januar 2017 telefonierten Trump und Putin " + "lange " * 30 + "über die Ukraine."
    short = shorten(text)
    assert len(short) <= 60 and short.startswith("Am 28. Januar") and short.endswith("über die Ukraine.")
    edit = lines(
        "claim.edit", {"text": text, "start": 0, "end": 9}, {"text": "Trump und Putin telefonierten.", "start": 0}
    )
    assert edit == [f"text edited: “{short}” → “Trump und Putin telefonierten.”"]
    assert shorten("zwei\n  Zeilen") == "zwei Zeilen"


def test_an_unknown_action_still_gives_a_line_per_changed_field() -> None:
    got = lines("verdict.withdraw", {"state": "pending", "version": 3}, {"state": "withdrawn", "why": "Dublette"})
    assert got == ["verdict withdraw", "state: pending → withdrawn", "why: Dublette"]
    many = lines("desk.settings", None, {f"k{i}": i for i in range(9)})
    assert many[0] == "desk settings" and many[-1] == "… 3 more fields" and len(many) == 8
    assert lines("mystery", None, None) == ["mystery"]


def test_an_undo_names_what_it_reverted() -> None:
    after = {"undid_event": 17, "undid_action": "verdict.set", "status": "in-progress"}
    got = lines("undo", {"status": "checked"}, after, undone=("verdict.set", {"rating": "false"}))
    assert got == ["undo of event 17 (verdict: false)", "status: checked → in progress"]
    # without the undone event at hand: its action in words
    assert lines("undo", None, {"undid_event": 3, "undid_action": "note.add"}, "de") == [
        "Rückgängig: Ereignis 3 (Notiz hinzugefügt)"
    ]


def test_short_phrases_never_show_raw_action_names() -> None:
    assert action_phrase("verdict.set", "de", rating="misleading") == "Bewertung: irreführend"
    assert action_phrase("claim.status", "en", status="in-progress") == "status → in progress"
    assert action_phrase("something.new", "de") == "sonstige Änderung"
    assert undone_phrase("claim.merge", "en") == "the merge" and undone_phrase("x", "de") == "die letzte Änderung"
