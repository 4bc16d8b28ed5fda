"""The history of a claim or an article: its audit events in order, each in words (factcheck.history_words).

Read with plain SQL over a `store.reader.Reader` (like services.listing), so `factcheck history` on a
SQLite file needs no ORM; the TUI passes its session and reads through the session's connection.
Events stay with the claim they happened to, so a claim's history also walks the claims merged into
it (and the part of a split that an undo joined back): `history_claim_ids`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck.errors import InputError, NotFound
from factcheck.history_words import KNOWN_ACTIONS, LANGUAGES, Change, describe
from factcheck.store.reader import Reader, datetime_value, json_value
from factcheck.text.control import clean_name, terminal_safe

if TYPE_CHECKING:
    from sqlmodel import Session

_EVENT_COLUMNS = ("id", "at", "actor", "action", "entity", "entity_id", "claim_id", "before", "after")
_CHUNK = 5000  # ids per IN (…): well below SQLite's limit on bound parameters
Standing = dict[int | None, list[tuple[int, str]]]  # claim → (event id, rating) of its verdicts that stand


@dataclass
class HistoryEntry:
    """One event in words. `changes` render in English or German (`lines(lang)`); `undone` is True
    once an undo reverted the event (`undone_by` names that undo)."""

    id: int
    at: str | None
    actor: str
    action: str
    claim_id: int | None
    undone: bool = False
    undone_by: int | None = None
    changes: list[Change] = field(default_factory=list)

    def lines(self, lang: str = "en") -> list[str]:
        return [change.text(lang) for change in self.changes]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "claim_id": self.claim_id,
            "undone": self.undone,
            "undone_by": self.undone_by,
            "changes": self.lines(lang),
        }


def claim_history(
    source: Reader | Session, claim_id: int, *, actor: str | None = None, action: str | None = None
) -> list[HistoryEntry]:
    """The claim's events, oldest first, with those of the claims merged into it.

    `actor` keeps one person's events (case-insensitive); `action` one action ("verdict.set") or a
    family ("verdict"). NotFound for an unknown claim (naming the claim it was merged into, if so).
    """
    reader = _reader(source)
    if reader.value("SELECT id FROM claim WHERE id = ?", (claim_id,)) is None:
        merged_into = _merged_into(reader, claim_id)
        where = f" (merged into claim {merged_into})" if merged_into else ""
        raise NotFound(f"no claim with id {claim_id}{where}")
    events = _events(reader, history_claim_ids(reader, [claim_id]))
    return _filtered(_entries(events), actor=actor, action=action)


def article_history(
    source: Reader | Session, article_id: int, *, actor: str | None = None, action: str | None = None
) -> list[HistoryEntry]:
    """The article's import and every event of its claims (merged-away ones included), oldest first."""
    reader = _reader(source)
    if reader.value("SELECT id FROM article WHERE id = ?", (article_id,)) is None:
        raise NotFound(f"no article with id {article_id}")
    claim_ids = [row[0] for row in reader.rows("SELECT id FROM claim WHERE article_id = ?", (article_id,))]
    events = _events(reader, history_claim_ids(reader, claim_ids), article_id=article_id)
    return _filtered(_entries(events), actor=actor, action=action)


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InputError(f"unsupported language {lang!r}: use de or en")
    return lang


def history_claim_ids(source: Reader | Session, claim_ids: Sequence[int]) -> list[int]:
    """The claims and every claim merged into them (and not split off again by an undo), plus the part
    of a split an undo joined back: the claims whose events make up these claims' history."""
    reader = _reader(source)
    ids = list(dict.fromkeys(claim_ids))
    seen = set(ids)
    frontier = ids
    while frontier:  # merges into merged claims: walk until no new claim turns up
        rows = _in_chunks(
            reader,
            "SELECT id, action, before, after FROM event WHERE action IN ('claim.merge', 'undo') AND claim_id IN ({})",
            frontier,
        )
        undone = {_int(json_value(after, {}).get("undid_event")) for _id, action, _b, after in rows if action == "undo"}
        found: list[int] = []
        for event_id, action, before, after in sorted(rows):
            if action == "claim.merge" and event_id not in undone:
                second = json_value(before, {}).get("second")
                found.append(_int(second.get("id")) if isinstance(second, dict) else None)  # type: ignore[arg-type]
            elif action == "undo":
                found.append(_int(json_value(after, {}).get("removed_claim")))  # type: ignore[arg-type]
        frontier = [i for i in dict.fromkeys(found) if i is not None and i not in seen]
        seen.update(frontier)
        ids.extend(frontier)
    return ids


