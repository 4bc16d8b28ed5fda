"""German quotation attribution on real news (Wikinews, uhh-lt 2024), scored with score_quotes.py.

usage: python benchmarks/quote_attribution.py [dev|train] [--out PRED.jsonl] [--limit N]

Reads ../shared/data/german-quotation-attribution/<split>.jsonl (skips cleanly when absent), runs the
engine over "title, blank line, text" as `factcheck extract` would, writes one prediction line per
article and prints the scorer's lines. Tune on train and dev only; the test split is held out.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factcheck.extract import extract_claims  # noqa: E402
from factcheck.text.layout import repair_layout  # noqa: E402

SHARED = ROOT / ".." / "shared"
DATA = SHARED / "data" / "german-quotation-attribution"
SCORER = SHARED / "tools" / "score_quotes.py"


def predict(article: dict) -> dict:
    r = repair_layout(article["title"] + "\n\n" + article["text"])
    try:
        ref = date.fromisoformat(article.get("date", "")[:10])
    except ValueError:
        ref = None
    claims = extract_claims(r.text, language="de", paragraphs=r.paragraphs, article_date=ref)
    return {"id": article["id"], "claims": [c.to_dict() for c in claims]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", nargs="?", default="dev", choices=["dev", "train"])
    ap.add_argument("--out", default=None)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    gold_path = DATA / f"{args.split}.jsonl"
    if not gold_path.exists():
        print(json.dumps({"skipped": f"{gold_path} not found"}))
        return 0
    rows = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]
    out = Path(args.out) if args.out else Path(tempfile.mkstemp(suffix=".jsonl")[1])
    gold_tmp = Path(tempfile.mkstemp(suffix=".jsonl")[1])
    with out.open("w", encoding="utf-8") as f, gold_tmp.open("w", encoding="utf-8") as g:
        for a in rows:
            f.write(json.dumps(predict(a), ensure_ascii=False) + "\n")
            g.write(json.dumps(a, ensure_ascii=False) + "\n")
    p = subprocess.run([sys.executable, str(SCORER), str(gold_tmp), "--pred", str(out)], capture_output=True, text=True)
    print(p.stdout, end="")
    gold_tmp.unlink()
    if not args.out:
        out.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
