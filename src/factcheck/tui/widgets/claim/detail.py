"""The claim detail pane: everything known about the current claim, one titled section each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from factcheck.evidence_lines import EvidenceLine, evidence_lines
from factcheck.extract.dates import year_inferred, year_unknown
from factcheck.services.views import ClaimDetail, EventView, SimilarMatch
from factcheck.tui.i18n import action_phrase, cue_label, t, tn
from factcheck.tui.presentation import (
    RATING_COLOURS,
    kind_badges,
    kind_label,
    match_label,
    number,
    rating_label,
    relative_time,
    review_label,
    safe,
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
        # Each kind with its table badge, so the letters of the claim list read as a legend here.
        kinds = ", ".join(f"{kind_badges([str(k)]).plain} {kind_label(str(k), self.language)}" for k in c.kinds) or "–"
        return Text.assemble(safe(c.text), "\n", (f"{kinds} · {short(self.detail.article_title, 200)}", "dim"))

    def _fields(self) -> Text:
        assert self.detail is not None
        c = self.detail.claim
        lang = self.language
        lines: list[Text] = []
        # Fields are JSON from whichever extractor version stored them: read each key defensively.
        for d in _dicts(c.dates):
            value = d.get("value") or (
                t("year_unknown", lang) if year_unknown(d) else t("relative", lang) if d.get("relative") else "?"
            )
            lines.append(
                Text.assemble(
                    (t("field.date", lang) + " ", "dim"),
                    short(d.get("text", ""), 200),
                    " → ",
                    (short(value, 60), "bold"),
                    (f" ({t('year_inferred', lang)})" if year_inferred(d) else "", "dim"),
                )
            )
        for q in _dicts(c.quotes):
            speaker = short(q.get("speaker") or t("unknown_speaker", lang), 80)
            lines.append(
                Text.assemble(
                    (t("field.quote", lang) + " ", "dim"), f"„{short(q.get('text', ''), 300)}“ — ", (speaker, "italic")
                )
            )
        for s in c.speakers:
            lines.append(Text.assemble((t("field.who", lang) + " ", "dim"), short(s, 80)))
        for n in _dicts(c.quantities):
            value = n.get("value")
            unit = short(n.get("unit") or "", 40)
            shown = f"{number(value, lang)} {unit}".strip() if isinstance(value, int | float) else unit or "?"
            lines.append(
                Text.assemble(
                    (t("field.qty", lang) + " ", "dim"), short(n.get("text", ""), 200), " → ", (shown, "bold")
                )
            )
        for place in c.places:
            lines.append(Text.assemble((t("field.place", lang) + " ", "dim"), short(place, 80)))
        cues = [str(cue.get("text", "")) for cue in _dicts(c.time_cues)]
        if cues and isinstance(c.as_of, str):  # true as of a day: a verdict on it can go stale
            lines.append(
                Text.assemble(
                    (t("field.as_of", lang) + " ", "dim"),
                    (short(c.as_of, 20), "bold"),
                    f" ({t('time_sensitive', lang)}: „{short('“, „'.join(cues), 120)}“)",
                )
            )
        return Text("\n").join(lines) if lines else Text(word("no_fields", lang), style="dim italic")

    def _checkworthiness(self) -> Text:
        assert self.detail is not None
        c = self.detail.claim
        score = c.checkworthiness if isinstance(c.checkworthiness, int | float) else 0.0
        score = min(max(score, 0.0), 1.0) if score == score else 0.0  # NaN and out-of-range from old data
        filled = round(score * 10)
        bar = Text.assemble(("█" * filled, "bold"), ("░" * (10 - filled), "dim"))
        verdict = t("checkworthy" if c.checkworthy else "not_checkworthy", self.language)
        text = Text.assemble(bar, f" {score:.2f} {verdict}")
        cues = [str(cue) for cue in self.detail.cues if str(cue).startswith("cw:")]
        if cues:
            text.append("\n" + short(", ".join(cue_label(cue, self.language) for cue in cues), 400), style="dim")
        return text

    def _verdict(self) -> Text:
        assert self.detail is not None
        lang = self.language
        current = self.detail.claim.verdict
        if current is None:
            return Text(word("no_verdict", lang), style="dim italic")
        label = rating_label(current.rating, lang)
        when = relative_time(current.created_at, language=lang)
        state = review_label(current.review_state, lang)
        review = (
            t("review_by", lang, state=state, who=short(current.reviewer, 60))
            if current.reviewer
            else t("review", lang, state=state)
        )
        text = Text.assemble(
            (label, f"bold {RATING_COLOURS.get(current.rating, '')}".strip()),
            ("  " + t("verdict_by", lang, who=short(current.checker, 60), when=when), "dim"),
            ("\n" + review, "dim"),
        )
        if current.review_comment:  # a rejection says what to change; it stays until a new verdict
            text.append("\n" + t("review_comment", lang, comment=safe(current.review_comment)), style="italic")
        if current.rationale:
            text.append("\n" + safe(current.rationale))
        if current.reused_from:
            text.append("\n" + t("reused_from", lang, origin=short(current.reused_from, 200)), style="dim")
        earlier = [v for v in self.detail.verdicts if v.id != current.id]
        if earlier:
            text.append("\n" + tn("earlier_verdicts", len(earlier), lang), style="dim")
        return text

    def _sources(self) -> Text:
        assert self.detail is not None
        if not self.detail.sources:
            return Text(word("no_sources", self.language), style="dim italic")
        return Text("\n").join(self._source(s) for s in self.detail.sources)

    def _source(self, s: Any) -> Text:
        """A source: address and state, then how each quote, date and number of the claim fared in it."""
        lang = self.language
        if s.id in self.fetching:
            state = Text(t("fetching", lang), style="italic")
        elif getattr(s, "state", None) == "failed":
            reason = short(getattr(s, "error", None) or (f"HTTP {s.http_status}" if s.http_status else "?"), 120)
            state = Text(f"✗ {reason}", style="red")
        elif s.fetched_at:
            state = Text(f"✓ HTTP {s.http_status}" if s.http_status else "✓", style="green")
        else:
            state = Text(t("not_fetched", lang), style="dim")
        line = Text.assemble(short(s.url, 300), "  ", state)
        if s.title:
            line.append("\n  " + short(s.title, 100), style="dim")
        snapshots = getattr(s, "snapshots", None) or []
        if len(snapshots) > 1:
            changed = snapshots[-1].changed
            key = "source.changed" if changed else "source.unchanged" if changed is False else "source.refetched"
            line.append("\n  " + t(key, lang, n=len(snapshots)), style="yellow" if changed else "dim")
        checked = getattr(s, "checked", None)
        if checked is not None and checked is not getattr(s, "latest", None):  # the newest fetch failed
            line.append("\n  " + t("source.evidence_as_of", lang, when=short(checked.fetched_at, 40)), style="dim")
        for evidence in evidence_lines(getattr(s, "checks", None), lang):
            line.append("\n")
            line.append_text(self._evidence(evidence))
        return line

    def _evidence(self, e: EvidenceLine) -> Text:
        """One line of the check, and for a quote the source's passage (found) or the diff (differences)."""
        colour = "green" if e.confirmed else "yellow" if e.outcome == "differences" else "red"
        subject = f"„{short(e.subject, 80)}“" if e.kind == "quote" else short(e.subject, 60)
        score = f" ({e.score:.0%})" if e.score is not None and e.outcome == "differences" else ""
        if e.kind == "quote":
            text = Text.assemble("  ", (f"{e.glyph} {e.words}{score}", colour), ": ", subject)
        else:  # "✓ 18. März 2025: in the source", as the reports say it
            text = Text.assemble("  ", (e.glyph, colour), f" {subject}: ", (e.words, colour))
        if e.diff:
            text.append("\n    ")
            for tag, words in e.diff:
                if tag == "delete":  # in the quote, not in the source
                    text.append(f"[-{safe(words)}-]", style="red strike")
                elif tag == "insert":  # in the source, not in the quote
                    text.append(f"{{+{safe(words)}+}}", style="green underline")
                else:
                    text.append(safe(words))
                text.append(" ")
        elif e.passage and e.context and e.kind == "quote":
            text.append("\n    ")
            text.append_text(_passage_in_context(e.passage, e.context))
        return text

    def _notes(self) -> Text:
        assert self.detail is not None
        if not self.detail.notes:
            return Text(word("no_notes", self.language), style="dim italic")
        return Text("\n").join(
            Text.assemble(
                (f"{short(n.author, 60)}, {relative_time(n.created_at, language=self.language)}: ", "dim"), safe(n.body)
            )
            for n in self.detail.notes
        )

    def _history(self) -> Text:
        assert self.detail is not None
        by_id = {e.id: e for e in self.detail.history}
        lines = [self._event_line(e, by_id) for e in reversed(self.detail.history)]
        return Text("\n").join(lines) or Text("–")

    def _event_line(self, event: EventView, by_id: dict[int, EventView]) -> Text:
        lang = self.language
        what = self._phrase(event)
        if event.action == "undo":
            undone = by_id.get((event.after or {}).get("undid_event") or 0)
            what = action_phrase("undo", None, lang) + (f": {self._phrase(undone)}" if undone else "")
        when = relative_time(event.at, language=lang)
        return Text.assemble((f"{when} ", "dim"), (f"{short(event.actor, 60)} ", "italic"), what)

    def _phrase(self, event: EventView) -> str:
        return action_phrase(event.action, event.after, self.language)

    def _similar(self) -> RenderableType:
        lang = self.language
        if not self.similar:
            key = "similar_loading" if self.similar_loading else "no_similar"
            return Text(word(key, lang), style="dim italic")
        lines: Sequence[Text] = [
            Text.assemble(
                (f"{n}. {m.score:.0%} ", "bold"),
                (f"{match_label(m, lang)} ", RATING_COLOURS.get(m.rating, "")),
                short(m.text, 160),
                (f"\n   {similar_origin(m, lang)}", "dim"),
                (f"\n   ! {t('possibly_outdated', lang, day=m.as_of)}", "bold") if m.possibly_outdated else "",
                (f"\n   {word('matched', lang)}: {short(', '.join(m.matched_terms[:8]), 200)}", "dim")
                if m.matched_terms
                else "",
            )
            for n, m in enumerate(self.similar, 1)
        ]
        return Group(*lines, Text(word("reuse_hint", lang), style="dim italic"))


