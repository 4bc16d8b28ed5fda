"""From input bytes to a repaired, titled, language-tagged document (pure; no I/O)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from factcheck.errors import InputError
from factcheck.text.clean import clean_text
from factcheck.text.control import clean_input, terminal_safe
from factcheck.text.decode import decode_with_warnings
from factcheck.text.html import html_to_text
from factcheck.text.language import SUPPORTED, detect_language, guess_title, unsupported_language
from factcheck.text.layout import RepairedText, repair_layout

FORMATS = ("text", "markdown", "html")
_HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    raw_text: str  # what the offsets trace back to (for HTML: the extracted main text)
    repaired: RepairedText
    title: str
    language: str
    format: str
    sha256: str
    published: str | None = None
    # One line each, for the user (stderr / a notice): invalid bytes replaced, mojibake repaired, controls removed.
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.repaired.text


def detect_format(name: str = "", content_type: str = "", head: str = "") -> str:
    lowered = name.lower().split("?", 1)[0]
    if "html" in content_type or lowered.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if "markdown" in content_type or lowered.endswith((".md", ".markdown")):
        return "markdown"
    if _HTML_START.match(head):
        return "html"
    return "text"


def content_hash(text: str) -> str:
    """Identity of an article: same text (ignoring line-ending and trailing-space noise) → same hash."""
    canonical = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return hashlib.sha256(canonical.strip().encode("utf-8")).hexdigest()


def prepare_document(
    data: bytes,
    *,
    name: str = "",
    content_type: str = "",
    title: str | None = None,
    language: str | None = None,
) -> Document:
    """Decode, extract main text (HTML), repair characters and layout, detect title and language.

    Raises InputError (one line) for input that is empty, binary, too large or in an unsupported language.
    """
    decoded = decode_with_warnings(data)
    text = decoded.text
    fmt = detect_format(name, content_type, text[:200])
    published = None
    html_title = None
    if fmt == "html":
        # Escape sequences go before the HTML parser sees them: it would keep their printable tail
        # ("[?1049h") and turn ESC into text. No offsets are lost: the raw text of an HTML article is
        # the main text extracted from it.
        article = html_to_text(clean_input(text))
        text, html_title, published = article.text, article.title, article.published
    repaired = repair_layout(text, markdown=fmt in ("markdown", "html"))
    if not repaired.text.strip():
        raise InputError("empty input: no text to import")
    if language is not None and language not in SUPPORTED:
        raise InputError(f"unsupported language {terminal_safe(language, one_line=True)!r}: use de or en")
    if language is None and (other := unsupported_language(repaired.text)) is not None:
        # claims extracted with German or English rules from French text are wrong, not just weaker
        code, name = other
        raise InputError(
            f"unsupported language: looks like {name} ({code}); factcheck supports {', '.join(SUPPORTED)}"
            " (give --lang de or --lang en to import it anyway)"
        )
    return Document(
        raw_text=text,
        repaired=repaired,
        # a title from the user or the page is stored text too: no control characters in it
        title=" ".join(clean_input(clean_text(title or html_title or guess_title(repaired)).text).split()),
        language=language or detect_language(repaired.text),
        format=fmt,
        sha256=content_hash(text),
        published=published,
        warnings=decoded.warnings + repaired.notes,
    )
