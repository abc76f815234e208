"""bars: OHLCV reference data (no RLS), written by `ex7 bars import` and the feeds, read by the API.

Writes are idempotent upserts: a row whose values are already stored is not touched, so importing
a file twice (or a feed backfilling what it wrote before) changes nothing. A write never overwrites
a row from a more authoritative source (import > replay > synthetic): the demo feed cannot clobber
imported history.

The doorbell (DESIGN §3): `notify_bar` rings `pg_notify('bars', '<instrument>:<timeframe>:<ts iso>')`
inside the writing transaction, so it is delivered on commit, only if the bars are really there.
It carries the newest bar's identity, never its values: a listener reads the table (everything after
what it last saw), so a missed or coalesced notification loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Literal

from db.pool import Cursor
from domain.market.bars import StoredBar

Source = Literal["synthetic", "replay", "import"]
CHANNEL = "bars"
# Rows are sent in batches of this many (one statement each): big enough to amortise the round
# trip, small enough to keep a statement's arrays a few MB.
BATCH = 5000

_RANK = "ARRAY['synthetic', 'replay', 'import']"
_UPSERT = f"""
    WITH written AS (
        INSERT INTO bars AS b (instrument, timeframe, ts, open, high, low, close, volume, source)
        SELECT %s, %s, r.ts, r.open, r.high, r.low, r.close, r.volume, %s
        FROM unnest(%s::timestamptz[], %s::numeric[], %s::numeric[], %s::numeric[], %s::numeric[], %s::bigint[])
             AS r (ts, open, high, low, close, volume)
        ON CONFLICT (instrument, timeframe, ts) DO UPDATE
            SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
                volume = EXCLUDED.volume, source = EXCLUDED.source, updated_at = now()
            WHERE (b.open, b.high, b.low, b.close, b.volume, b.source)
                      IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close,
                                        EXCLUDED.volume, EXCLUDED.source)
              AND array_position({_RANK}, b.source) <= array_position({_RANK}, EXCLUDED.source)
        RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
"""


@dataclass
class Written:
    """What an upsert did: rows inserted, rows changed, rows left as they were (same values, or
    kept because they came from a more authoritative source)."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    def __iadd__(self, other: Written) -> Written:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        return self

    @property
    def total(self) -> int:
        return self.inserted + self.updated + self.unchanged


def _array(values: Iterable[Any]) -> str:
    # An array literal built here is several times faster to send than psycopg2's per-element
    # adaptation; the values are Decimals, ints and ISO timestamps, which need no quoting.
    return "{" + ",".join(map(str, values)) + "}"


async def upsert(cur: Cursor, instrument: str, timeframe: str, bars: Sequence[StoredBar], *, source: Source,
                 batch: int = BATCH) -> Written:
    """Insert or update `bars` of one instrument and timeframe; returns what changed."""
    result = Written()
    for start in range(0, len(bars), batch):
        chunk = bars[start:start + batch]
        await cur.execute(_UPSERT, (
            instrument, timeframe, source,
            _array(b.ts.isoformat() for b in chunk),
            _array(b.open for b in chunk), _array(b.high for b in chunk),
            _array(b.low for b in chunk), _array(b.close for b in chunk),
            _array(b.volume for b in chunk),
        ))
        inserted, updated = await cur.fetchone()
        result += Written(inserted, updated, len(chunk) - inserted - updated)
    return result


def _bar(row: tuple[Any, ...]) -> StoredBar:
    ts: datetime = row[0]
    return StoredBar(ts.astimezone(UTC), row[1], row[2], row[3], row[4], row[5])


async def between(cur: Cursor, instrument: str, timeframe: str, start: datetime | None = None,
                  end: datetime | None = None) -> list[StoredBar]:
    """Bars opening in [start, end) (either bound may be open), oldest first."""
    await cur.execute(
        """SELECT ts, open, high, low, close, volume FROM bars
           WHERE instrument = %(instrument)s AND timeframe = %(timeframe)s
             AND (%(start)s::timestamptz IS NULL OR ts >= %(start)s)
             AND (%(end)s::timestamptz IS NULL OR ts < %(end)s)
           ORDER BY ts""",
        {"instrument": instrument, "timeframe": timeframe, "start": start, "end": end},
    )
    return [_bar(row) for row in await cur.fetchall()]


async def count(cur: Cursor, instrument: str, timeframe: str, start: datetime, end: datetime) -> int:
    """How many bars open in [start, end)."""
    await cur.execute(
        "SELECT count(*) FROM bars WHERE instrument = %s AND timeframe = %s AND ts >= %s AND ts < %s",
        (instrument, timeframe, start, end),
    )
    found: int = (await cur.fetchone())[0]
    return found


async def latest(cur: Cursor, instruments: Sequence[str], timeframe: str = "1m") -> dict[str, StoredBar]:
    """The newest bar of each instrument that has one (one index probe per instrument)."""
    await cur.execute(
        """SELECT i.symbol, last.ts, last.open, last.high, last.low, last.close, last.volume
           FROM unnest(%s::text[]) AS i (symbol)
           JOIN LATERAL (SELECT ts, open, high, low, close, volume FROM bars
                         WHERE instrument = i.symbol AND timeframe = %s
                         ORDER BY ts DESC LIMIT 1) AS last ON true""",
        (list(instruments), timeframe),
    )
    return {row[0]: _bar(row[1:]) for row in await cur.fetchall()}


