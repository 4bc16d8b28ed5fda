"""The audit chain's judgement, on plain records: what each kind of tampering looks like to `walk`,
`check_rows` and `check_checkpoint`."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from factcheck.audit.chain import (
    BASELINE_ACTION,
    HMAC_FRAMED,
    HMAC_SHA256,
    LEGACY,
    SHA256,
    SHA256_FRAMED,
    ChainState,
    Checkpoint,
    EventRecord,
    Finding,
    check_checkpoint,
    check_head,
    check_rows,
    checkpoint_of,
    event_hash,
    join_walks,
    legacy_summary,
    walk,
    walk_into,
)
from factcheck.audit.digest import row_digest

KEY = b"desk secret"
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
VERDICT = {"claim_id": 3, "rating": "false", "rationale": "Archiv", "checker": "anna", "review_state": "pending"}
VERDICT |= {"reused_from": None, "created_at": T0}


def chain(n: int, *, scheme: int = SHA256, key: bytes | None = None) -> list[EventRecord]:
    events, prev = [], ""
    for i in range(1, n + 1):
        rows = {f"verdict:{i}": row_digest("verdict", {**VERDICT, "claim_id": i})}
        e = EventRecord(
            id=i,
            at=T0 + timedelta(minutes=i),
            actor="anna",
            action="verdict.add",
            entity="verdict",
            entity_id=i,
            claim_id=i,
            before=None,
            after={"rating": "false"},
            prev_hash=prev,
            hash="",
            scheme=scheme,
            rows=rows if scheme != LEGACY else None,
        )
        e.hash = event_hash(prev, e, key)
        prev = e.hash
        events.append(e)
    return events


def current_rows(n: int) -> list[tuple[str, str]]:
    return [(f"verdict:{i}", row_digest("verdict", {**VERDICT, "claim_id": i})) for i in range(1, n + 1)]


def test_an_untouched_chain_and_its_rows_verify() -> None:
    state, finding = walk(chain(5))
    assert finding is None and (state.events, state.head_id) == (5, 5)
    assert check_rows(state, current_rows(5)) is None


def test_naive_and_aware_times_and_sqlite_text_give_the_same_digest() -> None:
    stored = {**VERDICT, "created_at": "2026-11-30 09:00:00.000000"}  # what SQLite hands back
    assert row_digest("verdict", VERDICT) == row_digest("verdict", stored)
    assert row_digest(
        "claim",
        {
            "article_id": 1,
            "start": 0,
            "end": 5,
            "text": "x",
            "kinds": '["date"]',
            "fields": "{}",
            "checkworthy": 1,
            "status": "open",
            "version": 1,
        },
    ) == row_digest(
        "claim",
        {
            "article_id": 1,
            "start": 0,
            "end": 5,
            "text": "x",
            "kinds": ["date"],
            "fields": {},
            "checkworthy": True,
            "status": "open",
            "version": 1,
        },
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("actor", "mallory"), ("after", {"rating": "true"}), ("claim_id", 99), ("rows", {"verdict:2": "0" * 64})],
)
def test_an_edited_event_is_named(field: str, value: object) -> None:
    events = chain(4)
    events[1] = dataclasses.replace(events[1], **{field: value})
    _state, finding = walk(events)
    assert finding is not None and finding.event_id == 2 and "edited" in finding.problem


def test_an_edited_row_a_deleted_row_and_an_inserted_row_are_named() -> None:
    state, _ = walk(chain(3))
    forged = [*current_rows(3)]
    forged[1] = ("verdict:2", row_digest("verdict", {**VERDICT, "claim_id": 2, "rating": "true"}))
    assert (f := check_rows(state, forged)) and f.row == "verdict:2" and "edited" in f.problem
    assert (f := check_rows(state, current_rows(2))) and f.row == "verdict:3" and "deleted" in f.problem
    extra = [*current_rows(3), ("verdict:9", row_digest("verdict", VERDICT))]
    assert (f := check_rows(state, extra)) and f.row == "verdict:9" and "inserted" in f.problem


def test_deleting_all_events_leaves_rows_no_event_wrote() -> None:
    state, finding = walk([])
    assert finding is None
    assert (f := check_rows(state, current_rows(2))) and "no audit event" in f.problem


def test_removing_an_event_in_the_middle_breaks_the_link() -> None:
    events = chain(5)
    del events[2]
    _state, finding = walk(events)
    assert finding is not None and finding.event_id == 4 and "link" in finding.problem


def test_truncation_and_recomputation_need_the_checkpoint() -> None:
    original = chain(6)
    state, _ = walk(original)
    checkpoint = Checkpoint.from_json(checkpoint_of(state).to_json())  # as a desk keeps it
    truncated = original[:4]  # newest events deleted: the rest still chains
    state, finding = walk(truncated, watch=checkpoint.event_id)
    assert finding is None
    assert (f := check_checkpoint(checkpoint, state.watched, state)) and f.event_id == 6 and "missing" in f.problem
    recomputed = chain(6)  # the same events with one edit, rehashed with the app's own SHA-256
    recomputed[2].actor = "mallory"
    prev = ""
    for e in recomputed:
        e.prev_hash, e.hash = prev, event_hash(prev, dataclasses.replace(e, prev_hash=prev))
        prev = e.hash
    state, finding = walk(recomputed, watch=checkpoint.event_id)
    assert finding is None  # without an anchor this is undetectable …
    assert (
        f := check_checkpoint(checkpoint, state.watched, state)
    ) and "recomputed" in f.problem  # … with one it is not


def test_a_keyed_chain_cannot_be_recomputed_without_the_key() -> None:
    events = chain(3, scheme=HMAC_SHA256, key=KEY)
    assert walk(events, key=KEY)[1] is None
    _state, finding = walk(events)  # no key: says what is missing
    assert finding is not None and "FACTCHECK_AUDIT_KEY" in finding.problem
    assert walk(events, key=b"guess")[1] is not None
    downgraded = chain(3)  # the whole chain recomputed with plain SHA-256 after one keyed event
    downgraded[0] = events[0]
    prev = events[0].hash
    for e in downgraded[1:]:
        e.prev_hash, e.hash = prev, event_hash(prev, dataclasses.replace(e, prev_hash=prev))
        prev = e.hash
    _state, finding = walk(downgraded, key=KEY)
    assert finding is not None and finding.event_id == 2 and "without the key" in finding.problem
    wholly = chain(3)  # every event rewritten with plain SHA-256: no keyed one left to compare with
    _state, finding = walk(wholly, key=KEY)
    assert finding is not None and finding.event_id == 3 and "no event is keyed" in finding.problem
    assert walk(wholly)[1] is None  # without the key nothing tells: the key is what makes this detectable


def upgraded_chain(legacy_events: int = 3) -> list[EventRecord]:
    """Legacy events, the baseline event migration 0007 appends (vouching for their ids and claim ids),
    then newer events."""
    events = chain(legacy_events, scheme=LEGACY)
    baseline = EventRecord(
        legacy_events + 1,
        T0 + timedelta(hours=1),
        "factcheck",
        BASELINE_ACTION,
        "audit",
        0,
        None,
        None,
        {"rows": 0, "legacy": legacy_summary([(e.id, e.claim_id, e.hash) for e in events])},
        events[-1].hash,
        "",
        SHA256,
        {},
    )
    baseline.hash = event_hash(baseline.prev_hash, baseline)
    newer = chain(legacy_events + 2)[-1]
    newer.prev_hash = baseline.hash
    newer.hash = event_hash(newer.prev_hash, newer)
    return [*events, baseline, newer]


def rehashed(events: list[EventRecord]) -> list[EventRecord]:
    """The chain's hashes recomputed in order (what someone with SQL access and the code can do)."""
    prev = ""
    for e in events:
        e.prev_hash = prev
        e.hash = event_hash(prev, e)
        prev = e.hash
    return events


