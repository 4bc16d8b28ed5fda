"""The words around a passage, for showing a match in its place."""

from __future__ import annotations

CONTEXT_CHARS = 150


def context_around(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """text[start:end] with up to `width` characters either side, cut at word boundaries.

    A cut never splits a word: the partial word at either edge is dropped (when the whole `width`
    holds one word, nothing is added on that side). The text is returned as it stands (line breaks kept),
    so the passage text[start:end] is always a substring of the result.
    """
    lo = max(0, start - width)
    if lo > 0 and not text[lo - 1].isspace():
        gap = next((i for i in range(lo, start) if text[i].isspace()), start)
        lo = gap
    hi = min(len(text), end + width)
    if hi < len(text) and not text[hi].isspace():
        gap = next((i for i in range(hi - 1, end - 1, -1) if text[i].isspace()), end)
        hi = gap
    return text[lo:start].lstrip() + text[start:end] + text[end:hi].rstrip()
