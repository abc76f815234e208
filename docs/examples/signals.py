# Signals: run a strategy on paper and watch its signals arrive live (Python SDK)
# Starts (or finds running) a paper runtime of a strategy made from the demo fixture, lists your runtimes,
# reads the live stream (SignalStream) until two signals came or EX7_STREAM_SECONDS (default 60) passed,
# resumes it from the first one's id (what came after is replayed), then pages its signals and audit.
# Needs the EX7 SDK, EX7_URL, EX7_TOKEN; signals come only while the market is open. The runtime keeps running.
from __future__ import annotations

import os
import sys
import threading
from uuid import UUID

from ex7_client import AuthenticatedClient
from ex7_client.api.signals import (
    signals_list_audit,
    signals_list_runtimes,
    signals_list_signals,
    signals_start_runtime,
)
from ex7_client.api.strategies import (
    strategies_create_strategy_from_fixture,
    strategies_get_strategy,
    strategies_list_strategies,
    strategies_promote_strategy,
    strategies_update_strategy,
)
from ex7_client.models import RuntimeStartRequest, SignalStatus, StrategyStatus, StrategyUpdate, TradingMode
from ex7_client.types import UNSET
from ex7_sdk import ProblemError, SignalStream, StreamEvent, unwrap

URL = os.environ.get("EX7_URL", "http://127.0.0.1:8000")
TOKEN = os.environ.get("EX7_TOKEN") or sys.exit("export EX7_TOKEN=... (./dev serve prints the line to paste)")
STREAM_SECONDS = float(os.environ.get("EX7_STREAM_SECONDS", "60"))


def docs_example_strategy(client: AuthenticatedClient) -> UUID:
    """Your strategy tagged docs-example, made from the demo-1m-momentum fixture if you have none."""
    page = unwrap(strategies_list_strategies.sync_detailed(client=client, tag="docs-example", limit=100))
    for strategy in page.items:
        if strategy.status != StrategyStatus.ARCHIVED:
            return strategy.id
    strategy = unwrap(strategies_create_strategy_from_fixture.sync_detailed("demo-1m-momentum", client=client))
    unwrap(strategies_update_strategy.sync_detailed(strategy.id, client=client,
                                                    body=StrategyUpdate(tags=["demo", "docs-example"])))
    return strategy.id


SIGNAL_EVENTS = ("signal", "signal_closed")


def show(event: StreamEvent) -> None:
    s = event.signal  # for signal events the typed Signal; the other events' JSON is in event.data
    if event.event == "compliance":
        print(f"  compliance: {event.data['rule']}: {event.data['text'][:60]}...")
    elif event.event == "signal" and s:
        print(f"  #{event.id} signal: {s.side} {s.instrument} at {s.entry_price}, stop {s.stop_price}")
    elif event.event == "signal_closed" and s:
        print(f"  #{event.id} signal_closed: {s.side} closed at {s.close_price} ({s.close_reason}), net {s.net_pnl}")
    else:  # reset (reload through GET /api/signals), token_expired
        print(f"  {event.event}: {event.data}")


def read(stream: SignalStream, signals: int) -> list[StreamEvent]:
    """Show the stream's events until `signals` signal events came or STREAM_SECONDS passed."""
    timer = threading.Timer(STREAM_SECONDS, stream.close)  # close() ends the iteration, from any thread
    timer.start()
    seen: list[StreamEvent] = []
    try:
        for event in stream:
            show(event)
            if event.event in SIGNAL_EVENTS:
                seen.append(event)
                if len(seen) >= signals:
                    break
    finally:
        timer.cancel()
    return seen


def main(client: AuthenticatedClient) -> None:
    print("== 1. The strategy: yours tagged docs-example, else a new one from the demo-1m-momentum fixture")
    sid = docs_example_strategy(client)
    strategy = unwrap(strategies_get_strategy.sync_detailed(sid, client=client))
    if strategy.status == StrategyStatus.DRAFT:  # only ready (or live) strategies run
        strategy = unwrap(strategies_promote_strategy.sync_detailed(sid, client=client))
    print(f"strategy {sid}: {strategy.status}")

    print("== 2. Start its paper runtime (the dispatcher picks it up and evaluates every new bar)")
    try:
        runtime = unwrap(signals_start_runtime.sync_detailed(
            sid, client=client, body=RuntimeStartRequest(mode=TradingMode.PAPER)))
        print(f"runtime {runtime.id}: {runtime.status}")
    except ProblemError as exc:
        if exc.code != "runtime_already_active":
            raise
        print(f"already {exc.body['current']['status']}")  # the runtime as it is, in `current`
    for r in unwrap(signals_list_runtimes.sync_detailed(client=client)).items:
        print(f"  {r.strategy_name}  {r.mode}  {r.status}  v{r.strategy_version} {r.instrument} {r.timeframe}"
              f"  last bar {r.last_bar_ts}")

    print(f"== 3. The live stream: up to 2 signals or {STREAM_SECONDS:.0f}s")
    with SignalStream(client, strategy_id=sid) as stream:
        seen = read(stream, 2)
    if len(seen) == 2:
        print(f"== 3b. Reconnect with Last-Event-ID {seen[0].id}: what came after it is replayed first")
        with SignalStream(client, strategy_id=sid, last_event_id=seen[0].id) as stream:
            read(stream, 1)
    else:
        print("  no signal in that time (outside market hours no bar arrives)")

    print("== 4. Its signals and their P&L, newest first, two a page (pass next_cursor back as cursor)")
    cursor = None
    for page_number in (1, 2, 3):
        page = unwrap(signals_list_signals.sync_detailed(client=client, strategy_id=sid, limit=2,
                                                         cursor=cursor or UNSET))
        for s in page.items:
            outcome = ("open" if s.status == SignalStatus.OPEN
                       else f"{s.status} ({s.close_reason}) at {s.close_price}, net {s.net_pnl}")
            print(f"  page {page_number}: {s.fired_at} {s.side} @ {s.entry_price}: {outcome}")
        cursor = page.next_cursor
        if not cursor:
            break

    print("== 5. What the runtime decided on its last bars, and why")
    for row in unwrap(signals_list_audit.sync_detailed(client=client, strategy_id=sid, limit=3)).items:
        close = row.inputs.to_dict().get("bar", {}).get("close")
        print(f"  {row.bar_ts} {row.decision} close {close} {row.reason or ''}")

    print(f"Stop it with: signals_stop_runtime.sync_detailed(UUID('{sid}'), client=client)")


if __name__ == "__main__":
    with AuthenticatedClient(base_url=URL, token=TOKEN) as client:
        try:
            main(client)
        except ProblemError as exc:
            sys.exit(f"API error: {exc}")
