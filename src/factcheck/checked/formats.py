"""Parsers for external checked-claim files: bytes in, a list of `CheckedRecord` out, or an error.

Formats (chosen by content first, then by extension):
- schema.org ClaimReview as JSON / JSON-LD: one object, a list, an `@graph`, nested in other
  objects (e.g. a WebPage's `mainEntity`), or Google Fact Check Tools' `{"claims": [...]}` shape;
  also inside HTML `<script type="application/ld+json">` blocks of publishers' pages.
- CSV with a header: claim, verdict, url, date, language (+ optional publisher, title, id);
  German header names (behauptung, bewertung, quelle, datum, sprache, ...) work too; `,` `;` or TAB.
- CLEF-2020 `verified_claims.docs.tsv` (id, vclaim, title; Snopes, no verdicts -> "unverifiable").

A publisher label we do not know becomes rating key "unmapped" with the label kept (checked.labels);
a ClaimReview keeps its claim's date, every claimant and every appearance URL, and the language of a
record is that of the claim text (the review's languageCode only when the text does not say).
- CLEF-2022 `vclaims.jsonl` (vclaim_id, vclaim, speaker, date, truth_label, title, url).

Dates (a review's, a claim's, a CSV `date` cell) are read as ISO 8601 (a timestamp keeps its day) or as
one of DATE_FORMATS_SHOWN; an ISO date without a day ("2020-03") is kept as no date. Anything else
("not-a-date", "31.02.2024") is a problem of the file, named with its record and field.

All or nothing: any problem raises `CheckedFileError` with a one-line message naming the file and
where; no partial list is ever returned (`iter_checked_bytes` raises before its consumer is done, so
a consumer that stores nothing until the iterator is exhausted keeps the promise).

Every text field of a record is cleaned of control characters on entry (`clean_input`): an ESC, BEL,
OSC title sequence or C1 control in a cell never reaches the store or the search terms.

Where the bytes come from: a regular file or stdin only (`read_checked_input`), never more than
MAX_CHECKED_BYTES + 1 of them; a URL is refused with a one-line hint.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from factcheck.checked.labels import NO_LABEL_KEY, key_from_value, lookup_label, map_label
from factcheck.text.control import clean_input
from factcheck.text.language import sure_language


@functools.lru_cache(maxsize=4096)
def _rating_key(label: str) -> str:
    """The scale key of a publisher's label (a file repeats a handful of labels thousands of times):
    "unmapped" for a label we do not know, "unverifiable" for none (checked.labels.map_label)."""
    return map_label(label)


@functools.lru_cache(maxsize=4096)
def _label_key(label: str) -> str | None:
    """checked.labels.lookup_label, cached: a ClaimReview dump repeats a handful of labels."""
    return lookup_label(label)


def _clean(value: str) -> str:
    """`value` without control characters (the fast path: most cells hold none)."""
    return value if value.isprintable() else clean_input(value)


@dataclass(frozen=True, slots=True)  # slots: a 65k-row file is 65k of these at once
class CheckedRecord:
    text: str
    rating_key: str  # key of factcheck.ratings.SCALE
    original_label: str  # the publisher's label as written ("" when the source has none)
    url: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD (the parsers refuse a file with a date they cannot read)
    language: str | None = None
    publisher: str | None = None
    title: str | None = None
    external_id: str | None = None
    speaker: str | None = None  # who made the claim: the first claimant (the matcher uses it)
    claim_date: str | None = None  # when the claim was made, ISO YYYY-MM-DD (itemReviewed.datePublished, claimDate)
    claimants: tuple[str, ...] = ()  # everyone the claim is attributed to (itemReviewed.author), speaker first
    appearances: tuple[str, ...] = ()  # URLs where the claim appeared (itemReviewed.appearance)

    def __post_init__(self) -> None:
        # The parsers below clean as they read; this covers records built anywhere else (scripts, tests).
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if isinstance(value, str) and not value.isprintable():
                value = " ".join(clean_input(value).split())
                object.__setattr__(self, name, value if value or name in ("text", "original_label") else None)
        for name in ("claimants", "appearances"):
            values = getattr(self, name)
            if values and not all(isinstance(v, str) and v.isprintable() for v in values):
                cleaned = (" ".join(clean_input(str(v)).split()) for v in values)
                object.__setattr__(self, name, tuple(dict.fromkeys(v for v in cleaned if v)))
        # speaker and claimants describe the same people: a record given one has both
        if self.claimants and not self.speaker:
            object.__setattr__(self, "speaker", self.claimants[0])
        elif self.speaker and not self.claimants:
            object.__setattr__(self, "claimants", (self.speaker,))


_TEXT_FIELDS = (
    "text",
    "original_label",
    "url",
    "date",
    "language",
    "publisher",
    "title",
    "external_id",
    "speaker",
    "claim_date",
)


class CheckedFileError(ValueError):
    """A checked-claim file that cannot be imported; the message is one line."""

    def __init__(self, path: Path | str, problem: str, *, whole: bool = False) -> None:
        from factcheck.text.control import terminal_safe

        # the message may echo the file's own data (a CSV header) or name: never let it drive the terminal
        problem = " ".join(terminal_safe(problem, one_line=True).split())
        if whole:  # the problem is the whole message (a URL has no file name worth naming)
            super().__init__(problem)
            return
        super().__init__(f"{terminal_safe(Path(path).name, one_line=True)}: {problem}")


# Fact-check collections (a publisher's whole ClaimReview dump) are larger than articles, but everything a
# file holds is parsed and analysed in memory before the one short write (all or nothing, the write lock
# held only for the inserts). 100 MiB is what that handles within bounds on a 2-core box: a 104 MB CSV
# (600k claims) imports in ~75-85 s at a peak RSS of ~610 MB (services.memory.import_checked; ~755 MB when
# the records are parsed into a list first), the write lock held ~11 s of it; 65k claims: 12 s, lock
# 1.1 s (benchmarks/checked_import.py). It was 512 MiB: a 60 MB CSV then took 786 MB and > 60 s.
MAX_CHECKED_BYTES = 100 * 1024 * 1024

URL_REFUSED = "checked import reads a file or - (stdin); download the URL first"


# ------------------------------------------------------------------ entry points
def read_checked_input(spec: str, *, stdin: BinaryIO | None = None) -> tuple[bytes, str]:
    """The bytes of `spec` and the name to report: "-" reads stdin, else a regular file; capped.

    A URL is refused with URL_REFUSED (the memory never fetches); everything else that cannot be read
    (missing, a folder, a FIFO, too large, ...) is a CheckedFileError with one line.
    """
    from factcheck.errors import InputError
    from factcheck.services.loading import read_regular_file, read_stdin

    if spec == "-":
        try:
            return read_stdin(stdin or sys.stdin.buffer, MAX_CHECKED_BYTES), "stdin"
        except InputError as exc:
            raise CheckedFileError("stdin", str(exc)) from None
    if re.match(r"(?i)^[a-z][a-z0-9+.-]*://", spec):
        raise CheckedFileError(spec.split("?", 1)[0].rstrip("/") or spec, URL_REFUSED, whole=True)
    try:
        return read_regular_file(spec, MAX_CHECKED_BYTES), Path(spec).name
    except InputError as exc:
        raise CheckedFileError(spec, str(exc)) from None


def parse_checked_file(path: Path) -> list[CheckedRecord]:
    """Records of the checked-claim file at `path`; CheckedFileError (one line) for any problem.

    Only a regular file is read (a FIFO or device is refused before it can block or flood us), and never
    more than MAX_CHECKED_BYTES + 1 bytes of it.
    """
    from factcheck.errors import InputError
    from factcheck.services.loading import read_regular_file

    if re.match(r"(?i)^[a-z][a-z0-9+.-]*:/", str(path)) and not Path(path).exists():
        # Path("https://…") has already folded the "//"; this was a URL, not a file name
        raise CheckedFileError(path, URL_REFUSED, whole=True)
    path = Path(path)
    try:
        data = read_regular_file(path, MAX_CHECKED_BYTES)
    except InputError as exc:
        raise CheckedFileError(path, str(exc)) from None
    return parse_checked_bytes(data, path.name)


def parse_checked_bytes(data: bytes, name: str = "input") -> list[CheckedRecord]:
    """Records in `data` (any supported format); CheckedFileError (one line) for any problem."""
    return list(iter_checked_bytes(data, name))


def iter_checked_bytes(data: bytes, name: str = "input") -> Iterator[CheckedRecord]:
    """The records of `data` one by one (a CSV is never held as a list); CheckedFileError for any problem.

    The error can come after some records were yielded: store nothing before the iterator is exhausted.
    `data` is decoded at the first `next()`.
    """
    count = 0
    kind = "?"
    try:
        text = _decode(data, name)
        del data
        kind = detect_format(text, name)
        parser = {
            "claimreview": parse_claimreview_json,
            "html": parse_claimreview_html,
            "jsonl": parse_jsonl,
            "clef2020-tsv": parse_clef2020_tsv,
            "csv": _iter_csv,
        }[kind]
        for record in parser(text, name):
            count += 1
            yield record
    except RecursionError:
        # json and the ClaimReview walk recurse once per level; thousands of levels are no fact-check file
        raise CheckedFileError(name, "nested too deeply to be a checked-claim file") from None
    except csv.Error as exc:
        # e.g. a header line longer than csv's field limit (a one-line text file read as CSV)
        raise CheckedFileError(name, f"malformed CSV ({exc})") from None
    if not count:
        raise CheckedFileError(name, f"no checked claims found (read as {kind})")


def detect_format(text: str, name: str = "") -> str:
    head = text.lstrip()[:2000]
    lower_name = name.lower()
    first_line = text.lstrip("\ufeff\r\n").split("\n", 1)[0]  # keep a leading TAB (empty index header)
    if lower_name.endswith(".jsonl") or lower_name.endswith(".ndjson"):
        return "jsonl"
    if head.startswith("<") or lower_name.endswith((".html", ".htm")):
        return "html"
    if head.startswith(("{", "[")):
        # JSON Lines: several lines that each open an object; a pretty-printed JSON has "{" alone.
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") and ln.rstrip().endswith("}") for ln in lines[:3]):
            return "jsonl"
        return "claimreview"
    if lower_name.endswith((".json", ".jsonld")):
        return "claimreview"
    cells = [c.strip().strip('"').casefold() for c in first_line.split("\t")]
    if "vclaim" in cells and cells and cells[0] == "":
        return "clef2020-tsv"
    return "csv"


# ------------------------------------------------------------------ ClaimReview
def parse_claimreview_json(text: str, name: str = "input") -> list[CheckedRecord]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CheckedFileError(name, f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from exc
    return _claimreviews_in(doc, name)


_LD_JSON = re.compile(
    r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)


def parse_claimreview_html(text: str, name: str = "input") -> list[CheckedRecord]:
    blocks = _LD_JSON.findall(text)
    if not blocks:
        raise CheckedFileError(name, 'HTML without a <script type="application/ld+json"> block')
    docs = []
    for i, block in enumerate(blocks, 1):
        try:
            docs.append(json.loads(block.strip()))
        except json.JSONDecodeError as exc:
            raise CheckedFileError(name, f"ld+json block {i} is not valid JSON: {exc.msg}") from exc
    return _claimreviews_in(docs, name)


def _claimreviews_in(doc: Any, name: str) -> list[CheckedRecord]:
    records: list[CheckedRecord] = []
    found_any = False
    for i, (node, claim_ctx) in enumerate(_walk_claimreviews(doc)):
        found_any = True
        records.append(_claimreview_record(node, claim_ctx, name, i + 1))
    if not found_any:
        raise CheckedFileError(name, "no ClaimReview object found (expected @type ClaimReview)")
    return records


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type", [])
    return {str(x).rsplit("/", 1)[-1] for x in (t if isinstance(t, list) else [t])}


def _walk_claimreviews(doc: Any) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Every ClaimReview node, with the Google Fact Check Tools claim around it if any."""
    if isinstance(doc, list):
        for item in doc:
            yield from _walk_claimreviews(item)
        return
    if not isinstance(doc, dict):
        return
    if "ClaimReview" in _types(doc):
        yield doc, None
        return
    # Google Fact Check Tools API: {"claims": [{"text", "claimant", "claimDate", "claimReview": [...]}]}
    if "claimReview" in doc and isinstance(doc.get("text"), str):
        for review in _as_list(doc["claimReview"]):
            if isinstance(review, dict):
                yield review, doc
        return
    for value in doc.values():
        if isinstance(value, dict | list):
            yield from _walk_claimreviews(value)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _name_of(value: Any) -> str | None:
    """A schema.org Person/Organization/Language or a plain string -> its name."""
    names = _names_of(value)
    return names[0] if names else None