def test_legacy_events_keep_verifying_and_chain_into_new_ones() -> None:
    events = upgraded_chain()
    state, finding = walk(events)
    assert finding is None and state.events == 5


def test_what_legacy_hashes_do_not_cover_is_still_detected() -> None:
    """Legacy hashes cover neither rows nor ids nor claim ids: rows on a legacy event, a legacy event
    moved to another claim or renumbered, a newer event turned legacy, or the baseline removed, are
    each found — even with the whole chain rehashed (no key, no checkpoint)."""
    with_rows = upgraded_chain()
    with_rows[1].rows = {"verdict:99": "0" * 64}
    moved = upgraded_chain()
    moved[1].claim_id = 99
    renumbered = upgraded_chain()
    renumbered[0].id, renumbered[1].id = 2, 1
    renumbered[:2] = reversed(renumbered[:2])
    downgraded = upgraded_chain()
    downgraded[-1].scheme, downgraded[-1].rows = LEGACY, None
    no_baseline = upgraded_chain()
    del no_baseline[3]
    expected = {
        "rows": (with_rows, 2, "carries rows"),
        "moved": (moved, 4, "not the ones it recorded"),
        "renumbered": (renumbered, 4, "not the ones it recorded"),
        "downgraded": (downgraded, 5, "after newer ones"),
        "no baseline": (no_baseline, 1, "no baseline"),
    }
    for name, (events, event_id, problem) in expected.items():
        _state, finding = walk(rehashed(events))
        assert finding is not None and finding.event_id == event_id and problem in finding.problem, name


