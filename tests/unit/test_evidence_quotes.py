"""Finding quotes in sources: verbatim, with differences, not found; short, repeated, long and empty."""

from __future__ import annotations

import random

import pytest

from factcheck.evidence.model import QuoteCheck
from factcheck.evidence.normalise import normalise
from factcheck.evidence.quotes import check_quote, classify, sentence_starts

FILLER_DE = (
    "Die Gemeinde plant einen neuen Radweg entlang des Flusses. Der Bau soll im Frühjahr beginnen und "
    "etwa zwei Jahre dauern. Anwohner fragen nach Lärmschutz, die Verwaltung verweist auf Gutachten. "
)
FILLER_EN = (
    "The council approved a new cycle path along the river. Construction is due to start in spring and "
    "should take about two years. Residents asked about noise, officials pointed to surveys. "
)


def check(quote: str, source: str) -> QuoteCheck:
    return check_quote(quote, normalise(source))


def test_a_three_word_quote_with_one_word_changed_shows_differences() -> None:
    source = FILLER_DE + "Die Ministerin sprach von einer „sehr ernsten Lage“ im Hafen. " + FILLER_DE
    result = check("sehr bedrohlichen Lage", source)
    assert result.outcome == "differences"
    assert result.passage == "sehr ernsten Lage"
    assert result.diff == (("equal", "sehr"), ("delete", "bedrohlichen"), ("insert", "ernsten"), ("equal", "Lage"))


def test_a_three_word_quote_is_not_found_on_an_unrelated_page() -> None:
    result = check("sehr ernsten Lage", FILLER_DE * 3)
    assert result.outcome == "not-found"
    assert result.passage is None and result.diff == ()
    assert 0.0 <= result.score < 0.8


@pytest.mark.parametrize(
    "quote",
    [
        "Wir werden die Grenze nicht öffnen, solange keine Einigung vorliegt",
        "Der Haushalt ist solide und die Schulden sinken in diesem Jahr deutlich",
        "We will not reopen the border until an agreement has been reached",
    ],
)
def test_a_longer_quote_is_not_found_on_an_unrelated_page(quote: str) -> None:
    assert check(quote, (FILLER_DE + FILLER_EN) * 20).outcome == "not-found"


def test_a_quote_with_a_word_added_in_the_claim_shows_the_word_deleted() -> None:
    source = FILLER_EN + 'She said the plan was "a careful first step towards peace". ' + FILLER_EN
    result = check("a careful and honest first step towards peace", source)
    assert result.outcome == "differences"
    assert result.passage == "a careful first step towards peace"
    assert ("delete", "and honest") in result.diff


def test_a_word_the_claim_left_out_shows_as_inserted() -> None:
    source = "Er sagte, das sei „ein schwerer, aber notwendiger Schritt“ gewesen."
    result = check("ein schwerer Schritt", source)
    assert result.outcome == "differences"
    assert result.passage == "ein schwerer, aber notwendiger Schritt"
    assert result.diff == (("equal", "ein schwerer"), ("insert", ", aber notwendiger"), ("equal", "Schritt"))


def test_a_word_that_only_starts_like_the_quote_is_not_verbatim() -> None:
    source = "Die Rede war von keinen Abkommen ohne die Ukrainerin, nicht von der Ukraine."
    result = check("Abkommen ohne die Ukraine", source)
    assert result.outcome == "differences"


def test_the_first_of_repeated_occurrences_is_given() -> None:
    source = "Nein, nein, nein. Wir sagen nein, nein, nein und bleiben dabei: nein, nein, nein."
    result = check("nein, nein, nein", source)
    assert result.outcome == "verbatim"
    assert (result.start, result.end) == (0, len("Nein, nein, nein"))


def test_a_quote_of_one_repeated_word_finds_a_close_repetition() -> None:
    source = "Die Menge rief: „Weg, weg, weg, weg!“ und zog weiter."
    result = check("weg, weg, weg", source)
    assert result.outcome == "verbatim"
    assert source[result.start : result.end] == "Weg, weg, weg"


def test_punctuation_at_the_ends_of_a_quote_does_not_count() -> None:
    source = "„Wir schaffen das“, sagte sie."
    assert check("Wir schaffen das.", source).outcome == "verbatim"
    assert check("… wir schaffen das!", source).passage == "Wir schaffen das"


def test_a_quote_longer_than_the_source() -> None:
    source = "keine Abkommen ohne die Ukraine"
    result = check("Es wird keine Abkommen ohne die Ukraine geben, sagte er am Abend in Kiew", source)
    assert result.outcome == "not-found"
    assert 0.0 < result.score < 0.8
    short = check("Es wird keine Abkommen ohne die Ukraine geben", source)
    assert short.outcome == "differences"
    assert short.passage == source
    assert ("delete", "Es wird") in short.diff


