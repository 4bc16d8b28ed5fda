"""The text of a fetched source: HTML (main text and metadata), PDF, plain text, JSON; anything else is kept
as a link. Pure: bytes in, text out, no I/O.

Every text is cleaned as article text is (control characters and terminal escapes removed, mojibake
repaired, soft hyphens and ligatures folded; PDFs get the layout repair of pasted PDF text), so what a
page holds never drives a terminal and quotes are compared with the words, not the bytes.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, replace

from factcheck.errors import FactcheckError
from factcheck.text.clean import clean_text
from factcheck.text.control import clean_input
from factcheck.text.decode import decode_bytes

KINDS = ("html", "pdf", "text", "json", "other")
MAX_PDF_PAGES = 2000  # beyond this the rest of a PDF is left out (and said so)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|p|div)\b", re.I | re.S)
_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".csv", ".tsv")


@dataclass(frozen=True)
class SourceContent:
    """What a source says. `text` is None for a document kept as a link (an image, an archive) and for a
    failure; `error` says why a document that should have text has none."""

    kind: str  # one of KINDS
    text: str | None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when the document states one
    error: str | None = None
    notes: tuple[str, ...] = ()


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def kind_of(body: bytes, content_type: str, name: str = "") -> str:
    """html, pdf, text, json or other: by the first bytes, then the declared type, then the file name."""
    mime = media_type(content_type)
    lowered = name.lower().split("?", 1)[0]
    if body[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if mime == "application/pdf" or lowered.endswith(".pdf"):
        return "pdf"
    if mime in ("text/html", "application/xhtml+xml") or lowered.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if mime == "application/json" or mime.endswith("+json") or lowered.endswith(".json"):
        return "json"
    if _HTML_START.match(body[:4096]):
        return "html"
    if mime.startswith("text/") or lowered.endswith(_TEXT_SUFFIXES):
        return "text"
    if mime in ("", "application/octet-stream", "binary/octet-stream") and _looks_like_text(body):
        return "text"
    return "other"


def _looks_like_text(body: bytes) -> bool:
    try:
        decode_bytes(body[:65536])
    except FactcheckError:
        return False
    return True


def extract_content(body: bytes, content_type: str = "", name: str = "") -> SourceContent:
    """The text and metadata of a document; never raises for what the document holds."""
    content = _extracted(body, content_type, name)
    if content.text is not None and "\f" in content.text:
        # page breaks (which the layout repair reads) end as paragraph breaks: no control character is
        # kept in a source's text (found by an attack: the workbench showed "\x0c")
        content = replace(content, text=content.text.replace("\f", "\n\n"))
    return content


def _extracted(body: bytes, content_type: str, name: str) -> SourceContent:
    kind = kind_of(body, content_type, name)
    if kind == "other":
        return SourceContent("other", None)
    try:
        if kind == "pdf":
            return _pdf(body)
        if kind == "html":
            return _html(body)
        text = decode_bytes(body, max_bytes=len(body) + 1)
        if kind == "json":
            return _json(text)
        return SourceContent("text", _cleaned(text))
    except FactcheckError as exc:
        return SourceContent(kind, None, error=f"{_KIND_NAMES[kind]}: {exc}")


_KIND_NAMES = {"html": "not a readable web page", "text": "not readable text", "json": "not readable JSON"}


def _cleaned(text: str) -> str:
    return clean_text(text).text.strip()


def one_line(value: object, limit: int = 500) -> str | None:
    """A title or name from a document: no control characters, one line, at most `limit` characters."""
    if not isinstance(value, str):
        return None
    text = " ".join(clean_input(value).split())
    return text[:limit] or None


def _html(body: bytes) -> SourceContent:
    import trafilatura  # heavy (lxml and friends): loaded only when HTML arrives

    html = decode_bytes(body, max_bytes=len(body) + 1)
    text = None
    try:
        text = trafilatura.extract(
            html, output_format="txt", include_comments=False, include_tables=True, favor_recall=True
        )
        # extensive=False: a date the page states in its markup, never one guessed from the text (an attack
        # showed the claim's own date, or "2019-01-01" from "im Jahr 2019", as the publication date)
        meta = trafilatura.extract_metadata(html, extensive=False)
    except Exception:  # trafilatura raises assorted lxml errors on broken markup
        meta = None
    if not text or not text.strip():
        try:  # no main text found (a short page, a list): all the page's text then
            text = trafilatura.html2txt(html)
        except Exception:
            text = None
    if not text or not text.strip():
        return SourceContent("html", None, error="the web page has no text")
    return SourceContent(
        "html",
        _cleaned(text),
        title=one_line(getattr(meta, "title", None)),
        author=one_line(getattr(meta, "author", None)),
        published=_iso_date(getattr(meta, "date", None)),
    )


def _iso_date(value: object) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None


def _json(text: str) -> SourceContent:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        message = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split("\n", 1)[0]
        return SourceContent("json", None, error=f"not readable JSON: {message}")
    try:
        pretty = json.dumps(value, ensure_ascii=False, indent=2)
    except (ValueError, RecursionError):
        return SourceContent("json", None, error="not readable JSON: nested too deeply")
    return SourceContent("json", _cleaned(pretty))


def _pdf(body: bytes) -> SourceContent:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from factcheck.text.layout import repair_layout

    notes: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not reader.decrypt(""):
            return SourceContent("pdf", None, error="the PDF is encrypted")
        pages = reader.pages
        count = len(pages)
        texts = []
        for number in range(min(count, MAX_PDF_PAGES)):
            texts.append(pages[number].extract_text() or "")
        if count > MAX_PDF_PAGES:
            notes.append(f"only the first {MAX_PDF_PAGES} of {count} pages were read")
        info = reader.metadata
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        return SourceContent("pdf", None, error=f"cannot read the PDF: {str(exc)[:200] or type(exc).__name__}")
    except Exception as exc:  # pypdf on hostile files: whatever it raises is a reading failure, not a crash
        return SourceContent("pdf", None, error=f"cannot read the PDF: {type(exc).__name__}")
    # Pages joined by form feeds: the layout repair knows page breaks and running headers by them.
    raw = "\f".join(texts)
    if not raw.strip():
        return SourceContent("pdf", None, error="PDF has no text layer")
    text = repair_layout(raw).text.strip()
    title = author = published = None
    if info is not None:
        try:
            title, author = one_line(info.title), one_line(info.author)
            created = info.creation_date
            published = created.date().isoformat() if created is not None else None
        except Exception:  # metadata in a form pypdf cannot parse: the text still counts
            pass
    return SourceContent("pdf", text, title=title, author=author, published=published, notes=tuple(notes))
