"""Textual's Header, safe while its screen closes.

Header updates its title from a watcher on the app's and the screen's title; when a title changes while
the screen is being removed (a worker's result or a label switch arriving just as Escape closes the
article) the title widget is already gone and Header raises NoMatches (it only expects NoScreen).
"""

from __future__ import annotations

from contextlib import suppress

from textual.css.query import NoMatches
from textual.dom import NoScreen
from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class SafeHeader(Header):
    def _on_mount(self, event: Mount) -> None:
        # Replaces Header._on_mount (whose watchers are the unsafe ones); Widget._on_mount still runs.
        event.prevent_default()
        super(Header, self)._on_mount(event)

        async def set_title() -> None:
            with suppress(NoMatches, NoScreen):  # the screen is closing: nothing left to update
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
