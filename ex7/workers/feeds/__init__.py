"""Market-data feeds behind one interface (ex7.workers.feeds.base.Feed), chosen by EX7_FEED.

- `synthetic` (ex7/workers/feeds/synthetic.py): seeded demo bars, backfill then one bar a minute.
- `replay` (ex7/workers/feeds/replay.py): EX7_REPLAY_FILE, or the stored bars, at EX7_REPLAY_SPEED.
- `none`: no feed (bars come from `ex7 bars import` or another process).

`ex7 serve` runs the feed in its own process, as a loop of the app's supervisor
(ex7.workers.supervisor), which restarts it when it crashes.
"""

from __future__ import annotations

import logging

from domain.market.instruments import INSTRUMENTS
from ex7.clock import Clock
from ex7.settings import Settings, SettingsError
from ex7.workers.feeds.base import BarSink, Feed
from ex7.workers.feeds.replay import CsvSource, ReplayFeed, ReplaySource, StoredSource
from ex7.workers.feeds.synthetic import SyntheticFeed

log = logging.getLogger(__name__)

__all__ = ["BarSink", "Feed", "ReplayFeed", "SyntheticFeed", "build_feed", "feed_instruments"]


def feed_instruments(settings: Settings) -> list[str]:
    symbols = [s.strip().upper() for s in settings.ex7_feed_instruments.split(",") if s.strip()]
    unknown = [s for s in symbols if s not in INSTRUMENTS]
    if unknown or not symbols:
        raise SettingsError(f"EX7_FEED_INSTRUMENTS: unknown instrument(s) {', '.join(unknown) or '(none given)'}; "
                            f"expected some of {', '.join(INSTRUMENTS)}.")
    return symbols


def build_feed(settings: Settings, dsn: str, clock: Clock) -> Feed | None:
    """The feed EX7_FEED names, or None. Unset counts as `none` here; `ex7 serve` defaults it to synthetic."""
    kind = settings.ex7_feed or "none"
    if kind == "none":
        return None
    instruments = feed_instruments(settings)
    timeout = settings.db_timeout_seconds
    if kind == "synthetic":
        return SyntheticFeed(BarSink(dsn, source="synthetic", timeout=timeout), clock, instruments,
                             seed=settings.ex7_feed_seed, backfill_days=settings.ex7_feed_backfill_days)
    if len(instruments) != 1:
        raise SettingsError("EX7_FEED=replay plays one instrument: set EX7_FEED_INSTRUMENTS to a single symbol.")
    source: ReplaySource = (CsvSource(settings.ex7_replay_file, instruments[0], clock)
                            if settings.ex7_replay_file is not None
                            else StoredSource(dsn, instruments[0], settings.ex7_replay_from))
    return ReplayFeed(BarSink(dsn, source="replay", timeout=timeout), clock, instruments[0], source,
                      speed=settings.ex7_replay_speed)
