"""Alerts under test: a database of its own, the API on a real uvicorn over it with a ManualClock, every
provider faked by a real local server (Resend's API, Telegram's Bot API, a webhook receiver), and an
alert worker whose rounds the test runs by hand.

    with AlertsRig(postgres) as rig:
        channel = rig.webhook_channel(user)        # created through the API, verified by its ping
        rig.subscribe(user, channel["id"], strategy_id)
        rig.emit_signal(strategy)                  # an event, as the dispatcher writes one
        rig.deliver()                              # worker rounds until nothing is due
        rig.receiver.received                      # what the receiver got, signatures checked
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import uuid
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from db.pool import WORKER_ROLE, Database
from db.signals import COLUMNS as SIGNAL_COLUMNS
from db.signals import signal_from_row
from ex7.app import create_app
from ex7.clock import ManualClock
from ex7.deps import alert_transports, alerts_config
from ex7.settings import Settings
from ex7.workers.alerts import AlertWorker
from services.alert_transports import Transports
from tests.support.alert_fakes import WebhookReceiver, fake_resend, fake_telegram, webhook_receiver
from tests.support.db import PostgresForTests, sql_as_owner
from tests.support.http import serve
from tests.support.settings import make_settings
from tests.support.signals import ArrangedStrategy, arrange_signal
from tests.support.users import User

START = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
RESEND_KEY = "re_test_key"
RESEND_WEBHOOK_SECRET = "whsec_" + "c2VjcmV0LXJlc2VuZC13ZWJob29rLWtleQ=="
BOT_TOKEN = "123456:TEST-token"
BOT_USERNAME = "ex7_test_bot"
TELEGRAM_SECRET = "telegram-webhook-secret"


def rig_settings(*, resend_url: str, telegram_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "ex7_email_provider": "resend", "resend_api_key": RESEND_KEY, "resend_api_base": resend_url,
        "resend_webhook_secret": RESEND_WEBHOOK_SECRET, "telegram_bot_token": BOT_TOKEN,
        "telegram_bot_username": BOT_USERNAME, "telegram_webhook_secret": TELEGRAM_SECRET,
        "telegram_api_base": telegram_url, "ex7_webhook_allow_networks": "127.0.0.0/8",
        "ex7_webhook_allow_http": True, "ex7_alerts_send_timeout_seconds": 2.0, "ex7_public_url": "http://ex7.test"}
    values.update(overrides)
    return make_settings(**values)


class AlertsRig:
    def __init__(self, postgres: PostgresForTests, *, now: datetime = START, **settings: Any) -> None:
        self.dsn = postgres.fresh_database()
        self.clock = ManualClock(now)
        self._overrides = settings
        self._stack = contextlib.ExitStack()
        self.loop = asyncio.new_event_loop()
        self._bars = 0

    def __enter__(self) -> AlertsRig:
        self.resend = self._stack.enter_context(fake_resend(RESEND_KEY))
        self.telegram = self._stack.enter_context(fake_telegram(BOT_TOKEN))
        self.receiver = self._stack.enter_context(webhook_receiver())
        self.settings = rig_settings(resend_url=self.resend.base_url, telegram_url=self.telegram.base_url,
                                     **self._overrides)
        self.url = self._stack.enter_context(
            serve(create_app(self.settings, self.dsn, validate_responses=True, clock=self.clock)))
        self.client = self._stack.enter_context(httpx.Client(base_url=self.url, timeout=30))
        self.worker = self.make_worker()
        self._db = Database(self.dsn, minsize=0, maxsize=3, role=WORKER_ROLE)
        self._transports = self.loop.run_until_complete(self._make_transports())
        return self

    def __exit__(self, *exc: object | TracebackType) -> None:
        self.loop.run_until_complete(self._transports.close())
        self.loop.run_until_complete(self._db.close())
        self.loop.close()
        self._stack.close()

    async def _make_transports(self) -> Transports:
        return alert_transports(self.settings)

    def make_worker(self, **options: Any) -> AlertWorker:
        return AlertWorker(self.dsn, self.clock, options.pop("worker_id", f"test-{uuid.uuid4().hex[:6]}"),
                           alerts_config(self.settings), lambda: alert_transports(self.settings),
                           rng=random.Random(7), **options)

    # -- the worker --

    def deliver(self, rounds: int = 10) -> None:
        """Worker rounds until one finds nothing to do (at most `rounds`)."""
        for _ in range(rounds):
            if not self.loop.run_until_complete(self.worker.round(self._db, self._transports)):
                busy = self.sql("SELECT count(*) FROM alert_deliveries WHERE status IN ('pending', 'sending') "
                                "AND next_attempt_at <= %s", self.clock.now())[0][0]
                relay_behind = self.sql("SELECT (SELECT coalesce(max(id), 0) FROM events) > last_event_id "
                                        "FROM alert_relay")[0][0]
                if not busy and not relay_behind:
                    return

    def later(self, seconds: float) -> None:
        self.clock.set(self.clock.now() + timedelta(seconds=seconds))

    # -- the API --

    def create_channel(self, user: User, type_: str, destination: str, **extra: Any) -> httpx.Response:
        return self.client.post("/api/alerts/channels", headers=user.headers,
                                json={"type": type_, "destination": destination, **extra})

    def webhook_channel(self, user: User, receiver: WebhookReceiver | None = None, **extra: Any) -> dict[str, Any]:
        """A webhook channel to `receiver` (the rig's own by default), verified by its signed ping (the
        worker sends it); the receiver is given the channel's secret."""
        receiver = receiver or self.receiver
        r = self.create_channel(user, "webhook", receiver.url, **extra)
        assert r.status_code == 201, r.text
        channel: dict[str, Any] = r.json()
        receiver.secret = channel["secret"]
        self.deliver()
        assert self.channel(user, channel["id"])["verified"], "the ping did not verify the webhook channel"
        return channel

    def email_channel(self, user: User, address: str | None = None) -> dict[str, Any]:
        """An email channel, verified with the code the fake Resend received."""
        address = address or f"t{uuid.uuid4().hex[:8]}@example.com"
        before = len(self.resend.emails)
        r = self.create_channel(user, "email", address)
        assert r.status_code == 201, r.text
        channel: dict[str, Any] = r.json()
        self.deliver()
        code = verification_code(self.resend.emails[before:], address)
        v = self.client.post(f"/api/alerts/channels/{channel['id']}/verify", headers=user.headers, json={"code": code})
        assert v.status_code == 200, v.text
        return {**channel, "address": address}

    def channel(self, user: User, channel_id: str) -> dict[str, Any]:
        items = self.client.get("/api/alerts/channels", headers=user.headers).json()["items"]
        found = [c for c in items if c["id"] == channel_id]
        assert found, f"channel {channel_id} not listed"
        return found[0]

    def subscribe(self, user: User, channel_id: str, strategy_id: str | None, **extra: Any) -> dict[str, Any]:
        r = self.client.post("/api/alerts/subscriptions", headers=user.headers,
                             json={"channel_id": channel_id, "strategy_id": strategy_id, **extra})
        assert r.status_code == 201, r.text
        body: dict[str, Any] = r.json()
        return body

    def deliveries(self, user: User, **params: Any) -> list[dict[str, Any]]:
        r = self.client.get("/api/alerts/deliveries", headers=user.headers, params={"limit": 200, **params})
        assert r.status_code == 200, r.text
        items: list[dict[str, Any]] = r.json()["items"]
        return items

    # -- events, as the dispatcher writes them --

    def emit_signal(self, strategy: ArrangedStrategy, **signal: Any) -> tuple[str, int]:
        """A signal of the strategy, on a bar of its own, and its `signal` event with the contract's
        Signal as payload, as the dispatcher writes them: (signal id, event id). Closed by default (a
        runtime holds one open signal at most, and a test may emit many)."""
        self._bars += 1
        bar_ts = START + timedelta(minutes=2 * self._bars)
        signal_id = arrange_signal(self.dsn, strategy, fired_at=bar_ts + timedelta(minutes=2),
                                   **{"status": "closed", **signal})
        (row,) = self.sql(f"SELECT {SIGNAL_COLUMNS} FROM signals WHERE id = %s", signal_id)
        names = [name.strip() for name in SIGNAL_COLUMNS.split(",")]
        payload = signal_from_row(dict(zip(names, row, strict=True))).to_json()
        return signal_id, self.emit(strategy.user_id, "signal", payload, strategy_id=strategy.id, signal_id=signal_id,
                                    runtime_id=strategy.runtimes["paper"])

    def emit(self, user_id: str, kind: str, payload: dict[str, Any], *, strategy_id: str | None = None,
             signal_id: str | None = None, runtime_id: str | None = None) -> int:
        ((event_id,),) = self.sql(
            """INSERT INTO events (user_id, kind, strategy_id, signal_id, runtime_id, payload)
               VALUES (%s, %s, %s, %s, %s, %s) RETURNING id""",
            user_id, kind, strategy_id, signal_id, runtime_id, json.dumps(payload))
        return int(event_id)

    def sql(self, statement: str, *args: Any) -> list[tuple[Any, ...]]:
        return sql_as_owner(self.dsn, statement, *args)


def verification_code(emails: list[Any], address: str) -> str:
    """The 6-digit code of the newest verification email to `address`."""
    for email in reversed(emails):
        body = email.json
        if address in body["to"] and "verification code" in body["subject"].lower():
            match = re.search(r"\b(\d{6})\b", body["text"])
            assert match, body["text"]
            return match.group(1)
    raise AssertionError(f"no verification email to {address}: {[e.json['subject'] for e in emails]}")


def link_token(url: str) -> str:
    """The token of a link: `token=` (unsubscribe, verify) or a Telegram deep link's `start=`."""
    query = parse_qs(urlsplit(url).query)
    return (query.get("token") or query["start"])[0]
