"""domain.market.snapshot: freshness (fresh / stale / closed) and the change on the session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest

from domain.market.snapshot import freshness, session_change, snapshot


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)


# Wednesday 2026-03-11, CDT (UTC-5): 10:00 CT = 15:00 UTC; the break is 21:00-22:00 UTC.
@pytest.mark.parametrize(("last_bar", "now", "expected"), [
    (utc(2026, 3, 11, 14, 59), utc(2026, 3, 11, 15, 0, 30), "fresh"),  # the newest bar closed 30 s ago
    (utc(2026, 3, 11, 14, 58), utc(2026, 3, 11, 15, 1, 0), "fresh"),  # closed 2 min ago: the limit
    (utc(2026, 3, 11, 14, 58), utc(2026, 3, 11, 15, 1, 1), "stale"),
    (None, utc(2026, 3, 11, 15, 0), "stale"),  # open and nothing at all
    (utc(2026, 3, 11, 20, 59), utc(2026, 3, 11, 21, 30), "closed"),  # the daily break
    (utc(2026, 3, 13, 20, 59), utc(2026, 3, 14, 12, 0), "closed"),  # Saturday
    (None, utc(2026, 3, 14, 12, 0), "closed"),
    (utc(2026, 4, 2, 20, 59), utc(2026, 4, 3, 15, 0), "closed"),  # Good Friday
    # The first minutes of a session: no bar of it can have closed yet, Friday's last bar is not stale.
    (utc(2026, 3, 13, 20, 59), utc(2026, 3, 15, 22, 1, 30), "fresh"),
    (utc(2026, 3, 13, 20, 59), utc(2026, 3, 15, 22, 2, 30), "stale"),
])
def test_freshness(last_bar: datetime | None, now: datetime, expected: str) -> None:
    assert freshness("MNQ", last_bar, now) == expected


def test_change_and_percent() -> None:
    assert session_change(D("20100.25"), D("20000.00")) == (D("100.25"), D("0.50"))
    assert session_change(D("5990.50"), D("6000.00")) == (D("-9.50"), D("-0.16"))
    assert session_change(D("6000"), D("6000")) == (D("0"), D("0.00"))
    assert session_change(D("6000.25"), D("6000")) == (D("0.25"), D("0.00"))  # never "-0.00"
    assert str(session_change(D("5999.75"), D("6000"))[1]) == "0.00"
    assert session_change(D("6000"), None) == (None, None)


def test_snapshot_prefers_the_previous_close_then_the_session_open() -> None:
    now = utc(2026, 3, 11, 15, 0, 30)
    last = utc(2026, 3, 11, 14, 59)
    s = snapshot("ES", now, last_bar_ts=last, last_close=D("6010"), previous_close=D("6000"),
                 session_first_open=D("5990"))
    assert (s.last_price, s.change, s.change_pct, s.status) == (D("6010"), D("10"), D("0.17"), "fresh")
    s = snapshot("ES", now, last_bar_ts=last, last_close=D("6010"), previous_close=None,
                 session_first_open=D("5990"))
    assert s.change == D("20")
    s = snapshot("ES", now + timedelta(days=3), last_bar_ts=None, last_close=None, previous_close=None,
                 session_first_open=None)
    assert (s.last_price, s.change, s.last_bar_ts, s.status) == (None, None, None, "closed")
