"""Rate limits as token buckets: parsing the settings' "N/minute" form and keeping one bucket per key."""

from __future__ import annotations

import re
import time
from collections import OrderedDict

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour)\s*$")
_WINDOWS = {"second": 1.0, "minute": 60.0, "hour": 3600.0}


def parse_rate(text: str) -> tuple[int, float] | None:
    """'30/minute' -> (30, 60.0); 'off' or '0/...' -> None (no limit). ValueError otherwise."""
    if text.strip().lower() in ("off", "none", ""):
        return None
    match = _RATE.match(text.lower())
    if match is None:
        raise ValueError(f"{text!r} is not a rate like 30/minute (or off)")
    count = int(match.group(1))
    return (count, _WINDOWS[match.group(2)]) if count > 0 else None


class TokenBuckets:
    """One token bucket per key: `count` requests at once, refilled at count/window per second.

    In memory, per process: N API replicas allow N times the rate. The least recently used keys are
    forgotten past `capacity`, so a flood of distinct addresses cannot grow it without bound.
    """

    def __init__(self, count: int, window: float, *, capacity: int = 100_000) -> None:
        self.count = count
        self.rate = count / window
        self.capacity = capacity
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str, now: float | None = None) -> float:
        """Take a token for `key`: 0 when allowed, else the seconds until one is available."""
        now = time.monotonic() if now is None else now
        tokens, at = self._buckets.get(key, (float(self.count), now))
        tokens = min(float(self.count), tokens + (now - at) * self.rate)
        wait = 0.0
        if tokens >= 1:
            tokens -= 1
        else:
            wait = (1 - tokens) / self.rate
        self._buckets[key] = (tokens, now)
        self._buckets.move_to_end(key)
        while len(self._buckets) > self.capacity:
            self._buckets.popitem(last=False)
        return wait
