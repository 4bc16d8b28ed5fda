"""An article's timeline: its dated claims in chronological order, and the claims whose dates contradict
the order the text implies. Pure functions over plain data (no database); services.timeline gathers it.

A date value is ISO 8601 at the precision the text gives ("2017", "2017-07", "2017-01-28") or an interval
("2023-06-07/2023-06-09"); each covers a span of days, and entries sort by where that span starts, then
where it ends, so "2017" (the whole year) comes before "2017-01-28" and "Juli 2017" before "2017-07-16".

Conflicts are judged by rules (`RULES`), each small and named, over the article's own entries in text
order. They need to know which events are "of the same kind": `EVENT_KINDS` maps words to kinds, and
`SCOPE` says which kinds a broader one includes (a first *contact* is also earlier than any meeting or
call; a first *meeting* is not contradicted by an earlier phone call).

1. first      "der erste Kontakt … 2017", "for the first time": an event of its kind dated earlier
2. latest     "der letzte Austausch …", "the latest talks": an event of its kind dated later (up to the
              article's date: what happened after it was written makes the claim stale, not wrong)
3. not-until  "erst 2025 kam es wieder …": an event of its kind between the last one the text told
              before it and that date
4. after      "folgte", "danach", "später", "followed", "later": dated before the dated claim the text
              told just before it
5. before     "zuvor", "davor", "earlier", "previously": dated after the dated claim told just before it
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

ARTICLE, MEMORY = "article", "memory"

# -- date values -----------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def span_of(value: str) -> tuple[date, date, str] | None:
    """The first and last day `value` covers and its precision (day, month, year, range); None if unreadable."""
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = span_of(first), span_of(last)
        if a is None or b is None or b[1] < a[0]:
            return None
        return a[0], b[1], "range"
    m = _ISO.match(value)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day:
            d = date(year, int(month), int(day))
            return d, d, "day"
        if month:
            first = date(year, int(month), 1)
            following = date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, following - timedelta(days=1), "month"
        return date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError:  # "2019-02-30": no such day
        return None


# -- what kind of event a claim is about -----------------------------------------------------------

# word stem (matched at the start of a word or of a compound's last part, case-insensitively) -> kind
EVENT_KINDS: dict[str, tuple[str, ...]] = {
    "call": ("telefonat", "telefonisch", "anruf", "telefoniert", "call", "phone"),
    "meeting": (
        "treffen",
        "trafen",
        "getroffen",
        "gipfel",
        "besuch",
        "begegnung",
        "persönlich",
        "meeting",
        "met ",
        "summit",
        "visit",
        "in person",
        "in-person",
    ),
    "contact": ("kontakt", "austausch", "gespräch", "dialog", "contact", "talks", "exchange", "conversation"),
    "election": ("wahl", "gewählt", "election", "elected", "vote"),
    "strike": ("streik", "strike", "walkout"),
    "attack": ("anschlag", "angriff", "attack", "bombing"),
    "law": ("gesetz", "verordnung", "law", "bill", "act "),
}
# a broader kind includes narrower ones: a first contact is contradicted by an earlier meeting or call
SCOPE: dict[str, frozenset[str]] = {"contact": frozenset({"contact", "meeting", "call"})}
# modifiers that narrow a broader head ("telefonischer Austausch" is a call, "persönliches Treffen" a meeting)
_NARROWING = {"telefonisch": "call", "persönlich": "meeting", "phone": "call", "in-person": "meeting"}

_WORD = re.compile(r"[\wäöüß-]+", re.IGNORECASE)


def kinds_in(text: str) -> frozenset[str]:
    """The event kinds whose words occur in `text` (a stem at a word start or inside a compound)."""
    folded = f" {text.casefold()} "
    found = set()
    for kind, stems in EVENT_KINDS.items():
        if any(re.search(rf"(?:\b|(?<=[a-zäöüß]))({re.escape(s.strip())})", folded) for s in stems if s.strip()):
            found.add(kind)
    return frozenset(found)


def head_kind(text: str, cue_end: int) -> frozenset[str]:
    """The kind of the event a cue ("der erste", "the latest") is about: the words right after it up to
    the first noun-like word, a narrowing modifier winning ("der letzte telefonische Austausch": call)."""
    words = _WORD.findall(text[cue_end : cue_end + 60])[:4]
    for word in words:
        for stem, kind in _NARROWING.items():
            if word.casefold().startswith(stem):
                return frozenset({kind})
    for word in words:
        kinds = kinds_in(word)
        if kinds:
            return kinds
    return frozenset()


def covers(broad: frozenset[str], other: frozenset[str]) -> bool:
    """Whether an event of kinds `other` counts as one of `broad` (same kind, or within its scope)."""
    scope = set()
    for kind in broad:
        scope |= SCOPE.get(kind, frozenset({kind}))
    return bool(scope & other)


# -- entries ---------------------------------------------------------------------------------------


# rule -> (English, German): what a conflict says, with the other claim's id and date value
CONFLICT_PHRASES: dict[str, tuple[str, str]] = {
    "first": (
        "called the first, but claim {claim_id} ({value}) is earlier",
        "als erste bezeichnet, doch Aussage {claim_id} ({value}) liegt früher",
    ),
    "latest": (
        "called the latest, but claim {claim_id} ({value}) is later",
        "als letzte bezeichnet, doch Aussage {claim_id} ({value}) liegt später",
    ),
    "not-until": (
        "says not until then, but claim {claim_id} ({value}) comes in between",
        "sagt „erst dann“, doch Aussage {claim_id} ({value}) liegt dazwischen",
    ),
    "after": (
        "told as coming after claim {claim_id} ({value}), but dated before it",
        "als nach Aussage {claim_id} ({value}) erzählt, aber früher datiert",
    ),
    "before": (
        "told as coming before claim {claim_id} ({value}), but dated after it",
        "als vor Aussage {claim_id} ({value}) erzählt, aber später datiert",
    ),
}


@dataclass(frozen=True)
class Conflict:
    """A rule (`RULES`) the entry breaks, and the other claim that shows it."""

    rule: str
    claim_id: int | None
    value: str

    def text(self, lang: str = "en") -> str:
        english, german = CONFLICT_PHRASES[self.rule]
        return (german if lang == "de" else english).format(claim_id=self.claim_id, value=self.value)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "claim_id": self.claim_id, "value": self.value, "text": self.text()}


@dataclass
class Entry:
    """One dated claim on the timeline (lane "article"), or a checked claim from the memory (lane "memory").

    `value` is the ISO date as extracted; `start`/`end` the days it covers; `words` the date's words in
    the text; `position` where the claim starts in the article (text order; -1 in the memory lane);
    `resolved_against` the date a relative expression was resolved against ("2024-10-14"), else None.
    """

    lane: str
    value: str
    precision: str
    start: date
    end: date
    words: str
    text: str
    position: int = -1
    claim_id: int | None = None
    checked_id: int | None = None
    matched_claim_id: int | None = None  # memory lane: the article's claim this checked claim matched
    status: str | None = None
    rating: str | None = None
    relative: bool = False
    resolved_against: str | None = None
    time_sensitive: bool = False
    as_of: str | None = None  # a time-sensitive claim holds as of this day
    cues: tuple[tuple[str, int], ...] = ()  # (time-cue family, offset of its end in `text`)
    conflicts: list[Conflict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"], data["end"] = self.start.isoformat(), self.end.isoformat()
        data["conflicts"] = [c.to_dict() for c in self.conflicts]
        data.pop("cues")
        data.pop("position")
        return data


@dataclass
class Timeline:
    """Entries in chronological order; `article_date` the marker, `article_date_from` "article" (its own
    date: metadata or dateline) or "import" (the day it was imported, when the text gives none)."""

    article_date: str | None
    entries: list[Entry]
    article_date_from: str = "article"

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_date": self.article_date,
            "article_date_from": self.article_date_from,
            "entries": [e.to_dict() for e in self.entries],
        }


def chronological(entries: Iterable[Entry]) -> list[Entry]:
    """Entries by the span they cover (start, then end), the article's before the memory's, then text order."""
    return sorted(entries, key=lambda e: (e.start, e.end, e.lane != ARTICLE, e.position))


# -- conflict rules --------------------------------------------------------------------------------

_AFTER = re.compile(
    r"\b(?:folgte|danach|später|anschließend|daraufhin|darauf|weitere[rsn]?|erneut\w*|wieder|followed|later|"
    r"then|subsequently|afterwards|another|again)\b",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"\b(?:zuvor|davor|vorher|bereits\s+vor|earlier|previously|before\s+that)\b", re.IGNORECASE)
_FIRST = re.compile(r"\b(?:erste[nmrs]?|erstmal\w*|erstmals|zum\s+ersten\s+Mal|first)\b", re.IGNORECASE)


def _cue_kind(entry: Entry, family: str) -> frozenset[str]:
    """The kind of event a time cue of `family` is about: the noun after "der letzte"; for "erst 2025"
    (where the words after the cue are the date, not the event) the kinds of the whole claim."""
    for cue_family, end in entry.cues:
        if cue_family == family:
            return kinds_in(entry.text) if family == "not-until" else head_kind(entry.text, end)
    return frozenset()


def _first_kind(entry: Entry) -> frozenset[str]:
    # only the noun the ordinal goes with: "the first quarter" is about no event
    m = _FIRST.search(entry.text)
    return head_kind(entry.text, m.end()) if m else frozenset()


def rule_first(entry: Entry, told: Sequence[Entry], _article_date: date | None) -> Conflict | None:
    kind = _first_kind(entry)
    if not kind:
        return None
    earlier = [
        o for o in told if o.claim_id != entry.claim_id and o.end < entry.start and covers(kind, kinds_in(o.text))
    ]
    if not earlier:
        return None
    o = min(earlier, key=lambda e: e.start)
    return Conflict("first", o.claim_id, o.value)


def rule_latest(entry: Entry, told: Sequence[Entry], article_date: date | None) -> Conflict | None:
    kind = _cue_kind(entry, "latest")
    if not kind:
        return None
    later = [
        o
        for o in told
        if o.claim_id != entry.claim_id
        and o.start > entry.end
        and (article_date is None or o.start <= article_date)
        and covers(kind, kinds_in(o.text))
    ]
    if not later:
        return None
    o = max(later, key=lambda e: e.end)
    return Conflict("latest", o.claim_id, o.value)


def rule_not_until(entry: Entry, told: Sequence[Entry], _article_date: date | None) -> Conflict | None:
    kind = _cue_kind(entry, "not-until")
    if not kind:
        return None
    same = [o for o in told if o.claim_id != entry.claim_id and covers(kind, kinds_in(o.text))]
    before = [o for o in same if o.position < entry.position and o.end < entry.start]
    floor = max((o.end for o in before), default=None)
    between = [o for o in same if o.end < entry.start and (floor is None or o.start > floor) and o not in before]
    if not between:
        return None
    o = between[0]
    return Conflict("not-until", o.claim_id, o.value)


def _told_just_before(entry: Entry, told: Sequence[Entry]) -> Entry | None:
    earlier = [o for o in told if o.position < entry.position]
    return max(earlier, key=lambda o: o.position) if earlier else None


def rule_after(entry: Entry, told: Sequence[Entry], _article_date: date | None) -> Conflict | None:
    previous = _told_just_before(entry, told)
    if previous is None or not _AFTER.search(entry.text) or entry.end >= previous.start:
        return None
    return Conflict("after", previous.claim_id, previous.value)


def rule_before(entry: Entry, told: Sequence[Entry], _article_date: date | None) -> Conflict | None:
    previous = _told_just_before(entry, told)
    if previous is None or not _BEFORE.search(entry.text) or entry.start <= previous.end:
        return None
    return Conflict("before", previous.claim_id, previous.value)


Rule = Callable[[Entry, Sequence[Entry], date | None], Conflict | None]
RULES: tuple[tuple[str, Rule], ...] = (
    ("first", rule_first),
    ("latest", rule_latest),
    ("not-until", rule_not_until),
    ("after", rule_after),
    ("before", rule_before),
)


def mark_conflicts(entries: Sequence[Entry], article_date: date | None) -> None:
    """Fill `conflicts` of the article's entries (the memory lane is shown, not judged)."""
    told = sorted((e for e in entries if e.lane == ARTICLE), key=lambda e: e.position)
    for entry in told:
        for _name, rule in RULES:
            found = rule(entry, told, article_date)
            if found:
                entry.conflicts.append(found)


