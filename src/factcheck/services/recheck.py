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

from factcheck.errors import InputError
from factcheck.services.listing import list_claims
from factcheck.store.reader import Reader

DEFAULT_OLDER_THAN = "30d"
_AGE = re.compile(r"^\s*(\d{1,5})\s*([dwmy]?)\s*$", re.IGNORECASE)
_UNIT_DAYS = {"": 1, "d": 1, "w": 7, "m": 30, "y": 365}


def parse_age(text: str) -> int:
    """Days in "30d", "2w", "6m" (30 days each), "1y" (365 days) or a bare number of days.

    Raises InputError for anything else."""
    m = _AGE.match(text or "")
    if not m:
        raise InputError(f"--older-than takes a number of days, weeks, months or years (30d, 2w, 6m, 1y), got {text!r}")
    return int(m.group(1)) * _UNIT_DAYS[m.group(2).lower()]


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


def stale_verdicts(reader: Reader, *, older_than_days: int = 30, today: date | None = None) -> list[StaleVerdict]:
    """Standing verdicts on time-sensitive claims whose as-of date is more than `older_than_days` before
    `today` (default: the current day), oldest as-of first."""
    today = today or date.today()
    limit = today - timedelta(days=older_than_days)
    found = []
    for claim in list_claims(reader):
        if claim.verdict is None or not claim.time_cues or not claim.as_of:
            continue
        try:
            as_of = date.fromisoformat(claim.as_of[:10])
        except ValueError:
            continue
        if as_of >= limit:
            continue
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
