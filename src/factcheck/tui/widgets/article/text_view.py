"""The article text with every claim highlighted in place.

A read-only TextArea gives us cursor, mouse selection, soft wrap and virtual rendering for free; we only
replace its syntax highlighting with claim spans. TextArea highlights are (start byte, end byte, name)
per line, so spans given as article offsets are converted to line/column and then to UTF-8 bytes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from rich.style import Style
from textual import on
from textual.message import Message
from textual.widgets import TextArea
from textual.widgets._text_area import Highlight
from textual.widgets.text_area import Selection

from factcheck.tui.presentation import _tint, claim_highlight_style


@dataclass(frozen=True)
class ClaimSpan:
    """What the text view needs to know about a claim to draw it."""

    id: int
    start: int
    end: int
    status: str
    rating: str | None
    checkworthy: bool

    @property
    def style_name(self) -> str:
        return f"claim:{self.status}:{self.rating or ''}:{int(self.checkworthy)}"


CURRENT_STYLE = "claim:current"


class ArticleTextView(TextArea):
    """Read-only article text; moving the cursor (click or keys) onto a claim selects that claim."""

    @dataclass
    class ClaimClicked(Message):
        """The user put the cursor on a claim in the text."""

        claim_id: int

    def __init__(self, *, id: str | None = None) -> None:
        # Set before TextArea.__init__, which already builds the highlight map.
        self._spans: list[ClaimSpan] = []
        self._by_id: dict[int, ClaimSpan] = {}
        self._starts: list[int] = []
        self._base: dict[int, list[Highlight]] | None = None  # status layer, rebuilt when claims change
        self._base_selection: tuple[int, int] | None = None
        self._styles: dict[str, Style] = {}
        self._styles_key: tuple[bool, int, str] | None = None
        self._line_starts: list[int] = [0]
        self.current_claim_id: int | None = None
        super().__init__(
            "", read_only=True, soft_wrap=True, show_line_numbers=False, id=id, highlight_cursor_line=False
        )
        self.cursor_blink = False  # a steady cursor marks where x splits; blinking also breaks snapshots

    # -- data -------------------------------------------------------------------------------------------

    def show_article(self, text: str, spans: list[ClaimSpan]) -> None:
        self._line_starts = [0]
        self._line_starts.extend(m.end() for m in re.finditer("\n", text))
        self._base = None
        self.load_text(text)
        self.set_claims(spans)

    def set_claims(self, spans: list[ClaimSpan]) -> None:
        self._spans = sorted(spans, key=lambda s: (s.start, -s.end))
        self._by_id = {s.id: s for s in self._spans}
        self._starts = [s.start for s in self._spans]
        self._base = None
        self._rebuild()

    def set_current(self, claim_id: int | None) -> None:
        if claim_id != self.current_claim_id:
            self.current_claim_id = claim_id
            self._rebuild()

    def claim_at(self, offset: int) -> ClaimSpan | None:
        """The narrowest claim containing `offset` (claims may overlap after manual edits)."""
        best: ClaimSpan | None = None
        for span in self._spans[: bisect_right(self._starts, offset)]:
            if span.start <= offset < span.end and (best is None or span.end - span.start < best.end - best.start):
                best = span
        return best

    # -- offsets ----------------------------------------------------------------------------------------

    def location_of(self, offset: int) -> tuple[int, int]:
        row = bisect_right(self._line_starts, offset) - 1
        return row, offset - self._line_starts[row]

    def offset_of(self, location: tuple[int, int]) -> int:
        row, column = location
        return self._line_starts[min(row, len(self._line_starts) - 1)] + column

    @property
    def cursor_offset(self) -> int:
        return self.offset_of(self.cursor_location)

    @property
    def selected_span(self) -> tuple[int, int] | None:
        """Article offsets of the current text selection, or None when nothing is selected."""
        start, end = sorted((self.offset_of(self.selection.start), self.offset_of(self.selection.end)))
        return (start, end) if start < end else None

    def show_claim(self, claim_id: int) -> None:
        """Put the cursor at the claim's start and scroll it into the middle of the view."""
        self.set_current(claim_id)
        span = self._by_id.get(claim_id)
        if span is not None:
            self.move_cursor(self.location_of(span.start))
            # Centre once the wrapped layout is known: right after an article loads it is not yet.
            self.call_after_refresh(self.scroll_cursor_visible, center=True)

    # -- highlighting -----------------------------------------------------------------------------------

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        self._rebuild()

    def _claim_styles(self) -> dict[str, Style]:
        dark = self.app.current_theme.dark if self.is_attached else True
        styles = {
            name: claim_highlight_style(s.status, s.rating, s.checkworthy, dark=dark)
            for name, s in {s.style_name: s for s in self._spans}.items()
        }
        styles[CURRENT_STYLE] = Style(bgcolor=_tint("#58a6ff", 0.55 if dark else 0.35, dark), bold=True)
        return styles

    def _build_highlight_map(self) -> None:
        """Replace syntax highlighting with claim spans (called by TextArea whenever the text changes).

        The status layer is computed once per claim list (or selection); moving between claims only
        redraws the "current" layer on top, so the cursor stays quick with thousands of claims.
        """
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        if not self._spans or not self.document.text:
            return
        selected = self.selected_span
        if self._base is None or self._base_selection != selected:
            self._base = defaultdict(list)
            for span in self._spans:
                self._add_highlight(self._base, span.start, span.end, span.style_name, selected)
            self._base_selection = selected
        for row, entries in self._base.items():
            highlights[row] = list(entries)
        current = self._by_id.get(self.current_claim_id) if self.current_claim_id is not None else None
        if current is not None:
            # Added last so it paints over the status colour.
            self._add_highlight(highlights, current.start, current.end, CURRENT_STYLE, selected)

    def _add_highlight(
        self, into: dict[int, list[Highlight]], start: int, end: int, name: str, selected: tuple[int, int] | None
    ) -> None:
        if selected is not None and selected[0] < end and start < selected[1]:
            # Keep the user's selection visible: claim colours would paint over it.
            if start < selected[0]:
                self._add_highlight(into, start, selected[0], name, None)
            if selected[1] < end:
                self._add_highlight(into, selected[1], end, name, None)
            return
        first_row, first_col = self.location_of(start)
        last_row, last_col = self.location_of(end)
        for row in range(first_row, last_row + 1):
            line = self.document.get_line(row)
            col_from = first_col if row == first_row else 0
            col_to = last_col if row == last_row else len(line)
            if col_to <= col_from:
                continue
            byte_from = len(line[:col_from].encode("utf-8"))
            byte_to = len(line[:col_to].encode("utf-8"))
            into[row].append((byte_from, byte_to, name))

    def _rebuild(self) -> None:
        theme = getattr(self, "_theme", None)
        if theme is not None:
            key = (self.app.current_theme.dark if self.is_attached else True, id(self._spans), theme.name)
            if key != self._styles_key or theme.syntax_styles is not self._styles:
                self._styles = self._claim_styles()
                self._styles_key = key
                theme.syntax_styles = self._styles
        self._build_highlight_map()
        self.refresh()

    # -- events -----------------------------------------------------------------------------------------

    @on(TextArea.SelectionChanged)
    def _selection_changed(self, event: TextArea.SelectionChanged) -> None:
        self._rebuild_if_selecting(event.selection)
        if not self.has_focus or not self._spans:
            return  # programmatic moves (the table selected a claim) must not echo back
        span = self.claim_at(self.cursor_offset)
        if span is not None and span.id != self.current_claim_id:
            self.set_current(span.id)
            self.post_message(self.ClaimClicked(span.id))

    _was_selecting: bool = False

    def _rebuild_if_selecting(self, selection: Selection) -> None:
        selecting = not selection.is_empty
        if selecting or self._was_selecting:
            self._rebuild()
        self._was_selecting = selecting