def _reader(source: Reader | Session) -> Reader:
    return source if isinstance(source, Reader) else Reader.of_session(source)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _in_chunks(reader: Reader, sql: str, ids: Sequence[int], extra: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        rows.extend(reader.rows(sql.format(", ".join("?" * len(chunk))), [*chunk, *extra]))
    return rows


def _merged_into(reader: Reader, claim_id: int) -> int | None:
    """The claim a deleted claim was merged into (by a merge no undo reverted), if any."""
    rows = reader.rows("SELECT id, claim_id, before FROM event WHERE action = 'claim.merge' ORDER BY id DESC")
    for _event_id, into, before in rows:
        second = json_value(before, {}).get("second")
        if isinstance(second, dict) and second.get("id") == claim_id:
            return _int(into)
    return None


def _events(reader: Reader, claim_ids: Sequence[int], *, article_id: int | None = None) -> list[dict[str, Any]]:
    columns = ", ".join(_EVENT_COLUMNS)
    rows = _in_chunks(reader, f"SELECT {columns} FROM event WHERE claim_id IN ({{}})", claim_ids)
    if article_id is not None:
        rows += reader.rows(
            f"SELECT {columns} FROM event WHERE action = 'article.import' AND entity = 'article' AND entity_id = ?",
            (article_id,),
        )
    events = []
    for row in sorted(rows, key=lambda r: r[0]):
        event = dict(zip(_EVENT_COLUMNS, row, strict=True))
        event["before"] = json_value(event["before"], None)
        event["after"] = json_value(event["after"], None)
        events.append(event)
    return events


def _entries(events: Iterable[dict[str, Any]]) -> list[HistoryEntry]:
    """Events in words, walked in order: what a verdict replaced, what an undo reverted."""
    from factcheck.services.views import _iso

    events = list(events)
    undone_by: dict[int, int] = {}
    for e in events:
        if e["action"] == "undo" and isinstance(e["after"], dict):
            target = _int(e["after"].get("undid_event"))
            if target is not None:
                undone_by.setdefault(target, e["id"])
    source_urls = {
        e["entity_id"]: (e["after"] or {}).get("url") for e in events if e["action"] == "source.add" and e["after"]
    }
    # Per claim, the verdict events that stand, newest last: a verdict.set names the one it replaced.
    standing: Standing = {}
    by_id = {e["id"]: e for e in events}
    entries = []
    for e in events:
        action, before, after, claim = e["action"], e["before"], e["after"], e["claim_id"]
        stack = standing.setdefault(claim, [])
        previous = stack[-1][1] if stack else None
        undone = None
        if action == "source.fetch" and isinstance(after, dict):
            after = {**after, "url": source_urls.get(e["entity_id"])}
        elif action == "undo" and isinstance(after, dict):
            target = by_id.get(_int(after.get("undid_event")) or 0)
            undone = (target["action"], target["after"]) if target else None
        changes = describe(action, before, after, previous_rating=previous, undone=undone)
        _follow_verdicts(standing, e, claim)
        entries.append(
            HistoryEntry(
                id=e["id"],
                at=_iso(datetime_value(e["at"])),
                actor=e["actor"] or "",
                action=action,
                claim_id=claim,
                undone=e["id"] in undone_by,
                undone_by=undone_by.get(e["id"]),
                changes=changes,
            )
        )
    return entries


def _follow_verdicts(standing: Standing, event: dict[str, Any], claim: int | None) -> None:
    """Keep `standing` (claim → its verdicts that stand) up to date with one event."""
    action, before, after = event["action"], event["before"] or {}, event["after"] or {}
    stack = standing.setdefault(claim, [])
    if action == "verdict.set" and after.get("rating"):
        stack.append((event["id"], str(after["rating"])))
    elif action == "undo":
        target = after.get("undid_event")
        stack[:] = [(i, r) for i, r in stack if i != target]
        joined = _int(after.get("removed_claim"))
        if joined is not None:
            stack[:] = sorted([*stack, *standing.pop(joined, [])])
    elif action == "claim.merge":
        second = before.get("second")
        merged = _int(second.get("id")) if isinstance(second, dict) else None
        if merged is not None:
            stack[:] = sorted([*stack, *standing.get(merged, [])])


def _filtered(entries: list[HistoryEntry], *, actor: str | None, action: str | None) -> list[HistoryEntry]:
    if action is not None:
        wanted = action.strip().casefold()
        present = {e.action for e in entries}
        if not any(_action_matches(a, wanted) for a in (*KNOWN_ACTIONS, *present)):
            known = ", ".join(sorted({*KNOWN_ACTIONS, *present}))
            raise InputError(f"unknown action {action!r}; known: {known}")
        entries = [e for e in entries if _action_matches(e.action, wanted)]
    if actor is not None:
        entries = [e for e in entries if _same_actor(e.actor, actor)]
    return entries


def _same_actor(stored: str, wanted: str) -> bool:
    """Whether `wanted` (from --actor) names `stored`, case-insensitive: as typed, as `--by` would have
    stored it (text.control.clean_name), or as history prints it (an older database's control characters
    shown as escapes: `ben\\x1b[2J`)."""
    stored = stored.casefold()
    forms = {wanted.strip().casefold(), clean_name(wanted).casefold()}
    return stored in forms or terminal_safe(stored, one_line=True) in forms


def _action_matches(action: str, wanted: str) -> bool:
    """ "verdict.set" matches itself and its family "verdict"."""
    action = action.casefold()
    return action == wanted or action.split(".", 1)[0] == wanted
