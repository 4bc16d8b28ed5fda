"""What each speaker-attribution pass decides on real news, and how often it is right.

usage: python benchmarks/attribution_passes.py [train] [--limit N]

Runs the engine over the German Wikinews quotation corpus (train split only: the rules are tuned there;
dev is looked at once per batch of changes with benchmarks/quote_attribution.py, the test split is held
out) and records every attribution with the pass of `factcheck.extract.attribution.SIEVE` that made it
(a coordinated subject is counted under "<pass>+coordinated"). An attribution is judged on the
sentence it belongs to, with the scorer's own functions (../shared/tools/score_quotes.py): *right* when
an annotated quotation overlapping the sentence has a named speaker the attribution names, *wrong* when
such quotations have named speakers and it names none of them, *unjudged* when no annotated quotation
with a named speaker overlaps the sentence. Prints one JSON object: per pass {decided, right, wrong,
unjudged, precision}, sorted by the number decided; change a rule and run it again to see what moved.
Skips cleanly (prints {"skipped": ...}) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from factcheck.extract import engine  # noqa: E402
from factcheck.text.layout import repair_layout  # noqa: E402

SHARED = ROOT / ".." / "shared"
DATA = SHARED / "data" / "german-quotation-attribution"
SCORER = SHARED / "tools" / "score_quotes.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_quotes", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("split", nargs="?", default="train", choices=["train"])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    path = DATA / f"{args.split}.jsonl"
    if not path.exists() or not SCORER.exists():
        print(json.dumps({"skipped": f"{path} or {SCORER} not found"}))
        return 0
    sq = _scorer()
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    if args.limit:
        rows = rows[: args.limit]

    recorded: list[tuple[int, int, object]] = []
    real_attribute = engine.attribute

    def recording(text, sent_start, sent_end, *rest, **kw):
        out = real_attribute(text, sent_start, sent_end, *rest, **kw)
        recorded.extend((sent_start, sent_end, a) for a in out)
        return out

    engine.attribute = recording
    stats: dict[str, dict[str, int]] = defaultdict(lambda: {"decided": 0, "right": 0, "wrong": 0, "unjudged": 0})
    try:
        for art in rows:
            recorded.clear()
            r = repair_layout(art["title"] + "\n\n" + art["text"])
            try:
                ref = date.fromisoformat(art.get("date", "")[:10])
            except ValueError:
                ref = None
            engine.extract_claims(r.text, language="de", paragraphs=r.paragraphs, article_date=ref)
            named = [
                (" ".join(s["text"] for s in a["speaker"]), sq.norm(max((s["text"] for s in a["quote"]), key=len)))
                for a in art["annotations"]
                if a["quote"] and sq.is_named(" ".join(s["text"] for s in a["speaker"]))
            ]
            for s, e, att in recorded:
                name = att.decided_by or att.rule
                row = stats[name]
                row["decided"] += 1
                sentence = sq.norm(r.text[s:e])
                gold = [m for m, q in named if sq.overlaps(q, sentence)]
                if not gold:
                    row["unjudged"] += 1
                elif any(sq.names_speaker(m, att.speaker.name) for m in gold):
                    row["right"] += 1
                else:
                    row["wrong"] += 1
    finally:
        engine.attribute = real_attribute
    out = {
        name: {
            **row,
            "precision": round(row["right"] / (row["right"] + row["wrong"]), 3)
            if row["right"] + row["wrong"]
            else None,
        }
        for name, row in sorted(stats.items(), key=lambda kv: -kv[1]["decided"])
    }
    print(json.dumps({"split": args.split, "articles": len(rows), "passes": out}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
