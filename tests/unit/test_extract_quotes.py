"""Quotes in every quotation-mark style, quotes over sentence boundaries, titles and scare quotes."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_claims
from factcheck.extract.quotes import nominal_title


def quotes(text: str, language: str = "de") -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for c in extract_claims(text, language=language) for q in c.quotes]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("„Wir lassen uns nicht erpressen“, sagte Kanzler Olaf Brandner am Montag.", "Wir lassen uns nicht erpressen"),
        ("»Das ist ein schwarzer Tag«, sagte die Ministerin Katrin Albers.", "Das ist ein schwarzer Tag"),
        ("«Das Urteil ist ein Signal», sagte Staatsanwalt Peter Gubler.", "Das Urteil ist ein Signal"),
        ("‚Wir bleiben‘, sagte Gewerkschaftschef Markus Reinholt.", "Wir bleiben"),
        ("“We will not back down,” said Prime Minister David Harlow.", "We will not back down,"),
        ('"We will not back down," said Prime Minister David Harlow.', "We will not back down,"),
        ("Asked about the target, housing minister Angela Rowe replied: 'Absolutely not.'", "Absolutely not."),
    ],
)
def test_every_quotation_mark_style(text: str, inner: str) -> None:
    lang = "en" if any(w in text for w in (" said ", " replied")) else "de"
    found = quotes(text, lang)
    assert [q for q, _ in found] == [inner]
    assert found[0][1] is not None


def test_apostrophes_are_not_quotes() -> None:
    assert quotes("The minister's plan didn't convince Labour's spokeswoman.", "en") == []
    assert quotes("Trump’s Telefonat mit Putin dauerte zwei Stunden.") == []


def test_quote_over_two_sentences_is_one_quote_with_the_later_frame() -> None:
    text = (
        "Der Parteichef der Liberalen, Bill Graham, äußerte sich am Abend. "
        "„Niemand spricht von einer Wahl. In diesem Augenblick zählt nur die Stabilität“, sagte Graham."
    )
    claims = extract_claims(text, language="de")
    qs = [q for c in claims for q in c.quotes]
    assert [q.text for q in qs] == ["Niemand spricht von einer Wahl. In diesem Augenblick zählt nur die Stabilität"]
    assert qs[0].speaker == "Bill Graham"
    # the sentence that continues the quote names the speaker too
    assert claims[-1].speakers == ["Bill Graham"]


def test_short_term_attributed_to_someone_is_a_quote() -> None:
    text = (
        "US-Präsident Donald Trump und der russische Staatschef Wladimir Putin telefonierten erneut. "
        "Putin stellte fest, dass der „Fernseh-Trump“ sich stark vom realen Trump unterscheidet."
    )
    assert quotes(text) == [("Fernseh-Trump", "Wladimir Putin")]
    text = "So bezeichnete die Politologin Alexandra Filipenko das Gespräch als eine „dröhnende Leere“."
    assert quotes(text) == [("dröhnende Leere", "Alexandra Filipenko")]


def test_unattributed_scare_quote_is_not_a_quote() -> None:
    claims = extract_claims("Die sogenannte „Brandmauer“ steht seit Jahren in der Kritik.", language="de")
    assert [q for c in claims for q in c.quotes] == []
    claims = extract_claims("Die Debatte um den „Heizungshammer“ prägte den Sommer.", language="de")
    assert "quote:scare-quote" in claims[0].cues


@pytest.mark.parametrize(
    "text",
    [
        "Das sagte der Minister der Zeitung „Die Welt“.",
        "Der Abgeordnete sagte dem Magazin „Der Spiegel“, er trete nicht an.",
        "Die Fraktion „Die Linke“ stimmte gegen den Antrag.",
        "Der Film „Der Herr der Ringe“ lief am Sonntag im Ersten.",
    ],
)
def test_titles_and_names_in_quotation_marks_are_not_quotes(text: str) -> None:
    claims = extract_claims(text, language="de")
    assert [q for c in claims for q in c.quotes] == []


def test_quote_spans_are_offsets_into_the_full_text() -> None:
    text = "Vorspann.\n\n„Wir haben drei Angebote gemacht“, sagte Gewerkschaftschef Markus Reinholt."
    claims = extract_claims(text, language="de")
    q = claims[-1].quotes[0]
    assert text[q.start : q.end] == q.text == "Wir haben drei Angebote gemacht"
    assert "quote:„“" in claims[-1].cues
    assert "quote" in claims[-1].kinds


def test_colon_frame_and_following_quote_keep_the_speaker() -> None:
    text = (
        "In einem Interview äußerte sich der EU-Außenbeauftragte Javier Solana zuversichtlich: "
        "„Ich gehe davon aus, dass eine Einigung gelingen wird.“ "
        "Seine Zuversicht gründet sich auf Erfahrungen: „Entscheidungen fallen immer erst in letzter Minute.“"
    )
    assert [s for _, s in quotes(text)] == ["Javier Solana", "Javier Solana"]


@pytest.mark.parametrize(
    "text",
    [
        "Der Direktor kommentierte die Entscheidung laut „news.bbc.co.uk“ mit scharfen Worten.",
        "Er war zu Gast beim „2. Deutschen Klimakongress der EnBW“ in Berlin, sagte ein Sprecher.",
        "Der Franzose wird im Fachblatt „La Gazetta dello Sport“ zitiert.",
    ],
)
def test_websites_events_and_foreign_names_are_not_quotes(text: str) -> None:
    assert [q for c in extract_claims(text, language="de") for q in c.quotes] == []


def test_doubled_apostrophes_are_markup_not_quotes() -> None:
    from factcheck.extract import extract_claims

    t = "Die Firmen dürfen nicht mehr durch ''irreführende und suggestive Werbung'' zu Operationen verlocken."
    assert not [q for c in extract_claims(t, language="de") for q in c.quotes]


def test_a_name_in_quotation_marks_is_no_quote() -> None:
    from factcheck.extract import extract_claims

    (claim,) = extract_claims(
        "„Ärzte ohne Grenzen“ sowie das Internationale Rote Kreuz kündigten an, die Zahl der Helfer zu erhöhen.",
        language="de",
    )
    assert claim.quotes == []


@pytest.mark.parametrize(
    ("inner", "title"),
    [
        ("Der Einsatz der Trümmerbahnen zur Enttrümmerung Dresdens in den Jahren 1946 – 1958", True),
        ("Schule ohne Rassismus – Schule mit Courage", True),
        ("Kids’ Right to Read Project", True),
        ("Aktion Deutschland Hilft e.V.", True),
        ("Wir haben keine Zeit zu verlieren", False),  # a verb in lower case: someone's words
        ("Meilensteine in der Musikgeschichte.", False),  # closing punctuation
        ("den Bestand des Staates", False),  # a fragment starts in lower case
        ("Freiheit", False),  # one word: left to the scare-quote rule
    ],
)
def test_nominal_title(inner: str, title: bool) -> None:
    assert nominal_title(inner) is title


def test_an_unattributed_list_of_titles_holds_no_quote() -> None:
    text = (
        "Die Vorträge trugen Titel wie „Erinnerungen und Bilder zu Dresdens Verkehrsgeschichte“ und "
        "„Geschichte der Gastronomie im Großen Garten“."
    )
    assert [q.text for c in extract_claims(text, language="de") for q in c.quotes] == []


def test_a_spoken_nominal_phrase_stays_a_quote() -> None:
    text = "„Ein Meilenstein für die Region“, sagte Bürgermeisterin Clara Brandt."
    quotes = [(q.text, q.speaker) for c in extract_claims(text, language="de") for q in c.quotes]
    assert quotes == [("Ein Meilenstein für die Region", "Clara Brandt")]
