"""domain.market.bars: CSV parsing and validation (both forms), bar boundaries, session-aware aggregation.

Times are written as UTC instants with the Chicago wall time next to them where it matters: CME's
session runs 17:00-16:00 CT, which is 22:00-21:00 UTC in summer (CDT) and 23:00-22:00 in winter.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import Invalid
from domain.market.bars import (
    StoredBar,
    aggregate,
    aggregate_all,
    bar_close,
    derived_timeframes,
    format_bar_row,
    parse_bars_csv,
    symbol_matches,
)
from domain.market.instruments import TIMEFRAMES

NOW = datetime(2026, 6, 1, tzinfo=UTC)
DATABENTO_HEADER = "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol"


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=UTC)


def ns(at: datetime) -> int:
    return int(at.timestamp()) * 1_000_000_000


def px(price: str) -> int:
    """Databento's fixed-point price: integer units of 1e-9."""
    return int(D(price) * 1_000_000_000)


def parse(text: str, instrument: str = "MNQ", timeframe: str = "1m", now: datetime = NOW):  # type: ignore[no-untyped-def]
    return parse_bars_csv(text.splitlines(keepends=True), instrument, timeframe, now=now)


def minute_bars(start: datetime, closes: list[str], volume: int = 10) -> list[StoredBar]:
    """1m bars from `start`, each opening at the previous close, high/low one tick around."""
    out = []
    previous = D(closes[0])
    for i, c in enumerate(closes):
        close = D(c)
        out.append(StoredBar(start + timedelta(minutes=i), previous, max(previous, close) + D("0.25"),
                       min(previous, close) - D("0.25"), close, volume))
        previous = close
    return out


# --- Databento form ----------------------------------------------------------------------------------

def test_databento_raw_csv_with_nanosecond_times_and_fixed_point_prices() -> None:
    # Tuesday 2025-03-04 09:30 CST = 15:30 UTC. Prices are integers in units of 1e-9.
    t = utc(2025, 3, 4, 15, 30)
    text = "\n".join([
        DATABENTO_HEADER,
        f"{ns(t)},33,1,42140878,{px('20510.25')},{px('20515.00')},{px('20505.50')},{px('20512.75')},1843,MNQH5",
        f"{ns(t + timedelta(minutes=1))},33,1,42140878,{px('20512.75')},{px('20520')},{px('20511')},"
        f"{px('20519.5')},2210,MNQH5",
    ]) + "\n"
    result = parse(text)
    assert result.ok, result.errors
    assert result.format == "databento" and result.rows == 2
    assert result.bars == [
        StoredBar(t, D("20510.25"), D("20515.00"), D("20505.50"), D("20512.75"), 1843),
        StoredBar(t + timedelta(minutes=1), D("20512.75"), D("20520"), D("20511"), D("20519.5"), 2210),
    ]
    assert str(result.bars[0].open) == "20510.25"  # one spelling: the tick's precision


def test_databento_pretty_csv_with_iso_times_and_decimal_prices() -> None:
    # `pretty_ts` / `pretty_px`: ISO 8601 with nanoseconds and 9-decimal prices. Columns in any order.
    text = (
        "ts_event,rtype,publisher_id,instrument_id,open,high,low,close,volume,symbol\n"
        "2025-07-15T14:30:00.000000000Z,33,1,42005804,6275.250000000,6277.000000000,6274.500000000,"
        "6276.750000000,912,ESU5\n"
    )
    result = parse(text, "ES")
    assert result.ok, result.errors
    assert result.bars == [StoredBar(utc(2025, 7, 15, 14, 30), D("6275.25"), D("6277"), D("6274.5"), D("6276.75"), 912)]


def test_databento_symbol_must_belong_to_the_instrument() -> None:
    t = utc(2025, 3, 4, 15, 30)
    row = f"{ns(t)},33,1,1,{px('20510.25')},{px('20515')},{px('20505.5')},{px('20512.75')},10"
    result = parse(f"{DATABENTO_HEADER}\n{row},NQH5\n", "MNQ")
    assert [str(e) for e in result.errors] == ["line 2: symbol 'NQH5' is not a MNQ contract"]
    # MNQZ6 is not an NQ contract either, and a calendar spread is no outright.
    assert not parse(f"{DATABENTO_HEADER}\n{row},MNQH5\n", "NQ").ok
    assert not parse(f"{DATABENTO_HEADER}\n{row},MNQH5-MNQM5\n", "MNQ").ok


