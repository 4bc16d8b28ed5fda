"""Language detection (de/en) compared: factcheck's function-word vote vs lingua, on real news.

usage: python benchmarks/language_detection.py [--n 500] [--chars 300]

Takes n German (10kGNAD test) and n English (BBC News) articles from ../shared/data, cuts each to its
first `chars` characters (a title and a lead are what decides an import), and prints accuracy and
time per candidate as JSON. lingua is not a dependency (`pip install lingua-language-detector`).
Skips cleanly when the data are absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

sys.path.insert(0, str(ROOT / "benchmarks"))

from extract_speed import load as load_news  # noqa: E402

from factcheck.text.language import detect_language  # noqa: E402


def load(n: int, chars: int) -> list[tuple[str, str]]:
    """n German and n English articles (the speed benchmark's sample), each cut to its first `chars`."""
    return [(lang, text[:chars]) for lang, text in load_news(2 * n)]


def candidates() -> dict[str, Callable[[str], str] | None]:
    found: dict[str, Callable[[str], str] | None] = {"factcheck": detect_language}
    try:
        from lingua import Language, LanguageDetectorBuilder

        detector = LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH).build()

        def lingua_detect(text: str) -> str:
            found = detector.detect_language_of(text)
            return "en" if found == Language.ENGLISH else "de"

        found["lingua"] = lingua_detect
    except ImportError:
        found["lingua"] = None
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--chars", type=int, default=300)
    args = ap.parse_args()
    docs = load(args.n, args.chars)
    if not docs:
        print(json.dumps({"skipped": "no news data in ../shared/data"}))
        return
    report: dict[str, object] = {"documents": len(docs), "chars_each": args.chars}
    for name, detect in candidates().items():
        if detect is None:
            report[name] = None
            continue
        t0 = time.perf_counter()
        right = sum(1 for lang, text in docs if detect(text) == lang)
        seconds = time.perf_counter() - t0
        report[name] = {"accuracy": round(right / len(docs), 4), "ms_per_doc": round(seconds * 1000 / len(docs), 3)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
