"""SVG snapshots of the workbench (pytest-textual-snapshot); update with `pytest --snapshot-update`.

Scenarios pick claims by their text, never by row, so they survive changes in extraction.
Times show as "just now", the actor is fixed, so the pictures are stable.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from textual.pilot import Pilot

from factcheck.services import claims, sources, verdicts
from factcheck.store import session_scope

from .conftest import ACTOR, app_for, claim_with, remember_checked, select_claim, settle

LEERE = "dröhnende Leere"


def annotate(engine: Engine, article_id: int) -> None:
    """One claim in every state, so the highlights show each colour."""
    leere = claim_with(engine, article_id, LEERE)
    oval = claim_with(engine, article_id, "Oval Office")
    hamburg = claim_with(engine, article_id, "G20-Gipfels")
    paris = claim_with(engine, article_id, "Buenos Aires")
    with session_scope(engine) as s:
        verdicts.set_verdict(s, leere.id, "misleading", rationale="Meinung, keine Tatsache.", actor=ACTOR)
        verdicts.add_note(s, leere.id, "Filipenko um Quelle bitten.", actor=ACTOR)
        sources.add_source(s, leere.id, "https://example.org/filipenko-interview", actor=ACTOR)
        verdicts.set_verdict(s, oval.id, "true", actor=ACTOR)
        claims.set_status(s, hamburg.id, "in-progress", actor=ACTOR)
        claims.set_status(s, paris.id, "dismissed", actor=ACTOR)


def test_article_list(snap_compare, engine: Engine, article_id: int) -> None:
    assert snap_compare(app_for(engine), run_before=settle, terminal_size=(100, 24))


def test_article_list_empty_80x24(snap_compare, engine: Engine) -> None:
    assert snap_compare(app_for(engine), run_before=settle, terminal_size=(80, 24))


def test_article_screen_with_highlights(snap_compare, engine: Engine, article_id: int) -> None:
    annotate(engine, article_id)
    assert snap_compare(app_for(engine, article_id), run_before=settle, terminal_size=(140, 40))


def test_article_screen_80x24(snap_compare, engine: Engine, article_id: int) -> None:
    annotate(engine, article_id)

    async def run_before(pilot: Pilot[None]) -> None:
        await select_claim(pilot, engine, article_id, "Oval Office")

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(80, 24))


def test_claim_detail_zoomed(snap_compare, engine: Engine, article_id: int) -> None:
    annotate(engine, article_id)

    async def run_before(pilot: Pilot[None]) -> None:
        await select_claim(pilot, engine, article_id, LEERE)
        pilot.app.screen.query_one("#detail").focus()
        await pilot.press("z")
        await settle(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(100, 40))


def test_claim_detail_with_similar_claims(snap_compare, engine: Engine, article_id: int) -> None:
    remember_checked(
        engine,
        ("Filipenko nannte das Telefonat eine „dröhnende Leere“.", "true", "https://faktencheck.example/leere"),
        ("Die Politikwissenschaftlerin sprach von Leere im Gespräch.", "misleading", "https://faktencheck.example/2"),
    )

    async def run_before(pilot: Pilot[None]) -> None:
        await select_claim(pilot, engine, article_id, LEERE)
        pilot.app.screen.query_one("#detail").focus()
        await pilot.press("z", "end")
        await settle(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(100, 40))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_verdict_picker(snap_compare, engine: Engine, article_id: int, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await select_claim(pilot, engine, article_id, LEERE)
        # Nothing is preselected on a claim without a verdict: the first Down picks "true".
        await pilot.press("v", "down", "down", "down", "down", "enter", *"Meinung")
        await settle(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=size)


def test_verdict_picker_rationale_missing(snap_compare, engine: Engine, article_id: int) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("v", "down", "down", "ctrl+s")
        await settle(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(100, 32))


def test_filter_with_no_match_empty_state_80x24(snap_compare, engine: Engine, article_id: int) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f", *"Marsmenschen", "enter")
        await settle(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(80, 24))


def test_filter_dialog(snap_compare, engine: Engine, article_id: int) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f", *"Putin")
        await settle(pilot)

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(100, 32))


def test_article_without_checkworthy_claims_empty_state(snap_compare, engine: Engine) -> None:
    from factcheck.services.articles import import_document
    from factcheck.text.document import prepare_document

    doc = prepare_document(b"Ausblick\n\nDie kommenden Wochen werden es zeigen.\n", name="leer.txt")
    with session_scope(engine) as s:
        article_id = import_document(s, doc, origin="leer.txt", actor=ACTOR).article_id
    with session_scope(engine) as s:
        assert not [c for c in claims.list_claims(s, article_id=article_id) if c.checkworthy]
    assert snap_compare(app_for(engine, article_id), run_before=settle, terminal_size=(80, 24))


def test_german_labels_light_theme(snap_compare, engine: Engine, article_id: int) -> None:
    annotate(engine, article_id)

    async def run_before(pilot: Pilot[None]) -> None:
        await select_claim(pilot, engine, article_id, LEERE)
        await pilot.press("l", "ctrl+t")
        await settle(pilot)
        await pilot.pause(2.5)  # the "Labels: Deutsch" notice times out

    assert snap_compare(app_for(engine, article_id), run_before=run_before, terminal_size=(120, 32))
