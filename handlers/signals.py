"""Signals tag: runtimes (start, stop, force-close-all, lists, health), signals (lists, get, close) and
the audit trail."""

from __future__ import annotations

from typing import Any

from domain.billing.compliance import CFTC_4_41_TEXT
from ex7.wire import RawJSON
from handlers._http import as_caller, query_time, respond
from services import signals

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
