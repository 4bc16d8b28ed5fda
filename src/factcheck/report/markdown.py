"""The report as Markdown (CommonMark): for the desk's wiki, a ticket or a mail.

Stored text is escaped so that it can neither format the report nor inject HTML into a Markdown
viewer: the punctuation that opens inline constructs (emphasis, code, links, HTML, entities, tables,
strikethrough) is backslash-escaped everywhere (CommonMark §2.4), and a block marker (#, -, +, >, =,
"1.") at the start of a value too; line breaks inside a field become spaces; control characters
are shown as escapes (text.control). Dots and hyphens inside text stay as they are, so the raw
Markdown stays readable.
"""

from __future__ import annotations

import re

from factcheck.report.fields import (
    as_of_text,
    date_text,
    evidence_text,
    quantity_text,
    quote_text,
    source_evidence,
    source_status,
)
from factcheck.report.model import ReportClaim, ReportData
from factcheck.report.words import check_language, kinds, rating_label, state, word
from factcheck.services.views import SourceView
from factcheck.text.control import terminal_safe

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_BLOCK_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])")


def md(text: object) -> str:
    """One line of stored text, safe inside Markdown: escaped punctuation, no line breaks, no controls."""
    return _INLINE.sub(r"\\\1", terminal_safe(text, one_line=True))


def md_lines(text: object, indent: int) -> str:
    """Stored text of several lines (a rationale, a note) inside a list item: each line escaped as by
    `md` and `md_line_start`, joined by hard line breaks (a trailing backslash, CommonMark §6.7) and
    indented by `indent` so they stay in the item. Blank lines are dropped: they would end the item."""
    lines = [line for line in terminal_safe(text).splitlines() if line.strip()]
    if not lines:
        return ""
    rest = [md_line_start(line.strip()) for line in lines[1:]]
    return "\\\n".join([md(lines[0]), *(" " * indent + line for line in rest)])


def md_line_start(text: object) -> str:
    """`md` for a value that begins a line, where a leading #, -, +, =, > or "1." would open a block."""
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), md(text))


def _verdict_lines(item: ReportClaim, lang: str) -> list[str]:
    verdict = item.claim.verdict
    if verdict is None:
        return [f"- **{word('verdict', lang)}:** {word('no_verdict', lang)}"]
    lines = [f"- **{word('verdict', lang)}:** {md(rating_label(verdict.rating, lang))}"]
    if verdict.rationale:
        lines.append(f"- **{word('rationale', lang)}:** {md_lines(verdict.rationale, 2)}")
    checker = md(verdict.checker) + (f" ({md(verdict.created_at)})" if verdict.created_at else "")
    lines.append(f"- **{word('checker', lang)}:** {checker}")
    review = md(state(verdict.review_state, lang))
    if verdict.reviewer:
        review += f", {word('reviewer', lang)}: {md(verdict.reviewer)}"
    lines.append(f"- **{word('review', lang)}:** {review}")
    if verdict.review_comment:
        lines.append(f"- **{word('review_comment', lang)}:** {md_lines(verdict.review_comment, 2)}")
    if item.reused:
        reused = item.reused
        where = f" <{reused.url}>" if _linkable(reused.url) else ""  # never <javascript:…>: an autolink
        lines.append(
            f"- **{word('reused', lang)}:** {md(reused.text)} ({md(reused.original_label or reused.rating)}"
            f"{', ' + md(reused.publisher) if reused.publisher else ''}){where}"
        )
    return lines


def _source_line(s: SourceView, lang: str) -> str:
    title = md(s.title or s.url)
    if _linkable(s.url):
        parts = [f"[{title}](<{s.url}>)"]
    else:  # a file the checker holds: its title and where it lies, so two of one title stay apart
        parts = [f"{md(s.title)} ({md(s.url)})" if s.title else md(s.url)]
    if s.archive_url:
        parts.append(f"[{word('archive', lang)}](<{s.archive_url}>)" if _linkable(s.archive_url) else md(s.archive_url))
    parts.append(md(source_status(s, lang)))
    line = "  - " + " · ".join(parts)
    # how the claim fared in the source, one sub-item per quote, date and number
    return "\n".join([line, *(f"    - {md(evidence_text(e, lang))}" for e in source_evidence(s, lang))])


