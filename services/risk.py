"""The publication risk gate and the Account tag's risk operations (GET /api/risk, /api/risk/blocked).

`gate` is the one decision: the dispatcher calls it inside its own transaction for every entry it is
about to publish, and GET /api/risk calls it for now, so that what a user is shown is exactly what the
gate would do. It is fail-closed: whatever goes wrong while reading or deciding is a refusal.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import psycopg2

from db import billing as billing_db
from db import events as events_db
from db import risk as risk_db
from db.errors import DatabaseUnavailable
from db.pool import Cursor
from domain.billing.entitlements import effective_tier
from domain.billing.tiers import TierId
from domain.market.calendar import trading_day_bounds
from domain.market.instruments import InstrumentSpec
from domain.risk.gate import RiskDecision, decide, error_decision
from domain.risk.limits import DEFAULT_LIMITS, with_overrides
from services.tx import Tx

log = logging.getLogger(__name__)

# What the risk state cannot be read through: an outage (DatabaseUnavailable, also raised when the
# transaction cannot even be opened), any error of the driver, or a query that did not answer in time.
# GET /api/risk answers these with a refusal (`unavailable`), never a 5xx.
STATE_UNREADABLE: tuple[type[Exception], ...] = (DatabaseUnavailable, psycopg2.Error, TimeoutError)


async def tier_of(cur: Cursor, user_id: str, at: datetime) -> TierId:
    """The tier whose default limits `user_id` trades under: their effective tier at `at` (its
    subscriptions and comp, domain.billing.entitlements)."""
    subscriptions = await billing_db.subscriptions_of(cur, user_id)
    comp = await billing_db.current_comp(cur, user_id)
    return effective_tier(subscriptions, comp, at)[0]


async def gate(cur: Cursor, user_id: str, mode: str, at: datetime,
               instrument: InstrumentSpec | str | None) -> RiskDecision:
    """May `user_id` publish a new entry in `mode` at market time `at`? Fail-closed: the effective tier
    (whose default limits apply) is read inside the guarded block too.

    Runs on the caller's cursor, within the caller's transaction, as ex7_app (RLS, claims) or ex7_worker
    (every row, no claims): the queries name the user themselves. Its reads run in a savepoint, so a
    failed statement leaves the caller's transaction usable for recording the refusal. Any exception
    while reading or deciding becomes `error_decision`; cancellation is not an error of the gate and
    propagates (asyncio.CancelledError is not an Exception).
    """
    tier: TierId = "free"
    try:
        await cur.execute("SAVEPOINT risk_gate")
        try:
            tier = await tier_of(cur, user_id, at)
            limits = DEFAULT_LIMITS[tier]
            overrides = await risk_db.limit_overrides(cur, user_id, mode)
            if overrides is not None:
                limits = with_overrides(limits, overrides)
            day_start, _day_end = trading_day_bounds(at, instrument)
            usage = await risk_db.usage(cur, user_id, mode, day_start, at)
            decision = decide(limits, usage, at, instrument)
        except Exception:
            await _rollback_to_savepoint(cur)
            raise
        await cur.execute("RELEASE SAVEPOINT risk_gate")
        return decision
    except Exception:
        log.exception("risk gate: the state of user %s (%s) could not be read; refusing", user_id, mode)
        # An unknown tier is refused too, reported against the strictest defaults.
        return error_decision(at, DEFAULT_LIMITS.get(tier, DEFAULT_LIMITS["free"]))


async def _rollback_to_savepoint(cur: Cursor) -> None:
    try:
        await cur.execute("ROLLBACK TO SAVEPOINT risk_gate")
    except Exception:
        # The connection is gone or the savepoint never began: the caller's next statement will say so.
        log.warning("risk gate: could not roll back to its savepoint", exc_info=True)


async def record_blocked(
    cur: Cursor, *, user_id: str, strategy_id: str | None, strategy_version: int | None, runtime_id: str | None,
    instrument: str, timeframe: str, bar_ts: datetime, mode: str, side: str | None, decision: RiskDecision,
) -> dict[str, Any]:
    """Write the signals_blocked row of a refusal (as ex7_worker, in the dispatcher's transaction), and
    its `risk_blocked` event (alerts subscribe to it; the stream does not show it)."""
    if decision.allowed:
        raise ValueError("only a refusal is recorded as a blocked signal")
    row = await risk_db.insert_blocked(
        cur, user_id=user_id, strategy_id=strategy_id, strategy_version=strategy_version, runtime_id=runtime_id,
        instrument=instrument, timeframe=timeframe, bar_ts=bar_ts, mode=mode, side=side, decision=decision)
    await events_db.append(cur, user_id=user_id, kind="risk_blocked", strategy_id=strategy_id, runtime_id=runtime_id,
                           payload={"strategy_id": strategy_id, "runtime_id": runtime_id, "instrument": instrument,
                                    "timeframe": timeframe, "mode": mode, "side": side,
                                    "bar_ts": bar_ts.isoformat().replace("+00:00", "Z"), **decision.reason_json()})
    return row


async def get_risk(tx: Tx, mode: str) -> RiskDecision:
    """The caller's risk state now: the decision the gate would make for an entry at this moment, on the
    session every listed instrument shares."""
    user_id = tx.caller()
    return await gate(tx.cur, user_id, mode, tx.clock.now(), None)


def unavailable(user_id: str, at: datetime) -> RiskDecision:
    """The answer when not even a transaction could be had: a refusal, against the strictest defaults
    (the tier cannot be read either)."""
    return error_decision(at, DEFAULT_LIMITS["free"])


async def list_blocked_signals(tx: Tx, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of the caller's blocked signals, newest first, and their total."""
    return await risk_db.list_blocked(tx.cur, tx.caller(), limit, offset)