@pytest.mark.parametrize("source", ["", "   \n\t ", "\u00ad\u200b"])
def test_an_empty_source_finds_nothing(source: str) -> None:
    result = check("keine Abkommen ohne die Ukraine", source)
    assert (result.outcome, result.score, result.passage, result.start) == ("not-found", 0.0, None, None)


@pytest.mark.parametrize("quote", ["", "  ", "„“", "..."])
def test_an_empty_quote_finds_nothing(quote: str) -> None:
    assert check(quote, FILLER_DE).outcome == "not-found"


def test_an_english_source_for_an_english_quote_with_a_changed_word() -> None:
    source = FILLER_EN + 'The minister called the deal "a historic day for the region". ' + FILLER_EN
    result = check("a historic moment for the region", source)
    assert result.outcome == "differences"
    assert result.passage == "a historic day for the region"


def test_the_context_is_cut_at_word_boundaries_around_the_passage() -> None:
    source = FILLER_DE * 3 + "Sie sagte: „Das Ziel bleibt unverändert.“ " + FILLER_DE * 3
    result = check("Das Ziel bleibt unverändert", source)
    assert result.context is not None and result.passage is not None
    assert result.passage in result.context
    assert len(result.context) <= len(result.passage) + 2 * 150
    before, _, after = result.context.partition(result.passage)
    assert before == "" or source[source.index(before) - 1].isspace()
    assert after == "" or source[source.index(after) + len(after)].isspace()


def test_a_long_quote_in_a_long_source_is_found_through_its_rarest_words() -> None:
    rng = random.Random(5)
    words = (FILLER_DE + FILLER_EN).split()
    noise = " ".join(rng.choice(words) for _ in range(60_000))
    quote = (
        "Wir haben in den vergangenen Monaten mit allen Nachbarstaaten gesprochen, mit den Gemeinden an der "
        "Grenze, mit den Polizeibehörden und mit den Hilfsorganisationen, und wir sind uns einig, dass die "
        "Kontrollen bis zum Herbst bleiben müssen"
    )
    changed = quote.replace("Hilfsorganisationen", "Hilfswerken").replace("Herbst", "Winter")
    source = noise[:200_000] + " „" + changed + "“ " + noise[200_000:]
    result = check(quote, source)
    assert result.outcome == "differences"
    assert result.passage == changed
    assert ("delete", "Hilfsorganisationen") in result.diff and ("insert", "Winter") in result.diff
    assert check(quote, noise).outcome == "not-found"


@pytest.mark.parametrize(
    ("core", "passage", "score", "outcome"),
    [
        ("keine leeren versprechen", "keine leeren worte", 0.6, "differences"),
        ("keine leeren versprechen", "keine leeren worte", 0.59, "not-found"),
        ("ohne die ukraine", "ohne die russen", 0.71, "not-found"),  # only stop words are shared
        ("nothing to fear", "for the fear", 0.7, "not-found"),  # one shared word of three
        ("in der mitte", "in der nacht", 0.7, "not-found"),  # the shared words are stop words
        ("grey areas", "grey area", 0.95, "differences"),  # two words: inflection only
        ("transitional year", "transitional period", 0.83, "not-found"),
        ("eins zwei drei vier fünf sechs sieben", "eins zwei drei vier fünf sechs acht", 0.79, "not-found"),
        ("eins zwei drei vier fünf sechs sieben", "eins zwei drei vier fünf sechs acht", 0.8, "differences"),
    ],
)
def test_classify_rule(core: str, passage: str, score: float, outcome: str) -> None:
    assert classify(core, passage, score) == outcome


@pytest.mark.parametrize(
    ("source", "compound"),
    [
        ("Er sagte, er werde keine Abkommen ohne die Ukraine-Hilfe geben.", "Ukraine-Hilfe"),
        ("Er sagte, keine Abkommen ohne die Ukraine-\nVertreter seien gültig.", "Ukraine-Vertreter"),
        ("Es gebe keine Abkommen ohne die Ukraine\u2011Hilfe.", "Ukraine\u2011Hilfe"),  # a non-breaking hyphen
    ],
)
def test_a_quote_running_on_into_a_hyphenated_compound_is_not_verbatim(source: str, compound: str) -> None:
    result = check("keine Abkommen ohne die Ukraine", source)
    assert result.outcome == "differences"
    assert result.passage is not None
    assert result.passage.replace("-\n", "-") == "keine Abkommen ohne die " + compound
    assert result.diff == (("equal", "keine Abkommen ohne die"), ("delete", "Ukraine"), ("insert", compound))


