"""The caller's delivery log: pages, one delivery with its attempts, and the replay of a dead letter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from db import alerts as alerts_db
from domain.alerts.errors import ChannelDisabled, ChannelNotFound, DeliveryNotFailed, DeliveryNotFound
from domain.errors import InvalidRange
from domain.pagination import decode_time_id_cursor, encode_cursor
from services.tx import Tx


@dataclass(frozen=True)
class DeliveryPage:
    items: list[dict[str, Any]]
    next_cursor: str | None


async def list_deliveries(tx: Tx, *, strategy_id: str | None, status: str | None, start: datetime | None,
                          end: datetime | None, cursor: str | None, limit: int) -> DeliveryPage:
    if start is not None and end is not None and start > end:
        raise InvalidRange("`from` must not be after `to`.")
    after = decode_time_id_cursor(cursor) if cursor else None
    rows = await alerts_db.deliveries_page(tx.cur, tx.caller(), strategy_id=strategy_id, status=status, start=start,
                                           end=end, after=after, limit=limit)
    page, more = rows[:limit], len(rows) > limit
    return DeliveryPage(page, encode_cursor(page[-1]["created_at"], page[-1]["id"]) if more else None)


async def get_delivery(tx: Tx, delivery_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    row = await alerts_db.get_delivery(tx.cur, delivery_id)
    if row is None:
        raise DeliveryNotFound("No such delivery.")
    return row, await alerts_db.attempts_of(tx.cur, delivery_id)


async def replay(tx: Tx, delivery_id: str) -> dict[str, Any]:
    """A dead letter goes out again, from the start of the schedule, with the content it had."""
    row = await alerts_db.get_delivery(tx.cur, delivery_id, lock=True)
    if row is None:
        raise DeliveryNotFound("No such delivery.")
    if row["status"] != "failed":
        raise DeliveryNotFailed(f"Only a failed delivery can be replayed; this one is {row['status']}.",
                                current=row["status"])
    channel = await alerts_db.get_channel(tx.cur, str(row["channel_id"]))
    if channel is None:
        raise ChannelNotFound("The channel of this delivery was deleted.")
    if channel["disabled_at"] is not None:
        raise ChannelDisabled(f"The channel of this delivery is disabled ({channel['disabled_reason']}).")
    return await alerts_db.requeue(tx.cur, delivery_id, tx.clock.now())
