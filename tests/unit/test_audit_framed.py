"""The fast paths of `audit verify` judge exactly as the plain definitions: framed events hashed over
their stored text, the canonical encoder built once, the JSON scanner, row digests normalising only
what needs it, SQLite's time text. Each is checked against the definition it stands in for."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.audit import chain
from factcheck.audit.chain import (
    HMAC_FRAMED,
    SHA256_FRAMED,
    EventRecord,
    check_rows,
    event_hash,
    walk,
)
from factcheck.audit.digest import AUDITED, canonical, parse_json, timestamp, values_digest
from factcheck.store.engine import stored_json

KEY = b"desk secret"
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
SNAPSHOT = {"text": "Putin sagte: „Wir sind bereit“ – 2017.", "status": "checked", "version": 3}
SNAPSHOT |= {"fields": {"dates": [{"text": "2017", "start": 34}], "cues": ["date:year"]}, "kinds": ["quote", "date"]}


def framed_chain(n: int, *, scheme: int = SHA256_FRAMED, key: bytes | None = None) -> list[EventRecord]:
    """Events as the app writes them (values with canonical key order), read back as stored."""
    events, prev = [], ""
    for i in range(1, n + 1):
        before = json.loads(canonical({**SNAPSHOT, "version": i}))
        after = json.loads(canonical({**SNAPSHOT, "version": i + 1, "rating": "false", "rationale": "„Zitat“ \\ \n"}))
        rows = {f"claim:{i}": f"{i:064x}", f"verdict:{i}": f"{i + 1:064x}"}
        e = EventRecord(i, T0 + timedelta(minutes=i), "anna", "verdict.set", "verdict", i, i, before, after, prev, "")
        e.scheme, e.rows = scheme, rows
        e.hash = event_hash(prev, e, key)
        prev = e.hash
        events.append(e)
    return events


def as_stored(e: EventRecord, dumps: Any = stored_json) -> EventRecord:
    """The record audit_log.stored_events reads: SQLite's time text, the JSON columns' bytes as stored."""
    texts = tuple(dumps(value).encode() if value is not None else None for value in (e.before, e.after, e.rows))
    at = e.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(e.at, datetime) else e.at
    return dataclasses.replace(e, at=at, before=None, after=None, texts=texts)  # type: ignore[arg-type]


def as_tuple(e: EventRecord) -> tuple[Any, ...]:
    """The same stored event as the plain tuple `audit verify` streams (chain.StoredEvent)."""
    before, after, rows = e.texts if e.texts is not None else (None, None, None)
    return (
        e.id,
        e.at,
        e.actor,
        e.action,
        e.entity,
        e.entity_id,
        e.claim_id,
        before,
        after,
        e.prev_hash,
        e.hash,
        e.scheme,
        rows,
    )


def walked(given_events: Iterable[EventRecord], **options: Any) -> tuple[chain.ChainState, chain.Finding | None]:
    """walk over the stored records, and over the same events as tuples: both must judge alike."""
    events = list(given_events)
    state, finding = walk(events, **options)
    tuple_state, tuple_finding = walk([as_tuple(e) for e in events], **options)
    assert (tuple_state.events, tuple_state.head_hash, tuple_state.keyed) == (
        state.events,
        state.head_hash,
        state.keyed,
    )
    assert tuple_state.digests == state.digests
    assert (tuple_finding and tuple_finding.event_id) == (finding and finding.event_id)
    return state, finding


def test_a_framed_event_hashes_the_same_over_its_stored_text_and_over_its_values() -> None:
    for e in framed_chain(3):
        stored = as_stored(e)
        assert event_hash(e.prev_hash, stored) == event_hash(e.prev_hash, e) == e.hash
    state, finding = walked(as_stored(e) for e in framed_chain(5))
    assert finding is None and state.events == 5 and state.digests["verdict:5"] == f"{6:064x}"


def test_stored_text_that_is_not_canonical_is_judged_by_its_values() -> None:
    # json.dumps's defaults (spaces, \\u escapes): not the bytes hashed, the same values
    stored = [as_stored(e, json.dumps) for e in framed_chain(3)]
    assert event_hash(stored[0].prev_hash, stored[0]) != stored[0].hash
    state, finding = walked(stored)
    assert finding is None and state.events == 3


def test_a_text_borrowing_from_its_neighbour_does_not_verify() -> None:
    events = [as_stored(e) for e in framed_chain(2)]
    before, after, rows = events[1].texts  # type: ignore[misc]
    assert before is not None and after is not None
    # the same bytes in a row, the boundary moved: the lengths in the header tell
    events[1].texts = (before + after[:1], after[1:], rows)
    _state, finding = walked(events)
    assert finding is not None and finding.event_id == 2 and "does not match" in finding.problem


def test_an_edited_stored_text_does_not_verify() -> None:
    events = [as_stored(e) for e in framed_chain(3)]
    before, after, rows = events[1].texts  # type: ignore[misc]
    assert after is not None
    events[1].texts = (before, after.replace(b'"false"', b'"true"'), rows)
    _state, finding = walked(events)
    assert finding is not None and finding.event_id == 2


def test_keyed_framed_events_need_the_key_and_refuse_a_downgrade() -> None:
    keyed = [as_stored(e) for e in framed_chain(3, scheme=HMAC_FRAMED, key=KEY)]
    state, finding = walked(keyed, key=KEY)
    assert finding is None and state.keyed
    assert (f := walked(keyed)[1]) is not None and "FACTCHECK_AUDIT_KEY" in f.problem
    assert walked(keyed, key=b"guess")[1] is not None
    downgraded = [keyed[0]]
    prev = keyed[0].hash
    for e in framed_chain(3)[1:]:  # rehashed unkeyed after the first keyed event
        e = dataclasses.replace(e, prev_hash=prev)
        e.hash = event_hash(prev, e)
        prev = e.hash
        downgraded.append(as_stored(e))
    _state, finding = walked(downgraded, key=KEY)
    assert finding is not None and finding.event_id == 2 and "without the key" in finding.problem


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300)
@given(json_values)
def test_canonical_is_json_dumps_with_the_canonical_options(value: Any) -> None:
    reference = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    assert canonical(value) == reference


@settings(max_examples=300)
@given(json_values, st.sampled_from(["", " ", "x", "]", "\n"]), st.booleans())
def test_parse_json_reads_what_json_loads_reads(value: Any, suffix: str, compact: bool) -> None:
    text = (stored_json(value) if compact else json.dumps(value)) + suffix
    for given_text in (text, text.encode()):
        try:
            expected: Any = json.loads(given_text)
        except ValueError:
            expected = ValueError
        try:
            got: Any = parse_json(given_text)
        except ValueError:
            got = ValueError
        assert got == expected


def reference_digest(table: str, values: list[Any]) -> str:
    """row_digest as first defined: every value normalised by its column's kind."""
    import hashlib

    def normalised(value: Any, kind: str) -> Any:
        if value is None:
            return None
        if kind == "time":
            return timestamp(value)
        if kind == "json":
            return json.loads(value) if isinstance(value, str | bytes) else value
        if kind == "blob":
            return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
        return {"bool": bool, "int": int, "float": float, "str": str}[kind](value)

    kinds = [kind for _name, kind in AUDITED[table]]
    payload = json.dumps(
        [table, [normalised(v, k) for v, k in zip(values, kinds, strict=True)]],
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def stored_value(kind: str) -> st.SearchStrategy[Any]:
    """What SQLite or PostgreSQL's driver hand back for a column of this kind (or NULL)."""
    times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1))
    by_kind: dict[str, st.SearchStrategy[Any]] = {
        "str": st.text() | st.integers(),
        "int": st.integers(min_value=-(2**62), max_value=2**62) | st.booleans(),
        "float": st.floats(allow_nan=False) | st.integers(min_value=-(2**40), max_value=2**40),
        "bool": st.booleans() | st.integers(min_value=0, max_value=2),
        "json": json_values.map(stored_json) | json_values.filter(lambda v: not isinstance(v, str)),  # text: JSON
        "blob": st.binary(max_size=64) | st.binary(max_size=64).map(memoryview),
        "time": times.map(lambda t: t.strftime("%Y-%m-%d %H:%M:%S.%f"))
        | times
        | times.map(lambda t: t.replace(tzinfo=UTC)),
    }
    return st.none() | by_kind[kind]


