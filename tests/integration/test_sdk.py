"""The Python SDK (clients/python: the generated ex7_client and the hand-written ex7_sdk) against a live EX7
over real HTTP (tests/support/live_server.py: the synthetic feed, a dispatcher and the alert worker on a
ManualClock). Everything the user does goes through the SDK: a strategy from the demo fixture, backtested,
promoted and started on paper; the live stream while the market moves; the signals paged with the cursor;
problem answers as typed exceptions; the stream resumed from `last_event_id`, by hand and, across a
connection cut mid-event by a proxy, by the iterator itself; and AsyncSignalStream.

The module fixture runs the market until an uninterrupted stream has seen enough signal events, then stops
it: those events (`World.events`, in order) are the reference every resumed stream is compared with, id by
id, replayed from the server's event log."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID, uuid4

import httpx
import pytest
from ex7_client import AuthenticatedClient
from ex7_client.api.billing import billing_get_billing_me
from ex7_client.api.signals import signals_list_runtimes, signals_list_signals, signals_start_runtime
from ex7_client.api.strategies import (
    strategies_create_strategy_from_fixture,
    strategies_get_strategy,
    strategies_list_strategies,
    strategies_promote_strategy,
    strategies_run_backtest,
)
from ex7_client.models import (
    BacktestRequest,
    RuntimeStartRequest,
    SignalStatus,
    StrategyStatus,
    TradingMode,
)
from ex7_client.types import UNSET
from ex7_sdk import AsyncSignalStream, NotFound, SignalStream, StreamEvent, Unauthorized, unwrap

from ex7 import tokens
from tests.support.db import PostgresForTests
from tests.support.live_server import LiveServer, live_server
from tests.support.pipeline import open_risk_limits, wait_until
from tests.support.users import TEST_SECRET, User, new_user

SIGNAL_EVENTS = ("signal", "signal_closed")
WANTED_EVENTS = 6  # signal events the reference holds
WANTED_CLOSED = 3  # of which closes at least (closed signals to page through)
MARKET_WITHIN = 25.0  # seconds the market may run to produce them


def sdk(server_url: str, user: User | None = None, *, token: str | None = None) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=server_url, token=token or (user.token if user else ""),
                               timeout=httpx.Timeout(30.0))


@dataclass
class World:
    server: LiveServer
    trader: User
    client: AuthenticatedClient
    strategy_id: UUID
    events: list[StreamEvent]  # the reference: the signal events an uninterrupted stream yielded, in order

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.events if e.id is not None]


def keys(events: list[StreamEvent]) -> list[tuple[str, str | None, str]]:
    """What a replayed event must repeat of the live one: its kind, id and signal (a replay shows the signal
    as it is now, so a `signal` event replayed after the close carries the closed signal)."""
    return [(e.event, e.id, e.data["id"]) for e in events]


def read_until(stream: SignalStream, seconds: float) -> Iterator[StreamEvent]:
    """The events of `stream` for `seconds` at most; the stream stays open when the caller breaks off."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        timer = threading.Timer(left, stream.close)
        timer.start()
        try:
            event = next(stream, None)
        finally:
            timer.cancel()
        if event is None:
            return
        yield event


def read_signal_events(stream: SignalStream, count: int, within: float) -> list[StreamEvent]:
    """The next `count` signal events of `stream` (fewer if `within` seconds pass: close() ends it)."""
    timer = threading.Timer(within, stream.close)
    timer.start()
    got: list[StreamEvent] = []
    try:
        for event in stream:
            if event.event in SIGNAL_EVENTS:
                got.append(event)
                if len(got) >= count:
                    break
    finally:
        timer.cancel()
    return got


