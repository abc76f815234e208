"""The live stream under test: an SSE reader over a real HTTP connection (httpx, streaming), and
events published as the pipeline publishes them (a signal row and its event, through db.events).

    with open_stream(url, user) as s:
        s.expect("compliance")
        event_id, signal_id = publish(dsn, strategy)
        frame = s.expect("signal")
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from db import events as events_db
from db.pool import WORKER_ROLE, connect, transaction_on
from tests.support.db import sql_as_owner
from tests.support.signals import ArrangedStrategy, arrange_signal
from tests.support.users import User


@dataclass
class Frame:
    """One SSE event as a client's parser dispatches it, or a comment (event 'comment')."""

    event: str
    data: str = ""
    id: str | None = None
    retry: int | None = None
    comments: list[str] = field(default_factory=list)

    @property
    def json(self) -> Any:
        return json.loads(self.data)


class StreamReader:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.iter_lines()

    def next(self) -> Frame:
        """The next event, retry field or comment (each ends at a blank line, as we send them)."""
        fields: dict[str, list[str]] = {}
        comments: list[str] = []
        for line in self._lines:
            if line == "":
                if fields or comments:
                    break
                continue
            if line.startswith(":"):
                comments.append(line[1:].strip())
                continue
            name, _, value = line.partition(":")
            fields.setdefault(name, []).append(value[1:] if value.startswith(" ") else value)
        else:
            raise EOFError("the stream ended")
        if "event" not in fields and "data" not in fields:
            kind = "retry" if "retry" in fields else "comment"
        else:
            kind = fields.get("event", ["message"])[-1]
        return Frame(event=kind, data="\n".join(fields.get("data", [])), id=fields.get("id", [None])[-1],
                     retry=int(fields["retry"][-1]) if "retry" in fields else None, comments=comments)

    def expect(self, event: str) -> Frame:
        """The next frame that is not a heartbeat comment; it must be `event`."""
        while True:
            frame = self.next()
            if frame.event == "comment" and frame.comments == ["heartbeat"]:
                continue
            assert frame.event == event, f"expected {event}, got {frame}"
            return frame

    def signals(self, count: int) -> list[Frame]:
        """The next `count` signal or signal_closed frames (heartbeats skipped)."""
        out: list[Frame] = []
        while len(out) < count:
            frame = self.next()
            if frame.event in ("signal", "signal_closed"):
                out.append(frame)
            else:
                assert frame.event == "comment" and frame.comments == ["heartbeat"], f"unexpected {frame}"
        return out


@contextlib.contextmanager
def open_stream(base_url: str, user: User, *, last_event_id: int | str | None = None, read_timeout: float = 10,
                **params: str) -> Iterator[StreamReader]:
    """A stream of `user`, read until the block ends (then disconnected); the banner already read."""
    headers = dict(user.headers)
    if last_event_id is not None:
        headers["Last-Event-ID"] = str(last_event_id)
    timeout = httpx.Timeout(10, read=read_timeout)
    with httpx.Client(base_url=base_url, timeout=timeout) as client, \
            client.stream("GET", "/api/signals/stream", headers=headers, params=params) as response:
        assert response.status_code == 200, response.read()
        reader = StreamReader(response)
        assert reader.next().retry is not None
        reader.expect("compliance")
        yield reader


# ---- publishing -------------------------------------------------------------------------------------------


async def _append(dsn: str, strategy: ArrangedStrategy, kind: str, signal_id: str) -> int:
    conn = await connect(dsn, role=WORKER_ROLE)
    try:
        async with transaction_on(conn) as cur:
            event_id = await events_db.next_id(cur)
            await cur.execute("UPDATE signals SET event_id = %s WHERE id = %s", (event_id, signal_id))
            await events_db.append(cur, event_id=event_id, user_id=strategy.user_id, kind=kind,
                                   payload={"id": signal_id}, strategy_id=strategy.id, signal_id=signal_id,
                                   runtime_id=strategy.runtimes["paper"])
        return event_id
    finally:
        conn.close()


def publish(dsn: str, strategy: ArrangedStrategy, *, entry_price: str = "21450.25") -> tuple[int, str]:
    """A new open signal of `strategy` and its `signal` event, committed; (event id, signal id)."""
    # One open signal per runtime (the schema's rule): close the previous one first.
    sql_as_owner(dsn, "UPDATE signals SET status = 'cancelled', closed_at = now(), close_price = entry_price, "
                      "close_reason = 'user' WHERE runtime_id = %s AND status = 'open'", strategy.runtimes["paper"])
    signal_id = arrange_signal(dsn, strategy, fired_at=datetime.now(UTC), entry_price=entry_price)
    return asyncio.run(_append(dsn, strategy, "signal", signal_id)), signal_id


def publish_close(dsn: str, strategy: ArrangedStrategy, signal_id: str) -> int:
    """Close the signal (cancelled by the user) and commit its `signal_closed` event; the event id."""
    sql_as_owner(dsn, "UPDATE signals SET status = 'cancelled', closed_at = now(), close_price = entry_price, "
                      "close_reason = 'user', gross_pnl = 0, slippage = 0, commission = 0, net_pnl = 0, "
                      "slippage_ticks = 0 WHERE id = %s", signal_id)
    return asyncio.run(_append(dsn, strategy, "signal_closed", signal_id))