def _names_of(value: Any) -> tuple[str, ...]:
    """The names in a schema.org Person/Organization (or a list of them, or plain strings), in order."""
    names: list[str] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            item = next((item[k] for k in ("name", "alternateName", "legalName") if _str(item.get(k))), None)
        if (text := _str(item)) and text not in names:
            names.append(text)
    return tuple(names)


def _urls_of(value: Any) -> list[str]:
    """The URLs of schema.org CreativeWorks (`url`, else `@id`) or plain URL strings, in order."""
    urls: list[str] = []
    for item in _as_list(value):
        if isinstance(item, dict):
            item = next((u for k in ("url", "@id") for u in _as_list(item.get(k)) if _str(u)), None)
        if (url := _str(item)) and url not in urls:
            urls.append(url)
    return urls


def _claim_language(text: str, review_language: str | None) -> str | None:
    """The language of the claim text itself; the review's languageCode/inLanguage only when the text
    does not say (an English claim reviewed by a German publisher is English)."""
    return sure_language(text) or review_language


def _claimreview_record(node: dict[str, Any], claim: dict[str, Any] | None, name: str, index: int) -> CheckedRecord:
    where = f"ClaimReview {index}"
    if claim is not None:
        return _google_record(node, claim, name, where)
    claims = _claims_reviewed(node)
    text = _claim_text(node.get("claimReviewed")) or next(filter(None, map(_claim_text, claims)), None)
    text = _require_text(text, name, f"{where}: 'claimReviewed'")
    rating = node.get("reviewRating")
    rating = rating[0] if isinstance(rating, list) and rating else rating
    label, key = _rating_of(rating if isinstance(rating, dict) else {}, name, where)
    claim_dates = (
        _date_field(_str(c.get(k)), name, f"{where}: itemReviewed {k}")
        for c in claims
        for k in ("datePublished", "dateCreated")
    )
    claim_date = next(filter(None, list(claim_dates)), None)  # every one checked, the first kept
    return CheckedRecord(
        text=text,
        rating_key=key,
        original_label=label,
        url=_str(node.get("url")),
        date=_date_field(_str(node.get("datePublished")), name, f"{where}: datePublished") or claim_date,
        language=_claim_language(text, _language(node.get("inLanguage"))),
        publisher=_name_of(node.get("author")) or _name_of(node.get("publisher")),
        title=_str(node.get("name")) or _str(node.get("headline")),
        external_id=_str(node.get("@id")) or _str(node.get("url")),
        claim_date=claim_date,
        claimants=tuple(dict.fromkeys(n for c in claims for n in _names_of(c.get("author")))),
        appearances=tuple(
            dict.fromkeys(u for c in claims for k in ("firstAppearance", "appearance") for u in _urls_of(c.get(k)))
        ),
    )


