"""Scale benchmark of the workbench: 100,000 claims, measured under App.run_test().

Creates (or reuses) a SQLite database with many articles and one very long article, then prints JSON:
startup to first paint of the article list, key-to-repaint latency in the article list, opening the
long article, and key-to-repaint latency in its claim table (which also loads the claim detail).

    .venv/bin/python benchmarks/tui_scale.py [--db PATH] [--articles 1000] [--claims 100] [--big 5000]

Rows are bulk-inserted here (a benchmark may use SQL); the app reads them through the services only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select

from factcheck.store import Article, Claim, Verdict, create_store_engine, session_scope

SPEAKERS = ["Olaf Scholz", "Annalena Baerbock", "Donald Trump", "Wladimir Putin", "Ursula von der Leyen", ""]
STATUSES = ["open"] * 6 + ["in-progress", "checked", "dismissed"]
RATINGS = ["true", "false", "misleading", "half-true", "unverifiable"]


def sentence(rng: random.Random, a: int, c: int) -> tuple[str, dict[str, Any], list[str]]:
    speaker = rng.choice(SPEAKERS)
    year = rng.randint(1990, 2025)
    share = rng.randint(1, 99)
    text = (
        f"{speaker or 'Das Ministerium'} sagte im Jahr {year}, dass {share} Prozent der Fälle in Artikel {a} "
        f"anders lagen als in Behauptung {c}."
    )
    fields = {
        "dates": [{"text": str(year), "value": str(year), "start": 0, "end": 4, "relative": False, "rule": "bench"}],
        "quotes": [],
        "speakers": [speaker] if speaker else [],
        "places": [],
        "quantities": [{"text": f"{share} Prozent", "value": share, "unit": "%", "start": 0, "end": 0}],
        "cues": [],
    }
    kinds = ["date", "quantity"] + (["attribution"] if speaker else [])
    return text, fields, kinds


def build(engine: Engine, articles: int, per_article: int, big: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    sizes = [per_article] * articles + ([big] if big else [])
    for index, size in enumerate(sizes, 1):
        parts: list[str] = []
        claims: list[dict[str, Any]] = []
        offset = 0
        for c in range(size):
            text, fields, kinds = sentence(rng, index, c)
            sep = "\n\n" if c and c % 5 == 0 else " " if c else ""
            offset += len(sep)
            parts.append(sep + text)
            status = rng.choice(STATUSES)
            claims.append(
                {
                    "start": offset,
                    "end": offset + len(text),
                    "text": text,
                    "kinds": kinds,
                    "fields": fields,
                    "checkworthiness": 0.8,
                    "checkworthy": True,
                    "status": status,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
            offset += len(text)
        body = "".join(parts)
        title = f"Langer Artikel mit {size} Behauptungen" if size == big else f"Artikel {index}: Bericht"
        with session_scope(engine) as s:
            article = Article(
                title=title,
                language="de",
                origin="benchmark",
                raw_text=body,
                text=body,
                offset_map=[[0, 0, len(body), len(body), 1]],  # text == raw: one copied segment
                sha256=f"{index:064d}",
                imported_by="bench",
            )
            s.add(article)
            s.flush()
            for row in claims:
                row["article_id"] = article.id
            s.execute(insert(Claim), claims)
            checked = s.execute(
                select(Claim.id).where(Claim.article_id == article.id, Claim.status == "checked")
            ).scalars()
            verdicts = [
                {
                    "claim_id": cid,
                    "rating": rng.choice(RATINGS),
                    "rationale": "bench",
                    "checker": "bench",
                    "review_state": "pending",
                    "created_at": now,
                }
                for cid in checked
            ]
            if verdicts:
                s.execute(insert(Verdict), verdicts)


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


async def measure(engine: Engine, presses: int) -> dict[str, Any]:
    from textual import events
    from textual.worker import WorkerCancelled

    from factcheck.tui.app import make_app
    from factcheck.tui.screens.article import ArticleScreen
    from factcheck.tui.widgets.article.claim_table import ClaimTable
    from factcheck.tui.widgets.article_list.article_table import ArticleTable
    from factcheck.tui.widgets.claim.detail import ClaimDetailPane

    results: dict[str, Any] = {}
    started = time.perf_counter()
    app = make_app(engine, actor="bench")
    async with app.run_test(size=(160, 48)) as pilot:
        # First paint: the article list shows rows.
        while not (app.screen.query(ArticleTable) and app.screen.query_one(ArticleTable).row_count):
            await asyncio.sleep(0.002)
        await pilot.pause()
        results["startup_to_article_list_s"] = round(time.perf_counter() - started, 3)

        async def settle() -> None:
            # an exclusive worker made way for the next key's
            with contextlib.suppress(WorkerCancelled):
                await app.workers.wait_for_complete()
            await pilot.pause()

        async def send_key(key: str) -> None:
            # What pilot.press does, minus its idle waits: those wait until the whole process (worker
            # threads included) is idle, in steps of 20 ms, which would time the test pacing, not the app.
            event = events.Key(key, None)
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]
            await pilot._wait_for_screen()

        async def key_latency(key: str, count: int, shown: Callable[[], object] | None = None) -> dict[str, Any]:
            """Key to handled-and-repainted (the pilot waits until every widget processed its messages),
            and, with `shown`, key to the moment `shown()` turns truthy (e.g. the claim detail is filled)."""
            handled: list[float] = []
            loaded: list[float] = []
            for _ in range(count):
                t0 = time.perf_counter()
                # The key, every widget's messages processed, the screen painted.
                await send_key(key)
                app.screen._on_timer_update()
                handled.append(time.perf_counter() - t0)
                if shown is not None:
                    while not shown():
                        await asyncio.sleep(0.001)
                    loaded.append(time.perf_counter() - t0)
                await settle()
            result = {"key_to_repaint": percentiles(handled)}
            if loaded:
                result["key_to_detail"] = percentiles(loaded)
            return result

        results["article_list_down"] = await key_latency("down", presses)
        t0 = time.perf_counter()
        await pilot.press("ctrl+end")  # to the last row: pages in more articles on the way
        await settle()
        results["article_list_end_s"] = round(time.perf_counter() - t0, 3)
        results["article_list_rows_loaded"] = app.screen.query_one(ArticleTable).row_count

        # Open the long article (newest, first row).
        await pilot.press("ctrl+home")
        await pilot.pause()
        t0 = time.perf_counter()
        await send_key("enter")
        def article_shown() -> bool:
            screen = app.screen
            tables, panes = screen.query(ClaimTable), screen.query(ClaimDetailPane)
            return (
                isinstance(screen, ArticleScreen)
                and bool(tables and tables.first().row_count)
                and bool(panes and panes.first().detail is not None)
            )

        while not article_shown():
            await asyncio.sleep(0.002)
        results["open_big_article_s"] = round(time.perf_counter() - t0, 3)  # text, claim list and detail shown
        pane = app.screen.query_one(ClaimDetailPane)
        while pane.similar_loading:  # the checked-claim memory answers after the first paint, in a worker
            await asyncio.sleep(0.002)
        results["open_big_article_similar_s"] = round(time.perf_counter() - t0, 3)
        await settle()
        results["big_article_claims"] = app.screen.query_one(ClaimTable).row_count
        screen = app.screen
        table, pane = screen.query_one(ClaimTable), screen.query_one(ClaimDetailPane)

        def detail_follows() -> bool:
            return pane.detail is not None and pane.detail.claim.id == table.current_claim_id

        results["claim_table_down"] = await key_latency("down", presses, detail_follows)
        results["claim_table_pagedown"] = await key_latency("pagedown", max(presses // 5, 5), detail_follows)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="SQLite file to create or reuse (default: a temporary file)")
    parser.add_argument("--articles", type=int, default=950)
    parser.add_argument("--claims", type=int, default=100, help="claims per article")
    parser.add_argument("--big", type=int, default=5000, help="claims in the one long article")
    parser.add_argument("--presses", type=int, default=40, help="key presses per latency measurement")
    args = parser.parse_args()

    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "scale.db"
    engine = create_store_engine(str(path))
    with session_scope(engine) as s:
        existing = s.execute(select(func.count()).select_from(Claim)).scalar_one()
    built = 0.0
    if not existing:
        t0 = time.perf_counter()
        build(engine, args.articles, args.claims, args.big)
        built = time.perf_counter() - t0
    with session_scope(engine) as s:
        total_claims = s.execute(select(func.count()).select_from(Claim)).scalar_one()
        total_articles = s.execute(select(func.count()).select_from(Article)).scalar_one()
    results = asyncio.run(measure(engine, args.presses))
    report = {
        "db": str(path),
        "articles": total_articles,
        "claims": total_claims,
        "build_s": round(built, 1),
        **results,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