@st.composite
def stored_rows(draw: st.DrawFn) -> tuple[str, list[Any]]:
    table = draw(st.sampled_from(sorted(AUDITED)))
    return table, [draw(stored_value(kind)) for _name, kind in AUDITED[table]]


@settings(max_examples=400)
@given(stored_rows())
def test_a_row_digest_is_the_digest_of_its_normalised_values(row: tuple[str, list[Any]]) -> None:
    table, values = row
    assert values_digest(table, values) == reference_digest(table, values)
    assert values_digest(table, tuple(values)) == reference_digest(table, values)


def test_a_value_not_of_its_columns_kind_is_an_edited_row_not_a_crash() -> None:
    verdict = [3, "false", "Archiv", "anna", "pending", None, None, None, "2026-11-30 09:00:00.000000"]
    good = values_digest("verdict", verdict)
    for bad in ("yesterday", "2026-13-45 99:00:00.000000", b"\xff", 12.5):
        tampered = values_digest("verdict", [*verdict[:-1], bad])
        assert tampered != good
    state = chain.ChainState(digests={"verdict:1": good})
    finding = check_rows(state, [("verdict:1", values_digest("verdict", [*verdict[:-1], "yesterday"]))])
    assert finding is not None and finding.row == "verdict:1"


@settings(max_examples=300)
@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1)))
def test_sqlites_time_text_reads_as_parsing_it_would(moment: datetime) -> None:
    text = moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    assert timestamp(text) == datetime.fromisoformat(text).isoformat(timespec="microseconds")


@settings(max_examples=300)
@given(
    st.text(),
    st.text(max_size=20),
    st.none() | st.integers(min_value=0, max_value=2**62),
    st.integers(min_value=0, max_value=2**62),
)
def test_the_written_out_header_is_the_canonical_one(
    actor: str, action: str, claim_id: int | None, entity: int
) -> None:
    e = EventRecord(7, T0, actor, action, "claim", entity, claim_id, None, None, "ab" * 32, "", SHA256_FRAMED)
    texts = (b"null", b'{"a":1}', b"{}")
    payload = chain._framed_payload(e.prev_hash, e, texts)
    fields = [SHA256_FRAMED, 7, e.prev_hash, timestamp(T0), actor, action, "claim", entity, claim_id, 4, 7, 2]
    header = canonical(fields)
    assert payload == f"{header}\n".encode() + b"".join(texts)
    odd = dataclasses.replace(e, entity_id=True)  # a type the written-out header does not take: canonical()
    assert chain._framed_payload(e.prev_hash, odd, texts).startswith(canonical([SHA256_FRAMED]).rstrip("]").encode())
