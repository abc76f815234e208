"""signals: what runtimes fire and how each ended. Reads run under RLS as the caller (ex7_app) or for
every user as the dispatcher (ex7_worker); either way the explicit user_id predicates say whose rows
are meant, as defence in depth."""

from __future__ import annotations

from typing import Any

from domain.signals.records import Signal

# Every column a `Signal` holds, in its field order.
COLUMNS = """id, user_id, strategy_id, strategy_version, runtime_id, mode, instrument, timeframe, side, status,
    entry_price, stop_price, target_price, size, bar_ts, entry_market_at, fired_at, closed_at, exit_bar_ts,
    exit_market_at, close_price, close_reason, gross_pnl, slippage, commission, net_pnl, slippage_ticks, event_id"""


def signal_from_row(row: dict[str, Any]) -> Signal:
    return Signal(**{**row, "id": str(row["id"]), "user_id": str(row["user_id"]),
                     "strategy_id": str(row["strategy_id"]), "runtime_id": str(row["runtime_id"])})