def _linkable(url: str | None) -> bool:
    """A web address that can sit in `<…>` as a Markdown link destination."""
    return bool(url) and url.startswith(("http://", "https://")) and not re.search(r"[\s<>\x00-\x1f\x7f]", url)


def _claim_section(item: ReportClaim, lang: str) -> list[str]:
    c = item.claim
    lines = [f'### <a id="claim-{c.id}"></a>{word("claim", lang)} {c.id}', "", f"> {md_line_start(c.text)}", ""]
    lines.append(f"- **{word('paragraph', lang)}:** {item.paragraph}")
    lines.append(f"- **{word('status', lang)}:** {md(state(c.status, lang))}")
    if c.kinds:
        lines.append(f"- **{word('kinds', lang)}:** {md(kinds(c.kinds, lang))}")
    for key, values in (
        ("dates", [date_text(d, lang) for d in c.dates]),
        ("quotes", [quote_text(q, lang) for q in c.quotes]),
        ("speakers", c.speakers),
        ("places", c.places),
        ("quantities", [quantity_text(q) for q in c.quantities]),
        ("holds_as_of", [text] if (text := as_of_text(c, lang)) else []),
    ):
        if values:
            lines.append(f"- **{word(key, lang)}:** " + "; ".join(md(v) for v in values))
    lines.extend(_verdict_lines(item, lang))
    lines.append(f"- **{word('sources', lang)}:**" + ("" if item.sources else f" {word('no_sources', lang)}"))
    lines.extend(_source_line(s, lang) for s in item.sources)
    if item.notes:
        lines.append(f"- **{word('notes', lang)}:**")
        lines.extend(f"  - {md(n.author)} ({md(n.created_at)}): {md_lines(n.body, 4)}" for n in item.notes)
    return [*lines, ""]


def summary_lines(data: ReportData, lang: str) -> list[str]:
    """The summary as words, one line each (shared with the plain-text parts of other formats)."""
    s = data.summary
    lines = [
        f"{word('claims', lang)}: {s.claims} ({word('checked', lang)} {s.checked}, {word('in_progress', lang)} "
        f"{s.in_progress}, {word('open', lang)} {s.open}; {word('dismissed', lang)} {s.dismissed})",
        f"{word('verdicts', lang)}: {s.verdicts} ({word('reviewed', lang)} {s.reviewed}, {s.reviewed_share:.0%})",
    ]
    lines.extend(f"{rating_label(key, lang)}: {count}" for key, count in s.per_rating.items())
    return lines


def render_markdown(data: ReportData, lang: str) -> str:
    """The whole report as Markdown text ending in one newline. `lang` is "de" or "en"."""
    check_language(lang)
    a = data.article
    lines = [f"# {word('report', lang)}: {md(a.title)}", ""]
    lines.append(f"- **{word('source', lang)}:** " + (f"<{a.url}>" if _linkable(a.url) else md(a.origin)))
    lines.append(f"- **{word('imported', lang)}:** {md(a.imported_at)} {word('imported_by', lang)} {md(a.imported_by)}")
    if a.published:
        lines.append(f"- **{word('published', lang)}:** {md(a.published)}")
    lines.append(f"- **{word('as_of', lang)}:** {md(data.as_of)}")
    lines += ["", f"## {word('summary', lang)}", ""]
    lines.extend(f"- {md(line)}" for line in summary_lines(data, lang))
    lines += ["", f"## {word('claims', lang)}", ""]
    if data.only == "checked":
        lines += [f"_{word('only_checked', lang)}_", ""]
    if not data.claims:
        lines += [word("no_claims", lang), ""]
    for item in data.claims:
        lines.extend(_claim_section(item, lang))
    return "\n".join(lines).rstrip("\n") + "\n"
