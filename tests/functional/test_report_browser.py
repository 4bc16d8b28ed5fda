"""The HTML report in a real headless Chromium (Debian package `chromium`; .ci/run installs it).

What an editor opening the file would notice: it renders (screenshot), the claims are marked in their
verdict colours and linked, the page logs no console error and requests nothing from the network,
hostile stored text stays text (nothing runs), and printing uses the print stylesheet.

Console messages come from `--enable-logging=stderr` (lines "…:CONSOLE…] "message", source: …");
network requests from Chromium's own NetLog (`--log-net-log`), keeping the page's requests and
leaving out the browser's background ones. A control page that misbehaves on purpose shows that both
detectors see what they are meant to see. Skipped only when no Chromium binary can be found.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from sqlmodel import Session

from factcheck.report.html import render_html
from factcheck.report.render import ReportOptions
from factcheck.services import reports, verdicts
from factcheck.services.claims import list_claims
from factcheck.store import session_scope
from tests.functional.test_reports import PUBLISHER, Checked, build_checked_seed
from tests.unit.test_report_render import Page, claim, item, note, report, source, verdict

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no headless Chromium on PATH: install the Debian package `chromium` (apt-get install -y chromium)",
)
PDFTOTEXT = shutil.which("pdftotext")
# Runs that set this attribute on <body> would show in the DOM: stored text that executes.
PWNED = "data-pwned"
RED, ORANGE, GREEN, UNRATED = (248, 81, 73), (240, 136, 62), (63, 185, 80), (88, 166, 255)  # false … no verdict


@dataclass
class Run:
    stdout: bytes
    console: list[str]  # messages the page logged (errors, uncaught exceptions, console.*)
    requests: list[str]  # URLs the page asked the network for


def chromium(tmp_path: Path, page: Path, *args: str) -> Run:
    """Run headless Chromium once on `page` (its own profile, names resolving nowhere)."""
    assert CHROMIUM is not None
    work = tmp_path / f"chromium-{len(list(tmp_path.glob('chromium-*')))}"
    work.mkdir()
    netlog = work / "netlog.json"
    command = [
        CHROMIUM,
        "--headless",
        "--disable-gpu",
        "--no-sandbox",
        f"--user-data-dir={work / 'profile'}",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # a request the page makes fails, it never leaves
        "--enable-logging=stderr",
        "--v=0",
        f"--log-net-log={netlog}",
        *args,
        page.as_uri(),
    ]
    proc = subprocess.run(command, capture_output=True, timeout=180, check=False, cwd=work)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    stderr = proc.stderr.decode("utf-8", "replace")
    console = re.findall(r':CONSOLE[:(]\d+\)?\] "(.*)", source: ', stderr)
    console += [line for line in stderr.splitlines() if "Uncaught" in line and line not in console]
    return Run(proc.stdout, console, _page_requests(netlog))


def _page_requests(netlog: Path) -> list[str]:
    """URLs of the requests the page started: URL_REQUEST_START_JOB events with an origin (the
    browser's own update, sync and dictionary requests carry none)."""
    text = netlog.read_text(encoding="utf-8")
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # cut off at exit: close the event list
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    found = set()
    for event in log["events"]:
        params = event.get("params") or {}
        url = params.get("url", "")
        if names.get(event["type"]) != "URL_REQUEST_START_JOB" or not url:
            continue
        if params.get("initiator") != "not an origin" and not url.startswith(("file:", "data:", "chrome:")):
            found.add(url)
    return sorted(found)


def png_pixels(path: Path) -> np.ndarray:
    """The RGB(A) pixels of an 8-bit, non-interlaced PNG (what Chromium writes), as height × width × channels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks = 8, b""
    width = height = channels = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks += body
        pos += 12 + length
    raw = np.frombuffer(zlib.decompress(chunks), dtype=np.uint8).reshape(height, width * channels + 1)
    out = np.zeros((height, width * channels), dtype=np.uint8)
    previous = np.zeros(width * channels, dtype=np.int16)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int16)
        if kind == 0:
            row = line
        elif kind == 1:  # Sub: a running sum per channel
            row = np.cumsum(line.reshape(width, channels), axis=0).reshape(-1) % 256
        elif kind == 2:  # Up
            row = (line + previous) % 256
        else:  # Average, Paeth: pixel by pixel
            row = np.zeros_like(line)
            up = previous.tolist()
            cur = row.tolist()
            values = line.tolist()
            for x in range(width * channels):
                left = cur[x - channels] if x >= channels else 0
                if kind == 3:
                    cur[x] = (values[x] + (left + up[x]) // 2) % 256
                else:
                    upper_left = up[x - channels] if x >= channels else 0
                    p = left + up[x] - upper_left
                    pa, pb, pc = abs(p - left), abs(p - up[x]), abs(p - upper_left)
                    pred = left if pa <= pb and pa <= pc else up[x] if pb <= pc else upper_left
                    cur[x] = (values[x] + pred) % 256
            row = np.array(cur, dtype=np.int16)
        out[y] = row
        previous = row
    return out.reshape(height, width, channels)


def runs(pixels: np.ndarray, colour: tuple[int, int, int]) -> list[int]:
    """Lengths of the horizontal runs of exactly `colour`. A claim's underline is a long run (solid)
    or many dashes (no verdict); a legend swatch is under a text's height, a section's side border 6 px."""
    rows = np.all(pixels[:, :, :3] == np.array(colour, dtype=np.uint8), axis=2)
    lengths: list[int] = []
    for row in rows[np.any(rows, axis=1)]:
        edges = np.diff(np.concatenate(([0], row.astype(np.int8), [0])))
        lengths += (np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)).tolist()
    return lengths


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Checked]]:
    """The checked seed's HTML report (German), with stored text that would run if it were markup."""
    folder = tmp_path_factory.mktemp("browser")
    checked = build_checked_seed(folder / "claims.db")
    with session_scope(checked.engine) as session:
        verdicts.add_note(
            session,
            checked.ids["false"],
            f'<script>document.body.setAttribute("{PWNED}", "note")</script>',
            actor="eve",
        )
        open_claim = next(c for c in list_claims(session, article_id=checked.article_id) if c.counted and not c.verdict)
        verdicts.set_verdict(
            session,
            open_claim.id,
            "misattributed",
            rationale=f"\"><img src=x onerror=\"document.body.setAttribute('{PWNED}', 'rationale')\">",
            actor="eve",
        )
    options = ReportOptions(format="html", lang="de", **PUBLISHER)
    with Session(checked.engine) as session:
        text = reports.report_text(session, checked.article_id, options, include_notes=True)
    page = folder / "bericht.html"
    reports.save_report(text, page)
    yield page, checked
    checked.engine.dispose()


def test_the_report_opens_with_every_claim_marked_and_linked_and_no_console_error(
    seed_report: tuple[Path, Checked], tmp_path: Path
) -> None:
    page, checked = seed_report
    run = chromium(tmp_path, page, "--dump-dom")
    assert run.console == []
    assert run.requests == []  # self-contained: no font, style, image or script from anywhere
    dom = Page(run.stdout.decode("utf-8"))
    with Session(checked.engine) as session:
        data = reports.build_report(session, checked.article_id, include_notes=True)
    marks = [a for tag, a in dom.elements if tag == "a" and "claim" in (a.get("class") or "").split()]
    assert [a["id"] for a in marks] == [f"mark-{i.claim.id}" for i in data.claims]
    sections = {a["id"] for tag, a in dom.elements if tag == "section"}
    assert {a["href"] for a in marks} == {f"#{s}" for s in sections}
    unrated = {a["id"] for a in marks if "unrated" in (a.get("class") or "")}
    assert unrated == {f"mark-{i.claim.id}" for i in data.claims if not i.claim.verdict}
    assert all(PWNED not in attrs for _, attrs in dom.elements)  # no stored text ran
    assert "img" not in [tag for tag, _ in dom.elements]
    visible = dom.visible
    assert "<script>alert(1)</script>" in visible  # the seed's hostile note, as text
    assert f'<script>document.body.setAttribute("{PWNED}", "note")</script>' in visible
    assert '"><img src=x onerror=' in visible


def test_the_screenshot_shows_the_marks_in_their_verdict_colours(
    seed_report: tuple[Path, Checked], tmp_path: Path
) -> None:
    page, _ = seed_report
    shot = tmp_path / "report.png"
    run = chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1200,2000", "--hide-scrollbars")
    assert run.console == [] and run.requests == []
    assert shot.stat().st_size > 50_000  # text, marks, legend: not a blank page
    pixels = png_pixels(shot)
    assert pixels.shape[:2] == (2000, 1200)
    colours = np.unique(pixels[:, :, :3].reshape(-1, 3), axis=0)
    assert len(colours) > 200  # anti-aliased text in several colours
    for colour in (RED, ORANGE, GREEN):  # false, misleading, true: solid underlines
        assert max(runs(pixels, colour), default=0) >= 60, colour
    dashes = [n for n in runs(pixels, UNRATED) if 3 <= n <= 12]  # no verdict yet: dashed underlines
    assert len(dashes) >= 40, len(dashes)


def test_printing_uses_the_print_stylesheet(seed_report: tuple[Path, Checked], tmp_path: Path) -> None:
    page, _ = seed_report
    pdf = tmp_path / "report.pdf"
    run = chromium(tmp_path, page, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert run.console == [] and run.requests == []
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:] and len(data) > 20_000
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) not installed: the PDF's text was not checked")
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, timeout=60, check=True).stdout
    shown = " ".join(text.decode("utf-8").split())
    assert "Prüfbericht: Trump und Putin" in shown and "Behauptung 4" in shown
    # print only: a source link's address is written after it, for readers of paper
    assert "(https://www.example.gov/readout-2017-01-28)" in shown
    assert "<script>alert(1)</script>" in shown


