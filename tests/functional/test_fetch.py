"""Fetching URLs from a real local server: redirects, size cap, timeouts, errors as one line."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler
from http.server import HTTPServer as StdHTTPServer

import pytest
from pytest_httpserver import HTTPServer

from factcheck.errors import InputError
from factcheck.sources.fetch import fetch_url


def test_redirect_followed_and_final_url_reported(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("Text", content_type="text/plain")
    doc = fetch_url(httpserver.url_for("/a"))
    assert (doc.status, doc.url, doc.body) == (200, httpserver.url_for("/b"), b"Text")


def test_redirect_loop_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    with pytest.raises(InputError, match="too many redirects"):
        fetch_url(httpserver.url_for("/loop"))


def test_oversize_body_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data("x" * 5000, content_type="text/plain")
    with pytest.raises(InputError, match=r"limit|exceeds"):
        fetch_url(httpserver.url_for("/big"), max_bytes=1000)


def test_slow_server_times_out() -> None:
    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(2)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass

    server = StdHTTPServer(("127.0.0.1", 0), Slow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(InputError, match="timed out"):
            fetch_url(f"http://127.0.0.1:{server.server_port}/", timeout=0.5)
    finally:
        server.shutdown()


def test_invalid_url_is_one_line() -> None:
    with pytest.raises(InputError) as info:
        fetch_url("http://")
    assert "\n" not in str(info.value)


def test_a_trickling_server_is_given_up_on_at_the_deadline() -> None:
    """Each byte comes well within the read timeout, but the answer never completes in time."""
    stop = threading.Event()

    class Trickle(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "200")
            self.end_headers()
            for _ in range(200):  # 200 bytes at one per 0.05 s: complete after 10 s if nobody gives up
                if stop.wait(0.05):
                    return
                self.wfile.write(b"x")
                self.wfile.flush()

        def log_message(self, *_args: object) -> None:
            pass

    server = StdHTTPServer(("127.0.0.1", 0), Trickle)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(InputError, match="no complete answer within 1 s"):
            fetch_url(f"http://127.0.0.1:{server.server_port}/", timeout=2.0, deadline=1.0)
    finally:
        stop.set()
        server.shutdown()
