"""Fetching sources from real servers on 127.0.0.1: redirects recorded, timeouts, size caps, compression
bombs, TLS and DNS failures — each a reason returned, never an exception or a hang."""

from __future__ import annotations

import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.errors import InputError
from factcheck.sources.content import extract_content
from factcheck.sources.fetch import USER_AGENT, FetchLimits, fetch_source

QUICK = FetchLimits(timeout=5.0, connect_timeout=2.0)


def test_redirects_are_followed_and_each_hop_recorded(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/alt").respond_with_data("", status=301, headers={"Location": "/zwischen"})
    httpserver.expect_request("/zwischen").respond_with_data("", status=302, headers={"Location": "/neu"})
    httpserver.expect_request("/neu").respond_with_data("Text", content_type="text/plain; charset=utf-8")
    got = fetch_source(httpserver.url_for("/alt"), QUICK)
    assert got.error is None and got.body == b"Text" and got.status == 200
    assert got.requested_url == httpserver.url_for("/alt") and got.final_url == httpserver.url_for("/neu")
    assert [(hop["url"], hop["status"]) for hop in got.redirects] == [
        (httpserver.url_for("/alt"), 301),
        (httpserver.url_for("/zwischen"), 302),
    ]
    assert got.headers["content-type"] == "text/plain; charset=utf-8"


def test_user_agent_names_factcheck_and_compression_is_offered(httpserver: HTTPServer) -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return Response("ok", content_type="text/plain")

    httpserver.expect_request("/ua").respond_with_handler(handler)
    fetch_source(httpserver.url_for("/ua"), QUICK)
    assert seen[0].headers["User-Agent"] == USER_AGENT and "factcheck" in USER_AGENT
    assert {"gzip", "deflate", "br"} <= {c.strip() for c in seen[0].headers["Accept-Encoding"].split(",")}


def test_redirect_loop_and_too_many_redirects_are_reasons(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    looped = fetch_source(httpserver.url_for("/a"), QUICK)
    assert looped.error is not None and "redirect loop" in looped.error and looped.body is None
    assert len(looped.redirects) == 2
    for n in range(8):
        httpserver.expect_request(f"/r{n}").respond_with_data("", status=302, headers={"Location": f"/r{n + 1}"})
    far = fetch_source(httpserver.url_for("/r0"), QUICK)
    assert far.error == "too many redirects (more than 5)"


def test_http_errors_keep_their_status(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/weg").respond_with_data("nicht da", status=404)
    httpserver.expect_request("/kaputt").respond_with_data("kaputt", status=500)
    missing, broken = (
        fetch_source(httpserver.url_for("/weg"), QUICK),
        fetch_source(httpserver.url_for("/kaputt"), QUICK),
    )
    assert (missing.status, missing.error, missing.body) == (404, "HTTP 404 NOT FOUND", None)
    assert (broken.status, broken.error) == (500, "HTTP 500 INTERNAL SERVER ERROR")


@pytest.fixture
def stalling_server() -> Iterator[str]:
    """A server that accepts and then says nothing until the test is over."""
    release = threading.Event()

    class Stall(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            release.wait(30)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Stall)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        release.set()
        server.shutdown()
        server.server_close()


def test_a_server_that_never_answers_times_out_at_the_configured_limit(stalling_server: str) -> None:
    started = time.monotonic()
    got = fetch_source(stalling_server, FetchLimits(timeout=0.4, connect_timeout=0.4))
    assert got.error is not None and got.error.startswith("timed out") and "0.4 s" in got.error
    assert time.monotonic() - started < 3


@pytest.fixture
def dripping_server() -> Iterator[str]:
    """A server that sends its headers at once, then the body a byte every 0.1 s for a minute."""
    stop = threading.Event()

    class Drip(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", "600")
            self.end_headers()
            for _ in range(600):
                if stop.wait(0.1):
                    return
                self.wfile.write(b"x")
                self.wfile.flush()

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Drip)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/drip"
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def test_a_body_dripping_in_is_cut_off_at_the_limit_for_the_whole_fetch(dripping_server: str) -> None:
    """Found by an attack: each byte came within the read timeout, so a 5 s limit took 310 s."""
    started = time.monotonic()
    got = fetch_source(dripping_server, FetchLimits(timeout=1.0, connect_timeout=1.0))
    assert got.error is not None and "within 1 s" in got.error, got.error
    assert time.monotonic() - started < 5  # the limit, plus at most one read; the drip lasts 60 s


def test_the_timeout_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, stalling_server: str) -> None:
    monkeypatch.setenv("FACTCHECK_FETCH_TIMEOUT", "0.3")
    assert FetchLimits.from_env().timeout == 0.3
    assert FetchLimits.from_env(timeout=2).timeout == 2  # an option typed wins
    started = time.monotonic()
    assert (fetch_source(stalling_server).error or "").startswith("timed out")
    assert time.monotonic() - started < 3
    monkeypatch.setenv("FACTCHECK_FETCH_TIMEOUT", "soon")
    with pytest.raises(InputError, match="FACTCHECK_FETCH_TIMEOUT"):
        FetchLimits.from_env()


def test_a_body_over_10_mb_is_refused(httpserver: HTTPServer) -> None:
    big = b"x" * (10 * 1024 * 1024 + 1)
    httpserver.expect_request("/gross").respond_with_data(big, content_type="text/plain")
    declared = fetch_source(httpserver.url_for("/gross"), QUICK)
    assert declared.error == "the document is 10.0 MiB; the limit for sources is 10.0 MiB" or (
        declared.error is not None and "limit for sources is 10.0 MiB" in declared.error
    )
    assert declared.body is None

    def chunked(_request: Request) -> Response:  # no Content-Length: the cap holds while reading
        return Response((b"y" * 65536 for _ in range(200)), content_type="text/plain")

    httpserver.expect_request("/strom").respond_with_handler(chunked)
    streamed = fetch_source(httpserver.url_for("/strom"), QUICK)
    assert streamed.error is not None and "larger than the limit for sources of 10.0 MiB" in streamed.error


def _gzip_bomb(members: int, member_size: int = 100 << 20) -> bytes:
    """`members` gzip members of `member_size` zero bytes each, one after another (valid gzip)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = packer.compress(b"\0" * member_size) + packer.flush()
    return member * members


def test_a_gzip_bomb_is_refused_quickly_with_bounded_memory(httpserver: HTTPServer) -> None:
    bomb = _gzip_bomb(90)  # about 9 MB on the wire, 9 GB once inflated
    assert len(bomb) < 10 * 1024 * 1024
    httpserver.expect_request("/bombe").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    tracemalloc.start()
    started = time.monotonic()
    try:
        got = fetch_source(httpserver.url_for("/bombe"), QUICK)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert got.error == "the document is larger than the limit for sources of 10.0 MiB once decompressed (gzip)"
    assert time.monotonic() - started < 5
    assert peak < 40 * 1024 * 1024


def test_a_brotli_bomb_is_refused(httpserver: HTTPServer) -> None:
    import brotli

    bomb = brotli.compress(b"\0" * (200 << 20), quality=1)
    httpserver.expect_request("/br").respond_with_data(
        bomb, content_type="text/plain", headers={"Content-Encoding": "br"}
    )
    got = fetch_source(httpserver.url_for("/br"), QUICK)
    assert got.error == "the document is larger than the limit for sources of 10.0 MiB once decompressed (br)"


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate", "br"])
def test_compressed_pages_are_read(httpserver: HTTPServer, coding: str) -> None:
    import brotli

    text = "Selenskyj: keine Abkommen ohne die Ukraine. " * 200
    data = text.encode()
    packed = {
        "gzip": gzip.compress(data),
        "deflate": zlib.compress(data),
        "raw-deflate": zlib.compress(data, wbits=-15) if hasattr(zlib, "compress") else b"",
        "br": brotli.compress(data),
    }[coding]
    header = "deflate" if coding == "raw-deflate" else coding
    httpserver.expect_request("/z").respond_with_data(
        packed, content_type="text/plain; charset=utf-8", headers={"Content-Encoding": header}
    )
    got = fetch_source(httpserver.url_for("/z"), QUICK)
    assert got.error is None and got.body == data


def test_an_unknown_or_corrupt_encoding_is_a_reason(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/zstd").respond_with_data(b"abc", headers={"Content-Encoding": "compress"})
    httpserver.expect_request("/kaputt").respond_with_data(b"not gzip at all", headers={"Content-Encoding": "gzip"})
    assert fetch_source(httpserver.url_for("/zstd"), QUICK).error == "unsupported content encoding 'compress'"
    assert fetch_source(httpserver.url_for("/kaputt"), QUICK).error == "the gzip body is corrupt"


def test_unreachable_unresolvable_and_tls_failures_are_reasons() -> None:
    refused = fetch_source("http://127.0.0.1:9/nirgends", QUICK)
    assert refused.error == "connection refused by 127.0.0.1" and refused.status is None
    unknown = fetch_source("http://no-such-host.invalid/", FetchLimits(timeout=3.0, connect_timeout=3.0))
    assert unknown.error is not None and (
        "cannot resolve host no-such-host.invalid" in unknown.error or "timed out" in unknown.error
    )


def test_tls_to_a_plain_http_server_is_a_tls_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/").respond_with_data("plain")
    got = fetch_source(httpserver.url_for("/").replace("http://", "https://"), QUICK)
    assert got.error is not None and got.error.startswith("TLS error talking to ")


def test_invalid_urls_are_reasons() -> None:
    for url in ("http://", "http://[::1/", "ftp://example.org/x"):
        got = fetch_source(url, QUICK)
        assert got.error and "\n" not in got.error and got.body is None, url


def test_wrong_charset_declaration_keeps_umlauts(httpserver: HTTPServer) -> None:
    said = "Der Präsident äußerte sich am Montag über Österreich."
    page = f"<html><head><title>Grüße</title></head><body><p>{said}</p></body></html>"
    # UTF-8 bytes declared as Latin-1 (in the header and the page), and Latin-1 bytes declared as UTF-8
    httpserver.expect_request("/utf8").respond_with_data(
        page.replace("<head>", '<head><meta charset="iso-8859-1">').encode("utf-8"),
        content_type="text/html; charset=iso-8859-1",
    )
    httpserver.expect_request("/latin1").respond_with_data(
        page.encode("cp1252"), content_type="text/html; charset=utf-8"
    )
    for path in ("/utf8", "/latin1"):
        got = fetch_source(httpserver.url_for(path), QUICK)
        assert got.body is not None
        content = extract_content(got.body, got.content_type, got.final_url)
        assert content.text is not None and "Der Präsident äußerte sich am Montag über Österreich." in content.text, (
            path
        )
        assert content.title == "Grüße"


def test_binary_garbage_served_as_html_is_not_read_as_text() -> None:
    garbage = bytes(range(256)) * 64
    content = extract_content(garbage, "text/html")
    assert content.text is None and content.error is not None and content.error.startswith("not a readable web page")
    image = extract_content(b"\x89PNG\r\n\x1a\n" + garbage, "image/png")
    assert (image.kind, image.text, image.error) == ("other", None, None)  # kept as a link with its headers


def test_json_is_pretty_text_and_deep_json_a_reason() -> None:
    content = extract_content(b'{"quote": "keine Abkommen ohne die Ukraine", "n": [1, 2]}', "application/json")
    assert (
        content.kind == "json"
        and content.text is not None
        and '"quote": "keine Abkommen ohne die Ukraine"' in content.text
    )
    deep = extract_content(b"[" * 100_000 + b"]" * 100_000, "application/json")
    assert deep.text is None and deep.error == "not readable JSON: nested too deeply"


def test_control_characters_of_a_page_are_removed() -> None:
    page = (
        b"<html><head><title>Titel\x1b]0;pwned\x07</title></head>"
        b"<body><p>Text \x1b[2J mit \x9b Steuerzeichen und mehr Text.</p></body></html>"
    )
    content = extract_content(page, "text/html")
    assert content.text is not None and content.title is not None
    for control in ("\x1b", "\x07", "\x9b"):
        assert control not in content.text + content.title


def test_the_publication_date_is_the_one_the_page_states_never_one_guessed_from_its_text() -> None:
    """Found by an attack: the claim's own date in the text, or "im Jahr 2019", became "published"."""
    text = "<p>Im Jahr 2019 begann es; das letzte Telefonat fand am 18. März 2025 statt, hieß es in Kiew.</p>" * 3
    bare = f"<html><head><title>Telefonat</title></head><body><article>{text}</article></body></html>"
    assert extract_content(bare.encode(), "text/html").published is None
    stated = bare.replace(
        "<title>", '<meta property="article:published_time" content="2024-05-02T10:00:00Z"><title>'
    )
    assert extract_content(stated.encode(), "text/html").published == "2024-05-02"


def test_page_breaks_end_as_paragraph_breaks_not_control_characters() -> None:
    """A text (or PDF) with form feeds between its pages keeps no \\f in the stored text."""
    pages = "Erste Seite: keine Abkommen ohne die Ukraine.\fZweite Seite: am 18. März 2025.\f"
    got = extract_content(pages.encode(), "text/plain")
    assert got.text is not None and "\f" not in got.text
    assert "Erste Seite" in got.text and "Zweite Seite" in got.text
