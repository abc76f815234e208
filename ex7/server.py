"""The HTTP server: the one uvicorn configuration, used by `ex7 serve` and by the tests alike.

Uvicorn limits how long a kept-alive connection may sit idle between requests, but not how long a
client may take to send a request: a client that opens a connection and trickles its request head
or body a byte at a time holds that connection (and, for a body, a request task) as long as it
likes, and a few hundred such clients take the server's connections away from everyone else.
`SlowClientProtocol` (uvicorn's httptools protocol, which is what uvicorn picks on its own here)
adds the two missing limits:

- the request head (request line and headers) must be complete within `header_timeout` seconds,
  counted from the moment the connection opens (a connection that says nothing is cut off too) or,
  on a kept-alive connection, from the first byte of the next request; past it the connection is
  closed, with a 408 when part of a head had arrived and no response is under way;
- the whole body must arrive within `body_timeout` seconds of the end of its head; past it the
  request is answered 408 problem+json (if its response has not started) and the connection closed.
  The application then sees the client as gone (`http.disconnect`), as if it had hung up.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("ex7.server")


class SlowClientProtocol(HttpToolsProtocol):
    """HttpToolsProtocol with a request-head and a request-body timeout (see the module docstring).

    Use `slow_client_protocol(header_timeout, body_timeout)`, which makes a subclass carrying them:
    uvicorn builds protocols itself, from a class.
    """

    header_timeout: float = 10.0
    body_timeout: float = 30.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._in_head = False  # the parser has seen the first byte of a request head, not yet its end
        self._in_body = False  # a head has ended and its body has not

    # Where the clocks start and stop.

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head()
        self._cancel_body()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        # Bytes on an idle kept-alive connection start the next request's clock (uvicorn stops its
        # keep-alive timer on any byte, so a stray CRLF would otherwise hold the connection forever).
        # Not while a response is under way: some clients send a CRLF after a body.
        if not self._in_body and not self.pipeline and (self.cycle is None or self.cycle.response_complete):
            self._arm_head()
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head = True
        # A pipelined request queued behind another has its reading paused by uvicorn until that one
        # is answered: its clock starts then (on_response_complete), not while it cannot be read.
        if not self.pipeline:
            self._arm_head()

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._cancel_head()
        previous = self.cycle
        super().on_headers_complete()
        if self.cycle is previous:  # an upgrade (WebSocket): another protocol takes the connection over
            return
        self._in_body = True
        if not self.pipeline:
            self._arm_body()

    def on_message_complete(self) -> None:
        self._in_body = False
        self._cancel_body()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing() or self.pipeline:
            return
        # Reading has resumed: a head or body that was waiting behind the answered request runs its clock.
        if self._in_head:
            self._arm_head()
        if self._in_body:
            self._arm_body()

    # The timers.

    def _arm_head(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _cancel_head(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _arm_body(self) -> None:
        if self._body_timer is None:
            self._body_timer = self.loop.call_later(self.body_timeout, self._body_timed_out)

    def _cancel_body(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        if self.cycle is not None and not self.cycle.response_complete:
            # A pipelining client is slow with its next head while an earlier request is being
            # answered: let that answer finish, then close (as uvicorn's graceful shutdown does).
            self.cycle.keep_alive = False
            self.flow.pause_reading()
            return
        log.info("%s: request head not complete within %gs, connection closed", self._peer(), self.header_timeout)
        if self._in_head:
            self.transport.write(self._timeout_response(f"The request head did not arrive within "
                                                        f"{self.header_timeout:g} s."))
        self.transport.close()

    def _body_timed_out(self) -> None:
        self._body_timer = None
        if self.transport.is_closing():
            return
        cycle = self.cycle
        log.info('%s: body of "%s %s" not complete within %gs, connection closed', self._peer(),
                 self.scope.get("method"), self.scope.get("path"), self.body_timeout)
        if not cycle.response_started:
            self.transport.write(self._timeout_response(f"The request body did not arrive within "
                                                        f"{self.body_timeout:g} s."))
        # The application sees a client that hung up: receive() answers http.disconnect, send() drops.
        cycle.disconnected = True
        cycle.message_event.set()
        self.transport.close()

    def _timeout_response(self, detail: str) -> bytes:
        body = json.dumps({"type": "about:blank", "title": "Request Timeout", "status": 408,
                           "code": "request_timeout", "detail": detail}).encode()
        head = [b"HTTP/1.1 408 Request Timeout\r\n"]
        head += [name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers]
        head += [b"content-type: application/problem+json\r\n",
                 b"content-length: " + str(len(body)).encode() + b"\r\n",
                 b"connection: close\r\n\r\n"]
        return b"".join(head) + body

    def _peer(self) -> str:
        return f"{self.client[0]}:{self.client[1]}" if self.client else "client"


def slow_client_protocol(header_timeout: float, body_timeout: float) -> type[SlowClientProtocol]:
    """A SlowClientProtocol class with these timeouts (in seconds)."""
    return type("SlowClientProtocol", (SlowClientProtocol,),
                {"header_timeout": header_timeout, "body_timeout": body_timeout})


class Server(uvicorn.Server):
    """uvicorn's server, which at shutdown first ends the app's event streams: uvicorn waits for every
    response under way to finish before it stops, and a stream would never finish on its own. Their
    clients reconnect (to another replica, or to this one restarted) and resume with Last-Event-ID."""

    async def shutdown(self, sockets: Any = None) -> None:
        deps = getattr(self.config.app, "deps", None)
        if deps is not None and deps.hub is not None:
            deps.hub.end_all()
        await super().shutdown(sockets)


def build_config(app: Any, *, host: str, port: int, log_level: str, header_timeout: float,
                 body_timeout: float) -> uvicorn.Config:
    """How EX7 is served, in production and in the tests."""
    return uvicorn.Config(
        app, host=host, port=port, log_level=log_level.lower(),
        loop="asyncio",  # not uvloop: aiopg's connect breaks under it when a connect is refused (README)
        http=slow_client_protocol(header_timeout, body_timeout),
        lifespan="on",  # the app's start-up (pool, feed) must succeed, or the server does not start
        proxy_headers=False,  # no proxy is configured: X-Forwarded-* from 127.0.0.1 would be a client's say-so
    )


# Python's default collector thresholds (700, 10, 10) run a young-generation collection every 700
# net allocations: a page of strategies allocates hundreds of thousands of short-lived objects, and
# each pass rescans everything the app keeps alive (the contract, the models, the validators). The
# cycles a request makes are rare; the objects it allocates die by reference counting. So: collect
# less often, and move what exists at start-up out of the collector's sight (bench/api_throughput.py
# measures the effect; the README quotes it).
GC_THRESHOLDS = (50_000, 20, 100)


def tune_gc() -> None:
    """Collector settings for a serving process; call once the app is built, before serving."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
