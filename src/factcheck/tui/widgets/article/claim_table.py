"""The claim list of an article: a DataTable (virtualised rendering) keyed by claim id."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from factcheck.services.views import ClaimView
from factcheck.tui.presentation import kind_badges, short, state_cell, word

COMPACT_BELOW = 100  # narrower than this, speaker and date make way and the status shows as its glyph
# Fixed columns (cell text widths); the claim text gets whatever is left, cut with "…" (whole in the detail).
WIDTHS = {"id": 4, "kinds": 4, "speaker": 16, "date": 10, "status": 16}
COMPACT_WIDTHS = {"id": 4, "kinds": 4, "status": 1}
MIN_TEXT = 20


def speaker_of(row: ClaimView) -> str:
    names = [*row.speakers, *((q.get("speaker") or "") if isinstance(q, dict) else "" for q in row.quotes)]
    return next((str(n) for n in names if n), "")


def date_of(row: ClaimView) -> str:
    for d in row.dates:
        if isinstance(d, dict):
            return str(d.get("value") or d.get("text") or "")
    return ""


class ClaimTable(DataTable[Text | str]):
    """One row per claim: #, kinds as badges, speaker, date, status or verdict, text."""

    @dataclass
    class ClaimSelected(Message):
        """The cursor moved onto a claim."""

        claim_id: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.rows_by_id: dict[int, ClaimView] = {}
        self.language = "en"
        self.compact = False
        self.text_width = 40
        self._columns_for: tuple[str, bool, int] | None = None

    @property
    def current_claim_id(self) -> int | None:
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # cursor outside the table while it is being rebuilt
            return None
        return int(key.value) if key.value else None

    def show_claims(self, rows: list[ClaimView], *, language: str, keep: int | None = None) -> None:
        """Replace the rows; keep the cursor on claim `keep` (or the current claim) when it is still listed."""
        keep = keep if keep is not None else self.current_claim_id
        same_layout = self._columns_for == (language, self.compact, self.text_width)
        if same_layout and [r.id for r in rows] == list(self.rows_by_id):
            self._update_changed(rows)
            if keep is not None and keep in self.rows_by_id:
                self.select_claim(keep)
            return
        # Rows came or went (a colleague split or added a claim): rebuilding scrolls to the top, so the
        # kept claim's row is put back where it was on screen instead of jumping to the view's edge.
        had_rows, old_row, old_scroll = self.row_count > 0, self.cursor_row, self.scroll_y
        self._rebuild(rows, language)
        if keep is not None and self.select_claim(keep) and had_rows:
            target = max(0, old_scroll + self.cursor_row - old_row)
            self.call_after_refresh(self.scroll_to, y=target, animate=False)

    def set_layout(self, width: int) -> None:
        """Fit the columns to `width` cells: the claim text takes what the fixed columns leave."""
        compact = width < COMPACT_BELOW
        fixed = COMPACT_WIDTHS if compact else WIDTHS
        # each column has one cell of padding either side; 2 more for the vertical scrollbar
        text_width = max(MIN_TEXT, width - sum(fixed.values()) - 2 * (len(fixed) + 1) - 2)
        if (compact, text_width) != (self.compact, self.text_width):
            self.compact, self.text_width = compact, text_width
            rows = list(self.rows_by_id.values())
            keep = self.current_claim_id
            self._rebuild(rows, self.language)
            if keep is not None:
                self.select_claim(keep)

    def on_resize(self, event: events.Resize) -> None:
        self.set_layout(event.size.width)

    def select_claim(self, claim_id: int) -> bool:
        try:
            index = self.get_row_index(str(claim_id))
        except RowDoesNotExist:
            return False
        if index != self.cursor_row:
            self.move_cursor(row=index, scroll=True)
        return True

    # -- internals --------------------------------------------------------------------------------------

    def _cells(self, row: ClaimView) -> list[Text | str]:
        rating = row.verdict.rating if row.verdict else None
        state = state_cell(row.status, rating, self.language)
        text = Text(short(row.text, self.text_width), style="" if row.counted else "dim")
        ident = Text(str(row.id), style="dim" if not row.counted else "")
        if self.compact:
            return [ident, kind_badges(row.kinds), state[:1], text]
        state.truncate(WIDTHS["status"], overflow="ellipsis")
        return [ident, kind_badges(row.kinds), short(speaker_of(row), 16), short(date_of(row), 10), state, text]

    def _rebuild(self, rows: list[ClaimView], language: str) -> None:
        self.language = language
        self.clear(columns=True)
        widths = COMPACT_WIDTHS if self.compact else WIDTHS
        for key, width in widths.items():
            # the compact status column is one glyph wide: its heading is the glyph of "open"
            label = "○" if self.compact and key == "status" else word(key, language)
            self.add_column(label, key=key, width=width)
        self.add_column(word("text", language), key="text", width=self.text_width)
        self._columns_for = (language, self.compact, self.text_width)
        self.rows_by_id = {}
        for row in rows:
            self.add_row(*self._cells(row), key=str(row.id))
            self.rows_by_id[row.id] = row

    def _update_changed(self, rows: list[ClaimView]) -> None:
        keys = [c for c in self.columns]
        for row in rows:
            old = self.rows_by_id.get(row.id)
            if old == row:
                continue
            for column, cell in zip(keys, self._cells(row), strict=True):
                self.update_cell(str(row.id), column, cell, update_width=True)
            self.rows_by_id[row.id] = row

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # a table being rebuilt highlights "no row" (row_key None): nothing was selected then
        key = getattr(event.row_key, "value", None)
        if key is not None:
            self.post_message(self.ClaimSelected(int(key)))
