"""Account tag: waitlist, instruments, performance, portfolio, risk."""

from __future__ import annotations

from typing import Any

from db import bars as bars_db
from db import instruments as instruments_db
from db import strategies as strategies_db
from db import waitlist as waitlist_db
from domain.account.waitlist import normalize_email
from domain.billing.compliance import CFTC_4_41_TEXT
from domain.decimals import money, plain
from domain.market.calendar import trading_day_start
from domain.market.instruments import TIMEFRAMES
from domain.market.snapshot import MarketSnapshot, snapshot
from generated import models
from handlers._http import as_caller, parse, respond, services
from services.backtests import head_statistics_cached

_WAITLIST_MESSAGE = "You are on the waitlist."


async def add_to_waitlist(body: dict[str, Any]) -> Any:
    request = parse(models.WaitlistRequest, body)
    email = normalize_email(request.email)
    async with services().db.transaction() as cur:
        await waitlist_db.add(cur, email, request.source)
        return respond(models.WaitlistResponse(status="ok", message=_WAITLIST_MESSAGE), 200)


async def get_waitlist_count() -> Any:
    async with services().db.transaction() as cur:
        count = await waitlist_db.count(cur)
    return respond(models.WaitlistCount(count=count), 200)


async def get_instruments(token_info: dict[str, Any]) -> Any:
    svc = services()
    now = svc.clock.now()
    async with as_caller(token_info) as cur:
        rows = await instruments_db.list_all(cur)
        last = await bars_db.latest(cur, [r["symbol"] for r in rows])
        # The session of each market's newest bar: the change is measured from before it began.
        references = await bars_db.session_references(
            cur, {symbol: trading_day_start(bar.ts, symbol) for symbol, bar in last.items()})
    items = []
    for r in rows:
        symbol = r["symbol"]
        bar = last.get(symbol)
        previous_close, first_open = references.get(symbol, (None, None))
        market = snapshot(symbol, now, last_bar_ts=bar.ts if bar else None, last_close=bar.close if bar else None,
                          previous_close=previous_close, session_first_open=first_open)
        items.append(models.Instrument(
            symbol=symbol, name=r["name"], exchange=r["exchange"], currency=r["currency"],
            tick_size=plain(r["tick_size"]), tick_value=money(r["tick_value"]),
            point_value=money(r["tick_value"] / r["tick_size"]),
            commission_per_side=money(r["commission_per_side"]),
            timeframes=list(TIMEFRAMES),  # type: ignore[arg-type]
            session=models.Session(timezone=r["session_timezone"], open=r["session_open"], close=r["session_close"]),
            market=_market(market),
        ))
    return respond(models.InstrumentList(items=items), 200)


def _market(m: MarketSnapshot) -> models.MarketData:
    return models.MarketData(
        last_price=plain(m.last_price) if m.last_price is not None else None,
        change=plain(m.change) if m.change is not None else None,
        change_pct=f"{m.change_pct:f}" if m.change_pct is not None else None,
        last_bar_ts=m.last_bar_ts,
        status=m.status,
    )


async def get_performance(token_info: dict[str, Any], user: str) -> Any:
    items = []
    async with as_caller(token_info) as cur:
        for row in await strategies_db.list_all(cur, user):
            stats = await head_statistics_cached(cur, user, row)
            items.append(models.StrategyPerformance(
                strategy_id=row["id"], name=row["name"], version=row["current_version"],
                backtest=models.Backtest.model_validate(stats) if stats is not None else None,
                live=_NO_LIVE_SIGNALS,
            ))
        return respond(models.Performance(items=items, disclaimer=CFTC_4_41_TEXT))


# Live statistics come from the signals a runtime fires; the signal pipeline has not landed yet.
_NO_LIVE_SIGNALS = models.LiveStats(signals=0, open=0, closed=0, wins=0, losses=0, win_rate=None, net_pnl="0.00")
