"""Errors a user can cause. The CLI turns them into one line and an exit code; the TUI into a notice."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: the message is shown to the user as it is."""

    exit_code = 1


class InputError(FactcheckError):
    """Input that cannot be read or used: empty, binary, undecodable, unreachable, too large."""


class NotFound(FactcheckError):
    """An id that names nothing in the store."""


class Conflict(FactcheckError):
    """The record changed since it was read (optimistic concurrency)."""


class StoreError(FactcheckError):
    """The database cannot be opened or written."""
