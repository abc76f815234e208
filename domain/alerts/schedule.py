"""When a failed delivery is tried again: Standard Webhooks' schedule, the same for every channel type.

Attempt 1 goes out at once; after each failure the next waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h,
so a receiver that is down for a day still gets the alert, and after the 8th failed attempt (about
27.5 hours in) the delivery is dead-lettered: marked failed, replayable by hand. The delays are
jittered so that the deliveries of one outage do not all come back in the same second.
"""

from __future__ import annotations

import math
import random

RETRY_DELAYS_SECONDS: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 36000)
MAX_ATTEMPTS = 8
MAX_RETRY_AFTER_SECONDS = 86400.0  # a provider asking for longer than a day is not honoured beyond it

assert len(RETRY_DELAYS_SECONDS) == MAX_ATTEMPTS - 1  # one delay between each two attempts


def next_delay(failures: int, *, rng: random.Random, jitter: float = 0.1,
               retry_after: float | None = None) -> float | None:
    """Seconds to wait before the next attempt, after `failures` consecutive failed attempts; None when
    that was the last allowed (dead letter).

    The table's delay is multiplied by a factor uniform in [1 - jitter, 1 + jitter] drawn from `rng`
    (passed in, so that tests and replays are reproducible). A provider's `retry_after` (Telegram's
    429, an HTTP Retry-After) makes the wait at least that long, capped at MAX_RETRY_AFTER_SECONDS;
    it never brings a retry forward, and never revives a dead letter."""
    if failures < 1:
        raise ValueError(f"failures must be at least 1, not {failures}")
    if not 0 <= jitter < 1:
        raise ValueError(f"jitter must be in [0, 1), not {jitter}")
    if failures >= MAX_ATTEMPTS:
        return None
    delay = RETRY_DELAYS_SECONDS[failures - 1] * rng.uniform(1 - jitter, 1 + jitter)
    if retry_after is not None and not math.isnan(retry_after):
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER_SECONDS))
    return delay
