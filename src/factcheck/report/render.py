"""One entry point for every report format (the CLI and the TUI export dialog call this)."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.report.model import FORMATS, ReportData
from factcheck.report.words import LANGUAGES

SUFFIXES = {"md": ".md", "html": ".html", "json": ".json", "csv": ".csv", "claimreview": ".claimreview.json"}


@dataclass(frozen=True)
class ReportOptions:
    """How to render: `format` one of FORMATS; `lang` "de"/"en" (None: the article's language, else
    English); publisher fields for ClaimReview (required there, optional for the HTML's JSON-LD)."""

    format: str = "md"
    lang: str | None = None
    publisher: str | None = None
    publisher_url: str | None = None
    url_base: str = ""
    include_unreviewed: bool = False  # ClaimReview: pending verdicts too (rejected ones never)


def check_options(options: ReportOptions) -> None:
    """ValueError with a one-line message for an unknown format or language, or an address that is
    not a web address (what is published must not link to `javascript:` or a local file)."""
    if options.format not in FORMATS:
        raise ValueError(f"unknown report format {options.format!r}: use {', '.join(FORMATS)}")
    if options.lang is not None and options.lang not in LANGUAGES:
        raise ValueError(f"unsupported report language {options.lang!r}: use de or en")
    for name, value in (("--publisher-url", options.publisher_url), ("--url-base", options.url_base)):
        if value and not value.startswith(("https://", "http://")):
            raise ValueError(f"{name} must be a web address (http:// or https://), not {value[:60]!r}")


def format_for_path(path: str) -> str | None:
    """The format a file name asks for by its suffix ("r.html" → html), None when it names none."""
    name = path.lower()
    for fmt, suffix in sorted(SUFFIXES.items(), key=lambda item: -len(item[1])):  # .claimreview.json first
        if name.endswith(suffix):
            return fmt
    return {".markdown": "md", ".htm": "html"}.get(name[name.rfind(".") :]) if "." in name else None


def report_language(data: ReportData, options: ReportOptions) -> str:
    if options.lang:
        return options.lang
    return data.article.language if data.article.language in LANGUAGES else "en"


def render(data: ReportData, options: ReportOptions) -> str:
    """The report text in `options.format`. Raises ValueError (check_options) and
    claimreview.PublisherMissing for ClaimReview without a publisher."""
    check_options(options)
    lang = report_language(data, options)
    if options.format == "md":
        from factcheck.report.markdown import render_markdown

        return render_markdown(data, lang)
    if options.format == "csv":
        from factcheck.report.table import render_csv

        return render_csv(data, lang)
    if options.format == "json":
        from factcheck.report.jsondoc import render_json

        return render_json(data, lang)
    publisher = {
        "publisher": options.publisher,
        "publisher_url": options.publisher_url,
        "url_base": options.url_base,
        "include_unreviewed": options.include_unreviewed,
    }
    if options.format == "html":
        from factcheck.report.html import render_html

        return render_html(data, lang, **publisher)  # type: ignore[arg-type]
    from factcheck.report.claimreview import render_claimreview

    return render_claimreview(data, **publisher)  # type: ignore[arg-type]
