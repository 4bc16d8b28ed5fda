"""Extraction speed on real news: 500 articles from ../shared/data (10kGNAD German + BBC English).

usage: python benchmarks/extract_speed.py [--n 500] [--compare]

Prints one JSON object: articles, chars, seconds, articles_per_s, chars_per_s and
articles_per_s_at_4000_chars (the target is >= 50 articles/s of ~4,000 characters on one core).
--compare also times the candidate libraries on the same texts (pysbd, syntok, somajo sentence
splitting; dateparser date search), when they are importable, for the note on why rules won.
Skips cleanly (prints {"skipped": ...}) when the data sets are absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factcheck.extract import extract_claims  # noqa: E402
from factcheck.text.layout import repair_layout  # noqa: E402
from factcheck.text.sentences import split_sentences  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
SOURCES = [("de", DATA / "10kgnad-test" / "test.jsonl"), ("en", DATA / "bbc-news-en" / "articles.jsonl")]


def load(n: int) -> list[tuple[str, str]]:
    per = n // len(SOURCES)
    out: list[tuple[str, str]] = []
    for lang, path in SOURCES:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i >= per:
                    break
                row = json.loads(line)
                text = (row.get("title", "") + "\n\n" + row["text"]) if row.get("title") else row["text"]
                out.append((lang, text))
    return out


def _time(fn, items) -> float:
    t0 = time.perf_counter()
    for x in items:
        fn(x)
    return time.perf_counter() - t0


def compare(docs: list[tuple[str, str]]) -> dict:
    """Time candidate libraries on the same repaired texts (first 100 documents)."""
    sample = [(lang, repair_layout(t).text) for lang, t in docs[:100]]
    res: dict = {"documents": len(sample)}
    res["ours_sentences_s"] = round(_time(lambda x: split_sentences(x[1]), sample), 4)
    try:
        import pysbd

        segs = {lang: pysbd.Segmenter(language=lang, clean=False, char_span=False) for lang in ("de", "en")}
        res["pysbd_s"] = round(_time(lambda x: segs[x[0]].segment(x[1]), sample), 4)
    except ImportError:
        res["pysbd_s"] = None
    try:
        from syntok import segmenter

        res["syntok_s"] = round(
            _time(lambda x: [[list(s) for s in para] for para in segmenter.analyze(x[1])], sample), 4
        )
    except ImportError:
        res["syntok_s"] = None
    try:
        from somajo import SoMaJo

        tok = {"de": SoMaJo("de_CMC", split_sentences=True), "en": SoMaJo("en_PTB", split_sentences=True)}
        res["somajo_s"] = round(_time(lambda x: list(tok[x[0]].tokenize_text([x[1]])), sample), 4)
    except ImportError:
        res["somajo_s"] = None
    try:
        from dateparser.search import search_dates

        few = sample[:20]
        secs = _time(lambda x: search_dates(x[1][:2000], languages=[x[0]]), few)
        res["dateparser_search_s_per_doc"] = round(secs / len(few), 4)
    except ImportError:
        res["dateparser_search_s_per_doc"] = None
    return res


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--compare", action="store_true")
    args = ap.parse_args()
    docs = load(args.n)
    if not docs:
        print(json.dumps({"skipped": "no data sets under ../shared/data"}))
        return 0
    repaired = [(lang, repair_layout(t)) for lang, t in docs]
    chars = sum(len(r.text) for _, r in repaired)
    claims = 0
    t0 = time.perf_counter()
    for lang, r in repaired:
        claims += len(extract_claims(r.text, language=lang, paragraphs=r.paragraphs))
    secs = time.perf_counter() - t0
    out = {
        "articles": len(repaired),
        "chars": chars,
        "claims": claims,
        "seconds": round(secs, 3),
        "articles_per_s": round(len(repaired) / secs, 1),
        "chars_per_s": round(chars / secs),
        "articles_per_s_at_4000_chars": round(chars / secs / 4000, 1),
        "layout_repair_excluded": True,
    }
    if args.compare:
        out["compare"] = compare(docs)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
