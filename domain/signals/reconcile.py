"""Reconciliation: a runtime's paper trades set against the backtest of its pinned version over the very
bars it processed (its warm-up, then every bar it audited), trade by trade.

A trade is matched when the backtest has one with the same side, entry bar, entry price, exit bar,
exit price, exit reason and net P&L. What is not matched is listed:
- `missing_in_paper`: the backtest traded, paper did not (an entry the risk gate blocked or that
  came too late to publish, or a position closed early by hand, after which the two part ways);
- `extra_in_paper`: paper traded and the backtest did not;
- `closed_outside_engine`: a paper signal ended by the user, a force-close or the runtime's stop
  (the backtest knows only the engine's exits).
A position still open agrees when the backtest holds the same one at the end of the data (its
`end_of_data` trade, which is not a trade yet either); otherwise it is missing or extra.
Matching is by entry bar: two trades with the same entry bar and side that differ in anything
else are one `different` entry, with both sides shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.decimals import money, plain
from domain.engine import Trade
from domain.signals.records import ENGINE_CLOSE_REASONS, Signal


@dataclass(frozen=True)
class PaperTrade:
    side: str
    entry_ts: datetime
    entry_price: Decimal
    exit_ts: datetime | None
    exit_price: Decimal | None
    reason: str | None
    net: Decimal | None

    def to_json(self) -> dict[str, Any]:
        """The contract's ReconciledTrade."""
        return {"side": self.side, "entry_bar_ts": self.entry_ts.isoformat(), "entry_price": plain(self.entry_price),
                "exit_bar_ts": None if self.exit_ts is None else self.exit_ts.isoformat(),
                "exit_price": None if self.exit_price is None else plain(self.exit_price),
                "reason": self.reason, "net_pnl": None if self.net is None else money(self.net)}


def from_trade(t: Trade) -> PaperTrade:
    return PaperTrade(t.side, t.entry_ts, t.entry_price, t.exit_ts, t.exit_price, t.reason, t.net)


def from_signal(s: Signal) -> PaperTrade:
    return PaperTrade(s.side, s.bar_ts, s.entry_price, s.exit_bar_ts, s.close_price, s.close_reason, s.net_pnl)


def _key(t: PaperTrade) -> tuple[Any, ...]:
    return (t.side, t.entry_ts, t.entry_price.normalize(), t.exit_ts,
            None if t.exit_price is None else t.exit_price.normalize(), t.reason, t.net)


@dataclass
class Reconciliation:
    matched: int = 0
    backtest_trades: int = 0
    paper_trades: int = 0
    different: list[dict[str, Any]] = field(default_factory=list)
    missing_in_paper: list[dict[str, Any]] = field(default_factory=list)
    extra_in_paper: list[dict[str, Any]] = field(default_factory=list)
    closed_outside_engine: list[dict[str, Any]] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not (self.different or self.missing_in_paper or self.extra_in_paper or self.closed_outside_engine)

    def to_json(self, limit: int = 50) -> dict[str, Any]:
        """The comparison part of the contract's RuntimeReconciliation, each list cut at `limit`."""
        lists = {"different": self.different, "missing_in_paper": self.missing_in_paper,
                 "extra_in_paper": self.extra_in_paper, "closed_outside_engine": self.closed_outside_engine}
        return {"status": "matched" if self.agrees else "differences", "matched": self.matched,
                "backtest_trades": self.backtest_trades, "paper_trades": self.paper_trades,
                **{name: items[:limit] for name, items in lists.items()},
                "truncated": any(len(items) > limit for items in lists.values())}


def reconcile(backtest: Sequence[Trade], signals: Sequence[Signal]) -> Reconciliation:
    """Compare the backtest's trades with the runtime's signals (see the module docstring)."""
    engine = [from_trade(t) for t in backtest if t.reason in ENGINE_CLOSE_REASONS]
    holding = next((from_trade(t) for t in backtest if t.reason not in ENGINE_CLOSE_REASONS), None)
    out = Reconciliation(backtest_trades=len(engine), paper_trades=len(signals))
    paper: dict[tuple[str, datetime], PaperTrade] = {}
    for s in signals:
        if s.status == "open":
            still = from_signal(s)
            if holding is not None and (holding.side, holding.entry_ts, holding.entry_price) == (
                    still.side, still.entry_ts, still.entry_price):
                holding = None  # open in both
            else:
                out.extra_in_paper.append(still.to_json() | {"status": s.status})
        elif s.close_reason not in ENGINE_CLOSE_REASONS:
            out.closed_outside_engine.append(from_signal(s).to_json() | {"status": s.status})
        else:
            paper[(s.side, s.bar_ts)] = from_signal(s)
    if holding is not None:
        out.missing_in_paper.append(holding.to_json())
    for t in engine:
        mine = paper.pop((t.side, t.entry_ts), None)
        if mine is None:
            out.missing_in_paper.append(t.to_json())
        elif _key(mine) == _key(t):
            out.matched += 1
        else:
            out.different.append({"backtest": t.to_json(), "paper": mine.to_json()})
    out.extra_in_paper += [p.to_json() for p in paper.values()]
    return out
