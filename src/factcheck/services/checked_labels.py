"""Publisher labels the checked-claim memory could not place, and a desk's mappings for them.

An imported fact-check whose publisher label names no rating of ours is stored as "unmapped" with the
label (checked.labels). `unmapped_labels` lists those labels for `factcheck checked labels`; `map_labels`
stores what a desk decided a label means (`--map "Spin zone=misleading"`), gives that rating to the
stored fact-checks with the label, and `stored_mappings` hands the decisions to later imports
(services.memory). A mapping is the rating of every imported fact-check whose label it names, unless our
own label table knows that label: mapping a label again re-rates the rows the first mapping rated.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from factcheck.checked.labels import UNMAPPED_KEY, lookup_label, normalise_label
from factcheck.errors import InputError
from factcheck.ratings import SCALE, UnknownRating, parse_rating
from factcheck.services.audit import record_event
from factcheck.services.inputs import begin_change
from factcheck.store.models import CheckedClaim, LabelMapping, utcnow
from factcheck.text.control import clean_input


@dataclass(frozen=True)
class UnmappedLabel:
    label: str  # the spelling most fact-checks carry ("Spin zone" for "Spin zone" ×3, "Spin Zone!" ×1)
    count: int  # stored fact-checks with this label (all spellings)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LabelMapped:
    label: str
    rating: str  # key of factcheck.ratings.SCALE
    label_en: str
    label_de: str
    updated: int  # stored fact-checks that got the rating now
    previous: str | None  # the rating an earlier mapping of this label gave, if any

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def unmapped_labels(session: Session) -> list[UnmappedLabel]:
    """Labels of stored fact-checks that are "unmapped", most frequent first (then alphabetically).

    Spellings that normalise alike ("Spin zone", "Spin Zone!") are one label: a mapping covers them all.
    """
    rows = session.exec(
        select(CheckedClaim.original_label, func.count())
        .where(CheckedClaim.rating == UNMAPPED_KEY)
        .group_by(CheckedClaim.original_label)
    ).all()
    spellings: dict[str, list[tuple[int, str]]] = {}
    for label, count in rows:
        spellings.setdefault(normalise_label(label), []).append((int(count), label))
    found = [
        UnmappedLabel(min(seen, key=lambda s: (-s[0], s[1].casefold(), s[1]))[1], sum(n for n, _ in seen))
        for seen in spellings.values()
    ]
    return sorted(found, key=lambda u: (-u.count, u.label.casefold()))


def parse_mapping(spec: str) -> tuple[str, str]:
    """`"Spin zone=misleading"` -> ("Spin zone", "misleading"): the label and our rating key.

    InputError (one line) when there is no `=`, the label is empty or one our table already knows, or the
    rating is not on our scale (the message lists the valid ratings).
    """
    label, sep, rating_text = spec.rpartition("=")
    label = " ".join(clean_input(label).split())
    if not sep or not normalise_label(label) or not rating_text.strip():
        raise InputError(f'--map needs LABEL=RATING (e.g. "Spin zone=misleading"), got {spec!r}')
    known = lookup_label(label)
    if known is not None:
        raise InputError(f"{label!r} is a label factcheck already maps (to {known}); only unmapped labels take --map")
    try:
        rating = parse_rating(rating_text.strip())
    except UnknownRating as exc:
        valid = ", ".join(r.key for r in SCALE)
        raise InputError(
            f"--map {label!r}: {exc}" + (f" (valid ratings: {valid})" if exc.suggestions else "")
        ) from None
    return label, rating.key


def map_labels(session: Session, specs: list[str], *, actor: str) -> list[LabelMapped]:
    """Store each `LABEL=RATING` of `specs` and rate the stored fact-checks with that label; one audit
    event per mapping, all in the caller's transaction (every spec is checked before anything is written).

    Raises InputError for a malformed spec (see parse_mapping) or a missing actor.
    """
    pairs = [parse_mapping(spec) for spec in specs]
    actor = begin_change(session, actor)
    results = []
    for label, rating in pairs:
        key = normalise_label(label)
        mapping = session.get(LabelMapping, key)
        previous = mapping.rating if mapping else None
        if mapping is None:
            mapping = LabelMapping(label_normalised=key, label=label, rating=rating, created_by=actor)
        mapping.label, mapping.rating, mapping.created_by, mapping.created_at = label, rating, actor, utcnow()
        session.add(mapping)
        updated = _rate_labelled(session, key, rating)
        record_event(
            session,
            actor=actor,
            action="checked.label_map",
            entity="label_mapping",
            entity_id=0,  # keyed by the label, which before/after name
            before={"label": label, "rating": previous} if previous else None,
            after={"label": label, "rating": rating, "updated": updated},
        )
        en, de = _labels(rating)
        results.append(LabelMapped(label, rating, en, de, updated, previous))
    return results


def stored_mappings(session: Session) -> dict[str, str]:
    """Every stored mapping: normalised publisher label -> our rating key."""
    return dict(session.exec(select(LabelMapping.label_normalised, LabelMapping.rating)).all())


def mapped_rating(mappings: dict[str, str], label: str) -> str | None:
    """The rating a stored mapping gives `label`, None when none does or our own table knows it."""
    if not mappings or not label:
        return None
    rating = mappings.get(normalise_label(label))
    return rating if rating is not None and lookup_label(label) is None else None


def _rate_labelled(session: Session, key: str, rating: str) -> int:
    """Give `rating` to the imported fact-checks whose label normalises to `key`; how many changed."""
    labels = session.exec(
        select(CheckedClaim.original_label).where(CheckedClaim.origin == "import").distinct()
    ).all()  # a memory holds few distinct labels; normalising them is Python's job, not SQL's
    wanted = [label for label in labels if normalise_label(label) == key and lookup_label(label) is None]
    if not wanted:
        return 0
    result = session.connection().execute(
        update(CheckedClaim)
        .where(col(CheckedClaim.origin) == "import")
        .where(col(CheckedClaim.original_label).in_(wanted))
        .where(col(CheckedClaim.rating) != rating)
        .values(rating=rating)
    )
    return int(result.rowcount or 0)


def _labels(rating: str) -> tuple[str, str]:
    found = parse_rating(rating)
    return found.en, found.de