@pytest.fixture(scope="module")
def world(postgres: PostgresForTests) -> Iterator[World]:
    with live_server(postgres, ex7_stream_heartbeat_seconds=1, ex7_stream_retry_ms=50) as server:
        trader = new_user()
        with sdk(server.url, trader) as client:
            unwrap(billing_get_billing_me.sync_detailed(client=client))  # the first request makes the user
            open_risk_limits(server.dsn, trader.id)  # the breakers are not what is tested here

            strategy = unwrap(strategies_create_strategy_from_fixture.sync_detailed("demo-1m-momentum",
                                                                                   client=client))
            assert strategy.status == StrategyStatus.DRAFT
            backtest = unwrap(strategies_run_backtest.sync_detailed(strategy.id, client=client,
                                                                    body=BacktestRequest()))
            assert backtest.to_dict()  # the demo runs on the feed's backfill
            ready = unwrap(strategies_promote_strategy.sync_detailed(strategy.id, client=client))
            assert ready.status == StrategyStatus.READY
            runtime = unwrap(signals_start_runtime.sync_detailed(
                strategy.id, client=client, body=RuntimeStartRequest(mode=TradingMode.PAPER)))
            assert str(runtime.status) in ("starting", "running")
            wait_until(lambda: [str(r.status) for r in unwrap(signals_list_runtimes.sync_detailed(client=client)).items]
                       == ["running"], 30, "the dispatcher starts the runtime")

            # The reference: one uninterrupted stream while the market moves, and on after it stopped (every
            # bar evaluated) until the events it caused have all come.
            events: list[StreamEvent] = []
            with SignalStream(client, strategy_id=strategy.id) as stream:
                with server.market_running():
                    for event in read_until(stream, MARKET_WITHIN):
                        if event.event in SIGNAL_EVENTS:
                            events.append(event)
                            closed = sum(e.event == "signal_closed" for e in events)
                            if len(events) >= WANTED_EVENTS and closed >= WANTED_CLOSED:
                                break
                events += [e for e in read_until(stream, 2.0) if e.event in SIGNAL_EVENTS]
                assert stream.reconnects == 0
            closed = sum(e.event == "signal_closed" for e in events)
            assert len(events) >= WANTED_EVENTS and closed >= WANTED_CLOSED, \
                f"only {len(events)} signal events ({closed} closes) in {MARKET_WITHIN} s of market"
            yield World(server, trader, client, strategy.id, events)


# -- the live stream --------------------------------------------------------------------------------------

def test_the_live_stream_yields_signal_events_with_ids_and_signals(world: World) -> None:
    ids = [int(i) for i in world.ids]
    assert len(ids) == len(world.events) and ids == sorted(set(ids))  # every one has an id, increasing
    for event in world.events:
        assert event.data["strategy_id"] == str(world.strategy_id) and event.data["event_id"] == int(event.id or 0)
        assert event.raw and event.data["instrument"] == "MNQ"
    closed = [e for e in world.events if e.event == "signal_closed"]
    assert closed and all(e.data["status"] == "closed" for e in closed)
    # A closed signal is the generated Signal model, typed.
    assert all(e.signal is not None and str(e.signal.id) == e.data["id"] and e.signal.status == SignalStatus.CLOSED
               for e in closed)


def test_a_new_stream_opens_with_the_retry_hint_and_the_compliance_banner(world: World) -> None:
    with SignalStream(world.client, last_event_id=world.ids[-1]) as stream:
        first = next(stream)
        assert first.event == "compliance" and first.id is None and first.signal is None
        assert first.data["rule"] == "17 CFR 4.41(b)(1)(i)"
        assert stream.retry_ms == 50  # the server's setting, read from its `retry:` line
        assert stream.last_event_id == world.ids[-1]


def test_the_fired_signal_events_carry_the_signal_model(world: World) -> None:
    fired = [e for e in world.events if e.event == "signal"]
    assert fired
    bad = [e.data for e in fired if e.signal is None]
    assert not bad, f"signal events whose data did not parse into the Signal model: {bad[:1]}"


# -- paging -----------------------------------------------------------------------------------------------

def test_paging_closed_signals_with_the_cursor_gives_the_big_page_without_duplicates_or_gaps(world: World) -> None:
    def page(limit: int, cursor: str | None) -> tuple[list[str], str | None]:
        got = unwrap(signals_list_signals.sync_detailed(client=world.client, strategy_id=world.strategy_id,
                                                        status=SignalStatus.CLOSED, limit=limit,
                                                        cursor=cursor or UNSET))
        return [str(s.id) for s in got.items], got.next_cursor or None

    everything, rest = page(200, None)
    assert rest is None and len(everything) >= WANTED_CLOSED
    assert {e.data["id"] for e in world.events if e.event == "signal_closed"} <= set(everything)
    paged: list[str] = []
    cursor: str | None = None
    for _ in range(len(everything) + 2):
        ids, cursor = page(1, cursor)
        assert len(ids) <= 1
        paged += ids
        if cursor is None:
            break
    assert cursor is None, "the cursor never ran out"
    assert len(paged) == len(set(paged)), "a signal came twice"
    assert paged == everything, "the pages do not add up to the big page, in its order"


