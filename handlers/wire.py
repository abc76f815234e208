"""Domain results as wire models, where more than one tag shows the same thing."""

from __future__ import annotations

from domain.backtest import BacktestResult, Trade
from domain.decimals import money, plain
from generated import models


def backtest_statistics(result: BacktestResult) -> models.BacktestStats:
    s = result.stats
    return models.BacktestStats(
        trades=s.trades, wins=s.wins, losses=s.losses, scratches=s.scratches, win_rate=s.win_rate,
        gross_pnl=money(s.gross_pnl), net_pnl=money(s.net_pnl), slippage=money(s.slippage),
        commission=money(s.commission), profit_factor=s.profit_factor, max_drawdown=money(s.max_drawdown),
        sharpe=s.sharpe, average_trade=None if s.average_trade is None else money(s.average_trade),
        longest_losing_streak=s.longest_losing_streak, from_=result.first_bar_ts, to=result.last_bar_ts,
    )


def backtest_trade(t: Trade) -> models.BacktestTrade:
    return models.BacktestTrade(
        side=t.side, size=t.size, entry_time=t.entry_ts, entry_price=plain(t.entry_price), exit_time=t.exit_ts,
        exit_price=plain(t.exit_price), reason=t.reason,  # type: ignore[arg-type]  # the contract's enum
        gross_pnl=money(t.gross), slippage=money(t.slippage), commission=money(t.commission), net_pnl=money(t.net),
    )
