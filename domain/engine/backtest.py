"""Backtests: the evaluator (domain.engine.evaluator) run over history, and the statistics of the trades.

`run_backtest(graph, instrument, bars, timeframe)` compiles the graph and feeds the bars through
the SAME `Evaluator` a live runtime uses (`accelerated=False`, the default and the reference), or
through the column-wise path of domain.engine.columns (`accelerated=True`), which the property
test proves makes exactly the same events. Both give the engine's events (`BacktestResult.events`)
and the trades.

End of data: a position still open after the last bar is closed at the last bar's close with
reason `end_of_data`. That trade is in `trades` and in the statistics, but not in `events` (it is
not something the engine decided; a live runtime would still be holding the position). A
position opened on the last bar itself is therefore closed at its own entry price and costs its
fees.

Statistics (`compute_stats`), all from each trade's net P&L of domain.pnl.compute_pnl:
- wins: net > 0; losses: net < 0; a trade of exactly zero net (gross equal to the costs) is
  neither: it counts in `trades`, `scratches` and the win-rate denominator, and breaks a losing
  streak;
- win_rate = wins / trades (None without trades);
- gross_pnl, net_pnl, slippage, commission: sums (Decimal, cents);
- profit_factor = sum of winning nets / |sum of losing nets| (float), None when no trade lost;
- max_drawdown: the largest fall, in dollars (>= 0), of the closed-trade net equity curve from
  its running peak; the curve starts at 0 before the first trade;
- sharpe: net P&L summed per CME trading day of the trade's exit bar (domain.market.calendar.trading_date,
  the trading day that starts at 17:00 America/Chicago); every trading date (a weekday that is
  not a CME holiday) from the first bar's trading day to the last bar's counts, with 0 when no
  trade closed on it (plus any other date on which a trade closed); sharpe = mean / sample
  standard deviation (n - 1) * sqrt(252); None with fewer than 2 days or a zero deviation;
- average_trade = net_pnl / trades rounded to cents (half even), None without trades;
- longest_losing_streak: the most consecutive losing trades (net < 0), in exit order.
Times in trades are the OPEN times of the entry and exit bars (UTC): an entry fills at the close
of its bar; an exit fills at the close of its bar, or during it for stops and targets.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Final, NamedTuple

from domain.decimals import money, plain
from domain.engine.compile import CompiledGraph, compile_graph
from domain.engine.types import Bar, BarColumns, EntryEvent, Event, ExitEvent, Position
from domain.market.calendar import is_trading_date, trading_date, trading_day_bounds
from domain.market.errors import NoMarketData
from domain.market.instruments import InstrumentSpec, get_instrument
from domain.pnl import Side

END_OF_DATA: Final = "end_of_data"
TRADING_DAYS_PER_YEAR: Final = 252
_CENT = Decimal("0.01")
_ZERO = Decimal("0.00")


class Trade(NamedTuple):
    side: Side
    size: int
    entry_ts: datetime  # open time of the entry bar (filled at its close)
    entry_price: Decimal
    exit_ts: datetime  # open time of the exit bar
    exit_price: Decimal
    reason: str  # stop | target | exit | reverse | max_bars | end_of_data
    stop: Decimal | None
    target: Decimal | None
    gross: Decimal
    slippage: Decimal
    commission: Decimal
    net: Decimal

    def to_json(self) -> dict[str, Any]:
        return {
            "side": self.side, "size": self.size,
            "entry_ts": self.entry_ts.isoformat(), "entry_price": plain(self.entry_price),
            "exit_ts": self.exit_ts.isoformat(), "exit_price": plain(self.exit_price),
            "reason": self.reason,
            "stop": None if self.stop is None else plain(self.stop),
            "target": None if self.target is None else plain(self.target),
            "gross": money(self.gross), "slippage": money(self.slippage),
            "commission": money(self.commission), "net": money(self.net),
        }


@dataclass(frozen=True)
class BacktestStats:
    trades: int
    wins: int
    losses: int
    scratches: int
    win_rate: float | None
    gross_pnl: Decimal
    net_pnl: Decimal
    slippage: Decimal
    commission: Decimal
    profit_factor: float | None
    max_drawdown: Decimal
    sharpe: float | None
    average_trade: Decimal | None
    longest_losing_streak: int

    def to_json(self) -> dict[str, Any]:
        return {
            "trades": self.trades, "wins": self.wins, "losses": self.losses, "scratches": self.scratches,
            "win_rate": self.win_rate, "gross_pnl": money(self.gross_pnl), "net_pnl": money(self.net_pnl),
            "slippage": money(self.slippage), "commission": money(self.commission),
            "profit_factor": self.profit_factor, "max_drawdown": money(self.max_drawdown),
            "sharpe": self.sharpe,
            "average_trade": None if self.average_trade is None else money(self.average_trade),
            "longest_losing_streak": self.longest_losing_streak,
        }


@dataclass(frozen=True)
class BacktestResult:
    instrument: str
    timeframe: str
    bars: int
    first_bar_ts: datetime
    last_bar_ts: datetime
    stats: BacktestStats
    trades: list[Trade]
    events: list[Event]  # the engine's events (no end_of_data)
    open_position: Position | None  # what the engine still held after the last bar


def run_backtest(graph: Mapping[str, Any] | CompiledGraph, instrument: InstrumentSpec | str,
                 bars: Sequence[Bar] | BarColumns, timeframe: str, *, accelerated: bool = False,
                 warmup: int = 0) -> BacktestResult:
    """Backtest `graph` on `bars` (closed bars of `instrument` and `timeframe`, open times
    strictly increasing). GraphInvalid, NoMarketData (no bars), InvalidBars (not a series).

    `warmup`: the first `warmup` bars only warm the evaluator up (`Evaluator.warm`: indicators advance,
    nothing trades), as a live runtime's start does; trading and the statistics begin after them. This
    is how a runtime's paper trades are reconciled with the backtest of the same bars."""
    plan = graph if isinstance(graph, CompiledGraph) else compile_graph(graph, instrument, timeframe)
    if isinstance(graph, CompiledGraph) and (
            plan.timeframe != timeframe or plan.instrument.symbol != get_instrument(instrument).symbol):
        raise ValueError("The compiled graph is for another instrument or timeframe.")
    n = len(bars) - warmup
    if n <= 0:
        raise NoMarketData("There are no bars to backtest on.")
    events: list[Event]
    if warmup:
        seq = bars.bars() if isinstance(bars, BarColumns) else bars
        ev = plan.evaluator()
        for bar in seq[:warmup]:
            ev.warm(bar)
        events = []
        for bar in seq[warmup:]:
            events.extend(ev.step(bar))
        pos = ev.position
        first_ts, last_ts, last_close = seq[warmup].ts, seq[-1].ts, seq[-1].close
    elif accelerated:
        from domain.engine.columns import run_columns  # needs numpy

        cols = bars if isinstance(bars, BarColumns) else BarColumns.from_bars(bars)
        events, pos = run_columns(plan, cols)
        first_ts, last_ts, last_close = cols.ts[0], cols.ts[-1], cols.close[-1]
    else:
        seq = bars.bars() if isinstance(bars, BarColumns) else bars
        ev = plan.evaluator()
        events = []
        step = ev.step
        for bar in seq:
            out = step(bar)
            if out:
                events.extend(out)
        pos = ev.position
        first_ts, last_ts, last_close = seq[0].ts, seq[-1].ts, seq[-1].close
    trades = trades_from_events(events)
    if pos is not None:
        end = plan.trader.close(pos, plan.trader.price(float(last_close)), END_OF_DATA, last_ts)
        trades.append(_trade(end, pos.stop, pos.target))
    stats = compute_stats(trades, first_ts, last_ts, plan.instrument)
    return BacktestResult(plan.instrument.symbol, timeframe, n, first_ts, last_ts, stats, trades, events, pos)