@pytest.mark.parametrize(("symbol", "root", "ok"), [
    ("MNQZ6", "MNQ", True), ("MNQZ26", "MNQ", True), ("MNQ", "MNQ", True), ("MNQ.c.0", "MNQ", True),
    ("MNQ.v.1", "MNQ", True), ("MNQ.FUT", "MNQ", True), ("MNQZ6", "NQ", False), ("NQZ6", "MNQ", False),
    ("ESZ6", "MES", False), ("MNQZ6-MNQH7", "MNQ", False), ("MNQA6", "MNQ", False), ("mnqz6", "MNQ", False),
])
def test_symbol_roots(symbol: str, root: str, ok: bool) -> None:
    assert symbol_matches(symbol, root) is ok


def test_databento_rtype_must_match_the_timeframe() -> None:
    t = utc(2025, 3, 4, 15, 0)
    row = f"{ns(t)},34,1,1,{px('20510.25')},{px('20515')},{px('20505.5')},{px('20512.75')},10,MNQH5"
    assert parse(f"{DATABENTO_HEADER}\n{row}\n", timeframe="1h").ok
    errors = parse(f"{DATABENTO_HEADER}\n{row}\n", timeframe="1m").errors
    assert [e.line for e in errors] == [2] and "rtype 34 is not 33" in errors[0].message


# --- plain form ----------------------------------------------------------------------------------------

def test_plain_csv_with_iso_times_offsets_and_a_bom() -> None:
    text = (
        "\ufeffts,open,high,low,close,volume\n"
        "2026-03-04T09:30:00-06:00,20000.00,20001.25,19999.50,20000.75,5\n"  # 15:30 UTC, an explicit offset
        "2026-03-04T15:31:00Z,20000.75,20002,20000.5,20001,7\n"
        "\n"  # a blank line is not a row
    )
    result = parse(text)
    assert result.ok, result.errors
    assert result.format == "plain" and result.rows == 2
    assert [b.ts for b in result.bars] == [utc(2026, 3, 4, 15, 30), utc(2026, 3, 4, 15, 31)]


def test_rows_come_out_sorted() -> None:
    text = "ts,open,high,low,close,volume\n2026-03-04T15:31:00Z,10,10,10,10,1\n2026-03-04T15:30:00Z,10,10,10,10,1\n"
    assert [b.ts.minute for b in parse(text).bars] == [30, 31]


def test_every_bad_row_is_reported_with_its_line_number() -> None:
    text = "\n".join([
        "ts,open,high,low,close,volume",
        "2026-03-04T15:30:00Z,20000.00,20001.00,19999.00,20000.50,5",  # 2 ok
        "2026-03-04T15:31:00Z,20000.10,20001.00,19999.00,20000.50,5",  # 3 off the tick grid
        "2026-03-04T15:32:00Z,20000.00,19999.75,19999.00,20000.50,5",  # 4 high below the close
        "2026-03-04T15:33:00Z,20000.00,20001.00,20000.25,20000.50,5",  # 5 low above the open
        "2026-03-04T15:34:00Z,-1,20001.00,19999.00,20000.50,5",  # 6 negative
        "2026-03-04T15:35:00Z,20000.00,20001.00,19999.00,20000.50,-5",  # 7 negative volume
        "2026-03-04T15:36:30Z,20000.00,20001.00,19999.00,20000.50,5",  # 8 not on a minute
        "2026-03-04T15:37:00,20000.00,20001.00,19999.00,20000.50,5",  # 9 no offset
        "2026-03-04T22:30:00Z,20000.00,20001.00,19999.00,20000.50,5",  # 10 in the daily break (16:30 CST)
        "2026-03-07T15:30:00Z,20000.00,20001.00,19999.00,20000.50,5",  # 11 a Saturday
        "2026-03-04T15:30:00Z,20000.00,20001.00,19999.00,20000.50,5",  # 12 a second bar at 15:30
        "2026-03-04T15:40:00Z,20000.00,20001.00,19999.00",  # 13 two missing fields
        "not a time,1,1,1,1,1",  # 14
        "2026-03-04T15:41:00Z,NaN,20001.00,19999.00,20000.50,5",  # 15
        "2026-03-04T15:42:00Z,20000.00,20001.00,19999.00,20000.50,1.5",  # 16 fractional volume
        "2030-03-04T15:30:00Z,20000.00,20001.00,19999.00,20000.50,5",  # 17 not closed yet
    ]) + "\n"
    result = parse(text)
    assert [e.line for e in result.errors] == list(range(3, 18))
    messages = [e.message for e in result.errors]
    assert "not on the 0.25 tick grid" in messages[0]
    assert "high 19999.75 is below" in messages[1]
    assert "low 20000.25 is above" in messages[2]
    assert "not positive" in messages[3]
    assert "volume '-5'" in messages[4]
    assert "not the open of a 1m bar" in messages[5]
    assert "no UTC offset" in messages[6]
    assert "market is closed" in messages[7] and "market is closed" in messages[8]
    assert "first on line 2" in messages[9]
    assert "expected 6 fields, found 4" in messages[10]
    assert "not a timestamp" in messages[11]
    assert "not a number" in messages[12]
    assert "volume '1.5'" in messages[13]
    assert "has not closed yet" in messages[14]
    assert result.rows == 16 and len(result.bars) == 1


