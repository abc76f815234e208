"""The tier catalogue: prices and feature caps. Built in, replaceable by a JSON file (EX7_TIERS_FILE)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, cast

ALERT_CHANNELS = ("email", "telegram", "webhook", "sms")


TierId = Literal["free", "pro", "elite"]
TIER_IDS: tuple[TierId, ...] = ("free", "pro", "elite")


@dataclass(frozen=True)
class Tier:
    id: TierId
    name: str
    description: str
    price_monthly: Decimal
    currency: str
    max_strategies: int | None  # None: unlimited
    max_running_runtimes: int | None
    vix_generations_per_month: int | None
    alert_channels: tuple[str, ...]  # the channel types it includes
    max_alert_channels: int | None = None  # how many channels, of those types


DEFAULT_TIERS: tuple[Tier, ...] = (
    Tier("free", "Free", "Build and paper-trade a few strategies.", Decimal("0.00"), "usd", 3, 1, 5, ("email",), 2),
    Tier(
        "pro", "Pro", "More strategies running at once, Telegram and webhook alerts.",
        Decimal("49.00"), "usd", 25, 5, 100, ("email", "telegram", "webhook"), 10,
    ),
    Tier(
        "elite", "Elite", "No caps on strategies or generations.",
        Decimal("149.00"), "usd", None, 20, None, ("email", "telegram", "webhook"), 25,
    ),
)


class InvalidTierCatalogue(ValueError):
    """EX7_TIERS_FILE does not describe the tiers: a configuration error, refused at start."""


def parse_tiers(document: str) -> tuple[Tier, ...]:
    """Parse a tier catalogue from JSON: a list of objects with the fields of `Tier`."""
    try:
        raw: Any = json.loads(document)
        tiers = tuple(
            Tier(
                id=cast(TierId, str(t["id"])), name=str(t["name"]), description=str(t.get("description", "")),
                price_monthly=Decimal(str(t["price_monthly"])), currency=str(t.get("currency", "usd")),
                max_strategies=t.get("max_strategies"), max_running_runtimes=t.get("max_running_runtimes"),
                vix_generations_per_month=t.get("vix_generations_per_month"),
                alert_channels=tuple(t.get("alert_channels", ["email"])),
                max_alert_channels=t.get("max_alert_channels"),
            )
            for t in raw
        )
    except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
        raise InvalidTierCatalogue(f"Tier catalogue is not valid: {exc}") from exc
    ids = [t.id for t in tiers]
    if sorted(ids) != sorted(TIER_IDS):
        raise InvalidTierCatalogue("Tier catalogue must define exactly the tiers free, pro and elite.")
    for t in tiers:
        if t.price_monthly < 0 or any(c not in ALERT_CHANNELS for c in t.alert_channels):
            raise InvalidTierCatalogue(f"Tier {t.id}: negative price or unknown alert channel.")
    return tiers
