"""Print `factcheck extract PATH --json`-shaped output for a text file (until the CLI is wired up).

usage: python benchmarks/extract_json.py PATH [--language de|en] [--date YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from factcheck.extract import extract_claims
from factcheck.text.layout import repair_layout


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--language", default=None)
    ap.add_argument("--date", default=None)
    args = ap.parse_args()
    raw = Path(args.path).read_text(encoding="utf-8")
    r = repair_layout(raw)
    lang = args.language or (".en." in args.path and "en") or "de"
    ref = date.fromisoformat(args.date) if args.date else None
    claims = extract_claims(r.text, language=lang, paragraphs=r.paragraphs, article_date=ref)
    title = r.text[r.paragraphs[0].start : r.paragraphs[0].end] if r.paragraphs else ""
    out = {
        "article": {"title": title, "language": lang, "sha256": hashlib.sha256(r.text.encode()).hexdigest()},
        "claims": [c.to_dict() for c in claims],
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
