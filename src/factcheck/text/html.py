"""Main text of an HTML page, without navigation and boilerplate (trafilatura)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.errors import InputError

# trafilatura marks <b>/<i> as Markdown emphasis; a claim's text should not carry the asterisks.
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def strip_emphasis(markdown: str) -> str:
    return _EMPHASIS.sub(r"\2", _STRONG.sub(r"\2", markdown))


@dataclass(frozen=True)
class HtmlArticle:
    title: str | None
    text: str  # Markdown-flavoured: "# " headings, paragraphs separated by blank lines
    published: str | None


def html_to_text(html: str) -> HtmlArticle:
    import trafilatura  # heavy (lxml and friends): loaded only when HTML arrives

    try:
        text = trafilatura.extract(
            html, output_format="markdown", include_formatting=True, include_comments=False, include_tables=False
        )
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"cannot read HTML: {exc}") from exc
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page")
    title = meta.title if meta is not None else None
    published = meta.date if meta is not None else None
    return HtmlArticle(title=title, text=strip_emphasis(text), published=published)
