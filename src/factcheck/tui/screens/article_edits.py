"""The article screen's writes: verdict, review, note, source, status, edit, split, merge, add, undo, reuse.

Each write runs one service call in a worker and passes the claim version the screen shows, so a write
based on a stale picture is refused. A failure re-opens its dialog with what was typed, so no input is
lost; a version conflict (someone else changed the claim) reloads the article and says so, and the
dialog re-opens on the claim as stored now.
Dialogs that show stored state (the verdict dialog's current rating, whether a merge can be undone)
read it fresh from the database before they open, never from a row loaded minutes ago.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlmodel import Session
from textual import work

from factcheck.errors import Conflict, FactcheckError
from factcheck.services import claims as claim_service
from factcheck.services import editing, reviews, verdicts
from factcheck.services.sources import add_source
from factcheck.services.views import ClaimView, SourceView
from factcheck.store import session_scope
from factcheck.tui.i18n import action_phrase, error_text, t, undone_phrase
from factcheck.tui.presentation import rating_label, review_label, short, status_label
from factcheck.tui.screens.confirm_modal import ConfirmModal
from factcheck.tui.screens.edit_modal import EditClaimModal
from factcheck.tui.screens.note_modal import NoteModal
from factcheck.tui.screens.reuse_modal import ReuseVerdictModal
from factcheck.tui.screens.review_modal import ReviewInput, ReviewModal
from factcheck.tui.screens.source_modal import SourceModal
from factcheck.tui.screens.status_modal import StatusModal
from factcheck.tui.screens.verdict_modal import VerdictInput, VerdictModal
from factcheck.tui.widgets.article.text_view import ArticleTextView
from factcheck.tui.widgets.claim.detail import ClaimDetailPane

if TYPE_CHECKING:
    from factcheck.tui.screens.article import ArticleScreen

    _Base = ArticleScreen
else:
    _Base = object


class ArticleEdits(_Base):
    """Mixed into ArticleScreen; uses its `current_claim`, `reload`, `deliver` and `lang`."""

    # -- running service calls --------------------------------------------------------------------------

    def run_service(
        self,
        done: str,
        call: Callable[[Session], Any],
        *,
        on_error: Callable[[str], None] | None = None,
        select: Callable[[Any], int | None] | None = None,
        claim_id: int | None = None,
    ) -> None:
        """Run one service call in a worker; notify `done`, reload, and select what `select` picks."""
        self._write(done, call, on_error, select, claim_id)

    @work(thread=True, group="write", exit_on_error=False)
    def _write(
        self,
        done: str | Callable[[Any], str],
        call: Callable[[Session], Any],
        on_error: Callable[[str], None] | None,
        select: Callable[[Any], int | None] | None,
        claim_id: int | None,
    ) -> None:
        try:
            with session_scope(self.workbench.engine) as session:
                result = call(session)
        except Conflict as exc:
            self.deliver(self._conflicted, claim_id, str(exc), on_error)
            return
        except FactcheckError as exc:
            self.deliver(self._write_failed, error_text(exc, self.lang), on_error)
            return
        self.deliver(self._written, done, select(result) if select else None, result)

    def _conflicted(self, claim_id: int | None, message: str, on_error: Callable[[str], None] | None) -> None:
        """Someone else changed the claim since it was read: show the stored state, keep what was typed."""
        self.notify(t("conflict_reloaded", self.lang, id=claim_id or "?"), severity="warning", timeout=8)
        self.reload()
        if self.current_claim_id is not None:
            self._load_detail(self.current_claim_id)
        if on_error is not None:
            on_error(t("conflict_reloaded", self.lang, id=claim_id or "?"))

    def _write_failed(self, message: str, on_error: Callable[[str], None] | None) -> None:
        self.notify(message, severity="error")
        if on_error is not None:
            on_error(message)

    def _written(self, done: str | Callable[[Any], str], select: int | None, result: Any) -> None:
        self.notify(done(result) if callable(done) else done, timeout=3)
        self.reload(select)
        if isinstance(result, SourceView):
            self._start_fetch(result)

    @work(thread=True, group="read", exit_on_error=False)
    def read_then(self, read: Callable[[Session], Any], then: Callable[[Any], None]) -> None:
        """Read fresh state for a dialog in a worker, then open it on the UI thread."""
        try:
            with session_scope(self.workbench.engine) as session:
                value = read(session)
        except FactcheckError as exc:
            self.deliver(self.notify, error_text(exc, self.lang), severity="error")
            return
        self.deliver(then, value)

    def _claim_or_warn(self) -> ClaimView | None:
        claim = self.current_claim
        if claim is None:
            self.notify(t("select_first", self.lang), severity="warning")
        return claim

    def with_fresh_claim(self, claim_id: int, then: Callable[[ClaimView], None]) -> None:
        """`then` with the claim as stored now (its version too): how a dialog re-opens after a failure."""
        self.read_then(lambda s: claim_service.claim_detail(s, claim_id).claim, then)

    # -- dialogs --------------------------------------------------------------------------------------

    def action_verdict(self, initial: VerdictInput | None = None, error: str | None = None) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self._open_verdict(claim, initial, error)

    def _open_verdict(self, claim: ClaimView, initial: VerdictInput | None, error: str | None) -> None:
        """Open at once (keys typed right after v land in the dialog) with the row's verdict, then read
        the claim as stored now and preselect its verdict, unless the user already picked one."""
        if initial is None and claim.verdict is not None:
            initial = VerdictInput(claim.verdict.rating, "")
        modal = VerdictModal(claim.id, claim.text, language=self.lang, initial=initial, error=error)
        # The version the verdict is given on: the fresh read below, or a colleague's the user agreed to.
        modal.based_on(claim.id, claim.version)

        def chosen(value: VerdictInput | None) -> None:
            if value is None:
                return
            self.run_service(
                t("done.verdict", self.lang, id=claim.id, rating=rating_label(value.rating, self.lang)),
                lambda s: verdicts.set_verdict(
                    s,
                    claim.id,
                    value.rating,
                    rationale=value.rationale,
                    actor=self.workbench.actor,
                    expected_version=modal.version,
                ),
                on_error=lambda message: self._reopen_verdict(claim.id, value, message),
                claim_id=claim.id,
            )

        def fresh(current: ClaimView) -> None:
            modal.rebase(current.version)
            if initial is None or error is None:  # a re-opened dialog keeps what the user chose
                modal.show_stored(current.verdict.rating if current.verdict else None)

        self.app.push_screen(modal, chosen)
        self.read_then(lambda s: claim_service.claim_detail(s, claim.id).claim, fresh)

    def _reopen_verdict(self, claim_id: int, value: VerdictInput, message: str) -> None:
        """After a failed save: the dialog again, with the typed rationale, on the claim as stored now."""
        self.read_then(
            lambda s: claim_service.claim_detail(s, claim_id).claim,
            lambda current: self._open_verdict(current, value, message),
        )

    def action_review(self, decision: str | None = None) -> None:
        """Approve or reject the current claim's verdict (services.reviews); `decision` preselects one."""
        claim = self._claim_or_warn()
        if claim is not None:  # judged on the verdict stored now: a colleague may have written one meanwhile
            initial = ReviewInput(decision, "") if decision else None
            self.with_fresh_claim(claim.id, lambda current: self._open_review(current, initial, None))

    def _open_review(self, claim: ClaimView, initial: ReviewInput | None, error: str | None) -> None:
        verdict = claim.verdict
        obstacle = reviews.review_obstacle(
            verdict.review_state if verdict else None, verdict.checker if verdict else None, self.workbench.actor
        )
        if verdict is None or obstacle is not None:
            who = short((verdict.reviewer or "?") if verdict else "?", 60)
            state = review_label(verdict.review_state, self.lang) if verdict else ""
            self.notify(
                t(f"review.refused.{obstacle or 'no_verdict'}", self.lang, id=claim.id, who=who, state=state),
                severity="warning",
            )
            return

        def chosen(value: ReviewInput | None) -> None:
            if value is None:
                return
            self.run_service(
                t(f"done.review.{value.decision}", self.lang, id=claim.id),
                lambda s: reviews.review_verdict(
                    s,
                    claim.id,
                    value.decision,
                    actor=self.workbench.actor,
                    comment=value.comment,
                    expected_version=modal.version,
                ),
                on_error=lambda message: self.with_fresh_claim(
                    claim.id, lambda current: self._open_review(current, value, message)
                ),
                claim_id=claim.id,
            )

        modal = ReviewModal(claim.id, claim.text, verdict, language=self.lang, initial=initial, error=error)
        self.app.push_screen(modal.based_on(claim.id, claim.version), chosen)

    def action_note(self) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self._open_note(claim, "", None)

    def _open_note(self, claim: ClaimView, text: str, error: str | None) -> None:
        modal = NoteModal(claim.id, claim.text, text=text, error=error, language=self.lang)
        modal.based_on(claim.id, claim.version)

        def written(body: str | None) -> None:
            if body:
                self.run_service(
                    t("done.note", self.lang, id=claim.id),
                    lambda s: verdicts.add_note(
                        s, claim.id, body, actor=self.workbench.actor, expected_version=modal.version
                    ),
                    on_error=lambda message: self.with_fresh_claim(
                        claim.id, lambda current: self._open_note(current, body, message)
                    ),
                    claim_id=claim.id,
                )

        self.app.push_screen(modal, written)

    def action_source(self) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self._open_source(claim, "", None)

    def _open_source(self, claim: ClaimView, url: str, error: str | None) -> None:
        modal = SourceModal(claim.id, claim.text, value=url, error=error, language=self.lang)
        modal.based_on(claim.id, claim.version)

        def entered(value: str | None) -> None:
            if value:
                self.run_service(
                    t("done.source", self.lang, id=claim.id),
                    lambda s: add_source(
                        s, claim.id, value, actor=self.workbench.actor, expected_version=modal.version
                    ),
                    on_error=lambda message: self.with_fresh_claim(
                        claim.id, lambda current: self._open_source(current, value, message)
                    ),
                    claim_id=claim.id,
                )

        self.app.push_screen(modal, entered)

    def _start_fetch(self, source: SourceView) -> None:
        pane = self.query_one(ClaimDetailPane)
        pane.fetching.add(source.id)
        self._fetch_source(source.id, source.url)

    @work(thread=True, group="sources", exit_on_error=False)
    def _fetch_source(self, source_id: int, url: str) -> None:
        # httpx and the extractors load only when a source is first fetched.
        from factcheck.services.sources import fetch_and_check

        message, severity = t("fetched", self.lang, url=url), "information"
        try:
            # A failed fetch is stored too (state failed, with its reason): the source stays for a refresh.
            fetched = fetch_and_check(self.workbench.engine, source_id, actor=self.workbench.actor)
            if fetched.state == "failed":
                reason = fetched.error or f"HTTP {fetched.http_status}"
                message, severity = t("fetch_failed", self.lang, error=reason), "error"
        except FactcheckError as exc:
            message, severity = t("fetch_failed", self.lang, error=exc), "error"
        finally:
            # Whatever happened, the pane must stop showing "fetching…".
            self.deliver(self._fetch_done, source_id, message, severity)

    def _fetch_done(self, source_id: int, message: str, severity: str) -> None:
        self.query_one(ClaimDetailPane).fetching.discard(source_id)
        self.notify(message, severity=severity)  # type: ignore[arg-type]
        if self.current_claim_id is not None:
            self._load_detail(self.current_claim_id)

    def action_status(self) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self.app.push_screen(
                StatusModal(claim.id, claim.status, language=self.lang),
                lambda status: self.set_status(claim, status) if status else None,
            )

    def set_status(self, claim: ClaimView, status: str) -> None:
        self.run_service(
            t("done.status", self.lang, id=claim.id, status=status_label(status, self.lang)),
            lambda s: claim_service.set_status(
                s, claim.id, status, actor=self.workbench.actor, expected_version=claim.version
            ),
            claim_id=claim.id,
        )

    def action_toggle_dismissed(self) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self.set_status(claim, "open" if claim.status == "dismissed" else "dismissed")

    def action_edit(self) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self._open_edit(claim, None, None)

    def _open_edit(self, claim: ClaimView, draft: str | None, error: str | None) -> None:
        modal = EditClaimModal(claim.id, claim.text, draft=draft, error=error, language=self.lang)
        modal.based_on(claim.id, claim.version)

        def edited(text: str | None) -> None:
            if text and text != claim.text:
                self.run_service(
                    t("done.edit", self.lang, id=claim.id),
                    lambda s: editing.edit_claim(
                        s, claim.id, text=text, actor=self.workbench.actor, expected_version=modal.version
                    ),
                    on_error=lambda message: self.with_fresh_claim(
                        claim.id, lambda current: self._open_edit(current, text, message)
                    ),
                    claim_id=claim.id,
                )

        self.app.push_screen(modal, edited)

    def _text_view(self) -> ArticleTextView | None:
        """The article text, or None while the screen is still being built or already torn down (a key
        queued behind the one that opened or closed it; found by 2,000-press walks)."""
        return next(self.query(ArticleTextView).results(ArticleTextView), None)

    def action_split(self) -> None:
        text = self._text_view()
        if text is None:
            return
        at = text.cursor_offset
        span = text.claim_at(at)
        if span is None or at <= span.start:
            self.notify(t("split_hint", self.lang), severity="warning")
            return
        shown = next((r for r in self.all_rows if r.id == span.id), None)
        version = shown.version if shown is not None else None
        self.run_service(
            t("done.split", self.lang, id=span.id),
            lambda s: editing.split_claim(s, span.id, at, actor=self.workbench.actor, expected_version=version),
            select=lambda parts: parts[0].id,
            claim_id=span.id,
        )

    def action_merge(self) -> None:
        claim = self._claim_or_warn()
        if claim is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.run_service(
                    t("done.merge", self.lang, id=claim.id),
                    lambda s: editing.merge_with_next(
                        s, claim.id, actor=self.workbench.actor, expected_version=claim.version
                    ),
                    select=lambda merged: merged.id,
                    claim_id=claim.id,
                )

        def ask(state: tuple[bool, tuple[int, str] | None]) -> None:
            undoable, absorbed = state
            if absorbed is None:
                self.notify(t("merge_last", self.lang, id=claim.id), severity="warning")
                return
            other_id, other_text = absorbed
            question = t("merge_question", self.lang, id=claim.id, text=short(claim.text, 80))
            question += "\n" + t("merge_absorbs", self.lang, id=other_id, text=short(other_text, 160))
            question += "\n" + t("merge_undoable" if undoable else "merge_final", self.lang)
            # The buttons add their key ("(y)", "(n)") themselves: plain words here.
            modal = ConfirmModal(question, yes=t("merge", self.lang), no=t("cancel", self.lang), language=self.lang)
            self.app.push_screen(modal, confirmed)

        def read(session: Session) -> tuple[bool, tuple[int, str] | None]:
            """Whether the merge can be undone, and the claim it would absorb (as stored now)."""
            undoable = editing.can_undo_merge(session, claim.id)
            other = editing.next_claim(session, claim_service.get_claim(session, claim.id))
            return undoable, (other.id or 0, other.text) if other is not None else None

        self.read_then(read, ask)

    def action_add_claim(self) -> None:
        text = self._text_view()
        if text is None:
            return
        span = text.selected_span
        if span is None:
            self.notify(t("add_hint", self.lang), severity="warning")
            return
        start, end = span
        self.run_service(
            t("done.add", self.lang),
            lambda s: editing.add_claim(s, self.article_id, start, end, actor=self.workbench.actor),
            select=lambda added: added.id,
        )

    def action_undo(self) -> None:
        claim = self._claim_or_warn()
        if claim is not None:
            self._undo(claim.id, claim.version)

    @work(thread=True, group="write", exit_on_error=False)
    def _undo(self, claim_id: int, version: int) -> None:
        """Ask the services what undo would revert first: a refusal is said in words, not as an error."""
        try:
            with session_scope(self.workbench.engine) as session:
                preview = editing.undo_preview(session, claim_id)
                if not preview.possible:
                    self.deliver(
                        self.notify, undo_refusal(preview.reason or "", claim_id, self.lang), severity="warning"
                    )
                    return
                action = editing.undo_last(session, claim_id, actor=self.workbench.actor, expected_version=version)
        except Conflict as exc:
            self.deliver(self._conflicted, claim_id, str(exc), None)
            return
        except FactcheckError as exc:
            self.deliver(self._write_failed, error_text(exc, self.lang), None)
            return
        done = t("done.undo", self.lang, id=claim_id, what=undone_phrase(action, self.lang))
        self.deliver(self._written, done, None, action)

    def action_reuse(self) -> None:
        claim = self._claim_or_warn()
        if claim is None:
            return
        similar = self.query_one(ClaimDetailPane).similar
        if not similar:
            self.notify(t("no_similar_to_reuse", self.lang), severity="warning")
            return

        def chosen(checked_id: int | None) -> None:
            if checked_id is None:
                return
            from factcheck.services.memory import reuse_verdict

            self.run_service(
                t("done.reuse", self.lang, id=claim.id, other=checked_id),
                lambda s: reuse_verdict(
                    s, claim.id, checked_id, actor=self.workbench.actor, expected_version=claim.version
                ),
                claim_id=claim.id,
            )

        self.app.push_screen(ReuseVerdictModal(claim.id, claim.text, similar, language=self.lang), chosen)


def undo_refusal(reason: str, claim_id: int, lang: str) -> str:
    """Why `u` reverts nothing (services.editing.undo_preview's reason), as a catalogued phrase."""
    if reason.startswith("nothing to undo"):
        return t("undo.nothing", lang, id=claim_id)
    if "a review cannot be undone" in reason:
        return t("undo.review", lang, id=claim_id)
    if "cannot be undone" in reason and "(" in reason:
        action = reason.partition("(")[2].partition(")")[0]
        return t("undo.not_undoable", lang, id=claim_id, what=action_phrase(action, None, lang))
    if "added by hand" in reason:
        return t("undo.added_by_hand", lang, id=claim_id)
    if "before merges could be undone" in reason:
        return t("undo.old_merge", lang, id=claim_id)
    return error_text(reason, lang)