def build_timeline(entries: Iterable[Entry], article_date: str | None, article_date_from: str = "article") -> Timeline:
    """The timeline of `entries` (both lanes): conflicts marked, in chronological order."""
    items = list(entries)
    span = span_of(article_date) if article_date else None
    mark_conflicts(items, span[1] if span else None)
    return Timeline(article_date, chronological(items), article_date_from)


def claim_entries(
    claim_id: int,
    text: str,
    start: int,
    dates: Iterable[dict[str, Any]],
    *,
    status: str | None = None,
    rating: str | None = None,
    time_cues: Iterable[dict[str, Any]] = (),
    as_of: str | None = None,
    reference: str | None = None,
    dateline: tuple[int, int] | None = None,
) -> list[Entry]:
    """The entries of one stored claim: one per resolved date (the extract contract's `dates`), with the
    claim's time cues (`time_cues`, article offsets) and the date relative ones were resolved against.
    The date of the article's `dateline` (its span in the text) is the article's marker, not an entry."""
    cues = tuple(
        (str(c.get("family")), int(c.get("end", start)) - start)
        for c in time_cues
        if isinstance(c, dict) and isinstance(c.get("end"), int)
    )
    out = []
    for d in dates:
        value = d.get("value") if isinstance(d, dict) else None
        found = span_of(value) if isinstance(value, str) else None
        if found is None or (dateline and dateline[0] <= int(d.get("start", -1)) < dateline[1]):
            continue
        relative = bool(d.get("relative"))
        out.append(
            Entry(
                ARTICLE,
                value,  # type: ignore[arg-type]
                found[2],
                found[0],
                found[1],
                str(d.get("text", "")),
                text,
                position=start,
                claim_id=claim_id,
                status=status,
                rating=rating,
                relative=relative,
                resolved_against=reference if relative else None,
                time_sensitive=bool(cues),
                as_of=as_of if cues else None,
                cues=cues,
            )
        )
    return out
