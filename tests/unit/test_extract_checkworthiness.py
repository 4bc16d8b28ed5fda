"""Check-worthiness: facts and attributed statements yes; opinion, speculation, forecasts, questions,
teasers, headings and boilerplate no."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_claims
from factcheck.text.layout import Paragraph


def worthy(sentence: str, language: str = "de") -> bool:
    (claim,) = extract_claims(sentence, language=language)
    assert 0.0 <= claim.checkworthiness <= 1.0
    assert claim.checkworthy == (claim.checkworthiness >= 0.4)
    return claim.checkworthy


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Der erste Kontakt zwischen den beiden Führern fand am 28. Januar 2017 im Oval Office statt.", "de"),
        ("Nach Angaben der Polizei wurden bei dem Unfall 14 Menschen verletzt.", "de"),
        ("Innenministerin Nancy Albrecht kündigte an, das Gesetz zu ändern.", "de"),
        ("Die Arbeitslosenquote stieg im Oktober auf 6,1 Prozent.", "de"),
        ("Quarterly profits at the media group jumped 76% to $1.13bn.", "en"),
        ("The prime minister said the government would cut taxes.", "en"),
        ("Severe flooding forced more than 3,000 people to leave their homes.", "en"),
    ],
)
def test_facts_and_attributed_statements_are_checkworthy(sentence: str, language: str) -> None:
    assert worthy(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language", "cue"),
    [
        ("Der Artikel beleuchtet die Treffen zwischen Trump und Putin seit 2017.", "de", "cw:-teaser"),
        ("Die Reaktionen auf Trumps Annäherung an Putin sind gemischt.", "de", "cw:-evaluative:gemischt"),
        ("Viele Experten warnen, dass Putin die Gelegenheit nutzen könnte.", "de", "cw:-hedge:könnte"),
        ("Insgesamt bleibt abzuwarten, ob die Gespräche Erfolg haben.", "de", "cw:-forecast:bleibt abzuwarten"),
        ("Die kommenden Wochen werden zeigen, wie die Politik reagiert.", "de", "cw:-future"),
        ("Trotz der Rhetorik befürchten viele Experten, dass die Gespräche scheitern.", "de", "cw:-opinion:befürchten"),
        ("Ob es noch vor Weihnachten zu einer Einigung kommt, ist offen.", "de", "cw:-open-question"),
        ("Ist das Ziel überhaupt noch realistisch?", "de", "cw:-question"),
        ("Weitere Informationen finden Sie auf der Website der Bahn.", "de", "cw:-teaser"),
        ("It remains to be seen whether the defences will hold.", "en", "cw:-forecast:remains to be seen"),
        ("Perhaps the government will need to rethink its approach.", "en", "cw:-hedge:perhaps"),
        ("Read more: How to protect your home from flooding", "en", "cw:-teaser"),
    ],
)
def test_opinion_speculation_forecasts_questions_teasers_are_not(sentence: str, language: str, cue: str) -> None:
    (claim,) = extract_claims(sentence, language=language)
    assert not claim.checkworthy
    assert cue in claim.cues


def test_passive_present_is_not_a_forecast() -> None:
    assert worthy("In der EU wird derweil ein neues Sanktionspaket gegen Russland vorbereitet.")


def test_headings_are_not_checkworthy() -> None:
    text = "Reaktionen und Proteste\n\nDie Regierung bestätigte am Montag 200 Festnahmen."
    paragraphs = [Paragraph(0, 23, True), Paragraph(25, len(text), False)]
    heading, body = extract_claims(text, language="de", paragraphs=paragraphs)
    assert not heading.checkworthy and heading.cues == ["cw:-heading"]
    assert body.checkworthy


def test_non_checkworthy_sentences_are_still_emitted() -> None:
    text = "Die Zahl der Toten stieg auf 42. Die Lage bleibt angespannt und unübersichtlich."
    claims = extract_claims(text, language="de")
    assert [c.checkworthy for c in claims] == [True, False]


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Heute ist ein schöner Tag.", "de"),
        ("Ich mag Kaffee und Kuchen.", "de"),
        ("Das Wetter ist herrlich.", "de"),
        ("Wir haben viel gelacht.", "de"),
        ("The weather is nice.", "en"),
        ("I like coffee and cake.", "en"),
        ("We love this little town.", "en"),
    ],
)
def test_sentences_with_nothing_to_check_are_not_checkworthy(sentence: str, language: str) -> None:
    assert not worthy(sentence, language)


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        ("Der Angeklagte ist vorbestraft.", "de"),  # a participle after the copula: a fact on record
        ("Die Brücke ist seit Montag gesperrt.", "de"),  # a weekday dates it
        ("CDU und AfD stimmten geschlossen gegen das Vorhaben.", "de"),  # acronyms name who
        ("Die Polizei ermittelt wegen des Verdachts der Brandstiftung.", "de"),  # an event, not a state
        ("Die Mietpreisbremse gilt in rund 410 Städten.", "de"),  # a number
        ("The Environment Agency issued severe flood warnings.", "en"),  # a name
        ("The bridge was closed after the crash.", "en"),  # a participle
    ],
)
def test_sentences_with_something_to_check_stay_checkworthy(sentence: str, language: str) -> None:
    assert worthy(sentence, language)


def test_the_month_may_is_no_hedge_and_the_modal_still_is() -> None:
    (dated,) = extract_claims("The union met with the company on May 7, officials said.", language="en")
    assert dated.checkworthy and not any(c.startswith("cw:-hedge") for c in dated.cues)
    (hedged,) = extract_claims("The plant may close in 2027, officials said.", language="en")
    assert "cw:-hedge:may" in hedged.cues
    (opening,) = extract_claims("May 2024 was the warmest May on record in Spain.", language="en")
    assert not any(c.startswith("cw:-hedge") for c in opening.cues)
