"""The speaker sieve (extract/attribution.py): every pass decides examples of its own, in its place.

Each case names the pass that must decide it, so a change to one rule shows which examples it moved;
the sentences are ours."""

from __future__ import annotations

import pytest

from factcheck.extract import engine
from factcheck.extract.attribution import RIGHT_FRAME_SIEVE, SIEVE
from factcheck.extract.speakers import Attribution


def attributions(text: str, language: str) -> list[Attribution]:
    seen: list[Attribution] = []
    real = engine.attribute

    def recording(*args, **kwargs):
        out = real(*args, **kwargs)
        seen.extend(out)
        return out

    engine.attribute = recording
    try:
        engine.extract_claims(text, language=language)
    finally:
        engine.attribute = real
    return seen


CASES = [
    (
        "frame_possessive",
        "de",
        "Innenminister Peter Roth äußerte sich. Nach seinen Angaben ist die Lage ernst.",
        "Peter Roth",
    ),
    (
        "frame_definite",
        "en",
        "Acme Holdings reported a loss. According to the company, sales fell by half.",
        "Acme Holdings",
    ),
    ("frame_adjacent_name", "de", "Laut Interpol wurden drei Verdächtige gefasst.", "Interpol"),
    ("frame_source_by", "en", "According to a survey by YouGov, most voters back the plan.", "YouGov"),
    # a plural or mass noun of figures needs no article
    (
        "frame_source_by",
        "en",
        "According to figures from the Resolution Foundation, rents rose.",
        "Resolution Foundation",
    ),
    ("frame_quoted_medium", "de", "Nach Informationen des „Kicker“ wechselt der Spieler nach München.", "Kicker"),
    ("frame_noun_phrase", "de", "Nach Angaben der Bergwacht wurde niemand verletzt.", "Bergwacht"),
    (
        "quoted_passive",
        "de",
        "„Wir sind zufrieden“, wird Jonas Weber, Sprecher der Stadtwerke, zitiert.",
        "Jonas Weber",
    ),
    (
        "quoted_person",
        "de",
        "Die Agentur Reuters zitiert Jonas Weber mit den Worten, man sei zufrieden.",
        "Jonas Weber",
    ),
    ("passive_agent", "de", "Die Vorwürfe wurden von Innenministerin Clara Brandt zurückgewiesen.", "Clara Brandt"),
    ("left_frame", "de", "Der Polizei zufolge wurden drei Menschen verletzt.", "Polizei"),
    ("own_account_subject", "de", "Die Stadt prüft nach eigenen Angaben eine Klage.", "Stadt"),
    ("members_of", "en", "The researchers from the University of Plymouth found that seagrass recovered.", "Plymouth"),
    (
        "de_subject_before_auxiliary",
        "de",
        "Politiker aus anderen Parteien haben der Ministerin Clara Brandt Fälschung vorgeworfen.",
        "Politiker",
    ),
    (
        "de_subject_phrase",
        "de",
        "Der Hauptgeschäftsführer des Verbands nannte sie „fahrlässig“.",
        "Hauptgeschäftsführer",
    ),
    (
        "de_pronoun_after_verb",
        "de",
        "Trainer Jonas Weber war enttäuscht. Die große Zahl der Fehler schreibt er der Müdigkeit zu.",
        "Jonas Weber",
    ),
    ("subject_before", "de", "Innenministerin Clara Brandt sagte, die Lage sei ernst.", "Clara Brandt"),
    ("en_plural_subject", "en", "Some analysts maintain the US is quietly happy with a weak dollar.", "Some analysts"),
    ("pronoun_after_verb", "de", "Trainerin Anna Roth war enttäuscht. „Das war zu wenig“, sagte sie.", "Anna Roth"),
    ("apposition_subject", "de", "Jonas Weber, der Sprecher der Stadtwerke, sagte, man sei zufrieden.", "Jonas Weber"),
    ("inverted_subject", "de", "Die Lage sei ernst, sagte Innenministerin Clara Brandt.", "Clara Brandt"),
    (
        "de_possessive_subject",
        "de",
        "Ministerin Clara Brandt trat an. Brandts Wahlkampfteam selbst dagegen warf Jonas Weber vor, er habe gelogen.",
        "Brandts Wahlkampfteam",
    ),
    (
        "shared_subject",
        "de",
        "Die Anwälte der Kläger prüften die Verträge und warnten am Montag vor versteckten Kosten.",
        "Anwälte der Kläger",
    ),
    ("unnamed_subject", "de", "Ein Sprecher des Ministeriums sagte, die Lage sei ernst.", "Sprecher des Ministeriums"),
    (
        "en_relative_clause",
        "en",
        "The Charity Commission, which regulates charities in England and Wales, said the report was fair.",
        "Charity Commission",
    ),
    # a document speaks for its author (engine._document_authors gives a bare document the speaker before it)
    (
        "document_subject",
        "en",
        "A review by the Audit Commission found that two councils had overspent.",
        "Audit Commission",
    ),
    (
        "frame_bare_document",
        "de",
        "Die Staatsanwaltschaft Trier sagte, der Mann sei angeklagt. Aus der Anklageschrift geht hervor, dass er "
        "das Geld abhob.",
        "Anklageschrift",
    ),
    # English subjects no name list knows: "it" for the body named before, a common noun, a bare name
    (
        "en_it_subject",
        "en",
        'The Harbour Trust has criticised the plan. "It will cost jobs," it said in a statement.',
        "Harbour Trust",
    ),
    ("en_common_subject", "en", "The government says the scheme will be reviewed.", "The government"),
    # a conjunction opening the sentence is no part of the subject
    ("en_common_subject", "en", "But the tobacco companies denied the charge.", "the tobacco companies"),
    ("en_bare_name_subject", "en", "Turkcell now says it may give up on the deal.", "Turkcell"),
]


