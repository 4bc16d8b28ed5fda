"""Report speed: one article with 5,000 claims, each with a verdict, rendered in every format.

Builds a SQLite database in a temporary folder (rows bulk-inserted: a benchmark may use SQL; the
report reads them through services.reports like `factcheck report`), then times, per format, the
gathering of the report data (build_report, with notes) and the rendering, and prints JSON:

    {"claims", "article_chars", "gather_s", "formats": {fmt: {"render_s", "total_s", "best_total_s", "bytes"}}, …}

`total_s` (gather + render, what `factcheck report` spends besides start-up) is the figure the target
applies to: under 2 s per format. Each figure is the median of `--runs` runs (`best_total_s` the
fastest run, and `load_avg_1m` the machine's load: on a busy machine the median says more about the load).

    PYTHONPATH=src python benchmarks/report_speed.py [--claims 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select
from sqlmodel import Session

from factcheck.ratings import SCALE
from factcheck.report.model import FORMATS
from factcheck.report.render import ReportOptions, render
from factcheck.services.reports import build_report
from factcheck.store import Article, Claim, Verdict, create_store_engine, session_scope
from factcheck.store.models import Note, Source

TARGET_S = 2.0
SPEAKERS = ["Olaf Scholz", "Annalena Baerbock", "Bundesministerium der Finanzen", "Wladimir Putin", ""]


def sentence(rng: random.Random, number: int) -> tuple[str, dict[str, Any], list[str]]:
    speaker = rng.choice(SPEAKERS)
    year = rng.randint(1990, 2025)
    share = rng.randint(1, 99)
    text = (
        f"{speaker or 'Das Ministerium'} sagte am 3. März {year}, dass {share} Prozent der Fälle in Behauptung "
        f"{number} anders lagen – „ein Zitat mit Umlauten: Größe, Übermaß“."
    )
    fields = {
        "dates": [{"text": f"3. März {year}", "value": f"{year}-03-03", "relative": False, "rule": "bench"}],
        "quotes": [{"text": "ein Zitat mit Umlauten: Größe, Übermaß", "speaker": speaker or None}],
        "speakers": [speaker] if speaker else [],
        "places": ["Berlin"] if number % 3 == 0 else [],
        "quantities": [{"text": f"{share} Prozent", "value": share, "unit": "%"}],
        "cues": [],
    }
    return text, fields, ["date", "quote", "quantity"] + (["attribution"] if speaker else [])


def build(engine: Engine, claims: int, seed: int = 11) -> int:
    """One article with `claims` claims, each checked with a verdict; every second claim has a fetched
    source, every third a note. Returns the article id."""
    rng = random.Random(seed)
    now = datetime(2025, 3, 20, 9, 0, tzinfo=UTC)
    parts: list[str] = []
    rows: list[dict[str, Any]] = []
    offset = 0
    for number in range(claims):
        text, fields, kinds = sentence(rng, number)
        sep = "\n\n" if number and number % 6 == 0 else " " if number else ""
        offset += len(sep)
        parts.append(sep + text)
        rows.append(
            {
                "start": offset,
                "end": offset + len(text),
                "text": text,
                "kinds": kinds,
                "fields": fields,
                "checkworthiness": 0.8,
                "checkworthy": True,
                "status": "checked",
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
        offset += len(text)
    body = "".join(parts)
    with session_scope(engine) as session:
        article = Article(
            title=f"Langer Artikel mit {claims} Behauptungen",
            language="de",
            origin="https://zeitung.example.de/langer-artikel",
            raw_text=body,
            text=body,
            offset_map=[[0, 0, len(body), len(body), 1]],
            sha256="f" * 64,
            imported_by="bench",
            published="2025-03-19",
        )
        session.add(article)
        session.flush()
        for row in rows:
            row["article_id"] = article.id
        session.execute(insert(Claim), rows)
        ids = session.execute(select(Claim.id).where(Claim.article_id == article.id).order_by(Claim.id)).scalars()
        ids = list(ids)
        session.execute(
            insert(Verdict),
            [
                {
                    "claim_id": cid,
                    "rating": SCALE[i % len(SCALE)].key,
                    "rationale": f"Begründung {i}: laut Statistikamt anders; =kein Formelstart",
                    "checker": "bench",
                    "review_state": "approved" if i % 4 == 0 else "pending",
                    "reviewer": "chefin" if i % 4 == 0 else None,
                    "created_at": now + timedelta(seconds=i),
                }
                for i, cid in enumerate(ids)
            ],
        )
        session.execute(
            insert(Source),
            [
                {
                    "claim_id": cid,
                    "url": f"https://www.destatis.de/quelle/{i}",
                    "title": f"Statistik {i}",
                    "fetched_at": now,
                    "http_status": 200,
                    "quote_match_score": 0.9,
                    "added_by": "bench",
                    "created_at": now,
                }
                for i, cid in enumerate(ids)
                if i % 2 == 0
            ],
        )
        session.execute(
            insert(Note),
            [
                {"claim_id": cid, "author": "bench", "body": f"Notiz {i} <b>nicht fett</b>", "created_at": now}
                for i, cid in enumerate(ids)
                if i % 3 == 0
            ],
        )
        return article.id or 0


def measure(engine: Engine, article_id: int, runs: int) -> dict[str, Any]:
    gathers: list[float] = []
    formats: dict[str, dict[str, Any]] = {}
    for fmt in FORMATS:
        options = ReportOptions(
            format=fmt,
            lang="de",
            publisher="Faktencheck-Desk",
            publisher_url="https://faktencheck.example.org",
            url_base="https://faktencheck.example.org/berichte/lang",
        )
        gather_s, render_s = [], []
        size = 0
        for _ in range(runs):
            started = time.perf_counter()
            with Session(engine) as session:
                data = build_report(session, article_id, include_notes=True)
            gathered = time.perf_counter()
            assert len(data.claims) == data.summary.verdicts, "every claim should carry a verdict"
            text = render(data, options)
            done = time.perf_counter()
            gather_s.append(gathered - started)
            render_s.append(done - gathered)
            size = len(text.encode("utf-8"))
        gathers += gather_s
        totals = [g + r for g, r in zip(gather_s, render_s, strict=True)]
        formats[fmt] = {
            "render_s": round(statistics.median(render_s), 3),
            "total_s": round(statistics.median(totals), 3),
            "best_total_s": round(min(totals), 3),  # the least disturbed run on a shared machine
            "bytes": size,
        }
    return {"gather_s": round(statistics.median(gathers), 3), "formats": formats}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = create_store_engine(str(Path(folder) / "claims.db"))
        started = time.perf_counter()
        article_id = build(engine, args.claims)
        built = time.perf_counter() - started
        with Session(engine) as session:
            chars = len(session.get(Article, article_id).text)  # type: ignore[union-attr]
        figures = measure(engine, article_id, args.runs)
        engine.dispose()
    slowest = max(f["total_s"] for f in figures["formats"].values())
    print(
        json.dumps(
            {
                "claims": args.claims,
                "article_chars": chars,
                "build_db_s": round(built, 2),
                "runs": args.runs,
                "load_avg_1m": round(os.getloadavg()[0], 2),  # other work on the machine skews the figures
                **figures,
                "target_s": TARGET_S,
                "slowest_total_s": slowest,
                "within_target": slowest < TARGET_S,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
