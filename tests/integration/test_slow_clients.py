"""Slow clients against the production server configuration (ex7/server.py), with raw sockets.

A client that trickles its request head or body is cut off once the header / body timeout has
passed, while everyone else is served. Timings on a shared machine are noisy, so each test checks
"not before the timeout" and "before a generous bound", never a tight window.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from ex7.app import create_app
from tests.support.http import serve
from tests.support.settings import make_settings

HEADER_TIMEOUT = 0.5
BODY_TIMEOUT = 0.8
BOUND = 6.0  # "cut off" means well before this; a trickling client would otherwise go on for ever
EARLY = 0.05  # timers fire on the loop's clock; allow that much granularity below a timeout

HEAD = b"GET /api/health HTTP/1.1\r\nHost: ex7.test\r\nX-Padding: " + b"p" * 200 + b"\r\n\r\n"


@pytest.fixture(scope="module")
def base_url(dsn: str) -> Iterator[str]:
    app = create_app(make_settings(), dsn, validate_responses=True)
    with serve(app, header_timeout=HEADER_TIMEOUT, body_timeout=BODY_TIMEOUT) as url:
        yield url


def connect(base_url: str) -> socket.socket:
    parts = urlsplit(base_url)
    return socket.create_connection((parts.hostname, parts.port), timeout=BOUND)


def read_until_closed(sock: socket.socket, deadline: float) -> bytes:
    """Everything the server sends until it closes; fails if it is still open at `deadline`."""
    data = b""
    while True:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            pytest.fail(f"the server did not close the connection; got so far {data!r}")
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk


def trickle(sock: socket.socket, payload: bytes, every: float) -> tuple[int, bytes]:
    """Send `payload` a byte every `every` seconds until the server closes; returns (bytes sent, reply)."""
    reply = b""
    for sent in range(len(payload)):
        try:
            sock.sendall(payload[sent:sent + 1])
        except (BrokenPipeError, ConnectionResetError):
            return sent, reply
        deadline = time.monotonic() + every
        while (left := deadline - time.monotonic()) > 0:
            sock.settimeout(left)
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            except ConnectionResetError:
                return sent + 1, reply
            if not chunk:
                return sent + 1, reply
            reply += chunk
    pytest.fail(f"the whole payload ({len(payload)} bytes) was accepted from a trickling client")


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One HTTP/1.1 response with a Content-Length, read off a kept-alive connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed mid-response: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in header_lines)}
    while len(body) < int(headers["content-length"]):
        chunk = sock.recv(65536)
        assert chunk, "connection closed mid-body"
        body += chunk
    return int(status_line.split()[1]), headers, body


def assert_408_problem(reply: bytes, what: str) -> None:
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408 "), reply
    headers = head.decode("latin-1").lower()
    assert "content-type: application/problem+json" in headers
    assert "connection: close" in headers
    problem = json.loads(body)
    assert {k: problem[k] for k in ("type", "title", "status", "code")} == {
        "type": "about:blank", "title": "Request Timeout", "status": 408, "code": "request_timeout"}
    assert what in problem["detail"]


def test_a_normal_request_is_unaffected(base_url: str) -> None:
    with connect(base_url) as sock:
        # A head in two writes and a body in two writes, each well within its timeout.
        body = json.dumps({"email": "quick@example.com", "source": "landing"}).encode()
        head = (f"POST /api/waitlist HTTP/1.1\r\nHost: ex7.test\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        sock.sendall(head[:20])
        time.sleep(HEADER_TIMEOUT / 5)
        sock.sendall(head[20:] + body[:5])
        time.sleep(BODY_TIMEOUT / 5)
        sock.sendall(body[5:])
        status, _headers, answer = read_response(sock)
        assert status == 200, answer
        # The connection is kept alive and serves a second request.
        sock.sendall(HEAD)
        assert read_response(sock)[0] == 200


def test_a_connection_that_sends_nothing_is_closed(base_url: str) -> None:
    with connect(base_url) as sock:
        started = time.monotonic()
        assert read_until_closed(sock, started + BOUND) == b""  # nothing began: nothing to answer
        assert time.monotonic() - started >= HEADER_TIMEOUT - EARLY


def test_half_a_head_is_cut_off_while_a_parallel_request_is_answered(base_url: str) -> None:
    with connect(base_url) as sock:
        sock.sendall(HEAD[:40])
        started = time.monotonic()
        answered: list[int] = []
        other = threading.Thread(target=lambda: answered.append(httpx.get(f"{base_url}/api/health",
                                                                          timeout=BOUND).status_code))
        other.start()
        reply = read_until_closed(sock, started + BOUND)
        elapsed = time.monotonic() - started
        other.join(BOUND)
    assert answered == [200]
    assert elapsed >= HEADER_TIMEOUT - EARLY
    assert_408_problem(reply, "request head did not arrive")


def test_a_head_trickled_a_byte_at_a_time_is_cut_off(base_url: str) -> None:
    with connect(base_url) as sock:
        started = time.monotonic()
        sent, reply = trickle(sock, HEAD, every=0.2)  # each byte resets no timer: the head as a whole counts
        elapsed = time.monotonic() - started
    assert HEADER_TIMEOUT - EARLY <= elapsed < BOUND
    assert sent < len(HEAD)
    if reply:  # the 408 may be lost to the reset when bytes keep coming in; the cut is what counts
        assert_408_problem(reply, "request head did not arrive")


def test_a_kept_alive_connection_restarts_the_clock_for_each_head(base_url: str) -> None:
    with connect(base_url) as sock:
        opened = time.monotonic()
        # Three prompt requests spread over longer than the header timeout: each head has its own clock.
        for _ in range(3):
            sock.sendall(HEAD)
            assert read_response(sock)[0] == 200
            time.sleep(HEADER_TIMEOUT * 0.6)
        assert time.monotonic() - opened > HEADER_TIMEOUT
        # The next head trickles: cut off, counted from its first byte.
        started = time.monotonic()
        sent, reply = trickle(sock, HEAD, every=0.2)
        elapsed = time.monotonic() - started
    assert HEADER_TIMEOUT - EARLY <= elapsed < BOUND
    assert sent < len(HEAD)
    if reply:
        assert_408_problem(reply, "request head did not arrive")


def test_a_trickled_body_is_answered_408_and_closed(base_url: str) -> None:
    body = json.dumps({"email": "slow@example.com", "source": "landing"}).encode() + b" " * 60  # valid, if slow
    head = (f"POST /api/waitlist HTTP/1.1\r\nHost: ex7.test\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    with connect(base_url) as sock:
        sock.sendall(head)
        started = time.monotonic()
        sent, reply = trickle(sock, body, every=0.2)
        reply += read_until_closed(sock, started + BOUND)
        elapsed = time.monotonic() - started
    assert BODY_TIMEOUT - EARLY <= elapsed < BOUND
    assert sent < len(body)
    assert_408_problem(reply, "request body did not arrive")
    # The server is fine afterwards.
    assert httpx.get(f"{base_url}/api/health", timeout=BOUND).status_code == 200