def _trade(ex: ExitEvent, stop: Decimal | None, target: Decimal | None) -> Trade:
    p = ex.pnl
    return Trade(ex.side, ex.size, ex.entry_ts, ex.entry_price, ex.bar_ts, ex.exit_price, ex.reason, stop, target,
                 p.gross, p.slippage, p.commission, p.net)


def trades_from_events(events: Sequence[Event]) -> list[Trade]:
    """One trade per exit event, with the stop and target of the entry it closes."""
    trades: list[Trade] = []
    entry: EntryEvent | None = None
    for ev in events:
        if isinstance(ev, EntryEvent):
            entry = ev
        else:
            trades.append(_trade(ev, entry.stop if entry else None, entry.target if entry else None))
            entry = None
    return trades


def compute_stats(trades: Sequence[Trade], first_bar_ts: datetime, last_bar_ts: datetime,
                  instrument: InstrumentSpec | str | None = None) -> BacktestStats:
    """The statistics of `trades` (in exit order) over the bars from `first_bar_ts` to
    `last_bar_ts`; see the module docstring for each definition."""
    count = len(trades)
    wins = losses = streak = longest = 0
    won = lost = net = gross = slippage = commission = peak = drawdown = _ZERO
    for t in trades:
        x = t.net
        if x > _ZERO:
            wins += 1
            won += x
            streak = 0
        elif x < _ZERO:
            losses += 1
            lost += x
            streak += 1
            if streak > longest:
                longest = streak
        else:
            streak = 0
        net += x  # the closed-trade equity curve
        if net > peak:
            peak = net
        elif peak - net > drawdown:
            drawdown = peak - net
        gross += t.gross
        slippage += t.slippage
        commission += t.commission

    return BacktestStats(
        trades=count,
        wins=wins,
        losses=losses,
        scratches=count - wins - losses,
        win_rate=wins / count if count else None,
        gross_pnl=gross,
        net_pnl=net,
        slippage=slippage,
        commission=commission,
        profit_factor=float(won / -lost) if losses else None,
        max_drawdown=drawdown,
        sharpe=daily_sharpe(trades, first_bar_ts, last_bar_ts, instrument),
        average_trade=(net / count).quantize(_CENT, rounding=ROUND_HALF_EVEN) if count else None,
        longest_losing_streak=longest,
    )


