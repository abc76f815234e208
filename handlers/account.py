"""Account tag: waitlist, instruments, performance, portfolio, risk."""

from __future__ import annotations

from typing import Any

from domain.billing.compliance import CFTC_4_41_TEXT
from domain.decimals import money, plain
from domain.market.instruments import TIMEFRAMES
from domain.market.snapshot import MarketSnapshot
from domain.risk.gate import RiskDecision
from domain.signals.records import Mode
from generated import models
from handlers._http import as_caller, deps, parse, respond
from services import account, backtests, market_data, risk, signals

_WAITLIST_ANSWER = {"status": "ok", "message": "You are on the waitlist."}


async def add_to_waitlist(body: dict[str, Any]) -> Any:
    req = parse(models.WaitlistRequest, body)
    async with as_caller(None) as tx:
        await account.add_to_waitlist(tx, req.email, req.source)
        return respond(_WAITLIST_ANSWER)


async def get_waitlist_count() -> Any:
    async with as_caller(None) as tx:
        return respond({"count": await account.get_waitlist_count(tx)})


async def get_instruments(token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        markets = await market_data.get_instruments(tx)
    return respond({"items": [
        {"symbol": m.spec.symbol, "name": m.spec.name, "exchange": m.spec.exchange, "currency": m.spec.currency,
         "tick_size": plain(m.spec.tick_size), "tick_value": money(m.spec.tick_value),
         "point_value": money(m.spec.point_value), "commission_per_side": money(m.spec.commission_per_side),
         "timeframes": list(TIMEFRAMES),
         "session": {"timezone": m.spec.session_timezone, "open": m.spec.session_open, "close": m.spec.session_close},
         "market": _market(m.market)}
        for m in markets
    ]})


def _market(m: MarketSnapshot) -> dict[str, Any]:
    return {
        "last_price": plain(m.last_price) if m.last_price is not None else None,
        "change": plain(m.change) if m.change is not None else None,
        "change_pct": f"{m.change_pct:f}" if m.change_pct is not None else None,
        "last_bar_ts": m.last_bar_ts,
        "status": m.status,
    }


async def get_performance(token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        performance = await backtests.get_performance(tx)
        return respond({"items": [
            {"strategy_id": p.strategy["id"], "name": p.strategy["name"], "version": p.strategy["current_version"],
             "backtest": p.statistics, "live": p.live.to_json(),
             "reconciliation": [r.to_json() for r in p.reconciliation]}
            for p in performance
        ], "disclaimer": CFTC_4_41_TEXT})


async def get_risk(token_info: dict[str, Any], mode: str = "paper") -> Any:
    # Fail-closed: when the state cannot be read, not even a transaction opened (the failure can come
    # from as_caller itself), the answer is still a 200 that says trading is blocked, never a 5xx.
    try:
        async with as_caller(token_info) as tx:
            decision = await risk.get_risk(tx, mode)
    except risk.STATE_UNREADABLE:
        decision = risk.unavailable(str(token_info["sub"]), deps().clock.now())
    return respond(_risk_state(mode, decision))


def _risk_state(mode: str, d: RiskDecision) -> dict[str, Any]:
    return {"mode": mode, "trading_allowed": d.allowed, "blocked_reason": d.blocked_reason_json(),
            "limits": d.limits.to_json(), "usage": d.usage.to_json(), "trading_day_start": d.trading_day_start,
            "checked_at": d.checked_at}


async def list_blocked_signals(token_info: dict[str, Any], limit: int = 50, offset: int = 0) -> Any:
    async with as_caller(token_info) as tx:
        rows, total = await risk.list_blocked_signals(tx, limit, offset)
        return respond({"timestamp": tx.clock.now(), "items": [_blocked(r) for r in rows], "total": total,
                        "limit": limit, "offset": offset})


def _blocked(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(row["id"]), "user_id": str(row["user_id"]),
        "strategy_id": None if row["strategy_id"] is None else str(row["strategy_id"]),
        "strategy_version": row["strategy_version"], "instrument": row["instrument"], "timeframe": row["timeframe"],
        "bar_ts": row["bar_ts"], "mode": row["mode"], "side": row["side"], "triggered_limit": row["triggered_limit"],
        "reason": row["reason"], "observed": row["observed"], "limit": row["limit"], "reason_json": row["reason_json"],
        "blocked_at": row["blocked_at"],
    }


async def get_portfolio(token_info: dict[str, Any], mode: Mode = "paper") -> Any:
    async with as_caller(token_info) as tx:
        portfolio = await signals.get_portfolio(tx, mode)
    return respond({**portfolio.to_json(), "disclaimer": CFTC_4_41_TEXT})
