"""A real `ex7 worker` process sending an alert is SIGKILLed mid-send: the delivery is not lost. It comes
due again when the dead worker's claim runs out and another worker sends it, with the same
`webhook-id`, so the receiver can tell the two sends are one delivery (the at-least-once promise)."""

from __future__ import annotations

import signal
import subprocess
from datetime import UTC, datetime, timedelta

from tests.support.alerts import AlertsRig
from tests.support.cli import EX7, cli_env
from tests.support.db import PostgresForTests
from tests.support.pipeline import wait_until
from tests.support.signals import arrange_strategy
from tests.support.users import TEST_SECRET, new_user


def test_a_worker_killed_mid_send_loses_nothing(postgres: PostgresForTests) -> None:
    with AlertsRig(postgres) as rig:
        user = new_user()
        strategy = arrange_strategy(rig.dsn, user)
        channel = rig.webhook_channel(user)
        rig.subscribe(user, channel["id"], strategy.id)
        rig.receiver.answer_next(200, delay=10)  # the worker's send hangs: it is mid-send when killed
        rig.emit_signal(strategy)
        env = cli_env(DATABASE_URL=rig.dsn, SUPABASE_JWT_SECRET=TEST_SECRET, EX7_ALERTS_LEASE_SECONDS="5",
                      EX7_ALERTS_POLL_SECONDS="0.1", EX7_WEBHOOK_ALLOW_NETWORKS="127.0.0.0/8",
                      EX7_WEBHOOK_ALLOW_HTTP="true", EX7_ALERTS_SEND_TIMEOUT_SECONDS="2.5")
        before = len(rig.receiver.received)
        worker = subprocess.Popen([*EX7, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_until(lambda: len(rig.receiver.received) > before, 60, "the worker's send reached the receiver")
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
        ((status, claimed_by),) = rig.sql("SELECT status, claimed_by FROM alert_deliveries WHERE event_id IS NOT NULL")
        assert status == "sending" and claimed_by  # claimed by the dead worker, nothing recorded
        rig.clock.set(datetime.now(UTC) + timedelta(seconds=10))  # past the dead worker's lease
        rig.deliver()
        (d,) = rig.deliveries(user, strategy_id=strategy.id)
        assert d["status"] == "delivered" and d["attempts"] == 1
        first, second = rig.receiver.received[before:before + 2]
        assert first.headers["webhook-id"] == second.headers["webhook-id"] == d["id"]
        assert second.verified