def daily_pnl(trades: Sequence[Trade], first_bar_ts: datetime, last_bar_ts: datetime,
              instrument: InstrumentSpec | str | None = None) -> dict[date, Decimal]:
    """Net P&L per CME trading date (of each trade's exit bar), with 0 on every trading date from
    the first bar's to the last bar's that had no trade."""
    days: dict[date, Decimal] = {}
    day, last = trading_date(first_bar_ts, instrument), trading_date(last_bar_ts, instrument)
    while day <= last:
        if is_trading_date(day, instrument):
            days[day] = _ZERO
        day += timedelta(days=1)
    start = end = None  # the trading day of the previous trade, [start, end) in UTC: trades come in time order
    d = day
    for t in trades:
        ts = t.exit_ts
        if start is None or end is None or not start <= ts < end:
            start, end = trading_day_bounds(ts, instrument)
            d = trading_date(ts, instrument)
        days[d] = days.get(d, _ZERO) + t.net
    return dict(sorted(days.items()))


def daily_sharpe(trades: Sequence[Trade], first_bar_ts: datetime, last_bar_ts: datetime,
                 instrument: InstrumentSpec | str | None = None) -> float | None:
    values = [float(v) for v in daily_pnl(trades, first_bar_ts, last_bar_ts, instrument).values()]
    if len(values) < 2:
        return None
    sd = statistics.stdev(values)
    if sd == 0:
        return None
    return statistics.fmean(values) / sd * math.sqrt(TRADING_DAYS_PER_YEAR)
