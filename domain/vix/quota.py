"""The Vix quota: generations per calendar month (UTC) from the tier, and the refusal at the cap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from domain.vix.errors import QuotaExceeded

# A reservation older than this belongs to a generation whose process died: it stops counting. Longer
# than any generation can take (the language model's timeout and its repairs).
RESERVATION_SECONDS = 300.0


def month_bounds(now: datetime) -> tuple[datetime, datetime]:
    """The calendar month (UTC) holding `now`: [start, end)."""
    at = now.astimezone(UTC)
    start = datetime(at.year, at.month, 1, tzinfo=UTC)
    end = datetime(at.year + 1, 1, 1, tzinfo=UTC) if at.month == 12 else datetime(at.year, at.month + 1, 1, tzinfo=UTC)
    return start, end


def _iso(ts: datetime) -> str:
    return ts.isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Quota:
    tier: str
    used: int
    limit: int | None  # None: unlimited
    period_start: datetime
    period_end: datetime

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - self.used)

    def to_json(self) -> dict[str, Any]:
        """The contract's VixQuota."""
        return {"tier": self.tier, "used": self.used, "limit": self.limit, "remaining": self.remaining,
                "period_start": _iso(self.period_start), "period_end": _iso(self.period_end)}

    def check_one_more(self, now: datetime) -> None:
        """QuotaExceeded when none is left: Retry-After is the time until the period resets."""
        if self.limit is None or self.used < self.limit:
            return
        wait = max(1, int((self.period_end - now).total_seconds()) + 1)
        raise QuotaExceeded(
            f"The {self.tier} tier's {self.limit} Vix generations this month are used up; the quota resets at "
            f"{_iso(self.period_end)}.", retry_after_seconds=wait, quota=self.to_json())
