"""Evidence check speed on 1 MB sources, and (--thresholds) the measurement behind the quote thresholds.

usage: python benchmarks/evidence_speed.py [--repeat 3] [--thresholds [--per-language 400]]

Speed (default) prints one JSON object: for each 1 MB source (a synthetic one built from sentences of our
own, always; real news from ../shared/data, 10kGNAD German and BBC English, when present) the seconds to
normalise it and to run `check_source` with 10 quotes (verbatim, with differences, absent; 3 to 60 words),
5 dates and 5 numbers; plus the worst case of 10 absent 400-character quotes. Median of --repeat runs.
The target (issue 12): a 1 MB text and 10 quotes well under a second.

--thresholds prints, by quote length in words, how often misquotes (one word replaced, dropped, added or
inflected) come out as "differences" against the article holding the real quote, and how often real
quotes are "found" (anything but not-found) on unrelated pages: one news article, and 1 MB of them.
German quotes: the direct quotations of german-quotation-attribution (train); English: "…" spans of BBC
News. Skips cleanly (prints {"skipped": ...}) when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factcheck.evidence import ClaimEvidence, DateRef, NumberRef, check_source  # noqa: E402
from factcheck.evidence.model import DIFFERENCES, NOT_FOUND, VERBATIM, QuoteCheck  # noqa: E402
from factcheck.evidence.normalise import normalise  # noqa: E402
from factcheck.evidence.quotes import check_quote  # noqa: E402

DATA = ROOT / ".." / "shared" / "data"
MB = 1_000_000

# Sentences of our own for the synthetic source (never text from ../shared/data in the repository).
SENTENCES = [
    "Der Gemeinderat vertagte die Entscheidung über den neuen Busbahnhof auf den Herbst.",
    "Die Ministerin kündigte an, die Förderung für kleine Betriebe um 12 Prozent zu erhöhen.",
    "Nach Angaben der Polizei nahmen rund 4.500 Menschen an der Kundgebung teil.",
    "Am 3. Oktober 2024 wurde die Brücke nach zwei Jahren Bauzeit wieder freigegeben.",
    "Kritiker sprachen von einem „Schritt in die falsche Richtung“ und forderten Nachbesserungen.",
    "The committee said the budget would rise to 2.4 billion pounds by the end of the decade.",
    "Officials confirmed on 14 May 2023 that the tunnel would stay closed for repairs.",
    "Analysts described the figures as a sign of a slow but steady recovery in the region.",
    "Die Opposition warf der Regierung vor, die Kosten von 310 Millionen Euro verschwiegen zu haben.",
    "Im Frühjahr 2022 hatten sich beide Seiten noch auf einen gemeinsamen Fahrplan geeinigt.",
]
PLANTED = (
    "Die Sprecherin erklärte am 18. März 2025 wörtlich: „Wir werden den Vertrag nicht unterschreiben, solange "
    "die Fragen der Finanzierung offen sind, und wir erwarten von der Kommission einen neuen Vorschlag bis "
    "zum Sommer.“ Der Fonds umfasst 480 Mrd. Euro; 76 % der Befragten stimmten zu. "
)


def synthetic_source(rng: random.Random) -> str:
    parts: list[str] = []
    size = 0
    while size < MB:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 8)))
        parts.append(paragraph)
        size += len(paragraph) + 2
    text = "\n\n".join(parts)[:MB]
    middle = len(text) // 2
    return text[:middle] + "\n\n" + PLANTED + "\n\n" + text[middle:]


def real_source(path: Path, rng: random.Random) -> str | None:
    if not path.exists():
        return None
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    rng.shuffle(texts)
    text = "\n\n".join(texts)[:MB]
    middle = len(text) // 2
    return text[:middle] + "\n\n" + PLANTED + "\n\n" + text[middle:]


def speed_claim() -> ClaimEvidence:
    quotes = (
        # verbatim: short, long
        "Schritt in die falsche Richtung",
        "Wir werden den Vertrag nicht unterschreiben, solange die Fragen der Finanzierung offen sind",
        # differences: a word changed, a word left out, a long one with two changes
        "Schritt in die völlig falsche Richtung",
        "Wir werden den Vertrag nicht unterschreiben, solange die Fragen offen sind",
        "Wir werden den Vertrag keinesfalls unterschreiben, solange die Fragen der Finanzierung offen sind, und "
        "wir erwarten von der Kommission einen neuen Vorschlag bis zum Herbst",
        # absent: short, medium, long (60 words)
        "ein historischer Durchbruch",
        "Niemand hat die Absicht, eine Mauer zu errichten",
        " ".join(
            ["Die Verhandlungen über das Abkommen zur Fischerei in der Nordsee sind am Abend ohne Ergebnis beendet"] * 4
        ),
        "the deal is dead in the water",
        "We have always said that the door remains open for talks without preconditions",
    )
    dates = tuple(DateRef(v, v) for v in ("2025-03-18", "2024-10-03", "2023-05-14", "2022", "2019-07-01"))
    numbers = (
        NumberRef("480 Milliarden Euro", 480e9, "Euro"),
        NumberRef("76 Prozent", 76.0, "Prozent"),
        NumberRef("4.500 Menschen", 4500.0, "Menschen"),
        NumberRef("2,4 Milliarden Pfund", 2.4e9, "Pfund"),
        NumberRef("999 Tote", 999.0, "Tote"),
    )
    return ClaimEvidence(text="", language="de", quotes=quotes, dates=dates, numbers=numbers)


def worst_claim(rng: random.Random) -> ClaimEvidence:
    words = "Fischerei Nordsee Abkommen Quote Hering Flotte Hafen Küste Fang Netz Boot Kutter".split()
    quotes = tuple(" ".join(rng.choice(words) for _ in range(60))[:400] for _ in range(10))
    return ClaimEvidence(text="", language="de", quotes=quotes)


def timed(fn: Any, repeat: int) -> tuple[float, Any]:
    times: list[float] = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times), 4), result


def measure_speed(repeat: int) -> dict[str, Any]:
    rng = random.Random(7)
    sources = {"synthetic": synthetic_source(rng)}
    news = (("news-de", DATA / "10kgnad-test" / "test.jsonl"), ("news-en", DATA / "bbc-news-en" / "articles.jsonl"))
    for name, path in news:
        text = real_source(path, rng)
        if text is not None:
            sources[name] = text
    claim, worst = speed_claim(), worst_claim(rng)
    out: dict[str, Any] = {"repeat": repeat, "sources": {}}
    for name, text in sources.items():
        normalise_s, _ = timed(lambda text=text: normalise(text), repeat)
        check_s, result = timed(lambda text=text: check_source(claim, text), repeat)
        worst_s, _ = timed(lambda text=text: check_source(worst, text), repeat)
        out["sources"][name] = {
            "chars": len(text),
            "normalise_s": normalise_s,
            "check_source_10_quotes_5_dates_5_numbers_s": check_s,
            "check_source_10_absent_400_char_quotes_s": worst_s,
            "quote_outcomes": [q.outcome for q in result.quotes],
            "dates_found": sum(d.found for d in result.dates),
            "numbers_found": sum(n.found for n in result.numbers),
        }
    return out


# --- thresholds ---------------------------------------------------------------------------------------

BUCKETS = ["1-2", "3", "4", "5-6", "7-10", "11-20", "21+"]
MISQUOTES = ("replace", "drop", "add", "inflect")


def measure_thresholds(per_language: int, seed: int = 12) -> dict[str, Any]:
    rng = random.Random(seed)
    de_quotes, en_quotes = real_quotes()
    pages = {
        "de": [json.loads(line)["text"] for line in (DATA / "10kgnad-test" / "test.jsonl").open(encoding="utf-8")],
        "en": [json.loads(line)["text"] for line in (DATA / "bbc-news-en" / "articles.jsonl").open(encoding="utf-8")],
    }
    vocab = {lang: [w for t in texts[:300] for w in re.findall(r"\w{3,}", t)] for lang, texts in pages.items()}
    big = {lang: normalise("\n\n".join(rng.sample(texts, 500))[:MB]) for lang, texts in pages.items()}
    tally: dict[str, dict[str, list[int]]] = {}
    scores: dict[str, dict[str, list[float]]] = {}

    def count(quote: str, kind: str, check: QuoteCheck) -> None:
        hit = check.outcome == DIFFERENCES if kind in MISQUOTES else check.outcome != NOT_FOUND
        cell = tally.setdefault(bucket(quote), {}).setdefault(kind, [0, 0])
        cell[0] += hit
        cell[1] += 1
        group = "misquotes" if kind in MISQUOTES else kind
        scores.setdefault(bucket(quote), {}).setdefault(group, []).append(check.score)

    for lang, quotes in (("de", de_quotes), ("en", en_quotes)):
        for i, (quote, article) in enumerate(rng.sample(quotes, min(per_language, len(quotes)))):
            home = normalise(article)
            for kind, variant in misquotes(quote, vocab[lang], rng).items():
                check = check_quote(variant, home)
                if check.outcome != VERBATIM:
                    count(variant, kind, check)
            page = rng.choice(pages[lang])
            while quote in page:
                page = rng.choice(pages[lang])
            check = check_quote(quote, normalise(page))
            if check.outcome != VERBATIM:
                count(quote, "unrelated-page", check)
            if i < per_language // 3:
                check = check_quote(quote, big[lang])
                if check.outcome != VERBATIM:
                    count(quote, "unrelated-1mb", check)
    return {
        "quotes_per_language": per_language,
        "note": "misquote kinds: share reported as differences; unrelated-*: share wrongly reported as found",
        "by_words": {
            b: {kind: f"{hit}/{n}" for kind, (hit, n) in sorted(tally[b].items())} for b in BUCKETS if b in tally
        },
        "scores_by_words": {
            b: {
                "misquotes_min_p5_median": _quantiles(scores[b].get("misquotes", []), (0.0, 0.05, 0.5)),
                "unrelated_page_p95_max": _quantiles(scores[b].get("unrelated-page", []), (0.95, 1.0)),
                "unrelated_1mb_p95_max": _quantiles(scores[b].get("unrelated-1mb", []), (0.95, 1.0)),
            }
            for b in BUCKETS
            if b in scores
        },
    }


def _quantiles(values: list[float], qs: tuple[float, ...]) -> list[float]:
    ordered = sorted(values)
    return [round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3) for q in qs] if ordered else []


def bucket(quote: str) -> str:
    n = len(re.findall(r"\w+", quote))
    for name, top in (("1-2", 2), ("3", 3), ("4", 4), ("5-6", 6), ("7-10", 10), ("11-20", 20)):
        if n <= top:
            return name
    return "21+"


def real_quotes() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    de: list[tuple[str, str]] = []
    for line in (DATA / "german-quotation-attribution" / "train.jsonl").open(encoding="utf-8"):
        article = json.loads(line)
        for ann in article["annotations"]:
            if ann["type"] == "Direct" and len(ann["quote"]) == 1:
                text = ann["quote"][0]["text"].strip(' „“"”«»')
                if len(text.split()) >= 2:
                    de.append((text, article["text"]))
    en: list[tuple[str, str]] = []
    for line in (DATA / "bbc-news-en" / "articles.jsonl").open(encoding="utf-8"):
        text = json.loads(line)["text"]
        en.extend((m.group(1), text) for m in re.finditer(r'"([^"\n]{3,400})"', text) if len(m.group(1).split()) >= 2)
    return de, en


def misquotes(quote: str, vocab: list[str], rng: random.Random) -> dict[str, str]:
    """One word replaced by a random word, dropped, a random word added, one word's ending changed."""
    words = quote.split()
    i = rng.randrange(len(words))
    out = {"replace": " ".join([*words[:i], rng.choice(vocab), *words[i + 1 :]])}
    if len(words) >= 3:
        out["drop"] = " ".join(words[:i] + words[i + 1 :])
    j = rng.randrange(len(words) + 1)
    out["add"] = " ".join([*words[:j], rng.choice(vocab), *words[j:]])
    longs = [k for k, w in enumerate(words) if len(w) >= 5]
    if longs:
        k = rng.choice(longs)
        changed = words[k][:-1] + ("s" if words[k].endswith("n") else "n")
        out["inflect"] = " ".join([*words[:k], changed, *words[k + 1 :]])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--thresholds", action="store_true")
    parser.add_argument("--per-language", type=int, default=400)
    args = parser.parse_args()
    if args.thresholds:
        needed = [DATA / "german-quotation-attribution", DATA / "10kgnad-test", DATA / "bbc-news-en"]
        if not all(p.exists() for p in needed):
            print(json.dumps({"skipped": "../shared/data is absent"}))
            return
        print(json.dumps(measure_thresholds(args.per_language), indent=1, ensure_ascii=False))
        return
    print(json.dumps(measure_speed(args.repeat), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
