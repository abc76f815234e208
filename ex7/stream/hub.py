"""The stream hub: one per API process, between the event log and the process's stream clients.

It holds one database connection of its own (as ex7_worker, which reads every user's events),
LISTENs on the `events` doorbell there, and on every ring (or every `poll_seconds` when none
comes: a notification that was dropped, or LISTEN turned off) reads the log from the last id it has
read, in id order, renders each event's frame once and hands it to the subscriptions of that event's
user. Ids commit in id order (db/events.py), so reading "after the last id" never skips one. The
connection dropping crashes the loop and the supervisor starts it again with backoff; the position is
kept, so nothing is lost meanwhile, only delayed.

A subscription buffers at most `buffer` frames; a client that falls that far behind is dropped (its
stream ends) rather than letting it hold memory without bound: it resumes with Last-Event-ID and
gets the rest from the log. The hub starts on first use (the first client), so a process nobody
streams from holds no connection for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable

import aiopg

from db import events as events_db
from db.errors import DatabaseUnavailable
from db.pool import WORKER_ROLE, connect
from domain.signals.errors import TooManyStreams
from domain.signals.records import StreamEvent
from ex7.stream import sse
from ex7.workers.supervisor import Supervisor
from services import stream

log = logging.getLogger(__name__)

APPLICATION_NAME = "ex7-stream-hub"


class Subscription:
    """One client's place at the hub: the frames waiting for it, in id order."""

    def __init__(self, hub: StreamHub, user_id: str, strategy_id: str | None, instrument: str | None,
                 live_after: int, buffer: int) -> None:
        self._hub = hub
        self.user_id = user_id
        self._strategy_id = strategy_id
        self._instrument = instrument
        self.live_after = live_after  # events up to this id reach the client otherwise (replay) or not at all
        self._frames: deque[tuple[int, bytes]] = deque()
        self._buffer = buffer
        self._wake = asyncio.Event()
        self.lagged = False  # fell more than `buffer` frames behind
        self.ended = False  # unsubscribed, or the hub is shutting down

    def offer(self, event: StreamEvent, render: Callable[[], bytes]) -> None:
        signal = event.signal
        if (self._strategy_id is not None and signal.strategy_id != self._strategy_id) or \
                (self._instrument is not None and signal.instrument != self._instrument):
            return
        if len(self._frames) >= self._buffer:
            self.lagged = True
        else:
            self._frames.append((event.id, render()))
        self._wake.set()

    async def next(self, within: float) -> bytes | None:
        """The frames that arrived since the last call (b"" when all were at or below `live_after`, or
        the subscription lags or has ended), or None when nothing came within `within` seconds."""
        if not self._frames and not self.lagged and not self.ended:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), within)
            self._wake.clear()
        if self.lagged or self.ended:
            return b""
        if not self._frames:
            return None
        out = b"".join(frame for event_id, frame in self._frames if event_id > self.live_after)
        self._frames.clear()
        return out

    def end(self) -> None:
        self.ended = True
        self._wake.set()

    def close(self) -> None:
        """Leave the hub (idempotent)."""
        self.end()
        self._hub._remove(self)


class StreamHub:
    def __init__(self, dsn: str, *, supervisor: Supervisor, poll_seconds: float = 1.0, listen: bool = True,
                 buffer: int = 1000, per_user: int = 5, connect_timeout: float = 5.0) -> None:
        self._dsn = dsn
        self._supervisor = supervisor
        self._poll = poll_seconds
        self._listen = listen
        self._buffer = buffer
        self.per_user = per_user
        self._connect_timeout = connect_timeout
        self.position: int | None = None  # every event up to this id has been read and handed out
        self._ready = asyncio.Event()
        self._by_user: dict[str, set[Subscription]] = {}
        self._closing = False

    # ---- for the stream connections --------------------------------------------------------------------

    async def ready(self, within: float) -> int:
        """Start the hub if it is not running yet and wait until it knows its position (at most `within`
        seconds: DatabaseUnavailable then, a 503)."""
        self._supervisor.ensure("stream-hub", self.run)
        if self.position is None:
            try:
                await asyncio.wait_for(self._ready.wait(), within)
            except TimeoutError:
                raise DatabaseUnavailable("the stream hub cannot read the event log") from None
        assert self.position is not None
        return self.position

    def subscribe(self, user_id: str, *, strategy_id: str | None, instrument: str | None) -> Subscription:
        """A subscription from the hub's current position; TooManyStreams beyond `per_user` of one user."""
        assert self.position is not None, "ready() first"
        mine = self._by_user.setdefault(user_id, set())
        if len(mine) >= self.per_user:
            raise TooManyStreams(f"At most {self.per_user} streams may be open at once per user on this server; "
                                 "close one first.", limit=self.per_user, retry_after_seconds=30)
        subscription = Subscription(self, user_id, strategy_id, instrument, self.position, self._buffer)
        mine.add(subscription)
        if self._closing:
            subscription.end()
        return subscription

    def _remove(self, subscription: Subscription) -> None:
        mine = self._by_user.get(subscription.user_id)
        if mine is not None:
            mine.discard(subscription)
            if not mine:
                del self._by_user[subscription.user_id]

    def subscriber_count(self) -> int:
        return sum(len(subs) for subs in self._by_user.values())

    def end_all(self) -> None:
        """The server is shutting down: end every stream now (clients resume elsewhere with Last-Event-ID),
        so that the server need not wait for them."""
        self._closing = True
        for subs in list(self._by_user.values()):
            for subscription in list(subs):
                subscription.end()

    # ---- the loop ---------------------------------------------------------------------------------------

    async def run(self) -> None:
        conn = await connect(self._dsn, connect_timeout=self._connect_timeout, role=WORKER_ROLE)
        try:
            async with conn.cursor() as cur:
                # Named, so that an operator (and a test) can tell this connection in pg_stat_activity.
                await cur.execute(f"SET application_name = '{APPLICATION_NAME}'")
                if self._listen:
                    await cur.execute(f"LISTEN {events_db.CHANNEL}")
                if self.position is None:
                    self.position = await stream.hub_start(cur)
                    log.info("stream hub started at event %d", self.position)
                self._ready.set()
                while True:
                    await self._read(cur)
                    await self._wait(conn)
        finally:
            conn.close()

    async def _read(self, cur: aiopg.Cursor) -> None:
        assert self.position is not None
        while True:
            batch = await stream.hub_batch(cur, self.position)
            # No await from here to the end of the loop body: a subscription made meanwhile starts
            # exactly at the position the hub has handed out.
            for event in batch:
                self._hand_out(event)
                self.position = event.id
            if len(batch) < stream.HUB_BATCH:
                return

    def _hand_out(self, event: StreamEvent) -> None:
        subs = self._by_user.get(event.signal.user_id)
        if not subs:
            return
        rendered: list[bytes] = []

        def render() -> bytes:  # once per event, whoever asks first
            if not rendered:
                rendered.append(sse.signal_frame(event))
            return rendered[0]

        for subscription in list(subs):
            subscription.offer(event, render)

    async def _wait(self, conn: aiopg.Connection) -> None:
        """Until a notification rings or `poll_seconds` pass; the notifications queued meanwhile are
        all answered by the one read that follows."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(conn.notifies.get(), self._poll)
        while not conn.notifies.empty():
            conn.notifies.get_nowait()
