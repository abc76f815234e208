"""domain.billing.entitlements: the effective tier from a subscription and a comp, each ending on its own
date, and the caps' arithmetic at their boundary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.billing.entitlements import CompState, SubscriptionState, check_cap, entitlement, over_cap
from domain.billing.errors import CapReached
from domain.billing.tiers import DEFAULT_TIERS, TierId

NOW = datetime(2026, 12, 1, tzinfo=UTC)
TIERS = {t.id: t for t in DEFAULT_TIERS}


def sub(tier: TierId, status: str = "active", ends: datetime | None = None) -> SubscriptionState:
    return SubscriptionState("sub_1", tier, status, False, ends or NOW + timedelta(days=20))


def comp(tier: TierId, expires: datetime | None) -> CompState:
    return CompState(tier, expires, "why", "admin", NOW - timedelta(days=1))


@pytest.mark.parametrize("subscriptions,the_comp,expected", [
    ([], None, ("free", "free")),
    ([sub("pro")], None, ("pro", "stripe")),
    ([sub("pro", "past_due")], None, ("pro", "stripe")),  # Stripe is retrying: the tier stays
    ([sub("pro", "canceled")], None, ("free", "free")),
    ([sub("pro", "unpaid")], None, ("free", "free")),
    ([sub("pro")], comp("elite", NOW + timedelta(days=3)), ("elite", "comp")),  # the higher wins
    ([sub("elite")], comp("pro", None), ("elite", "stripe")),
    ([sub("pro")], comp("pro", None), ("pro", "stripe")),  # a tie names the subscription
    ([sub("pro")], comp("elite", NOW), ("pro", "stripe")),  # the comp ended: the subscription remains
    ([sub("pro", "canceled")], comp("elite", None), ("elite", "comp")),  # the subscription ended: the comp remains
])
def test_the_effective_tier(subscriptions: list[SubscriptionState], the_comp: CompState | None,
                            expected: tuple[str, str]) -> None:
    e = entitlement(DEFAULT_TIERS, subscriptions, the_comp, NOW)
    assert (e.tier.id, e.source) == expected


def test_a_cap_admits_exactly_its_limit_and_names_the_tier_that_lifts_it() -> None:
    check_cap(DEFAULT_TIERS, TIERS["free"], "max_strategies", 2)  # the third: allowed
    with pytest.raises(CapReached) as refused:
        check_cap(DEFAULT_TIERS, TIERS["free"], "max_strategies", 3)
    assert refused.value.extra == {"cap": "max_strategies", "limit": 3, "usage": 3, "tier": "free",
                                   "upgrade_to": "pro"}
    check_cap(DEFAULT_TIERS, TIERS["elite"], "max_strategies", 10**6)  # unlimited
    with pytest.raises(CapReached) as at_the_top:
        check_cap(DEFAULT_TIERS, TIERS["elite"], "max_running_runtimes", 20)
    assert at_the_top.value.extra["upgrade_to"] is None


def test_over_a_cap_the_newest_go_and_the_oldest_stay() -> None:
    assert over_cap(1, ["c", "b", "a"]) == ["c", "b"]
    assert over_cap(3, ["c", "b", "a"]) == [] and over_cap(None, ["a"]) == []