def hostile_page(folder: Path) -> Path:
    """A hand-built report whose every field carries markup that would run, request or link."""
    text = "Titel\n\nDer \x1b[31mMinister\x1b[0m sagte <b>fett</b>. Zweiter Satz."
    run_it = f"document.body.setAttribute('{PWNED}', '1')"
    c = claim(
        "Der \x1b[31mMinister\x1b[0m sagte <b>fett</b>.",
        2,
        article_text=text,
        verdict_=verdict("false", f'"><img src=x onerror="{run_it}">', checker=f'<svg onload="{run_it}">'),
        quotes=[{"text": "<iframe src=https://evil.example/frame>", "speaker": "</script><script>" + run_it}],
    )
    data = report(
        [
            item(
                c,
                notes=[note(f"<script>{run_it}</script>"), note("\x1b]8;;https://evil.example\x07klick\x1b]8;;\x07")],
                sources=[
                    source("javascript:" + run_it),
                    source("https://evil.example/q", title='<link rel="stylesheet" href="https://evil.example/s.css">'),
                ],
            )
        ],
        title=f"</title><script>{run_it}</script>",
        text=text,
        origin="javascript:" + run_it,
    )
    page = folder / "hostile.html"
    page.write_text(render_html(data, "en", **PUBLISHER), encoding="utf-8")
    return page


