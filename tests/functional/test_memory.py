"""The checked-claim memory through the services and the CLI: verdicts remembered, fact-checks
imported, similar claims found across rewording and inflection, verdicts reused with a link."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from factcheck.checked.formats import CheckedRecord, parse_checked_file
from factcheck.services import claims, editing, memory, verdicts
from factcheck.store import CheckedClaim, create_store_engine, session_scope
from tests.functional.test_cli import assert_one_line_error, run, run_json
from tests.functional.test_services import first_claim_id, import_seed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "checked"

DISTRACTORS = [
    ("Die Bundesregierung hat die Mehrwertsteuer auf Lebensmittel gesenkt.", "false"),
    ("Der Bundestag lehnte den Antrag zur Wahlrechtsreform ab.", "true"),
    ("Die Regierung in Wien lehnt Flüchtlingsquoten der EU ab.", "mostly-true"),
    ("Bayern lehnt den Länderfinanzausgleich in seiner jetzigen Form ab.", "half-true"),
]
TARGET = "Die Bundesregierung lehnte das Tempolimit auf Autobahnen ab."


def record(text: str, rating: str, url: str | None = None) -> CheckedRecord:
    return CheckedRecord(text=text, rating_key=rating, original_label=rating, url=url, language="de")


@pytest.fixture
def engine(store_db: str) -> Iterator[Engine]:
    engine = create_store_engine(store_db)
    import_seed(engine)
    with session_scope(engine) as session:
        records = [record(t, r, f"https://checks.example.de/{i}") for i, (t, r) in enumerate(DISTRACTORS)]
        records.append(record(TARGET, "false", "https://checks.example.de/tempolimit"))
        memory.add_checked(session, records, actor="anna", origin_name="fixture")
    yield engine
    engine.dispose()


def test_german_inflection_and_paraphrase_find_the_same_claim(engine: Engine) -> None:
    with session_scope(engine) as session:
        found = memory.find_similar(
            session, "Die Regierung des Bundes lehnt ein Tempolimit auf der Autobahn ab", language="de", top=3
        )
    assert found and found[0].text == TARGET
    assert found[0].url == "https://checks.example.de/tempolimit" and found[0].rating == "false"
    assert {"tempolimit", "autobahn"} & {t.casefold() for t in found[0].matched_terms}
    assert found[0].score > found[1].score if len(found) > 1 else True


def test_quotes_without_marks_and_other_date_formats_match(engine: Engine) -> None:
    with session_scope(engine) as session:
        memory.add_checked(
            session,
            [record("Merkel sagte am 31. August 2015: „Wir schaffen das“.", "true", "https://checks.example.de/wsd")],
            actor="anna",
            origin_name="fixture",
        )
        found = memory.find_similar(session, "merkel 31.08.2015 wir schaffen das", language="de", top=1)
    assert found[0].url == "https://checks.example.de/wsd"


def test_verdict_enters_memory_follows_edits_and_leaves_on_undo(engine: Engine) -> None:
    claim_id = first_claim_id(engine, "dröhnende Leere")
    with session_scope(engine) as session:
        verdicts.set_verdict(
            session, claim_id, "misattributed", rationale="Zitat stammt von jemand anderem", actor="anna"
        )
    query = "Filipenko nannte das Gespräch zwischen Trump und Putin eine dröhnende Leere"
    with session_scope(engine) as session:
        top = memory.find_similar(session, query, language="de", top=1)[0]
        assert (top.origin, top.claim_id, top.rating) == ("verdict", claim_id, "misattributed")
        # a claim is never its own match
        assert all(m.claim_id != claim_id for m in memory.similar_to_claim(session, claim_id))
        editing.edit_claim(
            session, claim_id, text="Filipenko sprach von einer dröhnenden Leere im Kreml.", actor="anna"
        )
    with session_scope(engine) as session:
        entry = session.exec(select(CheckedClaim).where(CheckedClaim.claim_id == claim_id)).one()
        assert entry.text == "Filipenko sprach von einer dröhnenden Leere im Kreml."
        assert memory.find_similar(session, "dröhnende Leere im Kreml", language="de", top=1)[0].claim_id == claim_id
    with session_scope(engine) as session:
        editing.undo_last(session, claim_id, actor="anna")  # the edit
        editing.undo_last(session, claim_id, actor="anna")  # the verdict
    with Session(engine) as session:
        assert session.exec(select(CheckedClaim).where(CheckedClaim.claim_id == claim_id)).first() is None
    with session_scope(engine) as session:
        assert all(m.claim_id != claim_id for m in memory.find_similar(session, query, language="de"))


def test_reuse_verdict_copies_rating_with_link_and_is_audited(engine: Engine) -> None:
    claim_id = first_claim_id(engine, "28. Januar 2017")
    with session_scope(engine) as session:
        checked_id = memory.find_similar(session, TARGET, language="de", top=1)[0].checked_id
        memory.reuse_verdict(session, claim_id, checked_id, actor="ben")
    with session_scope(engine) as session:
        detail = claims.claim_detail(session, claim_id)
    verdict = detail.claim.verdict
    assert verdict is not None and verdict.rating == "false" and verdict.checker == "ben"
    assert verdict.reused_from == f"checked:{checked_id}"
    assert "https://checks.example.de/tempolimit" in verdict.rationale
    assert detail.history[-1].action == "verdict.set" and detail.history[-1].after["reused_from"]


def test_reimport_skips_known_fact_checks(engine: Engine) -> None:
    records = parse_checked_file(FIXTURES / "checked_de.csv")
    with session_scope(engine) as session:
        first = memory.add_checked(session, records, actor="anna", origin_name="checked_de.csv")
    with session_scope(engine) as session:
        second = memory.add_checked(session, records, actor="anna", origin_name="checked_de.csv")
    assert first.added == len(records) and first.skipped == 0
    assert (second.added, second.skipped) == (0, len(records))


def test_cli_checked_import_and_similar(db_path: Path) -> None:
    out = run_json("checked", "import", str(FIXTURES / "claimreview_graph.jsonld"), db=db_path)
    assert out["added"] >= 1
    before = run_json("checked", "import", str(FIXTURES / "checked_de.csv"), db=db_path)["added"]
    assert before >= 2
    found = run_json("similar", "--text", "Der Bundestag beschloss 2022 eine Impfpflicht", "--lang", "de", db=db_path)
    assert found[0]["text"] == "Der Bundestag hat 2022 die Impfpflicht beschlossen."
    assert found[0]["rating"] == "false" and found[0]["url"].startswith("https://")
    stored = count_checked(db_path)
    for bad in ("truncated.json", "wrong_columns.csv"):
        assert_one_line_error(run("checked", "import", str(FIXTURES / bad), db=db_path, ok=False), bad)
    assert count_checked(db_path) == stored  # nothing half-imported
    assert_one_line_error(run("similar", db=db_path, ok=False), "either a claim id or --text")


def count_checked(db_path: Path) -> int:
    engine = create_store_engine(str(db_path))
    with Session(engine) as session:
        n = memory.count_checked(session)
    engine.dispose()
    return n


def test_speaker_of_the_query_prefers_that_speakers_checked_claim(engine: Engine) -> None:
    wording = "Unemployment is at the lowest level in fifty years"
    with session_scope(engine) as session:
        memory.add_checked(
            session,
            [
                CheckedRecord(
                    wording, "true", "true", url="https://pf.example/mayor", language="en", speaker="A Mayor"
                ),
                CheckedRecord(
                    wording, "false", "false", url="https://pf.example/trump", language="en", speaker="Donald Trump"
                ),
            ],
            actor="anna",
            origin_name="fixture",
        )
        stored = session.exec(select(CheckedClaim).where(CheckedClaim.speaker == "Donald Trump")).one()
        assert stored.terms.split()[-1] == "zzspkdonaldtrump"
        found = memory.find_similar(
            session, "we have the lowest unemployment in 50 years", language="en", speaker="Donald Trump", top=2
        )
    assert found[0].url == "https://pf.example/trump"
    assert "zzspkdonaldtrump" not in found[0].matched_terms
