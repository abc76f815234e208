"""The live signal stream (`GET /api/signals/stream`) as an iterator that survives disconnects.

    with SignalStream(client, strategy_id=sid) as stream:
        for event in stream:
            if event.signal is not None:      # a `signal` (fired) or `signal_closed` event
                print(event.event, event.signal.side, event.signal.entry_price)

What the server sends (the contract's StreamEvent): a `retry:` hint, one `compliance` event per
connection (the CFTC Rule 4.41 disclaimer, `{rule, text}`), then `signal` and `signal_closed` events
whose `id:` is the event id and whose data is the Signal, `: heartbeat` comments when idle, `reset`
(`{reason, detail, resume_from}`: the position could not be resumed from; reload through
GET /api/signals) and `token_expired` (`{detail}`).

Resumption: the stream remembers the id of the last event it yielded and reconnects with it as
`Last-Event-ID` when the connection drops, the server ends it (its maximum duration, a client too far
behind, a shutdown) or nothing arrives for `read_timeout` seconds (the server sends a heartbeat every
15 s). The server then replays every event after that id, in order, so none is lost or repeated. An
event cut off mid-way is not yielded and its id not taken, so it comes again, whole. Between attempts it
waits the server's `retry` (3 s by default), doubling on each failed attempt in a row up to
`max_retry_delay`, and at least a 429/503's Retry-After.

Errors: whatever goes wrong before the first connection is open raises (a ProblemError for an error
answer: 401, 404 for another user's `strategy_id`, 422 for a malformed `last_event_id`, 429
`too_many_streams`; httpx's exception when the server cannot be reached). Later, a permanent refusal
(401, 403, 404, 422...) raises a ProblemError; transport failures and 429/502/503/504 are retried,
`max_reconnects` times in a row at most (None: forever). When those run out, the iteration ends after
a clean end of stream, or raises the last error. After a `token_expired` event the iteration ends: the
token is no longer accepted; resume with a client holding a fresh one and
`last_event_id=stream.last_event_id`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import AsyncGenerator, Generator
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from uuid import UUID

import httpx
from ex7_client import AuthenticatedClient
from ex7_client.models import Signal

from ex7_sdk.problems import ProblemError, problem_error
from ex7_sdk.sse import ServerSentEvent, SSEParser

PATH = "/api/signals/stream"
SIGNAL_EVENTS = frozenset({"signal", "signal_closed"})
DEFAULT_RETRY_MS = 3000  # the server's default; used until it sends its own `retry:`
_RETRIED_STATUSES = frozenset({429, 502, 503, 504})  # temporary refusals of a reconnect
# The failures a reconnect can cure: timeouts, a reset or refused connection, a stream cut mid-frame.
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class StreamEvent:
    """One event of the stream. `data` is its JSON, parsed (the text itself if it is not JSON); `signal`
    the generated Signal model for `signal` and `signal_closed` events (None for the others, or if the data
    does not fit the model); `id` the event's own id (None for `compliance` and `token_expired`);
    `raw` the data as sent."""

    event: str
    data: Any
    id: str | None
    signal: Signal | None
    raw: str

    @classmethod
    def from_sse(cls, sse: ServerSentEvent) -> StreamEvent:
        try:
            data: Any = json.loads(sse.data)
        except ValueError:
            data = sse.data
        signal = None
        if sse.event in SIGNAL_EVENTS and isinstance(data, dict):
            try:
                signal = Signal.from_dict(data)
            except (KeyError, ValueError, TypeError, AttributeError):
                signal = None  # a Signal newer than this SDK's model; `data` still has it all
        return cls(event=sse.event, data=data, id=sse.id, signal=signal, raw=sse.data)


class _Resumption:
    """The I/O-free half shared by both streams: the request to make, the events' bookkeeping (the last
    id, the retry time), and whether and when to try again."""

    def __init__(self, *, last_event_id: str | int | None, strategy_id: str | UUID | None, instrument: str | None,
                 read_timeout: float, max_reconnects: int | None, max_retry_delay: float,
                 base_timeout: httpx.Timeout) -> None:
        self.last_event_id = "" if last_event_id is None else str(last_event_id)
        self.retry_ms: int | None = None
        self.params = {k: str(v) for k, v in (("strategy_id", strategy_id), ("instrument", instrument))
                       if v is not None}
        # The read timeout is the stream's own (heartbeats come every 15 s); the rest is the client's.
        self.timeout = httpx.Timeout(base_timeout.connect if base_timeout.connect is not None else 10.0,
                                     read=read_timeout, write=base_timeout.write, pool=base_timeout.pool)
        self.max_reconnects = max_reconnects
        self.max_retry_delay = max_retry_delay
        self.opened = False  # a connection has been opened once: from then on failures are retried
        self.failures = 0  # reconnect attempts since the last event
        self.reconnects = 0  # every reconnect made, for the curious (and the tests)
        self.finished = False  # token_expired: do not reconnect

    def headers(self) -> dict[str, str]:
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if self.last_event_id:
            headers["Last-Event-ID"] = self.last_event_id
        return headers

    @staticmethod
    def is_event_stream(response: httpx.Response) -> bool:
        """Whether the answer is the stream (read from its head alone: the body is not read yet)."""
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return response.status_code == 200 and content_type == "text/event-stream"

    @staticmethod
    def refusal(response: httpx.Response) -> ProblemError:
        """The error an answer that is not the stream is; its body must have been read."""
        if response.status_code == 200:
            return ProblemError(200, {"title": "Not an event stream",
                                      "detail": f"the answer's Content-Type is {response.headers.get('content-type')}"})
        return problem_error(response.status_code, response.content, response.headers)

    def is_retried(self, error: BaseException) -> bool:
        if not self.opened or self.finished:
            return False
        if isinstance(error, ProblemError):
            return error.status in _RETRIED_STATUSES
        return isinstance(error, _TRANSIENT)

    def delay_after(self, error: BaseException) -> float | None:
        """Seconds to wait before retrying after `error`, or None when it must be raised."""
        if not self.is_retried(error):
            return None
        return self.next_delay(error.retry_after if isinstance(error, ProblemError) else None)

    def parser(self) -> SSEParser:
        self.opened = True
        return SSEParser(self.last_event_id, self.retry_ms)

    def accept(self, sse: ServerSentEvent) -> StreamEvent:
        # The id moves only with an event yielded, so a resume starts right after what the caller got: the
        # event's own lastEventId, not the parser's, which is already past every event of the same chunk.
        self.last_event_id = sse.last_event_id
        self.failures = 0
        event = StreamEvent.from_sse(sse)
        if event.event == "token_expired":
            self.finished = True
        return event

    def next_delay(self, retry_after: float | None = None) -> float | None:
        """Seconds to wait before the next attempt, or None when no attempt is left."""
        if self.finished or (self.max_reconnects is not None and self.failures >= self.max_reconnects):
            return None
        self.failures += 1
        self.reconnects += 1
        base = (self.retry_ms if self.retry_ms is not None else DEFAULT_RETRY_MS) / 1000
        delay = min(self.max_retry_delay, base * 2 ** (self.failures - 1))
        return max(delay, retry_after or 0.0)


class SignalStream:
    """The caller's live signals, as a synchronous iterator of StreamEvent (see the module docstring).

    It uses `client.get_httpx_client()`, so the base URL, the token and the headers are the client's.
    `close()` (or leaving the `with` block) ends it, from another thread too."""

    def __init__(self, client: AuthenticatedClient, *, last_event_id: str | int | None = None,
                 strategy_id: str | UUID | None = None, instrument: str | None = None, read_timeout: float = 45.0,
                 max_reconnects: int | None = None, max_retry_delay: float = 30.0) -> None:
        self._http = client.get_httpx_client()
        self._state = _Resumption(last_event_id=last_event_id, strategy_id=strategy_id, instrument=instrument,
                                  read_timeout=read_timeout, max_reconnects=max_reconnects,
                                  max_retry_delay=max_retry_delay, base_timeout=self._http.timeout)
        self._closed = threading.Event()  # also what a wait between attempts waits on
        self._response: httpx.Response | None = None
        self._events = self._run()

    @property
    def last_event_id(self) -> str | None:
        """The id of the last event yielded (or the one given), to resume from; None before any."""
        return self._state.last_event_id or None

    @property
    def retry_ms(self) -> int | None:
        """The reconnection time the server asked for, in milliseconds."""
        return self._state.retry_ms

    @property
    def reconnects(self) -> int:
        return self._state.reconnects

    def __iter__(self) -> SignalStream:
        return self

    def __next__(self) -> StreamEvent:
        return next(self._events)

    def close(self) -> None:
        self._closed.set()
        response = self._response
        if response is not None:
            response.close()  # unblocks a read in another thread
        with contextlib.suppress(ValueError):  # "generator already executing": that thread sees _closed
            self._events.close()

    def __enter__(self) -> SignalStream:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _run(self) -> Generator[StreamEvent, None, None]:
        state = self._state
        while not self._closed.is_set():
            try:
                with self._http.stream("GET", PATH, params=state.params, headers=state.headers(),
                                       timeout=state.timeout) as response:
                    self._response = response
                    if not state.is_event_stream(response):
                        response.read()
                        raise state.refusal(response)
                    parser = state.parser()
                    for chunk in response.iter_bytes():
                        events = parser.feed(chunk)
                        state.retry_ms = parser.retry
                        for sse in events:
                            yield state.accept(sse)
                            if state.finished:
                                return
            except (ProblemError, httpx.StreamError, *_TRANSIENT) as exc:
                if self._closed.is_set():
                    return  # close() cut the read short
                delay = state.delay_after(exc)
                if delay is None:
                    raise
            else:  # the server ended the stream
                delay = state.next_delay()
                if delay is None:
                    return
            finally:
                self._response = None
            if self._closed.wait(delay):
                return


class AsyncSignalStream:
    """SignalStream's twin over `client.get_async_httpx_client()`: `async for event in stream`,
    `await stream.aclose()`, `async with AsyncSignalStream(client) as stream`."""

    def __init__(self, client: AuthenticatedClient, *, last_event_id: str | int | None = None,
                 strategy_id: str | UUID | None = None, instrument: str | None = None, read_timeout: float = 45.0,
                 max_reconnects: int | None = None, max_retry_delay: float = 30.0) -> None:
        self._http = client.get_async_httpx_client()
        self._state = _Resumption(last_event_id=last_event_id, strategy_id=strategy_id, instrument=instrument,
                                  read_timeout=read_timeout, max_reconnects=max_reconnects,
                                  max_retry_delay=max_retry_delay, base_timeout=self._http.timeout)
        self._closed = False
        self._events = self._run()

    @property
    def last_event_id(self) -> str | None:
        return self._state.last_event_id or None

    @property
    def retry_ms(self) -> int | None:
        return self._state.retry_ms

    @property
    def reconnects(self) -> int:
        return self._state.reconnects

    def __aiter__(self) -> AsyncSignalStream:
        return self

    async def __anext__(self) -> StreamEvent:
        return await anext(self._events)

    async def aclose(self) -> None:
        self._closed = True
        await self._events.aclose()

    async def __aenter__(self) -> AsyncSignalStream:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()

    async def _run(self) -> AsyncGenerator[StreamEvent, None]:
        state = self._state
        while not self._closed:
            try:
                async with self._http.stream("GET", PATH, params=state.params, headers=state.headers(),
                                             timeout=state.timeout) as response:
                    if not state.is_event_stream(response):
                        await response.aread()
                        raise state.refusal(response)
                    parser = state.parser()
                    async for chunk in response.aiter_bytes():
                        events = parser.feed(chunk)
                        state.retry_ms = parser.retry
                        for sse in events:
                            yield state.accept(sse)
                            if state.finished:
                                return
            except (ProblemError, *_TRANSIENT) as exc:
                if self._closed:
                    return
                delay = state.delay_after(exc)
                if delay is None:
                    raise
            else:
                delay = state.next_delay()
                if delay is None:
                    return
            await asyncio.sleep(delay)


__all__ = ["AsyncSignalStream", "SignalStream", "StreamEvent"]
