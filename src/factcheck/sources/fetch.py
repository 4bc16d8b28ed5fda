"""Fetching a URL with timeouts, a redirect limit and a size cap (httpx)."""

from __future__ import annotations

import time
from dataclasses import dataclass

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
