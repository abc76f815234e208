"""Account tag: waitlist, instruments, performance, portfolio, risk."""

from __future__ import annotations

from typing import Any

from db import instruments as instruments_db
from db import waitlist as waitlist_db
from domain.decimals import money, plain
from domain.instruments import TIMEFRAMES
from domain.waitlist import normalize_email
from generated import models
from handlers.context import as_caller, parse, respond, services

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
    async with as_caller(token_info) as cur:
        rows = await instruments_db.list_all(cur)
    items = [
        models.Instrument(
            symbol=r["symbol"], name=r["name"], exchange=r["exchange"], currency=r["currency"],
            tick_size=plain(r["tick_size"]), tick_value=money(r["tick_value"]),
            point_value=money(r["tick_value"] / r["tick_size"]),
            commission_per_side=money(r["commission_per_side"]),
            timeframes=list(TIMEFRAMES),  # type: ignore[arg-type]
            session=models.Session(timezone=r["session_timezone"], open=r["session_open"], close=r["session_close"]),
            # No market-data feed has delivered bars yet: the fields exist and are null.
            market=models.MarketData(last_price=None, change=None, change_pct=None, last_bar_ts=None, status=None),
        )
        for r in rows
    ]
    return respond(models.InstrumentList(items=items), 200)

