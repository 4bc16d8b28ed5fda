"""The article screen: highlighted text left, claim list and claim detail right; every action on a key.

Reads and writes run in thread workers through the services; the UI only ever holds plain views.
A write that fails re-opens its dialog with what was typed, so no input is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from factcheck.errors import FactcheckError
from factcheck.services import claims as claim_service
from factcheck.services.articles import get_article
from factcheck.services.changes import ChangeBatch
from factcheck.services.views import ClaimDetail, ClaimView, SimilarMatch
from factcheck.store import session_scope
from factcheck.tui.i18n import error_text, localize_bindings, t, tn
from factcheck.tui.presentation import control_pictures, short
from factcheck.tui.screens.article_edits import ArticleEdits
from factcheck.tui.screens.base_modal import GuardedModal
from factcheck.tui.screens.export_modal import ExportModal
from factcheck.tui.screens.filter_modal import ClaimFilter, FilterModal
from factcheck.tui.screens.history_modal import HistoryModal
from factcheck.tui.screens.timeline_modal import TimelineModal
from factcheck.tui.screens.workbench_screen import WorkbenchScreen
from factcheck.tui.widgets.article.claim_table import ClaimTable
from factcheck.tui.widgets.article.text_view import ArticleTextView, ClaimSpan
from factcheck.tui.widgets.claim.detail import ClaimDetailPane
from factcheck.tui.widgets.header import SafeHeader


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    title: str
    language: str
    text: str


def span_of(row: ClaimView) -> ClaimSpan:
    rating = row.verdict.rating if row.verdict else None
    return ClaimSpan(row.id, row.start, row.end, row.status, rating, row.checkworthy)


def claim_at_place(rows: list[ClaimView], offset: int) -> ClaimView | None:
    """The claim covering article offset `offset`, else the last one starting before it, else the first."""
    covering = [r for r in rows if r.start <= offset < r.end]
    if covering:
        return min(covering, key=lambda r: r.end - r.start)
    before = [r for r in rows if r.start <= offset]
    return before[-1] if before else (rows[0] if rows else None)


class ArticleScreen(ArticleEdits, WorkbenchScreen):
    # Words and tooltips come from the i18n catalogue (key.<action>, tip.<action>) in either language.
    # The footer shows the daily keys only, so it fits 80 columns in German too; ? lists all of them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Articles", show=False),
        Binding("v", "verdict", "Verdict"),
        Binding("n", "note", "Note"),
        Binding("s", "source", "Source"),
        Binding("t", "status", "Status"),
        Binding("u", "undo", "Undo"),
        Binding("f", "filter", "Filter"),
        Binding("d", "toggle_dismissed", "Dismiss", show=False),
        Binding("o", "next_open", "Next open", show=False),
        Binding("e", "edit", "Edit", show=False),
        Binding("x", "split", "Split", show=False),
        Binding("m", "merge", "Merge", show=False),
        Binding("a", "add_claim", "Add claim", show=False),
        Binding("r", "reuse", "Reuse verdict", show=False),
        Binding("p", "review", "Review", show=False),
        Binding("E", "export", "Export report", show=False),
        Binding("h", "history", "History", show=False),
        Binding("T", "timeline", "Timeline", show=False),
        Binding("F", "clear_filter", "Clear filter", show=False),
        Binding("ctrl+r,R", "reload", "Reload", show=False),
    ]

    def __init__(self, article_id: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.article: ArticleInfo | None = None
        self.all_rows: list[ClaimView] = []
        self.visible_rows: list[ClaimView] = []
        self.claim_filter = ClaimFilter()
        self.current_claim_id: int | None = None
        self.detail: ClaimDetail | None = None
        self.matched_text: str | None = None  # the claim text the detail pane's similar claims were found for
        self._opening = False  # the next selection is the article's first: do not scroll to it
        # A claim kept in the list though the filter no longer matches it: a colleague changed the claim
        # being read (live update), which must not vanish under the cursor. Until the cursor moves on.
        self._pinned: int | None = None
        self._leaving = False  # Escape popped this screen already

    @property
    def current_claim(self) -> ClaimView | None:
        return next((r for r in self.all_rows if r.id == self.current_claim_id), None)

    def compose(self) -> ComposeResult:
        yield SafeHeader()
        with Horizontal(id="article-body"):
            with Vertical(id="text-pane"):
                yield ArticleTextView(id="text")
            with Vertical(id="side"):
                yield Static("", id="filter-bar")
                yield ClaimTable(id="claims")
                yield Static("", id="claims-empty", classes="empty-state")
                yield ClaimDetailPane(id="detail")
        yield Footer(compact=True)  # compact: the daily keys fit 80 columns in German too

    def on_mount(self) -> None:
        self.sub_title = t("article_n", self.lang, id=self.article_id)
        localize_bindings(self, self.lang)
        # query, not query_one: an Escape right after Enter may close the screen before it composed
        for body in self.query("#article-body"):
            body.loading = True
        for empty in self.query("#claims-empty"):
            empty.display = False
        self.watch(self.app, "labels", self._labels_changed, init=False)
        self.load_article()

    # -- loading ----------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="claims", exit_on_error=False)
    def load_article(self) -> None:
        try:
            with session_scope(self.workbench.engine) as session:
                article = get_article(session, self.article_id)
                info = ArticleInfo(article.id or 0, article.title, article.language, article.text)
                rows = claim_service.list_claims(session, article_id=self.article_id)
        except FactcheckError as exc:
            self.deliver(self._load_failed, error_text(exc, self.lang))
            return
        self.deliver(self._article_loaded, info, rows)

    def _load_failed(self, message: str) -> None:
        self.notify(message, severity="error")
        self.query_one("#article-body").loading = False

    def _article_loaded(self, info: ArticleInfo, rows: list[ClaimView]) -> None:
        self.article = info
        # The title shows once: the text pane usually opens with it, else the header carries it.
        heading = " ".join(info.title.split())
        in_text = bool(heading) and " ".join(info.text[: len(info.title) + 200].split()).startswith(heading)
        self.title = "factcheck" if in_text else short(heading or t("untitled", self.lang), 80)
        self.sub_title = f"#{info.id} · {short(info.language, 8)}"
        self.all_rows = rows
        # Control characters become Control Pictures one for one, so claim offsets still fit the text.
        self.query_one(ArticleTextView).show_article(control_pictures(info.text), [span_of(r) for r in rows])
        self.query_one("#article-body").loading = False
        self._opening = True
        self._apply_rows()
        self.query_one(ClaimTable).focus()

    def reload(self, select: int | None = None) -> None:
        """Re-read the claims (after a write or from the command palette) and keep `select` current."""
        self._load_claims(select if select is not None else self.current_claim_id)

    def action_reload(self) -> None:
        """Changes made elsewhere (CLI, another checker): read everything again, keep cursor and filter."""
        self.reload()
        if self.current_claim_id is not None:
            self._load_detail(self.current_claim_id)
        self.notify(t("reloaded", self.lang), timeout=2)

    @work(thread=True, exclusive=True, group="claims", exit_on_error=False)
    def _load_claims(self, select: int | None) -> None:
        try:
            with session_scope(self.workbench.engine) as session:
                rows = claim_service.list_claims(session, article_id=self.article_id)
        except FactcheckError as exc:
            self.deliver(self.notify, error_text(exc, self.lang), severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.deliver(self._claims_loaded, rows, select)

    def _claims_loaded(self, rows: list[ClaimView], select: int | None) -> None:
        self.all_rows = rows
        self.query_one(ArticleTextView).set_claims([span_of(r) for r in rows])
        if select is not None:
            self.current_claim_id = select
        self._apply_rows()
        if self.current_claim_id is not None:
            self._select(self.current_claim_id, force=True)

    # -- live updates (tui/live.py) ---------------------------------------------------------------------

    def changes_arrived(self, batch: ChangeBatch) -> None:
        """Others wrote: reload the claim list and the shown claim's detail if they touched this article,
        keeping the cursor (by claim id), the table's scroll, the filter and the text pane's position."""
        if self.article is None or not batch.touches_article(self.article_id, (r.id for r in self.all_rows)):
            return
        self._refresh_claims()
        current = self.current_claim_id
        if current is not None and (batch.truncated or current in batch.claim_ids):
            self._load_detail(current)

    @work(thread=True, exclusive=True, group="live", exit_on_error=False)
    def _refresh_claims(self) -> None:
        # Its own group: a reload after the user's own write (which selects what it made) is not cancelled.
        try:
            with session_scope(self.workbench.engine) as session:
                rows = claim_service.list_claims(session, article_id=self.article_id)
        except FactcheckError as exc:
            self.deliver(self.notify, error_text(exc, self.lang), severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.deliver(self._claims_refreshed, rows)

    def _claims_refreshed(self, rows: list[ClaimView]) -> None:
        """Unlike `_claims_loaded`, nothing is selected anew: the text pane stays where the user put it.
        A claim that is gone (merged into the one before, an undone split) hands the cursor to the claim
        now at its place in the text."""
        shown = self.current_claim
        self.all_rows = rows
        self.query_one(ArticleTextView).set_claims([span_of(r) for r in rows])
        gone = shown is not None and all(r.id != shown.id for r in rows)
        if gone and shown is not None:
            heir = claim_at_place(rows, shown.start)
            self.current_claim_id = heir.id if heir is not None else None
        if self.current_claim_id is not None:
            self._pinned = self.current_claim_id
        self._apply_rows()
        if gone and self.current_claim_id is not None:
            self._select(self.current_claim_id, force=True)

    def _claim_table(self) -> ClaimTable | None:
        """The claim table, or None while the screen is being built or torn down."""
        found = self.query(ClaimTable)
        return found.first() if found else None

    def _apply_rows(self) -> None:
        """Filter the loaded claims into the table and show the matching empty state."""
        if not self.is_attached or not self.query("#claims-empty"):
            return  # closing (a label switch or a filter answer arriving as Escape removes the screen)
        f = self.claim_filter
        lang = self.lang
        # "Only check-worthy" keeps the claims that count (services' one definition: check-worthy or
        # touched by a checker, not dismissed); the current claim stays listed (e.g. just added or split).
        rows = (
            [r for r in self.all_rows if r.counted or r.id == self.current_claim_id]
            if f.checkworthy_only
            else list(self.all_rows)
        )
        visible = claim_service.filter_claims(
            rows, status=f.status, kind=f.kind, speaker=f.speaker or None, rating=f.rating, text=f.text or None
        )
        if self._pinned is not None and self._pinned != self.current_claim_id:
            self._pinned = None
        if self._pinned is not None and all(r.id != self._pinned for r in visible):
            kept = {r.id for r in visible} | {self._pinned}
            visible = [r for r in self.all_rows if r.id in kept]  # in the article's order, as filter_claims keeps it
        self.visible_rows = visible
        table = self.query_one(ClaimTable)
        table.show_claims(self.visible_rows, language=lang, keep=self.current_claim_id)
        empty = self.query_one("#claims-empty", Static)
        empty.display = not self.visible_rows
        table.set_class(not self.visible_rows, "-empty")
        if not self.all_rows:
            empty.update(t("empty.no_claims", lang))
        elif not f.active and f.checkworthy_only and not self.visible_rows:
            empty.update(t("empty.no_worthy", lang))
        elif not self.visible_rows:
            empty.update(t("empty.no_match", lang))
        bar = self.query_one("#filter-bar", Static)
        counts = claim_service.count_claims(self.all_rows)
        total = counts.claims if f.checkworthy_only else counts.total
        described = f.describe(lang)
        bar.update(
            tn("n_of_m_claims", total, lang, shown=len(self.visible_rows))
            + (" · " + t("filter_is", lang, what=described) if described else "")
        )
        bar.set_class(f.active, "-active")

    # -- selection --------------------------------------------------------------------------------------

    @on(ClaimTable.ClaimSelected)
    def _table_selected(self, event: ClaimTable.ClaimSelected) -> None:
        self._select(event.claim_id)

    @on(ArticleTextView.ClaimClicked)
    def _text_selected(self, event: ArticleTextView.ClaimClicked) -> None:
        # Set first, so the table's echo (RowHighlighted) finds nothing to do and leaves the text cursor alone.
        self.current_claim_id = event.claim_id
        table = self._claim_table()
        if table is not None:
            table.select_claim(event.claim_id)
        self._load_detail(event.claim_id)

    def _select(self, claim_id: int, *, force: bool = False) -> None:
        if claim_id == self.current_claim_id and not force:
            return  # the table echoing a re-selection (e.g. after it was rebuilt): its detail is loaded or loading
        self.current_claim_id = claim_id
        text = self.query_one(ArticleTextView)
        if self._opening:
            # An article opens at its top (title and lead); scrolling to the first claim before the
            # text pane has its final layout would also land in a different place from run to run.
            self._opening = False
            text.set_current(claim_id)
        elif text.has_focus:
            text.set_current(claim_id)  # do not yank the cursor the user is placing
        else:
            text.show_claim(claim_id)
        self._load_detail(claim_id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _load_detail(self, claim_id: int) -> None:
        try:
            with session_scope(self.workbench.engine) as session:
                detail = claim_service.claim_detail(session, claim_id)
        except FactcheckError as exc:
            self.deliver(self.notify, error_text(exc, self.lang), severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.deliver(self._detail_loaded, detail)

    def _detail_loaded(self, detail: ClaimDetail) -> None:
        if detail.claim.id != self.current_claim_id:
            return
        pane = self.query_one(ClaimDetailPane)
        new_claim = pane.detail is None or pane.detail.claim.id != detail.claim.id
        self.detail = detail
        if new_claim:
            self.matched_text = None  # the pane drops the previous claim's matches itself
        pane.show(detail, language=self.lang)
        for dialog in self.app.screen_stack:  # an open dialog about this claim sees it as stored now
            if isinstance(dialog, GuardedModal) and dialog.claim_id == detail.claim.id:
                dialog.claim_shown(detail.claim)
        if new_claim or detail.claim.text != self.matched_text:
            self._load_similar(detail.claim.id, detail.claim.text)

    @work(thread=True, exclusive=True, group="similar", exit_on_error=False)
    def _load_similar(self, claim_id: int, text: str) -> None:
        # The matcher's lexicons load on first use; in a worker that never holds up the claim detail.
        from factcheck.services.memory import similar_to_claim

        try:
            with session_scope(self.workbench.engine) as session:
                matches = similar_to_claim(session, claim_id)
        except FactcheckError as exc:
            self.deliver(self.notify, t("similar_failed", self.lang, error=exc), severity="warning")
            matches = []
        if not get_current_worker().is_cancelled:
            self.deliver(self._similar_loaded, claim_id, text, matches)

    def _similar_loaded(self, claim_id: int, text: str, matches: list[SimilarMatch]) -> None:
        if claim_id == self.current_claim_id:
            self.matched_text = text
            self.query_one(ClaimDetailPane).set_similar(matches)

    def action_next_open(self) -> None:
        rows = self.visible_rows
        if not rows:
            return
        ids = [r.id for r in rows]
        start = ids.index(self.current_claim_id) + 1 if self.current_claim_id in ids else 0
        for row in rows[start:] + rows[:start]:
            if row.status == "open" and row.id != self.current_claim_id:
                self.query_one(ClaimTable).select_claim(row.id)
                self._select(row.id)
                return
        self.notify(t("no_other_open", self.lang), severity="information")

    def action_filter(self) -> None:
        def chosen(value: ClaimFilter | None) -> None:
            if value is not None:
                self.set_filter(value)

        self.app.push_screen(FilterModal(self.claim_filter, language=self.lang), chosen)

    def set_filter(self, value: ClaimFilter) -> None:
        self.claim_filter = value
        self._pinned = None  # a filter chosen now applies to every claim
        self._apply_rows()
        table = self._claim_table()
        if table is None:
            return  # the answer of a filter dialog arrived as the screen closed
        current = table.current_claim_id
        if current is not None and current != self.current_claim_id:
            self._select(current)

    def action_clear_filter(self) -> None:
        self.set_filter(ClaimFilter())

    def action_export(self) -> None:
        """The export dialog for this article (its title names the file; before it loaded, its number)."""
        title = self.article.title if self.article is not None else ""
        article_language = self.article.language if self.article is not None else None
        self.app.push_screen(ExportModal(self.article_id, title, language=self.lang, article_language=article_language))

    def action_history(self) -> None:
        """The current claim's history, newest first (services.history)."""
        claim = self._claim_or_warn()
        if claim is not None:
            self.app.push_screen(HistoryModal(claim.id, claim.text, language=self.lang))

    def action_timeline(self) -> None:
        """The article's dated claims in order of time (services.timeline); Enter on one jumps to it."""
        title = self.article.title if self.article is not None else ""
        self.app.push_screen(TimelineModal(self.article_id, title, language=self.lang), self._jump_to)

    def _jump_to(self, claim_id: int | None) -> None:
        if claim_id is None:
            return
        table = self._claim_table()
        if table is None or not table.select_claim(claim_id):  # filtered out of the list: show it all the same
            self._select(claim_id, force=True)

    def action_back(self) -> None:
        # Only while this screen is on top, and once: an Escape queued behind the first (or behind the
        # one that closed a dialog) must not pop the article list as well and leave a blank screen.
        if self.is_active and not self._leaving and len(self.app.screen_stack) > 2:
            self._leaving = True
            self.app.pop_screen()

    def _labels_changed(self, language: str) -> None:
        localize_bindings(self, language)
        if self.article is None:
            self.sub_title = t("article_n", language, id=self.article_id)
        self._apply_rows()
        self.query_one(ClaimDetailPane).show(self.detail, language=language)