def test_hostile_stored_text_runs_nothing_and_requests_nothing(tmp_path: Path) -> None:
    run = chromium(tmp_path, hostile_page(tmp_path), "--dump-dom")
    assert run.console == [] and run.requests == []
    dom = Page(run.stdout.decode("utf-8"))
    assert all(PWNED not in attrs for _, attrs in dom.elements)
    tags = {tag for tag, _ in dom.elements}
    assert not tags & {"img", "svg", "iframe", "link", "b"}
    assert [attrs for tag, attrs in dom.elements if tag == "script"] == [{"type": "application/ld+json"}]
    assert not [a for tag, a in dom.elements if tag == "a" and (a.get("href") or "").startswith("javascript:")]
    visible = dom.visible
    assert "\\x1b[31mMinister\\x1b[0m" in visible and "\\x1b]8;;https://evil.example\\x07klick" in visible
    assert "<iframe src=https://evil.example/frame>" in visible and "javascript:document.body" in visible


def test_the_detectors_see_a_page_that_misbehaves(tmp_path: Path) -> None:
    """Control: a page that logs, throws, requests and runs is caught by the same checks."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>bad</title></head><body><p>bad</p>"
        f"<script>document.body.setAttribute('{PWNED}', '1'); console.error('oops'); missingFunction();</script>"
        '<img src="https://cdn.example.org/pixel.png"></body></html>',
        encoding="utf-8",
    )
    run = chromium(tmp_path, page, "--dump-dom")
    assert "oops" in run.console and any("Uncaught ReferenceError" in line for line in run.console)
    assert run.requests == ["https://cdn.example.org/pixel.png"]
    assert any(PWNED in attrs for _, attrs in Page(run.stdout.decode("utf-8")).elements)
