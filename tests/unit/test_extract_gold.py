"""Acceptance: the gold files score with the scorer's own metric, and no score falls below its record.

The metric is imported from ../shared/tools/score_claims.py (skipped when that checkout is absent, as on
CI, which runs on a clone without ../shared beside it); the seed gold lives in ../shared/gold, our own
gold files in tests/gold.

Every file's scores are held by a ratchet, `tests/gold/ratchet.json`: a score below its record fails,
a score above it passes with a warning, and `FACTCHECK_UPDATE_RATCHET=1` raises the records (never
lowers them). Held-out files, written blind, are held only by the ratchet; the others and the seed also
keep their absolute floors. tests/unit/test_quote_attribution_ratchet.py keeps the Wikinews quotation
corpus in the same file with the same helpers.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import warnings
from pathlib import Path
from types import ModuleType

import pytest

from factcheck.extract import extract_claims
from factcheck.text.layout import repair_layout

ROOT = Path(__file__).parents[2]
SHARED = ROOT / ".." / "shared"
SCORER = SHARED / "tools" / "score_claims.py"
SEED_GOLD = SHARED / "gold" / "trump-putin-telefonat.de.gold.json"
OWN_GOLD = sorted((ROOT / "tests" / "gold").glob("*.gold.json"))
RATCHET = ROOT / "tests" / "gold" / "ratchet.json"
UPDATE_VAR = "FACTCHECK_UPDATE_RATCHET"
# the scores are recorded to three decimals; below that a difference is float noise, not a change
EPS = 1e-9


class RatchetRise(UserWarning):
    """A score rose above its record: the test passes, the record can be raised with the update variable."""


def load_module(name: str, path: Path) -> ModuleType:
    """Import a module from a file outside the package (the shared scorers, the benchmarks)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip("../shared/tools/score_claims.py not available")
    return load_module("score_claims", SCORER)


def floor3(value: float) -> float:
    """Round down to three decimals, so a record never claims more than was measured."""
    return round(math.floor(value * 1000 + EPS) / 1000, 3)


def check_ratchet(section: str, name: str, measured: dict[str, float], *, path: Path = RATCHET) -> None:
    """Fail when a score of `name` is below its record in `section` of the ratchet file.

    A score above its record passes with a RatchetRise warning; with FACTCHECK_UPDATE_RATCHET=1 the
    record is raised to it (rounded down) and a missing record is written. Records are never lowered:
    a drop fails in update mode too.
    """
    __tracebackhide__ = True  # a failure points at the test that measured, not at this helper
    update = os.environ.get(UPDATE_VAR) == "1"
    records = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    record = records.setdefault(section, {}).get(name)
    missing = sorted(measured) if record is None else sorted(set(measured) - set(record))
    if missing and not update:
        pytest.fail(f"{name}: no record for {', '.join(missing)} in {path.name}; record it with {UPDATE_VAR}=1")

    def show(value: float) -> str:
        return f"{value:.4f}"

    record = dict(record or {})
    drops, rises = [], []
    for metric in measured:
        value = measured[metric]
        if metric in missing:
            record[metric] = floor3(value)
        elif value < record[metric] - EPS:
            drops.append(f"{name}: {metric} dropped below its record {show(record[metric])} (measured {show(value)})")
        elif floor3(value) > record[metric] + EPS:
            rises.append(f"{name}: {metric} rose above its record {show(record[metric])} (measured {show(value)})")
            if update:
                record[metric] = floor3(value)
    if update and (missing or rises):
        records[section][name] = {metric: record[metric] for metric in measured}  # in the metric's order
        records[section] = dict(sorted(records[section].items()))
        path.write_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for rise in rises:
        verb = "record raised" if update else f"raise the record with {UPDATE_VAR}=1"
        warnings.warn(f"{rise}; {verb}", RatchetRise, stacklevel=2)
    if drops:
        pytest.fail("; ".join(drops))


