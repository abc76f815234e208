"""Signals tag: runtimes (start, stop, force-close-all, lists, health), signals (lists, get, close) and
the audit trail."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.billing.compliance import CFTC_4_41_TEXT
from generated import models
from handlers._http import as_caller, parse, respond
from services import closing, runtimes

# -- runtimes --


def runtime_document(row: dict[str, Any]) -> dict[str, Any]:
    """The contract's Runtime, from a db.runtimes row."""
    return {
        "id": str(row["id"]), "strategy_id": str(row["strategy_id"]), "strategy_name": row["strategy_name"],
        "mode": row["mode"], "status": row["status"], "started_at": row["started_at"],
        "stopped_at": row["stopped_at"], "last_heartbeat_at": row["last_heartbeat_at"],
        "last_bar_ts": row["last_bar_ts"], "last_error": row["last_error"], "position": row["position"],
        "strategy_version": row["strategy_version"], "instrument": row["instrument"],
        "timeframe": row["timeframe"], "restart_required": bool(row["restart_required"]),
    }


async def start_runtime(strategy_id: str, token_info: dict[str, Any], body: dict[str, Any] | None = None) -> Any:
    req = parse(models.RuntimeStartRequest, body or {})
    async with as_caller(token_info) as tx:
        return respond(runtime_document(await runtimes.start_runtime(tx, strategy_id, req.mode or "paper")))


async def stop_runtime(strategy_id: str, token_info: dict[str, Any], body: dict[str, Any] | None = None) -> Any:
    req = parse(models.RuntimeStopRequest, body or {})
    async with as_caller(token_info) as tx:
        return respond(runtime_document(await runtimes.stop_runtime(tx, strategy_id, req.mode or "paper")))


async def force_close_all(strategy_id: str, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        return respond({"strategy_id": strategy_id, "closed": await runtimes.force_close_all(tx, strategy_id)})


async def list_runtimes(token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        rows = await runtimes.list_runtimes(tx)
    return respond({"items": [runtime_document(r) for r in rows]})


async def get_my_signals_health(token_info: dict[str, Any]) -> Any:
    return await list_runtimes(token_info)


async def get_signals_health() -> Any:
    async with as_caller(None) as tx:
        health = await runtimes.get_signals_health(tx)
    return respond({
        "dispatcher": health.dispatcher,
        "market_data": {symbol: {"last_bar_ts": m.last_bar_ts, "lag_seconds": m.lag_seconds, "status": m.status}
                        for symbol, m in health.market_data.items()},
        "runtimes": health.runtimes, "now": health.now,
    })


# -- closing a signal --


async def close_signal(signal_id: str, token_info: dict[str, Any], body: dict[str, Any] | None = None) -> Any:
    req = parse(models.SignalCloseRequest, body or {})
    async with as_caller(token_info) as tx:
        price = None if req.close_price is None else Decimal(req.close_price)
        closed = await closing.close_signal(tx, signal_id, price)
        return respond({**closed.to_json(), "disclaimer": CFTC_4_41_TEXT})