def test_unknown_header_and_empty_files() -> None:
    assert [e.line for e in parse("time,o,h,l,c,v\n1,2,3,4,5,6\n").errors] == [1]
    assert "empty" in parse("").errors[0].message
    assert "no rows" in parse("ts,open,high,low,close,volume\n").errors[0].message


def test_seconds_where_nanoseconds_belong_are_refused() -> None:
    row = f"{int(utc(2025, 3, 4, 15, 30).timestamp())},33,1,1,{px('1')},{px('1')},{px('1')},{px('1')},1,MNQH5"
    assert "before 1990" in parse(f"{DATABENTO_HEADER}\n{row}\n").errors[0].message


def test_higher_timeframe_rows_must_sit_on_session_aligned_buckets() -> None:
    # 4h buckets start at 17:00 CT: 13:00 CST = 19:00 UTC is one, 12:00 CST is not.
    ok = "ts,open,high,low,close,volume\n2026-03-04T19:00:00Z,20000,20010,19990,20005,100\n"
    bad = "ts,open,high,low,close,volume\n2026-03-04T18:00:00Z,20000,20010,19990,20005,100\n"
    assert parse(ok, timeframe="4h").ok
    assert "not the open of a 4h bar" in parse(bad, timeframe="4h").errors[0].message
    # A daily bar opens at the trading day's start, 17:00 CT the evening before: UTC midnight is not one.
    assert parse("ts,open,high,low,close,volume\n2026-03-03T23:00:00Z,1,1,1,1,1\n", timeframe="1d").ok
    assert not parse("ts,open,high,low,close,volume\n2026-03-04T00:00:00Z,1,1,1,1,1\n", timeframe="1d").ok


def test_format_bar_row_round_trips() -> None:
    bar = StoredBar(utc(2026, 3, 4, 15, 30), D("20000.25"), D("20001"), D("19999.5"), D("20000.75"), 42)
    assert parse("ts,open,high,low,close,volume\n" + format_bar_row(bar) + "\n").bars == [bar]


# --- bar boundaries ------------------------------------------------------------------------------------

def test_bar_close_is_cut_short_by_the_session_close() -> None:
    # Wednesday 2026-03-04 (CST): the 13:00 CT 4h bar (19:00 UTC) closes at 16:00 CT (22:00 UTC), not 17:00.
    assert bar_close(utc(2026, 3, 4, 19), "4h", "ES") == utc(2026, 3, 4, 22)
    assert bar_close(utc(2026, 3, 4, 15), "4h", "ES") == utc(2026, 3, 4, 19)
    # The daily bar of trading date 2026-03-04 opens Tue 17:00 CST and closes Wed 16:00 CST.
    assert bar_close(utc(2026, 3, 3, 23), "1d", "ES") == utc(2026, 3, 4, 22)
    assert bar_close(utc(2026, 3, 4, 21, 59), "1m", "ES") == utc(2026, 3, 4, 22)


def test_derived_timeframes_nest() -> None:
    assert derived_timeframes("1m") == ("2m", "5m", "15m", "30m", "1h", "4h", "1d")
    assert derived_timeframes("5m") == ("15m", "30m", "1h", "4h", "1d")
    assert derived_timeframes("2m") == ("30m", "1h", "4h", "1d")  # 2 does not divide 5 or 15
    assert derived_timeframes("1d") == ()
    with pytest.raises(Invalid):
        aggregate([], "2m", "ES", base="5m")


# --- aggregation ---------------------------------------------------------------------------------------

def test_aggregate_5m_ohlcv() -> None:
    bars = minute_bars(utc(2026, 3, 4, 15, 30), ["100", "101", "99", "102", "100.5", "103"])
    five = aggregate(bars, "5m", "ES")
    assert five == [
        StoredBar(utc(2026, 3, 4, 15, 30), D("100"), D("102.25"), D("98.75"), D("100.5"), 50),
        StoredBar(utc(2026, 3, 4, 15, 35), D("100.5"), D("103.25"), D("100.25"), D("103"), 10),
    ]


def test_a_bucket_opens_at_its_boundary_even_when_its_first_minute_is_missing() -> None:
    bars = minute_bars(utc(2026, 3, 4, 15, 32), ["100", "101"])
    assert [b.ts for b in aggregate(bars, "5m", "ES")] == [utc(2026, 3, 4, 15, 30)]


