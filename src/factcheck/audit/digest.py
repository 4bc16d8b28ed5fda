"""Canonical digests of the rows an event wrote, so that editing a row behind the app's back shows.

Each audited table lists the columns whose content matters and how each is typed; a row's digest is
SHA-256 over the canonical JSON of those values. Values are normalised first so that the same row
gives the same digest whether it comes from an ORM object at write time or from SQLite's/PostgreSQL's
driver at verification time: times as UTC "YYYY-MM-DDTHH:MM:SS.ffffff", JSON columns parsed, booleans
as booleans (SQLite stores 0/1).
"""

from __future__ import annotations

import hashlib
import json
import json.scanner
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

# table -> ((column, type), ...); type is one of str, int, float, bool, json, time, blob.
# Events record row digests computed with this table: a change to it makes every row written before
# differ from its event, so it needs a migration that appends a new baseline event (as 0007 did).
AUDITED: dict[str, tuple[tuple[str, str], ...]] = {
    "article": (
        ("text", "str"),  # what `show` and reports print; `sha256` alone would not tell an edit
        ("raw_text", "str"),
        ("offset_map", "json"),  # where each claim's span lies in the raw text
        ("title", "str"),
        ("language", "str"),
        ("origin", "str"),
        ("sha256", "str"),
        ("published", "str"),
        ("imported_by", "str"),
    ),
    "claim": (
        ("article_id", "int"),
        ("start", "int"),
        ("end", "int"),
        ("text", "str"),
        ("kinds", "json"),
        ("fields", "json"),
        ("checkworthy", "bool"),
        ("status", "str"),
        ("version", "int"),
    ),
    "verdict": (
        ("claim_id", "int"),
        ("rating", "str"),
        ("rationale", "str"),
        ("checker", "str"),
        ("review_state", "str"),
        ("reviewer", "str"),  # a cache of the latest review row, but shown in places: covered too
        ("reviewed_at", "time"),
        ("reused_from", "str"),
        ("created_at", "time"),
    ),
    "review": (
        ("verdict_id", "int"),
        ("decision", "str"),
        ("reviewer", "str"),
        ("comment", "str"),
        ("created_at", "time"),
    ),
    "note": (("claim_id", "int"), ("author", "str"), ("body", "str"), ("created_at", "time"), ("withdrawn_at", "time")),
    "source": (
        ("claim_id", "int"),
        ("url", "str"),
        ("final_url", "str"),
        ("title", "str"),
        ("http_status", "int"),
        ("sha256", "str"),
        ("quote_match_score", "float"),
        ("archive_url", "str"),
        ("added_by", "str"),
        ("fetched_at", "time"),
        ("withdrawn_at", "time"),
        ("note", "str"),  # what the checker wrote when adding it
        ("fetch_error", "str"),  # shown as the reason a fetch failed (a copy of the snapshot's)
        # copies of the latest snapshot that `show`, the workbench and reports print
        ("snapshot", "str"),
        ("quote_context", "str"),
        ("content_type", "str"),
        ("created_at", "time"),
    ),
    # The body itself is not digested: its sha256 is, and the text and check results drawn from it.
    "source_snapshot": (
        ("source_id", "int"),
        ("fetched_at", "time"),
        ("fetched_by", "str"),
        ("requested_url", "str"),
        ("final_url", "str"),
        ("redirects", "json"),
        ("http_status", "int"),
        ("headers", "json"),
        ("kind", "str"),
        ("sha256", "str"),
        ("size", "int"),
        ("text", "str"),
        ("title", "str"),
        ("author", "str"),
        ("published", "str"),
        ("error", "str"),
        ("changed", "bool"),
        ("checks", "json"),
        ("body", "blob"),  # the evidence itself, as stored (compressed): digested by its SHA-256
    ),
}


def timestamp(value: Any) -> str | None:
    """A stored time as UTC "YYYY-MM-DDTHH:MM:SS.ffffff" (naive values are UTC already); None stays None.

    ValueError for text that is not a time.
    """
    if value is None:
        return None
    if type(value) is str and len(value) == 26 and value[10] == " " and value[19] == ".":
        # SQLite's DATETIME text as SQLAlchemy writes it: what parsing and formatting would give, cheaply
        return f"{value[:10]}T{value[11:]}"
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def _as_str(value: Any) -> str:
    return value if type(value) is str else str(value)


def _as_int(value: Any) -> int:
    return value if type(value) is int else int(value)


def _as_float(value: Any) -> float:
    return value if type(value) is float else float(value)


def _json_scanner() -> Any:
    make = getattr(json.scanner, "c_make_scanner", None)
    return make(json.JSONDecoder()) if make is not None else None


