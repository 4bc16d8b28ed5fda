"""Audit events in words a person reads, in English and German: the one catalogue of history phrases.

The CLI (`history`, `show`), the TUI (detail pane, history view, undo notices) and services.history
word events from here. Pure functions over plain dicts: `describe` turns one event's before/after into
`Change`s, each rendered in either language with `Change.text(lang)`. Values are localised by name
(`rating` → the scale's label, `status` → the status word, `text` → a shortened quote), so the same
change reads "verdict: mostly true → false" and "Bewertung: größtenteils richtig → falsch".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from factcheck.vocabulary import REVIEW_WORDS, STATUS_WORDS, pick, word_for

LANGUAGES = ("en", "de")

# -- short phrases: one per action, for narrow places (the detail pane, the undo notice) -------------
ACTION_PHRASES: dict[str, tuple[str, str]] = {  # action: (English, German)
    "verdict.set": ("verdict: {rating}", "Bewertung: {rating}"),
    "verdict.review": ("review: {decision}", "Prüfung: {decision}"),
    "claim.status": ("status → {status}", "Status → {status}"),
    "note.add": ("added a note", "Notiz hinzugefügt"),
    "source.add": ("added a source", "Quelle hinzugefügt"),
    "source.fetch": ("fetched a source", "Quelle abgerufen"),
    "claim.edit": ("reworded the claim", "Aussage umformuliert"),
    "claim.add": ("added the claim", "Aussage angelegt"),
    "claim.split": ("split the claim", "Aussage geteilt"),
    "claim.merge": ("merged with the next claim", "mit der nächsten Aussage zusammengeführt"),
    "undo": ("undid the previous change", "vorige Änderung rückgängig gemacht"),
    "article.import": ("imported the article", "Artikel importiert"),
    "checked.import": ("imported fact-checks", "Faktenchecks importiert"),
    "checked.label_map": ("mapped a publisher label", "Label eines Herausgebers zugeordnet"),
    "audit.baseline": ("started the audit log", "Prüfprotokoll begonnen"),
    "db.copy": ("copied the store here", "Datenbestand hierher kopiert"),
    "other": ("another change", "sonstige Änderung"),
}

# What an undo reverted, as the object of a sentence ("undid the verdict").
UNDONE_PHRASES: dict[str, tuple[str, str]] = {
    "verdict.set": ("the verdict", "die Bewertung"),
    "claim.status": ("the status change", "die Statusänderung"),
    "note.add": ("the note", "die Notiz"),
    "source.add": ("the source", "die Quelle"),
    "claim.edit": ("the rewording", "die Umformulierung"),
    "claim.merge": ("the merge", "das Zusammenführen"),
    "claim.split": ("the split", "das Teilen"),
    "claim.add": ("the split", "das Teilen"),
    "verdict.review": ("the review", "die Prüfung"),
    "other": ("the last change", "die letzte Änderung"),
}

# -- change lines: what an event changed, in full -----------------------------------------------------
CHANGE_PHRASES: dict[str, tuple[str, str]] = {
    "verdict.first": ("verdict: {rating}{rationale}", "Bewertung: {rating}{rationale}"),
    "verdict.changed": (
        "verdict: {from_rating} → {rating}{rationale}",
        "Bewertung: {from_rating} → {rating}{rationale}",
    ),
    "verdict.reused": ("taken over from {origin}", "übernommen von {origin}"),
    "review": ("review: {decision}{comment}", "Prüfung: {decision}{comment}"),
    "review.of": (
        "review: {decision} (verdict: {rating}){comment}",
        "Prüfung: {decision} (Bewertung: {rating}){comment}",
    ),
    "status": ("status: {from_status} → {status}", "Status: {from_status} → {status}"),
    "text": ("text edited: “{from_text}” → “{text}”", "Text geändert: „{from_text}“ → „{text}“"),
    "span": (
        "position in the article: {from_start}–{from_end} → {start}–{end}",
        "Stelle im Artikel: {from_start}–{from_end} → {start}–{end}",
    ),
    "checkworthy": ("check-worthy: {from_yes} → {yes}", "prüfwürdig: {from_yes} → {yes}"),
    "note": ("note added: {body}", "Notiz hinzugefügt: {body}"),
    "source": ("source added: {url}", "Quelle hinzugefügt: {url}"),
    "fetch": ("source fetched: {url} (HTTP {http_status})", "Quelle abgerufen: {url} (HTTP {http_status})"),
    "fetch.read": ("source read: {url}", "Quelle gelesen: {url}"),
    "fetch.failed": ("source not fetched: {url}: {error}", "Quelle nicht abgerufen: {url}: {error}"),
    "fetch.moved": (
        "source fetched: {url} (HTTP {http_status}) → {final_url}",
        "Quelle abgerufen: {url} (HTTP {http_status}) → {final_url}",
    ),
    "merge": ("merged with claim {claim}: “{text}”", "mit Aussage {claim} zusammengeführt: „{text}“"),
    "split": ("split: claim {claim} split off", "geteilt: Aussage {claim} abgeteilt"),
    "split_off": ("split off claim {claim}: “{text}”", "von Aussage {claim} abgeteilt: „{text}“"),
    "added": ("claim added: “{text}”", "Aussage angelegt: „{text}“"),
    "undo": ("undo of event {event} ({what})", "Rückgängig: Ereignis {event} ({what})"),
    "text.back": ("text back to “{text}”", "Text wieder „{text}“"),
    "text.kept": ("keeps “{text}”", "behält „{text}“"),
    "undo.restored": ("claim {claim} restored", "Aussage {claim} wiederhergestellt"),
    "undo.rejoined": ("claim {claim} joined back", "Aussage {claim} wieder angefügt"),
    "undo.revived": ("back from the merge into claim {claim}", "zurück aus der Zusammenführung mit Aussage {claim}"),
    "import": ("article imported: “{title}” ({claims} claims)", "Artikel importiert: „{title}“ ({claims} Aussagen)"),
    "checked.import": (
        "fact-checks imported from {file}: {added} new, {skipped} known",
        "Faktenchecks importiert aus {file}: {added} neu, {skipped} bekannt",
    ),
    "label_map": ("publisher label “{label}” means {rating}", "Label „{label}“ des Herausgebers bedeutet {rating}"),
    "baseline": (
        "audit log started over the rows stored before",
        "Prüfprotokoll über die zuvor gespeicherten Zeilen begonnen",
    ),
    "db.copy": (
        "{rows} rows copied here from {source} (its last event {event})",
        "{rows} Zeilen hierher kopiert aus {source} (dessen letztes Ereignis {event})",
    ),
    "field.changed": ("{name}: {old} → {new}", "{name}: {old} → {new}"),
    "field.set": ("{name}: {new}", "{name}: {new}"),
    "field.more": ("… {n} more fields", "… {n} weitere Felder"),
    "action": ("{action}", "{action}"),
    "phrase": ("{phrase}", "{phrase}"),  # an action's short phrase (ACTION_PHRASES[of])
    # words inside lines
    "none": ("none", "keine"),
    "yes": ("yes", "ja"),
    "no": ("no", "nein"),
    "undone": ("undone", "rückgängig gemacht"),
    "by": ("by {who}", "von {who}"),
}

# Every action the application records: a filter naming none of them (nor one found in the log) is a typo.
KNOWN_ACTIONS = tuple(a for a in ACTION_PHRASES if a != "other")

# For an undo: the undone event's action and its `after` (None when the undone event is not at hand).
Undone = tuple[str, Mapping[str, Any] | None] | None

TEXT_WIDTH = 60  # a claim text in a line (two may share one: before → after)
BODY_WIDTH = 100  # a note, rationale or comment
# Claim-state keys not worth a line: bookkeeping, or re-extracted by the machine along with the text.
_QUIET_KEYS = frozenset({"version", "fields", "kinds", "checkworthiness", "moved"})


def shorten(text: object, width: int = TEXT_WIDTH) -> str:
    """One line of at most `width` characters: whitespace collapsed, the middle cut with "…" when long."""
    flat = " ".join(str(text).split())
    if len(flat) <= width:
        return flat
    head = (width - 1) * 2 // 3
    return flat[:head].rstrip() + "…" + flat[len(flat) - (width - 1 - head) :].lstrip()


def rating_word(key: object, lang: str) -> str:
    from factcheck.ratings import BY_KEY

    if not key:
        return pick(CHANGE_PHRASES["none"], lang)
    rating = BY_KEY.get(str(key))
    return rating.label(lang) if rating else str(key)


def status_word(status: object, lang: str) -> str:
    return word_for(STATUS_WORDS, status, lang)


def review_word(state: object, lang: str) -> str:
    return word_for(REVIEW_WORDS, state, lang)


def action_words(action: str) -> str:
    """An action this catalogue has no phrase for, readable: "verdict.withdraw" → "verdict withdraw"."""
    return action.replace(".", " ").replace("_", " ")


def _localised(name: str, value: Any, lang: str) -> str:
    """A value in `lang`, chosen by the placeholder's name."""
    if name in ("rating", "from_rating"):
        return rating_word(value, lang)
    if name in ("status", "from_status"):
        return status_word(value, lang)
    if name == "decision":
        return review_word(value, lang)
    if name in ("yes", "from_yes"):
        return pick(CHANGE_PHRASES["yes" if value else "no"], lang)
    if name in ("rationale", "comment"):  # optional tails
        return f" — {shorten(value, BODY_WIDTH)}" if value else ""
    if name in ("body", "old", "new"):
        return shorten(value, BODY_WIDTH)
    if name in ("text", "from_text", "title"):
        return shorten(value)
    if value is None:
        return "–"
    return shorten(value, BODY_WIDTH)