@pytest.mark.parametrize(
    ("source", "passage", "diff"),
    [
        (
            "Sie sei Anti-Ukraine und gegen Abkommen, hieß es.",
            "Anti-Ukraine und gegen Abkommen",
            (("delete", "Ukraine"), ("insert", "Anti-Ukraine"), ("equal", "und gegen Abkommen")),
        ),
        (
            "Es gebe Nichtkeine Abkommen ohne die Ukraine.",
            "Nichtkeine Abkommen ohne die Ukraine",
            (("delete", "keine"), ("insert", "Nichtkeine"), ("equal", "Abkommen ohne die Ukraine")),
        ),
    ],
)
def test_a_quote_starting_inside_a_word_or_compound_is_not_verbatim(
    source: str, passage: str, diff: tuple[tuple[str, str], ...]
) -> None:
    result = check(diff[0][1] + " " + diff[-1][1], source)
    assert result.outcome == "differences"
    assert result.passage == passage
    assert result.diff == diff


@pytest.mark.parametrize(
    ("quote", "source"),
    [
        ("keine Abkommen ohne die Ukraine", "Er sagte, es gebe keine Abkommen ohne die Ukraine."),
        ("keine Abkommen ohne die Ukraine", "Er sagte: „keine Abkommen ohne die Ukraine“"),
        ("keine Abkommen ohne die Ukraine", "keine Abkommen ohne die Ukraine und ohne Europa"),
        ("keine Abkommen ohne die Ukraine", "Es gebe keine Abkommen ohne die Ukraine"),
        ("keine Abkommen ohne die Ukraine", "keine Abkommen ohne die Ukraine- und Russlandpolitik"),
        ("keine Abkommen ohne die Ukraine", "keine Abkommen ohne die Ukraine - das sei klar"),
        ("keine Abkommen ohne die Ukraine-Hilfe", "Es gebe keine Abkommen ohne die Ukraine-Hilfe, sagte er."),
        ("keine Abkommen ohne die Ukraine-Hilfe", "keine Abkommen ohne die Ukraine-\nHilfe, sagte er."),
        ("Ukraine-Hilfe", "Die Ukraine-Hilfe wird verlängert."),
    ],
)
def test_a_quote_ending_before_punctuation_space_or_a_hyphen_before_a_space_is_verbatim(
    quote: str, source: str
) -> None:
    assert check(quote, source).outcome == "verbatim"


def test_a_passage_does_not_stitch_two_sentences_together() -> None:
    source = "Er sagte, es gebe „keine Abkommen“. Die Ukraine werde weiter unterstützt."
    result = check("keine Abkommen ohne die Ukraine", source)
    assert result.outcome == "not-found"
    assert result.score < 0.8
    paragraphs = "Er sagte, es gebe keine Abkommen ohne\n\ndie Ukraine werde weiter unterstützt."
    assert check("keine Abkommen mit der Ukraine", paragraphs).outcome == "not-found"
    # a quote running on over the break (its words on both sides, in order) may cross it
    assert check("keine Abkommen ohne die Ukrainer", paragraphs).outcome == "differences"


def test_a_quote_of_two_sentences_is_found_across_them() -> None:
    source = FILLER_DE + "Sie sagte: „Die Lage ist ernst. Wir handeln jetzt und entschlossen.“ " + FILLER_DE
    result = check("Die Lage ist ernst. Wir handeln sofort und entschlossen.", source)
    assert result.outcome == "differences"
    assert result.passage == "Die Lage ist ernst. Wir handeln jetzt und entschlossen"
    # a claim that lost the stop between the sentences still runs on over it
    lost = check("Die Lage ist sehr ernst wir handeln jetzt und entschlossen", source)
    assert lost.outcome == "differences"
    assert lost.passage == "Die Lage ist ernst. Wir handeln jetzt und entschlossen"


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Es gebe keine Abkommen. Die Ukraine werde", ["die ukraine werde"]),
        ("Ist das so? Ja! Nein.", ["ja! nein.", "nein."]),
        ("erste Zeile\n\nzweiter Absatz", ["zweiter absatz"]),
        ("am 3. Oktober sprach Dr. Müller, z. B. Über", []),
        ("Es gebe keine Abkommen. die Ukraine werde", []),  # no capital: not a sentence start
        ("eine Zeile\nund die nächste", []),
    ],
)
def test_sentence_starts(text: str, starts: list[str]) -> None:
    nt = normalise(text)
    assert [nt.text[k:] for k in sentence_starts(nt, 0, len(nt.text))] == starts
