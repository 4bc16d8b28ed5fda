"""What every full screen of the workbench shares: the app, the label language, worker results."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual.screen import Screen
from textual.worker import Worker

if TYPE_CHECKING:
    from factcheck.tui.app import FactcheckApp


class WorkbenchScreen(Screen[None]):
    """A screen of the FactcheckApp (the article list, an article)."""

    @property
    def workbench(self) -> FactcheckApp:
        return cast("FactcheckApp", self.app)

    @property
    def lang(self) -> str:
        """The label language, "en" or "de"."""
        return self.workbench.labels

    def deliver(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """From a worker: run `callback` on the UI thread, unless the screen was closed meanwhile."""

        def if_shown() -> None:
            if self.is_attached and self.is_mounted:
                callback(*args, **kwargs)

        self.app.call_from_thread(if_shown)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker.StateChanged does not bubble: hand failures to the app, which turns them into notices
        self.workbench.report_worker_failure(event)
