"""The cue rules (extract/cues.py): every rule of EN_RULES and DE_WORD_RULES finds a cue of its own, so a
change to one rule shows which example it moved; the sentences are ours."""

from __future__ import annotations

import pytest

from factcheck.extract.cues import DE_WORD_RULES, EN_RULES, find_cues

CASES = [
    ("_de_frame_word", "de", "Laut Polizei wurde niemand verletzt.", "speaker:laut"),
    ("_de_nach", "de", "Nach Angaben der Polizei wurde niemand verletzt.", "speaker:nach-angaben"),
    ("_de_so", "de", "„Wir kommen“, so der Minister.", "speaker:so"),
    ("_de_heisst_es", "de", "In einer Erklärung heißt es, man sei zufrieden.", "speaker:heißt-es-in"),
    (
        "_de_einigten_sich",
        "de",
        "Stadt und Land einigten sich darauf, die Kosten zu teilen.",
        "speaker:verb:einigten-sich",
    ),
    (
        "_de_fassten_beschluss",
        "de",
        "Der Kreistag fasste am Montag den Beschluss, die Klinik zu schließen.",
        "speaker:verb:fassten-beschluss",
    ),
    (
        "_de_hervorgehen",
        "de",
        "Wie aus einer Mitteilung der Polizei hervorgeht, wurden drei Menschen verletzt.",
        "speaker:hervorgehen-aus",
    ),
    ("_de_participle", "de", "Die Vorwürfe wurden von der Regierung zurückgewiesen.", "speaker:verb:zurückgewiesen"),
    ("_de_speech_word", "de", "Der Verband begrüßte die Entscheidung.", "speaker:verb:begrüßte"),
    ("_de_kam_von", "de", "Kritik kam vom Verband der Ärzte.", "speaker:verb:kam-von"),
    ("_de_haelt_fuer", "de", "Er hält die Debatte für verkürzt.", "speaker:stance:hält-für"),
    ("_de_hielt_dagegen", "de", "Der Verband hielt dagegen, das sei falsch.", "speaker:verb:hielt-dagegen"),
    (
        "_de_sich_ausgesprochen",
        "de",
        "Die Partei hat sich gestern für einen Werteunterricht ausgesprochen.",
        "speaker:verb:sich-ausgesprochen",
    ),
    ("_de_der_ansicht", "de", "Sie ist der Ansicht, dass es reicht.", "speaker:verb:der-ansicht"),
    ("_de_uebte_kritik", "de", "Der Bürgermeister übte scharfe Kritik am Land.", "speaker:verb:übte-kritik"),
    ("_de_revised_forecast", "de", "Der Konzern senkte seine Prognose.", "speaker:verb:senkte"),
    ("_de_nahm_stellung", "de", "Er nahm zu der Frage Stellung.", "speaker:verb:nahm-stellung"),
    ("_de_besteht_darauf", "de", "Sie besteht darauf, dass es reicht.", "speaker:verb:besteht-darauf"),
    ("_de_rechnet_mit", "de", "Das Institut rechnet mit einem Plus.", "speaker:stance:rechnet-mit"),
    ("_de_liess_verlauten", "de", "Das Amt ließ verlauten, es reiche.", "speaker:verb:ließ-verlauten"),
    ("_de_stance_copula", "de", "Die Regierung ist zuversichtlich.", "speaker:stance:ist"),
    ("_de_zeigte_geht", "de", "Sie zeigte sich zufrieden.", "speaker:stance:zeigte"),
    ("_en_according_to", "en", "According to police, nobody was hurt.", "speaker:according-to"),
    ("_en_progressive", "en", "The RSPCA is urging people to help.", "speaker:verb:urging"),
    ("_en_figures_by", "en", "Figures published by the ONS show a rise.", "speaker:verb:show"),
    ("_en_found_that", "en", "The researchers found that it worked.", "speaker:verb:found-that"),
    ("_en_revised_forecast", "en", "The company cut its forecast.", "speaker:verb:cut"),
    ("_en_speech_verb", "en", "The minister said it worked.", "speaker:verb:said"),
]
# rules that only keep a word from being a cue, each with a sentence that would otherwise have one
SILENCING = [
    ("_en_hearsay", "en", "It is said to be struggling."),
    ("_en_called", "en", "They launched an application called Pictochat."),
    ("_en_base_form_unsaid", "en", "The club is unlikely to reject the plan."),
]


@pytest.mark.parametrize(("rule", "language", "text", "cue"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_finds_its_cue(rule: str, language: str, text: str, cue: str) -> None:
    assert cue in [c.rule for c in find_cues(text, 0, len(text), language)]


@pytest.mark.parametrize(("rule", "language", "text"), SILENCING, ids=[c[0] for c in SILENCING])
def test_silencing_rules_leave_no_cue(rule: str, language: str, text: str) -> None:
    assert find_cues(text, 0, len(text), language) == []


def test_every_rule_has_a_case() -> None:
    names = {r.__name__ for r in (*EN_RULES, *DE_WORD_RULES)}
    covered = {c[0] for c in CASES} | {c[0] for c in SILENCING}
    assert names == covered, names ^ covered


def test_a_word_no_rule_takes_goes_to_the_speech_verb_stems() -> None:
    text = "Die Ministerin stellte fest, die Lage sei ernst, und sagte den Termin ab."
    assert [c.rule for c in find_cues(text, 0, len(text), "de")] == ["speaker:verb:stellte"]


def test_a_sentence_rule_finds_a_document_that_speaks() -> None:
    text = "In einem internen Schreiben an die Mitarbeiter war von einem Neuanfang die Rede."
    cues = find_cues(text, 0, len(text), "de")
    assert [(c.rule, c.word, c.direction) for c in cues] == [("speaker:in-document", "in", "right")]
    mention = "In diesem Jahr war von einem Neuanfang die Rede."  # "in" before no document
    assert find_cues(mention, 0, len(mention), "de") == []


def test_a_preposition_is_no_separable_particle_but_an_earlier_particle_still_counts() -> None:
    text = "Das ruft Kritiker auf den Plan."  # "auf den Plan": a preposition, no call to anyone
    assert find_cues(text, 0, len(text), "de") == []
    text = "Sie kündigte an, an neuen Gesetzen mitwirken zu wollen."  # the first "an" is the particle
    assert [c.rule for c in find_cues(text, 0, len(text), "de")] == ["speaker:verb:kündigte"]
    text = "Der Bürgermeister rief die Bürger auf, Wasser zu sparen."
    assert [c.rule for c in find_cues(text, 0, len(text), "de")] == ["speaker:verb:rief"]


def test_uebte_alone_is_no_cue() -> None:
    # "übte" only voices a stance with "Kritik" near it
    text = "Die Mannschaft übte am Dienstag Elfmeter."
    assert find_cues(text, 0, len(text), "de") == []
