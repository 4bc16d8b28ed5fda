"""Reading the audit log: verify it (chain, rows, checkpoint), write a checkpoint, export it as JSONL.

Plain SQL through a store.reader.Reader, streamed, so a million events verify without the ORM
building a million objects (benchmarks/audit.py). The rules are factcheck.audit.chain's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from factcheck.audit.chain import (
    Checkpoint,
    EventRecord,
    Finding,
    check_checkpoint,
    check_rows,
    checkpoint_of,
    walk,
    with_seen,
)
from factcheck.audit.digest import AUDITED, row_digest, row_key
from factcheck.errors import FactcheckError
from factcheck.store.reader import Reader, json_value

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
    """Every event in id order, as stored."""
    columns = ", ".join(f'"{c}"' for c in _EVENT_COLUMNS)
    for row in reader.stream(f"SELECT {columns} FROM event ORDER BY id"):
        values = dict(zip(_EVENT_COLUMNS, row, strict=True))
        for name in ("before", "after", "rows"):
            values[name] = json_value(values[name], None)
        values["scheme"] = int(values["scheme"] or 1)
        yield EventRecord(**values)


def current_rows(reader: Reader) -> Iterator[tuple[str, str]]:
    """("table:id", digest) of every audited row as it is stored now."""
    for table, columns in AUDITED.items():
        names = [name for name, _kind in columns]
        quoted = ", ".join(f'"{name}"' for name in names)
        for row in reader.stream(f'SELECT id, {quoted} FROM "{table}" ORDER BY id'):
            yield row_key(table, row[0]), row_digest(table, dict(zip(names, row[1:], strict=True)))


def verify(reader: Reader, *, key: bytes | None = None, checkpoint: Checkpoint | None = None) -> AuditReport:
    """Walk the chain, compare every audited row with its last event, and check `checkpoint` if given.

    Stops at the first problem (AuditReport.finding); never raises for tampering, only for a database
    that cannot be read (StoreError).
    """
    seen: dict[int, str] = {}
    state, finding = walk(with_seen(events(reader), seen) if checkpoint else events(reader), key=key)
    counted = [0]

    def counting(rows: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
        for row in rows:
            counted[0] += 1
            yield row

    if finding is None:
        finding = check_rows(state, counting(current_rows(reader)))
    if finding is None and checkpoint is not None:
        finding = check_checkpoint(checkpoint, seen, state)
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
