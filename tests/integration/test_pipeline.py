"""The signal pipeline end to end: runtimes started through the API, bars written as a feed writes them,
dispatchers ticked by hand (deterministic), and what they wrote read back through the API and the tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.engine import compile_graph, run_backtest
from domain.market.bars import StoredBar
from domain.market.synthetic import bars_between
from domain.pnl import compute_pnl
from domain.signals.runtime import ArrivedBar
from domain.strategy.fixtures import get_fixture
from services import dispatch
from services.dispatch import LeaseLost, engine_bar
from tests.support.db import PostgresForTests
from tests.support.graphs import stop, threshold_graph
from tests.support.pipeline import Pipeline
from tests.support.users import User, new_user

T = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)  # Tuesday 09:00 Chicago


def flat_bars(closes: list[float], start: datetime = T) -> list[StoredBar]:
    """1m bars opening at `start`, one a minute, each with open = previous close and a 1-point range."""
    out = []
    prev = closes[0]
    for i, c in enumerate(closes):
        o, cl = Decimal(str(prev)), Decimal(str(c))
        out.append(StoredBar(start + timedelta(minutes=i), o, max(o, cl) + 1, min(o, cl) - 1, cl, 100))
        prev = c
    return out


def _running(p: Pipeline, user: User, *, stop_ticks: int = 400, short_below: float | None = None) -> str:
    """A threshold strategy (long above 21000; short below `short_below` when given) with a stop of
    `stop_ticks`, started and taken to running by a dispatcher tick; its id."""
    sid = p.ready_strategy(user, threshold_graph(long_above=21000.0, short_below=short_below, risk=[stop(stop_ticks)]))
    p.start(user, sid)
    p.tick()
    return sid


@pytest.fixture
def p(postgres: PostgresForTests):  # type: ignore[no-untyped-def]
    with Pipeline(postgres) as pipe:
        yield pipe


def test_a_start_warms_up_on_history_and_decides_first_on_the_next_bar(p: Pipeline, user: User) -> None:
    # History that would enter at once (close above 21000 on every bar) arrives before the start.
    p.write_bars("MNQ", "1m", flat_bars([21010.0] * 30), source="import")
    sid = p.ready_strategy(user, threshold_graph(long_above=21000.0, risk=[stop(40)]))
    started = p.start(user, sid)
    assert started["status"] == "starting" and started["strategy_version"] == 1
    p.tick()
    runtime = p.runtime(user, sid)
    assert runtime["status"] == "running"
    assert runtime["last_bar_ts"] == "2026-11-24T15:29:00Z"  # the warm-up's last bar
    assert p.signals(user) == [] and p.sql("SELECT count(*) FROM signal_audit")[0][0] == 0
    p.write_bars("MNQ", "1m", flat_bars([21010.0, 21012.0], start=T + timedelta(minutes=30)))
    p.tick()
    signals = p.signals(user)
    assert [(s["side"], s["bar_ts"], s["entry_price"], s["status"]) for s in signals] == [
        ("long", "2026-11-24T15:30:00Z", "21010", "open")]
    assert signals[0]["stop_price"] == "21000"  # 40 ticks of 0.25
    audit = p.sql("SELECT bar_ts, decision FROM signal_audit ORDER BY bar_ts")
    assert [d for _ts, d in audit] == ["enter_long", "hold"]
    assert p.runtime(user, sid)["position"] == {"side": "long", "size": 1, "entry_price": "21010",
                                                "opened_at": signals[0]["fired_at"]}
    events = p.sql("SELECT kind, payload->>'id' FROM events WHERE kind = 'signal'")
    assert events == [("signal", signals[0]["id"])]


def _replay(p: Pipeline, bars: list[StoredBar], chunk: int = 97) -> None:
    for i in range(0, len(bars), chunk):
        p.write_bars("MNQ", "1m", bars[i:i + chunk])
        p.tick()


def test_paper_signals_from_a_replay_equal_the_backtest_trade_for_trade(p: Pipeline, user: User) -> None:
    graph = get_fixture("ema-crossover")["graph"]
    bars = bars_between("MNQ", T, T + timedelta(hours=20), seed=11)
    sid = p.ready_strategy(user, graph)
    p.open_risk_limits(user)  # the engine against itself: the gate is test_the_gate_blocks_...'s
    p.start(user, sid)
    p.tick()  # nothing stored yet: no warm-up
    _replay(p, bars)
    result = run_backtest(compile_graph(graph, "MNQ", "1m"), "MNQ", [engine_bar(b) for b in bars], "1m")
    signals = p.signals(user)
    trades = [t for t in result.trades if t.reason != "end_of_data"]
    assert len(trades) >= 5
    closed = [s for s in signals if s["status"] == "closed"]
    assert [(s["side"], s["bar_ts"], s["entry_price"], s["close_price"], s["close_reason"], s["net_pnl"])
            for s in closed] == [
        (t.side, t.entry_ts.isoformat().replace("+00:00", "Z"), str(t.entry_price.normalize()),
         str(t.exit_price.normalize()), t.reason, f"{t.net:.2f}") for t in trades]
    still_open = [s for s in signals if s["status"] == "open"]
    assert len(still_open) == (1 if result.open_position else 0)
    assert p.sql("SELECT count(*), count(DISTINCT bar_ts) FROM signal_audit")[0] == (len(bars), len(bars))


def test_late_bars_skip_entries_but_still_stop_out_an_open_position(p: Pipeline, user: User) -> None:
    sid = p.ready_strategy(user, threshold_graph(long_above=21000.0, risk=[stop(40)]))
    p.start(user, sid)
    p.started_earlier(3600)
    p.tick()
    p.write_bars("MNQ", "1m", flat_bars([21010.0]))
    p.tick()
    [opened] = p.signals(user)
    # The dispatcher was down: the next bars arrived ten minutes ago. The second one falls through the stop.
    p.write_bars("MNQ", "1m", flat_bars([21005.0, 20990.0, 21010.0, 21011.0], start=T + timedelta(minutes=1)))
    p.backdate_arrival("MNQ", "1m", 600, from_ts=T + timedelta(minutes=1))
    p.tick()
    [closed] = p.signals(user)
    assert closed["id"] == opened["id"] and closed["status"] == "closed" and closed["close_reason"] == "stop"
    assert closed["close_price"] == "21000"
    assert closed["net_pnl"] == f"{compute_pnl('MNQ', 'long', 1, Decimal('21010'), Decimal('21000')).net:.2f}"
    audit = p.sql("SELECT decision, reason FROM signal_audit ORDER BY bar_ts")
    assert [d for d, _ in audit] == ["enter_long", "hold", "exit", "skipped", "skipped"]
    assert audit[3][1].startswith("late: processed")


def test_stop_drains_then_closes_the_position_at_the_newest_price(p: Pipeline, user: User) -> None:
    sid = _running(p, user)
    p.write_bars("MNQ", "1m", flat_bars([21010.0, 21020.0]))
    p.tick()
    r = p.client.post(f"/api/signals/runtimes/{sid}/stop", headers=user.headers)
    assert r.status_code == 200 and r.json()["status"] == "draining"
    again = p.client.post(f"/api/signals/runtimes/{sid}/stop", headers=user.headers)
    assert again.status_code == 200 and again.json()["status"] == "draining"
    p.tick()
    runtime = p.runtime(user, sid)
    assert runtime["status"] == "stopped" and runtime["position"] is None
    [closed] = p.signals(user)
    assert (closed["status"], closed["close_reason"], closed["close_price"]) == ("closed", "runtime_stopped", "21020")
    # Bars after the stop change nothing.
    p.write_bars("MNQ", "1m", flat_bars([21030.0], start=T + timedelta(minutes=2)))
    p.tick()
    assert p.sql("SELECT count(*) FROM signal_audit")[0][0] == 2


def test_a_running_runtime_keeps_its_version_until_restarted(p: Pipeline, user: User) -> None:
    sid = _running(p, user, stop_ticks=40)
    r = p.client.put(f"/api/strategies/{sid}", headers=user.headers,
                       json={"graph": threshold_graph(long_above=99999.0, risk=[stop(40)])})
    assert r.status_code == 200 and r.json()["current_version"] == 2
    runtime = p.runtime(user, sid)
    assert runtime["restart_required"] is True and runtime["strategy_version"] == 1
    p.write_bars("MNQ", "1m", flat_bars([21010.0]))
    p.tick()
    [signal] = p.signals(user)
    assert signal["strategy_version"] == 1


def test_a_runtime_that_cannot_run_goes_to_error_and_the_others_go_on(p: Pipeline, user: User) -> None:
    good = p.ready_strategy(user, threshold_graph(long_above=21000.0, risk=[stop(40)]))
    bad = p.ready_strategy(user, threshold_graph(long_above=21000.0, risk=[stop(40)]))
    p.start(user, good)
    p.start(user, bad)
    # The stored version no longer compiles (an operator's hand, a bad migration): not the user's doing.
    p.sql("UPDATE strategy_versions SET graph = jsonb_set(graph, '{nodes,0,type}', '\"nonsense\"') "
          "WHERE strategy_id = %s", bad)
    p.tick()
    p.write_bars("MNQ", "1m", flat_bars([21010.0]))
    p.tick()
    assert p.runtime(user, bad)["status"] == "error"
    assert (p.runtime(user, bad)["last_error"] or "").startswith("GraphInvalid: ")
    assert p.runtime(user, good)["status"] == "running"
    assert len(p.signals(user)) == 1


def test_force_close_all_cancels_at_entry_and_the_runtime_can_enter_again(p: Pipeline, user: User) -> None:
    sid = _running(p, user)
    p.write_bars("MNQ", "1m", flat_bars([21010.0]))
    p.tick()
    r = p.client.post(f"/api/signals/runtimes/{sid}/force-close-all", headers=user.headers)
    assert r.status_code == 200 and r.json() == {"strategy_id": sid, "closed": 1}
    [cancelled] = p.signals(user)
    assert (cancelled["status"], cancelled["close_reason"], cancelled["close_price"], cancelled["net_pnl"]) == (
        "cancelled", "force_close", "21010", "0.00")
    assert p.sql("SELECT count(*) FROM events WHERE kind = 'signal_closed'")[0][0] == 1
    p.write_bars("MNQ", "1m", flat_bars([21012.0], start=T + timedelta(minutes=1)))
    p.tick()
    signals = p.signals(user)
    assert [s["status"] for s in signals] == ["cancelled", "open"]
    again = p.client.post(f"/api/signals/runtimes/{sid}/force-close-all", headers=user.headers)
    assert again.json()["closed"] == 1
    none_left = p.client.post(f"/api/signals/runtimes/{sid}/force-close-all", headers=user.headers)
    assert none_left.json()["closed"] == 0


def test_a_user_close_racing_the_dispatchers_stop_closes_the_signal_once(p: Pipeline) -> None:
    import asyncio

    import httpx

    outcomes = set()
    # A head start for one side or the other (negative: the close goes first), so that each side
    # surely wins some rounds, and the rounds in between race for real.
    for i, delay in enumerate((-0.5, -0.2, 0.0, 0.0, 0.01, 0.2, 0.5)):
        user = new_user()
        _running(p, user, stop_ticks=40)
        base = T + timedelta(minutes=10 * i)
        p.write_bars("MNQ", "1m", flat_bars([21010.0], start=base))
        p.tick()
        [opened] = p.signals(user)
        p.write_bars("MNQ", "1m", flat_bars([20990.0], start=base + timedelta(minutes=1)))  # through the stop

        async def race(signal_id: str = opened["id"], headers: dict[str, str] = user.headers,
                       delay: float = delay) -> int:
            async with httpx.AsyncClient(base_url=str(p.client.base_url), timeout=30) as client:
                async def close() -> httpx.Response:
                    await asyncio.sleep(max(delay, 0))
                    return await client.post(f"/api/signals/{signal_id}/close", headers=headers)

                async def tick() -> None:
                    await asyncio.sleep(max(-delay, 0))
                    await p.dispatchers[0].tick()

                response, _ = await asyncio.gather(close(), tick())
            return response.status_code

        status = p.loop.run_until_complete(race())
        [closed] = p.signals(user)
        assert closed["status"] != "open"
        events = p.sql("SELECT count(*) FROM events WHERE kind = 'signal_closed' AND signal_id = %s", closed["id"])
        assert events == [(1,)]
        expected = compute_pnl("MNQ", "long", 1, Decimal("21010"), Decimal(closed["close_price"])).net
        assert closed["net_pnl"] == f"{expected:.2f}"
        if closed["close_reason"] == "user":
            assert status == 200
        else:
            assert (closed["close_reason"], status) == ("stop", 409)
        outcomes.add(closed["close_reason"])
    assert outcomes == {"user", "stop"}, outcomes


def test_two_closes_at_once_one_wins_the_other_sees_the_row(p: Pipeline, user: User) -> None:
    import asyncio

    import httpx

    _running(p, user)
    p.write_bars("MNQ", "1m", flat_bars([21010.0, 21020.0]))
    p.tick()
    [opened] = p.signals(user)

    async def both() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=str(p.client.base_url), timeout=30) as client:
            return list(await asyncio.gather(*(client.post(f"/api/signals/{opened['id']}/close", headers=user.headers)
                                               for _ in range(2))))

    responses = p.loop.run_until_complete(both())
    assert sorted(r.status_code for r in responses) == [200, 409]
    won = next(r for r in responses if r.status_code == 200).json()
    lost = next(r for r in responses if r.status_code == 409).json()
    assert won["status"] == "cancelled" and won["close_reason"] == "user" and won["close_price"] == "21020"
    assert won["slippage_ticks"] == 2.0 and "Hypothetical" in won["disclaimer"]
    assert lost["code"] == "signal_not_open" and lost["current"]["id"] == opened["id"]
    assert lost["current"]["status"] == "cancelled"


def test_the_gate_blocks_at_the_exact_threshold_and_get_risk_agrees(p: Pipeline, user: User) -> None:
    # Reverse on every bar: long above 21000, short below; each reverse closes the previous trade.
    _running(p, user, short_below=21000.0)
    p.write_bars("MNQ", "1m", flat_bars([21010.0]))
    p.tick()
    # The first trade closes at a loss of exactly the limit: the next entry must be refused.
    loss = compute_pnl("MNQ", "long", 1, Decimal("21010"), Decimal("20990")).net
    p.client.get("/api/risk", headers=user.headers)  # the users row exists already; limits are per user
    # Only the daily loss limit in play: the other breakers opened wide.
    p.sql("""INSERT INTO risk_limits (user_id, mode, daily_loss_limit, max_signals_per_day, max_consecutive_losses,
                                      max_open_positions, cooldown_minutes, no_entry_before_break_minutes)
             VALUES (%s, 'paper', %s, 100, 100, 100, 0, 0)""", user.id, loss)
    p.write_bars("MNQ", "1m", flat_bars([20990.0], start=T + timedelta(minutes=1)))
    p.tick()
    signals = p.signals(user)
    assert [(s["side"], s["status"], s["net_pnl"]) for s in signals] == [("long", "closed", f"{loss:.2f}")]
    audit = p.sql("SELECT decision, reason FROM signal_audit ORDER BY bar_ts")
    assert audit[-1] == ("blocked", "reverse; daily_loss_limit_breached")  # the long closed, the short refused
    [blocked] = p.client.get("/api/risk/blocked", headers=user.headers).json()["items"]
    assert (blocked["triggered_limit"], blocked["observed"], blocked["limit"], blocked["side"]) == (
        "daily_loss_limit", f"{loss:.2f}", f"{loss:.2f}", "short")
    p.clock.set(T + timedelta(minutes=2, seconds=5))
    risk = p.client.get("/api/risk", headers=user.headers).json()
    assert risk["trading_allowed"] is False and risk["blocked_reason"]["breaker"] == "daily_loss_limit"
    assert risk["usage"]["daily_pnl"] == f"{loss:.2f}"
    # One cent less strict and the same state trades.
    p.sql("UPDATE risk_limits SET daily_loss_limit = %s WHERE user_id = %s", loss - Decimal("0.01"), user.id)
    assert p.client.get("/api/risk", headers=user.headers).json()["trading_allowed"] is True
    p.write_bars("MNQ", "1m", flat_bars([20980.0], start=T + timedelta(minutes=2)))
    p.tick()
    assert [s["side"] for s in p.signals(user)] == ["long", "short"]
    # Live is a separate pool: the paper loss does not block it.
    assert p.client.get("/api/risk", headers=user.headers, params={"mode": "live"}).json()["trading_allowed"] is True


def test_performance_reconciles_paper_with_the_backtest_of_the_bars_processed(p: Pipeline, user: User) -> None:
    graph = get_fixture("demo-1m-momentum")["graph"]
    history = bars_between("MNQ", T - timedelta(hours=3), T, seed=4)
    live = bars_between("MNQ", T, T + timedelta(hours=3), seed=4)
    p.write_bars("MNQ", "1m", history, source="import")  # arrived before the start: the warm-up
    sid = p.ready_strategy(user, graph)
    p.open_risk_limits(user)
    p.start(user, sid)
    p.tick()
    _replay(p, live)

    def reconciliation() -> dict[str, object]:
        r = p.client.get("/api/performance", headers=user.headers)
        assert r.status_code == 200, r.text
        [item] = [i for i in r.json()["items"] if i["strategy_id"] == sid]
        [rec] = item["reconciliation"]
        return rec  # type: ignore[no-any-return]

    rec = reconciliation()
    closed = [s for s in p.signals(user) if s["status"] == "closed"]
    assert rec["status"] == "matched" and rec["bars"] == len(live) and rec["mode"] == "paper"
    assert rec["matched"] == rec["backtest_trades"] == len(closed) > 10
    # A position closed by hand: paper and backtest part ways, and the reconciliation says where.
    p.write_bars("MNQ", "1m", bars_between("MNQ", T + timedelta(hours=3), T + timedelta(hours=4), seed=4))
    p.tick()
    open_now = [s for s in p.signals(user) if s["status"] == "open"]
    if not open_now:  # flat after this hour: open one more bar at a time until the runtime holds one
        for minute in range(240, 300):
            p.write_bars("MNQ", "1m", bars_between("MNQ", T + timedelta(minutes=minute),
                                                   T + timedelta(minutes=minute + 1), seed=4))
            p.tick()
            open_now = [s for s in p.signals(user) if s["status"] == "open"]
            if open_now:
                break
    [holding] = open_now
    assert p.client.post(f"/api/signals/{holding['id']}/close", headers=user.headers,
                         json={"close_price": holding["entry_price"]}).status_code == 200
    rec = reconciliation()
    assert rec["status"] == "differences"
    assert [c["entry_bar_ts"] for c in rec["closed_outside_engine"]] == [
        datetime.fromisoformat(holding["bar_ts"].replace("Z", "+00:00")).isoformat()]


def test_a_worker_that_lost_its_lease_writes_nothing_more_for_that_runtime(p: Pipeline, user: User) -> None:
    sid = p.ready_strategy(user, threshold_graph(long_above=21000.0, risk=[stop(400)]))
    p.start(user, sid)
    a, b = p.dispatcher(), p.dispatcher()
    p.tick(a)
    [stale] = a.held.values()
    # A stalls (a long GC pause, a partition) past its lease; B takes the runtime and goes on.
    p.sql("UPDATE strategy_runtimes SET lease_expires_at = now() - interval '1 second'")
    p.write_bars("MNQ", "1m", flat_bars([21010.0]))
    p.tick(b)
    assert len(b.held) == 1 and p.sql("SELECT count(*) FROM signal_audit")[0][0] == 1
    # A wakes up with the next bar in hand and its old copy of the runtime: the write is refused.
    [bar] = flat_bars([21020.0], start=T + timedelta(minutes=1))
    p.write_bars("MNQ", "1m", [bar])
    arrived = ArrivedBar(bar, bar.ts + timedelta(minutes=1), datetime.now(UTC), "replay")

    async def stale_write() -> None:
        async with a._bar_tx() as cur:
            await dispatch.process_bar(cur, stale, arrived, a.settings, p.clock)

    with pytest.raises(LeaseLost):
        p.loop.run_until_complete(stale_write())
    assert p.sql("SELECT count(*) FROM signal_audit")[0][0] == 1
    p.tick(a)  # and its next round drops the runtime it no longer holds
    assert a.held == {}
    p.tick(b)
    assert p.sql("SELECT count(*), count(DISTINCT bar_ts) FROM signal_audit")[0] == (2, 2)
    assert [s["status"] for s in p.signals(user)] == ["open"]


def test_closing_by_hand_answers_each_case_with_its_own_code(p: Pipeline, user: User) -> None:
    from tests.support.problems import assert_problem

    _running(p, user)
    p.write_bars("MNQ", "1m", flat_bars([21010.0, 21020.0]))
    p.tick()
    [signal] = p.signals(user)
    close = f"/api/signals/{signal['id']}/close"
    stranger = new_user()
    assert_problem(p.client.post(close, headers=stranger.headers), 404, "signal_not_found")
    assert_problem(p.client.post("/api/signals/00000000-0000-4000-8000-000000000000/close", headers=user.headers),
                   404, "signal_not_found")
    assert_problem(p.client.post(close, headers=user.headers, json={"close_price": "21020.1"}), 422, "price_off_tick")
    assert_problem(p.client.post(close, headers=user.headers, json={"close_price": "-1"}), 422)
    assert_problem(p.client.post(close, headers=user.headers, json={"price": "1"}), 422)
    # The newest price is three minutes old: not the market's any more, unless the client names one.
    p.sql("UPDATE bars SET updated_at = updated_at - interval '181 seconds'")
    stale = assert_problem(p.client.post(close, headers=user.headers), 409, "price_stale")
    assert stale["price_age_seconds"] > 180
    p.sql("UPDATE signals SET mode = 'live' WHERE id = %s", signal["id"])
    assert_problem(p.client.post(close, headers=user.headers, json={"close_price": "21030"}), 403, "paper_only")
    p.sql("UPDATE signals SET mode = 'paper' WHERE id = %s", signal["id"])
    closed = p.client.post(close, headers=user.headers, json={"close_price": "21030"})
    assert closed.status_code == 200, closed.text
    body = closed.json()
    expected = compute_pnl("MNQ", "long", 1, Decimal("21010"), Decimal("21030"))
    assert (body["status"], body["close_reason"], body["close_price"], body["net_pnl"], body["gross_pnl"]) == (
        "cancelled", "user", "21030", f"{expected.net:.2f}", f"{expected.gross:.2f}")
    assert body["closed_at"] == "2026-11-24T15:00:00Z"  # the service's clock


@pytest.mark.parametrize("damage", ["'{\"format\": 99}'::jsonb", "NULL"])
def test_a_runtime_whose_saved_state_cannot_be_resumed_goes_to_error(p: Pipeline, user: User, damage: str) -> None:
    sid = _running(p, user)
    assert p.runtime(user, sid)["status"] == "running"
    p.sql(f"UPDATE strategy_runtimes SET snapshot = {damage}, lease_expires_at = now() - interval '1 second'")
    p.tick(p.dispatcher())  # another worker takes it over and finds nothing it can resume
    runtime = p.runtime(user, sid)
    assert runtime["status"] == "error" and runtime["last_error"].startswith("EngineStateMismatch: ")
