"""Signals tag: runtimes (start, stop, force-close-all, lists, health), signals (lists, get, close) and
the audit trail, and the live stream."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from connexion import request

from domain.billing.compliance import CFTC_4_41_TEXT
from ex7.problems import RequestValidationProblem
from ex7.stream.connection import open_stream
from ex7.wire import RawJSON
from generated import models
from handlers._http import as_caller, deps, parse, query_time, respond
from services import closing, runtimes, signals

# ---- reads: the legacy windows, the signal list, one signal, the audit trail ----------------------------
# Every answer carrying signals carries their paper P&L, so the CFTC Rule 4.41 disclaimer with it.


async def get_legacy_signals(token_info: dict[str, Any], hours: int = 24) -> Any:
    async with as_caller(token_info) as tx:
        found = await signals.get_legacy_signals(tx, hours)
    return respond({"items": [s.to_json() for s in found], "disclaimer": CFTC_4_41_TEXT})


async def get_legacy_signals_by_instrument(token_info: dict[str, Any], instrument: str, hours: int = 24) -> Any:
    async with as_caller(token_info) as tx:
        found = await signals.get_legacy_signals(tx, hours, instrument)
    return respond({"items": [s.to_json() for s in found], "disclaimer": CFTC_4_41_TEXT})


async def list_signals(
    token_info: dict[str, Any], strategy_id: str | None = None, from_: str | None = None, to: str | None = None,
    side: str | None = None, status: str | None = None, instrument: str | None = None, cursor: str | None = None,
    limit: int = 50,
) -> Any:
    start, end = query_time("from", from_), query_time("to", to)
    async with as_caller(token_info) as tx:
        page = await signals.list_signals(tx, limit=limit, strategy_id=strategy_id, start=start, end=end, side=side,
                                          status=status, instrument=instrument, cursor=cursor)
    return respond({"items": [s.to_json() for s in page.items], "next_cursor": page.next_cursor,
                    "disclaimer": CFTC_4_41_TEXT})


async def get_signal(token_info: dict[str, Any], signal_id: str) -> Any:
    async with as_caller(token_info) as tx:
        signal = await signals.get_signal(tx, signal_id)
    return respond({**signal.to_json(), "disclaimer": CFTC_4_41_TEXT})


async def list_audit(
    token_info: dict[str, Any], strategy_id: str | None = None, from_: str | None = None, to: str | None = None,
    decision: str | None = None, cursor: str | None = None, limit: int = 100,
) -> Any:
    start, end = query_time("from", from_), query_time("to", to)
    async with as_caller(token_info) as tx:
        page = await signals.list_audit(tx, limit=limit, strategy_id=strategy_id, start=start, end=end,
                                        decision=decision, cursor=cursor)
    return respond({"items": [_audit_entry(row) for row in page.items], "next_cursor": page.next_cursor})


def _audit_entry(row: dict[str, Any]) -> dict[str, Any]:
    """The contract's SignalAuditEntry; the inputs go out as the text they came in."""
    return {"id": row["id"], "strategy_id": row["strategy_id"], "strategy_version": row["strategy_version"],
            "runtime_id": row["runtime_id"], "instrument": row["instrument"], "timeframe": row["timeframe"],
            "bar_ts": row["bar_ts"], "decision": row["decision"], "inputs": RawJSON(row["inputs_json"]),
            "reason": row["reason"], "created_at": row["created_at"]}


# ---- the live stream ------------------------------------------------------------------------------------

_MAX_EVENT_ID = 2**63 - 1  # a bigint; the contract's pattern allows 19 digits, a little more


async def stream_signals(token_info: dict[str, Any], strategy_id: str | None = None,
                         instrument: str | None = None) -> Any:
    # Connexion passes no header parameter to a handler; the contract has checked its form already.
    last = request.headers.get("last-event-id")
    if last is not None and int(last) > _MAX_EVENT_ID:
        raise RequestValidationProblem([{"loc": ["header", "Last-Event-ID"], "type": "maximum",
                                         "msg": f"An event id is at most {_MAX_EVENT_ID}."}])
    d = deps()
    s = d.settings
    assert d.hub is not None
    return await open_stream(d.hub, d.db, d.clock, token_info, strategy_id=strategy_id, instrument=instrument,
                             last_event_id=None if last is None else int(last), retry_ms=s.ex7_stream_retry_ms,
                             heartbeat_seconds=s.ex7_stream_heartbeat_seconds, max_seconds=s.ex7_stream_max_seconds,
                             ready_within=s.db_timeout_seconds)


# ---- runtimes -------------------------------------------------------------------------------------------


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


# ---- closing a signal -------------------------------------------------------------------------------------


async def close_signal(signal_id: str, token_info: dict[str, Any], body: dict[str, Any] | None = None) -> Any:
    req = parse(models.SignalCloseRequest, body or {})
    async with as_caller(token_info) as tx:
        price = None if req.close_price is None else Decimal(req.close_price)
        closed = await closing.close_signal(tx, signal_id, price)
        return respond({**closed.to_json(), "disclaimer": CFTC_4_41_TEXT})
