"""Verdicts that may have gone stale: the standing verdicts on time-sensitive claims whose as-of date
lies further back than a limit (`factcheck recheck`). Plain SQL over a Reader, as listing is.

A claim such as "Der letzte telefonische Austausch … fand am 18. März 2025 statt" was checked as of the
article's date; a month on, a newer call may have made it false. Re-checking it ends in a new verdict
(the rating "outdated" exists for a claim that was right then and is not now).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from factcheck.errors import InputError
from factcheck.extract.time_sensitivity import find_time_cues
from factcheck.services.listing import list_claims
from factcheck.store.reader import Reader

DEFAULT_OLDER_THAN = "30d"
# After this many days a time-sensitive verdict is worth a second look: the default of `recheck`, and when
# the memory calls a matched checked claim possibly outdated.
STALE_AFTER_DAYS = 30
_AGE = re.compile(r"^\s*(\d{1,5})\s*([dwmy]?)\s*$", re.IGNORECASE)
_UNIT_DAYS = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


def parse_age(text: str) -> int:
    """Days in "30d", "2w", "6m" (30 days each), "1y" (365 days) or a bare number of days.

    Raises InputError for anything else."""
    m = _AGE.match(text or "")
    if not m:
        raise InputError(f"--older-than takes a number of days, weeks, months or years (30d, 2w, 6m, 1y), got {text!r}")
    return int(m.group(1)) * _UNIT_DAYS[m.group(2).lower()]


def time_sensitivity(
    text: str, language: str | None, fields: dict[str, Any] | None, *, fallback: str | None = None
) -> tuple[bool, str | None]:
    """(time-sensitive?, as-of day) of a claim: from its stored fields when it has them (`time_cues`,
    `as_of`), else from the time cues in `text` as of `fallback` (an imported fact-check's date)."""
    if isinstance(fields, dict) and "time_cues" in fields:
        as_of = fields.get("as_of")
        return bool(fields["time_cues"]), as_of if isinstance(as_of, str) else None
    cues = find_time_cues(text, 0, language or "en")
    return bool(cues), (fallback[:10] if cues and fallback else None)


def is_stale(as_of: str | None, *, days: int = STALE_AFTER_DAYS, today: date | None = None) -> bool:
    """Whether the ISO day `as_of` lies more than `days` before `today` (unknown or unreadable: False)."""
    if not as_of:
        return False
    try:
        day = date.fromisoformat(as_of[:10])
    except ValueError:
        return False
    return day < (today or date.today()) - timedelta(days=days)


@dataclass
class StaleVerdict:
    claim_id: int
    article_id: int
    text: str
    rating: str
    checker: str
    verdict_at: str | None
    as_of: str
    age_days: int  # days from the as-of date to today
    cues: list[str]  # time-cue families ("latest", "so-far" …)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def stale_verdicts(
    reader: Reader, *, older_than_days: int = STALE_AFTER_DAYS, today: date | None = None
) -> list[StaleVerdict]:
    """Standing verdicts on time-sensitive claims whose as-of date is more than `older_than_days` before
    `today` (default: the current day), oldest as-of first."""
    today = today or date.today()
    found = []
    for claim in list_claims(reader):
        if claim.verdict is None or not claim.time_cues:
            continue
        if not is_stale(claim.as_of, days=older_than_days, today=today):  # also: no or no readable as-of
            continue
        as_of = date.fromisoformat(claim.as_of[:10])  # type: ignore[index]
        found.append(
            StaleVerdict(
                claim_id=claim.id,
                article_id=claim.article_id,
                text=claim.text,
                rating=claim.verdict.rating,
                checker=claim.verdict.checker,
                verdict_at=claim.verdict.created_at,
                as_of=claim.as_of[:10],
                age_days=(today - as_of).days,
                cues=list(dict.fromkeys(str(c.get("family")) for c in claim.time_cues)),
            )
        )
    return sorted(found, key=lambda s: (s.as_of, s.claim_id))
