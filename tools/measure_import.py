"""Measure `ex7 bars import` against a plain COPY of the same file, in the same run.

    python tools/measure_import.py [--dsn ADMIN_DSN] [--days 252] [--file CSV --instrument X]

Without --file it writes a year (252 trading days, ~348k rows) of MNQ 1m bars in Databento's raw
OHLCV CSV form (integer nanosecond times, fixed-point prices, a symbol column). Each measurement
gets a freshly migrated database on the server of ADMIN_DSN (default: TEST_DATABASE_URL, else
postgresql://postgres@127.0.0.1:5432/postgres); they are dropped at the end.

Baselines: `COPY staging FROM STDIN (FORMAT csv, HEADER)` of the file into an unlogged table with
the file's own columns (no parsing in Python, no validation, no index, no upsert); and that COPY
followed by one INSERT ... SELECT into `bars` converting in SQL (indexed, but validating nothing).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.migrate import migrate
from domain.market import synthetic as synthetic_bars
from domain.market.calendar import is_trading_date
from ex7 import bars_import


def write_year(path: Path, days: int) -> int:
    rows = 0
    day = date(2025, 1, 2)
    held = 0
    with path.open("w") as f:
        f.write("ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n")
        while held < days:
            if is_trading_date(day, "MNQ"):
                held += 1
                for b in synthetic_bars.session_bars("MNQ", day, 11):
                    o, h, lo, c = (int(p * 1_000_000_000) for p in (b.open, b.high, b.low, b.close))
                    ts = int(b.ts.timestamp()) * 1_000_000_000
                    f.write(f"{ts},33,1,42140878,{o},{h},{lo},{c},{b.volume},MNQH5\n")
                    rows += 1
            day += timedelta(days=1)
    return rows


def database(admin: str, name: str) -> str:
    parts = urlsplit(admin)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def execute(dsn: str, sql: str) -> None:
    conn = psycopg2.connect(dsn)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


def copy_baseline(dsn: str, path: Path) -> float:
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            cur.execute("CREATE UNLOGGED TABLE staging (ts_event bigint, rtype int, publisher_id int, "
                        "instrument_id bigint, open bigint, high bigint, low bigint, close bigint, volume bigint, "
                        "symbol text)")
            conn.commit()
            started = time.perf_counter()
            with path.open() as f:
                cur.copy_expert("COPY staging FROM STDIN WITH (FORMAT csv, HEADER true)", f)
            conn.commit()
            return time.perf_counter() - started
    finally:
        conn.close()


def sql_only_load(dsn: str, instrument: str) -> float:
    """A loader with no validation at all: the staging table (already COPYed) into bars, in SQL."""
    conn = psycopg2.connect(dsn)
    try:
        with conn.cursor() as cur:
            started = time.perf_counter()
            cur.execute(
                """INSERT INTO bars (instrument, timeframe, ts, open, high, low, close, volume, source)
                   SELECT %s, '1m', to_timestamp(ts_event / 1000000000), open / 1e9, high / 1e9, low / 1e9,
                          close / 1e9, volume, 'import'
                   FROM staging ON CONFLICT DO NOTHING""",
                (instrument,),
            )
            conn.commit()
            return time.perf_counter() - started
    finally:
        conn.close()


def timed_import(dsn: str, path: Path, instrument: str, *, aggregate: bool) -> tuple[float, str]:
    out = io.StringIO()
    started = time.perf_counter()
    code = bars_import.run(lambda: dsn, bars_import.ImportOptions(path, instrument, "1m", aggregate=aggregate,
                                                                  progress=False), out=out, err=sys.stderr)
    elapsed = time.perf_counter() - started
    if code != 0:
        raise SystemExit(f"import failed with exit code {code}")
    return elapsed, out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dsn", default=os.environ.get("TEST_DATABASE_URL")
                        or "postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--days", type=int, default=252)
    parser.add_argument("--file", type=Path)
    parser.add_argument("--instrument", default="MNQ")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="ex7-measure-"))
    path = args.file
    if path is None:
        path = tmp / "mnq_1m.csv"
        rows = write_year(path, args.days)
    else:
        with path.open() as f:
            rows = sum(1 for _ in f) - 1
    print(f"file: {path} ({rows} rows, {path.stat().st_size / 1e6:.1f} MB)")

    prefix = f"ex7m_{uuid.uuid4().hex[:6]}"
    names = [f"{prefix}_{n}" for n in ("copy", "full", "base")]
    try:
        for name in names:
            execute(args.dsn, f"CREATE DATABASE {name}")
            migrate(database(args.dsn, name), progress=lambda _m: None)
        copy_s = copy_baseline(database(args.dsn, names[0]), path)
        sql_s = copy_s + sql_only_load(database(args.dsn, names[0]), args.instrument)
        full_s, report = timed_import(database(args.dsn, names[1]), path, args.instrument, aggregate=True)
        again_s, _ = timed_import(database(args.dsn, names[1]), path, args.instrument, aggregate=True)
        base_s, _ = timed_import(database(args.dsn, names[2]), path, args.instrument, aggregate=False)
        print(report.rstrip())
        print()
        print(f"{'':44s} {'seconds':>8s} {'rows/s':>10s} {'x COPY time':>12s}")
        for label, seconds in [
            ("COPY of the file into a staging table", copy_s),
            ("COPY + INSERT..SELECT into bars, unvalidated", sql_s),
            ("ex7 bars import --no-aggregate (1m only)", base_s),
            ("ex7 bars import (1m + 7 derived timeframes)", full_s),
            ("ex7 bars import again (all unchanged)", again_s),
        ]:
            print(f"{label:44s} {seconds:8.2f} {rows / seconds:10,.0f} {seconds / copy_s:12.1f}")
    finally:
        for name in names:
            with contextlib.suppress(psycopg2.Error):
                execute(args.dsn, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
