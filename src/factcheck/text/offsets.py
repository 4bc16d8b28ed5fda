"""A map from positions in repaired text back to positions in the raw text it came from."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Segment:
    """`length` characters of output starting at `out_start`.

    When `copied`, they are raw[raw_start:raw_start+length]; otherwise they were inserted by the
    repair (a joining space, a paragraph break) in place of raw[raw_start:raw_end].
    """

    out_start: int
    raw_start: int
    raw_end: int
    length: int
    copied: bool


@dataclass
class OffsetMap:
    segments: list[Segment] = field(default_factory=list)

    def to_raw(self, pos: int) -> int:
        """Raw offset of the repaired character at `pos` (or the end, for pos == len(text))."""
        if not self.segments:
            return pos
        starts = [s.out_start for s in self.segments]
        i = max(bisect.bisect_right(starts, pos) - 1, 0)
        seg = self.segments[i]
        delta = pos - seg.out_start
        if delta >= seg.length:
            return seg.raw_end
        if seg.copied:
            return seg.raw_start + delta
        return seg.raw_start

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span covering repaired text [start, end)."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw(end - 1) + 1

    def to_json(self) -> list[list[int]]:
        return [[s.out_start, s.raw_start, s.raw_end, s.length, int(s.copied)] for s in self.segments]

    @classmethod
    def from_json(cls, rows: list[list[int]]) -> OffsetMap:
        return cls([Segment(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows])


class TextBuilder:
    """Builds repaired text piece by piece while recording where each piece came from."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.parts: list[str] = []
        self.map = OffsetMap()
        self.length = 0

    def copy(self, raw_start: int, raw_end: int) -> None:
        if raw_end <= raw_start:
            return
        piece = self.raw[raw_start:raw_end]
        self._add(piece, Segment(self.length, raw_start, raw_end, len(piece), True))

    def insert(self, text: str, raw_start: int, raw_end: int) -> None:
        if text:
            self._add(text, Segment(self.length, raw_start, raw_end, len(text), False))

    def _add(self, piece: str, seg: Segment) -> None:
        self.parts.append(piece)
        self.map.segments.append(seg)
        self.length += len(piece)

    def drop_last_char(self) -> None:
        piece, seg = self.parts[-1], self.map.segments[-1]
        self.length -= 1
        if seg.length == 1:
            self.parts.pop()
            self.map.segments.pop()
            return
        self.parts[-1] = piece[:-1]
        raw_end = seg.raw_end - 1 if seg.copied else seg.raw_end
        self.map.segments[-1] = Segment(seg.out_start, seg.raw_start, raw_end, seg.length - 1, seg.copied)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), self.map
