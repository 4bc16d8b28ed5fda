"""Ratchet: German quotation attribution on the Wikinews corpus never scores below its record.

Each split of ../shared/data/german-quotation-attribution is predicted with the predict function of
benchmarks/quote_attribution.py and scored by ../shared/tools/score_quotes.py, run in-process on its own
command line (its metric lives in its main()), exactly as the benchmark does. The three figures (direct
quote F1, direct speaker, attribution F1) are held in tests/gold/ratchet.json by the helpers of
test_extract_gold.py. Only the train split is held: the rules are tuned there, so a drop there is a
regression. Dev is looked at on purpose once per batch of changes (benchmarks/quote_attribution.py dev)
and its figures reported; a test on dev would look at it on every run and push each change toward it.
Skipped when ../shared is not beside the checkout (as on CI).
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from pathlib import Path

import pytest

from tests.unit.test_extract_gold import ROOT, SHARED, check_ratchet, load_module

DATA = SHARED / "data" / "german-quotation-attribution"
SCORER = SHARED / "tools" / "score_quotes.py"
BENCHMARK = ROOT / "benchmarks" / "quote_attribution.py"

# the scorer's lines hold the counts behind each figure; the figures are recomputed from them exactly
# (its printed figures are rounded) and checked against the printed ones
QUOTES_LINE = re.compile(r"direct quotes: gold (\d+), found (\d+) .*; proposed (\d+), right (\d+) .*; F1 ([\d.]+)")
SPEAKER_LINE = re.compile(r"direct speaker \(named\): (\d+)/(\d+) = ([\d.]+)")
ATTRIBUTION_LINE = re.compile(
    r"attribution, .*: recall (\d+)/(\d+) = [\d.]+; precision (\d+)/(\d+) = [\d.]+; F1 ([\d.]+)"
)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def parse_scorer_output(text: str) -> dict[str, float]:
    """The three figures of score_quotes.py main() from the counts it prints (as it computes them)."""
    quotes, speaker, attribution = (rx.search(text) for rx in (QUOTES_LINE, SPEAKER_LINE, ATTRIBUTION_LINE))
    assert quotes and speaker and attribution, f"score_quotes.py printed lines this test does not know:\n{text}"
    gold, found, proposed, right = (int(x) for x in quotes.groups()[:4])
    quote_f1 = _f1(right / proposed if proposed else 0.0, found / gold if gold else 1.0)
    hit, total = int(speaker[1]), int(speaker[2])
    direct_speaker = hit / total if total else 1.0
    at_hit, at_total, at_right, at_listed = (int(x) for x in attribution.groups()[:4])
    attribution_f1 = _f1(at_right / at_listed if at_listed else 0.0, at_hit / at_total if at_total else 1.0)
    computed = (quote_f1, direct_speaker, attribution_f1)
    printed = (quotes[5], speaker[3], attribution[5])
    assert [f"{v:.3f}" for v in computed] == list(printed), (computed, printed)
    return {"direct_quote_f1": quote_f1, "direct_speaker": direct_speaker, "attribution_f1": attribution_f1}


def score_split(split: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    gold_path = DATA / f"{split}.jsonl"
    if not SCORER.exists() or not gold_path.exists():
        pytest.skip("../shared (score_quotes.py and the quotation corpus) not available")
    predict = load_module("quote_attribution_benchmark", BENCHMARK).predict
    scorer = load_module("score_quotes", SCORER)
    pred_path = tmp_path / f"{split}.pred.jsonl"
    with gold_path.open(encoding="utf-8") as gold, pred_path.open("w", encoding="utf-8") as out:
        for line in gold:
            out.write(json.dumps(predict(json.loads(line)), ensure_ascii=False) + "\n")
    monkeypatch.setattr(sys, "argv", ["score_quotes.py", str(gold_path), "--pred", str(pred_path)])
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert scorer.main() == 0  # no --min given: it fails only when it could not score
    return parse_scorer_output(printed.getvalue())


@pytest.mark.data
def test_quote_attribution_keeps_its_record_on_train(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    measured = score_split("train", tmp_path, monkeypatch)
    check_ratchet("quotes", "german-quotation-attribution/train", measured)


def test_the_scorer_output_is_read_as_the_scorer_computes_it() -> None:
    text = (
        "articles: 2\n"
        "direct quotes: gold 10, found 8 (recall 0.800); proposed 9, right 6 (precision 0.667); F1 0.727\n"
        "direct speaker (named): 3/4 = 0.750\n"
        "attribution, all speech types (named): recall 5/8 = 0.625; precision 4/5 = 0.800; F1 0.702\n"
        "summary: quoteF1 0.73 speaker 0.75 attribution 0.70\n"
    )
    m = parse_scorer_output(text)
    assert m == pytest.approx({"direct_quote_f1": 32 / 44, "direct_speaker": 0.75, "attribution_f1": 1 / 1.425})
    with pytest.raises(AssertionError):  # a figure that does not follow from its counts is not read over
        parse_scorer_output(text.replace("F1 0.727", "F1 0.900"))