def score(gold: dict, claims: list[dict]) -> dict[str, float]:
    """The metrics of score_claims.py main(), computed with its own helpers."""
    sc = _scorer()
    gclaims = [dict(g) for g in gold["claims"]]
    for g in gclaims:
        g["_norm"] = sc.norm(g["sentence"])
        g["_found"] = []
    proposed = [c for c in claims if c.get("checkworthy", True) is not False]
    false_pos = 0
    for c in proposed:
        g = sc.owner(c.get("text", ""), gclaims)
        if g is None or g["level"] == "reject":
            false_pos += 1
        else:
            g["_found"].append(c)
    required = [g for g in gclaims if g["level"] == "required"]
    recall = sum(1 for g in required if g["_found"]) / len(required) if required else 1.0
    precision = (len(proposed) - false_pos) / len(proposed) if proposed else 0.0
    gold_quotes = [q for g in gclaims if g["level"] != "reject" for q in g.get("quotes", [])]
    prop_quotes = [q for c in proposed for q in c.get("quotes", []) or []]
    hit, used = 0, set()
    for q in gold_quotes:
        for i, p in enumerate(prop_quotes):
            if i in used:
                continue
            if sc.fuzz.ratio(sc.norm(q["text"]), sc.norm(p.get("text", ""))) >= 90 and sc.same_person(
                q["speaker"], p.get("speaker") or ""
            ):
                hit += 1
                used.add(i)
                break
    q_prec = hit / len(prop_quotes) if prop_quotes else (1.0 if not gold_quotes else 0.0)
    q_rec = hit / len(gold_quotes) if gold_quotes else 1.0
    quote_f1 = 2 * q_prec * q_rec / (q_prec + q_rec) if q_prec + q_rec else 0.0
    sp_total = sp_hit = d_total = d_hit = 0
    for g in required:
        names = [n for c in g["_found"] for n in (c.get("speakers") or [])]
        names += [q.get("speaker") or "" for c in g["_found"] for q in (c.get("quotes") or [])]
        for s in g.get("speakers", []):
            sp_total += 1
            sp_hit += any(sc.same_person(s, n) for n in names)
        values = {x.get("value") for c in g["_found"] for x in (c.get("dates") or [])}
        for d in g.get("dates", []):
            d_total += 1
            d_hit += d["value"] in values
    return {
        "recall": recall,
        "precision": precision,
        "quote_f1": quote_f1,
        "speaker": sp_hit / sp_total if sp_total else 1.0,
        "date": d_hit / d_total if d_total else 1.0,
    }


def run_gold(gold_path: Path, article_root: Path) -> dict[str, float]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = article_root / gold["article"]
    if not article.exists():
        pytest.skip(f"{article} not available")
    r = repair_layout(article.read_text(encoding="utf-8"))
    claims = extract_claims(r.text, language=gold.get("language", "de"), paragraphs=r.paragraphs)
    for c in claims:  # the offsets contract holds on every gold article
        assert r.text[c.start : c.end] == c.text
    return score(gold, [c.to_dict() for c in claims])


def gold_name(gold_path: Path) -> str:
    return gold_path.name.removesuffix(".gold.json")


def test_seed_article_meets_the_issue_targets() -> None:
    if not SEED_GOLD.exists():
        pytest.skip("seed gold not available")
    m = run_gold(SEED_GOLD, ROOT)
    check_ratchet("claims", gold_name(SEED_GOLD), m)
    assert m["recall"] == 1.0
    assert m["precision"] >= 0.9
    assert m["quote_f1"] == 1.0
    assert m["speaker"] >= 0.9
    assert m["date"] == 1.0


