"""The retry schedule: Standard Webhooks' delays, their jitter, the dead letter, and a provider's Retry-After."""

from __future__ import annotations

import random

import pytest

from domain.alerts.schedule import MAX_ATTEMPTS, MAX_RETRY_AFTER_SECONDS, RETRY_DELAYS_SECONDS, next_delay

TABLE = [
    # failures so far, the delay before the next attempt (seconds)
    (1, 5),  # attempt 2: 5 s after the first failure
    (2, 5 * 60),
    (3, 30 * 60),
    (4, 2 * 3600),
    (5, 5 * 3600),
    (6, 10 * 3600),
    (7, 10 * 3600),  # attempt 8, the last
]


def test_the_schedule_is_standard_webhooks() -> None:
    assert RETRY_DELAYS_SECONDS == tuple(delay for _, delay in TABLE)
    assert MAX_ATTEMPTS == 8
    assert sum(RETRY_DELAYS_SECONDS) == 99305  # the last attempt is about 27.6 hours after the first


@pytest.mark.parametrize(("failures", "delay"), TABLE)
def test_without_jitter_the_delay_is_the_tables(failures: int, delay: float) -> None:
    assert next_delay(failures, rng=random.Random(0), jitter=0) == delay


@pytest.mark.parametrize(("failures", "delay"), TABLE)
def test_the_jitter_stays_within_its_band_and_spreads_over_it(failures: int, delay: float) -> None:
    rng = random.Random(20261125)
    draws = [next_delay(failures, rng=rng) for _ in range(500)]
    assert all(d is not None and delay * 0.9 <= d <= delay * 1.1 for d in draws)
    spread = [d for d in draws if d is not None]
    assert min(spread) < delay * 0.92 and max(spread) > delay * 1.08  # the band is used, not one point of it
    wide = [next_delay(failures, rng=rng, jitter=0.5) for _ in range(200)]
    assert all(d is not None and delay * 0.5 <= d <= delay * 1.5 for d in wide)


def test_the_same_seed_gives_the_same_delays() -> None:
    def run(seed: int) -> list[float | None]:
        rng = random.Random(seed)
        return [next_delay(f, rng=rng) for f in range(1, MAX_ATTEMPTS + 1)]

    assert run(7) == run(7)
    assert run(7) != run(8)


@pytest.mark.parametrize("failures", [MAX_ATTEMPTS, MAX_ATTEMPTS + 1, 100])
def test_after_the_eighth_failure_the_delivery_is_dead_lettered(failures: int) -> None:
    assert next_delay(failures, rng=random.Random(0)) is None
    # A provider's Retry-After does not revive it.
    assert next_delay(failures, rng=random.Random(0), retry_after=10) is None


@pytest.mark.parametrize("failures", [0, -1])
def test_fewer_than_one_failure_is_a_bug(failures: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        next_delay(failures, rng=random.Random(0))


@pytest.mark.parametrize("jitter", [-0.1, 1.0, 2.0])
def test_a_jitter_outside_zero_to_one_is_a_bug(jitter: float) -> None:
    with pytest.raises(ValueError, match="jitter"):
        next_delay(1, rng=random.Random(0), jitter=jitter)


RETRY_AFTER = [
    # failures, retry_after, the delay (jitter 0)
    (1, 60, 60),  # Telegram asks for a minute: longer than the table's 5 s
    (1, 2, 5),  # a shorter ask never brings the retry forward
    (3, 0, 1800),
    (3, -5, 1800),
    (2, 3600.5, 3600.5),
    (1, 10 * 86400, MAX_RETRY_AFTER_SECONDS),  # capped at a day
    (1, float("inf"), MAX_RETRY_AFTER_SECONDS),
    (1, float("nan"), 5),  # nonsense from a provider is ignored
]


@pytest.mark.parametrize(("failures", "retry_after", "delay"), RETRY_AFTER)
def test_a_providers_retry_after_is_a_floor(failures: int, retry_after: float, delay: float) -> None:
    assert next_delay(failures, rng=random.Random(0), jitter=0, retry_after=retry_after) == delay
    assert MAX_RETRY_AFTER_SECONDS == 86400
