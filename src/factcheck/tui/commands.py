"""The command palette (ctrl+p): every action of the current screen, status changes, and opening articles.

Status changes and opening an article call the services directly; the dialog actions (verdict, note …)
open the same dialogs their keys open, and "Review: approve/reject" opens the review dialog with the
decision chosen.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from factcheck.services.articles import list_articles
from factcheck.store import session_scope
from factcheck.tui.i18n import t, tn
from factcheck.tui.presentation import STATUSES, short, status_label

if TYPE_CHECKING:
    from factcheck.tui.app import FactcheckApp

Command = tuple[str, str, Callable[[], object]]


class WorkbenchCommands(Provider):
    """Commands of the screen the palette was opened on, plus "Open article: …" for every article."""

    @property
    def workbench(self) -> FactcheckApp:
        return cast("FactcheckApp", self.app)

    def _screen_commands(self) -> list[Command]:
        from factcheck.tui.screens.article import ArticleScreen

        screen = self.screen
        commands: list[Command] = []
        # The screen's own (localized) bindings, so the palette speaks the label language: one command per
        # action with all its keys ("Reload (ctrl+r, R)"), not one per key; focus moves are no commands.
        by_action: dict[str, tuple[Binding, list[str]]] = {}
        for bindings in screen._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.description and not binding.system and not binding.action.startswith("app.focus"):
                    by_action.setdefault(binding.action, (binding, []))[1].append(binding.key)
        for action, (binding, keys) in by_action.items():
            name = f"{binding.description}  ({', '.join(dict.fromkeys(keys))})"
            commands.append((name, binding.tooltip, partial(screen.run_action, action)))
        app = self.workbench
        lang = app.labels
        if isinstance(screen, ArticleScreen):
            for status in STATUSES:
                label = status_label(status, lang)
                commands.append(
                    (
                        t("palette.status", lang, status=label),
                        t("palette.status_help", lang, status=label),
                        partial(self._set_status, screen, status),
                    )
                )
            for decision in ("approve", "reject"):
                commands.append(
                    (
                        t(f"palette.review.{decision}", lang),
                        t(f"palette.review.{decision}_help", lang),
                        partial(screen.action_review, decision),
                    )
                )
        for binding in app.BINDINGS:
            if isinstance(binding, Binding) and binding.action in ("toggle_labels", "toggle_dark"):
                commands.append(
                    (
                        f"{t('key.' + binding.action, lang)}  ({binding.key})",
                        t("tip." + binding.action, lang),
                        partial(app.run_action, binding.action),
                    )
                )
        return commands

    @staticmethod
    def _set_status(screen: object, status: str) -> None:
        from factcheck.tui.screens.article import ArticleScreen

        assert isinstance(screen, ArticleScreen)
        claim = screen.current_claim
        if claim is None:
            screen.notify(t("select_first", screen.lang), severity="warning")
        else:
            screen.set_status(claim, status)

    async def _article_commands(self, search: str) -> list[Command]:
        def fetch() -> list[Command]:
            with session_scope(self.workbench.engine) as session:
                rows = list_articles(session, search=search, limit=20)
            lang = self.workbench.labels
            return [
                (
                    t("palette.open", lang, title=short(r.title, 80)),
                    tn("palette.open_help", r.claims, lang, id=r.id),
                    partial(self.workbench.open_article, r.id),
                )
                for r in rows
            ]

        try:
            return await asyncio.to_thread(fetch)
        except Exception:  # the palette must keep working even when the store does not answer
            return []

    async def discover(self) -> Hits:
        for name, help_text, callback in self._screen_commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:  # type: ignore[override]
        matcher = self.matcher(query)
        commands = self._screen_commands()
        if len(query) >= 2:
            commands += await self._article_commands("")
        for name, help_text, callback in commands:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
