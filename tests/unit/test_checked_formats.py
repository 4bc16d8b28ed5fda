"""Import of external checked claims: ClaimReview JSON/JSON-LD/HTML, CSV, CLEF layouts, bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.checked.formats import CheckedFileError, CheckedRecord, parse_checked_bytes, parse_checked_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "checked"


def test_single_claimreview_german() -> None:
    [rec] = parse_checked_file(FIXTURES / "claimreview_single.json")
    assert rec.text == "Die Bundesregierung verbietet ab 2025 alle Ölheizungen in Bestandsgebäuden."
    assert rec.rating_key == "false"
    assert rec.original_label == "Falsch"
    assert rec.language == "de"
    assert rec.date == "2024-03-14"
    assert rec.publisher == "Faktencheck Beispiel"
    assert rec.speaker == "Anonymer Facebook-Nutzer"
    assert rec.title and rec.title.startswith("Nein, die Bundesregierung")
    assert rec.external_id and rec.external_id.endswith("#claimreview")


def test_graph_with_other_nodes_and_language_object() -> None:
    records = parse_checked_file(FIXTURES / "claimreview_graph.jsonld")
    assert [r.rating_key for r in records] == ["false", "mostly-true"]
    assert records[0].original_label == "Pants on Fire!"  # the label wins over ratingValue 2/6
    assert records[0].language == "en"
    assert records[0].speaker == "A. Governor"
    assert records[1].date == "2020-04-09"  # "April 9, 2020" canonicalised


def test_list_with_numeric_only_and_unknown_label() -> None:
    records = parse_checked_file(FIXTURES / "claimreview_list.json")
    assert [r.rating_key for r in records] == ["half-true", "true", "unmapped"]
    assert records[1].original_label == "5/5"
    # Unknown wording is no verdict of ours: "unmapped", with the publisher's label kept verbatim.
    assert records[2].original_label == "Wildly exaggerated, says historian"


def test_google_fact_check_tools_shape() -> None:
    [rec] = parse_checked_file(FIXTURES / "google_factcheck_api.json")
    assert rec.text == "Impfstoffe verändern das menschliche Erbgut."
    assert rec.rating_key == "false"  # "Falsch. mRNA gelangt ..." -> prefix "falsch"
    assert rec.publisher == "Faktencheck Beispiel"
    assert rec.language == "de"
    assert rec.date == "2021-01-07"
    assert rec.speaker == "Social-Media-Beiträge"


def test_html_page_ld_json() -> None:
    [rec] = parse_checked_file(FIXTURES / "publisher_page.html")
    assert rec.rating_key == "mostly-false"
    assert rec.original_label == "Größtenteils falsch"
    assert rec.url == "https://faktencheck.example.de/rente"


def test_csv_english_header() -> None:
    records = parse_checked_file(FIXTURES / "checked.csv")
    assert len(records) == 3
    assert records[0].text == 'The city spent $2,000,000 on a single "smart" bench.'
    assert [r.rating_key for r in records] == ["mostly-false", "true", "misattributed"]
    assert records[1].date == "2023-02-01"
    assert records[2].url is None and records[2].date is None


def test_csv_german_header_semicolon() -> None:
    records = parse_checked_file(FIXTURES / "checked_de.csv")
    assert [r.rating_key for r in records] == ["false", "half-true"]
    assert records[0].date == "2022-04-07"
    assert records[0].language == "de"


def test_clef2022_jsonl_layout() -> None:
    records = parse_checked_file(FIXTURES / "vclaims_sample.jsonl")
    assert [r.rating_key for r in records] == ["mostly-false", "false"]  # barely-true, pants-fire
    assert records[0].date == "2020-03-03"
    assert records[0].speaker == "Jane Doe"
    assert records[0].url == "https://www.politifact.com/factchecks/2020/mar/05/jane-doe/road-budget/"
    assert records[1].text == '"We have the lowest unemployment in 50 years."'


def test_clef2020_tsv_layout() -> None:
    records = parse_checked_file(FIXTURES / "verified_claims_sample.tsv")
    assert len(records) == 2
    assert records[1].text == 'A "miracle cure" reverses ageing.'  # pandas "" escapes undone
    assert records[1].title == "Does a Miracle Cure Reverse Ageing?"
    assert all(r.rating_key == "unverifiable" and r.original_label == "" for r in records)


@pytest.mark.parametrize(
    ("fixture", "fragment"),
    [
        ("truncated.json", "not valid JSON"),
        ("wrong_columns.csv", "lacks column(s) claim, verdict"),
        ("ragged.csv", "line 3: 3 fields, header has 5"),
    ],
)
def test_bad_files_rejected_with_one_line_message(fixture: str, fragment: str) -> None:
    with pytest.raises(CheckedFileError) as info:
        parse_checked_file(FIXTURES / fixture)
    message = str(info.value)
    assert fragment in message
    assert message.startswith(f"{fixture}: ")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b'{"@type": "WebPage", "name": "x"}', "no ClaimReview object found"),
        (b'{"@type": "ClaimReview", "reviewRating": {"alternateName": "False"}}', "'claimReviewed' is missing"),
        (b"<html><body>no data</body></html>", "ld+json"),
        (b"", "empty file"),
        (b'{"vclaim": "ok", "truth_label": "false"}\n{"vclaim": "broken', "not valid JSON (line 2"),
        (b"\xff\xfe\x00\x00garbage\x00\x01", "not a text file"),
        (b"\x00\x01\x02\x03\x04binary", "not a text file (binary input"),
        (b"%PDF-1.7 ...", "this is a PDF file"),
    ],
)
def test_bad_content_rejected(data: bytes, fragment: str) -> None:
    with pytest.raises(CheckedFileError) as info:
        parse_checked_bytes(data, "upload.json" if data.startswith(b"{") else "upload")
    assert fragment in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "utf-8-sig"])
def test_other_encodings_read_with_umlauts_intact(encoding: str) -> None:
    data = "claim,verdict\nÄrzte verdienen 5 % mehr,größtenteils falsch\n".encode(encoding)
    (record,) = parse_checked_bytes(data, "upload.csv")
    assert (record.text, record.original_label) == ("Ärzte verdienen 5 % mehr", "größtenteils falsch")


def test_nothing_half_parsed_on_late_error(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_text("claim,verdict\nfine,False\nalso fine,True\n,False\n", encoding="utf-8")
    with pytest.raises(CheckedFileError, match="line 4: claim is missing"):
        parse_checked_file(path)


def test_missing_file_is_a_checked_file_error(tmp_path: Path) -> None:
    with pytest.raises(CheckedFileError, match="no such file"):
        parse_checked_file(tmp_path / "absent.json")


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "claims.json"
    os.mkfifo(fifo)  # nobody writes: opening it for reading would wait forever
    with pytest.raises(CheckedFileError, match="not a regular file"):
        parse_checked_file(fifo)


def test_deeply_nested_json_is_one_line_error() -> None:
    data = b"[" * 5000 + b"]" * 5000
    with pytest.raises(CheckedFileError, match="nested too deeply") as info:
        parse_checked_bytes(data, "deep.json")
    assert "\n" not in str(info.value)


def test_csv_header_echoed_in_an_error_cannot_drive_the_terminal() -> None:
    data = b"\x1b]0;pwned\x07claim,\x1b[2Jnope\n" + b"Die Steuer stieg 2023 um 5 Prozent.,falsch\n" * 3
    with pytest.raises(CheckedFileError) as info:
        parse_checked_bytes(data, "upload.csv")
    message = str(info.value)
    assert "lacks column(s)" in message
    assert "\x1b" not in message and "\x07" not in message
    assert "\\x1b" in message  # shown, escaped, so the checker sees what the header holds


def test_records_are_plain_dataclasses() -> None:
    [rec] = parse_checked_file(FIXTURES / "publisher_page.html")
    assert isinstance(rec, CheckedRecord)


def test_jsonl_bad_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text('{"vclaim": "ok", "truth_label": "false"}\n{"vclaim": "broken\n', encoding="utf-8")
    with pytest.raises(CheckedFileError, match="line 2: not valid JSON"):
        parse_checked_file(path)


# ---------------------------------------------------------------- control characters, stdin, URLs, streaming
JUNK = "\x1b]0;pwn\x07\x1b[2J\x1b[?1049h\x1b]8;;https://evil.example\x1b\\\x9b31m\x07\x01"
CONTROL = __import__("re").compile(r"[\x00-\x1f\x7f-\x9f]")
FIELDS = ("text", "original_label", "url", "date", "language", "publisher", "title", "external_id", "speaker")
PADDING = "".join(f"Gewöhnliche Zeile {i} ohne Steuerzeichen,richtig\n" for i in range(60))


def assert_clean(rec: CheckedRecord) -> None:
    for field in FIELDS:
        value = getattr(rec, field) or ""
        assert not CONTROL.search(value), (field, value)
        assert not __import__("re").search(r"pwn|2J|1049|31m|evil", value), (field, value)


def test_csv_cells_are_cleaned_of_control_characters_and_whole_escape_sequences() -> None:
    header = "claim,verdict,url,date,language,publisher,title,id,speaker\n"
    cells = ["Die Miete stieg " + JUNK + "um 9 Prozent.", "falsch" + JUNK, "https://e.example/1" + JUNK]
    cells += [x + JUNK for x in ("2024-01-02", "de", "Pub", "Titel", "id7", "Red")]
    row = ",".join(f'"{c}"' for c in cells) + "\n"
    rec, *rest = parse_checked_bytes(
        (header + row + PADDING.replace(",richtig", ",richtig" + "," * 7)).encode(), "x.csv"
    )
    assert_clean(rec)
    assert (rec.text, rec.rating_key, rec.original_label) == ("Die Miete stieg um 9 Prozent.", "false", "falsch")
    assert (rec.url, rec.date, rec.language, rec.publisher, rec.speaker) == (
        "https://e.example/1",
        "2024-01-02",
        "de",
        "Pub",
        "Red",
    )
    assert len(rest) == 60


def test_claimreview_fields_are_cleaned_including_google_shape() -> None:
    import json

    review = {
        "@type": "ClaimReview",
        "claimReviewed": "Die Pacht sank " + JUNK + "um 4 Prozent.",
        "url": "https://e.example/2" + JUNK,
        "inLanguage": {"name": "de" + JUNK},
        "author": {"name": "Pub" + JUNK},
        "headline": "Titel" + JUNK,
        "itemReviewed": {"author": {"name": "Red" + JUNK}},
        "reviewRating": {"alternateName": "Falsch" + JUNK},
    }
    google = {
        "text": "Impfstoffe " + JUNK + "verändern das Erbgut.",
        "claimant": "Jemand" + JUNK,
        "claimReview": [{"textualRating": "Falsch" + JUNK, "publisher": {"name": "P" + JUNK}, "url": "https://g/1"}],
    }
    padding = [{"@type": "ClaimReview", "claimReviewed": f"Zeile {i} " * 8, "reviewRating": {}} for i in range(20)]
    records = parse_checked_bytes(json.dumps([review, {"claims": [google]}, *padding]).encode(), "x.json")
    for rec in records:
        assert_clean(rec)
    assert records[0].rating_key == records[1].rating_key == "false"
    assert records[1].original_label == "Falsch" and records[1].speaker == "Jemand"


def test_records_built_elsewhere_are_cleaned_too() -> None:
    rec = CheckedRecord(text="A\x1b[2J b\x07", rating_key="false", original_label="x\x9b1m", publisher="\x1b[2J")
    assert (rec.text, rec.original_label, rec.publisher) == ("A b", "x", None)


def test_csv_line_endings_and_quoted_newlines_survive_the_streaming_reader() -> None:
    for newline in ("\n", "\r\n", "\r"):
        data = newline.join(["claim,verdict", '"Zwei' + newline + 'Zeilen",falsch', "Eins,richtig", ""]).encode()
        records = parse_checked_bytes(data, "x.csv")
        assert [(r.text, r.rating_key) for r in records] == [("Zwei Zeilen", "false"), ("Eins", "true")], newline


def test_iter_checked_bytes_yields_then_fails_at_the_bad_line() -> None:
    from factcheck.checked.formats import iter_checked_bytes

    data = ("claim,verdict\n" + "".join(f"Satz {i},falsch\n" for i in range(100)) + "a,b,c\n").encode()
    records = iter_checked_bytes(data, "x.csv")
    assert next(records).text == "Satz 0"
    with pytest.raises(CheckedFileError, match="line 102: 3 fields"):
        list(records)


def test_read_checked_input_reads_stdin_with_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from factcheck.checked import formats

    data, name = formats.read_checked_input("-", stdin=io.BytesIO(b"claim,verdict\nEs regnet,falsch\n"))
    assert name == "stdin" and [r.text for r in parse_checked_bytes(data, name)] == ["Es regnet"]
    monkeypatch.setattr(formats, "MAX_CHECKED_BYTES", 1024)
    with pytest.raises(CheckedFileError, match=r"^stdin: input is more than 0.0 MiB; the limit is"):
        formats.read_checked_input("-", stdin=io.BytesIO(b"x" * 5000))


def test_a_url_is_refused_with_one_clear_line(tmp_path: Path) -> None:
    from factcheck.checked.formats import URL_REFUSED, read_checked_input

    for url in ("https://example.org/checks.json", "http://x.example/a?b=c", "ftp://h/f.csv"):
        with pytest.raises(CheckedFileError) as caught:
            read_checked_input(url)
        assert str(caught.value) == URL_REFUSED == "checked import reads a file or - (stdin); download the URL first"
        with pytest.raises(CheckedFileError) as caught:
            parse_checked_file(Path(url))  # Path folds "//": still recognised
        assert str(caught.value) == URL_REFUSED
    with pytest.raises(CheckedFileError, match="no such file"):
        read_checked_input(str(tmp_path / "missing.csv"))


def test_the_size_cap_is_one_the_import_can_handle() -> None:
    from factcheck.checked.formats import MAX_CHECKED_BYTES

    assert MAX_CHECKED_BYTES == 100 * 1024 * 1024  # benchmarks/checked_import.py: time and peak RSS at the cap


# ---------------------------------------------------------------- ClaimReview import fidelity (issue 10)
def test_claim_reviewed_given_as_a_claim_object_is_read() -> None:
    given_as_claim, only_item_reviewed = parse_checked_file(FIXTURES / "claimreview_claim_object.json")
    assert given_as_claim.text == "Der Wasserpreis in Kassel hat sich seit 2020 verdreifacht."
    assert (given_as_claim.rating_key, given_as_claim.speaker) == ("false", "Greta Quellmann")
    assert only_item_reviewed.text == "Die Fähre nach Helgoland fährt im Winter nicht."
    assert only_item_reviewed.rating_key == "true"


def test_a_claim_object_without_text_is_still_one_clear_error() -> None:
    data = b'{"@type": "ClaimReview", "claimReviewed": {"@type": "Claim"}, "reviewRating": {"alternateName": "False"}}'
    with pytest.raises(CheckedFileError, match=r"^x\.json: ClaimReview 1: 'claimReviewed' is missing or empty$"):
        parse_checked_bytes(data, "x.json")


def test_unknown_publisher_labels_stay_unmapped_with_the_label_kept() -> None:
    records = parse_checked_file(FIXTURES / "claimreview_unmapped_labels.json")
    assert [(r.rating_key, r.original_label) for r in records] == [
        ("unmapped", "Spin zone"),
        ("unmapped", "Needs a lot of context"),
        ("unmapped", "Spin Zone!"),
        ("mostly-true", "Mostly true"),
    ]


def test_claim_date_every_claimant_and_every_appearance_are_kept() -> None:
    review, google = parse_checked_file(FIXTURES / "claimreview_claim_details.json")
    assert (review.date, review.claim_date) == ("2025-05-20", "2025-05-11")  # review date and claim date both
    assert review.claimants == ("Tilda Brookfield", "Festival Friends Club")
    assert review.speaker == "Tilda Brookfield"  # the first claimant, for the matcher
    assert review.appearances == (
        "https://video.example.com/watch/festival",
        "https://social.example.net/post/88",
        "https://forum.example.org/thread/festival",
    )
    assert (google.date, google.claim_date) == ("2024-11-09", "2024-11-02")
    assert google.claimants == ("Ferry museum guide",) and google.speaker == "Ferry museum guide"


def test_claim_language_is_that_of_the_claim_text_not_of_the_review() -> None:
    english, german, unsure = parse_checked_file(FIXTURES / "claimreview_language.jsonld")
    assert english.language == "en"  # reviewed in German (inLanguage de), the claim is English
    assert german.language == "de"  # reviewed in English, the claim is German
    assert unsure.language == "de"  # no function words to go by: the review's inLanguage


def test_records_built_elsewhere_get_claimants_and_speaker_in_step() -> None:
    assert CheckedRecord("x", "false", "f", speaker="Ada").claimants == ("Ada",)
    rec = CheckedRecord("x", "false", "f", claimants=("Ada\x1b[2J", "Bo", "Bo"))
    assert (rec.speaker, rec.claimants) == ("Ada", ("Ada", "Bo"))


@pytest.mark.parametrize(
    ("claim", "language"),
    [
        ("The minister said the tunnel is finished.", "en"),
        ("Der Minister sagte, der Tunnel sei fertig.", "de"),
        ("Was die Ministerin will, ist nicht klar.", "de"),  # "was", "will", "die" count for neither
        ("Smoking can make you die", None),
        ("Tunnel Nord: 3 Milliarden Euro", None),
    ],
)
def test_claim_language_is_decided_only_when_the_text_is_clear(claim: str, language: str | None) -> None:
    from factcheck.text.language import sure_language

    assert sure_language(claim) == language