@pytest.mark.parametrize(("decider", "language", "text", "speaker"), CASES, ids=[c[0] for c in CASES])
def test_each_pass_decides_its_own_case(decider: str, language: str, text: str, speaker: str) -> None:
    got = [(a.decided_by, a.speaker.name) for a in attributions(text, language)]
    last = got[-1] if got else ("", "")
    assert speaker in last[1], got
    if decider != "en_relative_clause":  # (it narrows the candidates; subject_before then decides)
        assert last[0] == decider, got


def test_the_relative_clause_pass_keeps_a_name_inside_the_clause_from_speaking() -> None:
    got = attributions("The regulator, which Acme Holdings funds, said the fine was fair.", "en")
    assert [a.speaker.name for a in got] != ["Acme Holdings"]


def test_english_names_after_the_verb_are_objects() -> None:
    # en_object_after_verb: "told Mr Blair" — Blair is who was told, not who spoke
    got = attributions("The council told Mr Tony Blair the plan was dead.", "en")
    assert all("Blair" not in a.speaker.name for a in got), [(a.decided_by, a.speaker.name) for a in got]


def test_a_coordinated_subject_speaks_too() -> None:
    got = attributions(
        "Innenministerin Clara Brandt und Verkehrsminister Jonas Weber sagten, die Lage sei ernst.", "de"
    )
    assert {a.speaker.name for a in got} == {"Clara Brandt", "Jonas Weber"}
    assert any(a.decided_by.endswith("+coordinated") for a in got)


def test_every_pass_has_a_case_or_a_test() -> None:
    covered = {c[0] for c in CASES} | {
        *("en_object_after_verb", "clause_candidates", "chosen_mention"),
        "en_pronoun_subject",  # (it narrows the candidates: test_it_before_the_verb_keeps_an_earlier_name_out)
    }
    names = {p.__name__ for p in (*SIEVE, *RIGHT_FRAME_SIEVE)}
    assert names <= covered, names - covered


def test_the_body_in_the_genitive_of_a_person_noun_is_not_the_speaker() -> None:
    got = attributions("Laut einem Kommandeur des Übergangsrates wurden 50 Menschen verletzt.", "de")
    assert [a.speaker.name for a in got] == ["Kommandeur des Übergangsrates"]
    got = attributions("Laut dem aktuellen Lagebericht des Bundeskriminalamtes stieg die Zahl der Fälle.", "de")
    assert [a.speaker.name for a in got] == ["Bundeskriminalamt"]


def test_the_name_in_apposition_before_the_auxiliary_is_the_subject_not_the_object_after_it() -> None:
    got = attributions(
        "Die neu gewählte Vorsitzende des Vereins Kunstfreunde Kassel, Clara Brandt hat Bürgermeister Jonas "
        "Weber gebeten, die Halle zu öffnen.",
        "de",
    )
    assert [a.speaker.name for a in got] == ["Clara Brandt"]


def test_a_possessive_agent_of_a_passive_speech_verb_is_the_possessor_s_relative() -> None:
    got = attributions(
        "Ministerin Clara Brandt trat an. Es wurde von Brandts Sohn die Vermutung geäußert, alles sei abgesprochen.",
        "de",
    )
    assert [(a.decided_by, a.speaker.name) for a in got][-1] == ("passive_agent", "Brandts Sohn")


@pytest.mark.parametrize(
    ("text", "speaks"),
    [
        ("Critics argue that the plan goes too far.", True),
        ("Prosecutors allege that the firm fixed its bids.", True),
        ("The club is unlikely to reject the plan.", False),
        ("The company did not reveal the price.", False),
        ("The White House will announce its budget on Monday.", False),
        ("Chip demand may recover by 2026.", False),  # "demand" is a noun as often as a verb: no cue
    ],
)
def test_english_base_forms_speak_only_as_statements(text: str, speaks: bool) -> None:
    assert bool(attributions(text, "en")) is speaks, [(a.decided_by, a.speaker.name) for a in attributions(text, "en")]


def test_it_before_the_verb_keeps_an_earlier_name_out() -> None:
    # en_pronoun_subject: "it" is the verb's subject, so the judge named earlier in the clause is not
    got = attributions("The judge, Linda Chan, adjourned the hearing after it said it needed more time.", "en")
    assert all("Linda Chan" not in a.speaker.name for a in got), [(a.decided_by, a.speaker.name) for a in got]
