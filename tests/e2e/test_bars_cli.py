"""`ex7 bars import` as a subprocess, on a small Databento OHLCV-1m CSV (raw: integer nanosecond times,
fixed-point 1e-9 prices, the `symbol` column), against a real PostgreSQL."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.cli import EX7, cli_env
from tests.support.db import PostgresForTests, sql_as_owner

SAMPLE = Path(__file__).parent / "data" / "mnq_ohlcv_1m_sample.csv"  # MNQH5, 2025-03-04 08:30-08:59 CST


def count(dsn: str, timeframe: str) -> int:
    [(found,)] = sql_as_owner(dsn, "SELECT count(*) FROM bars WHERE instrument = 'MNQ' AND timeframe = %s", timeframe)
    return int(found)


def bars_import(dsn: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EX7, "bars", "import", *args], env=cli_env(DATABASE_URL=dsn), capture_output=True,
                          text=True, timeout=120)


def test_import_a_databento_csv_twice_then_a_bad_one(postgres: PostgresForTests, tmp_path: Path) -> None:
    dsn = postgres.fresh_database()
    first = bars_import(dsn, str(SAMPLE), "--instrument", "MNQ", "--timeframe", "1m")
    assert first.returncode == 0, first.stderr
    assert "30 rows read (databento CSV), MNQ 1m from 2025-03-04T14:30:00+00:00 to 2025-03-04T14:59:00+00:00" \
        in first.stdout
    assert "1m imported: 30 inserted, 0 updated, 0 unchanged" in first.stdout
    assert "30m derived: 1 inserted" in first.stdout
    assert "\r" not in first.stderr  # no progress bar when stderr is not a terminal
    assert (count(dsn, "1m"), count(dsn, "5m"), count(dsn, "30m")) == (30, 6, 1)

    again = bars_import(dsn, str(SAMPLE), "--instrument", "MNQ", "--timeframe", "1m")
    assert again.returncode == 0, again.stderr
    assert "1m imported: 0 inserted, 0 updated, 30 unchanged" in again.stdout

    # One row of another contract (NQ) in the file: exit 2, the line named, nothing written.
    lines = SAMPLE.read_text().splitlines()
    lines[16] = lines[16].replace("MNQH5", "NQH5")
    lines[20] = lines[20].replace(",33,", ",34,")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    before = count(dsn, "1m")
    result = bars_import(dsn, str(bad), "--instrument", "MNQ", "--timeframe", "1m", "--progress")
    assert result.returncode == 2
    assert f"{bad}:17: symbol 'NQH5' is not a MNQ contract" in result.stderr
    assert f"{bad}:21: rtype 34 is not 33" in result.stderr
    assert "2 bad row(s) of 30; nothing was written" in result.stderr
    assert "reading  [" in result.stderr  # --progress draws even without a terminal
    assert count(dsn, "1m") == before


def test_bad_options_exit_2_and_an_unreachable_database_1() -> None:
    result = subprocess.run([*EX7, "bars", "import", str(SAMPLE), "--instrument", "MNQ", "--timeframe", "7m"],
                            env=cli_env(DATABASE_URL="postgresql://127.0.0.1:9/none"), capture_output=True, text=True)
    assert result.returncode == 2 and "unknown timeframe" in result.stderr
    result = subprocess.run([*EX7, "bars", "import", "/no/such.csv", "--instrument", "MNQ", "--timeframe", "1m"],
                            env=cli_env(DATABASE_URL="postgresql://127.0.0.1:9/none"), capture_output=True, text=True)
    assert result.returncode == 2 and "no such file" in result.stderr
    result = subprocess.run([*EX7, "bars", "import", str(SAMPLE), "--instrument", "MNQ", "--timeframe", "1m"],
                            env=cli_env(DATABASE_URL="postgresql://127.0.0.1:9/none"), capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == ("ex7 bars import: cannot reach PostgreSQL at 127.0.0.1:9 (connection refused). "
                                     "Start it, fix DATABASE_URL, or unset DATABASE_URL to use the embedded database.")
