"""The live stream's use cases: where a connecting client's stream starts, its replay, what the
process's stream hub reads, and the pruning of old events.

Positions are event ids, which commit in id order (db/events.py): a client that has received id N
has everything of its own up to N, and resumes with `Last-Event-ID: N`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from db import events as events_db
from db import strategies as strategies_db
from db.pool import Cursor
from domain.signals.records import StreamEvent
from domain.strategy.errors import StrategyNotFound
from services.tx import Tx

ResetReason = Literal["pruned", "unknown"]


@dataclass(frozen=True)
class Start:
    """How a connection begins: replay (replay_after, position] first, unless `reset` says the
    client's id cannot be resumed from; then live events above `live_after`."""

    position: int
    replay_after: int | None = None
    reset: ResetReason | None = None
    live_after: int = 0


async def start(tx: Tx, *, position: int, last_event_id: int | None, strategy_id: str | None) -> Start:
    """`position` is where the process's hub stands (every event up to it has been read).

    - no Last-Event-ID: live from the position;
    - an id at or below the position: replay what came after it, unless events after it have been
      pruned (reset `pruned`);
    - an id above the position but handed out already: the client was served by a process further
      ahead than this one (another replica); nothing to replay, live events up to it are skipped;
    - an id never handed out: reset `unknown` (another database, or a made-up id).
    """
    if strategy_id is not None and await strategies_db.get(tx.cur, tx.caller(), strategy_id) is None:
        raise StrategyNotFound("No such strategy.")
    if last_event_id is None:
        return Start(position, live_after=position)
    if last_event_id > position:
        if last_event_id <= await events_db.last_issued(tx.cur):
            return Start(position, live_after=last_event_id)
        return Start(position, reset="unknown", live_after=position)
    if last_event_id < await events_db.pruned_through(tx.cur):
        return Start(position, reset="pruned", live_after=position)
    return Start(position, replay_after=last_event_id, live_after=position)


# A replay is read in pages of this many events, each in a transaction of its own.
REPLAY_PAGE = 500


async def replay_page(tx: Tx, *, after: int, upto: int, strategy_id: str | None,
                      instrument: str | None) -> list[StreamEvent]:
    """The caller's next events in (after, upto], oldest first, at most REPLAY_PAGE."""
    return await events_db.signal_events(tx.cur, after=after, upto=upto, user_id=tx.caller(),
                                         strategy_id=strategy_id, instrument=instrument, limit=REPLAY_PAGE)


# The hub reads at most this many events per round; it reads again at once when it got a full batch.
HUB_BATCH = 1000


async def hub_start(cur: Cursor) -> int:
    """Where a hub that has just started stands: the newest committed event."""
    return await events_db.tip(cur)


async def hub_batch(cur: Cursor, after: int) -> list[StreamEvent]:
    """Every user's events after `after`, oldest first (the hub runs as ex7_worker)."""
    return await events_db.signal_events(cur, after=after, limit=HUB_BATCH)


async def prune(cur: Cursor, retention_days: float) -> int:
    """Delete events older than the retention window (as ex7_worker); the number deleted."""
    return await events_db.prune(cur, retention_days * 86400)