@pytest.mark.parametrize("gold_path", OWN_GOLD, ids=[gold_name(p) for p in OWN_GOLD])
def test_own_gold_articles_keep_scoring(gold_path: Path) -> None:
    m = run_gold(gold_path, ROOT)
    check_ratchet("claims", gold_name(gold_path), m)
    if "held-out" in json.loads(gold_path.read_text(encoding="utf-8"))["about"]:
        return  # written blind to measure generalisation: held by the ratchet alone
    # the thresholds for unseen articles are the seed's minus 0.1; our own files must do better
    assert m["recall"] >= 0.95, m
    assert m["precision"] >= 0.9, m
    assert m["quote_f1"] >= 0.9, m
    assert m["speaker"] >= 0.9, m
    assert m["date"] >= 0.95, m


def test_there_are_at_least_six_own_gold_files() -> None:
    assert len(OWN_GOLD) >= 6
    langs = {json.loads(p.read_text(encoding="utf-8"))["language"] for p in OWN_GOLD}
    assert langs == {"de", "en"}


def test_every_claims_record_names_a_gold_file() -> None:
    # a record left behind by a renamed or removed gold file would hold nothing
    names = {gold_name(p) for p in [SEED_GOLD, *OWN_GOLD]}
    records = json.loads(RATCHET.read_text(encoding="utf-8"))
    assert set(records["claims"]) <= names


# The ratchet itself, on a ratchet file of its own (needs no ../shared).

METRICS = {"recall": 0.95, "precision": 0.8125}


def _write(path: Path, record: dict[str, float]) -> None:
    path.write_text(json.dumps({"claims": {"a.de": record}}), encoding="utf-8")


def _read(path: Path) -> dict[str, float]:
    return json.loads(path.read_text(encoding="utf-8"))["claims"]["a.de"]


def test_ratchet_passes_silently_at_its_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE_VAR, raising=False)
    path = tmp_path / "ratchet.json"
    _write(path, {"recall": 0.95, "precision": 0.812})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_ratchet("claims", "a.de", METRICS, path=path)


def test_ratchet_fails_on_a_drop_naming_file_metric_and_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ratchet.json"
    _write(path, {"recall": 0.96, "precision": 0.812})
    for update in ("", "1"):  # a drop fails in update mode too, and its record stays
        monkeypatch.setenv(UPDATE_VAR, update)
        with pytest.raises(
            pytest.fail.Exception, match=r"a\.de: recall dropped below its record 0\.9600 \(measured 0\.9500\)"
        ):
            check_ratchet("claims", "a.de", METRICS, path=path)
        assert _read(path) == {"recall": 0.96, "precision": 0.812}


def test_ratchet_warns_on_a_rise_and_raises_the_record_only_in_update_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ratchet.json"
    _write(path, {"recall": 0.9, "precision": 0.812})
    monkeypatch.delenv(UPDATE_VAR, raising=False)
    with pytest.warns(RatchetRise, match="recall rose above its record"):
        check_ratchet("claims", "a.de", METRICS, path=path)
    assert _read(path)["recall"] == 0.9
    monkeypatch.setenv(UPDATE_VAR, "1")
    with pytest.warns(RatchetRise, match="record raised"):
        check_ratchet("claims", "a.de", METRICS, path=path)
    assert _read(path) == {"recall": 0.95, "precision": 0.812}


def test_ratchet_fails_without_a_record_until_it_is_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ratchet.json"
    _write(path, {"recall": 0.95, "precision": 0.812})
    monkeypatch.delenv(UPDATE_VAR, raising=False)
    with pytest.raises(pytest.fail.Exception, match=r"b\.en: no record"):
        check_ratchet("claims", "b.en", {"recall": 0.5}, path=path)
    monkeypatch.setenv(UPDATE_VAR, "1")
    check_ratchet("claims", "b.en", {"recall": 0.5129}, path=path)  # recorded rounded down
    assert json.loads(path.read_text(encoding="utf-8"))["claims"]["b.en"] == {"recall": 0.512}
    monkeypatch.delenv(UPDATE_VAR)
    check_ratchet("claims", "b.en", {"recall": 0.5129}, path=path)