@dataclass(frozen=True)
class Change:
    """One thing an event changed: a CHANGE_PHRASES key and the values for its placeholders."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        if self.key == "phrase":  # an action's short phrase, e.g. the undone event's in an undo line
            return action_phrase(str(self.values.get("of")), lang, **self.values.get("with", {}))
        if self.key == "undo":
            what = Change("phrase", {"of": self.values.get("of"), "with": self.values.get("with", {})}).text(lang)
            return pick(CHANGE_PHRASES["undo"], lang).format(event=self.values.get("event"), what=what)
        template = pick(CHANGE_PHRASES.get(self.key, CHANGE_PHRASES["action"]), lang)
        try:
            return template.format_map(_Values(self.values, lang))
        except (IndexError, ValueError):
            return action_words(self.key)


class _Values(dict[str, str]):
    """Placeholder values localised by name (_localised); a value not given is localised as None."""

    def __init__(self, values: Mapping[str, Any], lang: str) -> None:
        super().__init__({name: _localised(name, value, lang) for name, value in values.items()})
        self.lang = lang

    def __missing__(self, name: str) -> str:
        return _localised(name, None, self.lang)


def action_phrase(action: str, lang: str, **values: Any) -> str:
    """The short phrase of an action ("verdict: false", "added a note"); never the raw action name."""
    pair = ACTION_PHRASES.get(action, ACTION_PHRASES["other"])
    try:
        return pick(pair, lang).format_map(_Values(values, lang))
    except (IndexError, ValueError):
        return pick(ACTION_PHRASES["other"], lang)


def undone_phrase(action: str, lang: str) -> str:
    """What an undo reverted, as an object ("the verdict")."""
    return pick(UNDONE_PHRASES.get(action, UNDONE_PHRASES["other"]), lang)


def describe(
    action: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
    *,
    previous_rating: str | None = None,
    undone: Undone = None,
) -> list[Change]:
    """What one event changed, most important first.

    `previous_rating` is the verdict that stood before a verdict.set (the event itself does not hold
    it); `undone` is, for an undo, the undone event's action and its `after`.
    Common actions get their own words; any other action its name plus a line per changed field.
    """
    b = before if isinstance(before, Mapping) else {}
    a = after if isinstance(after, Mapping) else {}
    wording = _WORDINGS.get(action)
    if wording is not None:
        return wording(b, a, previous_rating, undone)
    return [Change("action", {"action": action_words(action)}), *field_changes(b, a)]


def field_changes(before: Mapping[str, Any], after: Mapping[str, Any], *, limit: int = 6) -> list[Change]:
    """A line per key whose value differs between before and after (bookkeeping keys left out)."""
    changes: list[Change] = []
    for name in [*before, *(k for k in after if k not in before)]:
        if name in _QUIET_KEYS or before.get(name) == after.get(name):
            continue
        old, new = _plain(before.get(name)), _plain(after.get(name))
        if name in before and before.get(name) is not None:
            changes.append(Change("field.changed", {"name": name, "old": old, "new": new}))
        else:
            changes.append(Change("field.set", {"name": name, "new": new}))
    if len(changes) > limit:
        return [*changes[:limit], Change("field.more", {"n": len(changes) - limit})]
    return changes


def _plain(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def claim_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """The differences between two claim snapshots (services.claims.snapshot) a checker cares about."""
    if not before or not after:
        return []
    changes: list[Change] = []
    if "text" in before and "text" in after and before["text"] != after["text"]:
        changes.append(Change("text", {"from_text": before["text"], "text": after["text"]}))
    elif (before.get("start"), before.get("end")) != (after.get("start"), after.get("end")) and "start" in after:
        changes.append(
            Change(
                "span",
                {"from_start": before.get("start"), "from_end": before.get("end")}
                | {"start": after.get("start"), "end": after.get("end")},
            )
        )
    if "status" in before and "status" in after and before["status"] != after["status"]:
        changes.append(Change("status", {"from_status": before["status"], "status": after["status"]}))
    if "checkworthy" in before and "checkworthy" in after and bool(before["checkworthy"]) != bool(after["checkworthy"]):
        changes.append(Change("checkworthy", {"from_yes": before["checkworthy"], "yes": after["checkworthy"]}))
    return changes


# -- one wording per common action ------------------------------------------------------------------
_Wording = Callable[[Mapping[str, Any], Mapping[str, Any], str | None, Undone], list[Change]]


def _verdict(b: Mapping[str, Any], a: Mapping[str, Any], previous: str | None, _u: Undone) -> list[Change]:
    rating, rationale = a.get("rating"), a.get("rationale") or ""
    if previous:
        changes = [Change("verdict.changed", {"from_rating": previous, "rating": rating, "rationale": rationale})]
    else:
        changes = [Change("verdict.first", {"rating": rating, "rationale": rationale})]
    if a.get("reused_from"):
        changes.append(Change("verdict.reused", {"origin": a["reused_from"]}))
    return changes + [c for c in claim_changes(b, a) if c.key == "status"]


def _review(b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    decision = a.get("decision") or a.get("review_state") or a.get("state")
    values = {"decision": decision, "comment": a.get("comment") or ""}
    review = Change("review.of", {**values, "rating": a["rating"]}) if a.get("rating") else Change("review", values)
    return [review, *(c for c in claim_changes(b, a) if c.key == "status")]


def _status(b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    return claim_changes(b, a) or [Change("status", {"from_status": b.get("status"), "status": a.get("status")})]


def _edit(b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    return claim_changes(b, a) or [Change("phrase", {"of": "claim.edit"})]


def _note(_b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    return [Change("note", {"body": a.get("body", "")})]


def _source(_b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    return [Change("source", {"url": a.get("url")})]


def _fetch(_b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    # `url` is the source's own (services.history adds it); the final URL only when a redirect led elsewhere.
    url, final = a.get("url"), a.get("final_url")
    if a.get("error"):  # stored with the snapshot (services.sources): the source stays for a refresh
        return [Change("fetch.failed", {"url": url or final or "", "error": shorten(a.get("error"), BODY_WIDTH)})]
    if a.get("status") is None and "snapshot" in a:  # a local file: no HTTP status
        return [Change("fetch.read", {"url": url or final or ""})]
    if final and url and final != url:
        return [Change("fetch.moved", {"url": url, "http_status": a.get("status"), "final_url": final})]
    return [Change("fetch", {"url": url or final or "", "http_status": a.get("status")})]


def _merge(b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    second = b.get("second") if isinstance(b.get("second"), Mapping) else {}
    first = b.get("first") if isinstance(b.get("first"), Mapping) else {}
    merged = Change("merge", {"claim": second.get("id"), "text": second.get("text", "")})
    return [merged, *(c for c in claim_changes(first, a) if c.key != "text")]


def _split(b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    kept = [Change("text.kept", c.values) if c.key == "text" else c for c in claim_changes(b, a)]
    return [Change("split", {"claim": a.get("new_claim")}), *kept]


def _add(_b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    if a.get("split_from"):
        return [Change("split_off", {"claim": a["split_from"], "text": a.get("text", "")})]
    return [Change("added", {"text": a.get("text", "")})]


def _undo(b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, undone: Undone) -> list[Change]:
    action, undone_after = undone if undone else (str(a.get("undid_action") or "other"), None)
    details = {k: v for k, v in (undone_after or {}).items() if k in ("rating", "status", "decision")}
    changes = [Change("undo", {"event": a.get("undid_event"), "of": action, "with": details})]
    if a.get("restored_claim"):
        changes.append(Change("undo.restored", {"claim": a["restored_claim"]}))
    if a.get("removed_claim"):
        changes.append(Change("undo.rejoined", {"claim": a["removed_claim"]}))
    if a.get("merged_into"):
        changes.append(Change("undo.revived", {"claim": a["merged_into"]}))
    return changes + [Change("text.back", c.values) if c.key == "text" else c for c in claim_changes(b, a)]


def _import(_b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    # the check-worthy claims, as `import` and the workbench count them (events before this recorded
    # only the sentences extracted)
    return [Change("import", {"title": a.get("title", ""), "claims": a.get("checkworthy", a.get("claims", 0))})]


def _checked_import(_b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    return [Change("checked.import", {"file": a.get("file"), "added": a.get("added"), "skipped": a.get("skipped")})]


def _label_map(_b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    return [Change("label_map", {"label": a.get("label"), "rating": a.get("rating")})]


def _baseline(_b: Mapping[str, Any], _a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    return [Change("baseline")]


def _copy(_b: Mapping[str, Any], a: Mapping[str, Any], _p: str | None, _u: Undone) -> list[Change]:
    head = a.get("source_head") or {}
    event = head.get("event_id") if isinstance(head, Mapping) else None
    return [Change("db.copy", {"rows": a.get("rows"), "source": a.get("source"), "event": event or "-"})]


_WORDINGS: dict[str, _Wording] = {
    "verdict.set": _verdict,
    "verdict.review": _review,
    "claim.status": _status,
    "claim.edit": _edit,
    "note.add": _note,
    "source.add": _source,
    "source.fetch": _fetch,
    "claim.merge": _merge,
    "claim.split": _split,
    "claim.add": _add,
    "undo": _undo,
    "article.import": _import,
    "checked.import": _checked_import,
    "checked.label_map": _label_map,
    "audit.baseline": _baseline,
    "db.copy": _copy,
}