_SCAN = _json_scanner()


def parse_json(text: str | bytes) -> Any:
    """json.loads(text); ValueError for what is not JSON.

    Stored JSON is compact: its one value is read by the decoder's own scanner, without json.loads's
    wrapping (which costs more than reading a row's few digests); anything else goes to json.loads.
    """
    if _SCAN is not None and type(text) in (str, bytes):
        if type(text) is bytes:
            try:
                text = text.decode()
            except UnicodeDecodeError:
                return json.loads(text)  # its own error, or its own reading of other encodings
        try:
            value, end = _SCAN(text, 0)
        except StopIteration:
            end = -1
        if end == len(text):
            return value
    return json.loads(text)


def _as_json(value: Any) -> Any:
    return parse_json(value) if isinstance(value, str | bytes) else value


def _as_blob_digest(value: Any) -> str:
    """Bytes (a memoryview from PostgreSQL's driver) as their SHA-256: a body of megabytes is not copied
    into the canonical JSON, and any change to it changes the row's digest all the same."""
    if isinstance(value, str):
        value = value.encode("utf-8")
    return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()


_NORMALISE = {
    "str": _as_str,
    "int": _as_int,
    "float": _as_float,
    "bool": bool,
    "json": _as_json,
    "time": timestamp,
    "blob": _as_blob_digest,
}
# The type a value of each kind already has when it needs no normalising (None: always normalised).
_READY: dict[str, tuple[type, ...] | None] = {
    "str": (str,),
    "int": (int,),
    "float": (float,),
    "bool": (bool,),
    "json": (dict, list, int, float, bool),
    "time": None,
    "blob": None,
}
# Per audited table and tuple of the stored values' types: which columns need normalising, and how.
_PLANS: dict[str, dict[tuple[type, ...], tuple[tuple[int, Any], ...]]] = {table: {} for table in AUDITED}


def _plan(table: str, types: tuple[type, ...]) -> tuple[tuple[int, Any], ...]:
    columns = AUDITED[table]
    if len(types) != len(columns):
        raise ValueError(f"{table}: {len(types)} values for {len(columns)} audited columns")
    steps = []
    for index, ((_name, kind), kind_of_value) in enumerate(zip(columns, types, strict=True)):
        ready = _READY[kind]
        if kind_of_value is not type(None) and (ready is None or kind_of_value not in ready):
            steps.append((index, _NORMALISE[kind]))
    plan = tuple(steps)
    if len(_PLANS[table]) < 256:  # a few type patterns per table in practice
        _PLANS[table][types] = plan
    return plan


def _normalised(value: Any, normalise: Any) -> Any:
    if value is None:
        return None
    try:
        return normalise(value)
    except (ValueError, TypeError, OverflowError):
        # Stored by hand and not of its column's kind (SQLite keeps any value anywhere): never the value
        # an event recorded, so the row shows as edited instead of stopping the verification.
        return f"!unreadable {value!r}"


def _canonical_encoder() -> Any:
    """json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str), made once.

    json.dumps builds an encoder on every call, which costs more than encoding a row's few values; with
    the C accelerator the encoding function itself is built once here (no check for circular
    structures: the values are parsed JSON or plain records, and a cycle still ends in an error).
    """
    encoder = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # an interpreter without the accelerator
        return encoder.encode
    iterencode = make(None, str, json.encoder.encode_basestring, None, ":", ",", True, False, True)
    join = "".join
    return lambda value: join(iterencode(value, 0))


_CANONICAL = _canonical_encoder()


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text as is."""
    return _CANONICAL(value)


def row_digest(table: str, row: Mapping[str, Any] | Any) -> str:
    """SHA-256 (hex) of the audited columns of `row` (a mapping or an object with attributes).

    KeyError for a table that is not audited.
    """
    get = row.get if isinstance(row, Mapping) else lambda name: getattr(row, name)
    return values_digest(table, [get(name) for name, _kind in AUDITED[table]])


def values_digest(table: str, values: Sequence[Any]) -> str:
    """row_digest of the audited columns' values as stored, in AUDITED order (a row read by SQL).

    Only values not already of their column's normal type are normalised (a million rows verify).
    """
    types = tuple(map(type, values))
    plan = _PLANS[table].get(types)
    if plan is None:
        plan = _plan(table, types)
    if plan:
        values = list(values)
        for index, normalise in plan:
            values[index] = _normalised(values[index], normalise)
    return hashlib.sha256(_CANONICAL([table, values]).encode("utf-8")).hexdigest()


def row_key(table: str, row_id: int) -> str:
    """How an event names a row it wrote: "verdict:12"."""
    return f"{table}:{row_id}"
