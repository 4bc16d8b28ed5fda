"""The workbench App: global bindings, themes, screen switching, and the `make_app` factory.

Everything else lives in screens/ (one per screen or modal) and widgets/ (by screen region).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable
from typing import ClassVar

from sqlalchemy import Engine
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.theme import Theme
from textual.worker import Worker, WorkerState

from factcheck.text.control import terminal_safe
from factcheck.tui import guard
from factcheck.tui.commands import WorkbenchCommands
from factcheck.tui.i18n import localize_bindings, t
from factcheck.tui.live import ChangesSeen, ChangeWatcher, WatchTrouble, route
from factcheck.tui.screens.article import ArticleScreen
from factcheck.tui.screens.article_list import ArticleListScreen

DARK = Theme(
    name="factcheck-dark",
    primary="#58a6ff",
    secondary="#a371f7",
    accent="#f0883e",
    warning="#d29922",
    error="#f85149",
    success="#3fb950",
    foreground="#e6edf3",
    background="#0d1117",
    surface="#161b22",
    panel="#1f2630",
    dark=True,
)
LIGHT = Theme(
    name="factcheck-light",
    primary="#0969da",
    secondary="#8250df",
    accent="#bc4c00",
    warning="#9a6700",
    error="#cf222e",
    success="#1a7f37",
    foreground="#1f2328",
    background="#ffffff",
    surface="#f6f8fa",
    panel="#eaeef2",
    dark=False,
)


def default_actor() -> str:
    """FACTCHECK_USER (as for the CLI's --by), else the login name."""
    if os.environ.get("FACTCHECK_USER"):
        return os.environ["FACTCHECK_USER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


class FactcheckApp(App[None]):
    """Holds the engine, who is working, and the label language; screens do the work."""

    CSS_PATH = "factcheck.tcss"
    TITLE = "factcheck"
    COMMANDS = App.COMMANDS | {WorkbenchCommands}
    # Words come from the i18n catalogue; only "?" (which lists every key) takes footer room.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", show=False),
        Binding("l", "toggle_labels", "DE/EN", show=False),
        Binding("ctrl+t", "toggle_dark", "Light/Dark", show=False),
        Binding("z", "toggle_maximize", "Zoom", show=False),
        Binding("question_mark", "toggle_keys", "Keys"),
    ]

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-normal"), (160, "-very-wide")]

    labels: reactive[str] = reactive("en")
    """Language of ratings, statuses and headings: "en" or "de"."""

    guard_errors = True
    """A bug in a handler or worker becomes a notice instead of ending the app (see tui/guard.py)."""

    def __init__(
        self, engine: Engine, article_id: int | None = None, *, actor: str | None = None, live: bool = True
    ) -> None:
        guard.install()
        super().__init__()
        self.unexpected = guard.ErrorReporter()
        self.engine = engine
        self.watcher = ChangeWatcher(engine, self.post_message) if live else None
        """Notices others' writes (tui/live.py); None when live updates are off."""
        self.actor = actor or default_actor()
        self.initial_article_id = article_id
        self.last_article_id = article_id
        """The article opened last: the article list puts its cursor there when it shows again."""
        self.register_theme(DARK)
        self.register_theme(LIGHT)
        self.theme = DARK.name

    def on_mount(self) -> None:
        localize_bindings(self, self.labels)
        if self.watcher is not None:
            self.watcher.start()  # before the screens read: nothing written in between goes unseen
        self.push_screen(ArticleListScreen())
        if self.initial_article_id is not None:
            self.push_screen(ArticleScreen(self.initial_article_id))

    def on_unmount(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()  # returns at once; the thread ends by itself

    # -- live updates (tui/live.py) -------------------------------------------------------------------

    def on_changes_seen(self, message: ChangesSeen) -> None:
        route(self, message.batch, self.labels)

    def on_watch_trouble(self, message: WatchTrouble) -> None:
        if message.error is None:
            self.notify(t("live.resumed", self.labels), timeout=3)
        else:
            self.notify(t("live.paused", self.labels, error=message.error), severity="warning", timeout=8)

    def open_article(self, article_id: int) -> None:
        """Show an article; the article list stays underneath so Escape returns to it."""
        while isinstance(self.screen, ArticleScreen):
            self.pop_screen()
        self.last_article_id = article_id
        self.push_screen(ArticleScreen(article_id))

    def action_toggle_labels(self) -> None:
        self.labels = "de" if self.labels == "en" else "en"
        localize_bindings(self, self.labels)
        self.notify(t("labels_now", self.labels), timeout=2)

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT.name if self.theme == DARK.name else DARK.name

    def action_toggle_maximize(self) -> None:
        screen = self.screen
        if isinstance(screen, ModalScreen):
            return
        if screen.maximized is not None:
            screen.minimize()
        elif self.focused is not None:
            screen.maximize(self.focused, container=False)

    def action_command_palette(self) -> None:
        """Textual's palette with the placeholder in the label language."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = t("palette.placeholder", self.labels)
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's system commands that make sense here, in the label language.

        Left out: "Theme" (the workbench has its own light and dark theme, ctrl+t) and "Screenshot" (it
        saves an SVG into whatever directory the workbench was started in, and failed in a read-only one).
        """
        lang = self.labels
        yield SystemCommand(t("key.quit", lang), t("tip.quit", lang), self.action_quit)
        shown = bool(screen.query("HelpPanel"))
        yield SystemCommand(
            t("key.toggle_keys", lang),
            t("palette.keys_hide" if shown else "palette.keys_show", lang),
            self.action_toggle_keys,
        )
        if isinstance(screen, ModalScreen):
            return
        if screen.maximized is not None:
            yield SystemCommand(t("key.toggle_maximize", lang), t("palette.zoom_out", lang), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(t("key.toggle_maximize", lang), t("palette.zoom_in", lang), screen.action_maximize)

    def action_toggle_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # -- errors and notices --------------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice of the workbench passes here: its text may quote stored strings (titles, URLs,
        names), so control characters are escaped and markup is off ("[" in a URL is no style)."""
        super().notify(
            terminal_safe(message), title=terminal_safe(title), severity=severity, timeout=timeout, markup=False
        )

    def report_unexpected(self, error: BaseException) -> None:
        """A bug surfaced: log the traceback, show a notice, keep running."""
        self.log.error(guard.ErrorReporter.describe(error))
        text = self.unexpected.record(error)
        if text is not None:
            self.notify(text, title=t("unexpected_error", self.labels), severity="error", timeout=8)

    def _handle_exception(self, error: Exception) -> None:
        # Textual exits on any unhandled error; once the workbench runs, a bug is reported instead.
        if self.is_running and not self._exit and len(self._screen_stack) > 0:
            self.report_unexpected(error)
            return
        super()._handle_exception(error)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_worker_failure(event)

    def report_worker_failure(self, event: Worker.StateChanged) -> None:
        """Workers run with exit_on_error=False: a bug in one becomes a notice, never a crash or a silence.

        Worker.StateChanged does not bubble, so each screen that starts workers hands its events here.
        """
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.report_unexpected(event.worker.error)


def make_app(
    engine: Engine, article_id: int | None = None, *, actor: str | None = None, live: bool = True
) -> FactcheckApp:
    """The one way to build the workbench (used by the CLI and the tests); `live` watches for others' writes."""
    return FactcheckApp(engine, article_id, actor=actor, live=live)
