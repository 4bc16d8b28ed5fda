"""The article list: search, open, import a file or URL (in a worker, with a loading state)."""

from __future__ import annotations

from contextlib import suppress
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Footer, Input, LoadingIndicator, Static
from textual.widgets.data_table import RowDoesNotExist
from textual.worker import get_current_worker

from factcheck.errors import FactcheckError
from factcheck.services.articles import import_document, list_articles
from factcheck.services.changes import ChangeBatch
from factcheck.services.views import ArticleSummary
from factcheck.store import session_scope
from factcheck.tui.i18n import error_text, localize_bindings, t, tn
from factcheck.tui.presentation import short
from factcheck.tui.screens.export_modal import ExportModal
from factcheck.tui.screens.import_modal import ImportModal
from factcheck.tui.screens.workbench_screen import WorkbenchScreen
from factcheck.tui.widgets.article_list.article_table import PAGE_SIZE, ArticleTable
from factcheck.tui.widgets.header import SafeHeader

SEARCH_DELAY = 0.2  # seconds of no typing before the list is queried


class ArticleListScreen(WorkbenchScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=True),
        Binding("slash", "search", "Search"),
        Binding("i", "import_article", "Import"),
        Binding("E", "export", "Export report"),
        Binding("r,ctrl+r,R", "reload", "Reload"),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.search = ""
        self._search_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        with Vertical(id="article-list"):
            yield Input(placeholder=t("search_placeholder", self.lang), id="search")
            yield ArticleTable(id="articles")
            yield Static(t("empty.articles", self.lang), id="articles-empty", classes="empty-state", markup=False)
            with Horizontal(id="busy"):
                yield LoadingIndicator()
                yield Static("", id="busy-label")
        yield Footer(compact=True)  # compact: the daily keys fit 80 columns in German too

    def on_mount(self) -> None:
        self.sub_title = t("articles", self.lang)
        localize_bindings(self, self.lang)
        self.query_one("#busy").display = False
        self.query_one("#articles-empty").display = False
        table = self.query_one(ArticleTable)
        table.set_columns(self.workbench.labels)
        table.focus()
        self.watch(self.app, "labels", self._labels_changed, init=False)
        self.load_page(0)

    def on_screen_resume(self) -> None:
        # Coming back from an article: counts and checked % may have changed.
        if self.is_mounted:
            self.load_page(0)

    def changes_arrived(self, batch: ChangeBatch) -> None:
        """Others wrote (tui/live.py): new articles, claim counts and checked shares are read again; the
        cursor stays on its article and the search text is kept. A list scrolled past its first page is
        left alone (reloading would drop the later pages under the cursor); `r` reloads it."""
        if self.is_mounted and self.query_one(ArticleTable).loaded <= PAGE_SIZE:
            self.load_page(0)

    # -- loading ----------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="articles", exit_on_error=False)
    def load_page(self, offset: int) -> None:
        search = self.search
        try:
            with session_scope(self.workbench.engine) as session:
                rows = list_articles(session, search=search, limit=PAGE_SIZE, offset=offset)
        except FactcheckError as exc:
            self.deliver(self.notify, error_text(exc, self.lang), severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.deliver(self._page_loaded, rows, offset)

    def _page_loaded(self, rows: list[ArticleSummary], offset: int) -> None:
        table = self.query_one(ArticleTable)
        keep = None
        if offset == 0:
            # Back from an article (or opened with one): the cursor stays on the article just left.
            keep = self.workbench.last_article_id or table.current_article_id
            self.workbench.last_article_id = None
        table.show_page(rows, offset=offset)
        if keep is not None:
            with suppress(RowDoesNotExist):  # the article is no longer listed (search changed)
                table.move_cursor(row=table.get_row_index(str(keep)))
        empty = table.row_count == 0
        # The table stays (shrunk to its header) so it keeps the focus and the keys keep working.
        table.set_class(empty, "-empty")
        placeholder = self.query_one("#articles-empty", Static)
        placeholder.display = empty
        placeholder.update(
            t("empty.search", self.lang, search=short(self.search, 60))
            if self.search
            else t("empty.articles", self.lang)
        )

    @on(ArticleTable.NeedMore)
    def _need_more(self, event: ArticleTable.NeedMore) -> None:
        self.load_page(event.offset)

    # -- actions ----------------------------------------------------------------------------------------

    @on(ArticleTable.ArticleChosen)
    def _chosen(self, event: ArticleTable.ArticleChosen) -> None:
        self.workbench.open_article(event.article_id)

    def action_open(self) -> None:
        article_id = self.query_one(ArticleTable).current_article_id
        if article_id is not None:
            self.workbench.open_article(article_id)

    def action_export(self) -> None:
        """The export dialog for the highlighted article."""
        table = self.query_one(ArticleTable)
        summary = table.current_summary
        if summary is None:
            self.notify(t("export.no_article", self.lang), severity="warning")
            return
        self.app.push_screen(
            ExportModal(summary.id, summary.title, language=self.lang, article_language=summary.language)
        )

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        self.query_one(ArticleTable).focus()

    def action_reload(self) -> None:
        self.load_page(0)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        value = event.value.strip()

        def run() -> None:
            self.search = value
            self.load_page(0)

        self._search_timer = self.set_timer(SEARCH_DELAY, run)

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.query_one(ArticleTable).focus()

    def action_import_article(self, value: str = "", error: str | None = None) -> None:
        def chosen(spec: str | None) -> None:
            if spec:
                self.import_article(spec)

        self.app.push_screen(ImportModal(value=value, error=error, language=self.lang), chosen)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_article(self, spec: str) -> None:
        self.deliver(self._busy, t("importing", self.lang, spec=short(spec, 80)))
        try:
            # Imported here: reading URLs pulls in httpx and the HTML extractor, which startup does not need.
            from factcheck.services.loading import load_input
            from factcheck.text.document import prepare_document

            loaded = load_input(spec)
            doc = prepare_document(loaded.data, name=loaded.name, content_type=loaded.content_type)
            with session_scope(self.workbench.engine) as session:
                result = import_document(session, doc, origin=loaded.origin, actor=self.workbench.actor)
        except FactcheckError as exc:
            message = error_text(exc, self.lang)
            self.deliver(self._busy, None)
            self.deliver(self.action_import_article, spec, message)
            return
        except Exception:
            self.deliver(self._busy, None)
            raise
        self.deliver(self._busy, None)
        key = "imported" if result.created else "already_imported"
        self.deliver(self.notify, tn(key, result.claims, self.lang, title=short(result.title, 80)))
        self.deliver(self.workbench.open_article, result.article_id)

    def _busy(self, label: str | None) -> None:
        self.query_one("#busy").display = label is not None
        self.query_one("#busy-label", Static).update(Text(label or ""))

    def _labels_changed(self, language: str) -> None:
        localize_bindings(self, language)
        self.sub_title = t("articles", language)
        self.query_one("#search", Input).placeholder = t("search_placeholder", language)
        self.query_one(ArticleTable).language = language
        self.load_page(0)
