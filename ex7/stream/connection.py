"""One stream connection, from its checks to its last frame.

Before the stream opens (errors are problems then): the hub is ready, the caller has a free stream
slot (429 beyond the cap), the strategy filter names one of the caller's strategies (404), and the
Last-Event-ID decides where the stream starts (services.stream.start). The subscription is made
before that decision, at the hub's position, so nothing handed out meanwhile is missed: events up to
the position come from the replay, those after it from the subscription.

Then, as frames: the retry hint and the compliance banner; a `reset` when the client's id cannot be
resumed from; the replay; live events, with a heartbeat comment when nothing came for
`heartbeat_seconds`. The stream ends when the client leaves, when its token expires (a
`token_expired` event first), when it has lasted `max_seconds`, when it falls too far behind (it
resumes with Last-Event-ID) or when the server shuts down; the subscription is released whichever
way it ends.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from db.errors import DatabaseUnavailable
from db.pool import Database
from domain.signals.records import StreamEvent
from ex7.clock import Clock
from ex7.stream import sse
from ex7.stream.hub import StreamHub, Subscription
from services import stream
from services.tx import Tx

log = logging.getLogger(__name__)

_RESET_DETAIL = {
    "pruned": "Events after your Last-Event-ID are older than this server keeps; reload your signals with "
              "GET /api/signals, then carry on from this event.",
    "unknown": "This server never issued your Last-Event-ID; reload your signals with GET /api/signals, "
               "then carry on from this event.",
}

Replay = Callable[[int, int], Awaitable[list[StreamEvent]]]


class EventStreamResponse(StreamingResponse):
    """An SSE response that releases its subscription however it ends, even if it never started."""

    media_type = "text/event-stream"

    def __init__(self, frames: AsyncIterator[bytes], subscription: Subscription) -> None:
        super().__init__(frames, headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        self._subscription = subscription

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._subscription.close()


async def open_stream(hub: StreamHub, db: Database, clock: Clock, claims: Mapping[str, Any], *,
                      strategy_id: str | None, instrument: str | None, last_event_id: int | None,
                      retry_ms: int, heartbeat_seconds: float, max_seconds: float,
                      ready_within: float) -> EventStreamResponse:
    user_id = str(claims["sub"])
    await hub.ready(ready_within)
    subscription = hub.subscribe(user_id, strategy_id=strategy_id, instrument=instrument)
    try:
        async with db.transaction(claims) as cur:
            start = await stream.start(Tx(cur, clock, user_id), position=subscription.live_after,
                                       last_event_id=last_event_id, strategy_id=strategy_id)
    except BaseException:
        subscription.close()
        raise
    subscription.live_after = start.live_after

    async def replay(after: int, upto: int) -> list[StreamEvent]:
        async with db.transaction(claims) as cur:
            return await stream.replay_page(Tx(cur, clock, user_id), after=after, upto=upto,
                                            strategy_id=strategy_id, instrument=instrument)

    expires_at = float(claims.get("exp") or float("inf"))
    frames = _frames(subscription, start, replay, retry_ms=retry_ms, heartbeat=heartbeat_seconds,
                     expires_at=expires_at, ends_at=time.time() + max_seconds)
    return EventStreamResponse(frames, subscription)


async def _frames(subscription: Subscription, start: stream.Start, replay: Replay, *, retry_ms: int,
                  heartbeat: float, expires_at: float, ends_at: float) -> AsyncIterator[bytes]:
    try:
        yield sse.retry(retry_ms) + sse.banner()
        if start.reset is not None:
            yield sse.frame("reset", {"reason": start.reset, "detail": _RESET_DETAIL[start.reset],
                                      "resume_from": start.position}, start.position)
        if start.replay_after is not None:
            after = start.replay_after
            while True:
                page = await replay(after, start.position)
                if page:
                    yield b"".join(sse.signal_frame(event) for event in page)
                    after = page[-1].id
                if len(page) < stream.REPLAY_PAGE:
                    break
        while True:
            now = time.time()
            if expires_at <= now:
                at = datetime.fromtimestamp(expires_at, UTC).isoformat().replace("+00:00", "Z")
                yield sse.frame("token_expired", {"detail": f"Your token expired at {at}; reconnect with a fresh "
                                                            "one and the last event id you received."})
                return
            if ends_at <= now:
                yield sse.comment("this stream has lasted its time; reconnect with Last-Event-ID to resume")
                return
            out = await subscription.next(min(heartbeat, expires_at - now, ends_at - now))
            if subscription.lagged:
                log.warning("stream of user %s fell behind; ended, to be resumed from the log", subscription.user_id)
                yield sse.comment("this stream fell too far behind; reconnect with Last-Event-ID to resume")
                return
            if subscription.ended:
                return  # the server is shutting down
            if out is None:
                yield sse.HEARTBEAT
            elif out:
                yield out
    except DatabaseUnavailable as exc:
        # The stream has started: no problem can be sent any more. End it; the client resumes.
        log.warning("stream of user %s ended: %s", subscription.user_id, exc)
        yield sse.comment("the database is unavailable; reconnect with Last-Event-ID to resume")
    finally:
        subscription.close()
