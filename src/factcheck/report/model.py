"""The plain data a report is rendered from (built by services.reports.build_report).

Everything is already in the order the report shows it: claims in text order, sources and notes
by id. Times are ISO-8601 UTC strings taken from the stored rows, never from the clock, so a report
is deterministic and can be diffed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from factcheck.services.views import ClaimView, NoteView, SourceView

FORMATS = ("md", "html", "json", "csv", "claimreview")
ONLY = ("all", "checked")
# Bumped whenever a key of the JSON report changes meaning or disappears (README, "Reports").
SCHEMA_VERSION = 1


@dataclass
class ReportArticle:
    id: int
    title: str
    origin: str  # the file path or URL it was imported from ("-" for stdin)
    url: str | None  # `origin` when it is a web address
    language: str
    imported_at: str | None
    imported_by: str
    published: str | None  # ISO date the article states, when known
    text: str  # the cleaned article text the claim offsets refer to


@dataclass
class ReusedCheck:
    """The checked claim (memory) a verdict was taken over from."""

    checked_id: int
    text: str
    rating: str
    original_label: str
    url: str | None
    publisher: str | None


@dataclass
class ReportClaim:
    claim: ClaimView  # text, span, kinds, extracted fields, status and the standing verdict
    paragraph: int  # 1-based number of the paragraph holding the claim
    paragraph_text: str
    sources: list[SourceView] = field(default_factory=list)
    notes: list[NoteView] = field(default_factory=list)  # empty unless notes were asked for
    reused: ReusedCheck | None = None


@dataclass
class ReportSummary:
    claims: int  # ClaimCounts' definition
    checked: int
    in_progress: int
    open: int
    dismissed: int
    verdicts: int  # claims with a standing verdict
    reviewed: int  # of those, verdicts a reviewer approved
    per_rating: dict[str, int]  # rating key -> claims, in scale order

    @property
    def reviewed_share(self) -> float:
        """Approved verdicts / verdicts, 0.0 when there is none."""
        return self.reviewed / self.verdicts if self.verdicts else 0.0


@dataclass
class ReportData:
    article: ReportArticle
    summary: ReportSummary
    claims: list[ReportClaim]
    only: str  # "all" or "checked" (claims with a standing verdict)
    include_notes: bool
    as_of: str | None  # the newest change in the data the report shows

    def to_dict(self) -> dict[str, Any]:
        data = _plain(self)
        data["summary"]["reviewed_share"] = round(self.summary.reviewed_share, 4)
        return data


_LEAF = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` without its deep copies of every leaf: the same value, about 40 % faster."""
    if isinstance(value, _LEAF):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    names = _FIELDS.get(type(value))
    if names is None:
        if not is_dataclass(value):
            return copy.deepcopy(value)  # as asdict does with any other object
        names = _FIELDS[type(value)] = tuple(f.name for f in fields(value))
    return {name: _plain(getattr(value, name)) for name in names}
