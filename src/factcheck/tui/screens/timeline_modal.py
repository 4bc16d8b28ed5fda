"""The article's timeline (services.timeline): its dated claims in order of time, the article's date as a
marker, conflicts with the order the text tells, and the memory's matching checked claims in a lane of
their own. Enter on an article entry jumps to that claim; Escape closes.

Read in a worker; every entry is plain text (stored text escaped, never markup). What colour says is
also said in words, so it reads the same with NO_COLOR: "!" and "conflict:" before a conflict, "memory"
before a checked claim, "as of" for a time-sensitive claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from factcheck.errors import FactcheckError
from factcheck.ratings import BY_KEY
from factcheck.services.timeline import article_timeline
from factcheck.store import session_scope
from factcheck.store.reader import Reader
from factcheck.timeline import MEMORY, Entry, Timeline
from factcheck.tui.i18n import error_text, localize_bindings, t
from factcheck.tui.presentation import short
from factcheck.tui.screens.once_modal import OnceModal

if TYPE_CHECKING:
    from factcheck.tui.app import FactcheckApp

MARKER = "marker"


class TimelineModal(OnceModal[int | None]):
    """The timeline of article `article_id`; dismissed with the claim id chosen (None: closed)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("l", "app.toggle_labels", "DE/EN", show=False),
    ]

    def __init__(self, article_id: int, title: str, *, language: str = "en") -> None:
        super().__init__()
        self.article_id = article_id
        self.article_title = title
        self.language = language
        self.timeline: Timeline | None = None  # None until read

    @property
    def workbench(self) -> FactcheckApp:
        return cast("FactcheckApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog timeline-dialog"):
            yield Label(id="timeline-title", classes="dialog-title", markup=False)
            yield Static(short(self.article_title, 200), classes="dialog-claim", markup=False)
            yield OptionList(id="timeline-entries", markup=False)
            yield Label(id="timeline-hint", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "labels", self._relabel, init=False)
        self._relabel(self.language)
        self.query_one(OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False)
    def load(self) -> None:
        try:
            with session_scope(self.workbench.engine) as session:
                timeline = article_timeline(Reader.of_session(session), self.article_id)
        except FactcheckError as exc:
            self.app.call_from_thread(self._failed, error_text(exc, self.language))
            return
        self.app.call_from_thread(self._loaded, timeline)

    def _loaded(self, timeline: Timeline) -> None:
        if self.is_attached:
            self.timeline = timeline
            self._show()

    def _failed(self, message: str) -> None:
        self.notify(message, severity="error")
        if self.is_attached:
            self.timeline = Timeline(None, [])
            self._show()

    def _relabel(self, language: str) -> None:
        self.language = language
        localize_bindings(self, language)
        self.query_one("#timeline-title", Label).update(t("timeline.title", language))
        self.query_one("#timeline-hint", Label).update(t("timeline.hint", language))
        self._show()

    def _show(self) -> None:
        lang = self.language
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if self.timeline is None:
            options.add_option(Option(Text(t("timeline.loading", lang), style="dim italic"), disabled=True))
            return
        if not self.timeline.entries:
            options.add_option(Option(Text(t("timeline.empty", lang), style="dim italic"), disabled=True))
            return
        options.add_options(self._options())
        if highlighted is not None and highlighted < options.option_count:
            options.highlighted = highlighted
        else:
            options.highlighted = next(
                (i for i in range(options.option_count) if not options.get_option_at_index(i).disabled), None
            )

    def _options(self) -> list[Option]:
        """One option per entry (article entries selectable), the article-date marker in its place."""
        timeline = self.timeline
        assert timeline is not None
        marker = timeline.article_date
        out: list[Option] = []
        for number, entry in enumerate(timeline.entries):
            if marker is not None and entry.start.isoformat() > marker:
                out.append(self._marker(marker, timeline.article_date_from))
                marker = None
            selectable = entry.lane != MEMORY and entry.claim_id is not None
            out.append(Option(self._entry(entry), id=f"entry-{number}", disabled=not selectable))
        if marker is not None:
            out.append(self._marker(marker, timeline.article_date_from))
        return out

    def _marker(self, day: str, source: str) -> Option:
        key = "timeline.article_date" if source == "article" else "timeline.import_date"
        return Option(Text(f"── {day}  {t(key, self.language)} ──", style="bold"), id=MARKER, disabled=True)

    def _entry(self, entry: Entry) -> Text:
        lang = self.language
        rating = BY_KEY.get(entry.rating or "")
        verdict = rating.label(lang) if rating else (entry.rating or "")
        if entry.lane == MEMORY:
            who = t("timeline.memory", lang, id=entry.checked_id)
        else:
            who = t("timeline.claim", lang, id=entry.claim_id)
        state = verdict or (t(f"status.{entry.status}", lang) if entry.status else "")
        # the when and the who on one line, the claim's words under it: readable at 80 columns too
        head = Text.assemble(
            (f"{entry.value:<12}", "bold"),
            f" {t(f'timeline.precision.{entry.precision}', lang):<9}",
            (f"{who:<15}", "italic" if entry.lane == MEMORY else ""),
            short(state, 30),
        )
        indent = " " * 13
        lines = [head, Text(indent + short(entry.text, 140))]
        if entry.relative and entry.resolved_against:
            lines.append(Text(indent + t("timeline.resolved", lang, words=entry.words, day=entry.resolved_against)))
        if entry.time_sensitive:
            lines.append(Text(indent + t("timeline.as_of", lang, day=entry.as_of or "?"), style="italic"))
        for conflict in entry.conflicts:
            reason = conflict.text(lang)
            lines.append(Text(indent + "! " + t("timeline.conflict", lang, reason=reason), style="bold yellow"))
        return Text("\n").join(lines)

    @on(OptionList.OptionSelected, "#timeline-entries")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if self.timeline is None or event.option.id is None or not event.option.id.startswith("entry-"):
            return
        entry = self.timeline.entries[int(event.option.id.removeprefix("entry-"))]
        if entry.lane != MEMORY and entry.claim_id is not None:
            self.dismiss(entry.claim_id)

    def action_close(self) -> None:
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.workbench.report_worker_failure(event)
