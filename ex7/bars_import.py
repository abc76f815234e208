"""`ex7 bars import FILE --instrument X --timeframe T`: load an OHLCV CSV into `bars`.

All or nothing: the whole file is parsed and validated first (domain.market.bars.parse_bars_csv); if any
row is bad, every bad row is reported with its line number and nothing is written. Otherwise the
bars are upserted in ONE transaction, together with the higher timeframes rebuilt from them
(services.market_data.refresh_aggregates) unless --no-aggregate: a failure half way leaves the table as
it was. Upserts are idempotent, so importing the same file twice changes nothing the second time.
The import rings no doorbell: history is not a live bar.

Exit codes: 0 imported (or nothing to change), 2 bad input (bad rows, unreadable file, bad options),
1 the database failed (nothing was written: the transaction rolled back).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

import psycopg2

from db import bars as bars_db
from db.errors import DatabaseUnavailable
from db.pool import connect, transaction_on
from domain.market.bars import CsvResult, counting_lines, derived_timeframes, parse_bars_csv
from domain.market.instruments import INSTRUMENTS, TIMEFRAMES
from ex7.clock import Clock, SystemClock
from ex7.db_check import one_line
from ex7.progress import Progress
from services.market_data import affected_days, refresh_aggregates

MAX_ERRORS_SHOWN = 50
EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_DATABASE = 1


@dataclass
class ImportOptions:
    file: Path
    instrument: str
    timeframe: str
    aggregate: bool = True
    progress: bool | None = None  # None: when stderr is a terminal


def read(options: ImportOptions, *, now: datetime, err: TextIO) -> CsvResult:
    size = options.file.stat().st_size
    show = options.progress if options.progress is not None else err.isatty()
    bar = Progress("reading", size, enabled=show, unit="B", stream=err)
    with options.file.open(newline="", encoding="utf-8-sig") as f:
        result = parse_bars_csv(counting_lines(f, bar.update), options.instrument, options.timeframe, now=now)
    bar.finish()
    return result


async def write(dsn: str, options: ImportOptions, result: CsvResult, *, now: datetime,
                err: TextIO) -> dict[str, bars_db.Written]:
    """Everything in one transaction: the imported bars, then the timeframes derived from them."""
    bars = result.bars
    show = options.progress if options.progress is not None else err.isatty()
    derived = derived_timeframes(options.timeframe) if options.aggregate else ()
    # Derived rows are ~0.9x the 1m rows (1/2 + 1/5 + ... + 1/1380); count them in the bar's total.
    progress = Progress("writing", len(bars) * (2 if derived else 1), enabled=show, unit=" bars", stream=err)
    done = 0
    out: dict[str, bars_db.Written] = {}
    conn = await connect(dsn)
    try:
        async with transaction_on(conn) as cur:
            written = bars_db.Written()
            for start in range(0, len(bars), bars_db.BATCH):
                chunk = bars[start:start + bars_db.BATCH]
                written += await bars_db.upsert(cur, options.instrument, options.timeframe, chunk, source="import")
                done += len(chunk)
                progress.update(done)
            out[options.timeframe] = written
            if derived:
                start_day, end_day = affected_days(options.instrument, bars)

                def step(n: int) -> None:
                    nonlocal done
                    done += n
                    progress.update(done)

                for timeframe, (w, _bars) in (await refresh_aggregates(
                    cur, options.instrument, options.timeframe, start_day, end_day, now=now, source="import",
                    just_written=bars, on_written=step,
                )).items():
                    out[timeframe] = w
    finally:
        conn.close()
    progress.finish()
    return out


def run(dsn_factory: Callable[[], str], options: ImportOptions, *, out: TextIO = sys.stdout,
        err: TextIO = sys.stderr, clock: Clock | None = None) -> int:
    """The command. `dsn_factory()` gives the DSN (started lazily: bad input never starts a database);
    `clock` says what now is (bars that have not closed by then are refused)."""
    if options.instrument not in INSTRUMENTS:
        print(f"ex7 bars import: unknown instrument {options.instrument!r}; expected one of "
              f"{', '.join(INSTRUMENTS)}", file=err)
        return EXIT_BAD_INPUT
    if options.timeframe not in TIMEFRAMES:
        print(f"ex7 bars import: unknown timeframe {options.timeframe!r}; expected one of {', '.join(TIMEFRAMES)}",
              file=err)
        return EXIT_BAD_INPUT
    if not options.file.is_file():
        print(f"ex7 bars import: no such file: {options.file}", file=err)
        return EXIT_BAD_INPUT
    started = time.perf_counter()
    now = (clock or SystemClock()).now()
    try:
        result = read(options, now=now, err=err)
    except UnicodeDecodeError as exc:
        print(f"ex7 bars import: {options.file} is not UTF-8 text ({exc.reason} at byte {exc.start})", file=err)
        return EXIT_BAD_INPUT
    if not result.ok:
        for e in result.errors[:MAX_ERRORS_SHOWN]:
            print(f"{options.file}:{e.line}: {e.message}", file=err)
        more = len(result.errors) - MAX_ERRORS_SHOWN
        if more > 0:
            print(f"... and {more} more bad rows", file=err)
        print(f"ex7 bars import: {len(result.errors)} bad row(s) of {result.rows}; nothing was written "
              "(the whole file is validated before anything is stored).", file=err)
        return EXIT_BAD_INPUT
    parsed = time.perf_counter()
    try:
        dsn = dsn_factory()
        written = asyncio.run(write(dsn, options, result, now=now, err=err))
    except (DatabaseUnavailable, psycopg2.Error) as exc:
        print(f"ex7 bars import: database error, nothing was written: {one_line(str(exc))}", file=err)
        return EXIT_DATABASE
    finished = time.perf_counter()
    first, last = result.bars[0].ts, result.bars[-1].ts
    print(f"{options.file}: {result.rows} rows read ({result.format} CSV), {options.instrument} {options.timeframe} "
          f"from {first.isoformat()} to {last.isoformat()}", file=out)
    for timeframe, w in written.items():
        label = "imported" if timeframe == options.timeframe else "derived"
        print(f"  {timeframe:>3} {label}: {w.inserted} inserted, {w.updated} updated, {w.unchanged} unchanged",
              file=out)
    rate = len(result.bars) / (finished - started) if finished > started else 0.0
    print(f"done in {finished - started:.2f}s (validate {parsed - started:.2f}s, write {finished - parsed:.2f}s; "
          f"{rate:,.0f} rows/s)", file=out)
    return EXIT_OK
