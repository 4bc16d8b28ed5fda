"""Reading the audit log: verify it (chain, rows, checkpoint), write a checkpoint, export it as JSONL.

Plain SQL through a store.reader.Reader, streamed, so a million events verify without the ORM
building a million objects (benchmarks/audit.py). The rules are factcheck.audit.chain's.
"""

from __future__ import annotations

import contextlib
import json
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from factcheck.audit.chain import (
    ChainState,
    Checkpoint,
    EventRecord,
    Finding,
    StoredEvent,
    check_checkpoint,
    check_head,
    check_rows,
    checkpoint_of,
    join_walks,
    walk_into,
)
from factcheck.audit.digest import AUDITED, values_digest
from factcheck.errors import FactcheckError
from factcheck.store.reader import Reader, json_value, sqlite_path

_EVENT_COLUMNS = (
    "id",
    "at",
    "actor",
    "action",
    "entity",
    "entity_id",
    "claim_id",
    "before",
    "after",
    "prev_hash",
    "hash",
    "scheme",
    "rows",
)


class AuditFailed(FactcheckError):
    """The audit log does not verify; the message names the first bad event or row."""

    exit_code = 3


@dataclass
class AuditReport:
    events: int
    rows: int  # audited rows compared with their events
    head: Checkpoint | None
    keyed: bool
    finding: Finding | None = None

    @property
    def ok(self) -> bool:
        return self.finding is None

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "events": self.events,
            "rows": self.rows,
            "keyed": self.keyed,
            "head": json.loads(self.head.to_json()) if self.head else None,
            "problem": str(self.finding) if self.finding else None,
            "event_id": self.finding.event_id if self.finding else None,
            "row": self.finding.row if self.finding else None,
        }


def events(reader: Reader) -> Iterator[EventRecord]:
    """Every event in id order, as stored, with before, after and rows parsed."""
    columns = ", ".join(f'"{c}"' for c in _EVENT_COLUMNS)
    for row in reader.stream(f"SELECT {columns} FROM event ORDER BY id"):
        values = dict(zip(_EVENT_COLUMNS, row, strict=True))
        for name in ("before", "after", "rows"):
            values[name] = json_value(values[name], None)
        with contextlib.suppress(TypeError, ValueError):  # edited by hand: exported as stored (verify names it)
            values["scheme"] = int(values["scheme"] or 1)
        yield EventRecord(**values)


def stored_events(reader: Reader, *, after: int | None = None, upto: int | None = None) -> Iterator[StoredEvent]:
    """Every event in id order (ids in (after, upto] when given) as `audit verify` reads it
    (factcheck.audit.chain.StoredEvent): before, after and rows as the JSON texts stored, in UTF-8, for
    framed events to be hashed as they are."""
    texts = ("before", "after", "rows")
    # The stored JSON text as UTF-8 bytes, as the framed hash covers it: PostgreSQL's json type keeps the
    # text verbatim (its driver would parse it); SQLite hands over its bytes without decoding them.
    if reader.dialect == "postgresql":
        as_bytes = """convert_to(CAST("{}" AS text), 'UTF8')"""
    else:
        as_bytes = 'CAST("{}" AS BLOB)'
    columns = ", ".join(as_bytes.format(c) if c in texts else f'"{c}"' for c in _EVENT_COLUMNS)
    bounds = [("id > ?", after), ("id <= ?", upto)]
    where = " AND ".join(condition for condition, value in bounds if value is not None)
    params = [value for _condition, value in bounds if value is not None]
    sql = f"SELECT {columns} FROM event {'WHERE ' + where if where else ''} ORDER BY id"
    for row in reader.stream(sql, params):
        yield row if type(row) is tuple else tuple(row)


def current_rows(reader: Reader) -> Iterator[tuple[str, str]]:
    """("table:id", digest) of every audited row as it is stored now."""
    for table in AUDITED:
        prefix = f"{table}:"
        for row_id, digest in current_rows_of(reader, table):
            yield f"{prefix}{row_id}", digest


def _head(reader: Reader) -> tuple[Any, ...] | None:
    found = reader.rows("SELECT id, hash FROM event ORDER BY id DESC LIMIT 1")
    return tuple(found[0]) if found else None


def _verify_elsewhere(
    path: str, head: tuple[Any, ...] | None, after: int, key: bytes | None, watch: int | None, results: Any
) -> None:
    """In a helper process, on the same committed state as the verifier's (same newest event), else
    nothing: walk the chain's events after id `after` (state, finding), and the digests of every audited
    row, per table as (table, ids, digests joined). Sends (state, finding, rows) or None."""
    from factcheck.store.reader import open_sqlite_reader

    found: tuple[ChainState, Finding | None, list[tuple[str, bytes, str]]] | None = None
    reader = open_sqlite_reader(path)
    try:
        if reader is not None and _head(reader) == head:
            state = ChainState()
            first = reader.rows("SELECT prev_hash FROM event WHERE id > ? ORDER BY id LIMIT 1", (after,))
            if first:
                state.head_hash = state.start_hash = first[0][0]
            finding = walk_into(state, stored_events(reader, after=after), key=key, watch=watch)
            rows = []
            for table in AUDITED:
                ids, digests = array("q"), []
                for row_id, digest in current_rows_of(reader, table):
                    ids.append(row_id)
                    digests.append(digest)
                rows.append((table, ids.tobytes(), "".join(digests)))
            found = (state, finding, rows)
    except Exception:  # the verifier then does it all itself
        found = None
    finally:
        if reader is not None:
            reader.close()
    results.send(found)
    results.close()


