"""The tier caps where they bite: a strategy created, a runtime started, an alert channel added; and
what a lower tier does to runtimes above its cap.

Each check takes the user's billing lock first, so that two requests at the boundary cannot both
pass (the second counts what the first added). Over a cap: 403 `tier_cap_reached` naming the cap,
the usage and the tier that lifts it.

A downgrade (a subscription ending, a comp expiring, a lower plan) leaves runtimes above the new cap
of running strategies: the newest are stopped (drained, as a stop by hand: the dispatcher closes
their positions), with a `runtime_status` event saying why; the oldest keep running.
"""

from __future__ import annotations

from db import alerts as alerts_db
from db import billing as billing_db
from db import events as events_db
from db import runtimes as runtimes_db
from domain.alerts.errors import ChannelTypeNotInTier
from domain.billing.entitlements import Entitlement, check_cap, entitlement, over_cap
from services.tx import Tx


async def of_user(tx: Tx, user_id: str | None = None) -> Entitlement:
    """The user's (default: the caller's) effective tier, from their subscriptions and comp."""
    user = user_id or tx.caller()
    subscriptions = await billing_db.subscriptions_of(tx.cur, user)
    comp = await billing_db.current_comp(tx.cur, user)
    return entitlement(tx.tiers, subscriptions, comp, tx.clock.now())


async def check_new_strategy(tx: Tx) -> None:
    user = tx.caller()
    await billing_db.lock_billing(tx.cur, user)
    current = await of_user(tx)
    check_cap(tx.tiers, current.tier, "max_strategies", await billing_db.strategies_count(tx.cur, user))


async def check_new_channel(tx: Tx, channel_type: str) -> None:
    """Before adding an alert channel: its type must be in the caller's tier, and one more within the cap."""
    user = tx.caller()
    await billing_db.lock_billing(tx.cur, user)
    current = await of_user(tx)
    if channel_type not in current.tier.alert_channels:
        lifts = next((t for t in tx.tiers if channel_type in t.alert_channels), None)
        raise ChannelTypeNotInTier(
            f"The {current.tier.name} tier does not include {channel_type} alerts"
            + (f"; the {lifts.name} tier does." if lifts else "."),
            tier=current.tier.id, channel_type=channel_type, upgrade_to=lifts.id if lifts else None)
    check_cap(tx.tiers, current.tier, "max_alert_channels", await alerts_db.count_channels(tx.cur, user))


async def check_runtime_start(tx: Tx, strategy_id: str, mode: str) -> None:
    """Before (re)starting the (strategy, mode) runtime; one already active is not counted again."""
    user = tx.caller()
    await billing_db.lock_billing(tx.cur, user)
    active = [r for r in await billing_db.active_runtimes(tx.cur, user)
              if (r["strategy_id"], r["mode"]) != (strategy_id, mode)]
    current = await of_user(tx)
    check_cap(tx.tiers, current.tier, "max_running_runtimes", len(active))


async def enforce_runtime_cap(tx: Tx, user_id: str) -> list[str]:
    """Stop the user's newest runtimes above their tier's cap; the ids of those stopped. Draining ones
    are on their way out already and count for nothing here."""
    await billing_db.lock_billing(tx.cur, user_id)
    current = await of_user(tx, user_id)
    active = [r for r in await billing_db.active_runtimes(tx.cur, user_id) if r["status"] != "draining"]
    stopped = []
    for runtime in over_cap(current.tier.max_running_runtimes, active):
        status = await runtimes_db.halt(tx.cur, runtime["id"])
        await runtimes_db.notify_change(tx.cur, runtime["id"])
        await events_db.append(tx.cur, user_id=user_id, kind="runtime_status", strategy_id=runtime["strategy_id"],
                               runtime_id=runtime["id"],
                               payload={"runtime_id": runtime["id"], "status": status, "reason": "tier_cap",
                                        "tier": current.tier.id})
        stopped.append(runtime["id"])
    return stopped


async def enforce_after_ended_comps(tx: Tx, within_seconds: float) -> list[str]:
    """The runtime cap for every user whose comp ended in the last `within_seconds` (a comp ends on a
    date, with no event to say so); the ids of the runtimes stopped. Repeating it changes nothing."""
    stopped: list[str] = []
    for user in await billing_db.users_with_comps_ended(tx.cur, within_seconds):
        stopped += await enforce_runtime_cap(tx, user)
    return stopped