def test_paging_every_signal_of_the_strategy(world: World) -> None:
    # Open signals included: the page's Signal models must parse whatever the signals' status.
    fired = {e.data["id"] for e in world.events if e.event == "signal"}
    got = unwrap(signals_list_signals.sync_detailed(client=world.client, strategy_id=world.strategy_id, limit=200))
    assert fired <= {str(s.id) for s in got.items}


# -- problems ---------------------------------------------------------------------------------------------

def test_another_users_strategy_is_not_found(world: World) -> None:
    other = new_user()
    with sdk(world.server.url, other) as client:
        with pytest.raises(NotFound) as info:
            unwrap(strategies_get_strategy.sync_detailed(world.strategy_id, client=client))
        assert info.value.status == 404 and info.value.code == "strategy_not_found"
        # The stream filtered on it: refused before it opens, with the same problem.
        with pytest.raises(NotFound) as streamed, SignalStream(client, strategy_id=world.strategy_id) as stream:
            next(stream)
        assert streamed.value.code == "strategy_not_found" and stream.reconnects == 0


@pytest.mark.parametrize("token", ["not-a-jwt", tokens.mint("another-secret-" + "y" * 40, email="x@example.com"),
                                   tokens.mint(TEST_SECRET, email="late@example.com", ttl=-120)],
                         ids=["garbage", "wrong-secret", "expired"])
def test_a_bad_token_is_unauthorized(world: World, token: str) -> None:
    with sdk(world.server.url, token=token) as client:
        with pytest.raises(Unauthorized) as info:
            unwrap(strategies_list_strategies.sync_detailed(client=client))
        assert info.value.status == 401 and info.value.code == "invalid_token"
        with pytest.raises(Unauthorized) as streamed, SignalStream(client) as stream:
            next(stream)
        assert streamed.value.code == "invalid_token"


# -- resumption -------------------------------------------------------------------------------------------

def test_resuming_by_hand_from_last_event_id_continues_exactly_after_it(world: World) -> None:
    ids = world.ids
    with SignalStream(world.client, strategy_id=world.strategy_id, last_event_id=ids[0]) as stream:
        first = read_signal_events(stream, 2, 10)
        noted = stream.last_event_id
    assert [e.id for e in first] == ids[1:3] and noted == ids[2]
    with SignalStream(world.client, strategy_id=world.strategy_id, last_event_id=noted) as stream:
        after = read_signal_events(stream, len(ids) - 3, 10)
    assert [e.id for e in after] == ids[3:], "the resumed stream repeated or skipped events"
    assert keys(after) == keys(world.events[3:])


@dataclass
class Cut:
    marker: bytes  # cut the next connection this far into...
    extra: int  # ...plus this many bytes
    done: threading.Event


class CuttingProxy:
    """A TCP proxy to the server that, when armed, cuts the next connection (both ways) a few bytes after a
    marker in what the server sends: a disconnect in the middle of an event, as a network failure makes it."""

    def __init__(self, upstream: str) -> None:
        host, port = upstream.removeprefix("http://").split(":")
        self.upstream = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.connections = 0
        self.cut: Cut | None = None
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, marker: bytes, extra: int) -> threading.Event:
        self.cut = Cut(marker, extra, threading.Event())
        return self.cut.done

    def close(self) -> None:
        for s in [self.listener, *self._sockets]:
            with contextlib.suppress(OSError):
                s.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            self._sockets += [client, server]
            self.connections += 1
            cut, self.cut = self.cut, None
            threading.Thread(target=self._pump, args=(client, server, None), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, cut), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket, cut: Cut | None) -> None:
        seen = b""
        try:
            while data := source.recv(65536):
                if cut is not None:
                    at = (seen + data).find(cut.marker)
                    if at >= 0:
                        end = at + len(cut.marker) + cut.extra - len(seen)
                        sink.sendall(data[:end])
                        raise ConnectionAbortedError("cut")
                    seen += data
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            if cut is not None:
                cut.done.set()


