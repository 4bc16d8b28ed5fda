"""The checked-claim memory through the services and the CLI: verdicts remembered, fact-checks
imported, similar claims found across rewording and inflection, verdicts reused with a link."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

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


# ---------------------------------------------------------------- import at scale (issue 9, §3/§4)
def generated_csv(path: Path, rows: int, *, tail: str = "") -> Path:
    lines = ["claim,verdict,url,language,publisher"]
    lines += [
        f"Behauptung Nummer {i} über die Steuer {i % 97} Prozent,falsch,https://x.example/{i},de,Test"
        for i in range(rows)
    ]
    path.write_text("\n".join(lines) + "\n" + tail, encoding="utf-8")
    return path


def test_import_takes_the_write_lock_only_after_analysis_so_a_colleague_can_write(
    engine: Engine, tmp_path: Path, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 5,000-row import is paused in its analysis; meanwhile a note from another connection goes in
    at once. The old import held the lock from the first record: the note then waited (30 s) and failed."""
    import threading
    import time

    from factcheck.errors import FactcheckError

    path = generated_csv(tmp_path / "five.csv", 5000)
    claim_id = first_claim_id(engine, "dröhnende Leere")
    analysing, note_done = threading.Event(), threading.Event()
    analysed = memory.fts_document

    def paused_analysis(*args: object, **kwargs: object) -> str:
        if not analysing.is_set():
            analysing.set()
            note_done.wait(timeout=60)  # a bound, not a sleep: the note normally sets it within ms
        return analysed(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(memory, "fts_document", paused_analysis)
    result: dict[str, object] = {}

    def run_import() -> None:
        try:
            with session_scope(engine) as session:
                result["ok"] = memory.import_checked(session, str(path), actor="anna")
        except BaseException as exc:  # reported below
            result["error"] = exc

    importer = threading.Thread(target=run_import)
    importer.start()
    try:
        assert analysing.wait(timeout=60), result
        other = create_store_engine(store_db)  # a colleague: their own connection
        started = time.monotonic()
        try:
            with session_scope(other) as session:
                verdicts.add_note(session, claim_id, "während des Imports", actor="ben")
        except FactcheckError as exc:
            pytest.fail(f"a note during the import failed: {exc}")
        finally:
            waited = time.monotonic() - started
            other.dispose()
        assert waited < 5, f"the note waited {waited:.1f} s for the import"
    finally:
        note_done.set()
        importer.join(timeout=120)
    assert "error" not in result, result.get("error")
    assert result["ok"].added == 5000 and result["ok"].skipped == 0  # type: ignore[attr-defined]
    with session_scope(engine) as session:
        assert [n.body for n in claims.claim_detail(session, claim_id).notes][-1] == "während des Imports"


def test_import_dedupes_in_file_against_stored_and_against_rows_stored_while_it_analysed(
    engine: Engine, tmp_path: Path, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.store import Event

    path = generated_csv(
        tmp_path / "dupes.csv",
        300,
        tail="Behauptung Nummer 7 über die Steuer 7 Prozent,wahr,https://x.example/7,de,T\n",
    )
    with session_scope(engine) as session:  # one row already stored
        memory.add_checked(
            session,
            [record("Behauptung Nummer 3 über die Steuer 3 Prozent", "false", "https://x.example/3")],
            actor="anna",
            origin_name="one",
        )
    analysed = memory.fts_document
    calls = []

    def concurrent_import(*args: object, **kwargs: object) -> str:
        calls.append(1)
        if len(calls) == 1:  # someone imports row 11 after our read, before our write lock
            other = create_store_engine(store_db)
            with session_scope(other) as session:
                memory.add_checked(
                    session,
                    [record("Behauptung  Nummer 11 über die Steuer 11 Prozent", "false", "https://x.example/11")],
                    actor="ben",
                    origin_name="other",
                )
            other.dispose()
        return analysed(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(memory, "fts_document", concurrent_import)
    with session_scope(engine) as session:
        result = memory.import_checked(session, str(path), actor="anna")
    assert (result.added, result.skipped) == (298, 3)  # in the file (7), stored (3), stored meanwhile (11)
    with Session(engine) as session:
        texts = session.exec(select(CheckedClaim.text).where(col(CheckedClaim.url).like("https://x.example/%"))).all()
        assert len(texts) == 300 and len(set(texts)) == 300
        event = session.exec(
            select(Event).where(Event.action == "checked.import").order_by(col(Event.id).desc())
        ).first()
        assert event is not None and event.after == {"file": str(path), "added": 298, "skipped": 3}
        assert event.actor == "anna"
    with session_scope(engine) as session:  # the FTS index has the bulk-inserted rows
        found = memory.find_similar(session, "Behauptung Nummer 250 Steuer", language="de", top=1)
        assert found and found[0].url == "https://x.example/250"
        if engine.dialect.name == "sqlite":  # the index trigger set aside for the bulk insert is back
            assert (
                session.exec(text("SELECT count(*) FROM sqlite_master WHERE name = 'checked_claim_ai'")).one()[0] == 1
            )
    with session_scope(engine) as session:  # and keeps indexing rows added one by one
        memory.add_checked(
            session, [record("Der Zugspitzgipfel schmilzt", "false", "https://z.example")], actor="a", origin_name="x"
        )
    with session_scope(engine) as session:
        assert memory.find_similar(session, "Zugspitzgipfel", language="de", top=1)[0].url == "https://z.example"


def test_a_bad_record_at_the_end_of_a_large_file_imports_nothing(engine: Engine, tmp_path: Path) -> None:
    from factcheck.errors import InputError
    from factcheck.store import Event

    path = generated_csv(tmp_path / "bad.csv", 3000, tail="nur,eine,zeile,zu,viel,hier\n")
    with Session(engine) as session:
        before = (memory.count_checked(session), len(session.exec(select(Event.id)).all()))
    with (
        pytest.raises(InputError, match=r"^bad\.csv: line 3002: 6 fields, header has 5$"),
        session_scope(engine) as session,
    ):
        memory.import_checked(session, str(path), actor="anna")
    with Session(engine) as session:
        assert (memory.count_checked(session), len(session.exec(select(Event.id)).all())) == before


ESCAPES = ["\x1b]0;pwn\x07", "\x1b[2J", "\x1b[?1049h", "\x1b]8;;https://evil.example\x1b\\", "\x9b31m", "\x07"]


def test_control_characters_and_escape_sequences_never_reach_the_memory(engine: Engine, tmp_path: Path) -> None:
    import csv
    import json
    import re

    junk = "".join(ESCAPES)
    csv_path = tmp_path / "escapes.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["claim", "verdict", "url", "date", "language", "publisher", "title", "id", "speaker"])
        w.writerow(
            [
                f"Die Miete stieg {junk}um 9 Prozent.",
                f"falsch{junk}",
                f"https://e.example/1{junk}",
                f"2024-01-02{junk}",
                f"de{junk}",
                f"Pub{junk}",
                f"Titel{junk}",
                f"id{junk}",
                f"Red{junk}ner",
            ]
        )
        # ordinary rows around it: a file that is mostly controls would be refused as binary
        for i in range(40):
            w.writerow([f"Der Preis für Brot stieg {i} Prozent.", "richtig", f"https://p.example/{i}"] + [""] * 6)
    review = {
        "@type": "ClaimReview",
        "claimReviewed": f"Die Pacht sank {junk}um 4 Prozent.",
        "url": f"https://e.example/2{junk}",
        "inLanguage": f"de{junk}",
        "author": {"name": f"Pub{junk}"},
        "name": f"Titel{junk}",
        "itemReviewed": {"author": {"name": f"Red{junk}nerin"}},
        "reviewRating": {"alternateName": f"Falsch{junk}"},
    }
    padding = [
        {
            "@type": "ClaimReview",
            "claimReviewed": f"Die Butter kostet {i} Euro.",
            "url": f"https://p.example/j{i}",
            "reviewRating": {"alternateName": "Falsch"},
        }
        for i in range(40)
    ]
    json_path = tmp_path / "escapes.json"
    json_path.write_text(json.dumps([review, *padding]), encoding="utf-8")
    for path in (csv_path, json_path):
        with session_scope(engine) as session:
            assert memory.import_checked(session, str(path), actor="anna").added == 41
    control = re.compile(r"[\x00-\x1f\x7f-\x9f]")
    with Session(engine) as session:
        rows = session.exec(select(CheckedClaim).where(col(CheckedClaim.url).like("https://e.example/%"))).all()
    assert len(rows) == 2
    for row in rows:
        for field in (
            "text",
            "title",
            "language",
            "rating",
            "original_label",
            "url",
            "published",
            "publisher",
            "speaker",
            "external_id",
            "terms",
        ):
            value = getattr(row, field) or ""
            assert not control.search(value), (field, value)
            assert not re.search(r"pwn|2J|1049|31m|evil", value), (field, value)  # the sequences went whole
        assert row.rating == "false" and row.language == "de" and row.publisher == "Pub"
    assert {r.text for r in rows} == {"Die Miete stieg um 9 Prozent.", "Die Pacht sank um 4 Prozent."}


def test_cli_checked_import_refuses_a_url_in_one_line(db_path: Path) -> None:
    done = run("checked", "import", "https://example.org/checks.json", db=db_path, ok=False)
    assert_one_line_error(done, "checked import reads a file or - (stdin); download the URL first")


# ---------------------------------------------------------------- ClaimReview import fidelity (issue 10)
def test_a_claim_object_as_claim_reviewed_imports_instead_of_rejecting_the_file(engine: Engine) -> None:
    with session_scope(engine) as session:
        result = memory.import_checked(session, str(FIXTURES / "claimreview_claim_object.json"), actor="anna")
        found = memory.find_similar(session, "Wasserpreis Kassel verdreifacht", language="de", top=1)
    assert (result.added, result.skipped) == (2, 0)
    assert found[0].text == "Der Wasserpreis in Kassel hat sich seit 2020 verdreifacht." and found[0].rating == "false"


def test_unmapped_labels_are_kept_listed_mapped_audited_and_used_by_later_imports(engine: Engine) -> None:
    from factcheck.errors import InputError
    from factcheck.services import checked_labels
    from factcheck.store import Event

    with session_scope(engine) as session:
        memory.import_checked(session, str(FIXTURES / "claimreview_unmapped_labels.json"), actor="anna")
        [spin] = memory.find_similar(session, "The tram line cost twice the budget", language="en", top=1)
        listed = [(u.label, u.count) for u in checked_labels.unmapped_labels(session)]
    # the publisher's label, never a verdict it did not give
    assert (spin.rating, spin.original_label) == ("unmapped", "Spin zone")
    assert (spin.label_en, spin.label_de) == ("Spin zone (unmapped)", "Spin zone (nicht zugeordnet)")
    assert listed == [("Spin zone", 2), ("Needs a lot of context", 1)]  # "Spin Zone!" is the same label
    with pytest.raises(InputError, match="unmapped"), session_scope(engine) as session:
        memory.reuse_verdict(session, first_claim_id(engine, "dröhnende Leere"), spin.checked_id, actor="ben")

    with session_scope(engine) as session:
        [done] = checked_labels.map_labels(session, ["Spin zone=irreführend"], actor="ben")
    assert (done.rating, done.updated, done.previous) == ("misleading", 2, None)
    with session_scope(engine) as session:
        ratings = dict(session.exec(select(CheckedClaim.url, CheckedClaim.rating)).all())
        assert ratings["https://desk.example.org/checks/101"] == ratings["https://desk.example.org/checks/103"]
        assert ratings["https://desk.example.org/checks/103"] == "misleading"
        assert ratings["https://desk.example.org/checks/102"] == "unmapped"
        assert [u.label for u in checked_labels.unmapped_labels(session)] == ["Needs a lot of context"]
        event = session.exec(select(Event).order_by(col(Event.id).desc())).first()
        assert event is not None and (event.action, event.actor) == ("checked.label_map", "ben")
        assert event.after == {"label": "Spin zone", "rating": "misleading", "updated": 2}
        later = CheckedRecord("The ferry ticket costs less than in 1990.", "unmapped", "SPIN ZONE", url="https://l/1")
        memory.add_checked(session, [later], actor="anna", origin_name="later")
        assert session.exec(select(CheckedClaim.rating).where(CheckedClaim.url == "https://l/1")).one() == "misleading"

    with session_scope(engine) as session:  # a second decision re-rates what the first one rated
        [again] = checked_labels.map_labels(session, ["spin zone=false"], actor="ben")
    assert (again.rating, again.updated, again.previous) == ("false", 3, "misleading")


@pytest.mark.parametrize(
    ("spec", "needle"),
    [
        ("Spin zone=misleadin", "did you mean misleading"),
        ("Spin zone=bogus", "valid ratings: true / richtig"),
        ("Spin zone", "--map needs LABEL=RATING"),
        ("=false", "--map needs LABEL=RATING"),
        ("Pants on Fire=true", "already maps (to false)"),
    ],
)
def test_a_bad_label_mapping_is_refused_and_nothing_is_stored(engine: Engine, spec: str, needle: str) -> None:
    from factcheck.errors import InputError
    from factcheck.services import checked_labels

    with pytest.raises(InputError, match=re.escape(needle)), session_scope(engine) as session:
        checked_labels.map_labels(session, ["Needs a lot of context=missing-context", spec], actor="ben")
    with Session(engine) as session:
        assert checked_labels.stored_mappings(session) == {}


def test_claim_date_all_claimants_and_appearances_are_stored(engine: Engine) -> None:
    with session_scope(engine) as session:
        memory.import_checked(session, str(FIXTURES / "claimreview_claim_details.json"), actor="anna")
    with Session(engine) as session:
        festival = session.exec(
            select(CheckedClaim).where(CheckedClaim.url == "https://desk.example.org/checks/201")
        ).one()
        ferry = session.exec(
            select(CheckedClaim).where(CheckedClaim.url == "https://desk.example.org/checks/202")
        ).one()
    assert (festival.published, festival.claim_date) == ("2025-05-20", "2025-05-11")
    assert festival.claimants == ["Tilda Brookfield", "Festival Friends Club"]
    assert festival.speaker == "Tilda Brookfield"
    assert festival.appearances == [
        "https://video.example.com/watch/festival",
        "https://social.example.net/post/88",
        "https://forum.example.org/thread/festival",
    ]
    assert (ferry.published, ferry.claim_date, ferry.claimants) == ("2024-11-09", "2024-11-02", ["Ferry museum guide"])
    with session_scope(engine) as session:  # the matcher still knows the first claimant as the speaker
        found = memory.find_similar(
            session, "a million visitors came to the river festival", language="en", speaker="Tilda Brookfield"
        )
    assert found[0].url == "https://desk.example.org/checks/201"


def test_our_own_verdicts_keep_every_speaker_as_claimants(engine: Engine) -> None:
    claim_id = first_claim_id(engine, "dröhnende Leere")
    with session_scope(engine) as session:
        verdicts.set_verdict(session, claim_id, "false", rationale="nicht belegt", actor="anna")
        speakers = claims.claim_detail(session, claim_id).claim.speakers
    with Session(engine) as session:
        entry = session.exec(select(CheckedClaim).where(CheckedClaim.claim_id == claim_id)).one()
    assert speakers and entry.claimants == speakers and entry.speaker == speakers[0]


def test_an_english_claim_reviewed_in_german_is_analysed_as_english(engine: Engine) -> None:
    with session_scope(engine) as session:
        memory.import_checked(session, str(FIXTURES / "claimreview_language.jsonld"), actor="anna")
        found = memory.find_similar(session, "Glaciers above villages are losing half their ice", language="en")
    with Session(engine) as session:
        languages = dict(session.exec(select(CheckedClaim.url, CheckedClaim.language)).all())
    assert languages["https://pruefstelle.example.de/2025/gletscher"] == "en"
    assert languages["https://desk.example.org/checks/301"] == "de"
    assert found[0].url == "https://pruefstelle.example.de/2025/gletscher"
    assert "glacier" in found[0].matched_terms  # German stemming of the English text lost this word


def test_cli_checked_labels_lists_maps_and_refuses_in_one_line(db_path: Path) -> None:
    run("checked", "import", str(FIXTURES / "claimreview_unmapped_labels.json"), db=db_path)
    assert run_json("checked", "labels", db=db_path) == [
        {"label": "Spin zone", "count": 2},
        {"label": "Needs a lot of context", "count": 1},
    ]
    listed = run("checked", "labels", db=db_path).stdout.splitlines()
    assert listed[0].split() == ["2", "Spin", "zone"]
    similar = run("similar", "--text", "The tram line cost twice the budget", "--lang", "en", db=db_path).stdout
    assert "Spin zone (unmapped)" in similar
    bad = run("checked", "labels", "--map", "Spin zone=wrongish", db=db_path, ok=False)
    assert_one_line_error(bad, "valid ratings")
    done = run(
        "checked",
        "labels",
        "--map",
        "Spin zone=misleading",
        "--map",
        "needs a lot of context=fehlender Kontext",
        db=db_path,
    ).stdout.splitlines()
    assert done == [
        "“Spin zone” → misleading / irreführend: 2 checked claims updated",
        "“needs a lot of context” → missing context / fehlender Kontext: 1 checked claim updated",
    ]
    assert run_json("checked", "labels", db=db_path) == []
    hostile = run("checked", "labels", "--map", "Spin\x1b[2J zone\x07=bogus", db=db_path, ok=False).stderr
    assert "\x1b" not in hostile and "\x07" not in hostile