async def session_references(cur: Cursor, sessions: dict[str, datetime],
                             timeframe: str = "1m") -> dict[str, tuple[Decimal | None, Decimal | None]]:
    """Per instrument, given the start of its current session: (the last close before it, the open of
    the session's first bar). Either is None when there is no such bar."""
    if not sessions:
        return {}
    symbols = list(sessions)
    await cur.execute(
        """SELECT s.symbol,
                  (SELECT close FROM bars WHERE instrument = s.symbol AND timeframe = %s AND ts < s.start
                   ORDER BY ts DESC LIMIT 1),
                  (SELECT open FROM bars WHERE instrument = s.symbol AND timeframe = %s AND ts >= s.start
                   ORDER BY ts LIMIT 1)
           FROM unnest(%s::text[], %s::timestamptz[]) AS s (symbol, start)""",
        (timeframe, timeframe, symbols, [sessions[s] for s in symbols]),
    )
    return {row[0]: (row[1], row[2]) for row in await cur.fetchall()}


async def extent(cur: Cursor, instrument: str, timeframe: str) -> tuple[datetime, datetime, int] | None:
    """(first ts, last ts, count) of the stored bars of one series, or None when it has none."""
    await cur.execute(
        "SELECT min(ts), max(ts), count(*) FROM bars WHERE instrument = %s AND timeframe = %s",
        (instrument, timeframe),
    )
    first, last, count = await cur.fetchone()
    if not count:
        return None
    return first.astimezone(UTC), last.astimezone(UTC), count


def doorbell_payload(instrument: str, timeframe: str, ts: datetime) -> str:
    return f"{instrument}:{timeframe}:{ts.astimezone(UTC).isoformat()}"


def parse_doorbell(payload: str) -> tuple[str, str, datetime]:
    """The inverse of `doorbell_payload`: (instrument, timeframe, bar open time)."""
    instrument, timeframe, ts = payload.split(":", 2)
    return instrument, timeframe, datetime.fromisoformat(ts)


async def notify_bar(cur: Cursor, instrument: str, timeframe: str, ts: datetime) -> None:
    """Ring the doorbell for the bar (instrument, timeframe, ts); delivered when the transaction commits."""
    await cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, doorbell_payload(instrument, timeframe, ts)))


async def arrived(cur: Cursor, instrument: str, timeframe: str, *, after_ts: datetime | None,
                  arrived_after: datetime, limit: int) -> list[tuple[StoredBar, datetime, str]]:
    """Bars opening after `after_ts` (if given) that were written after `arrived_after`, oldest first,
    with when each was written and its source: what a runtime has not processed yet."""
    await cur.execute(
        """SELECT ts, open, high, low, close, volume, updated_at, source FROM bars
           WHERE instrument = %(instrument)s AND timeframe = %(timeframe)s
             AND (%(after)s::timestamptz IS NULL OR ts > %(after)s) AND updated_at > %(arrived)s
           ORDER BY ts LIMIT %(limit)s""",
        {"instrument": instrument, "timeframe": timeframe, "after": after_ts, "arrived": arrived_after,
         "limit": limit},
    )
    return [(_bar(row), row[6], row[7]) for row in await cur.fetchall()]


async def history(cur: Cursor, instrument: str, timeframe: str, *, arrived_by: datetime, count: int,
                  since: datetime | None = None) -> list[StoredBar]:
    """The newest `count` bars written by `arrived_by` (and, with `since`, every such bar opening at or
    after it), oldest first: a runtime's warm-up."""
    await cur.execute(
        """(SELECT ts, open, high, low, close, volume FROM bars
            WHERE instrument = %(instrument)s AND timeframe = %(timeframe)s AND updated_at <= %(by)s
            ORDER BY ts DESC LIMIT %(count)s)
           UNION
           (SELECT ts, open, high, low, close, volume FROM bars
            WHERE instrument = %(instrument)s AND timeframe = %(timeframe)s AND updated_at <= %(by)s
              AND %(since)s::timestamptz IS NOT NULL AND ts >= %(since)s)
           ORDER BY ts""",
        {"instrument": instrument, "timeframe": timeframe, "by": arrived_by, "count": count, "since": since},
    )
    return [_bar(row) for row in await cur.fetchall()]


async def newest(cur: Cursor, instrument: str, timeframe: str = "1m") -> tuple[StoredBar, float] | None:
    """The newest bar of a series and how many seconds ago (database time) it was written."""
    await cur.execute(
        """SELECT ts, open, high, low, close, volume, extract(epoch FROM now() - updated_at)::float8 FROM bars
           WHERE instrument = %s AND timeframe = %s ORDER BY ts DESC LIMIT 1""",
        (instrument, timeframe),
    )
    row = await cur.fetchone()
    return None if row is None else (_bar(row), float(row[6]))


async def processed_by(cur: Cursor, runtime_id: str, instrument: str, timeframe: str,
                       audited_since: datetime) -> list[StoredBar]:
    """The bars a runtime evaluated (it audited them) since `audited_since`, oldest first."""
    await cur.execute(
        """SELECT b.ts, b.open, b.high, b.low, b.close, b.volume
           FROM signal_audit a
           JOIN bars b ON b.instrument = %(instrument)s AND b.timeframe = %(timeframe)s AND b.ts = a.bar_ts
           WHERE a.runtime_id = %(runtime)s AND a.created_at >= %(since)s
           ORDER BY b.ts""",
        {"instrument": instrument, "timeframe": timeframe, "runtime": runtime_id, "since": audited_since},
    )
    return [_bar(row) for row in await cur.fetchall()]
