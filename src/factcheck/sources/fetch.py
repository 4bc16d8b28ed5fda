"""Fetching a URL with timeouts, a redirect limit and a size cap (httpx).

`fetch_url` reads an article (raises on any problem); `fetch_source` fetches evidence: every redirect
recorded, compressed bodies inflated under the size cap, and a failure returned with its reason.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from factcheck.errors import InputError
from factcheck.text.decode import mib

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = 15.0
CONNECT_TIMEOUT_SECONDS = 5.0
# The whole answer must arrive within this: `timeout` bounds each read, so a server trickling a byte a
# second would otherwise keep an import waiting for ever.
DEADLINE_SECONDS = 60.0
USER_AGENT = "factcheck/0.1 (+terminal fact-checking workbench)"


@dataclass(frozen=True)
class FetchedDocument:
    url: str  # final URL after redirects
    status: int
    content_type: str
    body: bytes


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def fetch_url(
    url: str, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_SECONDS, deadline: float = DEADLINE_SECONDS
) -> FetchedDocument:
    """GET `url`; raise InputError with one line on network errors, HTTP errors, oversize bodies, or when
    the whole answer has not arrived `deadline` seconds after the request (each read waits `timeout` s).
    """
    import httpx  # loaded on first fetch: keeps CLI start-up fast

    give_up_at = time.monotonic() + deadline
    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=5,
                timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT_SECONDS)),
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise InputError(f"cannot fetch {url}: HTTP {response.status_code} {response.reason_phrase}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"cannot fetch {url}: body is {mib(int(declared))}, the limit is {mib(max_bytes)}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                if time.monotonic() > give_up_at:
                    raise InputError(f"cannot fetch {url}: no complete answer within {deadline:.0f} s")
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(f"cannot fetch {url}: body exceeds the limit of {mib(max_bytes)}")
                chunks.append(chunk)
            return FetchedDocument(
                url=str(response.url),
                status=response.status_code,
                content_type=response.headers.get("content-type", ""),
                body=b"".join(chunks),
            )
    except httpx.TooManyRedirects as exc:
        raise InputError(f"cannot fetch {url}: too many redirects") from exc
    except httpx.TimeoutException as exc:
        raise InputError(f"cannot fetch {url}: timed out") from exc
    except httpx.InvalidURL as exc:
        raise InputError(f"invalid URL {url}: {exc}") from exc
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise InputError(f"cannot fetch {url}: {reason}") from exc


# -- sources: every hop recorded, a failure returned as a reason, never raised ---------------------------

SOURCE_MAX_BYTES = 10 * 1024 * 1024
SOURCE_TIMEOUT_SECONDS = 30.0
SOURCE_MAX_REDIRECTS = 5
TIMEOUT_ENV = "FACTCHECK_FETCH_TIMEOUT"
CONNECT_TIMEOUT_ENV = "FACTCHECK_FETCH_CONNECT_TIMEOUT"
MAX_SIZE_ENV = "FACTCHECK_SOURCE_MAX_MB"
# Headers kept with a snapshot: enough to tell later what the server said the document was, and when.
HEADERS_OF_INTEREST = ("content-type", "content-length", "content-encoding", "last-modified", "etag", "date")
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class FetchLimits:
    """How long and how much a source fetch may take. `timeout` bounds the whole fetch (every redirect,
    the whole body); `connect_timeout` each connection; `max_bytes` the body, raw and decompressed."""

    timeout: float = SOURCE_TIMEOUT_SECONDS
    connect_timeout: float = CONNECT_TIMEOUT_SECONDS
    max_bytes: int = SOURCE_MAX_BYTES
    max_redirects: int = SOURCE_MAX_REDIRECTS

    @classmethod
    def from_env(cls, timeout: float | None = None, environ: Mapping[str, str] | None = None) -> FetchLimits:
        """Defaults, then FACTCHECK_FETCH_TIMEOUT / FACTCHECK_FETCH_CONNECT_TIMEOUT (seconds) and
        FACTCHECK_SOURCE_MAX_MB, then `timeout` (an option typed by the user); InputError for bad values."""
        env = os.environ if environ is None else environ
        total = _positive(env.get(TIMEOUT_ENV), TIMEOUT_ENV) or SOURCE_TIMEOUT_SECONDS
        if timeout is not None:
            total = _positive(str(timeout), "--timeout") or total
        connect = _positive(env.get(CONNECT_TIMEOUT_ENV), CONNECT_TIMEOUT_ENV) or CONNECT_TIMEOUT_SECONDS
        megabytes = _positive(env.get(MAX_SIZE_ENV), MAX_SIZE_ENV)
        max_bytes = int(megabytes * 1024 * 1024) if megabytes else SOURCE_MAX_BYTES
        return cls(timeout=total, connect_timeout=min(connect, total), max_bytes=max_bytes)


def _positive(value: str | None, name: str) -> float | None:
    if value is None or not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"{name} must be a number of seconds or megabytes, got {value!r}") from None
    if not 0 < number < 1e6:
        raise InputError(f"{name} must be positive, got {value!r}")
    return number


@dataclass(frozen=True)
class Retrieved:
    """What a fetch brought back. `error` is None on success; a failed fetch keeps what it learnt
    (the status of an error page, the redirects followed, the headers) and no body."""

    requested_url: str
    final_url: str
    status: int | None
    content_type: str
    headers: dict[str, str]
    redirects: tuple[dict[str, object], ...]  # each answer that redirected: {"url", "status", "location"}
    body: bytes | None
    error: str | None = None


class _Failed(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def fetch_source(url: str, limits: FetchLimits | None = None) -> Retrieved:
    """GET an http(s) source, following up to `max_redirects` redirects and recording each; never raises
    for what the network or the server does (the reason is in `Retrieved.error`).

    Compressed bodies (gzip, deflate, br) are decompressed here, chunk by chunk with an output limit, so
    a small body that inflates to gigabytes is refused after `max_bytes` with bounded memory.
    """
    import httpx  # loaded on first fetch: keeps CLI start-up fast

    limits = limits or FetchLimits.from_env()
    give_up_at = time.monotonic() + limits.timeout
    hops: list[dict[str, object]] = []
    current, status, content_type, headers = url, None, "", {}
    read_timeout = min(TIMEOUT_SECONDS, limits.timeout)

    def answer(body: bytes | None, error: str | None) -> Retrieved:
        return Retrieved(url, current, status, content_type, headers, tuple(hops), body, error)

    try:
        with httpx.Client(
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate, br"},
        ) as client:
            seen = {url}
            while True:
                remaining = give_up_at - time.monotonic()
                if remaining <= 0:
                    raise _Failed(f"no complete answer within {limits.timeout:g} s")
                timeout = httpx.Timeout(min(read_timeout, remaining), connect=min(limits.connect_timeout, remaining))
                with client.stream("GET", current, timeout=timeout) as response:
                    status = response.status_code
                    headers = {k: response.headers[k][:500] for k in HEADERS_OF_INTEREST if k in response.headers}
                    content_type = headers.get("content-type", "")
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        hops.append({"url": current, "status": status, "location": location[:2000]})
                        target = response.next_request.url if response.next_request is not None else None
                        if target is None or target.scheme not in ("http", "https"):
                            raise _Failed(f"HTTP {status} redirects to {location[:200]!r}, not a web address")
                        current = str(target)
                        if current in seen:
                            raise _Failed(f"redirect loop: {current} was already visited")
                        if len(hops) > limits.max_redirects:
                            raise _Failed(f"too many redirects (more than {limits.max_redirects})")
                        seen.add(current)
                        continue
                    if status >= 400:
                        raise _Failed(f"HTTP {status} {response.reason_phrase}".strip())
                    return answer(_read_body(response, limits, give_up_at), None)
    except _Failed as failed:
        return answer(None, failed.reason)
    except httpx.TimeoutException as exc:
        what = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for an answer"
        return answer(None, f"timed out {what} (limit {limits.timeout:g} s in all)")
    except httpx.InvalidURL as exc:
        return answer(None, f"invalid URL: {exc}")
    except httpx.UnsupportedProtocol as exc:
        return answer(None, f"not a web address: {exc}")
    except httpx.ConnectError as exc:
        return answer(None, _connect_reason(current, exc))
    except httpx.HTTPError as exc:
        return answer(None, str(exc) or type(exc).__name__)
    except (UnicodeError, ValueError) as exc:  # a URL the standard library cannot even encode
        return answer(None, f"invalid URL: {exc}")


def _connect_reason(url: str, exc: Exception) -> str:
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or url
    text = str(exc)
    lowered = text.lower()
    if "ssl" in lowered or "certificate" in lowered or "tls" in lowered:
        return f"TLS error talking to {host}: {text}"
    if "name or service not known" in lowered or "name resolution" in lowered or "nodename" in lowered:
        return f"cannot resolve host {host} (DNS)"
    if "refused" in lowered:
        return f"connection refused by {host}"
    return f"cannot connect to {host}: {text or type(exc).__name__}"


class _Inflater:
    """One content coding undone incrementally; `feed` never returns more than `room + 1` bytes."""

    def __init__(self, coding: str) -> None:
        import zlib

        self.coding = coding
        if coding in ("gzip", "x-gzip"):
            self._new = lambda: zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._new = lambda: zlib.decompressobj()
        elif coding == "br":
            import brotli

            self._new = brotli.Decompressor
        else:
            raise _Failed(f"unsupported content encoding {coding!r}")
        self._d = self._new()
        self._first = True

    def feed(self, data: bytes, room: int) -> bytes:
        import zlib

        if self.coding == "br":
            return self._feed_brotli(data, room)
        try:
            out = self._d.decompress(data, room + 1)
        except zlib.error:
            if not (self.coding == "deflate" and self._first):
                raise _Failed(f"the {self.coding} body is corrupt") from None
            self._d = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send it
            out = self._d.decompress(data, room + 1)
        self._first = False
        if len(out) > room or self._d.unconsumed_tail:
            raise _TooBig
        # gzip allows several members one after the other (and bombs use that): go on with the next.
        while self._d.eof and self._d.unused_data and self.coding != "deflate":
            rest = self._d.unused_data
            self._d = self._new()
            try:
                out += self._d.decompress(rest, room - len(out) + 1)
            except zlib.error:  # padding after the last member: ignored, as browsers do
                self._d = _Spent()
                break
            if len(out) > room or self._d.unconsumed_tail:
                raise _TooBig
        return out

    def _feed_brotli(self, data: bytes, room: int) -> bytes:
        import brotli

        try:
            out = self._d.process(data, output_buffer_limit=room + 1)
            while len(out) <= room and not self._d.can_accept_more_data():
                out += self._d.process(b"", output_buffer_limit=room - len(out) + 1)
        except brotli.error:
            raise _Failed("the br body is corrupt") from None
        if len(out) > room:
            raise _TooBig
        return out

    def flush(self, room: int) -> bytes:
        if self.coding == "br":
            return b""
        out = self._d.flush()
        if len(out) > room:
            raise _TooBig
        return out


class _TooBig(Exception):
    pass


class _Spent:
    """A finished decompressor that ignores whatever follows."""

    eof = True
    unused_data = b""
    unconsumed_tail = b""

    def decompress(self, _data: bytes, _max_length: int = 0) -> bytes:
        return b""

    def flush(self) -> bytes:
        return b""


def _read_body(response: Any, limits: FetchLimits, give_up_at: float) -> bytes:
    cap = limits.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise _Failed(f"the document is {mib(int(declared))}; the limit for sources is {mib(cap)}")
    codings = [c.strip().lower() for c in response.headers.get("content-encoding", "").split(",")]
    inflaters = [_Inflater(c) for c in reversed(codings) if c and c != "identity"]
    body = bytearray()
    raw = 0
    try:
        # Whatever arrives, as it arrives: with a chunk size httpx waits to fill it, and a server dripping a
        # byte a second would never let the deadline below be looked at (found by an attack: 310 s for 5).
        for chunk in response.iter_raw():
            if time.monotonic() > give_up_at:
                raise _Failed(f"no complete answer within {limits.timeout:g} s")
            raw += len(chunk)
            if raw > cap:
                raise _TooBig
            for inflater in inflaters:
                chunk = inflater.feed(chunk, cap - len(body))
            body += chunk
            if len(body) > cap:
                raise _TooBig
        for index, inflater in enumerate(inflaters):
            tail = inflater.flush(cap - len(body))
            for later in inflaters[index + 1 :]:
                tail = later.feed(tail, cap - len(body))
            body += tail
    except _TooBig:
        coded = f" once decompressed ({', '.join(c for c in codings if c)})" if inflaters else ""
        raise _Failed(f"the document is larger than the limit for sources of {mib(cap)}{coded}") from None
    return bytes(body)
