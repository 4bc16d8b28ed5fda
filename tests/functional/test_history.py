"""`factcheck history`: a claim's or an article's events in words, filters, JSON, errors; the service on both
backends."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import Session, select

from factcheck.services import editing, history, sources, verdicts
from factcheck.services.claims import set_status
from factcheck.store import Article, Claim, create_store_engine, session_scope
from tests.functional.test_cli import assert_one_line_error, run
from tests.functional.test_services import first_claim_id, import_seed


@dataclass
class Story:
    """Ids of a realistic claim history (see `tell_story`)."""

    article: int
    claim: int  # "dröhnende Leere": status, two verdicts, note, source, split, merge, a third verdict undone
    tail: int  # the part split off it and merged back in


def tell_story(db: str) -> Story:
    """Import the seed; anna works the claim, ben adds a note and a source, anna splits it, merges the part
    back, ben changes the verdict and anna undoes that."""
    engine = create_store_engine(db)
    try:
        article = import_seed(engine).article_id
        claim = first_claim_id(engine, "dröhnende Leere")
        with session_scope(engine) as session:
            set_status(session, claim, "in-progress", actor="anna")
        with session_scope(engine) as session:
            verdicts.set_verdict(session, claim, "größtenteils richtig", rationale="Zitat belegt", actor="anna")
        with session_scope(engine) as session:
            verdicts.set_verdict(session, claim, "false", rationale="Zitat nicht belegt", actor="anna")
        with session_scope(engine) as session:
            verdicts.add_note(session, claim, "Pressestelle angefragt", actor="ben")
        with session_scope(engine) as session:
            sources.add_source(session, claim, "https://example.org/protokoll", actor="ben")
        with Session(engine) as session:
            found = session.get(Claim, claim)
            assert found is not None
            text = session.exec(select(Article)).one().text
            at = text.index(", die keinen konkreten", found.start) + 1
        with session_scope(engine) as session:
            _head, tail = editing.split_claim(session, claim, at, actor="anna")
        with session_scope(engine) as session:
            editing.merge_with_next(session, claim, actor="anna")
        with session_scope(engine) as session:
            verdicts.set_verdict(session, claim, "irreführend", rationale="Kontext fehlt", actor="ben")
        with session_scope(engine) as session:
            editing.undo_last(session, claim, actor="anna")
        return Story(article, claim, tail.id)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Story]:
    db = tmp_path_factory.mktemp("history") / "claims.db"
    return db, tell_story(str(db))


def lines_of(*args: str, db: Path) -> list[str]:
    return run("history", *args, db=db).stdout.splitlines()


def test_claim_history_says_what_changed_in_words(story_db: tuple[Path, Story]) -> None:
    db, story = story_db
    lines = lines_of(str(story.claim), db=db)
    assert len(lines) == 10, lines  # the tail's own claim.add comes with the merge
    expected = [
        ("anna", "status: open → in progress"),
        ("anna", "verdict: mostly true — Zitat belegt; status: in progress → checked"),
        ("anna", "verdict: mostly true → false — Zitat nicht belegt"),
        ("ben", "note added: Pressestelle angefragt"),
        ("ben", "source added: https://example.org/protokoll"),
        ("anna", f"split: claim {story.tail} split off; keeps “So bezeichnete"),
        ("anna", f"split off claim {story.claim}: “die keinen konkreten Fortschritt"),
        ("anna", f"merged with claim {story.tail}: “die keinen konkreten Fortschritt"),
        ("ben", "verdict: false → misleading — Kontext fehlt (undone)"),
        ("anna", "undo of event "),
    ]
    for line, (who, words) in zip(lines, expected, strict=True):
        at, actor, rest = line.split(maxsplit=2)
        assert at.endswith("Z") and "T" in at, line
        assert actor == who and rest.startswith(words.removesuffix(" (undone)")), line
        assert line.endswith(" (undone)") == words.endswith(" (undone)"), line
    assert lines[-1].endswith("(verdict: misleading)")
    assert "…" in lines[5] and len(lines[5]) < 160  # the long claim text is shortened


def test_claim_history_in_german(story_db: tuple[Path, Story]) -> None:
    db, story = story_db
    lines = lines_of(str(story.claim), "--lang", "de", db=db)
    text = "\n".join(lines)
    assert "Status: offen → in Arbeit" in lines[0]
    assert "Bewertung: größtenteils richtig → falsch — Zitat nicht belegt" in lines[2]
    assert "Notiz hinzugefügt: Pressestelle angefragt" in lines[3]
    assert f"geteilt: Aussage {story.tail} abgeteilt" in lines[5]
    assert f"mit Aussage {story.tail} zusammengeführt" in lines[7]
    assert lines[8].endswith("(rückgängig gemacht)") and "Bewertung: falsch → irreführend" in lines[8]
    assert "Rückgängig: Ereignis" in lines[9] and lines[9].endswith("(Bewertung: irreführend)")
    for english in ("verdict", "status:", "note added", "undone"):
        assert english not in text


def test_history_filters_by_actor_and_action(story_db: tuple[Path, Story]) -> None:
    db, story = story_db
    bens = lines_of(str(story.claim), "--actor", "BEN", db=db)
    assert [line.split(maxsplit=2)[2].split(":")[0] for line in bens] == ["note added", "source added", "verdict"]
    rated = lines_of(str(story.claim), "--action", "verdict.set", db=db)
    assert len(rated) == 3 and all("verdict:" in line for line in rated)
    family = lines_of(str(story.claim), "--action", "verdict", "--actor", "anna", db=db)
    assert len(family) == 2
    assert lines_of(str(story.claim), "--actor", "nobody", db=db) == ["no events match"]
    typo = run("history", str(story.claim), "--action", "verdikt", db=db, ok=False)
    assert_one_line_error(typo, "unknown action 'verdikt'")


def test_history_json_shape(story_db: tuple[Path, Story]) -> None:
    db, story = story_db
    entries = json.loads(run("history", str(story.claim), "--json", "--lang", "de", db=db).stdout)
    assert [set(e) for e in entries] == [
        {"id", "at", "actor", "action", "claim_id", "undone", "undone_by", "changes"}
    ] * len(entries)
    assert [e["id"] for e in entries] == sorted(e["id"] for e in entries)  # oldest first
    undone = [e for e in entries if e["undone"]]
    undo = entries[-1]
    assert [e["action"] for e in undone] == ["verdict.set"] and undone[0]["undone_by"] == undo["id"]
    assert undo["action"] == "undo" and undo["undone_by"] is None
    assert entries[1]["changes"] == ["Bewertung: größtenteils richtig — Zitat belegt", "Status: in Arbeit → geprüft"]
    assert {e["claim_id"] for e in entries} == {story.claim, story.tail}


def test_article_history_starts_with_the_import_and_names_the_claims(story_db: tuple[Path, Story]) -> None:
    db, story = story_db
    lines = lines_of("--article", str(story.article), db=db)
    assert "article imported: “Trump und Putin" in lines[0] and "claims)" in lines[0]
    imported = json.loads(run("claims", str(story.article), "--json", db=db).stdout)
    checkworthy = sum(1 for c in imported if c["checkworthy"])
    assert lines[0].endswith(f"({checkworthy} claims)")  # counted as `import` and the workbench count
    assert len(lines) == 11
    assert f"#{story.claim} " in lines[1] and "status: open → in progress" in lines[1]
    assert any(f"#{story.tail} " in line and "split off claim" in line for line in lines)
    entries = json.loads(run("history", "--article", str(story.article), "--json", "--action", "note", db=db).stdout)
    assert [(e["action"], e["claim_id"], e["actor"]) for e in entries] == [("note.add", story.claim, "ben")]


def test_unknown_ids_and_options_are_one_line_errors(story_db: tuple[Path, Story]) -> None:
    db, _story = story_db
    assert_one_line_error(run("history", "999999", db=db, ok=False), "no claim with id 999999")
    assert_one_line_error(run("history", "--article", "77", db=db, ok=False), "no article with id 77")
    assert_one_line_error(run("history", "zwölf", db=db, ok=False), "claim id must be a number")
    assert_one_line_error(run("history", "1", "--lang", "fr", db=db, ok=False), "use de or en")


def test_a_merged_claim_points_to_the_claim_it_went_into(tmp_path: Path) -> None:
    db = tmp_path / "claims.db"
    engine = create_store_engine(str(db))
    import_seed(engine)
    first = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        second = editing.next_claim(session, session.get(Claim, first)).id  # type: ignore[arg-type, union-attr]
        verdicts.add_note(session, second, "gehört zum vorigen Satz", actor="ben")
    with session_scope(engine) as session:
        editing.merge_with_next(session, first, actor="anna")
    engine.dispose()
    assert_one_line_error(run("history", str(second), db=db, ok=False), f"(merged into claim {first})")
    assert any("note added: gehört zum vorigen Satz" in line for line in lines_of(str(first), db=db))


def test_history_lines_never_drive_the_terminal(tmp_path: Path) -> None:
    db = tmp_path / "claims.db"
    story = tell_story(str(db))
    with sqlite3.connect(db) as conn:  # as an older version or a hand edit could have left them
        conn.execute("UPDATE event SET actor = ? WHERE action = 'note.add'", ("ben\x1b]0;pwned\x07\x1b[2J",))
    out = run("history", str(story.claim), db=db).stdout
    assert "\x1b" not in out and "\x07" not in out and "ben\\x1b" in out


def test_the_service_on_both_backends(store_db: str) -> None:
    story = tell_story(store_db)
    engine = create_store_engine(store_db)
    try:
        with Session(engine) as session:
            entries = history.claim_history(session, story.claim)
            article = history.article_history(session, story.article, action="claim")
    finally:
        engine.dispose()
    assert [e.action for e in entries] == [
        "claim.status",
        "verdict.set",
        "verdict.set",
        "note.add",
        "source.add",
        "claim.split",
        "claim.add",
        "claim.merge",
        "verdict.set",
        "undo",
    ]
    assert entries[2].lines("en") == ["verdict: mostly true → false — Zitat nicht belegt"]
    assert entries[2].lines("de") == ["Bewertung: größtenteils richtig → falsch — Zitat nicht belegt"]
    assert [e.action for e in article] == ["claim.status", "claim.split", "claim.add", "claim.merge"]
