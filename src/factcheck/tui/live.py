"""Live updates: the workbench notices what colleagues (or other processes) write and shows it.

A plain daemon thread watches the audit log through services.changes: on PostgreSQL it LISTENs on its
own connection and wakes on the NOTIFY each write sends on commit; on SQLite it reads the newest event
id once a second (one index lookup). It is not a Textual worker on purpose: it runs for the life of the
app, and `workers.wait_for_complete()` (how the tests and `settle` wait for a screen) must not wait for
it. It talks to the app only by `post_message`, which is thread-safe and never blocks, and it stops on
its own within a quarter second of `stop()`: the app quits at once.

Own writes are not news: the engine is tracked (services.changes.track_own_writes), so events this
workbench wrote are dropped; what others wrote arrives as a `ChangesSeen` message, which `route`
hands to the screen in view (claim list and detail reload keeping cursor, scroll and filter), to open
dialogs about a changed claim (a changed-meanwhile line), and to one short notification.
A database that goes away is said once (`WatchTrouble`), retried with backoff, and its recovery said too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from textual.message import Message
from textual.screen import ModalScreen

from factcheck.services import changes
from factcheck.services.changes import Change, ChangeBatch
from factcheck.store import read_scope
from factcheck.tui.i18n import action_phrase, t
from factcheck.tui.presentation import short

if TYPE_CHECKING:
    from textual.app import App

POLL_SECONDS = 1.0  # SQLite: how often the newest event id is read
LISTEN_SECONDS = 0.25  # PostgreSQL: the longest one wait for a NOTIFY lasts, so stop() is noticed quickly
GATHER_SECONDS = 0.3  # PostgreSQL: after a NOTIFY, how long to let more arrive before reading them all
CHECK_SECONDS = 10.0  # PostgreSQL: even without a NOTIFY, catch up and ping this often (a quietly dead link)
BACKOFF_FIRST = 1.0  # seconds before the first retry after the database failed, doubled up to BACKOFF_CAP
BACKOFF_CAP = 30.0


@dataclass
class ChangesSeen(Message):
    """Others wrote: the events after the last ones seen (own writes left out)."""

    batch: ChangeBatch


@dataclass
class WatchTrouble(Message):
    """Watching failed (`error`: one line) or, with `error` None, works again after a failure."""

    error: str | None


class ChangeWatcher:
    """The watching thread of one app: `start()` once, `stop()` when the app ends (returns at once)."""

    def __init__(self, engine: Engine, post: Callable[[Message], object]) -> None:
        self.engine = engine
        self.post = post
        self.postgres = engine.dialect.name == "postgresql"
        self.last_seen: int | None = None  # newest event id looked at; None until the first read
        self._stop = threading.Event()
        self._troubled = False  # a failure was reported and no recovery yet
        self._delay = BACKOFF_FIRST
        self._thread = threading.Thread(target=self._run, name="factcheck-live", daemon=True)

    def start(self) -> None:
        """Start watching from the newest event now: call before the screens read, so that a write
        between their read and the watcher's first look is not taken for already seen."""
        changes.track_own_writes(self.engine)
        try:
            with read_scope(self.engine) as session:
                self.last_seen = changes.newest_event_id(session)
        except Exception:  # the thread reports a database that does not answer, and retries
            self.last_seen = None
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread to end (tests; the app does not wait)."""
        if self._thread.is_alive():
            self._thread.join(timeout)

    # -- the thread ---------------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._watch()
                return  # stopped
            except Exception as exc:  # the database or its driver failed: say so once, try again later
                if not self._troubled:
                    self.post(WatchTrouble(short(_first_line(exc), 160)))
                    self._troubled = True
                self._stop.wait(self._delay)
                self._delay = min(self._delay * 2, BACKOFF_CAP)

    def _ready(self) -> None:
        """Watching works (again): after a failure, say so, and the next failure starts a fresh backoff."""
        if self._troubled:
            self.post(WatchTrouble(None))
            self._troubled = False
        self._delay = BACKOFF_FIRST

    def _watch(self) -> None:
        """Watch until stopped; raises when the database fails (the caller retries)."""
        listener = changes.ChangeListener(self.engine) if self.postgres else None
        try:
            # Listening first, then reading: a write committed in between is not missed.
            self._catch_up()
            self._ready()
            checked = time.monotonic()
            while not self._stop.is_set():
                if listener is not None:
                    heard = listener.wait(LISTEN_SECONDS)
                    if not heard and time.monotonic() - checked < CHECK_SECONDS:
                        continue
                    if heard:
                        # A colleague's bulk work sends a NOTIFY per write: gather a moment, then read
                        # them all at once (one refresh and one notice, not hundreds).
                        if self._stop.wait(GATHER_SECONDS):
                            return
                        listener.drain()
                    else:
                        listener.ping()
                    checked = time.monotonic()
                elif self._stop.wait(POLL_SECONDS):
                    return
                self._catch_up()
        finally:
            if listener is not None:
                with suppress(Exception):  # the connection may be gone already
                    listener.close()

    def _catch_up(self) -> None:
        """Read what is newer than `last_seen` and post what others wrote."""
        with read_scope(self.engine) as session:
            newest = changes.newest_event_id(session)
            if self.last_seen is None:
                self.last_seen = newest  # the workbench loads everything up to here itself
                return
            if newest < self.last_seen:
                # the log went back: the store was replaced under us (`db copy --replace`); reread everything
                self.last_seen = newest
                self.post(ChangesSeen(ChangeBatch([], newest, truncated=True)))
                return
            if newest == self.last_seen:
                return
            batch = changes.changes_since(session, self.last_seen)
        own = changes.take_own(self.engine, [c.event_id for c in batch.changes], seen_upto=batch.newest_id)
        theirs = [c for c in batch.changes if c.event_id not in own]
        self.last_seen = batch.newest_id
        if theirs or batch.truncated:
            self.post(ChangesSeen(ChangeBatch(theirs, batch.newest_id, batch.truncated)))


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# -- on the UI thread ---------------------------------------------------------------------------------


def route(app: App[None], batch: ChangeBatch, lang: str) -> None:
    """Hand a batch of others' changes to the screen in view, to dialogs about a changed claim, and say
    it in one notification."""
    from factcheck.tui.screens.base_modal import GuardedModal

    stack = list(app.screen_stack)
    in_view = next((s for s in reversed(stack) if not isinstance(s, ModalScreen)), None)
    refresh = getattr(in_view, "changes_arrived", None)
    if callable(refresh):
        refresh(batch)
    latest = {c.claim_id: c for c in batch.changes if c.claim_id is not None}
    for screen in stack:
        if isinstance(screen, GuardedModal) and screen.claim_id in latest:
            change = latest[screen.claim_id]
            screen.claim_changed(change.actor, describe(change, lang), change.claim_version)
    app.notify(summary(batch, lang), timeout=4)


def describe(change: Change, lang: str) -> str:
    """What one change did, in words ("verdict: false", "added a note")."""
    return action_phrase(change.action, change.values, lang)


def summary(batch: ChangeBatch, lang: str) -> str:
    """One line for the notification: "#12 changed by anna: verdict: false", "3 claims changed by anna, ben"."""
    names = list(dict.fromkeys(short(c.actor, 30) for c in batch.changes))
    who = ", ".join(names[:3]) + (" …" if len(names) > 3 else "")
    if batch.truncated:
        return t("live.many", lang, who=who or "?")
    claims = list(dict.fromkeys(c.claim_id for c in batch.changes if c.claim_id is not None))
    if len(claims) > 1:
        return t("live.claims", lang, n=len(claims), who=who)
    last = batch.changes[-1]
    if claims:
        latest = [c for c in batch.changes if c.claim_id == claims[0]][-1]
        return t("live.one_claim", lang, id=claims[0], who=who, what=describe(latest, lang))
    return t("live.other", lang, who=who, what=describe(last, lang))
