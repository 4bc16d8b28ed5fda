"""The article screen: highlighted text left, claim list and claim detail right; every action on a key.

Reads and writes run in thread workers through the services; the UI only ever holds plain views.
A write that fails re-opens its dialog with what was typed, so no input is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from sqlmodel import Session
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, get_current_worker

from factcheck.errors import FactcheckError
from factcheck.services import claims as claim_service
from factcheck.services import editing, verdicts
from factcheck.services.articles import get_article
from factcheck.services.sources import add_source
from factcheck.services.views import ClaimDetail, ClaimView, SimilarMatch, SourceView
from factcheck.store import session_scope
from factcheck.tui.presentation import short
from factcheck.tui.screens.confirm_modal import ConfirmModal
from factcheck.tui.screens.edit_modal import EditClaimModal
from factcheck.tui.screens.filter_modal import ClaimFilter, FilterModal
from factcheck.tui.screens.note_modal import NoteModal
from factcheck.tui.screens.reuse_modal import ReuseVerdictModal
from factcheck.tui.screens.source_modal import SourceModal
from factcheck.tui.screens.status_modal import StatusModal
from factcheck.tui.screens.verdict_modal import VerdictInput, VerdictModal
from factcheck.tui.widgets.article.claim_table import ClaimTable
from factcheck.tui.widgets.article.text_view import ArticleTextView, ClaimSpan
from factcheck.tui.widgets.claim.detail import ClaimDetailPane

if TYPE_CHECKING:
    from factcheck.tui.app import FactcheckApp


@dataclass(frozen=True)
class ArticleInfo:
    id: int
    title: str
    language: str
    text: str


def span_of(row: ClaimView) -> ClaimSpan:
    rating = row.verdict.rating if row.verdict else None
    return ClaimSpan(row.id, row.start, row.end, row.status, rating, row.checkworthy)


class ArticleScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Articles", tooltip="Back to the article list"),
        Binding("v", "verdict", "Verdict", tooltip="Set a verdict with rationale on the current claim"),
        Binding("n", "note", "Note", tooltip="Add a note to the current claim"),
        Binding("s", "source", "Source", tooltip="Add a source URL (fetched in the background)"),
        Binding("t", "status", "Status", tooltip="Set the status: open, in progress, checked, dismissed"),
        Binding("d", "toggle_dismissed", "Dismiss", tooltip="Dismiss the current claim, or bring it back"),
        Binding("o", "next_open", "Next open", tooltip="Jump to the next open claim"),
        Binding("f", "filter", "Filter", tooltip="Filter by status, kind, speaker, verdict, text"),
        Binding("e", "edit", "Edit", tooltip="Reword the current claim"),
        Binding("x", "split", "Split", tooltip="Split the claim at the cursor in the article text"),
        Binding("m", "merge", "Merge", tooltip="Merge the current claim with the next one"),
        Binding("a", "add_claim", "Add claim", tooltip="Make the selected article text a new claim"),
        Binding("u", "undo", "Undo", tooltip="Undo the last change to the current claim"),
        Binding("r", "reuse", "Reuse verdict", tooltip="Take over the verdict of a similar checked claim"),
        Binding("F", "clear_filter", "Clear filter", show=False, tooltip="Show all check-worthy claims again"),
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

    @property
    def workbench(self) -> FactcheckApp:
        return cast("FactcheckApp", self.app)

    @property
    def current_claim(self) -> ClaimView | None:
        return next((r for r in self.all_rows if r.id == self.current_claim_id), None)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="article-body"):
            with Vertical(id="text-pane"):
                yield Static("", id="article-title")
                yield ArticleTextView(id="text")
            with Vertical(id="side"):
                yield Static("", id="filter-bar")
                yield ClaimTable(id="claims")
                yield Static("", id="claims-empty", classes="empty-state")
                yield ClaimDetailPane(id="detail")
        yield Footer()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.workbench.report_worker_failure(event)

    def on_mount(self) -> None:
        self.sub_title = f"Article {self.article_id}"
        self.query_one("#article-body").loading = True
        self.query_one("#claims-empty").display = False
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
            self.app.call_from_thread(self._load_failed, str(exc))
            return
        self.app.call_from_thread(self._article_loaded, info, rows)

    def _load_failed(self, message: str) -> None:
        self.notify(message, severity="error")
        self.query_one("#article-body").loading = False

    def _article_loaded(self, info: ArticleInfo, rows: list[ClaimView]) -> None:
        self.article = info
        self.sub_title = f"#{info.id} · {info.language}"
        self.query_one("#article-title", Static).update(info.title or "(untitled)")
        self.all_rows = rows
        self.query_one(ArticleTextView).show_article(info.text, [span_of(r) for r in rows])
        self.query_one("#article-body").loading = False
        self._opening = True
        self._apply_rows()
        self.query_one(ClaimTable).focus()

    def reload(self, select: int | None = None) -> None:
        """Re-read the claims (after a write or from the command palette) and keep `select` current."""
        self._load_claims(select if select is not None else self.current_claim_id)

    @work(thread=True, exclusive=True, group="claims", exit_on_error=False)
    def _load_claims(self, select: int | None) -> None:
        try:
            with session_scope(self.workbench.engine) as session:
                rows = claim_service.list_claims(session, article_id=self.article_id)
        except FactcheckError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._claims_loaded, rows, select)

    def _claims_loaded(self, rows: list[ClaimView], select: int | None) -> None:
        self.all_rows = rows
        self.query_one(ArticleTextView).set_claims([span_of(r) for r in rows])
        if select is not None:
            self.current_claim_id = select
        self._apply_rows()
        if self.current_claim_id is not None:
            self._select(self.current_claim_id, force=True)

    def _apply_rows(self) -> None:
        """Filter the loaded claims into the table and show the matching empty state."""
        f = self.claim_filter
        rows = [r for r in self.all_rows if r.checkworthy] if f.checkworthy_only else list(self.all_rows)
        # The current claim stays listed even when it is not check-worthy (e.g. just added or split).
        if f.checkworthy_only and self.current_claim_id is not None:
            rows = [r for r in self.all_rows if r.checkworthy or r.id == self.current_claim_id]
        self.visible_rows = claim_service.filter_claims(
            rows, status=f.status, kind=f.kind, speaker=f.speaker or None, rating=f.rating, text=f.text or None
        )
        table = self.query_one(ClaimTable)
        table.show_claims(self.visible_rows, language=self.workbench.labels, keep=self.current_claim_id)
        empty = self.query_one("#claims-empty", Static)
        empty.display = not self.visible_rows
        table.set_class(not self.visible_rows, "-empty")
        if not self.all_rows:
            empty.update("No claims in this article.\nSelect text on the left and press a to add one.")
        elif not f.active and f.checkworthy_only and not self.visible_rows:
            empty.update(
                "No check-worthy claims found.\n"
                "f shows all sentences; or select text on the left and press a to add a claim."
            )
        elif not self.visible_rows:
            empty.update("No claims match the filter.\nf changes it, F clears it.")
        bar = self.query_one("#filter-bar", Static)
        total = sum(1 for r in self.all_rows if r.checkworthy or not f.checkworthy_only)
        described = f.describe()
        bar.update(f"{len(self.visible_rows)} of {total} claims" + (f" · filter: {described}" if described else ""))
        bar.set_class(f.active, "-active")

    # -- selection --------------------------------------------------------------------------------------

    @on(ClaimTable.ClaimSelected)
    def _table_selected(self, event: ClaimTable.ClaimSelected) -> None:
        self._select(event.claim_id)

    @on(ArticleTextView.ClaimClicked)
    def _text_selected(self, event: ArticleTextView.ClaimClicked) -> None:
        # Set first, so the table's echo (RowHighlighted) finds nothing to do and leaves the text cursor alone.
        self.current_claim_id = event.claim_id
        self.query_one(ClaimTable).select_claim(event.claim_id)
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
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._detail_loaded, detail)

    def _detail_loaded(self, detail: ClaimDetail) -> None:
        if detail.claim.id != self.current_claim_id:
            return
        pane = self.query_one(ClaimDetailPane)
        new_claim = pane.detail is None or pane.detail.claim.id != detail.claim.id
        self.detail = detail
        if new_claim:
            self.matched_text = None  # the pane drops the previous claim's matches itself
        pane.show(detail, language=self.workbench.labels)
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
            self.app.call_from_thread(self.notify, f"Similar claims: {exc}", severity="warning")
            matches = []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._similar_loaded, claim_id, text, matches)

    def _similar_loaded(self, claim_id: int, text: str, matches: list[SimilarMatch]) -> None:
        if claim_id == self.current_claim_id:
            self.matched_text = text
            self.query_one(ClaimDetailPane).set_similar(matches)

    def action_reuse(self) -> None:
        claim = self._claim_or_warn()
        if claim is None:
            return
        similar = self.query_one(ClaimDetailPane).similar
        if not similar:
            self.notify("No similar checked claims to reuse a verdict from.", severity="warning")
            return

        def chosen(checked_id: int | None) -> None:
            if checked_id is None:
                return
            from factcheck.services.memory import reuse_verdict

            self.run_service(
                f"Verdict on #{claim.id} reused from checked claim #{checked_id}",
                lambda s: reuse_verdict(s, claim.id, checked_id, actor=self.workbench.actor),
            )

        self.app.push_screen(ReuseVerdictModal(claim.id, claim.text, similar, language=self.workbench.labels), chosen)

    # -- writes -----------------------------------------------------------------------------------------

    def run_service(
        self,
        done: str,
        call: Callable[[Session], Any],
        *,
        on_error: Callable[[str], None] | None = None,
        select: Callable[[Any], int | None] | None = None,
    ) -> None:
        """Run one service call in a worker; notify `done`, reload, and select what `select` picks."""
        self._write(done, call, on_error, select)

    @work(thread=True, group="write", exit_on_error=False)
    def _write(
        self,
        done: str,
        call: Callable[[Session], Any],
        on_error: Callable[[str], None] | None,
        select: Callable[[Any], int | None] | None,
    ) -> None:
        try:
            with session_scope(self.workbench.engine) as session:
                result = call(session)
        except FactcheckError as exc:
            self.app.call_from_thread(self._write_failed, str(exc), on_error)
            return
        self.app.call_from_thread(self._written, done, select(result) if select else None, result)

    def _write_failed(self, message: str, on_error: Callable[[str], None] | None) -> None:
        self.notify(message, severity="error")
        if on_error is not None:
            on_error(message)

    def _written(self, done: str, select: int | None, result: Any) -> None:
        self.notify(done, timeout=3)
        self.reload(select)
        if isinstance(result, SourceView):
            self._start_fetch(result)

    def _claim_or_warn(self) -> ClaimView | None:
        claim = self.current_claim
        if claim is None:
            self.notify("Select a claim first.", severity="warning")
        return claim

    def action_verdict(self, initial: VerdictInput | None = None, error: str | None = None) -> None:
        claim = self._claim_or_warn()
        if claim is None:
            return
        if initial is None and claim.verdict is not None:
            initial = VerdictInput(claim.verdict.rating, "")

        def chosen(value: VerdictInput | None) -> None:
            if value is None:
                return
            self.run_service(
                f"Verdict on #{claim.id}: {value.rating}",
                lambda s: verdicts.set_verdict(
                    s,
                    claim.id,
                    value.rating,
                    rationale=value.rationale,
                    actor=self.workbench.actor,
                    expected_version=claim.version,
                ),
                on_error=lambda message: self.action_verdict(value, message),
            )

        modal = VerdictModal(claim.id, claim.text, language=self.workbench.labels, initial=initial, error=error)
        self.app.push_screen(modal, chosen)

    def action_note(self, text: str = "", error: str | None = None) -> None:
        claim = self._claim_or_warn()
        if claim is None:
            return

        def written(body: str | None) -> None:
            if body:
                self.run_service(
                    f"Note added to #{claim.id}",
                    lambda s: verdicts.add_note(s, claim.id, body, actor=self.workbench.actor),
                    on_error=lambda message: self.action_note(body, message),
                )

        self.app.push_screen(NoteModal(claim.id, claim.text, text=text, error=error), written)

    def action_source(self, url: str = "", error: str | None = None) -> None:
        claim = self._claim_or_warn()
        if claim is None:
            return

        def entered(value: str | None) -> None:
            if value:
                self.run_service(
                    f"Source added to #{claim.id}; fetching…",
                    lambda s: add_source(s, claim.id, value, actor=self.workbench.actor),
                    on_error=lambda message: self.action_source(value, message),
                )

        self.app.push_screen(SourceModal(claim.id, claim.text, value=url, error=error), entered)

    def _start_fetch(self, source: SourceView) -> None:
        pane = self.query_one(ClaimDetailPane)
        pane.fetching.add(source.id)
        self._fetch_source(source.id, source.url)

    @work(thread=True, group="sources", exit_on_error=False)
    def _fetch_source(self, source_id: int, url: str) -> None:
        # httpx and the HTML extractor load only when a source is first fetched.
        from factcheck.services.sources import record_fetch
        from factcheck.sources.fetch import fetch_url

        message, severity = f"Fetched {url}", "information"
        try:
            fetched = fetch_url(url)
            with session_scope(self.workbench.engine) as session:
                record_fetch(session, source_id, fetched, actor=self.workbench.actor)
        except FactcheckError as exc:
            message, severity = f"{exc} (the URL is kept)", "error"
        self.app.call_from_thread(self._fetch_done, source_id, message, severity)

    def _fetch_done(self, source_id: int, message: str, severity: str) -> None:
        self.query_one(ClaimDetailPane).fetching.discard(source_id)
        self.notify(message, severity=severity)  # type: ignore[arg-type]
        if self.current_claim_id is not None:
            self._load_detail(self.current_claim_id)

    def action_status(self) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self.app.push_screen(
                StatusModal(claim.id, claim.status, language=self.workbench.labels),
                lambda status: self.set_status(claim, status) if status else None,
            )

    def set_status(self, claim: ClaimView, status: str) -> None:
        self.run_service(
            f"#{claim.id} is now {status}",
            lambda s: claim_service.set_status(
                s, claim.id, status, actor=self.workbench.actor, expected_version=claim.version
            ),
        )

    def action_toggle_dismissed(self) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self.set_status(claim, "open" if claim.status == "dismissed" else "dismissed")

    def action_edit(self, draft: str | None = None, error: str | None = None) -> None:
        claim = self._claim_or_warn()
        if claim is None:
            return

        def edited(text: str | None) -> None:
            if text and text != claim.text:
                self.run_service(
                    f"#{claim.id} reworded",
                    lambda s: editing.edit_claim(
                        s, claim.id, text=text, actor=self.workbench.actor, expected_version=claim.version
                    ),
                    on_error=lambda message: self.action_edit(text, message),
                )

        self.app.push_screen(EditClaimModal(claim.id, claim.text, draft=draft, error=error), edited)

    def action_split(self) -> None:
        text = self.query_one(ArticleTextView)
        at = text.cursor_offset
        span = text.claim_at(at)
        if span is None or at <= span.start:
            self.notify(
                "Put the cursor inside a claim in the article text (click it, or Tab there and use the arrows), "
                "then press x to split it there.",
                severity="warning",
            )
            return
        self.run_service(
            f"#{span.id} split at the cursor",
            lambda s: editing.split_claim(s, span.id, at, actor=self.workbench.actor),
            select=lambda parts: parts[0].id,
        )

    def action_merge(self) -> None:
        claim = self._claim_or_warn()
        if claim is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.run_service(
                    f"#{claim.id} merged with the next claim",
                    lambda s: editing.merge_with_next(
                        s, claim.id, actor=self.workbench.actor, expected_version=claim.version
                    ),
                    select=lambda merged: merged.id,
                )

        question = f"Merge #{claim.id} with the claim after it?\n“{short(claim.text, 80)}”"
        self.app.push_screen(ConfirmModal(question, yes="Merge", no="Cancel"), confirmed)

    def action_add_claim(self) -> None:
        span = self.query_one(ArticleTextView).selected_span
        if span is None:
            self.notify(
                "Select article text first (drag with the mouse, or shift+arrows in the text), then press a.",
                severity="warning",
            )
            return
        start, end = span
        self.run_service(
            "New claim added",
            lambda s: editing.add_claim(s, self.article_id, start, end, actor=self.workbench.actor),
            select=lambda added: added.id,
        )

    def action_undo(self) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self.run_service(
                f"Undone on #{claim.id}",
                lambda s: editing.undo_last(s, claim.id, actor=self.workbench.actor),
            )

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
        self.notify("No other open claims in this list.", severity="information")

    def action_filter(self) -> None:
        def chosen(value: ClaimFilter | None) -> None:
            if value is not None:
                self.set_filter(value)

        self.app.push_screen(FilterModal(self.claim_filter, language=self.workbench.labels), chosen)

    def set_filter(self, value: ClaimFilter) -> None:
        self.claim_filter = value
        self._apply_rows()
        table = self.query_one(ClaimTable)
        current = table.current_claim_id
        if current is not None and current != self.current_claim_id:
            self._select(current)

    def action_clear_filter(self) -> None:
        self.set_filter(ClaimFilter())

    def action_back(self) -> None:
        self.app.pop_screen()

    def _labels_changed(self, language: str) -> None:
        self._apply_rows()
        self.query_one(ClaimDetailPane).show(self.detail, language=language)
