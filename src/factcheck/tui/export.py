"""The export dialog's logic without widgets: file names, suffixes and the remembered choices.

The dialog (screens/export_modal.py) prefills `<folder>/<slug-of-title><suffix>`: the folder and the
format of the last export, else the working directory and HTML. The language and the publisher are
remembered too; "include notes" and "only checked" are not, so internal notes never slip into a report
for publication because they were wanted in the previous one.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.report.model import FORMATS
from factcheck.report.render import SUFFIXES
from factcheck.text.control import clean_input
from factcheck.tui import settings

SECTION = "export"
DEFAULT_FORMAT = "html"
REPORT_LANGUAGES = ("de", "en")
SLUG_LENGTH = 60

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# Longest first: ".claimreview.json" must win over ".json".
_KNOWN_SUFFIXES = sorted(set(SUFFIXES.values()), key=len, reverse=True)


def slug(title: str, *, fallback: str) -> str:
    """A file name stem from a title: ASCII, lower case, words joined by "-", at most 60 characters.

    German letters are spelled out (ä → ae, ß → ss), other accents dropped; `fallback` when nothing is left.
    """
    text = unicodedata.normalize("NFC", clean_input(title)).translate(_FOLD)  # escape sequences go whole
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = _NOT_SLUG.sub("-", text).strip("-")
    if len(text) > SLUG_LENGTH:
        cut = text[:SLUG_LENGTH]
        text = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return text or fallback


def known_suffix(name: str) -> str | None:
    """The report suffix `name` ends with (".claimreview.json" before ".json"), or None."""
    lower = name.lower()
    return next((s for s in _KNOWN_SUFFIXES if lower.endswith(s) and len(name) > len(s)), None)


def format_of(name: str) -> str | None:
    """The format a file name's report suffix stands for ("a.csv" → "csv"), or None."""
    suffix = known_suffix(name)
    return next((f for f, s in SUFFIXES.items() if s == suffix), None) if suffix else None


def with_format(path_text: str, fmt: str) -> str:
    """`path_text` with its report suffix replaced by the one of `fmt`; unchanged without one."""
    suffix = known_suffix(path_text)
    if suffix is None:
        return path_text
    return path_text[: -len(suffix)] + SUFFIXES[fmt]


def shown_path(path: Path) -> str:
    """A path as the dialog shows it: "~/…" under the home folder, else absolute."""
    try:
        home = Path.home()
        relative = path.relative_to(home)
    except (ValueError, RuntimeError):
        return str(path)
    return str(Path("~") / relative) if str(relative) != "." else "~"


def target_path(typed: str, fmt: str, default_name: str, *, cwd: Path | None = None) -> Path | None:
    """Where the report goes for what was typed; None for an empty field.

    "~" is expanded and a relative path is taken from the working directory. A folder (an existing one,
    or anything typed with a trailing "/") gets the default file name; a name without any suffix gets
    the format's.
    """
    typed = typed.strip()
    if not typed:
        return None
    folder_only = typed.endswith(("/", os.sep))
    path = Path(typed).expanduser()
    if not path.is_absolute():
        path = (cwd or Path.cwd()) / path
    if folder_only or path.is_dir():
        return path / default_name
    if not path.suffix:
        path = path.with_name(path.name + SUFFIXES[fmt])
    return path


def _text(value: Any, *, limit: int = 4096) -> str | None:
    """A remembered string, or None when it is missing, not a string, too long or holds controls."""
    if not isinstance(value, str) or not value.strip() or len(value) > limit or _CONTROLS.search(value):
        return None
    return value


@dataclass
class ExportDefaults:
    """What the dialog starts with; `load` reads the remembered values, `remember` stores new ones."""

    format: str = DEFAULT_FORMAT
    folder: Path | None = None
    lang: str | None = None
    publisher: str = ""
    last_article: int | None = None
    last_name: str | None = None

    @classmethod
    def load(cls) -> ExportDefaults:
        """The remembered choices; anything odd in the file is ignored value by value.

        The publisher falls back to FACTCHECK_PUBLISHER (as for `factcheck report`)."""
        stored = settings.load(SECTION)
        fmt = stored.get("format")
        lang = stored.get("lang")
        folder = _text(stored.get("folder"))
        name = _text(stored.get("name"), limit=255)
        article = stored.get("article")
        publisher = _text(stored.get("publisher"), limit=300) or _text(os.environ.get("FACTCHECK_PUBLISHER"), limit=300)
        return cls(
            format=fmt if fmt in FORMATS else DEFAULT_FORMAT,
            folder=Path(folder) if folder and Path(folder).is_absolute() else None,
            lang=lang if lang in REPORT_LANGUAGES else None,
            publisher=publisher or "",
            last_article=article if isinstance(article, int) and not isinstance(article, bool) else None,
            last_name=name if name and "/" not in name and os.sep not in name else None,
        )

    def file_name(self, article_id: int, title: str, fmt: str) -> str:
        """The last file name for the same article (suffix following `fmt`), else the title's slug."""
        if self.last_name and self.last_article == article_id and known_suffix(self.last_name):
            return with_format(self.last_name, fmt)
        return slug(title, fallback=f"article-{article_id}") + SUFFIXES[fmt]

    def initial_path(self, article_id: int, title: str, fmt: str, *, cwd: Path | None = None) -> str:
        folder = self.folder or cwd or Path.cwd()
        return shown_path(folder / self.file_name(article_id, title, fmt))

    @staticmethod
    def remember(*, article_id: int, path: Path, fmt: str, lang: str, publisher: str) -> bool:
        """Store the choices of an export that succeeded (False when the config file cannot be written)."""
        return settings.remember(
            SECTION,
            {
                "format": fmt,
                "folder": str(path.parent),
                "name": path.name,
                "article": article_id,
                "lang": lang,
                "publisher": publisher.strip(),
            },
        )