def current_rows_of(reader: Reader, table: str) -> Iterator[tuple[int, str]]:
    """(id, digest) of every row of one audited table as it is stored now."""
    quoted = ", ".join(f'"{name}"' for name, _kind in AUDITED[table])
    for row in reader.stream(f'SELECT id, {quoted} FROM "{table}" ORDER BY id'):
        yield row[0], values_digest(table, row[1:])


class _Elsewhere:
    """Half the work of verifying a large log on a SQLite file, done by a helper process: the newest
    events (from `after` on) and the rows' digests, while this process walks the older events — a
    million events verify in about half the time on two cores. The helper reads its own snapshot; its
    result is used only when that has the same newest event as the verifier's, and otherwise (or when it
    fails) the verifier does the rest itself, so the result never depends on the helper."""

    def __init__(self, reader: Reader, path: str, after: int, key: bytes | None, watch: int | None) -> None:
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # no inherited database connection
        self.after = after
        self.receive, send = context.Pipe(duplex=False)
        args = (path, _head(reader), after, key, watch, send)
        self.process = context.Process(target=_verify_elsewhere, args=args, daemon=True)
        self.process.start()
        send.close()

    def result(self) -> tuple[ChainState, Finding | None, Iterator[tuple[str, str]]] | None:
        """The later events' walk and the rows (in current_rows's order), or None: do it yourself."""
        try:
            found = self.receive.recv()
        except (EOFError, OSError):
            return None
        if found is None:
            return None
        state, finding, rows = found
        return state, finding, _unpacked(rows)

    def stop(self) -> None:
        self.receive.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def _unpacked(found: list[tuple[str, bytes, str]]) -> Iterator[tuple[str, str]]:
    for table, ids_bytes, digests in found:
        ids = array("q")
        ids.frombytes(ids_bytes)
        prefix = f"{table}:"
        for index, row_id in enumerate(ids):
            yield f"{prefix}{row_id}", digests[64 * index : 64 * index + 64]


# From this many events on, a helper process takes half the work (starting one costs a fraction of a
# second; a million events take seconds).
HELPER_FROM_EVENTS = 100_000
# Relative cost of hashing an event and of digesting a row (measured by benchmarks/audit.py): the
# helper digests the rows and the newest events, so that both processes finish together.
_EVENT_COST, _ROW_COST = 10, 6


def _split_after(low: int, high: int, rows: int) -> int:
    """The last event id this process walks: it takes the older events, the helper the rows and the
    newer events, so that both cost the same."""
    events = high - low + 1
    mine = round((events * _EVENT_COST + rows * _ROW_COST) / (2 * _EVENT_COST))
    return low - 1 + min(events, mine)


def _helper(reader: Reader, key: bytes | None, watch: int | None) -> _Elsewhere | None:
    path = sqlite_path(reader.name) if reader.dialect == "sqlite" else None
    if path is None:
        return None
    low, high = reader.rows("SELECT min(id), max(id) FROM event")[0]
    if low is None or high - low < HELPER_FROM_EVENTS:
        return None
    rows = sum(reader.value(f'SELECT count(*) FROM "{table}"') or 0 for table in AUDITED)
    try:
        return _Elsewhere(reader, path, _split_after(low, high, rows), key, watch)
    except OSError:  # no processes to be had: verify alone
        return None


def verify(reader: Reader, *, key: bytes | None = None, checkpoint: Checkpoint | None = None) -> AuditReport:
    """Walk the chain, compare every audited row with its last event, and check `checkpoint` if given.

    Stops at the first problem (AuditReport.finding); never raises for tampering, only for a database
    that cannot be read (StoreError).
    """
    watch = checkpoint.event_id if checkpoint else None
    helper = _helper(reader, key, watch)
    counted = [0]

    def counting(rows: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
        for row in rows:
            counted[0] += 1
            yield row

    state, current = ChainState(), None
    try:
        finding = walk_into(state, stored_events(reader, upto=helper.after if helper else None), key=key, watch=watch)
        if finding is None and helper is not None:
            found = helper.result()
            if found is not None and found[1] is None and join_walks(state, found[0], key):
                current = found[2]
            else:  # the helper could not, or found a problem: the rest here, to name the first one
                finding = walk_into(state, stored_events(reader, after=helper.after), key=key, watch=watch)
        finding = finding or check_head(state, key)
        if finding is None:
            finding = check_rows(state, counting(current or current_rows(reader)))
    finally:
        if helper:
            helper.stop()
    if finding is None and checkpoint is not None:
        finding = check_checkpoint(checkpoint, state.watched, state)
    return AuditReport(state.events, counted[0], checkpoint_of(state), state.keyed, finding)


def checkpoint(reader: Reader, *, key: bytes | None = None) -> Checkpoint:
    """The head of a chain that verifies now; AuditFailed when it does not (a checkpoint vouches for it)."""
    report = verify(reader, key=key)
    if report.finding is not None:
        raise AuditFailed(f"audit log does not verify, no checkpoint written: {report.finding}")
    if report.head is None:
        raise AuditFailed("the audit log is empty: nothing to checkpoint")
    return report.head


def export_lines(reader: Reader) -> Iterator[str]:
    """The log as JSON Lines, one event per line with its hashes, oldest first."""
    for e in events(reader):
        record = {name: getattr(e, name) for name in _EVENT_COLUMNS}
        record["at"] = str(record["at"])
        yield json.dumps(record, ensure_ascii=False, sort_keys=True, default=str) + "\n"
