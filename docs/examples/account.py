# Account: instruments, your risk state, portfolio and performance, and the waitlist (Python SDK)
# Lists the instruments with their contract specs and live market data, shows your paper risk state (would
# the risk gate let an entry through now?), your portfolio and each strategy's performance, and adds an
# address to the public waitlist (the answer is the same whether it was there already) with its count.
# Needs the EX7 SDK, EX7_URL, EX7_TOKEN; EX7_WAITLIST_EMAIL (default trader@example.com) is the address.
from __future__ import annotations

import os
import sys

from ex7_client import AuthenticatedClient, Client
from ex7_client.api.account import (
    account_add_to_waitlist,
    account_get_instruments,
    account_get_performance,
    account_get_portfolio,
    account_get_risk,
    account_get_waitlist_count,
    account_list_blocked_signals,
)
from ex7_client.models import TradingMode, WaitlistRequest
from ex7_sdk import ProblemError, unwrap

URL = os.environ.get("EX7_URL", "http://127.0.0.1:8000")
TOKEN = os.environ.get("EX7_TOKEN") or sys.exit("export EX7_TOKEN=... (./dev serve prints the line to paste)")
WAITLIST_EMAIL = os.environ.get("EX7_WAITLIST_EMAIL", "trader@example.com")


def main(public: Client, client: AuthenticatedClient) -> None:
    print("== 1. Instruments (market fields are None until the feed has written a bar)")
    for i in unwrap(account_get_instruments.sync_detailed(client=client)).items:
        print(f"  {i.symbol}  {i.name}: tick {i.tick_size} = {i.tick_value} {i.currency}, commission "
              f"{i.commission_per_side}/side; last {i.market.last_price} ({i.market.change_pct}%), {i.market.status}")

    print("== 2. Your risk state in paper mode: the risk gate's decision right now")
    risk = unwrap(account_get_risk.sync_detailed(client=client, mode=TradingMode.PAPER))
    why = risk.blocked_reason
    print(f"  trading allowed: {risk.trading_allowed}"
          + (f" ({why.breaker}: {why.observed} vs {why.limit})" if why else ""))
    print(f"  today: {risk.usage.signals_today}/{risk.limits.max_signals_per_day} signals, P&L {risk.usage.daily_pnl} "
          f"(limit {risk.limits.daily_loss_limit}), {risk.usage.open_positions} open")
    blocked = unwrap(account_list_blocked_signals.sync_detailed(client=client, limit=3))
    print(f"  {blocked.total} signal(s) blocked so far")
    for b in blocked.items:
        print(f"    {b.blocked_at} {b.side} {b.instrument}: {b.reason}")

    print("== 3. Your paper portfolio (hypothetical results)")
    portfolio = unwrap(account_get_portfolio.sync_detailed(client=client, mode=TradingMode.PAPER))
    total = portfolio.cumulative
    win_rate = "-" if total.win_rate is None else f"{total.win_rate:.0%}"
    print(f"  today: {portfolio.today.signals} signals, {portfolio.today.open_} open, net {portfolio.today.net_pnl}")
    print(f"  all time: {total.signals} signals, win rate {win_rate}, net {total.net_pnl}")
    for p in portfolio.open_positions:
        print(f"  open: {p.side} {p.size} {p.instrument} @ {p.entry_price}, now {p.mark_price} ({p.unrealized_pnl})")

    print("== 4. Performance per strategy: the backtest of its current version, and what it did live")
    performance = unwrap(account_get_performance.sync_detailed(client=client))
    for s in performance.items:
        backtest = f"{s.backtest.trades} trades net {s.backtest.net_pnl}" if s.backtest else "none"
        print(f"  {s.name} v{s.version}: backtest {backtest}; live {s.live.signals} signals net {s.live.net_pnl}")
    print(f"  ({performance.disclaimer[:60]}...)")

    print("== 5. The waitlist (public: no token needed)")
    joined = unwrap(account_add_to_waitlist.sync_detailed(
        client=public, body=WaitlistRequest(email=WAITLIST_EMAIL, source="docs-example")))
    print(f"  {joined.status}: {joined.message}")
    print(f"  {unwrap(account_get_waitlist_count.sync_detailed(client=public)).count} on the waitlist")


if __name__ == "__main__":
    with Client(base_url=URL) as public, AuthenticatedClient(base_url=URL, token=TOKEN) as client:
        try:
            main(public, client)
        except ProblemError as exc:
            sys.exit(f"API error: {exc}")
