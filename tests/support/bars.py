"""Hand-written OHLC bars for engine scenarios: one minute apart from T0, Tuesday 2025-03-04 09:00 CST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.engine import Bar

T0 = datetime(2025, 3, 4, 15, 0, tzinfo=UTC)  # 09:00 in Chicago (CST, UTC-6)


def bars(*rows: tuple[float, float, float, float], start: datetime = T0, step: timedelta = timedelta(minutes=1),
         volume: float = 100.0) -> list[Bar]:
    """One bar per (open, high, low, close), `step` apart from `start`."""
    return [Bar(start + i * step, o, h, lo, c, volume) for i, (o, h, lo, c) in enumerate(rows)]
