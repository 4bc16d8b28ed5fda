"""The article list: newest first, loaded a page at a time as the cursor nears the end."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.widgets import DataTable

from factcheck.services.views import ArticleSummary
from factcheck.tui.i18n import t
from factcheck.tui.presentation import percent, relative_time, short, word

PAGE_SIZE = 200
PREFETCH_ROWS = 30  # ask for the next page this many rows before the end
# Cell widths of the fixed columns (language, claims, checked, last change); the title gets the rest,
# so at 80 columns the numbers stay on screen and the title is cut with "…".
FIXED_WIDTHS = (5, 8, 8, 16)
MIN_TITLE, MAX_TITLE = 16, 90


class ArticleTable(DataTable[Text | str]):
    @dataclass
    class ArticleChosen(Message):
        article_id: int

    @dataclass
    class NeedMore(Message):
        """The cursor is close to the last loaded row and more may exist."""

        offset: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.language = "en"
        self.has_more = False
        self.loaded = 0
        self.title_width = 70
        self._summaries: list[ArticleSummary] = []
        self._asked_at: int | None = None

    def set_columns(self, language: str) -> None:
        self.language = language
        self.clear(columns=True)
        self.add_column(word("title", language), key="title", width=self.title_width)
        for key, width in zip(("language", "claims", "checked", "last_change"), FIXED_WIDTHS, strict=True):
            self.add_column(word(key, language), key=key, width=width)
        self.loaded = 0

    def show_page(self, rows: list[ArticleSummary], *, offset: int, page_size: int = PAGE_SIZE) -> None:
        """Rows for `offset`; offset 0 replaces the list, later pages are appended."""
        if offset == 0:
            self.set_columns(self.language)
            self._summaries = []
        self._summaries.extend(rows)
        self._add_rows(rows)
        self.loaded = offset + len(rows)
        self.has_more = len(rows) == page_size
        self._asked_at = None

    def on_resize(self, event: events.Resize) -> None:
        # one cell of padding either side of each column, two for the scrollbar
        width = event.size.width - sum(FIXED_WIDTHS) - 2 * (len(FIXED_WIDTHS) + 1) - 2
        title_width = max(MIN_TITLE, min(MAX_TITLE, width))
        if title_width == self.title_width:
            return
        self.title_width = title_width
        keep = self.current_article_id
        loaded, summaries = self.loaded, self._summaries
        self.set_columns(self.language)
        self._add_rows(summaries)
        self.loaded = loaded
        if keep is not None:
            self.move_cursor(row=self.get_row_index(str(keep)), scroll=True)

    def _add_rows(self, rows: list[ArticleSummary]) -> None:
        for r in rows:
            self.add_row(
                short(r.title or t("untitled", self.language), self.title_width),
                short(r.language, 6),
                Text(str(r.claims), justify="right"),
                Text(percent(r.checked_percent, self.language), justify="right"),
                relative_time(r.last_change, language=self.language),
                key=str(r.id),
            )

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = getattr(event.row_key, "value", None)  # None while the table is rebuilt
        if key:
            self.post_message(self.ArticleChosen(int(key)))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        near_end = event.cursor_row >= self.row_count - PREFETCH_ROWS
        if self.has_more and near_end and self._asked_at != self.loaded:
            self._asked_at = self.loaded
            self.post_message(self.NeedMore(self.loaded))

    @property
    def current_article_id(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value else None

    @property
    def current_summary(self) -> ArticleSummary | None:
        """The highlighted article's row as loaded (id, title …), or None in an empty list."""
        article_id = self.current_article_id
        return next((s for s in self._summaries if s.id == article_id), None) if article_id is not None else None
