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
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

# table -> ((column, type), ...); type is one of str, int, float, bool, json, time.
AUDITED: dict[str, tuple[tuple[str, str], ...]] = {
    "article": (
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
    ),
}


def timestamp(value: Any) -> str | None:
    """A stored time as UTC "YYYY-MM-DDTHH:MM:SS.ffffff" (naive values are UTC already); None stays None."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(str(value))
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds")


def _normalised(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "time":
        return timestamp(value)
    if kind == "json":
        return json.loads(value) if isinstance(value, str | bytes) else value
    if kind == "bool":
        return bool(value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return str(value)


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text as is."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def row_digest(table: str, row: Mapping[str, Any] | Any) -> str:
    """SHA-256 (hex) of the audited columns of `row` (a mapping or an object with attributes).

    KeyError for a table that is not audited.
    """
    get = row.get if isinstance(row, Mapping) else lambda name: getattr(row, name)
    values = [_normalised(get(name), kind) for name, kind in AUDITED[table]]
    return hashlib.sha256(canonical([table, values]).encode("utf-8")).hexdigest()


def row_key(table: str, row_id: int) -> str:
    """How an event names a row it wrote: "verdict:12"."""
    return f"{table}:{row_id}"
