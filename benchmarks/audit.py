"""Audit benchmark (issue 11): `factcheck audit verify` over a million events, and what auditing costs a
write. Prints JSON.

1. **Verify**: a SQLite store with `--events` events (default 1,000,000) is built directly — a valid
   chain computed in Python with factcheck.audit.chain.event_hash and bulk-inserted — shaped like a
   desk's years of work: articles imported with their claims (the import event carries the digests
   of the article and all its claims), then verdicts, notes, status changes, sources and rewordings
   on random claims, each event with the full claim snapshots and row digests the services write.
   Every audited row the events wrote is stored as the events last left it, so verification walks the
   chain and compares every row. Reported: the real command's wall time (`python -m factcheck audit
   verify --json`, start-up included) and the in-process time of services.audit_log.verify. Target: < 10 s.
2. **Write cost**: the median time of a verdict through the service (set_verdict in its own unit of
   work, as the CLI and the workbench make one), audited as always, against the same verdict with the
   audit event left out (the row inserted as the service does, no record_event), alternating, on a
   store with the seed article. Target: the difference < 1 ms.

    python benchmarks/audit.py [--events 1000000] [--scheme 4|2] [--writes 300] [--keep DIR] [--skip-verify]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "trump-putin-telefonat.de.txt"
GOLD = ROOT / "tests" / "gold"
sys.path.insert(0, str(ROOT / "src"))

from factcheck.audit.chain import SHA256, SHA256_FRAMED, EventRecord, event_hash  # noqa: E402
from factcheck.audit.digest import canonical, row_digest, row_key  # noqa: E402
from factcheck.store.engine import stored_json  # noqa: E402

CLAIMS_PER_ARTICLE = 40
# What a desk does after the imports, by share of events.
ACTIONS = (("verdict.set", 0.35), ("note.add", 0.3), ("claim.status", 0.2), ("source.add", 0.1), ("claim.edit", 0.05))
CHECKERS = ("anna", "ben", "carla", "deniz", "emil", "frieda")
RATINGS = ("false", "mostly-false", "misleading", "half-true", "mostly-true", "true", "missing-context")
BATCH = 20_000


def claim_templates() -> list[dict[str, Any]]:
    """Real claims (text, kinds, extracted fields) from the seed and the German gold texts."""
    from factcheck.services.articles import claim_from_extracted, extract_document
    from factcheck.text.document import prepare_document

    templates: list[dict[str, Any]] = []
    for path in [SEED, *sorted(GOLD.glob("*.de.txt"))[:6]]:
        doc = prepare_document(path.read_bytes(), name=path.name)
        for extracted in extract_document(doc):
            c = claim_from_extracted(0, extracted)
            templates.append(
                {
                    "start": c.start,
                    "end": c.end,
                    "text": c.text,
                    "kinds": list(c.kinds),
                    "fields": dict(c.fields),
                    "checkworthiness": c.checkworthiness,
                    "checkworthy": c.checkworthy,
                }
            )
    return templates


def snapshot(claim: dict[str, Any]) -> dict[str, Any]:
    """services.claims.snapshot of a claim held as a dict."""
    return {
        "text": claim["text"],
        "start": claim["start"],
        "end": claim["end"],
        "status": claim["status"],
        "version": claim["version"],
        "kinds": claim["kinds"],
        "fields": claim["fields"],
        "checkworthiness": claim["checkworthiness"],
        "checkworthy": claim["checkworthy"],
    }


def stored_time(moment: datetime) -> str:
    """How SQLAlchemy stores a DATETIME in SQLite (naive UTC text)."""
    return moment.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


class Desk:
    """Generates the events and keeps every audited row as the events last left it."""

    def __init__(self, events: int, *, scheme: int = SHA256_FRAMED, seed: int = 11) -> None:
        self.rng = random.Random(seed)
        self.scheme = scheme
        # How the engine stores JSON: the app's serialiser now; json.dumps's defaults before it (scheme 2).
        self.dumps = stored_json if scheme == SHA256_FRAMED else json.dumps
        self.templates = claim_templates()
        self.total = events
        self.articles = max(1, events // 500)  # one import per 500 events: ~2,000 articles per million
        self.claims: dict[int, dict[str, Any]] = {}
        self.rows: dict[str, list[tuple[Any, ...]]] = {"article": [], "verdict": [], "note": [], "source": []}
        self.counts = {"verdict": 0, "note": 0, "source": 0}
        self.clock = datetime(2023, 1, 2, 8, 0, tzinfo=UTC)
        self.prev = ""
        self.next_id = 1

    def _event(
        self,
        actor: str,
        action: str,
        entity: str,
        entity_id: int,
        claim_id: int | None,
        before: Any,
        after: Any,
        rows: dict[str, str],
    ) -> tuple[Any, ...]:
        self.clock += timedelta(seconds=1, microseconds=self.rng.randrange(1_000_000))
        at = stored_time(self.clock)
        # As services.audit.record_event and its seal: values with their keys in canonical order.
        before, after = (json.loads(canonical(value)) if value is not None else None for value in (before, after))
        rows = dict(sorted(rows.items()))
        record = EventRecord(self.next_id, at, actor, action, entity, entity_id, claim_id, before, after, self.prev, "")
        record.scheme, record.rows = self.scheme, rows
        record.hash = event_hash(self.prev, record)
        row = (
            self.next_id,
            at,
            actor,
            action,
            entity,
            entity_id,
            claim_id,
            self.dumps(before) if before is not None else None,
            self.dumps(after) if after is not None else None,
            self.prev,
            record.hash,
            self.scheme,
            self.dumps(rows),
        )
        self.prev = record.hash
        self.next_id += 1
        return row

    def _import(self, article_id: int, at: str) -> tuple[Any, ...]:
        actor = self.rng.choice(CHECKERS)
        sha = f"{article_id:064x}"
        article = {"title": f"Artikel {article_id}", "language": "de", "origin": f"artikel-{article_id}.txt"}
        article |= {"sha256": sha, "published": None, "imported_by": actor}
        self.rows["article"].append((article_id, *article.values(), at))
        stored = {**article, "text": "", "raw_text": "", "offset_map": []}  # as the INSERT below stores them
        rows = {row_key("article", article_id): row_digest("article", stored)}
        first = len(self.claims) + 1
        for n in range(CLAIMS_PER_ARTICLE):
            template = self.templates[(first + n) % len(self.templates)]
            claim = {**template, "article_id": article_id, "status": "open", "version": 1, "created_at": at}
            self.claims[first + n] = claim
            rows[row_key("claim", first + n)] = row_digest("claim", claim)
        after = {"title": article["title"], "language": "de", "origin": article["origin"], "sha256": sha}
        after["claims"] = CLAIMS_PER_ARTICLE
        return self._event(actor, "article.import", "article", article_id, None, None, after, rows)

    def _claim_write(self, action: str) -> tuple[Any, ...]:
        claim_id = self.rng.randrange(1, len(self.claims) + 1)
        claim = self.claims[claim_id]
        actor = self.rng.choice(CHECKERS)
        before = snapshot(claim)
        claim["version"] += 1
        at = stored_time(self.clock)
        rows: dict[str, str] = {}
        if action == "verdict.set":
            self.counts["verdict"] += 1
            verdict_id = self.counts["verdict"]
            rating = self.rng.choice(RATINGS)
            rationale = "" if rating == "true" else f"Laut Archiv und Rückfrage nicht belegt ({verdict_id})."
            claim["status"] = "checked"
            verdict = {"claim_id": claim_id, "rating": rating, "rationale": rationale, "checker": actor}
            verdict |= {"review_state": "pending", "reused_from": None, "created_at": at}
            self.rows["verdict"].append((verdict_id, *verdict.values()))
            rows[row_key("verdict", verdict_id)] = row_digest("verdict", verdict)
            rows[row_key("claim", claim_id)] = row_digest("claim", claim)
            after = {**snapshot(claim), "rating": rating, "rationale": rationale, "reused_from": None}
            return self._event(actor, action, "verdict", verdict_id, claim_id, before, after, rows)
        if action == "claim.status":
            claim["status"] = self.rng.choice(("in-progress", "open", "dismissed"))
        else:  # claim.edit: a reworded claim
            claim["text"] = f"{claim['text'].rstrip('.')} (präzisiert)."
        rows[row_key("claim", claim_id)] = row_digest("claim", claim)
        return self._event(actor, action, "claim", claim_id, claim_id, before, snapshot(claim), rows)

    def _attachment(self, action: str) -> tuple[Any, ...]:
        claim_id = self.rng.randrange(1, len(self.claims) + 1)
        actor = self.rng.choice(CHECKERS)
        at = stored_time(self.clock)
        table = "note" if action == "note.add" else "source"
        self.counts[table] += 1
        row_id = self.counts[table]
        if table == "note":
            row = {"claim_id": claim_id, "author": actor, "body": f"Rückfrage an die Pressestelle, Nr. {row_id}"}
            row |= {"created_at": at, "withdrawn_at": None}
            after: dict[str, Any] = {"body": row["body"]}
        else:
            url = f"https://www.bundesregierung.example/aktuelles/{row_id}"
            row = {"claim_id": claim_id, "url": url, "final_url": None, "title": None, "http_status": None}
            row |= {"sha256": None, "quote_match_score": None, "archive_url": None, "added_by": actor}
            row |= {"fetched_at": None, "withdrawn_at": None, "created_at": at}
            after = {"url": url}
        self.rows[table].append((row_id, *row.values()))
        digest = row_digest(table, row)
        return self._event(actor, action, table, row_id, claim_id, None, after, {row_key(table, row_id): digest})

    def events(self) -> Iterator[tuple[Any, ...]]:
        names = [name for name, _share in ACTIONS]
        weights = [share for _name, share in ACTIONS]
        imports_every = self.total // self.articles
        article_id = 0
        for n in range(self.total):
            if n % imports_every == 0 and article_id < self.articles:
                article_id += 1
                yield self._import(article_id, stored_time(self.clock))
                continue
            action = self.rng.choices(names, weights)[0]
            if action in ("note.add", "source.add"):
                yield self._attachment(action)
            else:
                yield self._claim_write(action)


def build_store(path: Path, events: int, scheme: int = SHA256_FRAMED) -> dict[str, Any]:
    """A store at the current schema holding `events` valid events and the rows they wrote."""
    import sqlite3

    from factcheck.store import create_store_engine

    create_store_engine(str(path)).dispose()  # the schema, migrated to head
    started = time.perf_counter()
    desk = Desk(events, scheme=scheme)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("DELETE FROM event")  # migration 0007's baseline of an empty store: none
    connection.execute("BEGIN")
    insert_event = (
        'INSERT INTO event (id, at, actor, action, entity, entity_id, claim_id, "before", "after", prev_hash, hash,'
        " scheme, rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    )
    batch: list[tuple[Any, ...]] = []
    for row in desk.events():
        batch.append(row)
        if len(batch) >= BATCH:
            connection.executemany(insert_event, batch)
            batch.clear()
    connection.executemany(insert_event, batch)
    connection.executemany(
        "INSERT INTO article (id, title, language, origin, sha256, published, imported_by, format, raw_text, text,"
        " offset_map, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'text', '', '', '[]', ?, ?)",
        [(*row, row[-1]) for row in desk.rows["article"]],
    )
    connection.executemany(
        'INSERT INTO claim (id, article_id, start, "end", text, kinds, fields, checkworthiness, checkworthy, status,'
        " version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                claim_id,
                c["article_id"],
                c["start"],
                c["end"],
                c["text"],
                desk.dumps(c["kinds"]),
                desk.dumps(c["fields"]),
                c["checkworthiness"],
                c["checkworthy"],
                c["status"],
                c["version"],
                c["created_at"],
                c["created_at"],
            )
            for claim_id, c in desk.claims.items()
        ),
    )
    connection.executemany(
        "INSERT INTO verdict (id, claim_id, rating, rationale, checker, review_state, reused_from, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        desk.rows["verdict"],
    )
    connection.executemany(
        "INSERT INTO note (id, claim_id, author, body, created_at, withdrawn_at) VALUES (?, ?, ?, ?, ?, ?)",
        desk.rows["note"],
    )
    connection.executemany(
        "INSERT INTO source (id, claim_id, url, final_url, title, http_status, sha256, quote_match_score,"
        " archive_url, added_by, fetched_at, withdrawn_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        desk.rows["source"],
    )
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return {
        "events": events,
        "scheme": scheme,
        "rows": {
            "article": len(desk.rows["article"]),
            "claim": len(desk.claims),
            **{table: len(desk.rows[table]) for table in ("verdict", "note", "source")},
        },
        "database_mb": round(path.stat().st_size / 2**20),
        "build_seconds": round(time.perf_counter() - started, 1),
    }


def bench_verify(path: Path) -> dict[str, Any]:
    """The real command's wall time, then the service's own time in this process."""
    from factcheck.services import audit_log
    from factcheck.store.reader import open_sqlite_reader

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", str(path), "audit", "verify", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    command_seconds = time.perf_counter() - started
    report = json.loads(done.stdout) if done.stdout else {"error": done.stderr.strip()}
    reader = open_sqlite_reader(str(path))
    assert reader is not None
    try:
        started = time.perf_counter()
        in_process = audit_log.verify(reader)
        service_seconds = time.perf_counter() - started
    finally:
        reader.close()
    return {
        "command_seconds": round(command_seconds, 2),
        "service_seconds": round(service_seconds, 2),
        "exit_code": done.returncode,
        "ok": report.get("ok"),
        "events_verified": report.get("events"),
        "rows_compared": report.get("rows"),
        "in_process_ok": in_process.ok,
        "target_seconds": 10,
    }


def bench_write_cost(writes: int) -> dict[str, Any]:
    """Median verdict latency through the service, audited and with the audit event left out."""
    from sqlmodel import Session, select

    from factcheck.services import articles, verdicts
    from factcheck.store import Claim, create_store_engine, session_scope
    from factcheck.text.document import prepare_document

    def unaudited(session: Session, row: Any, **_ignored: Any) -> int:
        session.add(row)  # what add_audited does, without record_event (so nothing is sealed at commit)
        session.flush()
        return row.id

    with tempfile.TemporaryDirectory() as tmp:
        engine = create_store_engine(str(Path(tmp) / "claims.db"))
        doc = prepare_document(SEED.read_bytes(), name=SEED.name)
        with session_scope(engine) as session:
            articles.import_document(session, doc, origin=str(SEED), actor="bench")
        with Session(engine) as session:
            claim_ids = [c.id for c in session.exec(select(Claim).where(Claim.checkworthy))]
        timings: dict[str, list[float]] = {"audited": [], "unaudited": []}
        audited_add = verdicts.add_audited
        rng = random.Random(5)
        for i in range(2 * writes + 20):
            mode = "audited" if i % 2 == 0 else "unaudited"
            verdicts.add_audited = audited_add if mode == "audited" else unaudited  # type: ignore[assignment]
            claim_id = rng.choice(claim_ids)
            started = time.perf_counter()
            with session_scope(engine) as session:
                verdicts.set_verdict(session, claim_id, "false", rationale=f"Nr. {i}", actor="bench")
            if i >= 20:  # the first ones warm caches up
                timings[mode].append(time.perf_counter() - started)
        verdicts.add_audited = audited_add  # type: ignore[assignment]
        engine.dispose()
    audited = statistics.median(timings["audited"]) * 1000
    plain = statistics.median(timings["unaudited"]) * 1000
    return {
        "writes_each": writes,
        "audited_median_ms": round(audited, 3),
        "unaudited_median_ms": round(plain, 3),
        "audit_cost_ms": round(audited - plain, 3),
        "target_ms": 1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--writes", type=int, default=300, help="verdicts of each kind for the write cost")
    parser.add_argument("--keep", metavar="DIR", help="build the store in DIR and keep it (default: a temporary one)")
    parser.add_argument(
        "--scheme",
        type=int,
        choices=(SHA256, SHA256_FRAMED),
        default=SHA256_FRAMED,
        help="4: events as the app writes them now; 2: as written before (hashed over parsed values)",
    )
    parser.add_argument("--skip-verify", action="store_true")
    parser.add_argument("--skip-writes", action="store_true")
    args = parser.parse_args()
    report: dict[str, Any] = {}
    if not args.skip_verify:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(args.keep) if args.keep else Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "audit-bench.db"
            path.unlink(missing_ok=True)
            report["store"] = build_store(path, args.events, args.scheme)
            report["verify"] = bench_verify(path)
    if not args.skip_writes:
        report["write_cost"] = bench_write_cost(args.writes)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
