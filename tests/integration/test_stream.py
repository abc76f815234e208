"""GET /api/signals/stream on a real uvicorn, read by a real HTTP client (httpx, streaming), over the
shared test database: the lifecycle, filters, resume, reset, the cap, token expiry, the poll
fallback, commit order and leaks."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from db import events as events_db
from db.pool import WORKER_ROLE, Database, connect, transaction_on
from domain.billing.compliance import CFTC_4_41_TEXT
from ex7 import tokens
from ex7.app import Ex7App, create_app
from ex7.stream.hub import APPLICATION_NAME
from ex7.workers.housekeeping import Housekeeping
from generated import models
from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.http import loop_of, serve
from tests.support.live_server import readme_path
from tests.support.pipeline import wait_until
from tests.support.problems import assert_problem
from tests.support.settings import make_settings
from tests.support.signals import arrange_strategy
from tests.support.stream import StreamReader, open_stream, publish, publish_close
from tests.support.users import TEST_SECRET, User

HEARTBEAT = 0.4
MAX_PER_USER = 3


def _app(dsn: str, **settings: Any) -> Ex7App:
    return create_app(make_settings(ex7_stream_heartbeat_seconds=HEARTBEAT, ex7_stream_poll_seconds=0.3,
                                    ex7_stream_max_per_user=MAX_PER_USER, **settings), dsn, validate_responses=True)


@pytest.fixture(scope="module")
def app(dsn: str) -> Ex7App:
    return _app(dsn)


@pytest.fixture(scope="module")
def url(app: Ex7App) -> Iterator[str]:
    with serve(app) as base:
        yield base


def test_the_lifecycle_headers_retry_banner_once_live_frames_and_heartbeats(url: str, dsn: str, user: User) -> None:
    strategy = arrange_strategy(dsn, user)
    with httpx.Client(base_url=url, timeout=httpx.Timeout(10, read=5)) as client, \
            client.stream("GET", "/api/signals/stream", headers=user.headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["x-accel-buffering"] == "no"
        reader = StreamReader(response)
        assert reader.next().retry == 3000
        banner = reader.expect("compliance")
        assert banner.json["text"] == CFTC_4_41_TEXT and banner.id is None

        event_id, signal_id = publish(dsn, strategy)
        fired = reader.expect("signal")
        assert fired.id == str(event_id)
        models.Signal.model_validate(fired.json)  # the contract's Signal, as generated from it
        assert fired.json["id"] == signal_id and fired.json["status"] == "open"

        closed_id = publish_close(dsn, strategy, signal_id)
        closed = reader.expect("signal_closed")
        assert closed.id == str(closed_id) and int(closed.id) > event_id
        assert closed.json["status"] == "cancelled" and closed.json["event_id"] == closed_id

        # Idle: heartbeat comments, and no second banner.
        for _ in range(2):
            frame = reader.next()
            assert frame.event == "comment" and frame.comments == ["heartbeat"]


def test_filters_by_strategy_and_instrument_and_never_another_users_events(url: str, dsn: str, user: User,
                                                                          other_user: User) -> None:
    mnq = arrange_strategy(dsn, user, instrument="MNQ")
    mes = arrange_strategy(dsn, user, instrument="MES")
    theirs = arrange_strategy(dsn, other_user, instrument="MNQ")
    with open_stream(url, user, strategy_id=mnq.id) as by_strategy, \
            open_stream(url, user, instrument="MES") as by_instrument, open_stream(url, user) as everything:
        publish(dsn, theirs)
        mnq_event, _ = publish(dsn, mnq)
        mes_event, _ = publish(dsn, mes, entry_price="6000.25")
        assert [f.id for f in by_strategy.signals(1)] == [str(mnq_event)]
        assert [f.id for f in by_instrument.signals(1)] == [str(mes_event)]
        assert [f.id for f in everything.signals(2)] == [str(mnq_event), str(mes_event)]
        last, _ = publish(dsn, mnq)  # the filtered streams have nothing else queued before it
        assert [f.id for f in by_strategy.signals(1)] == [str(last)]


def test_a_resumed_stream_replays_exactly_what_it_missed_in_order_then_goes_live(url: str, dsn: str,
                                                                                 user: User) -> None:
    strategy = arrange_strategy(dsn, user)
    with open_stream(url, user) as first:
        seen = [publish(dsn, strategy)[0] for _ in range(3)]
        assert [int(f.id) for f in first.signals(3)] == seen  # type: ignore[arg-type]
    missed = [publish(dsn, strategy)[0] for _ in range(4)]
    with open_stream(url, user, last_event_id=seen[-1]) as resumed:
        assert [int(f.id) for f in resumed.signals(4)] == missed  # type: ignore[arg-type]
        live, _ = publish(dsn, strategy)
        assert [int(f.id) for f in resumed.signals(1)] == [live]  # type: ignore[arg-type]
    # Filters apply to the replay too; a strategy of the caller that has no events replays nothing.
    quiet = arrange_strategy(dsn, user)
    with open_stream(url, user, last_event_id=seen[0], strategy_id=quiet.id) as filtered:
        mine, _ = publish(dsn, quiet)
        assert [int(f.id) for f in filtered.signals(1)] == [mine]  # type: ignore[arg-type]


def test_a_replayed_signal_shows_the_signal_as_it_is_now(url: str, dsn: str, user: User) -> None:
    strategy = arrange_strategy(dsn, user)
    before, _ = publish(dsn, strategy)
    fired, signal_id = publish(dsn, strategy)
    closed = publish_close(dsn, strategy, signal_id)
    with open_stream(url, user, last_event_id=before) as resumed:
        first, second = resumed.signals(2)
        assert (first.event, first.id, first.json["status"]) == ("signal", str(fired), "cancelled")
        assert (second.event, second.id) == ("signal_closed", str(closed))


def test_an_id_older_than_the_retention_window_or_never_issued_gets_a_reset_then_the_live_stream(
        url: str, dsn: str, user: User) -> None:
    strategy = arrange_strategy(dsn, user)
    old, _ = publish(dsn, strategy)
    sql_as_owner(dsn, "UPDATE events SET created_at = now() - interval '30 days' WHERE id <= %s", old)
    asyncio.run(_prune(dsn))
    with open_stream(url, user, last_event_id=old - 1) as resumed:
        reset = resumed.expect("reset")
        assert reset.json["reason"] == "pruned" and "GET /api/signals" in reset.json["detail"]
        assert reset.id is not None and int(reset.id) >= old and reset.json["resume_from"] == int(reset.id)
        live, _ = publish(dsn, strategy)
        assert [int(f.id) for f in resumed.signals(1)] == [live]  # type: ignore[arg-type]
    with open_stream(url, user, last_event_id=10**18) as made_up:
        assert made_up.expect("reset").json["reason"] == "unknown"
    with open_stream(url, user, last_event_id=old) as at_the_edge:  # nothing after it was pruned: a replay
        later, _ = publish(dsn, strategy)
        assert [int(f.id) for f in at_the_edge.signals(2)] == [live, later]  # type: ignore[arg-type]


async def _prune(dsn: str) -> int:
    db = Database(dsn, role=WORKER_ROLE)
    try:
        return await Housekeeping(dsn, retention_days=7).prune_once(db)
    finally:
        await db.close()


@pytest.mark.parametrize("last_event_id", ["abc", "-1", "1.5", "", "12345678901234567890", "9223372036854775808"])
def test_a_malformed_last_event_id_is_a_422_before_the_stream_opens(url: str, user: User, last_event_id: str) -> None:
    resp = httpx.get(f"{url}/api/signals/stream", headers={**user.headers, "Last-Event-ID": last_event_id}, timeout=10)
    assert_problem(resp, 422, "validation_failed")


def test_a_strategy_filter_that_is_not_the_callers_is_a_404(url: str, dsn: str, user: User, other_user: User) -> None:
    theirs = arrange_strategy(dsn, other_user)
    for strategy_id in (theirs.id, "00000000-0000-4000-8000-000000000000"):
        resp = httpx.get(f"{url}/api/signals/stream", params={"strategy_id": strategy_id}, headers=user.headers,
                         timeout=10)
        assert_problem(resp, 404, "strategy_not_found")


def test_no_token_is_a_401(url: str) -> None:
    assert_problem(httpx.get(f"{url}/api/signals/stream", timeout=10), 401)


def test_streams_beyond_the_per_user_cap_are_429_with_retry_after_until_one_closes(app: Ex7App, url: str,
                                                                                  user: User, other_user: User) -> None:
    hub = app.deps.hub
    assert hub is not None
    with contextlib.ExitStack() as stack:
        for _ in range(MAX_PER_USER):
            stack.enter_context(open_stream(url, user))
        over = httpx.get(f"{url}/api/signals/stream", headers=user.headers, timeout=10)
        assert_problem(over, 429, "too_many_streams")
        assert int(over.headers["retry-after"]) > 0
        with open_stream(url, other_user):  # the cap is per user
            pass
    wait_until(lambda: hub.subscriber_count() == 0, 10, "the streams to be released")
    with open_stream(url, user):
        pass


def test_a_token_that_expires_mid_stream_ends_the_stream_at_expiry(url: str, dsn: str) -> None:
    email = "expiring@example.com"
    short = User(tokens.user_id_for(email), email, tokens.mint(TEST_SECRET, email=email, ttl=2))
    with open_stream(url, short) as stream:
        ended = stream.expect("token_expired")
        assert "expired" in ended.json["detail"]
        with pytest.raises(EOFError):
            stream.next()


def test_without_notifications_the_poll_delivers_everything(dsn: str, user: User) -> None:
    strategy = arrange_strategy(dsn, user)
    with serve(_app(dsn, ex7_stream_listen=False)) as quiet_url, open_stream(quiet_url, user) as stream:
        published = [publish(dsn, strategy)[0] for _ in range(5)]
        assert [int(f.id) for f in stream.signals(5)] == published  # type: ignore[arg-type]


def test_an_event_whose_notification_was_dropped_is_delivered_by_the_poll(url: str, dsn: str, user: User) -> None:
    strategy = arrange_strategy(dsn, user)
    with open_stream(url, user) as stream:
        event_id, signal_id = publish(dsn, strategy)
        assert [int(f.id) for f in stream.signals(1)] == [event_id]  # type: ignore[arg-type]
        # An event committed with no pg_notify at all (as if the notification were lost).
        ((silent,),) = sql_as_owner(
            dsn, """INSERT INTO events (id, user_id, kind, strategy_id, signal_id, payload)
                    VALUES (nextval('events_id_seq'), %s, 'signal_closed', %s, %s, '{}') RETURNING id""",
            user.id, strategy.id, signal_id)
        assert [int(f.id) for f in stream.signals(1)] == [silent]  # type: ignore[arg-type]


def test_the_hub_reconnects_after_losing_its_connection_and_delivers_what_came_meanwhile(
        url: str, dsn: str, user: User) -> None:
    strategy = arrange_strategy(dsn, user)
    with open_stream(url, user) as stream:
        before, _ = publish(dsn, strategy)
        assert [int(f.id) for f in stream.signals(1)] == [before]  # type: ignore[arg-type]
        ((killed,),) = sql_as_owner(dsn, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                         "WHERE application_name = %s AND datname = current_database()",
                                    APPLICATION_NAME)
        assert killed >= 1  # this server's hub (and any other server's over the shared database)
        meanwhile = [publish(dsn, strategy)[0] for _ in range(3)]
        assert [int(f.id) for f in stream.signals(3)] == meanwhile  # type: ignore[arg-type]


def test_two_transactions_committing_out_of_id_order_cannot_happen_and_nothing_is_skipped(
        url: str, dsn: str, user: User) -> None:
    """T1 takes an id and holds its transaction open; T2 starts later. With a bare sequence T2 would
    get the next id and commit first, and a reader past T2's id would never see T1's. Here T2 waits
    for its id until T1 ends; the stream gets both, in id order. A rolled-back id is a gap the stream
    passes over."""
    strategy = arrange_strategy(dsn, user)
    first_signal = publish(dsn, strategy)[1]
    publish_close(dsn, strategy, first_signal)
    second_signal = publish(dsn, strategy)[1]
    with open_stream(url, user) as stream:
        t1_holds = threading.Event()
        t1_commit = threading.Event()
        ids: dict[str, int] = {}

        async def t1() -> None:
            conn = await connect(dsn, role=WORKER_ROLE)
            try:
                async with transaction_on(conn) as cur:
                    ids["t1"] = await events_db.append(cur, user_id=user.id, kind="signal_closed", payload={},
                                                       strategy_id=strategy.id, signal_id=first_signal)
                    t1_holds.set()
                    await asyncio.to_thread(t1_commit.wait, 10)
            finally:
                conn.close()

        async def t2() -> None:
            conn = await connect(dsn, role=WORKER_ROLE)
            try:
                async with transaction_on(conn) as cur:
                    await cur.execute("SET LOCAL application_name = 'ex7-test-t2'")
                    ids["t2"] = await events_db.append(cur, user_id=user.id, kind="signal", payload={},
                                                       strategy_id=strategy.id, signal_id=second_signal)
            finally:
                conn.close()

        one = threading.Thread(target=asyncio.run, args=(t1(),))
        one.start()
        assert t1_holds.wait(10)
        two = threading.Thread(target=asyncio.run, args=(t2(),))
        two.start()
        wait_until(lambda: sql_as_owner(dsn, "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                                             "'ex7-test-t2' AND wait_event_type = 'Lock'")[0][0] == 1,
                   10, "T2 to wait for the id order lock")
        assert "t2" not in ids
        t1_commit.set()
        one.join(10)
        two.join(10)
        assert ids["t1"] < ids["t2"]
        assert [int(f.id) for f in stream.signals(2)] == [ids["t1"], ids["t2"]]  # type: ignore[arg-type]

        # An id taken by a transaction that rolls back is a gap the stream passes over.
        async def rolled_back() -> None:
            conn = await connect(dsn, role=WORKER_ROLE)
            try:
                with pytest.raises(RuntimeError):
                    async with transaction_on(conn) as cur:
                        await events_db.next_id(cur)
                        raise RuntimeError("changed its mind")
            finally:
                conn.close()

        asyncio.run(rolled_back())
        after, _ = publish(dsn, strategy)
        assert [int(f.id) for f in stream.signals(1)] == [after]  # type: ignore[arg-type]


def test_200_connects_and_disconnects_leave_no_subscription_or_task_behind(url: str, app: Ex7App, user: User) -> None:
    hub = app.deps.hub
    assert hub is not None
    loop = loop_of(url)

    async def count_tasks() -> int:
        return len(asyncio.all_tasks())

    def tasks() -> int:
        return asyncio.run_coroutine_threadsafe(count_tasks(), loop).result(10)

    with open_stream(url, user):
        pass  # the hub is running from here on
    wait_until(lambda: hub.subscriber_count() == 0, 10, "the first stream to be released")
    baseline = tasks()
    for _ in range(200):
        with open_stream(url, user):
            assert hub.subscriber_count() >= 1
    wait_until(lambda: hub.subscriber_count() == 0 and tasks() <= baseline, 10,
               "every subscription and task of the 200 streams to be gone")


def test_a_server_shutting_down_ends_its_streams_instead_of_waiting_for_them(dsn: str, user: User) -> None:
    with contextlib.ExitStack() as streams:
        with serve(_app(dsn)) as short_lived:  # serve() fails when its server does not stop
            stream = streams.enter_context(open_stream(short_lived, user))
        with pytest.raises((EOFError, httpx.RemoteProtocolError)):
            while True:
                stream.next()


def test_the_readme_path_watch_a_fixture_fire_on_the_stream_hang_up_and_resume_missing_nothing(
        postgres: PostgresForTests, user: User) -> None:
    """As `ex7 serve` composes it (the synthetic feed and a dispatcher in the API process): the stream
    shows the fixture's signal as it fires; after a hang-up, the close made meanwhile is replayed."""
    with readme_path(postgres, user, ex7_stream_poll_seconds=0.3) as p:
        with open_stream(p.url, user, read_timeout=30) as stream:
            for minute in range(1, 11):
                p.market_minute(minute)
                if sql_as_owner(p.dsn, "SELECT count(*) FROM events WHERE kind = 'signal'")[0][0]:
                    break
            first = stream.expect("signal")
            assert first.json["strategy_id"] == p.strategy_id and first.json["status"] == "open"
        closed = p.client.post(f"/api/signals/{first.json['id']}/close", headers=user.headers, json={})
        assert closed.status_code == 200, closed.text
        with open_stream(p.url, user, last_event_id=first.id) as resumed:
            expected = [str(i) for (i,) in sql_as_owner(
                p.dsn, "SELECT id FROM events WHERE user_id = %s AND kind IN ('signal', 'signal_closed') AND id > %s "
                     "ORDER BY id", user.id, int(first.id))]  # type: ignore[arg-type]
            replayed = resumed.signals(len(expected))
            assert [f.id for f in replayed] == expected
            assert any(f.event == "signal_closed" and f.json["id"] == first.json["id"] for f in replayed)
