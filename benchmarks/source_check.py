"""Fetch-and-check time of a source: a 1 MB HTML page and a 50-page PDF from a local server.

Each document is fetched from 127.0.0.1, its text extracted, the seed article's Selenskyj claim (a quote
and a date) checked against it, and the snapshot stored in a SQLite file — services.sources.fetch_and_check,
as `factcheck source add` runs it. The parts are timed apart too (fetch, extract, check). Median and best
of --runs runs, printed as JSON.

    PYTHONPATH=src python benchmarks/source_check.py [--runs 5]

Needs fpdf2 (a test dependency) to write the PDF.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "trump-putin-telefonat.de.txt"
PARAGRAPH = (
    "Die Gespräche zwischen Washington und Moskau wurden am Dienstag fortgesetzt, wie Regierungssprecher in "
    "beiden Hauptstädten bestätigten. Beobachter in Brüssel und Berlin verfolgten die Entwicklung mit großer "
    "Aufmerksamkeit; die Europäische Union bereitet ein weiteres Sanktionspaket vor. "
)
STATEMENT = (
    "Der ukrainische Präsident Wolodymyr Selenskyj betonte am 18. März 2025 in Kiew, dass er „keine Abkommen "
    "ohne die Ukraine“ akzeptieren werde."
)


def html_page(size: int, statement: str = STATEMENT) -> bytes:
    paragraphs = []
    total = 0
    while total < size:  # numbered paragraphs: an extractor drops repeated boilerplate, not news text
        n = len(paragraphs)
        block = f"<p>Absatz {n}: {PARAGRAPH} Meldung {n * 7 % 1000} aus Kiew. {PARAGRAPH}</p>\n"
        paragraphs.append(block)
        total += len(block.encode())
    paragraphs.insert(len(paragraphs) * 3 // 4, f"<p>{statement}</p>\n")
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Chronik</title></head><body><article>"
        + "".join(paragraphs)
        + "</article></body></html>"
    ).encode()


def pdf_document(pages: int) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    statement = STATEMENT.replace("„", '"').replace("“", '"')  # the core fonts have Latin-1 only
    for number in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 5, f"Seite {number + 1}\n" + PARAGRAPH * 9, new_x="LMARGIN", new_y="NEXT")
        if number == pages * 3 // 4:
            pdf.multi_cell(0, 5, statement, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def serve(documents: dict[str, tuple[bytes, str]]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, content_type = documents[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def timed(call: Callable[[], Any], runs: int) -> tuple[dict[str, float], Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(times), 4), "best_s": round(min(times), 4)}, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--html-bytes", type=int, default=1 << 20)
    args = parser.parse_args()
    try:
        pdf = pdf_document(args.pages)
    except ImportError:
        print(json.dumps({"skipped": "fpdf2 is not installed (pip install -e '.[test]')"}))
        return

    from sqlmodel import select

    from factcheck.evidence import ClaimEvidence, check_source
    from factcheck.services import articles, sources
    from factcheck.sources.content import extract_content
    from factcheck.sources.fetch import fetch_source
    from factcheck.store import Claim, create_store_engine, session_scope
    from factcheck.text.document import prepare_document

    html = html_page(args.html_bytes)
    # the quote with a word missing: the slow path, a fuzzy alignment over the whole text
    close = html_page(args.html_bytes, STATEMENT.replace("ohne die Ukraine", "ohne Ukraine"))
    documents = {
        "/chronik.html": (html, "text/html; charset=utf-8"),
        "/abweichend.html": (close, "text/html; charset=utf-8"),
        "/chronik.pdf": (pdf, "application/pdf"),
    }
    server, base = serve(documents)
    results: dict[str, Any] = {"runs": args.runs, "cpus": os.cpu_count(), "load": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as folder:
        engine = create_store_engine(str(Path(folder) / "claims.db"))
        with session_scope(engine) as session:
            doc = prepare_document(SEED.read_bytes(), name=SEED.name)
            articles.import_document(session, doc, origin=str(SEED), actor="bench")
            claim = next(c for c in session.exec(select(Claim)) if "keine Abkommen" in c.text)
            claim_id, evidence = claim.id, ClaimEvidence.from_fields(claim.text, claim.fields, "de")
        for name, path, size in (
            ("html_1mb", "/chronik.html", len(html)),
            ("html_1mb_quote_with_differences", "/abweichend.html", len(close)),
            (f"pdf_{args.pages}_pages", "/chronik.pdf", len(pdf)),
        ):
            url = base + path
            fetch, got = timed(lambda url=url: fetch_source(url), args.runs)
            extract, content = timed(
                lambda got=got: extract_content(got.body, got.content_type, got.final_url), args.runs
            )
            check, checked = timed(lambda content=content: check_source(evidence, content.text), args.runs)

            def whole(url: str = url) -> Any:
                with session_scope(engine) as session:
                    added = sources.add_source(session, claim_id, url, actor="bench")
                return sources.fetch_and_check(engine, added.id, actor="bench")

            total, view = timed(whole, args.runs)
            results[name] = {
                "bytes": size,
                "text_chars": len(content.text or ""),
                "fetch": fetch,
                "extract": extract,
                "check": check,
                "fetch_and_check_stored": total,
                "outcome": view.outcome,
                "date_found": [d["found"] for d in (view.checks or {}).get("dates", [])],
                "quote_score": checked.best_quote_score,
            }
        engine.dispose()
    server.shutdown()
    json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
