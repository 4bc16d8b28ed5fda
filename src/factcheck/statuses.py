"""The workflow vocabulary: a claim's status and a verdict's review state (DESIGN.md, data model).

Kept apart from the ORM models so that reading code (services.listing) can check a status without
importing SQLModel.
"""

from __future__ import annotations

from factcheck.errors import InputError

CLAIM_STATUSES = ("open", "in-progress", "checked", "dismissed")
REVIEW_STATES = ("pending", "approved", "rejected")


def check_status(status: str) -> str:
    """`status` if it is one of CLAIM_STATUSES; InputError naming the valid ones otherwise."""
    if status not in CLAIM_STATUSES:
        raise InputError(f"unknown status {status!r}; valid: {', '.join(CLAIM_STATUSES)}")
    return status
