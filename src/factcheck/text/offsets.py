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

    def _segment_at(self, pos: int) -> tuple[Segment, int]:
        """The segment holding repaired position `pos`, and `pos`'s distance from its start."""
        starts = [s.out_start for s in self.segments]
        seg = self.segments[max(bisect.bisect_right(starts, pos) - 1, 0)]
        return seg, pos - seg.out_start

    def to_raw(self, pos: int) -> int:
        """Raw offset of the repaired character at `pos` (or the end, for pos == len(text))."""
        if not self.segments:
            return pos
        seg, delta = self._segment_at(pos)
        if delta >= seg.length:
            return seg.raw_end
        return seg.raw_start + delta if seg.copied else seg.raw_start

    def to_raw_end(self, pos: int) -> int:
        """Raw offset just after the repaired character at `pos`: for a replaced piece ("Ã¼" → "ü",
        "ﬁ" → "fi") the end of the whole raw piece, so a span never cuts one in half."""
        if not self.segments:
            return pos + 1
        seg, delta = self._segment_at(pos)
        if delta >= seg.length:
            return seg.raw_end
        return seg.raw_start + delta + 1 if seg.copied else seg.raw_end

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span covering repaired text [start, end)."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self.to_raw_end(end - 1)

    def compose(self, inner: OffsetMap) -> OffsetMap:
        """The map out → raw when `self` maps out → mid and `inner` maps mid → raw.

        Copied pieces stay copied where `inner` copied them too (so out[i] == raw[j] still holds for them);
        everything else becomes an inserted piece standing for the raw span it came from.
        """
        if not inner.segments:
            return OffsetMap(list(self.segments))
        starts = [s.out_start for s in inner.segments]
        result: list[Segment] = []
        for seg in self.segments:
            if not seg.copied:
                raw_start = inner.to_raw(seg.raw_start)
                raw_end = inner.to_raw(seg.raw_end) if seg.raw_end > seg.raw_start else raw_start
                result.append(Segment(seg.out_start, raw_start, max(raw_end, raw_start), seg.length, False))
                continue
            mid, mid_end, out = seg.raw_start, seg.raw_start + seg.length, seg.out_start
            i = max(bisect.bisect_right(starts, mid) - 1, 0)
            while mid < mid_end:
                part = inner.segments[i] if i < len(inner.segments) else None
                if part is None or mid >= part.out_start + part.length:
                    if part is None:  # past the inner map's end: nothing left to trace
                        break
                    i += 1
                    continue
                take = min(mid_end, part.out_start + part.length) - mid
                if part.copied:
                    raw = part.raw_start + (mid - part.out_start)
                    result.append(Segment(out, raw, raw + take, take, True))
                else:
                    result.append(Segment(out, part.raw_start, part.raw_end, take, False))
                mid += take
                out += take
                i += 1
        return OffsetMap(result)

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
