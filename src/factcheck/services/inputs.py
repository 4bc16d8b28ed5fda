"""User-entered strings on their way into the store: one place per field, cleaned of control characters.

Notes, rationales, names (`--by`), titles and URLs pass through here in the services, so both front
ends (and scripts) store the same clean text; output escaping (factcheck.text.control.terminal_safe)
is the second line of defence for what older databases already hold.
"""

from __future__ import annotations

from sqlmodel import Session

from factcheck.errors import InputError
from factcheck.store.engine import begin_write
from factcheck.text.control import clean_input, clean_name

NAME_MAX = 200  # the width of the actor/checker/author columns


def cleaned(value: str | None, *, what: str, required: bool = False) -> str:
    """`value` without control characters and surrounding blanks; an InputError when `required` and empty."""
    text = clean_input(value or "").strip()
    if required and not text:
        raise InputError(f"{what} needs text")
    return text


def actor_name(actor: str) -> str:
    """Who makes a change, as recorded in the audit log: cleaned, one line, required."""
    name = clean_name(actor or "")
    if not name:
        raise InputError("a change needs the name of who makes it (--by NAME)")
    if len(name) > NAME_MAX:
        raise InputError(f"a name is limited to {NAME_MAX} characters")
    return name


def begin_change(session: Session, actor: str) -> str:
    """The start of every writing use case: the write lock first (before any read), then the actor's name."""
    name = actor_name(actor)
    begin_write(session)
    return name