def test_renumbered_or_unreadable_events_are_findings_not_errors() -> None:
    events = chain(4, scheme=SHA256_FRAMED)
    swapped = [dataclasses.replace(e) for e in events]
    swapped[1].id, swapped[2].id = swapped[2].id, swapped[1].id  # the ids are hashed in framed events
    _state, finding = walk(swapped)
    assert finding is not None and finding.event_id == 3 and "does not match" in finding.problem
    for field_name, value in (("at", "garbage"), ("at", 12345), ("scheme", "abc"), ("hash", b"\x00\xff")):
        broken = [dataclasses.replace(e) for e in events]
        setattr(broken[2], field_name, value)
        _state, finding = walk(broken)
        assert finding is not None and finding.event_id == 3, (field_name, value)


def test_a_wrong_key_is_named() -> None:
    events = chain(2, scheme=HMAC_FRAMED, key=KEY)
    _state, finding = walk(events, key=b"another key")
    assert finding is not None and finding.event_id == 1 and "not the key" in finding.problem


def test_a_checkpoint_file_that_is_not_one_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not a factcheck audit checkpoint"):
        Checkpoint.from_json('{"hello": 1}')
    with pytest.raises(ValueError, match="not a factcheck audit checkpoint"):
        Checkpoint.from_json("garbage")


def walked_in_two(events: list[EventRecord], split: int, key: bytes | None = None) -> tuple[ChainState, Finding | None]:
    """What `audit verify` does with a helper process: the first `split` events here, the rest in a
    second walk that starts at its first event's link, then joined."""
    state = ChainState()
    finding = walk_into(state, events[:split], key=key)
    if finding is None:
        later = ChainState()
        if events[split:]:
            later.head_hash = later.start_hash = events[split].prev_hash
        later_finding = walk_into(later, events[split:], key=key)
        if later_finding is not None or not join_walks(state, later, key):
            finding = walk_into(state, events[split:], key=key)  # as audit verify: walk it again here
    return state, finding or check_head(state, key)


def downgraded_after(keyed: list[EventRecord], position: int) -> list[EventRecord]:
    """The chain rehashed without the key from `position` on."""
    events = [dataclasses.replace(e) for e in keyed]
    prev = events[position - 1].hash if position else ""
    for e in events[position:]:
        e.scheme, e.prev_hash = SHA256, prev
        e.hash = event_hash(prev, e)
        prev = e.hash
    return events


def tampered_chains() -> dict[str, tuple[list[EventRecord], bytes | None]]:
    plain, keyed = chain(6), chain(6, scheme=HMAC_SHA256, key=KEY)
    removed = plain[:3] + plain[4:]
    edited = [dataclasses.replace(e) for e in plain]
    edited[4].actor = "mallory"
    return {
        "intact": (plain, None),
        "intact keyed": (keyed, KEY),
        "removed": (removed, None),
        "edited": (edited, None),
        "downgraded at 2": (downgraded_after(keyed, 2), KEY),
        "downgraded at 5": (downgraded_after(keyed, 5), KEY),
        "keyed without key": (keyed, None),
        "unkeyed with key": (plain, KEY),
    }


@pytest.mark.parametrize("name", list(tampered_chains()))
def test_a_chain_walked_in_two_parts_is_judged_as_walked_whole(name: str) -> None:
    events, key = tampered_chains()[name]
    whole_state, whole = walk(events, key=key)
    for split in range(len(events) + 1):
        state, finding = walked_in_two(events, split, key)
        assert (finding and (finding.event_id, finding.problem)) == (whole and (whole.event_id, whole.problem)), split
        summary = (state.events, state.head_id, state.head_hash, state.keyed, state.digests)
        assert summary == (
            whole_state.events,
            whole_state.head_id,
            whole_state.head_hash,
            whole_state.keyed,
            whole_state.digests,
        )