def test_a_connection_cut_mid_event_is_resumed_by_the_iterator_without_duplicates_or_gaps(world: World) -> None:
    ids = world.ids
    proxy = CuttingProxy(world.server.url)
    try:
        # The first connection replays everything after ids[0] in one write; it is cut inside ids[3]'s event,
        # after its `id:` line and part of its data: that event must not be yielded nor its id taken.
        done = proxy.arm(f"id: {ids[3]}\nevent: ".encode(), 12)
        with sdk(proxy.url, world.trader) as client, \
                SignalStream(client, strategy_id=world.strategy_id, last_event_id=ids[0]) as stream:
            got = read_signal_events(stream, len(ids) - 1, 15)
            assert done.is_set(), "the proxy never cut the connection"
            assert stream.reconnects >= 1 and proxy.connections >= 2
    finally:
        proxy.close()
    assert [e.id for e in got] == ids[1:], "events were lost or repeated across the reconnect"
    assert keys(got) == keys(world.events[1:])


def test_a_stream_the_server_ends_is_resumed_by_the_iterator(postgres: PostgresForTests, world: World) -> None:
    # A server whose streams last a second (EX7_STREAM_MAX_SECONDS) on the same database: the iterator
    # reconnects with Last-Event-ID each time, transparently, and the events still come once each, in order.
    from ex7.app import create_app
    from tests.support.http import serve
    from tests.support.settings import make_settings

    app = create_app(make_settings(ex7_stream_max_seconds=1, ex7_stream_retry_ms=10, ex7_stream_heartbeat_seconds=0.2),
                     world.server.dsn, validate_responses=True)
    with serve(app) as url, sdk(url, world.trader) as client, \
            SignalStream(client, strategy_id=world.strategy_id, last_event_id=world.ids[0]) as stream:
        got: list[StreamEvent] = []
        deadline = time.monotonic() + 10
        for event in stream:  # the replay comes on the first connection; then it ends and ends again
            if event.event in SIGNAL_EVENTS:
                got.append(event)
            if stream.reconnects >= 2 or time.monotonic() > deadline:
                break
        assert stream.reconnects >= 2
        assert stream.last_event_id == world.ids[-1]
    assert [e.id for e in got] == world.ids[1:]


def test_a_token_that_expires_ends_the_iteration_with_token_expired(world: World) -> None:
    token = tokens.mint(TEST_SECRET, email=world.trader.email, ttl=2)
    with sdk(world.server.url, token=token) as client, SignalStream(client, last_event_id=world.ids[-1]) as stream:
        seen = [e.event for e in stream]  # ends by itself, without a reconnect
        assert seen[0] == "compliance" and seen[-1] == "token_expired"
        assert stream.reconnects == 0 and stream.last_event_id == world.ids[-1]


# -- the async stream -------------------------------------------------------------------------------------

def test_the_async_stream_resumes_from_last_event_id(world: World) -> None:
    ids = world.ids

    async def read() -> tuple[list[str | None], str | None, str | None]:
        got: list[str | None] = []
        async with AsyncSignalStream(world.client, strategy_id=world.strategy_id, last_event_id=ids[0]) as stream:
            first = await anext(stream)
            async for event in stream:
                if event.event in SIGNAL_EVENTS:
                    got.append(event.id)
                    if len(got) == len(ids) - 1:
                        break
            return got, first.event, stream.last_event_id

    got, first, last = asyncio.run(asyncio.wait_for(read(), 15))
    assert first == "compliance"
    assert got == ids[1:] and last == ids[-1]


def test_the_generated_async_calls_page_signals_and_raise_problems(world: World) -> None:
    """The generated client's asyncio variants, under the same unwrap: a typed page, a typed problem."""
    streamed = {e.signal.id for e in world.events if e.signal is not None}

    async def calls() -> tuple[set[UUID], NotFound]:
        page = unwrap(await signals_list_signals.asyncio_detailed(client=world.client, strategy_id=world.strategy_id,
                                                                  limit=100))
        with pytest.raises(NotFound) as missing:
            unwrap(await strategies_get_strategy.asyncio_detailed(uuid4(), client=world.client))
        return {s.id for s in page.items}, missing.value

    listed, missing = asyncio.run(asyncio.wait_for(calls(), 15))
    assert streamed and streamed <= listed
    assert (missing.status, missing.code) == (404, "strategy_not_found")
