"""What a user's tier allows: the one function that decides it (`entitlement`), and the check at each
place a cap bites (`check_cap`).

The effective tier is the higher of a paid subscription that entitles (trialing, active, or past_due:
while Stripe retries a failed payment the user keeps the tier; when Stripe gives up the subscription
becomes canceled or unpaid and entitles nothing) and an admin comp that has not expired. Each ends on
its own date: a comp over a cancelled subscription keeps the comp's tier after the period ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar

from domain.billing.errors import CapReached
from domain.billing.tiers import TIER_IDS, Tier, TierId

T = TypeVar("T")
ENTITLING_STATUSES = frozenset({"trialing", "active", "past_due"})
Source = Literal["stripe", "comp", "free"]
Cap = Literal["max_strategies", "max_running_runtimes", "vix_generations_per_month", "max_alert_channels"]  # counted


@dataclass(frozen=True)
class SubscriptionState:
    id: str
    tier: TierId
    status: str
    cancel_at_period_end: bool
    current_period_end: datetime | None


@dataclass(frozen=True)
class CompState:
    tier: TierId
    expires_at: datetime | None
    reason: str
    granted_by: str
    granted_at: datetime

    def active(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now


@dataclass(frozen=True)
class Entitlement:
    tier: Tier
    source: Source
    subscription: SubscriptionState | None  # the one shown: entitling if any, else the newest
    comp: CompState | None  # active only


def _rank(tier: TierId) -> int:
    return TIER_IDS.index(tier)


def effective_tier(subscriptions: Sequence[SubscriptionState], comp: CompState | None,
                   now: datetime) -> tuple[TierId, Source]:
    """The user's effective tier and where it comes from. The higher tier wins; on a tie the paid
    subscription is named (it is what the user manages)."""
    candidates: list[tuple[TierId, Source]] = [("free", "free")]
    candidates += [(s.tier, "stripe") for s in subscriptions if s.status in ENTITLING_STATUSES]
    if comp is not None and comp.active(now):
        candidates.append((comp.tier, "comp"))
    return max(candidates, key=lambda c: (_rank(c[0]), c[1] == "stripe"))


def entitlement(tiers: Sequence[Tier], subscriptions: Sequence[SubscriptionState], comp: CompState | None,
                now: datetime) -> Entitlement:
    """The user's effective tier, where it comes from, and the subscription and comp behind it.
    `subscriptions` newest first."""
    by_id = {t.id: t for t in tiers}
    tier_id, source = effective_tier(subscriptions, comp, now)
    entitling = [s for s in subscriptions if s.status in ENTITLING_STATUSES]
    paid = max(entitling, key=lambda s: _rank(s.tier), default=None)
    shown = paid or (subscriptions[0] if subscriptions else None)
    return Entitlement(by_id[tier_id], source, shown, comp if comp is not None and comp.active(now) else None)


def upgrade_for(tiers: Sequence[Tier], cap: Cap, needed: int) -> TierId | None:
    """The lowest tier whose `cap` admits a count of `needed`, or None."""
    for tier in sorted(tiers, key=lambda t: _rank(t.id)):
        limit = getattr(tier, cap)
        if limit is None or needed <= limit:
            return tier.id
    return None


def check_cap(tiers: Sequence[Tier], current: Tier, cap: Cap, usage: int, *, adding: int = 1) -> None:
    """CapReached when `usage + adding` exceeds the current tier's cap (None: unlimited)."""
    limit = getattr(current, cap)
    if limit is None or usage + adding <= limit:
        return
    lifts = upgrade_for(tiers, cap, usage + adding)
    names = {"max_strategies": "strategies", "max_running_runtimes": "running strategies",
             "vix_generations_per_month": "Vix generations this month", "max_alert_channels": "alert channels"}
    lift = f"; the {lifts} tier allows more" if lifts is not None else ""
    raise CapReached(f"The {current.name} tier allows {limit} {names.get(cap, cap)}; you have {usage}{lift}.",
                     cap=cap, limit=limit, usage=usage, tier=current.id, upgrade_to=lifts)


def over_cap(limit: int | None, running_newest_first: Sequence[T]) -> list[T]:
    """The runtimes to stop when only `limit` may run: the newest beyond it (the oldest keep running)."""
    if limit is None or len(running_newest_first) <= limit:
        return []
    return list(running_newest_first[: len(running_newest_first) - limit])
