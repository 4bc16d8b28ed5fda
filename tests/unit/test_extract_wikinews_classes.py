"""Error classes found on the Wikinews quotation corpus (train split), each as an invented sentence:
subject noun phrases without a registered name, V2 subjects over objects, 'heißt es in X', 'geht aus X
hervor', 'nach' + source noun, reported-speech carry with 'soll', glued sentence ends."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_claims
from factcheck.text.sentences import split_sentences


def speakers(text: str) -> list[list[str]]:
    return [c.speakers for c in extract_claims(text, language="de")]


def named(text: str, fragment: str) -> bool:
    first = speakers(text)[0]
    return any(fragment in s for s in first)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Die Gruppe Turkey Blocks berichtet, dass die Seite gesperrt ist.", "Turkey Blocks"),
        ("Der US-amerikanische Linguist Noam Chomsky meinte dazu, das sei falsch.", "Noam Chomsky"),
        ("Die britische Tageszeitung The Daily Telegraph berichtete, der Angriff sei erfolgt.", "Telegraph"),
        ("Wie der Sportartikelhersteller Adidas-Salomon am Morgen bekannt gab, wird er Reebok kaufen.", "Adidas"),
        (
            "Der stellvertretende Direktor der Such- und Rettungsagentur, Bambang Suryo Aji, sagte, Trümmer "
            "seien gefunden worden.",
            "Bambang Suryo Aji",
        ),
        ("Nach einer Stellungnahme der US-Armee befand sich der Helikopter auf dem Flug.", "US-Armee"),
        ("Nach Schätzung der Weltgesundheitsorganisation treten jährlich 50 Millionen Fälle auf.", "Weltgesundheit"),
        ("In einer Erklärung des Innenministeriums heißt es, die Lage sei ruhig.", "Innenministerium"),
        ("Die Lage sei ruhig, heißt es in einer Mitteilung der Stadtwerke Lübeck.", "Stadtwerke"),
        ("Wie aus einer Mitteilung der Polizei Hamburg hervorgeht, wurden drei Menschen verletzt.", "Polizei"),
        ("Staatspräsident Sergio Mattarella hatte Giuseppe Conte gebeten, im Amt zu bleiben.", "Mattarella"),
        ("Spaniens Regierungschef José Zapatero hat Deutschland heute Versagen vorgeworfen.", "Zapatero"),
        ("Der Hauptgeschäftsführer des Verbands nannte sie „fahrlässig“.", "Hauptgeschäftsführer"),
        ("Politiker aus anderen Parteien haben der Ministerin Clara Brandt Fälschung vorgeworfen.", "Politiker"),
        ("Die Schutzvereinigung für Wertpapiere ist der Ansicht, dass das Gesetz schade.", "Schutzvereinigung"),
    ],
)
def test_subject_found(text: str, fragment: str) -> None:
    assert named(text, fragment), speakers(text)


def test_object_after_auxiliary_is_not_the_speaker() -> None:
    text = "Der Fraktionschef im Landtag, Wolfgang Jüttner, hatte Günter Lenz gestern aufgefordert, zurückzutreten."
    assert speakers(text)[0] == ["Wolfgang Jüttner"]


def test_dative_before_verb_is_not_the_subject() -> None:
    text = "Der englischsprachigen Zeitung sagte Filep Karma: „Ich bleibe hier.“"
    assert not any("Zeitung" in s for s in speakers(text)[0])


def test_hearsay_soll_carries_the_source_of_the_sentence_before() -> None:
    text = "Die Kampagne für Tibet berichtete über einen Marsch in Machu. Die Menschen sollen Bilder getragen haben."
    sp = speakers(text)
    assert sp[1] == sp[0] and sp[0]


def test_no_carry_into_a_sentence_with_its_own_cue() -> None:
    text = (
        "Die Weltgesundheitsorganisation warnte vor Seuchen. Ärzte ohne Grenzen teilte gestern mit, drei "
        "Flugzeuge seien gelandet."
    )
    assert not any("Weltgesundheit" in s for s in speakers(text)[1])


def test_glued_sentence_end_splits() -> None:
    text = "„Das ist gut“, sagte der Papst.Der ältere Bruder war eingeweiht. Prof.Dr. Meier kam."
    got = [s.text for s in split_sentences(text)]
    assert got[0].endswith("Papst.") and got[1].startswith("Der ältere")
    assert "Prof.Dr. Meier kam." in got


def en_speakers(text: str) -> list[list[str]]:
    return [c.speakers for c in extract_claims(text, language="en")]


def test_possessive_role_apposition_and_unknown_gender_pronoun() -> None:
    text = (
        "Harriet Lindgren criticised the plan. Their islands spokesperson, Morven Achterlonie, said the cap "
        "would help. She urged ministers to extend it."
    )
    sp = en_speakers(text)
    assert sp[1] == ["Morven Achterlonie"] and sp[2] == ["Morven Achterlonie"]


def test_coordinated_subjects_both_speak() -> None:
    sp = en_speakers(
        "Daniel Okonkwo-Reid spoke first. Mr Okonkwo-Reid and Conservative MSP Harriet Lindgren both asked how it "
        "would be funded."
    )
    assert set(sp[1]) == {"Daniel Okonkwo-Reid", "Harriet Lindgren"}
    sp = speakers(
        "Die Gewerkschaft IG Metall und der Verband der Chemischen Industrie (VCI) forderten ein Sofortprogramm."
    )
    assert any("IG Metall" in s for s in sp[0]) and any("Chemischen Industrie" in s for s in sp[0])


def test_the_company_after_an_unrecognised_organisation() -> None:
    sp = en_speakers(
        "Scottish Labour attacked the plan. Caledonian MacBrayne said it carried 5.3 million passengers. "
        "The company warned that vessels were the main problem."
    )
    assert sp[2] == ["Caledonian MacBrayne"]


def test_members_of_an_institution_speak_for_it() -> None:
    sp = en_speakers("The researchers from the University of Plymouth found that the plots covered more seabed.")
    assert sp[0] == ["University of Plymouth"]


def test_demnach_and_forecast_revisions() -> None:
    sp = speakers(
        "Die Deutsche Industrie- und Handelskammer (DIHK) verwies auf eine Umfrage. Demnach wollen 37 Prozent "
        "weniger investieren. Auch das Deutsche Institut für Wirtschaftsforschung (DIW) hat seine Prognose gesenkt. "
        "Für das kommende Jahr rechnet das DIW mit einem Wachstum von 0,9 Prozent."
    )
    assert sp[1] == sp[0] and sp[0]
    assert sp[2] and sp[3] == sp[2]


def test_notenbank_is_the_bundesbank_named_before() -> None:
    sp = speakers(
        "Die Bundesbank zeigte sich dagegen etwas zuversichtlicher. In ihrem Monatsbericht schreibt die Notenbank, "
        "die Wirtschaft sei nicht geschrumpft."
    )
    assert sp[0] == ["Bundesbank"] and sp[1] == ["Bundesbank"]


def test_konjunktiv_after_a_main_clause_with_its_own_subject() -> None:
    sp = speakers(
        "Staatsanwalt Alan Jackson hält den Angeklagten für gefährlich. Sein Verteidiger Bruce Cutler vertritt "
        "dagegen die Ansicht, die Frau habe sich selbst getötet."
    )
    assert sp[1] == ["Bruce Cutler"]


def test_von_without_passive_is_no_agent() -> None:
    sp = speakers("Die Europäische Union hat die Regierung von Myanmar erneut zur Kooperation aufgefordert.")
    assert sp[0] == ["Europäische Union"]


def test_coordinated_verb_shares_the_subject() -> None:
    sp = speakers(
        "Bundespräsident Horst Köhler möchte die Debatte versachlichen, nimmt die Abgeordneten in Schutz und "
        "warnt vor einer pauschalen Verurteilung."
    )
    assert sp[0] == ["Horst Köhler"]


def test_lower_case_role_prefix_and_the_city_named_before() -> None:
    sp = speakers("Kriminelle könnten die Daten nutzen, warnte vzbv-Vorständin Radka Winterfeld.")
    assert sp[0] == ["Radka Winterfeld"]
    sp = speakers(
        "Nach Berechnungen der Stadt Leipzig kostet das Projekt 118 Millionen Euro. Die Stadt prüft nach eigenen "
        "Angaben eine Variante."
    )
    assert sp[1] == ["Stadt Leipzig"]


def test_english_company_expects_and_two_letter_acronym() -> None:
    sp = en_speakers(
        "Harcastle Stores said sales rose by 3 percent. The company now expects "
        "lower profits. The AA reported traffic jams on the M60."
    )
    assert sp[1] == ["Harcastle Stores"] and sp[2] == ["AA"]


def test_pronoun_for_a_person_of_unknown_gender_and_figures_by() -> None:
    sp = en_speakers(
        "The trust's chief executive, Marguerite Oyelaran-Fisk, said the delays were unacceptable. She blamed flu. "
        '"Our staff worked hard," she told the board. Figures published by NHS England last week show that '
        "61,000 patients waited."
    )
    assert sp[1] == sp[0] == sp[2] == ["Marguerite Oyelaran-Fisk"]
    assert sp[3] and "NHS England" in sp[3][0]
