"""German check-worthiness sanity check on GermEval 2021 (fact-claiming comments), macro-F1.

usage: python benchmarks/checkworthiness_germeval.py

A comment counts as fact-claiming when the engine marks any of its sentences check-worthy (the
engine's own threshold). Also reports the macro-F1 of "max checkworthiness >= t" with t chosen on the
train file and applied to the test file. No target: the data are Facebook comments, not news, and
the engine's rules were written for news. Skips cleanly when ../shared/data is absent.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factcheck.extract import extract_claims  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "germeval2021-factclaiming"


def macro_f1(gold: list[int], pred: list[int]) -> float:
    f1s = []
    for cls in (0, 1):
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == cls and p == cls)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != cls and p == cls)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == cls and p != cls)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / 2


def load(name: str) -> list[tuple[str, int]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return [(row["comment_text"], int(row["Sub3_FactClaiming"])) for row in csv.DictReader(f)]


def scores(rows: list[tuple[str, int]]) -> tuple[list[float], list[int]]:
    best, flag = [], []
    for text, _ in rows:
        claims = extract_claims(text, language="de")
        best.append(max((c.checkworthiness for c in claims), default=0.0))
        flag.append(int(any(c.checkworthy for c in claims)))
    return best, flag


def main() -> int:
    if not (DATA / "GermEval21_TestData.csv").exists():
        print(json.dumps({"skipped": f"{DATA} not found"}))
        return 0
    train, test = load("GermEval21_TrainData.csv"), load("GermEval21_TestData.csv")
    t0 = time.perf_counter()
    tr_best, _ = scores(train)
    te_best, te_flag = scores(test)
    secs = time.perf_counter() - t0
    tr_gold, te_gold = [g for _, g in train], [g for _, g in test]
    thresholds = [round(0.05 * i, 2) for i in range(1, 20)]
    tuned = max(thresholds, key=lambda t: macro_f1(tr_gold, [int(s >= t) for s in tr_best]))
    out = {
        "test_comments": len(test),
        "test_macro_f1_checkworthy_flag": round(macro_f1(te_gold, te_flag), 3),
        "threshold_tuned_on_train": tuned,
        "train_macro_f1_at_tuned": round(macro_f1(tr_gold, [int(s >= tuned) for s in tr_best]), 3),
        "test_macro_f1_at_tuned": round(macro_f1(te_gold, [int(s >= tuned) for s in te_best]), 3),
        "test_macro_f1_always_0": round(macro_f1(te_gold, [0] * len(te_gold)), 3),
        "seconds": round(secs, 2),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
