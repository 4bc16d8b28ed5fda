"""The claim detail pane: everything known about the current claim, one titled section each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Group, RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from factcheck.services.views import ClaimDetail, EventView, SimilarMatch
from factcheck.tui.presentation import (
    KIND_LABELS,
    RATING_COLOURS,
    rating_label,
    relative_time,
    short,
    state_cell,
    word,
)

SECTIONS = ("claim", "fields", "checkworthiness", "verdict", "sources", "notes", "history", "similar")


class ClaimDetailPane(VerticalScroll):
    """Read-only view of one ClaimDetail; the screen calls `show` and `set_similar`."""

    can_focus = True
    ALLOW_MAXIMIZE = True  # z lets the detail fill a small terminal

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.detail: ClaimDetail | None = None
        self.language = "en"
        self.fetching: set[int] = set()  # source ids being fetched right now
        self.similar: list[SimilarMatch] = []
        self.similar_loading = False  # a search for matches of the shown claim is running

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(word("select_claim", self.language), id="detail-empty", classes="empty-state")
        for name in SECTIONS:
            yield Static(classes="detail-title", id=f"title-{name}")
            yield Static(classes="detail-body", id=f"body-{name}")

    def on_mount(self) -> None:
        self._render_all()

    # -- public -----------------------------------------------------------------------------------------

    def show(self, detail: ClaimDetail | None, *, language: str | None = None) -> None:
        if detail is None or self.detail is None or detail.claim.id != self.detail.claim.id:
            self.similar = []  # matches belong to one claim
            self.similar_loading = detail is not None
            self.scroll_home(animate=False)
        self.detail = detail
        if language:
            self.language = language
        self._render_all()

    def set_similar(self, matches: Iterable[SimilarMatch]) -> None:
        """Checked claims similar to the shown one, as the memory ranked them."""
        self.similar = sorted(matches, key=lambda m: -m.score)
        self.similar_loading = False
        if self.is_mounted:
            self._section("similar", self._similar())

    # -- rendering --------------------------------------------------------------------------------------

    def _render_all(self) -> None:
        if not self.is_mounted:
            return
        empty = self.detail is None
        self.query_one("#detail-empty").display = empty
        for widget in self.query(".detail-title, .detail-body"):
            widget.display = not empty
        if self.detail is None:
            return
        self._section("claim", self._claim())
        self._section("fields", self._fields())
        self._section("checkworthiness", self._checkworthiness())
        self._section("verdict", self._verdict())
        self._section("sources", self._sources())
        self._section("notes", self._notes())
        self._section("history", self._history())
        self._section("similar", self._similar())

    def _section(self, name: str, body: RenderableType) -> None:
        titles = {"claim": self._claim_title()}
        self.query_one(f"#title-{name}", Static).update(titles.get(name) or word(name, self.language))
        self.query_one(f"#body-{name}", Static).update(body)

    def _claim_title(self) -> Text:
        assert self.detail is not None
        c = self.detail.claim
        rating = c.verdict.rating if c.verdict else None
        return Text.assemble(
            (f"#{c.id} ", "bold"), state_cell(c.status, rating, self.language), (f"  v{c.version}", "dim")
        )

    def _claim(self) -> Text:
        assert self.detail is not None
        c = self.detail.claim
        kinds = ", ".join(KIND_LABELS.get(k, {}).get(self.language, k) for k in c.kinds) or "–"
        return Text.assemble(c.text, "\n", (f"{kinds} · {self.detail.article_title}", "dim"))

    def _fields(self) -> Text:
        assert self.detail is not None
        c = self.detail.claim
        lines: list[Text] = []
        for d in c.dates:
            value = d.get("value") or ("relative" if d.get("relative") else "?")
            lines.append(Text.assemble(("date  ", "dim"), str(d.get("text", "")), " → ", (str(value), "bold")))
        for q in c.quotes:
            speaker = q.get("speaker") or "unknown speaker"
            lines.append(Text.assemble(("quote ", "dim"), f"„{q.get('text', '')}“ — ", (speaker, "italic")))
        for s in c.speakers:
            lines.append(Text.assemble(("who   ", "dim"), s))
        for n in c.quantities:
            value = n.get("value")
            unit = n.get("unit") or ""
            shown = f"{value:g} {unit}".strip() if isinstance(value, int | float) else unit or "?"
            lines.append(Text.assemble(("qty   ", "dim"), str(n.get("text", "")), " → ", (shown, "bold")))
        for p in c.places:
            lines.append(Text.assemble(("place ", "dim"), p))
        return Text("\n").join(lines) if lines else Text(word("no_fields", self.language), style="dim italic")

    def _checkworthiness(self) -> Text:
        assert self.detail is not None
        c = self.detail.claim
        filled = round(c.checkworthiness * 10)
        bar = Text.assemble(("█" * filled, "bold"), ("░" * (10 - filled), "dim"))
        verdict = "check-worthy" if c.checkworthy else "not check-worthy"
        text = Text.assemble(bar, f" {c.checkworthiness:.2f} {verdict}")
        cues = [cue for cue in self.detail.cues if cue.startswith("cw:")]
        if cues:
            text.append("\n" + ", ".join(cue[3:] for cue in cues), style="dim")
        return text

    def _verdict(self) -> Text:
        assert self.detail is not None
        current = self.detail.claim.verdict
        if current is None:
            return Text(word("no_verdict", self.language) + " (v sets one)", style="dim italic")
        label = current.label_de if self.language == "de" else current.label_en
        text = Text.assemble(
            (label, f"bold {RATING_COLOURS.get(current.rating, '')}"),
            (f"  by {current.checker}, {relative_time(current.created_at)}", "dim"),
            (f"\nreview: {current.review_state}" + (f" by {current.reviewer}" if current.reviewer else ""), "dim"),
        )
        if current.rationale:
            text.append("\n" + current.rationale)
        if current.reused_from:
            text.append(f"\nreused from {current.reused_from}", style="dim")
        earlier = [v for v in self.detail.verdicts if v.id != current.id]
        if earlier:
            text.append(f"\n{len(earlier)} earlier verdict(s) in the history", style="dim")
        return text

    def _sources(self) -> Text:
        assert self.detail is not None
        if not self.detail.sources:
            return Text(word("no_sources", self.language), style="dim italic")
        lines = []
        for s in self.detail.sources:
            if s.id in self.fetching:
                state = Text("⟳ fetching…", style="italic")
            elif s.fetched_at:
                state = Text(f"✓ HTTP {s.http_status}", style="green" if (s.http_status or 0) < 400 else "red")
            else:
                state = Text("not fetched", style="dim")
            line = Text.assemble(s.url, "  ", state)
            if s.title:
                line.append("\n  " + short(s.title, 100), style="dim")
            lines.append(line)
        return Text("\n").join(lines)

    def _notes(self) -> Text:
        assert self.detail is not None
        if not self.detail.notes:
            return Text(word("no_notes", self.language), style="dim italic")
        return Text("\n").join(
            Text.assemble((f"{n.author}, {relative_time(n.created_at)}: ", "dim"), n.body) for n in self.detail.notes
        )

    def _history(self) -> Text:
        assert self.detail is not None
        return Text("\n").join(self._event_line(e) for e in reversed(self.detail.history)) or Text("–")

    @staticmethod
    def _event_line(event: EventView) -> Text:
        after = event.after or {}
        what = event.action
        if event.action == "verdict.set":
            what += f" {after.get('rating', '')}"
        elif event.action == "claim.status":
            what += f" → {after.get('status', '')}"
        elif event.action == "undo":
            what += " (reverted the previous change)"
        return Text.assemble((f"{relative_time(event.at)} ", "dim"), (f"{event.actor} ", "italic"), what)

    def _similar(self) -> RenderableType:
        if not self.similar:
            key = "similar_loading" if self.similar_loading else "no_similar"
            return Text(word(key, self.language), style="dim italic")
        lines: Sequence[Text] = [
            Text.assemble(
                (f"{n}. {m.score:.0%} ", "bold"),
                (f"{rating_label(m.rating, self.language)} ", RATING_COLOURS.get(m.rating, "")),
                short(m.text, 160),
                (f"\n   {similar_origin(m)}", "dim"),
                (f"\n   {word('matched', self.language)}: {', '.join(m.matched_terms[:8])}", "dim")
                if m.matched_terms
                else "",
            )
            for n, m in enumerate(self.similar, 1)
        ]
        return Group(*lines, Text(word("reuse_hint", self.language), style="dim italic"))


def similar_origin(match: SimilarMatch) -> str:
    """Where a checked claim comes from: publisher, date, URL or the claim it was checked as."""
    where = match.url or (f"claim #{match.claim_id}" if match.claim_id else "")
    parts = [match.publisher or "", match.published or "", where]
    if match.original_label and match.original_label.casefold() != match.label_en.casefold():
        parts.append(f"“{match.original_label}”")
    return " · ".join(p for p in parts if p)