def test_buckets_never_span_the_daily_break() -> None:
    # Winter. Wednesday 15:58-15:59 CST (21:58, 21:59 UTC), then the break, then 17:00-17:01 CST
    # (23:00, 23:01 UTC), which is Thursday's trading day.
    before = minute_bars(utc(2026, 3, 4, 21, 58), ["100", "101"])
    after = minute_bars(utc(2026, 3, 4, 23, 0), ["102", "103"])
    bars = before + after
    for timeframe in ("5m", "15m", "30m", "1h", "4h", "1d"):
        out = aggregate(bars, timeframe, "ES")
        assert len(out) == 2, timeframe
        assert out[0].close == D("101") and out[1].open == D("102") and out[1].close == D("103")
        assert out[1].ts == utc(2026, 3, 4, 23, 0)  # the new day's first bucket opens at 17:00 CT
    four = aggregate(bars, "4h", "ES")
    assert four[0].ts == utc(2026, 3, 4, 19, 0)  # 13:00 CST
    daily = aggregate(bars, "1d", "ES")
    assert [b.ts for b in daily] == [utc(2026, 3, 3, 23, 0), utc(2026, 3, 4, 23, 0)]


def test_aggregation_across_the_spring_dst_weekend() -> None:
    # Friday 2026-03-06 closes 16:00 CST = 22:00 UTC; Sunday 03-08 opens 17:00 CDT = 22:00 UTC.
    friday = minute_bars(utc(2026, 3, 6, 21, 0), [str(100 + i) for i in range(60)])  # 15:00-15:59 CST
    sunday = minute_bars(utc(2026, 3, 8, 22, 0), [str(200 + i) for i in range(60)])  # 17:00-17:59 CDT
    hours = aggregate(friday + sunday, "1h", "NQ")
    assert [b.ts for b in hours] == [utc(2026, 3, 6, 21, 0), utc(2026, 3, 8, 22, 0)]
    assert hours[0].close == D("159") and hours[1].open == D("200") and hours[1].volume == 600
    four = aggregate(friday + sunday, "4h", "NQ")
    # Friday's 13:00 CST bucket = 19:00 UTC; Sunday's first 17:00 CDT = 22:00 UTC.
    assert [b.ts for b in four] == [utc(2026, 3, 6, 19, 0), utc(2026, 3, 8, 22, 0)]
    daily = aggregate(friday + sunday, "1d", "NQ")
    # Friday's trading day began Thursday 17:00 CST (23:00 UTC); Monday's began Sunday 17:00 CDT (22:00 UTC).
    assert [b.ts for b in daily] == [utc(2026, 3, 5, 23, 0), utc(2026, 3, 8, 22, 0)]


def test_aggregation_across_the_autumn_dst_weekend() -> None:
    # Friday 2026-10-30 15:59 CDT = 20:59 UTC; Sunday 11-01 17:00 CST = 23:00 UTC.
    bars = minute_bars(utc(2026, 10, 30, 20, 59), ["100"]) + minute_bars(utc(2026, 11, 1, 23, 0), ["101", "102"])
    assert [b.ts for b in aggregate(bars, "1d", "ES")] == [utc(2026, 10, 29, 22, 0), utc(2026, 11, 1, 23, 0)]
    assert [b.ts for b in aggregate(bars, "4h", "ES")] == [utc(2026, 10, 30, 18, 0), utc(2026, 11, 1, 23, 0)]


def test_aggregate_refuses_unsorted_input() -> None:
    bars = minute_bars(utc(2026, 3, 4, 15, 30), ["100", "101"])
    with pytest.raises(ValueError, match="sorted"):
        aggregate(list(reversed(bars)), "5m", "ES")


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_aggregate_all_equals_aggregating_each_timeframe_from_1m(data: st.DataObject) -> None:
    from domain.market import synthetic as synthetic_bars

    day = data.draw(st.sampled_from(["2026-03-06", "2026-03-09", "2026-07-15", "2026-11-02"]))
    seed = data.draw(st.integers(0, 1000))
    bars = synthetic_bars.session_bars("MES", datetime.fromisoformat(day).date(), seed)
    # Knock out random minutes: buckets with holes and missing first minutes.
    keep = data.draw(st.lists(st.booleans(), min_size=len(bars), max_size=len(bars)))
    bars = [b for b, k in zip(bars, keep, strict=True) if k]
    every = aggregate_all(bars, "MES")
    assert set(every) == set(TIMEFRAMES) - {"1m"}
    for timeframe, series in every.items():
        assert series == aggregate(bars, timeframe, "MES"), timeframe
