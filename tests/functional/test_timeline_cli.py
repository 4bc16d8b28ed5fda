"""`factcheck timeline` on the seed, as the issue's acceptance describes it, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.conftest import SEED


def factcheck(db: str, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FACTCHECK_USER": "anna"}
    env.pop("FACTCHECK_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "factcheck", "--db", db, *args], capture_output=True, text=True, timeout=300, env=env
    )
    if ok:
        assert proc.returncode == 0, proc.stderr
    return proc


def timeline(db: str, *args: str) -> dict[str, Any]:
    return json.loads(factcheck(db, "timeline", *args, "--json").stdout)


def test_the_seed_timeline_with_a_checked_summit_in_the_memory_lane(store_db: str, tmp_path: Path) -> None:
    article = json.loads(factcheck(store_db, "import", str(SEED), "--json").stdout)["article_id"]
    memory = tmp_path / "memory.csv"
    memory.write_text(
        "claim,rating,url,date,language\n"
        "Trump und Putin trafen sich am 16. Juli 2018 in Helsinki.,richtig,https://fc.example/helsinki,2018-07-17,de\n"
        "Die Miete in Köln stieg 2023 um 6 Prozent.,falsch,https://fc.example/koeln,2024-01-01,de\n",
        encoding="utf-8",
    )
    factcheck(store_db, "checked", "import", str(memory))
    today = datetime.now(UTC).date().isoformat()

    found = timeline(store_db, str(article))
    assert (found["article_date"], found["article_date_from"]) == (today, "import")  # the seed has no date
    article_values = [e["value"] for e in found["entries"] if e["lane"] == "article"]
    wanted = ["2017-01-28", "2017-07", "2018-11", "2025", "2025-03-18"]
    assert [v for v in article_values if v in wanted] == wanted
    lane = [e["value"] for e in found["entries"]]
    helsinki = [e for e in found["entries"] if e["lane"] == "memory"]
    assert [e["value"] for e in helsinki] == ["2018-07-16"] and helsinki[0]["rating"] == "true"
    assert lane.index("2017-07") < lane.index("2018-07-16") < lane.index("2018-11")
    last_call = next(e for e in found["entries"] if e["text"].startswith("Der letzte telefonische Austausch"))
    assert last_call["time_sensitive"] and last_call["as_of"] == today
    assert all(e["conflicts"] == [] for e in found["entries"])

    without = timeline(store_db, str(article), "--no-memory")
    assert [e for e in without["entries"] if e["lane"] == "memory"] == []

    shown = factcheck(store_db, "timeline", str(article)).stdout.splitlines()
    assert shown[0].startswith(f"article date {today} (the day it was imported)")
    assert any(line.startswith("2018-07-16") and "memory #" in line for line in shown)
    assert shown[-1].startswith(today) and "article date" in shown[-1]


def test_timeline_mistakes_are_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "claims.db")
    factcheck(db, "import", str(SEED))
    for args, needle in ((["99"], "no article with id 99"), (["x"], "article id must be a number")):
        proc = factcheck(db, "timeline", *args, ok=False)
        assert proc.returncode != 0 and "Traceback" not in proc.stderr
        assert proc.stderr.strip().splitlines() == [f"error: {proc.stderr.strip().splitlines()[0][7:]}"]
        assert needle in proc.stderr
    missing = factcheck(str(tmp_path / "none.db"), "timeline", "1", ok=False)
    assert "no database at" in missing.stderr and not (tmp_path / "none.db").exists()


def test_recheck_lists_verdicts_on_time_sensitive_claims_older_than_the_limit(tmp_path: Path) -> None:
    db = str(tmp_path / "claims.db")
    old = tmp_path / "faehre.txt"
    old.write_text(
        "Kiel, 14. Oktober 2024 (dpa) - Der letzte Fährbetreiber der Insel stellt den Betrieb ein.\n\n"
        "Bislang fahren täglich drei Schiffe nach Amrum.\n\n"
        "Der Hafen wurde 1998 gebaut.",
        encoding="utf-8",
    )
    factcheck(db, "import", str(old))
    factcheck(db, "import", str(SEED))  # no date of its own: as of today, not stale yet
    claims = json.loads(factcheck(db, "claims", "--all", "--json").stdout)
    by_text = {c["text"].split(" - ")[-1]: c for c in claims}
    latest = by_text["Der letzte Fährbetreiber der Insel stellt den Betrieb ein."]
    so_far = by_text["Bislang fahren täglich drei Schiffe nach Amrum."]
    harbour = by_text["Der Hafen wurde 1998 gebaut."]
    seed_call = next(c for c in claims if c["text"].startswith("Der letzte telefonische Austausch"))
    assert latest["as_of"] == so_far["as_of"] == "2024-10-14" and harbour["time_cues"] == []
    for claim in (latest, so_far, harbour, seed_call):
        factcheck(db, "verdict", str(claim["id"]), "richtig")

    stale = json.loads(factcheck(db, "recheck", "--json").stdout)
    assert [(s["claim_id"], s["as_of"], s["cues"]) for s in stale] == [
        (latest["id"], "2024-10-14", ["latest"]),
        (so_far["id"], "2024-10-14", ["so-far"]),
    ]
    assert stale[0]["age_days"] == (datetime.now(UTC).date() - datetime(2024, 10, 14).date()).days
    far = datetime.now(UTC).date() - datetime(2024, 10, 14).date()
    assert json.loads(factcheck(db, "recheck", "--older-than", f"{far.days + 1}d", "--json").stdout) == []
    assert "as of 2024-10-14" in factcheck(db, "recheck", "--older-than", "2w").stdout
    # the verdict's own audit event records the date it holds as of
    events = [json.loads(line) for line in factcheck(db, "audit", "export").stdout.splitlines()]
    verdict_events = {e["claim_id"]: e["after"] for e in events if e["action"] == "verdict.set"}
    assert verdict_events[latest["id"]]["as_of"] == "2024-10-14" and "as_of" not in verdict_events[harbour["id"]]
    bad = factcheck(db, "recheck", "--older-than", "soon", ok=False)
    assert bad.returncode != 0 and bad.stderr.count("\n") == 1 and "--older-than takes" in bad.stderr


def test_similar_shows_claim_dates_and_calls_stale_time_sensitive_checks_possibly_outdated(tmp_path: Path) -> None:
    db = str(tmp_path / "claims.db")
    today = datetime.now(UTC).date()
    memory = tmp_path / "memory.json"
    memory.write_text(
        json.dumps(
            [
                {  # ClaimReview with a claim date: "so high as never since" holds as of that day
                    "@type": "ClaimReview",
                    "claimReviewed": "Die Arbeitslosigkeit in Bremen ist so hoch wie nie seit 2005.",
                    "reviewRating": {"@type": "Rating", "alternateName": "falsch"},
                    "url": "https://fc.example/bremen-2019",
                    "datePublished": "2019-03-04",
                    "itemReviewed": {"@type": "Claim", "datePublished": "2019-03-01"},
                },
                {
                    "@type": "ClaimReview",
                    "claimReviewed": "Die Arbeitslosigkeit in Bremen ist derzeit so hoch wie nie seit 2005.",
                    "reviewRating": {"@type": "Rating", "alternateName": "richtig"},
                    "url": "https://fc.example/bremen-now",
                    "datePublished": today.isoformat(),
                    "itemReviewed": {"@type": "Claim", "datePublished": today.isoformat()},
                },
                {
                    "@type": "ClaimReview",
                    "claimReviewed": "Die Arbeitslosigkeit in Bremen stieg 2018 um 2 Prozent.",
                    "reviewRating": {"@type": "Rating", "alternateName": "richtig"},
                    "url": "https://fc.example/bremen-2018",
                    "datePublished": "2019-03-04",
                    "itemReviewed": {"@type": "Claim", "datePublished": "2019-02-01"},
                },
            ]
        ),
        encoding="utf-8",
    )
    factcheck(db, "checked", "import", str(memory))
    found = json.loads(
        factcheck(db, "similar", "--text", "Die Arbeitslosigkeit in Bremen ist hoch", "--lang", "de", "--json").stdout
    )
    by_url = {m["url"]: m for m in found}
    old, new, plain = (
        by_url["https://fc.example/bremen-2019"],
        by_url["https://fc.example/bremen-now"],
        by_url["https://fc.example/bremen-2018"],
    )
    assert (old["claim_date"], old["time_sensitive"], old["as_of"], old["possibly_outdated"]) == (
        "2019-03-01",
        True,
        "2019-03-01",
        True,
    )
    assert new["time_sensitive"] and not new["possibly_outdated"]  # checked today: still fresh
    assert plain["claim_date"] == "2019-02-01" and not plain["time_sensitive"] and not plain["possibly_outdated"]
    shown = factcheck(db, "similar", "--text", "Die Arbeitslosigkeit in Bremen ist hoch", "--lang", "de").stdout
    assert "claimed: 2019-03-01" in shown and "possibly outdated: it held as of 2019-03-01" in shown


def test_the_memory_lane_leaves_out_checks_that_share_a_single_word(tmp_path: Path) -> None:
    db = str(tmp_path / "claims.db")
    article = tmp_path / "streik.txt"
    article.write_text(
        "Frankfurt, 14. Juni 2023 (dpa) - Die Lokführer streiken erneut.\n\n"
        "Der letzte Streik der Lokführer war im März 2023.\n",
        encoding="utf-8",
    )
    memory = tmp_path / "memory.csv"
    memory.write_text(
        "claim,rating,url,date,language\n"
        "Das letzte Telefonat zwischen Trump und Putin fand am 18. März 2025 statt.,richtig,https://fc.example/a,2025-03-19,de\n"
        "Die Lokführer streikten im Mai 2023 drei Tage lang.,richtig,https://fc.example/b,2023-05-20,de\n",
        encoding="utf-8",
    )
    article_id = json.loads(factcheck(db, "import", str(article), "--json").stdout)["article_id"]
    factcheck(db, "checked", "import", str(memory))
    lane = [e for e in timeline(db, str(article_id))["entries"] if e["lane"] == "memory"]
    assert [e["text"] for e in lane] == ["Die Lokführer streikten im Mai 2023 drei Tage lang."]
    assert lane[0]["matched_claim_id"] is not None
