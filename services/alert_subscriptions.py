"""Alert subscriptions: which events of which strategy (or of all the caller's) go to which channel."""

from __future__ import annotations

from typing import Any

from db import alerts as alerts_db
from db import strategies as strategies_db
from domain.alerts.errors import ChannelDisabled, ChannelNotFound, ChannelNotVerified, SubscriptionNotFound
from domain.strategy.errors import StrategyNotFound
from services.tx import Tx

DEFAULT_EVENTS = ("signal", "signal_closed")


async def list_subscriptions(tx: Tx, *, strategy_id: str | None, channel_id: str | None) -> list[dict[str, Any]]:
    return await alerts_db.subscriptions_of(tx.cur, tx.caller(), strategy_id=strategy_id, channel_id=channel_id)


async def create_subscription(tx: Tx, *, strategy_id: str | None, channel_id: str,
                              events: list[str] | None) -> dict[str, Any]:
    user = tx.caller()
    if strategy_id is not None and await strategies_db.get(tx.cur, user, strategy_id) is None:
        raise StrategyNotFound("No such strategy.")
    channel = await alerts_db.get_channel(tx.cur, channel_id, lock=True)
    if channel is None:
        raise ChannelNotFound("No such alert channel.")
    if channel["disabled_at"] is not None:
        raise ChannelDisabled(f"This channel is disabled ({channel['disabled_reason']}).")
    if channel["verified_at"] is None:
        raise ChannelNotVerified("Verify this channel before subscribing it to anything.")
    return await alerts_db.insert_subscription(tx.cur, user_id=user, strategy_id=strategy_id, channel_id=channel_id,
                                               events=list(events or DEFAULT_EVENTS))


async def patch_subscription(tx: Tx, sub_id: str, *, enabled: bool | None, events: list[str] | None) -> dict[str, Any]:
    row = await alerts_db.update_subscription(tx.cur, sub_id, enabled=enabled, events=events)
    if row is None:
        raise SubscriptionNotFound("No such alert subscription.")
    return row


async def delete_subscription(tx: Tx, sub_id: str) -> None:
    if not await alerts_db.delete_subscription(tx.cur, sub_id):
        raise SubscriptionNotFound("No such alert subscription.")
