"""A bug in a handler, message, timer or worker becomes an error notice; the workbench keeps running.

Textual calls `App._handle_exception` for any unhandled exception and exits, and the message loop of the
widget whose handler raised stops for good (`MessagePump._process_messages_loop` breaks after it), so a
single bad row once left a dead screen. There is no public hook for "report and carry on", so this module
does it in the one place every handler passes through: `MessagePump._dispatch_message`. The wrapper only
acts for apps that opt in (`GuardedApp.guard_errors`); other Textual apps in the process are untouched.
"""

from __future__ import annotations

import asyncio
import time
import traceback
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import WorkerFailed

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

REPEAT_WINDOW = 5.0  # seconds in which the same error is noticed only once (a failing render repeats)

_original_dispatch: Callable[[MessagePump, Message], Awaitable[None]] | None = None


def install() -> None:
    """Wrap `MessagePump._dispatch_message` once per process (idempotent)."""
    global _original_dispatch
    if _original_dispatch is not None:
        return
    original = getattr(MessagePump, "_dispatch_message", None)
    if original is None:  # a Textual without this internal: the app's own exception hook still reports
        return
    _original_dispatch = original

    async def guarded_dispatch(self: MessagePump, message: Message) -> None:
        assert _original_dispatch is not None
        try:
            await _original_dispatch(self, message)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            app = _guarding_app(self)
            if app is None:
                raise
            app.report_unexpected(error)

    MessagePump._dispatch_message = guarded_dispatch  # type: ignore[method-assign]


def _guarding_app(node: MessagePump) -> Any:
    try:
        app = node.app
    except Exception:  # no active app: nothing to report to
        return None
    return app if getattr(app, "guard_errors", False) and getattr(app, "is_running", False) else None


class ErrorReporter:
    """What the app keeps about unexpected errors: every one for tests, the last notice time per text."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self._last_noticed: dict[str, float] = {}

    def record(self, error: BaseException) -> str | None:
        """Remember the error; the notice text, or None when the same one was noticed just now."""
        if isinstance(error, WorkerFailed) and error.error is not None:
            error = error.error
        self.errors.append(error)
        text = f"{type(error).__name__}: {error}"
        now = time.monotonic()
        if now - self._last_noticed.get(text, -REPEAT_WINDOW) < REPEAT_WINDOW:
            return None
        self._last_noticed[text] = now
        return text

    @staticmethod
    def describe(error: BaseException) -> str:
        return "".join(traceback.format_exception(error))
