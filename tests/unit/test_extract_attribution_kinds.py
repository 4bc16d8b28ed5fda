"""Issue 13: the kinds of attribution fault found on news the engine had not seen, each as sentences of
our own: short mentions resolved to the full name, role nouns and pronouns as references, English
"“…,” Surname said." without name lists, quotes continued over paragraphs, inflected organisation names."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_claims
from factcheck.extract.mentions import build_registry, org_nominative
from factcheck.text.layout import repair_layout


def claims(text: str, language: str = "de"):
    r = repair_layout(text)
    return extract_claims(r.text, language=language, paragraphs=r.paragraphs)


def last_speakers(text: str, language: str = "de") -> list[str]:
    return claims(text, language)[-1].speakers


def quote_speakers(text: str, language: str = "de") -> dict[str, str | None]:
    return {q.text.strip(" ,."): q.speaker for c in claims(text, language) for q in c.quotes}


# 1. short mention -> the fullest form of the same person
@pytest.mark.parametrize(
    ("text", "language", "full"),
    [
        (
            "Chinas Außenminister Wang Yi traf am Montag seinen Amtskollegen. "
            "Die Gespräche seien konstruktiv gewesen, sagte Wang.",
            "de",
            "Wang Yi",
        ),
        (
            "Südkoreas Präsident Yoon Suk-yeol besuchte die Werft. Man werde die Produktion verdoppeln, sagte Yoon.",
            "de",
            "Yoon Suk-yeol",
        ),
        (
            "Der niederländische Abgeordnete Frans van der Berg kritisierte den Plan. „Das ist ein Fehler“, "
            "sagte van der Berg.",
            "de",
            "Frans van der Berg",
        ),
        (
            "Ministerin Anna Müller-Lüdenscheidt sprach in Kassel. „Wir handeln jetzt“, sagte Müller-Lüdenscheidt.",
            "de",
            "Anna Müller-Lüdenscheidt",
        ),
        (
            "Trade minister Liu Jianguo met the delegation on Monday. The talks were frank, Liu said.",
            "en",
            "Liu Jianguo",
        ),
    ],
)
def test_a_short_mention_names_the_full_person(text: str, language: str, full: str) -> None:
    assert last_speakers(text, language) == [full]


# 2. role nouns and pronouns refer to the person introduced with that role
def test_a_role_noun_of_the_same_body_names_its_office_holder_not_the_nearest_name() -> None:
    text = (
        "Nato-Generalsekretär Mark Rutte sprach vor Bundeskanzler Olaf Scholz. Beide trafen sich in Brüssel. "
        "Die Allianz bleibe geschlossen, betonte der Nato-Chef."
    )
    assert last_speakers(text) == ["Mark Rutte"]


def test_a_role_noun_of_another_body_keeps_its_own_holder() -> None:
    text = (
        "Verdi-Vorsitzender Frank Weber traf Bahn-Chefin Eva Lorenz. Die Forderung sei überzogen, "
        "sagte die Bahn-Managerin."
    )
    assert last_speakers(text) == ["Eva Lorenz"]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        (
            "Die Oberbürgermeisterin von Leipzig eröffnete am Freitag die Messe. "
            "„Wir investieren weiter in die Innenstadt“, sagte sie.",
            "de",
            "Oberbürgermeisterin von Leipzig",
        ),
        (
            "Der Bürgermeister von Seevetal besuchte am Montag die Schule. Die Sanierung koste "
            "zwei Millionen Euro, sagte er.",
            "de",
            "Bürgermeister von Seevetal",
        ),
        (
            "The mayor of Leeds opened the new library on Friday. “It took six years,” she said.",
            "en",
            "mayor of Leeds",
        ),
    ],
)
def test_a_pronoun_refers_to_an_office_holder_named_only_by_office(text: str, language: str, speaker: str) -> None:
    assert any(speaker in s for s in last_speakers(text, language)), last_speakers(text, language)


def test_a_bare_office_after_a_named_person_of_its_gender_is_that_person() -> None:
    text = (
        "Richterin Regula Brand verkündete das Urteil. Die Richterin sprach von einem schweren Fall. "
        "Sie habe keine Zweifel, sagte sie."
    )
    assert last_speakers(text) == ["Regula Brand"]


def test_a_dative_office_is_no_office_holder() -> None:
    # "der Bürgermeisterin" is a dative: she is spoken to, so "er" is not her
    text = "Der Rat überreichte der Bürgermeisterin von Kassel einen Bericht. Das sei zu spät, sagte er."
    assert not any("Bürgermeisterin" in s for s in last_speakers(text))


# 3. English subject slot after a quotation, without name lists
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“That number is simply false,” Okafor said.", "Okafor"),
        ("“We never saw the contract,” Nwachukwu-Bell told reporters.", "Nwachukwu-Bell"),
        ("“The vote is lost,” Thandeka Mbeki-Roos said on Tuesday.", "Thandeka Mbeki-Roos"),
    ],
)
def test_a_capitalised_name_in_the_subject_slot_after_a_quote_speaks(text: str, speaker: str) -> None:
    assert list(quote_speakers(text, "en").values()) == [speaker]


def test_the_subject_slot_name_resolves_to_the_full_name_introduced_before() -> None:
    text = "Finance chief Adaeze Okafor rejected the report. “That number is simply false,” Okafor said."
    assert quote_speakers(text, "en") == {"That number is simply false": "Adaeze Okafor"}


def test_a_sentence_after_a_title_noun_is_no_title() -> None:
    # "the report. “…”": a full stop between the noun and the quote ends the noun's claim on it
    text = "Ministers published the report. “Nothing in it is new,” Adeyemi said."
    assert quote_speakers(text, "en") == {"Nothing in it is new": "Adeyemi"}


# 4. quotes continued over paragraphs
def test_a_quote_continued_in_the_next_paragraph_is_a_quote_of_the_same_speaker() -> None:
    text = (
        "Mayor Ruth Ellison spoke on Friday. “The bridge will reopen,” Ellison said. “Repairs are on schedule."
        "\n\n“We expect traffic to return by spring.”"
    )
    got = quote_speakers(text, "en")
    assert got == {
        "The bridge will reopen": "Ruth Ellison",
        "Repairs are on schedule": "Ruth Ellison",
        "We expect traffic to return by spring": "Ruth Ellison",
    }


def test_a_german_quote_continued_over_two_paragraphs() -> None:
    text = (
        "Verbandschef Jonas Lenz warnte vor Kürzungen. „Die Lage in den Kliniken ist ernst, die Betten fehlen."
        "\n\n„Wir brauchen bis Jahresende eine Lösung“, sagte Lenz."
    )
    got = quote_speakers(text)
    assert got["Die Lage in den Kliniken ist ernst, die Betten fehlen"] == "Jonas Lenz"


def test_an_unclosed_quote_without_a_continuing_paragraph_is_no_quote() -> None:
    text = "Mayor Ruth Ellison spoke on Friday. “Repairs are on schedule.\n\nThe council meets in May."
    assert quote_speakers(text, "en") == {}


# 10. inflected organisation names
@pytest.mark.parametrize(
    ("surface", "nominative"),
    [
        ("Paul-Ehrlich-Instituts", "Paul-Ehrlich-Institut"),
        ("Bundesamtes für Statistik", "Bundesamt für Statistik"),
        ("Instituts der deutschen Wirtschaft", "Institut der deutschen Wirtschaft"),
        ("Deutschen Bank", "Deutsche Bank"),
        ("Europäischen Zentralbank", "Europäische Zentralbank"),
        ("Vereinten Nationen", "Vereinten Nationen"),
        ("Innenministerium", "Innenministerium"),
    ],
)
def test_organisation_names_in_the_nominative(surface: str, nominative: str) -> None:
    assert org_nominative(surface) == nominative


def test_one_body_is_one_speaker_across_cases() -> None:
    text = (
        "Nach Angaben des Paul-Ehrlich-Instituts gibt es keine neuen Fälle. "
        "Das Paul-Ehrlich-Institut warnte zudem vor Fälschungen. "
        "Laut dem Robert Koch-Institut stieg die Zahl, wie aus Daten des Robert Koch-Instituts hervorgeht."
    )
    found = [s for c in claims(text) for s in c.speakers]
    assert found == ["Paul-Ehrlich-Institut", "Paul-Ehrlich-Institut", "Robert Koch-Institut"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Alvarez, a Democrat from Texas, said the bill would pass.", "Alvarez"),
        ("Okonjo, who chairs the committee, said the bill would pass.", "Okonjo"),
        ("A spokesperson for the Department of Health said the figures were accurate.", "Department of Health"),
        (
            "Health minister Dana Cole visited the ward. The minister, who took office in July, said the plan "
            "was fully funded.",
            "Dana Cole",
        ),
    ],
)
def test_english_subjects_without_name_lists(text: str, speaker: str) -> None:
    assert any(speaker in s for s in last_speakers(text, "en")), last_speakers(text, "en")


def test_a_common_word_opening_a_sentence_is_no_name() -> None:
    # "Police" is written in lower case elsewhere in the text: not a surname in the subject slot
    text = "The police were called at noon. Police, who arrived at 1 pm, said two men had fled."
    assert "Police" not in build_registry(text).persons


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Viele gratulierten, so Ministerin Clara Brandt und der Ministerpräsident Jens Ohlsen: „Der Preis "
            "kommt nicht zu früh.“",
            "Der Preis kommt nicht zu früh",
            "Jens Ohlsen",
        ),
        (
            "Es gratulierten Clara Brandt, die Leiterin der Behörde, Anna Roth („Niemand verdient es mehr.“), "
            "und weitere Gäste.",
            "Niemand verdient es mehr",
            "Anna Roth",
        ),
    ],
)
def test_a_name_right_before_a_colon_or_bracket_says_the_quote(text: str, quote: str, speaker: str) -> None:
    assert quote_speakers(text)[quote] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("According to a senior administration official, the deal is dead.", "a senior administration official"),
        ("Trump's campaign said the deal was dead.", "Trump's campaign"),
        ("Governor Gavin Newsom's office said the deal was dead.", "Gavin Newsom's office"),
        ("“It is dead,” the senator said.", "the senator"),
        ("Senate Majority Leader Chuck Schumer said the deal was dead.", "Chuck Schumer"),
        ("Speaker Nancy Pelosi, D-Calif., told reporters the deal was dead.", "Nancy Pelosi"),
        ("Officials with the Department of Homeland Security said the figures were accurate.", "Homeland Security"),
    ],
)
def test_english_news_subjects(text: str, speaker: str) -> None:
    assert any(speaker in s for s in last_speakers(text, "en")), last_speakers(text, "en")


def test_a_possessor_is_not_the_speaker_of_its_office() -> None:
    assert "Gavin Newsom" not in last_speakers("Governor Gavin Newsom's office said the deal was dead.", "en")


def test_reported_speech_carries_on_after_a_quotation_of_several_sentences() -> None:
    text = (
        "Laborleiter Henk Meijer erklärte: „Wir sehen keine Möglichkeit. Die Folgen wären zu groß.“ "
        "Es gebe Kunden, die für die „grüne Gentechnik“ nicht offen seien."
    )
    assert claims(text)[-1].speakers == ["Henk Meijer"]


def test_a_sentence_opening_with_fuer_and_a_person_gives_that_person_s_view() -> None:
    text = "Volker Beck sagte: „Das ist gut.“ Für den Theologen Hans Küng sei der Rücktritt „verständlich“."
    assert claims(text)[-1].speakers == ["Hans Küng"]
    assert quote_speakers(text)["verständlich"] == "Hans Küng"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Zu der Frage nahm am Abend auch Ministerpräsident Jonas Weber Stellung.", "Jonas Weber"),
        ("Ministerin Clara Brandt besteht darauf, dass der Plan bleibt.", "Clara Brandt"),
    ],
)
def test_german_speech_phrases(text: str, speaker: str) -> None:
    assert last_speakers(text) == [speaker]


def test_a_dateline_place_or_agency_is_no_speaker() -> None:
    text = (
        "Hamburg, 14. November 2024 (dpa) – „Wir sind bereit“, sagte Bürgermeister Peter Tschentscher.\n\n"
        "„Die Hafenwirtschaft braucht Planungssicherheit\n\n„Deshalb investieren wir jetzt“, fügte er hinzu."
    )
    got = quote_speakers(text)
    assert set(got.values()) == {"Peter Tschentscher"} and len(got) == 3, got
    text = "LONDON, Jan 3, 2024 (Reuters) - Officials said on Dec. 28 that the road would reopen."
    assert last_speakers(text, "en") == ["Officials"]


def test_an_object_before_a_colon_does_not_say_the_quote() -> None:
    text = "Innenministerin Clara Brandt kritisierte Jonas Weber: „Das ist verantwortungslos.“"
    assert quote_speakers(text)["Das ist verantwortungslos"] == "Clara Brandt"


def test_a_role_with_a_nationality_refers_to_the_person_named_before() -> None:
    text = 'President Joe Biden met President Emmanuel Macron in Paris. "We are united," the French president said.'
    assert quote_speakers(text, "en") == {"We are united": "Emmanuel Macron"}


def test_an_english_month_abbreviation_ends_no_sentence() -> None:
    got = claims("On Dec. 30 officials said the road would reopen on Jan. 2.", "en")
    assert len(got) == 1 and got[0].speakers == ["officials"]


@pytest.mark.parametrize(
    ("surface", "nominative"),
    [
        ("Emirates", "Emirates"),  # an English plural keeps its s: no German compound before "rat"
        ("Senate Democrats", "Senate Democrats"),
        ("Aufsichtsrates", "Aufsichtsrat"),
        ("Stadtrats", "Stadtrat"),
    ],
)
def test_short_institution_heads_need_a_german_compound(surface: str, nominative: str) -> None:
    assert org_nominative(surface) == nominative


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("Für den früheren Präsidenten Jonas Weber ist es bereits die vierte Anklage.", []),  # a fact about him
        ("Die Truppen nahmen die Stellung des Feindes ein.", []),  # "einnehmen", no statement
        ("Sie hat sich gegen Müller ausgesprochen knapp durchgesetzt.", []),  # the adverb
    ],
)
def test_no_speech_where_none_is_reported(text: str, speakers: list[str]) -> None:
    assert [s for c in claims(text) for s in c.speakers] == speakers


def test_a_legal_form_in_quotation_marks_is_a_name_even_with_a_speaker() -> None:
    text = "Spenden gehen an „Aktion Deutschland Hilft e.V.“, teilte die Stadt mit."
    assert quote_speakers(text) == {}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Revenue rose 5% in the third quarter, the company said.", "the company"),
        ("The trial begins on Oct. 14, prosecutors said.", "prosecutors"),
        ("“The evidence is clear,” the judge said.", "the judge"),
        ("Harlow Energy reported a loss. The company said revenue fell.", "Harlow Energy"),
    ],
)
def test_english_unnamed_subjects_after_or_before_the_verb(text: str, speaker: str) -> None:
    assert last_speakers(text, "en") == [speaker]


# a dateline opening the sentence: its place or agency never speaks, and the office after it is the subject
@pytest.mark.parametrize(
    ("text", "language", "speaker", "next_speaker"),
    [
        (
            "Titel\n\nBerlin, 3. März 2024 - Der Minister sagte am Montag, die Steuern würden nicht steigen. "
            "Er kündigte zudem an, dass 300 neue Stellen entstehen.",
            "de",
            "Minister",
            "Minister",
        ),
        (
            "Titel\n\nHamburg (dpa) – Die Bürgermeisterin kündigte an, dass der Hafen ausgebaut wird. "
            "Sie sagte, die Kosten lägen bei 40 Millionen Euro.",
            "de",
            "Bürgermeisterin",
            "Bürgermeisterin",
        ),
        ("Title\n\nLONDON, March 3 (Reuters) - The minister said taxes would not rise.", "en", "The minister", None),
    ],
)
def test_a_dateline_place_is_no_speaker(text: str, language: str, speaker: str, next_speaker: str | None) -> None:
    body = claims(text, language)[1:]
    assert body[0].speakers == [speaker]
    if next_speaker:
        assert body[1].speakers == [next_speaker]


def test_a_speech_verb_inside_a_quotation_does_not_stop_the_speaker_going_on() -> None:
    text = (
        "Titel\n\n„Das Abkommen ist ein großer Schritt“, sagte die Ratsvorsitzende Helga Brunnmeier. "
        "„Wir hoffen, dass die anderen Länder bald folgen und die Verträge unterzeichnen.“"
    )
    assert quote_speakers(text)["Wir hoffen, dass die anderen Länder bald folgen und die Verträge unterzeichnen"] == (
        "Helga Brunnmeier"
    )


def test_a_proper_name_the_lists_do_not_know_frames_its_quote_before_a_body_named_earlier() -> None:
    text = (
        "Titel\n\nAuch die Stadtverwaltung lehnte den Plan ab: So sagte Ilkka Vornanen, Baudezernent: "
        "„Wir bauen keine neue Brücke, solange die alte hält.“"
    )
    assert quote_speakers(text)["Wir bauen keine neue Brücke, solange die alte hält"] == "Ilkka Vornanen"


def test_an_office_with_its_holder_in_apposition_is_the_subject_of_a_long_opening() -> None:
    text = (
        "Titel\n\nDer Verkehrsminister Jonas Albers sagte, die Strecke werde bis Mai gesperrt. "
        "Auch die verkehrspolitische Sprecherin der Fraktion der Grünen im Landtag von Hessen, Mira Kessler, "
        "will prüfen, ob die Sperrung verkürzt werden könne."
    )
    assert last_speakers(text) == ["Mira Kessler"]


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Titel\n\nDer Randalierer schlug gegen die Tür und rief: „Lasst mich raus!“", "Lasst mich raus!"),
        ("Titel\n\nDie Menge skandierte vor dem Rathaus Parolen wie „Senat raus!“ und zog weiter.", "Senat raus!"),
        ("Titel\n\nAuf den Plakaten der Gruppe stand „Wir erwarten euch“ in roter Schrift.", "Wir erwarten euch"),
    ],
)
def test_short_capitalised_quotes_that_only_a_speaker_says_stay_quotes(text: str, quote: str) -> None:
    assert quote.rstrip("!") in {k.rstrip("!") for k in quote_speakers(text)}


def test_a_short_capitalised_term_nobody_says_is_still_a_scare_quote() -> None:
    text = "Titel\n\nDas Modell „Phaeton“ wird in der „Gläsernen Manufaktur“ gebaut."
    assert quote_speakers(text) == {}


# documents as sources: the body that issued the document says it, else the document itself
@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "In einem Schreiben der Stadtwerke an die Kunden war von „deutlichen Preissteigerungen“ die Rede.",
            "Stadtwerke",
        ),
        ("Im Abschlussbericht der Kommission war festgestellt worden, dass die Brücke marode sei.", "Kommission"),
        (
            "In der Erklärung des Ministeriums, die am Freitag veröffentlicht wurde, heißt es, die Lage sei stabil.",
            "Ministerium",
        ),
        (
            "Derzeit steht in dem Gesetzentwurf noch der Satz: „Die Daten sind nach einem Jahr zu löschen.“",
            "Gesetzentwurf",
        ),
        ("So wird in einer Pressemitteilung des Vereins gefordert, dass die Halle saniert werden müsse.", "Verein"),
    ],
)
def test_a_document_is_the_source_of_what_it_says(sentence: str, speaker: str) -> None:
    (claim,) = claims("Titel\n\n" + sentence)[1:]
    assert claim.speakers and any(speaker in s for s in claim.speakers), claim.speakers


@pytest.mark.parametrize(
    "sentence",
    [
        "Im Urteil wurde der Angeklagte zu drei Jahren Haft verurteilt.",
        "In dem Bericht wird der Bürgermeister mehrfach zitiert.",
        "In der Studie wurden 500 Menschen zu ihren Gewohnheiten befragt.",
        "Im Jahr 2020 wurde die Brücke saniert.",
    ],
)
def test_a_document_that_only_mentions_someone_says_nothing(sentence: str) -> None:
    (claim,) = claims("Titel\n\n" + sentence)[1:]
    assert not any(c == "speaker:in-document" for c in claim.cues)
    assert not any(w in " ".join(claim.speakers) for w in ("Urteil", "Bericht", "Studie"))


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Nach dem Willen der Landesregierung sollen alle Schulen bis 2027 ans Glasfasernetz.", "Landesregierung"),
        ("Nach Planungen der Deutschen Bahn wird die Strecke im Herbst gesperrt.", "Deutsche Bahn"),
        ("Nach einem Vorschlag der Kommission sollen die Zölle sinken.", "Kommission"),
    ],
)
def test_a_plan_or_wish_after_nach_names_whose_it_is(sentence: str, speaker: str) -> None:
    (claim,) = claims("Titel\n\n" + sentence)[1:]
    assert any(speaker in s for s in claim.speakers), claim.speakers


def test_nach_with_a_plan_noun_in_time_or_idiom_names_no_one() -> None:
    (claim,) = claims("Titel\n\nDie Bauarbeiten liefen nach Plan und endeten im Mai.")[1:]
    assert claim.speakers == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Ägypten wird inzwischen aufgefordert, die Grenze zu öffnen.",  # the addressee of a passive
        "Die Landesregierung wurde am Montag scharf kritisiert.",
        "Arabische Medien werfen ihm offen Verrat vor.",  # "Verrat" is no council
        "Die Daten wurden in einer Datenbank gespeichert, teilte er mit.",
    ],
)
def test_the_subject_of_a_passive_and_a_noun_ending_like_a_body_are_no_speakers(sentence: str) -> None:
    (claim,) = claims("Titel\n\n" + sentence)[1:]
    assert not {"Ägypten", "Landesregierung", "Verrat", "Datenbank"} & set(claim.speakers), claim.speakers


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Die Pläne wurden am Montag vom Innenministerium bekanntgegeben.", "Innenministerium"),
        ("Laut einer Umfrage des Flughafens Bremen reisen die meisten Gäste privat.", "Flughafens Bremen"),
        (
            "Berichten verschiedener US-Medien zufolge fand am Donnerstag ein Treffen statt.",
            "Berichten verschiedener US-Medien",
        ),
    ],
)
def test_agents_bodies_named_after_places_and_sentence_opening_sources(sentence: str, speaker: str) -> None:
    (claim,) = claims("Titel\n\n" + sentence)[1:]
    assert any(speaker in s for s in claim.speakers) and "Bremen" not in claim.speakers, claim.speakers


# --- seventh blind batch ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "language", "full"),
    [
        # a Korean hyphenated given name: the first word is the family name, though "Kim"/"Lee" are given names too
        (
            "The bank's president, Lee Seung-hoon, visited the plant. Lee said output had doubled.",
            "en",
            "Lee Seung-hoon",
        ),
        # a Pinyin family name ending like a German noun ("Chen": no diminutive in -chen)
        (
            "Deren Vertriebschef Chen Mingyu besuchte die Messe. Chen sagte, man prüfe weitere Standorte.",
            "de",
            "Chen Mingyu",
        ),
        (
            "Its chair, Huang Jiayi, met investors. Huang said the rules would not change.",
            "en",
            "Huang Jiayi",
        ),
    ],
)
def test_east_asian_family_name_first_is_referred_to_by_it(text: str, language: str, full: str) -> None:
    assert last_speakers(text, language) == [full]


def test_post_nominal_letters_are_no_surname() -> None:
    text = (
        "Their counsel, Ambrose de la Cruz KC, told the tribunal the claim was late. "
        "De la Cruz said the firm had paid nothing."
    )
    cs = claims(text, "en")
    assert cs[0].speakers == ["Ambrose de la Cruz"]
    assert cs[1].speakers == ["Ambrose de la Cruz"]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        # a document by a named body speaks for it
        ("A review by the Audit Commission found that two councils had overspent.", "en", "Audit Commission"),
        # a definite document or a document by a role noun refers back to the body that spoke before
        (
            "The Environment Agency said in a statement that the river had burst its banks. "
            "Residents should stay away from the water, the statement said.",
            "en",
            "Environment Agency",
        ),
        (
            "The Fire Brigades Union published a survey on Monday. The report by the union also said that "
            "six stations had closed.",
            "en",
            "Fire Brigades Union",
        ),
        (
            "Die Staatsanwaltschaft Trier wirft dem Mann Untreue vor. Er soll 40.000 Euro veruntreut haben. "
            "Aus der Anklageschrift geht hervor, dass er das Geld in Bargeld abhob.",
            "de",
            "Staatsanwaltschaft Trier",
        ),
    ],
)
def test_a_document_speaks_for_its_author(text: str, language: str, speaker: str) -> None:
    assert last_speakers(text, language) == [speaker]


def test_a_document_with_no_author_before_has_no_speaker() -> None:
    assert last_speakers("Heavy rain fell overnight. The report said two roads were closed.", "en") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a body whose name ends in a Land or a town is one speaker, and that place is no place of the sentence
        (
            "Der Verband der Chemischen Industrie Hessen warnte vor einem Stellenabbau.",
            "Verband der Chemischen Industrie Hessen",
        ),
        (
            "Die Landesvereinigung Unternehmerverbände Niedersachsen lehnte den Plan ab.",
            "Landesvereinigung Unternehmerverbände Niedersachsen",
        ),
    ],
)
def test_a_place_at_the_end_of_a_body_is_part_of_its_name(text: str, speaker: str) -> None:
    c = claims(text)[-1]
    assert c.speakers == [speaker]
    assert c.places == []


def test_the_bare_ministry_is_the_ministry_named_before_and_a_compound_its_own() -> None:
    text = (
        "Das sächsische Kultusministerium weist die Vorwürfe zurück. In einer Mitteilung des Ministeriums "
        "heißt es, alle Schulen seien informiert worden. Das Bundesbildungsministerium kündigte an, die Lage zu prüfen."
    )
    cs = claims(text)
    assert cs[1].speakers == ["Kultusministerium"]
    assert cs[2].speakers == ["Bundesbildungsministerium"]


def test_a_later_der_verband_is_the_federation_named_before() -> None:
    text = (
        "Die Landesvereinigung Unternehmerverbände Niedersachsen warnte vor neuen Abgaben. Das Finanzministerium "
        "wies das zurück. Von 40 Betrieben planten 12 Entlassungen, teilte der Verband mit."
    )
    assert last_speakers(text) == ["Landesvereinigung Unternehmerverbände Niedersachsen"]


def test_hearsay_after_a_sentence_whose_subject_is_a_body_reports_that_body() -> None:
    text = (
        "Titel\n\nDie Hamburger Gesundheitsbehörde hat einen neuen Erreger entdeckt. "
        "Er soll gegen gängige Antibiotika resistent sein."
    )
    assert last_speakers(text) == ["Hamburger Gesundheitsbehörde"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Die Stadt Leipzig und der Freistaat einigten sich darauf, dass die Halle saniert wird.", "Leipzig"),
        (
            "Die Stadtwerke wurden vom Landesrechnungshof beschuldigt, Gebühren verschleiert zu haben.",
            "Landesrechnungshof",
        ),
        ("Das teilte das Massachusetts Institute of Technology am Montag mit.", "Massachusetts Institute"),
    ],
)
def test_agreements_passive_agents_of_stem_verbs_and_english_institutes(sentence: str, speaker: str) -> None:
    (claim,) = claims("Titel\n\n" + sentence)[1:]
    assert any(speaker in s for s in claim.speakers), claim.speakers
    assert not any(s.endswith("Institut") for s in claim.speakers)


def test_nahm_stellung_reaches_past_an_apposition_and_its_reported_speech_follows() -> None:
    text = (
        "Titel\n\nAm Rande der Sitzung nahm auch der Ministerpräsident des Landes Sachsen, Reinhard Kolbe (CDU), "
        "zu der Frage Stellung. Jede Schule könne „das Budget jetzt abrufen oder später“."
    )
    assert quote_speakers(text)["das Budget jetzt abrufen oder später"] == "Reinhard Kolbe"


def test_a_leading_wie_clause_does_not_frame_a_quote_the_main_clause_hands_on() -> None:
    text = (
        "Titel\n\nWie der Sender ORF berichtet, gab Bürgermeisterin Anna Pichler den Reportern eine Antwort, "
        "die aus zwei Wörtern bestand: „Kein Kommentar.“"
    )
    assert quote_speakers(text)["Kein Kommentar"] == "Anna Pichler"


@pytest.mark.parametrize(
    ("sentence", "speaker", "not_speaker"),
    [
        (
            "Der Abriss der Halle rechtfertige sich nach Meinung der Denkmalbehörde durch die Baufälligkeit.",
            "Denkmalbehörde",
            "Abriss der Halle",
        ),
        (
            "Die Taten seien nach Bewertung von Polizei und Staatsanwaltschaft nicht strafbar.",
            "Polizei",
            "Taten",
        ),
    ],
)
def test_a_konjunktiv_speech_verb_is_reported_speech_framed_by_another_cue(
    sentence: str, speaker: str, not_speaker: str
) -> None:
    (claim,) = claims("Titel\n\n" + sentence)[1:]
    assert any(speaker in s for s in claim.speakers) and not any(not_speaker in s for s in claim.speakers)


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Stellvertretend für den Vorstand erklärte die Sprecherin Lena Roth, der Vertrag sei gültig.", "Lena Roth"),
        ("Neu sei, dass der Innenminister gegenüber Medien versichere, die Lage sei ruhig.", "Innenminister"),
    ],
)
def test_adverbs_and_prepositional_tails_are_not_part_of_a_speaker(sentence: str, speaker: str) -> None:
    (claim,) = claims("Titel\n\n" + sentence)[1:]
    assert claim.speakers == [speaker]


def test_english_subjects_no_name_list_knows() -> None:
    text = (
        "Title\n\nThe Harbour Trust has criticised the networks. "
        '"Any reputable company should look carefully at this," it said in a statement.\n\n'
        "Turkcell now says it may give up on the deal.\n\n"
        "The government says unions will be consulted.\n\n"
        "Kestrel Foods reported a loss. It added that 40 jobs would go."
    )
    got = [c.speakers for c in claims(text, "en")[1:]]
    assert got == [
        ["Harbour Trust"],
        ["Harbour Trust"],
        ["Turkcell"],
        ["The government"],
        ["Kestrel Foods"],
        ["Kestrel Foods"],
    ]
    # a determiner or an adverb opening the sentence names no one
    assert claims("Title\n\nHis comments come a day after the vote.", "en")[1].speakers == []


def test_regressions_found_by_the_trial() -> None:
    # an English dateline with a comma in its date, then a role noun and a pronoun
    en = claims(
        "Title\n\nWASHINGTON, May 10, 2024 (Reuters) - The minister said the plan would fail. "
        "He added that costs rose.",
        "en",
    )[1:]
    assert en[0].speakers == ["The minister"] and en[1].speakers
    # whoever is quoted in a werden-passive is the speaker
    assert (
        quote_speakers(
            "Titel\n\nDer Kanzler wurde gefragt, ob er zurücktrete. "
            "Er wird zitiert mit den Worten: „Ich trete nicht zurück.“"
        )["Ich trete nicht zurück"]
        == "Kanzler"
    )
    # a bare "das Ministerium" is never another body named before
    assert last_speakers(
        "Titel\n\nDie Kommission tagte in Bonn. Das Ministerium teilte mit, die Mittel reichten nicht."
    ) == ["Ministerium"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"We will review our procedures," the Harbour team said.', "the Harbour team"),
        ('"Delays are not unusual," wrote analysts from Kestrel Capital in a note.', "analysts from Kestrel Capital"),
        ("Number 10 said ministers were not interested in a soap opera.", "Number 10"),
        ('But a spokesman stressed the meeting was "not anti-Labour".', "a spokesman"),
        (
            'Asked about it, the prime minister\'s official spokesman said: "We believe it."',
            "the prime minister's official spokesman",
        ),
    ],
)
def test_english_subjects_teams_inverted_groups_numbered_names_and_offices(sentence: str, speaker: str) -> None:
    (claim,) = claims("Title\n\n" + sentence, "en")[1:]
    assert claim.speakers == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        ("Lawyers for the alleged spammers said the lawsuit was groundless.", ["Lawyers for the alleged spammers"]),
        ("Shares in Kestrel Group fell 19% after it said it would not make a profit.", ["Kestrel Group"]),
        ("A spokesman for the group was unable to say when the plant would reopen.", []),
    ],
)
def test_english_groups_of_a_body_it_in_a_subordinate_clause_and_participle_adjectives(
    sentence: str, speakers: list[str]
) -> None:
    (claim,) = claims("Title\n\n" + sentence, "en")[1:]
    assert claim.speakers == speakers


# --- eighth blind batch (student-loans-commons.en, felssturz-oetztal.de): the kinds its misses showed ---


def test_a_quote_left_open_takes_the_speaker_named_in_the_paragraph_that_reopens_it() -> None:
    # only the last paragraph of the quote names the speaker, after it ("…,” said Mr X.")
    text = (
        "Title\n\nThe motion was tabled by Clara Winthrop-Hale, the Green MP for Bristol East.\n\n"
        '"This budget cuts the buses my constituents rely on. She will wait an hour for a bus to work.\n\n'
        '"I cannot vote for that," said Ms Winthrop-Hale.'
    )
    cs = claims(text, "en")
    got = quote_speakers(text, "en")
    assert got["This budget cuts the buses my constituents rely on. She will wait an hour for a bus to work"] == (
        "Clara Winthrop-Hale"
    )
    # every sentence the open quote covers is hers, the "She" inside it none of her own
    wait = next(c for c in cs if c.text.startswith("She will wait"))
    assert wait.speakers == ["Clara Winthrop-Hale"] and wait.checkworthy


def test_they_after_a_sentence_naming_two_bodies_are_both_bodies() -> None:
    text = (
        "Title\n\nThe Local Government Association and the County Councils Network wrote to the minister. "
        "They said the rota would leave wards short of staff."
    )
    assert sorted(last_speakers(text, "en")) == ["County Councils Network", "Local Government Association"]
    # "they" after a single person names no one
    assert last_speakers("Title\n\nMinister Jane Holt spoke. They said it was late.", "en") == []


def test_a_union_named_by_its_head_word_congress_is_one_body_and_it_refers_to_the_body_named_last() -> None:
    text = (
        "Title\n\nThe Scottish Trades Union Congress criticised the plan. "
        "The Student Loans Company said 2.9 million people had repaid. "
        "It said in a statement that letters would follow."
    )
    cs = claims(text, "en")
    assert cs[1].speakers == ["Scottish Trades Union Congress"]
    assert cs[-1].speakers == ["Student Loans Company"]


def test_according_to_figures_from_a_body_without_an_article() -> None:
    assert last_speakers(
        "Title\n\nAccording to figures from the Office for National Statistics, rents rose.", "en"
    ) == ["Office for National Statistics"]
    # an unnamed body or a place the figures come from: nobody to name
    assert last_speakers("Title\n\nPrices fell, according to research from a City investment bank.", "en") == []
    assert last_speakers("Title\n\nFew were insured, according to estimates from India.", "en") == []


def test_officials_speaking_make_an_attributed_claim_critics_an_opinion() -> None:
    officials = claims("Title\n\nHome Office officials say the scheme will cost about £40 million a year.", "en")[-1]
    assert officials.checkworthy
    critics = claims("Title\n\nCritics say the scheme needs stronger oversight.", "en")[-1]
    assert not critics.checkworthy


def test_a_compound_austrian_office_and_its_bare_form_are_one_person() -> None:
    text = (
        "Titel\n\nGesundheitslandesrätin Birgit Hollerer-Moser (SPÖ) besuchte das Spital. "
        "„Wir bauen aus“, sagte die Landesrätin."
    )
    assert quote_speakers(text)["Wir bauen aus"] == "Birgit Hollerer-Moser"


def test_the_office_of_an_office_holder_speaks_for_the_holder() -> None:
    text = (
        "Titel\n\nBürgermeister Anton Pfeifer (ÖVP) lehnte den Antrag ab. "
        "Aus dem Büro des Bürgermeisters hieß es, man prüfe den Antrag erneut."
    )
    assert last_speakers(text) == ["Anton Pfeifer"]


def test_a_speech_verb_in_a_relative_clause_does_not_stop_reported_speech() -> None:
    text = (
        "Titel\n\nDie Gemeinde warne seit Jahren vor der Gefahr, sagte Bürgermeister Anton Pfeifer. "
        "Schon 2020 habe man ein Gutachten vorgelegt, das eine Mauer empfehle."
    )
    assert last_speakers(text) == ["Anton Pfeifer"]


def test_a_headline_ending_in_a_separable_particle_stays_apart_from_the_dateline() -> None:
    text = (
        "Bürgermeister wirft Land jahrelanges Zögern vor\n\n"
        "Innsbruck, 15. Jänner 2026 (APA) – Nach einem Felssturz ist die Straße gesperrt."
    )
    r = repair_layout(text)
    assert r.text.startswith("Bürgermeister wirft Land jahrelanges Zögern vor\n\nInnsbruck")
    assert r.paragraphs[0].heading
    cs = claims(text)
    assert cs[-1].text.startswith("Innsbruck, 15. Jänner 2026 (APA)")


def test_a_court_is_never_the_group() -> None:
    text = (
        "Title\n\nThe Countryside Alliance lost its case when the Appeal Court ruled the law was lawful. "
        "But the group says the fight will go on."
    )
    assert last_speakers(text, "en") == ["Countryside Alliance"]


def test_faults_from_the_second_trial() -> None:
    text = (
        "Title\n\nCreditors of Kestrel Group said they had told the court the plan would fail. "
        "Kestrel Group shares fell 5% after it said it would appeal.\n\n"
        "The union said members said they would strike.\n\n"
        "Powell spoke about rates, which analysts said was a dovish signal."
    )
    got = [c.speakers for c in claims(text, "en")[1:]]
    # a group of people is no body a later "it" means; a run over two verbs is no speaker; no "which"
    assert got == [["Creditors of Kestrel Group"], ["Kestrel Group"], ["The union"], ["analysts"]]
    # criticism says nothing a later hearsay sentence could report
    de = claims("Titel\n\nDer Städtetag übte Kritik an den Plänen. Siemens soll 5000 Stellen streichen.")[1:]
    assert [c.speakers for c in de] == [["Städtetag"], []]
    # a quoted whole sentence opening a British-style continued quote is someone's words
    british = claims(
        'Title\n\n"We will act," a spokesman for the Prime Minister said. "Patients deserve certainty.\n\n'
        '"Nobody wants a strike."',
        "en",
    )
    assert [q.speaker for c in british for q in c.quotes] == ["a spokesman for the Prime Minister"] * 3