def _dicts(values: object) -> list[dict[str, Any]]:
    """The dict entries of a stored field list (older data may hold other shapes)."""
    return [v for v in values if isinstance(v, dict)] if isinstance(values, list) else []


def similar_origin(match: SimilarMatch, language: str = "en") -> str:
    """Where a checked claim comes from: publisher, date, URL or the claim it was checked as."""
    where = match.url or (t("claim_ref", language, id=match.claim_id) if match.claim_id else "")
    claimed = t("claimed_on", language, day=match.claim_date) if match.claim_date else ""
    parts = [match.publisher or "", claimed, match.published or "", where]
    if match.original_label and match.original_label.casefold() != match.label_en.casefold():
        parts.append(f"“{match.original_label}”")
    return short(" · ".join(p for p in parts if p), 300)


def _passage_in_context(passage: str, context: str, width: int = 240) -> Text:
    """The words around a passage of a source, the passage itself in bold (cut to about `width`)."""
    at = context.find(passage)
    if at < 0:
        return Text(short(context, width), style="dim")
    room = max((width - len(passage)) // 2, 20)
    before, after = context[max(at - room, 0) : at], context[at + len(passage) : at + len(passage) + room]
    lead = " ".join(safe(before).split()) + (" " if before[-1:].isspace() else "")
    tail = (" " if after[:1].isspace() else "") + " ".join(safe(after).split())
    return Text.assemble(
        ("…" if at > room else "") + lead,
        (" ".join(safe(passage).split()), "bold"),
        tail + ("…" if at + len(passage) + room < len(context) else ""),
    )
