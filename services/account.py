"""Account: waitlist sign-ups (the Account tag's instruments are in services.market_data, performance in
services.backtests)."""

from __future__ import annotations

from db import waitlist as waitlist_db
from domain.account.waitlist import normalize_email
from services.tx import Tx


async def add_to_waitlist(tx: Tx, email: str, source: str | None) -> None:
    """Normalised, and the same whether the address is new or listed already."""
    await waitlist_db.add(tx.cur, normalize_email(email), source)


async def get_waitlist_count(tx: Tx) -> int:
    return await waitlist_db.count(tx.cur)
