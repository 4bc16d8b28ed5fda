"""Sentence splitters compared on the gold files: how many gold sentences each one returns exactly.

usage: python benchmarks/sentence_splitters.py

Every gold file (tests/gold/*.gold.json and ../shared/gold/*.gold.json) lists the article's sentences
as they read after layout repair. Each splitter gets the repaired text (line breaks kept: paragraphs
and headings end sentences for all of them) and is scored by the share of gold sentences it returns
as one sentence, whitespace-normalised, plus the time over all files. Candidates that are not
installed are reported as null (they are not dependencies: `pip install pysbd syntok somajo` to
compare). Prints one JSON object.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factcheck.text.layout import repair_layout  # noqa: E402
from factcheck.text.sentences import split_sentences  # noqa: E402

Splitter = Callable[[str, str], list[str]]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def by_paragraph(split: Callable[[str, str], list[str]]) -> Splitter:
    """Give a library one paragraph at a time, as the engine does (headings are paragraphs)."""

    def run(text: str, lang: str) -> list[str]:
        return [s for para in re.split(r"\n\s*\n|\n", text) if para.strip() for s in split(para, lang)]

    return run


def candidates() -> dict[str, Splitter | None]:
    found: dict[str, Splitter | None] = {"factcheck": lambda t, _lang: [s.text for s in split_sentences(t)]}
    try:
        import pysbd

        segs = {lang: pysbd.Segmenter(language=lang, clean=False) for lang in ("de", "en")}
        found["pysbd"] = by_paragraph(lambda p, lang: segs[lang].segment(p))
    except ImportError:
        found["pysbd"] = None
    try:
        from syntok import segmenter

        def syntok_split(p: str, _lang: str) -> list[str]:
            return ["".join(t.spacing + t.value for t in s) for para in segmenter.analyze(p) for s in para]

        found["syntok"] = by_paragraph(syntok_split)
    except ImportError:
        found["syntok"] = None
    try:
        from somajo import SoMaJo

        tok = {"de": SoMaJo("de_CMC", split_camel_case=False), "en": SoMaJo("en_PTB")}

        def somajo_split(p: str, lang: str) -> list[str]:
            return [
                "".join(t.text + (" " if t.space_after else "") for t in s)
                for s in tok[lang].tokenize_text([p], parallel=1)
            ]

        found["somajo"] = by_paragraph(somajo_split)
    except ImportError:
        found["somajo"] = None
    return found


def gold_files() -> list[Path]:
    own = sorted((ROOT / "tests" / "gold").glob("*.gold.json"))
    shared = sorted((ROOT / ".." / "shared" / "gold").glob("*.gold.json"))
    return own + shared


def article_text(gold: dict, gold_path: Path) -> Path | None:
    for base in (ROOT, gold_path.parent, ROOT / ".." / "shared"):
        path = base / gold["article"]
        if path.exists():
            return path
    local = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
    return local if local.exists() else None


def main() -> None:
    docs: list[tuple[str, str, list[str]]] = []
    for path in gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        source = article_text(gold, path)
        if source is None:
            continue
        text = repair_layout(source.read_text(encoding="utf-8")).text
        docs.append((text, gold.get("language", "de"), [norm(c["sentence"]) for c in gold["claims"]]))
    report: dict[str, object] = {"gold_files": len(docs), "gold_sentences": sum(len(d[2]) for d in docs)}
    for name, split in candidates().items():
        if split is None:
            report[name] = None
            continue
        hits = 0
        t0 = time.perf_counter()
        outputs = [(split(text, lang), wanted) for text, lang, wanted in docs]
        seconds = time.perf_counter() - t0
        for got, wanted in outputs:
            found = {norm(s) for s in got}
            hits += sum(1 for w in wanted if w in found)
        report[name] = {
            "exact_sentences": round(hits / max(report["gold_sentences"], 1), 3),  # type: ignore[call-overload]
            "seconds": round(seconds, 3),
        }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
