"""Two real API processes (`ex7 serve` with no feed and no dispatcher, as replicas run) against one
database, while signals are being published. A client reads part of the burst from one, hangs up,
resumes on the other with Last-Event-ID, hangs up again, and resumes on the second after it has been
restarted (SIGTERM while a stream is open on it: it must stop, not wait for the stream). Every event
arrives exactly once, in order."""

from __future__ import annotations

import signal
import subprocess
import threading
import time

import httpx
import pytest

from tests.support.cli import EX7, cli_env
from tests.support.db import PostgresForTests
from tests.support.http import free_port
from tests.support.pipeline import wait_until
from tests.support.signals import arrange_strategy
from tests.support.stream import open_stream, publish
from tests.support.users import TEST_SECRET, new_user

BURST = 150


def _start(dsn: str, port: int) -> subprocess.Popen[bytes]:
    env = cli_env(DATABASE_URL=dsn, SUPABASE_JWT_SECRET=TEST_SECRET, EX7_FEED="none", EX7_DISPATCHER="false",
                  EX7_STREAM_POLL_SECONDS="0.3", LOG_LEVEL="WARNING")
    proc = subprocess.Popen([*EX7, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)

    def healthy() -> bool:
        if proc.poll() is not None:
            raise AssertionError(f"ex7 serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            return httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    wait_until(healthy, 60, f"ex7 serve on port {port} to answer")
    return proc


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise AssertionError("ex7 serve did not stop within 20 s of SIGTERM") from None


@pytest.mark.slow
def test_a_client_resuming_on_another_replica_and_after_a_restart_gets_every_event_once_in_order(
        postgres: PostgresForTests) -> None:
    dsn = postgres.fresh_database()
    user = new_user()
    strategy = arrange_strategy(dsn, user)
    port_a, port_b = free_port(), free_port()
    a, b = _start(dsn, port_a), _start(dsn, port_b)
    url_a, url_b = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    published: list[int] = []

    def burst() -> None:
        for _ in range(BURST):
            published.append(publish(dsn, strategy)[0])
            time.sleep(0.02)

    received: list[int] = []
    publisher = threading.Thread(target=burst)
    try:
        with open_stream(url_a, user) as on_a:
            publisher.start()
            received += [int(f.id) for f in on_a.signals(30)]  # type: ignore[arg-type]
        with open_stream(url_b, user, last_event_id=received[-1]) as on_b:
            received += [int(f.id) for f in on_b.signals(30)]  # type: ignore[arg-type]
            _stop(b)  # with this stream open
            with pytest.raises((EOFError, httpx.RemoteProtocolError)):
                while True:
                    received.append(int(on_b.signals(1)[0].id))  # type: ignore[arg-type]
        b = _start(dsn, port_b)
        publisher.join(60)
        assert len(published) == BURST
        with open_stream(url_b, user, last_event_id=received[-1]) as after_restart:
            rest = BURST - len(received)
            received += [int(f.id) for f in after_restart.signals(rest)]  # type: ignore[arg-type]
        assert received == published
    finally:
        publisher.join(60)
        _stop(a)
        _stop(b)