def _claims_reviewed(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema.org Claim objects a ClaimReview describes its claim with: `itemReviewed`, then a Claim
    given as `claimReviewed` itself (schema.org allows either)."""
    found = [c for c in _as_list(node.get("itemReviewed")) if isinstance(c, dict)]
    found += [c for c in _as_list(node.get("claimReviewed")) if isinstance(c, dict)]
    return found


def _claim_text(value: Any) -> str | None:
    """The claim's wording in `claimReviewed` (text, a Claim's `text`/`name`, or a list of these)."""
    for item in _as_list(value):
        if isinstance(item, dict):
            item = next((item[k] for k in ("text", "name") if isinstance(item.get(k), str) and item[k].strip()), None)
        if isinstance(item, str) and item.strip():
            return item
    return None


def _google_record(node: dict[str, Any], claim: dict[str, Any], name: str, where: str) -> CheckedRecord:
    """Google Fact Check Tools: `claim` holds text, claimant and claimDate; `node` is one of its reviews."""
    text = _require_text(claim.get("text"), name, f"{where}: claim 'text'")
    label = _str(node.get("textualRating")) or ""
    claim_date = _date_field(_str(claim.get("claimDate")), name, f"{where}: claimDate")
    return CheckedRecord(
        text=text,
        rating_key=_rating_key(label),
        original_label=label,
        url=_str(node.get("url")),
        date=_date_field(_str(node.get("reviewDate")), name, f"{where}: reviewDate") or claim_date,
        language=_claim_language(text, _str(node.get("languageCode"))),
        publisher=_name_of(node.get("publisher")),
        title=_str(node.get("title")),
        external_id=_str(node.get("url")),
        claim_date=claim_date,
        claimants=_names_of(claim.get("claimant")),
    )


def _rating_of(rating: dict[str, Any], name: str, where: str) -> tuple[str, str]:
    """(the publisher's label, our key): the label when we know it, else ratingValue on its scale,
    else "unmapped" (a label we do not know) or "unverifiable" (no label, no value)."""
    label = _str(rating.get("alternateName")) or _str(rating.get("name")) or ""
    key = _label_key(label) if label else None
    if key is None and rating.get("ratingValue") not in (None, ""):
        try:
            value = float(rating["ratingValue"])
            best = float(rating.get("bestRating", 5) or 5)
            worst = float(rating.get("worstRating", 1) or 1)
        except (TypeError, ValueError) as exc:
            raise CheckedFileError(name, f"{where}: ratingValue {rating['ratingValue']!r} is not a number") from exc
        key = key_from_value(value, best, worst)
        label = label or f"{rating['ratingValue']}/{rating.get('bestRating', 5)}"
    return label, key or _rating_key(label)


def _language(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return _str(value)


# ------------------------------------------------------------------ CSV
_COLUMNS: dict[str, tuple[str, ...]] = {
    "claim": (
        "claim",
        "text",
        "claim_text",
        "claimreviewed",
        "statement",
        "behauptung",
        "aussage",
        "text der behauptung",
    ),
    "verdict": (
        "verdict",
        "rating",
        "label",
        "truth_label",
        "textualrating",
        "bewertung",
        "urteil",
        "ergebnis",
        "einstufung",
    ),
    "url": ("url", "link", "source", "quelle", "fundstelle"),
    "date": ("date", "datum", "date_published", "reviewdate", "veröffentlicht"),
    "language": ("language", "lang", "sprache", "languagecode"),
    "publisher": ("publisher", "author", "herausgeber", "autor", "faktenchecker"),
    "title": ("title", "headline", "titel", "überschrift"),
    "id": ("id", "external_id", "claim_id"),
    "speaker": ("speaker", "claimant", "sprecher", "urheber"),
}
_HEADER = {alias: field for field, aliases in _COLUMNS.items() for alias in aliases}


def parse_csv(text: str, name: str = "input") -> list[CheckedRecord]:
    return list(_iter_csv(text, name))


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their endings, one at a time (csv wants lines; a list of them or a
    StringIO, which holds the text as 4-byte code points, would copy the file several times over)."""
    if "\r" in text and re.search("\r(?!\n)", text):  # old Mac line ends: let io split them
        yield from io.StringIO(text, newline="")
        return
    start = 0
    end = text.find("\n")
    while end != -1:
        yield text[start : end + 1]
        start = end + 1
        end = text.find("\n", start)
    if start < len(text):
        yield text[start:]


def _iter_csv(text: str, name: str = "input") -> Iterator[CheckedRecord]:
    first = text.split("\n", 1)[0] if len(text) < 65536 else text[:65536].split("\n", 1)[0]
    delimiter = max(("\t", ";", ","), key=first.count) if any(d in first for d in "\t;,") else ","
    rows = csv.reader(_lines(text), delimiter=delimiter)
    try:
        header = next(rows)
    except StopIteration:
        raise CheckedFileError(name, "empty file") from None
    fields = [_HEADER.get(h.strip().casefold().lstrip("\ufeff")) for h in header]
    missing = [f for f in ("claim", "verdict") if f not in fields]
    if missing:
        found = ", ".join(h.strip() for h in header) or "(none)"
        raise CheckedFileError(
            name,
            f"CSV lacks column(s) {', '.join(missing)}; found: {found}; expected claim, verdict, url, date, language",
        )
    width = len(header)
    wanted = [(i, f) for i, f in enumerate(fields) if f]
    try:
        for row in rows:
            if len(row) != width:
                if not any(cell.strip() for cell in row):
                    continue
                raise CheckedFileError(name, f"line {rows.line_num}: {len(row)} fields, header has {width}")
            values = {f: v for i, f in wanted if (v := _clean(row[i]).strip())}
            if not values and not any(cell.strip() for cell in row):
                continue
            line = rows.line_num
            label = values.get("verdict", "")
            yield CheckedRecord(
                text=_require_text(values.get("claim"), name, f"line {line}: claim"),
                rating_key=_rating_key(label),
                original_label=label,
                url=values.get("url"),
                date=_date_field(values.get("date"), name, f"line {line}: date"),
                language=values.get("language"),
                publisher=values.get("publisher"),
                title=values.get("title"),
                external_id=values.get("id"),
                speaker=values.get("speaker"),
            )
    except csv.Error as exc:
        raise CheckedFileError(name, f"line {rows.line_num}: malformed CSV ({exc})") from exc


# ------------------------------------------------------------------ CLEF layouts
def parse_clef2020_tsv(text: str, name: str = "input") -> list[CheckedRecord]:
    """`verified_claims.docs.tsv`: pandas-written TSV, id / vclaim / title; Snopes, no verdicts."""
    rows = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    header = [h.strip() for h in next(rows, [])]
    if len(header) < 3 or header[1] != "vclaim":
        raise CheckedFileError(name, f"expected header '<empty>, vclaim, title', found: {', '.join(header)}")
    records = []
    for row in rows:
        if not row:
            continue
        if len(row) != len(header):
            raise CheckedFileError(name, f"line {rows.line_num}: {len(row)} fields, header has {len(header)}")
        records.append(
            CheckedRecord(
                text=_require_text(row[1], name, f"line {rows.line_num}: vclaim"),
                rating_key=NO_LABEL_KEY,  # the collection carries no verdicts
                original_label="",
                title=row[2].strip() or None,
                language="en",
                publisher="Snopes",
                external_id=f"clef2020-snopes:{row[0].strip()}",
            )
        )
    return records


_STATED = re.compile(r"stated on (\w+ \d{1,2}, \d{4})", re.IGNORECASE)


def parse_jsonl(text: str, name: str = "input") -> list[CheckedRecord]:
    """JSON Lines: the CLEF-2022 vclaims layout, or one ClaimReview object per line."""
    records: list[CheckedRecord] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CheckedFileError(name, f"line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(obj, dict):
            raise CheckedFileError(name, f"line {number}: expected a JSON object")
        if "vclaim" in obj:
            label = _str(obj.get("truth_label")) or ""
            stated = _STATED.search(_str(obj.get("date")) or "")
            day = _date_field(stated[1] if stated else _str(obj.get("date")), name, f"line {number}: date")
            url = _str(obj.get("url"))
            records.append(
                CheckedRecord(
                    text=_require_text(obj.get("vclaim"), name, f"line {number}: vclaim"),
                    rating_key=_rating_key(label),
                    original_label=label,
                    url=f"https://www.politifact.com{url}" if url and url.startswith("/") else url,
                    date=day,
                    claim_date=day if stated else None,  # "stated on": the day the claim was made
                    language="en",
                    publisher="PolitiFact",
                    title=_str(obj.get("title")),
                    external_id=_str(obj.get("vclaim_id")),
                    speaker=_str(obj.get("speaker")),
                )
            )
        else:
            try:
                records.extend(_claimreviews_in(obj, name))
            except CheckedFileError as exc:
                raise CheckedFileError(name, f"line {number}: neither a CLEF vclaim nor a ClaimReview") from exc
    return records


# ------------------------------------------------------------------ small helpers
def _decode(data: bytes, name: str) -> str:
    """The article decoder's rules (BOMs, UTF-16, Western code pages, binary refused), with room for dumps."""
    from factcheck.errors import InputError
    from factcheck.text.decode import decode_bytes

    if not data.strip():
        raise CheckedFileError(name, "empty file")
    try:
        return decode_bytes(data, max_bytes=MAX_CHECKED_BYTES)
    except InputError as exc:
        raise CheckedFileError(name, f"not a text file ({exc})") from exc


def _str(value: Any) -> str | None:
    if isinstance(value, str) and (value := _clean(value).strip()):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _require_text(value: Any, name: str, where: str) -> str:
    if isinstance(value, str) and (value := " ".join(_clean(value).split())):
        return value
    raise CheckedFileError(name, f"{where} is missing or empty")


# What a date may look like besides ISO 8601 (in a message: DATE_FORMATS_SHOWN, one example of each).
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%m/%d/%Y", "%Y/%m/%d")
DATE_FORMATS_SHOWN = "2025-03-18; 18.03.2025; 18. März 2025; March 18, 2025; 18 March 2025; 03/18/2025; 2025/03/18"
_ISO_REDUCED = re.compile(r"^\d{4}(?:-\d{2})?$")  # ISO 8601 at year or month precision
_DE_MONTHS = {
    "januar": "January",
    "februar": "February",
    "märz": "March",
    "april": "April",
    "mai": "May",
    "juni": "June",
    "juli": "July",
    "august": "August",
    "september": "September",
    "oktober": "October",
    "november": "November",
    "dezember": "December",
}


def iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD for an ISO date or timestamp and the spellings DATE_FORMATS_SHOWN names (English and
    German month names too); None for an empty value or an ISO date of year or month precision ("2020",
    "2020-03": no day to keep). Raises ValueError for anything else ("not-a-date", "2020-13-45"), so
    that a date is never stored as whatever text the file held."""
    if not value or not (raw := value.strip()):
        return None
    if _ISO_REDUCED.match(raw):
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        day = Date.fromisoformat(raw[:10])  # ValueError for a day that is not in the calendar
        if len(raw) > 10:
            datetime.fromisoformat(raw)  # ValueError for a time part that is no time
        return day.isoformat()
    probe = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw)
    probe = re.sub(r"^(\d{1,2})\.\s+", r"\1 ", probe)  # "2. Januar 2020"
    for de, en in _DE_MONTHS.items():
        probe = re.sub(rf"\b{de}\b", en, probe, flags=re.IGNORECASE)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(probe, fmt).date().isoformat()
        except ValueError:
            continue
    raise ValueError(f"not a date: {raw!r}")


def _date_field(value: str | None, name: str, where: str) -> str | None:
    """iso_date, with a date that cannot be read refused as a CheckedFileError naming `where` (the
    record and the field): the import is all or nothing, and a wrong date stored would also make the
    corrected file's row a duplicate of it (same text and URL)."""
    try:
        day = iso_date(value)
    except ValueError:
        raise CheckedFileError(
            name, f"{where} {value!r} is not a date (one of: {DATE_FORMATS_SHOWN}); nothing was imported"
        ) from None
    if day is not None and not _EARLIEST_DATE <= day <= (Date.today() + timedelta(days=1)).isoformat():
        # a claim made or checked in the future, or before there were newspapers, is a typo ("9999-12-31")
        raise CheckedFileError(
            name, f"{where} {value!r} lies in the future or before {_EARLIEST_DATE[:4]}; nothing was imported"
        )
    return day


_EARLIEST_DATE = "1800-01-01"
