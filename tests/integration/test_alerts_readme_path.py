"""The issue's "done when", as `ex7 serve` composes it: the feed, the dispatcher and the alert worker in
the API process; a person creates a webhook channel to their URL, it verifies itself, they subscribe it
to the running fixture, and signed signal deliveries arrive."""

from __future__ import annotations

from tests.support.alert_fakes import webhook_receiver
from tests.support.db import PostgresForTests
from tests.support.live_server import readme_path
from tests.support.pipeline import wait_until
from tests.support.users import User


def test_ex7_serve_and_a_webhook_url_receive_signed_signals(postgres: PostgresForTests, user: User) -> None:
    with webhook_receiver() as receiver, readme_path(
            postgres, user, ex7_alerts=True, ex7_alerts_poll_seconds=0.1, ex7_webhook_allow_networks="127.0.0.0/8",
            ex7_webhook_allow_http=True) as p:
        h = user.headers
        created = p.client.post("/api/alerts/channels", headers=h, json={"type": "webhook",
                                                                        "destination": receiver.url})
        assert created.status_code == 201, created.text
        receiver.secret = created.json()["secret"]
        channel_id = created.json()["id"]
        wait_until(lambda: p.client.get("/api/alerts/channels", headers=h).json()["items"][0]["verified"], 30,
                   "the ping verifies the channel")
        sub = p.client.post("/api/alerts/subscriptions", headers=h,
                            json={"channel_id": channel_id, "strategy_id": p.strategy_id})
        assert sub.status_code == 201, sub.text
        for minute in range(1, 6):
            p.market_minute(minute)
            if p.client.get("/api/signals", headers=h).json()["items"]:
                break
        signals = p.client.get("/api/signals", headers=h).json()["items"]
        assert signals, "no signal within five minutes of the demo feed"
        wait_until(lambda: any(r.json.get("type") == "signal.fired" for r in receiver.received), 30,
                   "the signal's delivery")
        fired = [r for r in receiver.received if r.json.get("type") == "signal.fired"]
        assert fired[0].verified and fired[0].json["data"]["id"] == signals[-1]["id"]
        assert fired[0].json["data"]["strategy_id"] == p.strategy_id
