"""Preparing a document: format, main text of HTML, title and language."""

from __future__ import annotations

import pytest

from factcheck.errors import InputError
from factcheck.text.document import content_hash, prepare_document
from tests.conftest import SEED

HTML = """<!doctype html><html><head><title>Regierung beschließt Haushalt | Beispielzeitung</title></head>
<body><nav><a href="/">Startseite</a> | <a href="/politik">Politik</a> | Anmelden</nav>
<article><h1>Regierung beschließt Haushalt</h1>
<p>Die Bundesregierung hat am Mittwoch den Haushalt für das Jahr 2026 beschlossen. Finanzminister
Lars Klingbeil sagte, der Etat sehe Ausgaben von 520 Milliarden Euro vor.</p>
<h2>Kritik der Opposition</h2>
<p>Die Opposition kritisierte den Entwurf scharf. „Das ist ein Haushalt auf Pump“, sagte der
CDU-Abgeordnete Max Beispiel am Mittwoch in Berlin vor Journalisten.</p></article>
<footer>Impressum · Datenschutz · Cookie-Einstellungen</footer></body></html>"""


def test_seed_title_and_language() -> None:
    doc = prepare_document(SEED.read_bytes(), name=SEED.name)
    assert doc.title == "Trump und Putin: Neues Telefonat löst Sorgen in der Ukraine aus!"
    assert doc.language == "de"
    assert doc.format == "text"


def test_html_main_text_without_navigation_or_footer() -> None:
    doc = prepare_document(HTML.encode("utf-8"), name="haushalt.html")
    assert doc.format == "html"
    assert "Startseite" not in doc.text and "Impressum" not in doc.text
    assert "Finanzminister Lars Klingbeil sagte" in doc.text
    assert "„Das ist ein Haushalt auf Pump“" in doc.text
    assert "Kritik der Opposition" in [doc.text[p.start : p.end] for p in doc.repaired.paragraphs if p.heading]
    assert doc.title.startswith("Regierung beschließt Haushalt")


def test_html_detected_without_extension() -> None:
    assert prepare_document(HTML.encode("utf-8"), name="-").format == "html"


def test_malformed_html_still_yields_text_or_clear_error() -> None:
    broken = "<html><body><div><p>Der Minister sagte am Montag, die Reform komme 2026. <b>Unclosed <i>tags" * 5
    doc = prepare_document(broken.encode("utf-8"), name="x.html")
    assert "Der Minister sagte am Montag" in doc.text
    with pytest.raises(InputError):
        prepare_document(b"<html><body><script>var a = 1;</script><div></div></body></html>", name="e.html")


def test_english_detected_and_overrides_win() -> None:
    text = b"The minister said on Tuesday that the reform would be delayed until 2027."
    assert prepare_document(text).language == "en"
    doc = prepare_document(text, title="Own title", language="de")
    assert (doc.title, doc.language) == ("Own title", "de")
    with pytest.raises(InputError, match="unsupported language"):
        prepare_document(text, language="fr")


def test_same_text_same_hash_despite_line_endings() -> None:
    assert content_hash("a\r\nb  \n") == content_hash("a\nb")
    assert content_hash("a\nb") != content_hash("a\nc")


def test_html_emphasis_markers_do_not_leak_into_text() -> None:
    html = (
        "<html><body><article><p>Der Minister sagte am <b>Montag</b>, es gebe <i>fünf</i> Tote und "
        "<b><i>viele</i></b> Verletzte, berichtete die Agentur am Abend in Berlin.</p></article></body></html>"
    )
    doc = prepare_document(html.encode("utf-8"), name="x.html")
    assert "am Montag, es gebe fünf Tote und viele Verletzte" in doc.text
    assert "*" not in doc.text


def test_warnings_say_what_was_repaired_and_raw_text_stays_as_read() -> None:
    data = "Die Lage in München ist ernst.\n".encode()
    data += b"Die Geb\xc3\x83\xc2\xbchren steigen \xff um 4 Prozent.\x1b[2J\n"
    doc = prepare_document(data, name="x.txt")
    assert doc.text == "Die Lage in München ist ernst. Die Gebühren steigen \ufffd um 4 Prozent."
    assert "\x1b[2J" in doc.raw_text and "GebÃ¼hren" in doc.raw_text
    assert len(doc.warnings) == 3
    assert doc.warnings[0].startswith("invalid UTF-8: 1 byte replaced")
    assert "mojibake" in doc.warnings[1]
    assert "control character" in doc.warnings[2]


def test_clean_input_has_no_warnings() -> None:
    assert prepare_document(SEED.read_bytes(), name=SEED.name).warnings == ()


def test_title_given_or_found_carries_no_control_characters() -> None:
    doc = prepare_document(b"Text \x1b]0;pwned\x07 hier. Die Lage ist ernst, sagte er.", title="Titel\x1b[2J\x07")
    assert doc.title == "Titel"


FRENCH = (
    "Le gouvernement a annoncé mardi une hausse de 5 % des impôts. Selon le ministre, cette mesure est nécessaire "
    "pour réduire le déficit, qui a atteint 4,8 % du PIB en 2024. Les syndicats ont critiqué la décision."
)


def test_french_text_is_refused_with_the_supported_languages() -> None:
    with pytest.raises(InputError) as info:
        prepare_document(FRENCH.encode("utf-8"), name="article.txt")
    message = str(info.value)
    assert message.startswith("unsupported language: looks like French (fr); factcheck supports de, en")
    assert "\n" not in message


def test_an_explicit_language_overrides_the_refusal() -> None:
    assert prepare_document(FRENCH.encode("utf-8"), language="en").language == "en"


@pytest.mark.parametrize(
    "path", [SEED, *sorted((SEED.parents[1] / "tests" / "gold").glob("*.txt"))], ids=lambda p: p.name
)
def test_no_german_or_english_article_is_refused(path) -> None:
    doc = prepare_document(path.read_bytes(), name=path.name)
    assert doc.language == ("en" if ".en." in path.name else "de")


@pytest.mark.parametrize(
    "text",
    [
        "Heute ist ein schöner Tag.",
        "Le Monde berichtete, die Regierung in Paris plane eine Reform. Macron sagte: „Nous sommes en guerre.“",
        "The Spanish daily El País reported that la Liga would start on Friday, said the league.",
    ],
)
def test_short_or_mixed_texts_are_not_refused(text: str) -> None:
    assert prepare_document(text.encode("utf-8")).language in ("de", "en")


def test_escape_sequences_in_html_leave_no_remains() -> None:
    page = (
        b"<html><head><title>Evil \x1b]0;pwned\x07\x1b[2J Titel</title></head><body><article>"
        b"<p>Die Inflation lag 2022 bei 7,9 Prozent.\x1b[?1049h Der Minister sagte, 300 Wohnungen fehlen.</p>"
        b"</article></body></html>"
    )
    doc = prepare_document(page, name="evil.html")
    assert doc.title == "Evil Titel"
    assert "Prozent. Der Minister" in doc.text
    assert "[?1049h" not in doc.text and "\\" not in doc.text
