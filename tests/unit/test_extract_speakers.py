"""Speech cues, appositions, surnames, titles, pronouns and institutions as speakers."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_claims


def speakers(text: str, language: str = "de") -> list[list[str]]:
    return [c.speakers for c in extract_claims(text, language=language)]


@pytest.mark.parametrize(
    "verb_sentence",
    [
        "Innenministerin Nancy Albrecht sagte, die Lage sei unter Kontrolle.",
        "Innenministerin Nancy Albrecht betonte, die Lage sei unter Kontrolle.",
        "Innenministerin Nancy Albrecht erklärte, die Lage sei unter Kontrolle.",
        "Innenministerin Nancy Albrecht forderte mehr Personal für die Polizei.",
        "Innenministerin Nancy Albrecht kritisierte die Opposition scharf.",
        "Innenministerin Nancy Albrecht warnte vor voreiligen Schlüssen.",
        "Innenministerin Nancy Albrecht beschrieb die Lage als ernst.",
        "Innenministerin Nancy Albrecht stellte fest, dass die Zahlen gesunken sind.",
        "Innenministerin Nancy Albrecht kündigte an, das Gesetz zu ändern.",
        "Innenministerin Nancy Albrecht wies die Vorwürfe zurück.",
        "Wie Innenministerin Nancy Albrecht mitteilte, wurden drei Verdächtige festgenommen.",
    ],
)
def test_german_speech_verbs(verb_sentence: str) -> None:
    assert speakers(verb_sentence) == [["Nancy Albrecht"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Laut Polizeisprecher Lars Beringer wurden zwei Männer festgenommen.", "Lars Beringer"),
        ("Nach Angaben der Polizei wurden zwei Männer festgenommen.", "Polizei"),
        ("Dem Bundesverband Güterkraftverkehr zufolge stauten sich Container.", "Bundesverband Güterkraftverkehr"),
        ("Der Kreml teilte mit, das Gespräch habe zwei Stunden gedauert.", "Kreml"),
        ("Das Weiße Haus bestätigte das Telefonat am Abend.", "Weißes Haus"),
        ("Diese Forderungen wurden von der Ukraine als inakzeptabel zurückgewiesen.", "Ukraine"),
    ],
)
def test_frames_and_institutions(text: str, expected: str) -> None:
    assert speakers(text) == [[expected]]


def test_sagte_ab_is_not_speech() -> None:
    assert speakers("Doch Trump sagte einen geplanten Gipfel in Buenos Aires kurzfristig ab.") == [[]]


def test_sentenced_to_prison_is_not_speech() -> None:
    text = "Das Bezirksgericht Zürich hat einen Manager zu drei Jahren Haft verurteilt."
    assert speakers(text) == [[]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Die Zahlen würden geprüft, sagte der Sprecher Jonas Keller.", "Jonas Keller"),
        ("The policy has failed, said Karen Whitfield, the agency's director.", "Karen Whitfield"),
        ("According to the Met Office, some areas received 120 millimetres of rain.", "Met Office"),
        ("Tom Ashby, chief economist at the Resolution Institute, said the plan was flawed.", "Tom Ashby"),
        ("The Environment Agency warned that rivers would rise further.", "Environment Agency"),
    ],
)
def test_english_speech(text: str, expected: str) -> None:
    lang = "de" if "sagte" in text else "en"
    assert speakers(text, lang)[0] == [expected]


def test_appositions_introduce_the_full_name() -> None:
    text = (
        "Die ukrainische Politikwissenschaftlerin Alexandra Filipenko nannte das Treffen enttäuschend. "
        "Trumps Verteidigungsminister, Pete Hegseth, äußerte sich zurückhaltend."
    )
    assert speakers(text) == [["Alexandra Filipenko"], ["Pete Hegseth"]]


def test_surnames_and_genitives_resolve_to_the_full_name() -> None:
    text = (
        "US-Präsident Donald Trump und der russische Staatschef Wladimir Putin telefonierten. "
        "Putin stellte fest, dass die Gespräche schwierig seien. "
        "Trumps Sprecherin Karoline Leavitt bestätigte das Telefonat."
    )
    assert speakers(text) == [[], ["Wladimir Putin"], ["Karoline Leavitt"]]


def test_titles_resolve_to_the_full_name() -> None:
    text = (
        "Former prime minister Tony Blair spoke in London on Monday. "
        "Mr Blair said the war had been the right decision. "
        "Labour's deputy leader Angela Rayner disagreed. Ms Rayner said the party had moved on."
    )
    out = speakers(text, "en")
    assert out[1] == ["Tony Blair"]
    assert out[3] == ["Angela Rayner"]


def test_pronouns_resolve_to_the_last_person_of_that_gender() -> None:
    text = (
        "Die Grünen-Verkehrspolitikerin Sandra Lenz traf Verkehrsminister Thomas Behrendt. "
        "Sie warf dem Minister vor, die Verhandlungen zu verschleppen. "
        "Er sagte, ein Schlichtungsverfahren sei der beste Weg."
    )
    assert speakers(text) == [[], ["Sandra Lenz"], ["Thomas Behrendt"]]


def test_english_pronouns() -> None:
    text = (
        "Chief executive Laura Brenner met the economy minister Robert Hale on Friday. "
        "She said demand had fallen. He told reporters the subsidies were safe."
    )
    assert speakers(text, "en")[1:] == [["Laura Brenner"], ["Robert Hale"]]


def test_plural_sie_is_not_a_person() -> None:
    text = "Die Politologin Alexandra Filipenko traf die Minister. Beim Treffen beschrieben sie die Lage als ernst."
    assert speakers(text)[1] == []


def test_reported_speech_in_konjunktiv_keeps_the_speaker() -> None:
    text = (
        "Der Verteidiger des Angeklagten, Marco Rossi, kündigte Berufung an. "
        "Sein Mandant sei krank gewesen. Das Gericht habe das nicht berücksichtigt."
    )
    assert speakers(text) == [["Marco Rossi"], ["Marco Rossi"], ["Marco Rossi"]]


def test_definite_role_refers_back() -> None:
    text = (
        "Die deutsche Umweltministerin Katrin Albers zeigte sich enttäuscht. "
        "»Das ist bitter«, sagte die SPD-Politikerin nach der Sitzung."
    )
    claims = extract_claims(text, language="de")
    assert claims[1].quotes[0].speaker == "Katrin Albers"


def test_every_speaker_has_a_cue() -> None:
    (claim,) = extract_claims("Putin hat klar gemacht, dass die Ursachen beseitigt werden müssen.", language="de")
    assert claim.speakers == ["Putin"]
    assert any(c.startswith("speaker:verb:gemacht") for c in claim.cues)
    assert "attribution" in claim.kinds


def test_quoting_verb_gives_the_quoted_person() -> None:
    text = "Die Agentur RIA Novosti zitiert Präsident Néstor Kirchner mit den Worten: „Die Banken versagten.“"
    (claim,) = extract_claims(text, language="de")
    assert claim.quotes[0].speaker == "Néstor Kirchner"


def test_quote_without_verb_takes_the_named_subject() -> None:
    text = (
        "Bundeskanzlerin Angela Merkel sprach von einer Zäsur. "
        "Auch der US-Außenminister Donald Rumsfeld attackierte den Iran als den „führenden Förderer von Terrorismus“."
    )
    claims = extract_claims(text, language="de")
    assert claims[1].quotes[0].speaker == "Donald Rumsfeld"


def test_place_before_a_name_is_a_modifier_not_the_speaker() -> None:
    (claim,) = extract_claims("London UKIP MEP Gerard Batten said the party had been divided.", language="en")
    assert "London" not in claim.speakers


def test_english_object_after_the_verb_is_not_the_speaker() -> None:
    (claim,) = extract_claims(
        "DEC has no connection with the site and says it has contacted the police.", language="en"
    )
    assert claim.speakers == ["DEC"]


def test_demonstrative_frame_names_the_source_of_the_sentence_before() -> None:
    claims = extract_claims(
        "Die Refinanzierung erfolgt über die LKW-Maut. "
        "Das gab Bundesverkehrsminister Manfred Stolpe in Berlin bekannt.",
        language="de",
    )
    assert claims[0].speakers == ["Manfred Stolpe"]
    claims = extract_claims("Die Lage sei ernst. Das sei falsch, sagte Anna Berg.", language="de")
    assert "Anna Berg" not in claims[0].speakers


def test_sentence_initial_adverb_is_no_subject_and_place_in_source_phrase_is_no_source() -> None:
    (claim,) = extract_claims(
        "Zuletzt hatte im Mai 2005 der mexikanische Präsident Vicente Fox um die Herausgabe gebeten.", language="de"
    )
    assert claim.speakers == ["Vicente Fox"]
    (claim,) = extract_claims("Der Verdächtige wurde nach Angaben von Interpol in Korat gefasst.", language="de")
    assert "Korat" not in claim.speakers


def test_ordinal_date_does_not_end_the_clause_of_a_separable_verb() -> None:
    (claim,) = extract_claims(
        "Die Staatsanwaltschaft Altach gab am Montag, dem 27. März, die Einstellung des Verfahrens bekannt.",
        language="de",
    )
    assert claim.speakers == ["Staatsanwaltschaft Altach"]


def test_name_before_role_apposition_is_a_person_and_passive_quoted_person_speaks() -> None:
    claims = extract_claims(
        "Die Ernte war gut. Henk Jaap Meijer, Laborleiter der Emsland Stärke GmbH, erklärte: „Wir sehen zurzeit "
        "keine Möglichkeit, Amflora anzupflanzen.“",
        language="de",
    )
    assert claims[1].quotes[0].speaker == "Henk Jaap Meijer"
    (claim,) = extract_claims(
        "Dies ist eine Chance, im Web ein „Bürger erster Klasse zu werden“, wird Mike Downey, Technical Product "
        "Manager für Flash Authoring, zitiert.",
        language="de",
    )
    assert claim.quotes[0].speaker == "Mike Downey"


def test_konjunktiv_after_a_named_subject_without_speech_verb_is_that_subjects() -> None:
    claims = extract_claims(
        "Berlins Regierender Bürgermeister Klaus Wowereit (SPD) kam zur Sitzung. "
        "Anfang der neunziger Jahre seien offenbar juristische Fehler gemacht worden.",
        language="de",
    )
    assert claims[1].speakers == ["Klaus Wowereit"]
    claims = extract_claims("Mit Klaus Wowereit sprach niemand. Die Lage sei ernst.", language="de")
    assert claims[1].speakers == []


def test_well_known_bodies_with_lower_case_words_speak() -> None:
    (claim,) = extract_claims("Ärzte ohne Grenzen teilte gestern mit, drei Flugzeuge seien gelandet.", language="de")
    assert claim.speakers == ["Ärzte ohne Grenzen"]


def test_accusative_object_after_the_verb_is_no_speaker_and_nach_eigenem_bekunden() -> None:
    (claim,) = extract_claims(
        "Die das Unglück überlebende Alice Kakamara, 30, beschrieb in einem Krankenhaus den Hergang: „Die See war "
        "wirklich rau, windig, hohe Wellen.“",
        language="de",
    )
    assert claim.quotes[0].speaker != "Hergang"
    (claim,) = extract_claims(
        "Der ältere Bruder des Papstes, Georg Ratzinger, war nach eigenem Bekunden seit langem eingeweiht.",
        language="de",
    )
    assert claim.speakers == ["Georg Ratzinger"]


def test_quote_goes_to_the_verb_right_before_it_in_its_clause() -> None:
    (claim,) = extract_claims(
        "Miroslav Klose, der wegen wiederholten Fouls Gelb-Rot sah, nannte seinen Platzverweis „überzogen“, "
        "Bundestrainer Joachim Löw bezeichnete acht Gelbe Karten als zu viel.",
        language="de",
    )
    assert claim.quotes[0].speaker == "Miroslav Klose"


def test_club_names_age_nouns_and_quoted_media() -> None:
    claims = extract_claims(
        "Der Zweitligist FC Rheinstetten hat sich von Cheftrainer Matthias Keller getrennt. "
        "Das teilte der Verein am Sonntagabend mit.",
        language="de",
    )
    assert claims[1].speakers == ["FC Rheinstetten"]
    claims = extract_claims(
        "„Das tut mir leid“, sagte Kapitän Jonas Petrović. Der 29-Jährige kündigte an, die Spieler wollten "
        "„jetzt erst recht“ gewinnen.",
        language="de",
    )
    assert claims[1].quotes[0].speaker == "Jonas Petrović"
    (claim,) = extract_claims("Als Favorit gilt nach Informationen des „Kicker“ Stefan Wohlgemuth.", language="de")
    assert claim.speakers == ["Kicker"]
    claims = extract_claims("Leeds United have sacked their manager. The club announced it on Monday.", language="en")
    assert claims[1].speakers == ["Leeds United"]


def test_university_is_a_body_and_ist_zuversichtlich_is_a_stance() -> None:
    (claim,) = extract_claims(
        "Der Riesenplanet begleitet einen Stern, teilte die Friedrich-Schiller-Universität Jena mit.", language="de"
    )
    assert claim.speakers == ["Friedrich-Schiller-Universität Jena"]
    (claim,) = extract_claims("Islands Regierung ist dennoch zuversichtlich, 2012 der EU beizutreten.", language="de")
    assert claim.speakers == ["Islands Regierung"]


def test_english_short_quote_before_said_then_role_and_name() -> None:
    (claim,) = extract_claims("“We are delighted with the result,” said head coach Tom Walsh.", language="en")
    assert claim.quotes[0].speaker == "Tom Walsh"


def test_org_noun_with_adjective_genitive_is_a_new_body() -> None:
    claims = extract_claims(
        "Der Bundesverband Erneuerbare Energie kritisierte das Gesetz. Für die Stadtwerke bedauerte der Verband "
        "kommunaler Unternehmen, dass sich die Bundesregierung einseitig gestellt habe.",
        language="de",
    )
    assert claims[1].speakers == ["Verband kommunaler Unternehmen"]


def test_source_phrase_ends_before_a_nominative_subject() -> None:
    (claim,) = extract_claims(
        "Beim Eintritt würde nach Auskunft der NASA der überwiegende Teil der Masse verglühen.", language="de"
    )
    assert claim.speakers == ["NASA"]


def test_english_vox_pop_with_age_and_home_town() -> None:
    (claim,) = extract_claims("Sarah Whitfield, 42, from Leeds, said she had waited four hours.", language="en")
    assert claim.speakers == ["Sarah Whitfield"]


def test_english_progressive_speech_verb() -> None:
    (claim,) = extract_claims("The RSPCA is urging people not to feed the birds.", language="en")
    assert claim.speakers == ["RSPCA"]
    (claim,) = extract_claims("It is said to be struggling.", language="en")
    assert claim.speakers == []


def test_according_to_a_survey_by_names_the_body() -> None:
    (claim,) = extract_claims("According to a survey by YouGov, 54% of voters oppose the plan.", language="en")
    assert claim.speakers == ["YouGov"]


def test_geht_von_aus_is_an_assessment_of_the_subject() -> None:
    (claim,) = extract_claims("Die Staatsanwaltschaft Köln geht von einem Unfall aus.", language="de")
    assert claim.speakers == ["Staatsanwaltschaft Köln"]


def test_more_role_nouns_make_appositions() -> None:
    (claim,) = extract_claims(
        "Nurur Rahman, der Rettungskoordinator der Behörde, teilte mit, dass 28 Menschen gerettet wurden.",
        language="de",
    )
    assert claim.speakers == ["Nurur Rahman"]


def test_role_with_fuer_phrase_then_name_in_apposition() -> None:
    (claim,) = extract_claims(
        "So sagte der zuständige Koordinator für Naturkatastrophen, Deftalgne Tessema, gegenüber der BBC, dass nur "
        "14 Motorboote im Einsatz seien.",
        language="de",
    )
    assert claim.speakers == ["Deftalgne Tessema"]
