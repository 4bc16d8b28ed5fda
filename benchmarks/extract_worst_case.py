"""Extraction on adversarial input: time must grow linearly with size ("never a hang", issue 9).

usage: python benchmarks/extract_worst_case.py [--quick] [--no-big] [--big-mb 19]

Prints one JSON object. For each adversarial input ("comma_line": one sentence of comma-joined clauses
full of speech verbs, dates and numbers; "no_punct": text without any sentence punctuation; "quote_marks":
thousands of quotation marks, closed, unclosed and bare; "nested": deeply nested brackets and quotes)
at a few sizes: characters, seconds (min of runs) and chars_per_s, plus "growth", the time ratio of the
largest size to the smallest divided by their size ratio (1.0 = linear; quadratic work shows up as
the size ratio itself). "ordinary" is ~19 MB of ordinary news built by repeating tests/gold/*.txt and
the seed. Time is extraction only (extract_claims on repaired text), as `factcheck extract` spends it
after reading and repairing the input.
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


def comma_line(n: int) -> str:
    """n comma-joined clauses in one sentence (~62 chars each)."""
    return ", ".join(f"der Minister sagte am {i % 28 + 1}. Mai 2024 es seien {i} Millionen Euro" for i in range(n))


def no_punct(chars: int) -> str:
    """Running text without . ! ? , ; : or line breaks: one 'sentence' of `chars` characters."""
    unit = (
        "Bundeskanzler Olaf Scholz sagte am Montag in Berlin die Regierung habe 40 Millionen Euro ausgegeben "
        "und Ministerin Anna Müller erklärte laut Angaben des Ministeriums es gebe im März 2024 keine neuen "
        "Schulden weil Präsident Putin die Lieferungen nach Angaben der Agentur Reuters gestoppt habe "
    )
    return (unit * (chars // len(unit) + 1))[:chars]


def quote_marks(n: int) -> str:
    """n quotation marks: closed pairs with speech, unclosed openers, bare marks, apostrophes."""
    parts = []
    for i in range(n // 4):
        k = i % 4
        if k == 0:
            parts.append(f"„Das ist Wort {i}“, sagte Müller")
        elif k == 1:
            parts.append(f"„offen {i} »ohne")  # two openers that never close
        elif k == 2:
            parts.append(f'"{i} "')  # a quote and a bare mark
        else:
            parts.append(f"' ‚x{i} '")
    return " ".join(parts)


def nested(depth: int) -> str:
    """Brackets and quotes nested `depth` deep, then closed: ((„‚»(…)«‘“)) …"""
    openers, closers = "(„‚»[‹", ")“‘«]›"
    head = "".join(f"{openers[i % 6]}Wort{i} sagte X " for i in range(depth))
    tail = "".join(f" Ende{i} {closers[i % 6]}" for i in reversed(range(depth)))
    return head + tail


def ordinary(target_chars: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "gold").glob("*.txt"))]
    texts.append((ROOT / "seeds" / "trump-putin-telefonat.de.txt").read_text(encoding="utf-8"))
    block = "\n\n".join(texts)
    return "\n\n".join([block] * (target_chars // len(block) + 1))


CASES = {
    # name: (generator, sizes as generator arguments)
    "comma_line": (comma_line, [200, 400, 800, 1600, 4800]),
    "no_punct": (no_punct, [25_000, 50_000, 100_000, 200_000]),
    "quote_marks": (quote_marks, [1250, 2500, 5000, 10_000]),
    "nested": (nested, [250, 500, 1000, 2000]),
}


def _extract(text: str, language: str = "de") -> tuple[float, int]:
    r = repair_layout(text)
    t0 = time.perf_counter()
    claims = extract_claims(r.text, language=language, paragraphs=r.paragraphs)
    return time.perf_counter() - t0, len(claims)


def run_case(name: str, runs: int, quick: bool) -> dict:
    gen, sizes = CASES[name]
    if quick:
        sizes = sizes[:2]
    rows = []
    for n in sizes:
        text = gen(n)
        best, claims = min(_extract(text) for _ in range(runs))
        rows.append(
            {
                "size": n,
                "chars": len(text),
                "seconds": round(best, 4),
                "claims": claims,
                "chars_per_s": round(len(text) / best) if best else None,
            }
        )
    first, last = rows[0], rows[-1]
    growth = (last["seconds"] / max(first["seconds"], 1e-6)) / (last["chars"] / first["chars"])
    return {"sizes": rows, "growth": round(growth, 2)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="two sizes per case, one run each")
    ap.add_argument("--no-big", action="store_true", help="skip the ~19 MB ordinary text")
    ap.add_argument("--big-mb", type=float, default=19.0)
    args = ap.parse_args()
    runs = 1 if args.quick else 3
    out: dict = {"cases": {name: run_case(name, runs, args.quick) for name in CASES}}
    if not args.no_big:
        text = ordinary(int(args.big_mb * 1_000_000))
        secs, claims = _extract(text)
        out["ordinary"] = {
            "chars": len(text),
            "seconds": round(secs, 2),
            "claims": claims,
            "chars_per_s": round(len(text) / secs),
        }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
