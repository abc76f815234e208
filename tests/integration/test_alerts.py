"""Alerts end to end: channels verified per kind, subscriptions, the outbox drained by a real worker to
real local servers (Resend's API, Telegram's Bot API, a webhook receiver checking Standard Webhooks
signatures), retries on the schedule under a ManualClock, dead letters and replay, provider callbacks,
unsubscribe links, and another user's objects as 404s."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import datetime

import httpx
import pytest

from domain.alerts.schedule import RETRY_DELAYS_SECONDS
from tests.support.alert_fakes import smtp_sink, svix_headers, webhook_receiver
from tests.support.alerts import RESEND_WEBHOOK_SECRET, TELEGRAM_SECRET, AlertsRig, link_token, verification_code
from tests.support.db import PostgresForTests
from tests.support.problems import assert_problem
from tests.support.signals import ArrangedStrategy, arrange_strategy
from tests.support.users import User, new_user


@pytest.fixture(scope="module")
def rig(postgres: PostgresForTests) -> Iterator[AlertsRig]:
    with AlertsRig(postgres) as r:
        yield r


def _strategy(rig: AlertsRig, user: User, name: str | None = None) -> ArrangedStrategy:
    return arrange_strategy(rig.dsn, user, name=name)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# ---- channels and their verification ---------------------------------------------------------------------


def test_a_webhook_channel_is_verified_by_its_signed_ping_and_shows_its_secret_once(rig: AlertsRig) -> None:
    user = new_user()
    r = rig.create_channel(user, "webhook", rig.receiver.url)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["secret"].startswith("whsec_") and created["verified"] is False
    assert created["verification_url"] is None and created["destination"].endswith("/***")
    rig.receiver.secret = created["secret"]
    before = len(rig.receiver.received)
    rig.deliver()
    ping = rig.receiver.received[before]
    assert ping.verified and ping.json["type"] == "channel.verification" and len(ping.json["data"]["code"]) == 6
    listed = rig.channel(user, created["id"])
    assert listed["verified"] and "secret" not in listed
    (delivery,) = rig.deliveries(user)
    assert delivery["status"] == "delivered" and delivery["event_id"] is None and ping.headers["webhook-id"] == \
        delivery["id"]


def test_a_webhook_ping_that_fails_leaves_the_channel_unverified_and_the_code_still_works(rig: AlertsRig) -> None:
    user = new_user()
    with webhook_receiver() as receiver:
        receiver.answer_next(500, times=1)
        created = rig.create_channel(user, "webhook", receiver.url).json()
        receiver.secret = created["secret"]
        rig.deliver()
        assert not rig.channel(user, created["id"])["verified"]
        code = receiver.received[0].json["data"]["code"]
        r = rig.client.post(f"/api/alerts/channels/{created['id']}/verify", headers=user.headers, json={"code": code})
        assert r.status_code == 200 and r.json()["verified"], r.text
        rig.later(10)
        rig.deliver()  # the retried ping now succeeds; the channel stays verified
        assert rig.channel(user, created["id"])["verified"]


def test_email_verification_by_code_with_wrong_codes_counted_and_locked(rig: AlertsRig) -> None:
    user = new_user()
    address = f"trader{uuid.uuid4().hex[:6]}@example.com"
    created = rig.create_channel(user, "email", address).json()
    assert created["destination"] == "t***@example.com" and created["secret"] is None
    rig.deliver()
    code = verification_code(rig.resend.emails, address)
    verify = f"/api/alerts/channels/{created['id']}/verify"
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        assert_problem(rig.client.post(verify, headers=user.headers, json={"code": wrong}), 422,
                       "invalid_verification_code")
    locked = rig.client.post(verify, headers=user.headers, json={"code": wrong})
    assert_problem(locked, 422, "invalid_verification_code")  # the fifth wrong code locks ...
    refused = rig.client.post(verify, headers=user.headers, json={"code": code})
    assert_problem(refused, 429, "too_many_verification_attempts")  # ... even the right one
    assert int(refused.headers["retry-after"]) > 0
    rig.later(61)
    resent = rig.client.post(f"/api/alerts/channels/{created['id']}/resend", headers=user.headers)
    assert resent.status_code == 200 and resent.json()["status"] == "sent", resent.text
    rig.deliver()
    fresh = verification_code(rig.resend.emails, address)
    if fresh != code:
        assert_problem(rig.client.post(verify, headers=user.headers, json={"code": code}), 422,
                       "invalid_verification_code")
    ok = rig.client.post(verify, headers=user.headers, json={"code": fresh})
    assert ok.status_code == 200 and ok.json()["verified"], ok.text
    assert_problem(rig.client.post(verify, headers=user.headers, json={"code": fresh}), 409, "already_verified")
    assert_problem(rig.client.post(f"/api/alerts/channels/{created['id']}/resend", headers=user.headers), 409,
                   "already_verified")


def test_resending_within_the_cooldown_is_429_and_an_expired_code_is_refused(rig: AlertsRig) -> None:
    user = new_user()
    address = f"c{uuid.uuid4().hex[:6]}@example.com"
    created = rig.create_channel(user, "email", address).json()
    rig.deliver()
    code = verification_code(rig.resend.emails, address)
    soon = rig.client.post(f"/api/alerts/channels/{created['id']}/resend", headers=user.headers)
    assert_problem(soon, 429, "verification_cooldown")
    assert 1 <= int(soon.headers["retry-after"]) <= 60
    rig.later(16 * 60)
    assert_problem(rig.client.post(f"/api/alerts/channels/{created['id']}/verify", headers=user.headers,
                                   json={"code": code}), 422, "invalid_verification_code")


def test_the_email_link_verifies_on_post_only_and_once(rig: AlertsRig) -> None:
    user = new_user()
    address = f"l{uuid.uuid4().hex[:6]}@example.com"
    created = rig.create_channel(user, "email", address).json()
    rig.deliver()
    email = next(e for e in reversed(rig.resend.emails) if address in e.json["to"])
    url = next(word for word in email.json["text"].split() if "/api/alerts/verify?token=" in word)
    token = link_token(url)
    preview = rig.client.get("/api/alerts/verify", params={"token": token})
    assert preview.status_code == 200 and preview.json() == {"channel_type": "email", "destination": "l***@example.com",
                                                             "confirm": True}
    page = rig.client.get("/api/alerts/verify", params={"token": token}, headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html") and "<form method=\"post\"" in page.text
    assert not rig.channel(user, created["id"])["verified"]  # the GETs changed nothing
    done = rig.client.post("/api/alerts/verify", params={"token": token}, headers={"Accept": "text/html"})
    assert done.status_code == 200 and "Verified" in done.text, done.text
    assert rig.channel(user, created["id"])["verified"]
    assert_problem(rig.client.post("/api/alerts/verify", json={"token": token}), 422, "invalid_link_token")


def test_telegram_is_verified_by_start_on_the_bot_webhook_with_its_secret(rig: AlertsRig) -> None:
    user = new_user()
    created = rig.create_channel(user, "telegram", "@Trader_Joe").json()
    assert created["verification_url"].startswith("https://t.me/ex7_test_bot?start=")
    token = link_token(created["verification_url"])
    update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 424242, "type": "private"},
                                          "text": f"/start {token}"}}
    assert_problem(rig.client.post("/api/alerts/webhooks/telegram", json=update), 401, "invalid_webhook_secret")
    assert_problem(rig.client.post("/api/alerts/webhooks/telegram", params={"secret": "wrong"}, json=update), 401,
                   "invalid_webhook_secret")
    assert not rig.channel(user, created["id"])["verified"]
    chatter = {"update_id": 2, "message": {"chat": {"id": 424242}, "text": "hello bot"}}
    assert rig.client.post("/api/alerts/webhooks/telegram", params={"secret": TELEGRAM_SECRET},
                           json=chatter).json() == {"ok": True}
    r = rig.client.post("/api/alerts/webhooks/telegram", json=update,
                        headers={"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET})
    assert r.status_code == 200 and r.json() == {"ok": True}
    channel = rig.channel(user, created["id"])
    assert channel["verified"] and channel["destination"] == "@tr***"
    # The token is spent: the same /start again verifies nothing more and is still acknowledged.
    assert rig.client.post("/api/alerts/webhooks/telegram", params={"secret": TELEGRAM_SECRET},
                           json=update).status_code == 200
    strategy = _strategy(rig, user, "Telegram strat")
    rig.subscribe(user, created["id"], strategy.id)
    before = len(rig.telegram.messages)
    rig.emit_signal(strategy)
    rig.deliver()
    (sent,) = rig.telegram.messages[before:]
    assert str(sent.chat_id) == "424242" and "MNQ" in sent.text and "long" in sent.text.lower()


def test_refusals_of_channel_creation(rig: AlertsRig, client: httpx.Client) -> None:
    user = new_user()
    assert_problem(rig.create_channel(user, "sms", "+15005550006"), 403, "channel_type_unavailable")
    assert_problem(rig.create_channel(user, "email", "not-an-address"), 422, "invalid_destination")
    assert_problem(rig.create_channel(user, "webhook", "ftp://example.com/x"), 422)
    assert_problem(rig.create_channel(user, "email", "x@example.com", template="{}"), 422, "invalid_template")
    assert_problem(rig.create_channel(user, "webhook", rig.receiver.url, template='{"a": "{{nope}}"}'), 422,
                   "invalid_template")
    assert rig.create_channel(user, "email", "dup@example.com").status_code == 201
    assert_problem(rig.create_channel(user, "email", "DUP@example.com"), 409, "channel_exists")
    # The session server has no allow-list: loopback, private, link-local and metadata targets are refused,
    # by address and by a name that resolves to one.
    for target in ("https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook", "https://10.1.2.3/",
                   "https://169.254.169.254/latest/meta-data", "https://[::ffff:127.0.0.1]/", "http://example.com/"):
        r = client.post("/api/alerts/channels", headers=user.headers, json={"type": "webhook", "destination": target})
        assert_problem(r, 422, "destination_not_allowed")
    # No email provider nor bot there either.
    r = client.post("/api/alerts/channels", headers=user.headers, json={"type": "email", "destination": "a@b.co"})
    assert_problem(r, 503, "alerts_not_configured")


def test_the_tier_decides_the_channel_types_and_how_many(postgres: PostgresForTests) -> None:
    with AlertsRig(postgres, ex7_tiers_file=None) as rig:  # the built-in catalogue: free has email, two channels
        user = new_user()
        r = rig.create_channel(user, "webhook", rig.receiver.url)
        body = assert_problem(r, 403, "channel_type_not_in_tier")
        assert body["tier"] == "free" and body["upgrade_to"] == "pro"
        assert rig.create_channel(user, "email", "one@example.com").status_code == 201
        assert rig.create_channel(user, "email", "two@example.com").status_code == 201
        body = assert_problem(rig.create_channel(user, "email", "three@example.com"), 403, "tier_cap_reached")
        assert body["cap"] == "max_alert_channels" and body["limit"] == 2
        me = rig.client.get("/api/billing/me", headers=user.headers).json()
        assert me["usage"]["alert_channels"] == ["email"] and me["entitlements"]["max_alert_channels"] == 2


# ---- deliveries of events --------------------------------------------------------------------------------


def test_a_signal_reaches_each_subscribed_verified_channel_once_with_its_content(rig: AlertsRig) -> None:
    user = new_user()
    strategy = _strategy(rig, user, "MNQ <b>breakout</b>")
    webhook = rig.webhook_channel(user)
    email = rig.email_channel(user)
    unverified = rig.create_channel(user, "email", f"u{uuid.uuid4().hex[:6]}@example.com").json()
    rig.subscribe(user, webhook["id"], strategy.id)
    rig.subscribe(user, webhook["id"], None)  # all strategies too: still one delivery per event
    rig.subscribe(user, email["id"], strategy.id, events=["signal", "signal_closed"])
    assert_problem(rig.client.post("/api/alerts/subscriptions", headers=user.headers,
                                   json={"channel_id": unverified["id"], "strategy_id": strategy.id}),
                   409, "channel_not_verified")
    hooks, mails = len(rig.receiver.received), len(rig.resend.emails)
    signal_id, event_id = rig.emit_signal(strategy, entry_price="21234.25")
    rig.deliver()
    (hook,) = rig.receiver.received[hooks:]
    assert hook.verified and hook.json["type"] == "signal.fired"
    assert hook.json["data"]["id"] == signal_id and hook.json["data"]["entry_price"] == "21234.25"
    assert hook.json["data"]["strategy_name"] == "MNQ <b>breakout</b>"
    (mail,) = [m for m in rig.resend.emails[mails:] if email["address"] in m.json["to"]]
    assert "MNQ" in mail.json["subject"] and "21234.25" in mail.json["text"]
    assert "<b>breakout</b>" not in mail.json["html"] and "&lt;b&gt;breakout" in mail.json["html"]
    headers = mail.json["headers"]
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith("<http://ex7.test/api/alerts/unsubscribe?token=")
    mine = rig.deliveries(user, strategy_id=strategy.id)
    assert sorted(d["channel_type"] for d in mine) == ["email", "webhook"]
    assert all(d["status"] == "delivered" and d["event_id"] == event_id and d["attempts"] == 1 for d in mine)
    detail = rig.client.get(f"/api/alerts/deliveries/{mine[0]['id']}", headers=user.headers).json()
    (attempt,) = detail["attempt_log"]
    assert attempt["outcome"] == "delivered" and attempt["status_code"] == 200 and attempt["latency_ms"] >= 0


def test_subscriptions_filter_by_strategy_and_event_kind_and_pause(rig: AlertsRig) -> None:
    user = new_user()
    mine, other = _strategy(rig, user), _strategy(rig, user)
    with webhook_receiver() as receiver:
        created = rig.webhook_channel(user, receiver)
        sub = rig.subscribe(user, created["id"], mine.id, events=["signal_closed", "risk_block", "runtime_error"])
        rig.emit_signal(mine)  # not a kind it asked for
        rig.emit(user.id, "risk_blocked", {"strategy_id": other.id, "breaker": "daily_loss", "reason": "x"},
                 strategy_id=other.id)  # another strategy
        rig.emit(user.id, "runtime_status", {"runtime_id": mine.runtimes["paper"], "status": "stopped"},
                 strategy_id=mine.id)  # not an error
        rig.emit(user.id, "risk_blocked", {"strategy_id": mine.id, "instrument": "MNQ", "breaker": "daily_loss",
                                           "reason": "Daily loss limit reached", "mode": "paper"},
                 strategy_id=mine.id)
        rig.emit(user.id, "runtime_status", {"runtime_id": mine.runtimes["paper"], "status": "error",
                                             "error": "bars stopped"}, strategy_id=mine.id)
        rig.deliver()
        assert sorted(h.json["type"] for h in receiver.received[1:]) == ["risk.blocked", "runtime.error"]
        paused = rig.client.patch(f"/api/alerts/subscriptions/{sub['id']}", headers=user.headers,
                                  json={"enabled": False})
        assert paused.status_code == 200 and paused.json()["enabled"] is False
        rig.emit(user.id, "runtime_status", {"runtime_id": mine.runtimes["paper"], "status": "error",
                                             "error": "again"}, strategy_id=mine.id)
        rig.deliver()
        assert len(receiver.received) == 3
        assert_problem(rig.client.patch(f"/api/alerts/subscriptions/{sub['id']}", headers=user.headers, json={}), 422)
        listed = rig.client.get("/api/alerts/subscriptions", headers=user.headers,
                                params={"strategy_id": mine.id}).json()["items"]
        assert [s["id"] for s in listed] == [sub["id"]]


def test_the_receiver_down_retries_on_the_schedule_then_dead_letters_then_replays(rig: AlertsRig) -> None:
    user = new_user()
    strategy = _strategy(rig, user)
    with webhook_receiver() as receiver:
        created = rig.webhook_channel(user, receiver)
        rig.subscribe(user, created["id"], strategy.id)
        receiver.answer_next(503, times=8)
        rig.emit_signal(strategy)
        rig.deliver()
        for attempt, delay in enumerate(RETRY_DELAYS_SECONDS, start=1):
            (d,) = rig.deliveries(user, strategy_id=strategy.id)
            assert d["status"] == "pending" and d["attempts"] == attempt and "503" in d["last_error"]
            wait = (_at(d["next_attempt_at"]) - rig.clock.now()).total_seconds()
            assert delay * 0.9 - 0.001 <= wait <= delay * 1.1 + 0.001, (attempt, wait)
            rig.later(wait * 0.5)
            rig.deliver()  # not due yet: nothing is sent
            assert rig.deliveries(user, strategy_id=strategy.id)[0]["attempts"] == attempt
            rig.later(wait * 0.5 + 0.01)
            rig.deliver()
        (dead,) = rig.deliveries(user, strategy_id=strategy.id)
        assert dead["status"] == "failed" and dead["attempts"] == 8 and dead["next_attempt_at"] is None
        detail = rig.client.get(f"/api/alerts/deliveries/{dead['id']}", headers=user.headers).json()
        assert [a["outcome"] for a in detail["attempt_log"]] == ["retry"] * 7 + ["failed"]
        assert len(rig.deliveries(user, status="failed")) == 1
        replayed = rig.client.post(f"/api/alerts/deliveries/{dead['id']}/replay", headers=user.headers)
        assert replayed.status_code == 200 and replayed.json()["status"] == "pending", replayed.text
        assert_problem(rig.client.post(f"/api/alerts/deliveries/{dead['id']}/replay", headers=user.headers), 409,
                       "delivery_not_failed")
        rig.deliver()
        (done,) = rig.deliveries(user, strategy_id=strategy.id)
        assert done["status"] == "delivered" and done["attempts"] == 9
        ids = {h.headers["webhook-id"] for h in receiver.received[1:]}
        assert ids == {done["id"]} and all(h.verified for h in receiver.received)


def test_a_410_disables_the_channel_and_what_was_pending_for_it(rig: AlertsRig) -> None:
    user = new_user()
    strategy = _strategy(rig, user)
    with webhook_receiver() as receiver:
        created = rig.webhook_channel(user, receiver)
        rig.subscribe(user, created["id"], strategy.id)
        receiver.answer_next(410)
        rig.emit_signal(strategy)
        rig.deliver()
        channel = rig.channel(user, created["id"])
        assert channel["disabled"] and "410" in channel["disabled_reason"]
        (gone,) = rig.deliveries(user, strategy_id=strategy.id)
        assert gone["status"] == "failed"
        rig.emit_signal(strategy)
        rig.deliver()
        assert len(receiver.received) == 2  # the ping and the one answered 410
        assert_problem(rig.client.post(f"/api/alerts/deliveries/{gone['id']}/replay", headers=user.headers), 409,
                       "channel_disabled")


def test_telegram_429_retry_after_is_honoured(rig: AlertsRig) -> None:
    user = new_user()
    created = rig.create_channel(user, "telegram", "@retry_user").json()
    token = link_token(created["verification_url"])
    rig.client.post("/api/alerts/webhooks/telegram", params={"secret": TELEGRAM_SECRET},
                    json={"update_id": 9, "message": {"chat": {"id": 777001}, "text": f"/start {token}"}})
    strategy = _strategy(rig, user)
    rig.subscribe(user, created["id"], strategy.id)
    rig.telegram.rate_limit_next(120)
    rig.emit_signal(strategy)
    rig.deliver()
    (d,) = rig.deliveries(user, strategy_id=strategy.id)
    assert d["status"] == "pending"
    assert (_at(d["next_attempt_at"]) - rig.clock.now()).total_seconds() >= 120
    rig.later(121)
    rig.deliver()
    assert rig.deliveries(user, strategy_id=strategy.id)[0]["status"] == "delivered"


def test_a_body_template_drives_a_broker_bridge_with_its_own_json(rig: AlertsRig) -> None:
    user = new_user()
    strategy = _strategy(rig, user)
    template = json.dumps({"ticker": "{{instrument}}", "action": "{{action}}", "qty": "{{size}}",
                           "note": "EX7 {{side}} at {{entry_price}}", "id": "{{signal_id}}"})
    with webhook_receiver() as receiver:
        r = rig.create_channel(user, "webhook", receiver.url, template=template)
        assert r.status_code == 201, r.text
        receiver.secret = r.json()["secret"]
        rig.deliver()
        rig.subscribe(user, r.json()["id"], strategy.id)
        signal_id, _ = rig.emit_signal(strategy, side="short", entry_price="21000.25", size=2)
        rig.deliver()
        body = receiver.received[-1].json
        assert body == {"ticker": "MNQ", "action": "sell", "qty": 2, "note": "EX7 short at 21000.25", "id": signal_id}
        assert receiver.received[-1].verified


# ---- provider callbacks and unsubscribe ------------------------------------------------------------------


def _resend_event(rig: AlertsRig, event: dict, msg_id: str | None = None) -> httpx.Response:
    body = json.dumps(event).encode()
    return rig.client.post("/api/alerts/webhooks/resend", content=body,
                           headers={"content-type": "application/json",
                                    **svix_headers(RESEND_WEBHOOK_SECRET, body, msg_id=msg_id)})


def test_a_hard_bounce_and_a_complaint_suppress_the_address(rig: AlertsRig) -> None:
    user = new_user()
    strategy = _strategy(rig, user)
    email = rig.email_channel(user)
    rig.subscribe(user, email["id"], strategy.id)
    rig.emit_signal(strategy)
    rig.deliver()
    (d,) = rig.deliveries(user, strategy_id=strategy.id)
    email_id = next(m.id for m in reversed(rig.resend.emails) if email["address"] in m.json["to"])
    event = {"type": "email.bounced", "created_at": "2026-11-24T15:00:05Z",
             "data": {"email_id": email_id, "to": [email["address"]], "bounce": {"type": "Permanent",
                                                                                "message": "No such mailbox"}}}
    bad = rig.client.post("/api/alerts/webhooks/resend", json=event,
                          headers={"svix-id": "msg_1", "svix-timestamp": "1", "svix-signature": "v1,AAAA"})
    assert_problem(bad, 400, "invalid_signature")
    assert _resend_event(rig, event, "msg_bounce_1").json() == {"received": True}
    assert _resend_event(rig, event, "msg_bounce_1").status_code == 200  # a redelivery: applied once
    (bounced,) = rig.deliveries(user, strategy_id=strategy.id)
    assert bounced["status"] == "bounced" and bounced["id"] == d["id"]
    channel = rig.channel(user, email["id"])
    assert channel["disabled"] and "bounce" in channel["disabled_reason"]
    mails = len(rig.resend.emails)
    rig.emit_signal(strategy)
    rig.deliver()
    assert len(rig.resend.emails) == mails  # nothing more to that address
    # Another user's channel to the same address is suppressed as well (the address is what bounced).
    other = new_user()
    again = rig.create_channel(other, "email", email["address"]).json()
    rig.deliver()
    assert rig.deliveries(other)[0]["status"] == "suppressed" and len(rig.resend.emails) == mails
    assert not rig.channel(other, again["id"])["verified"]
    # A complaint does it too; unknown ids and types are acknowledged.
    second = rig.email_channel(new_user())
    complaint = {"type": "email.complained", "created_at": "2026-11-24T15:00:05Z",
                 "data": {"email_id": next(m.id for m in reversed(rig.resend.emails)
                                           if second["address"] in m.json["to"])}}
    assert _resend_event(rig, complaint, "msg_complaint_1").status_code == 200
    assert rig.sql("SELECT count(*) FROM alert_suppressions WHERE address = %s", second["address"])[0][0] == 1
    unknown = {"type": "email.opened", "created_at": "2026-11-24T15:00:05Z", "data": {"email_id": "nope"}}
    assert _resend_event(rig, unknown).json() == {"received": True}


def test_unsubscribe_by_link_and_by_one_click_post(rig: AlertsRig) -> None:
    user = new_user()
    strategy = _strategy(rig, user, "Unsub strat")
    email = rig.email_channel(user)
    sub = rig.subscribe(user, email["id"], strategy.id)
    rig.emit_signal(strategy)
    rig.deliver()
    mail = next(m for m in reversed(rig.resend.emails) if email["address"] in m.json["to"])
    assert mail.json["text"].strip() and mail.json["html"].strip()
    token = link_token(mail.json["headers"]["List-Unsubscribe"].strip("<>"))
    preview = rig.client.get("/api/alerts/unsubscribe", params={"token": token})
    assert preview.json() == {"channel_type": "email", "destination": email["destination"],
                              "strategy_name": "Unsub strat", "confirm": True}
    page = rig.client.get("/api/alerts/unsubscribe", params={"token": token}, headers={"Accept": "text/html"})
    assert "Unsub strat" in page.text and 'name="List-Unsubscribe" value="One-Click"' in page.text
    listed = rig.client.get("/api/alerts/subscriptions", headers=user.headers).json()["items"]
    assert listed[0]["enabled"]  # a GET changes nothing
    one_click = rig.client.post("/api/alerts/unsubscribe", params={"token": token},
                                data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200 and one_click.json() == {"unsubscribed": True}, one_click.text
    assert rig.client.post("/api/alerts/unsubscribe", json={"token": token}).status_code == 200  # idempotent
    (paused,) = rig.client.get("/api/alerts/subscriptions", headers=user.headers).json()["items"]
    assert paused["id"] == sub["id"] and not paused["enabled"]
    assert_problem(rig.client.post("/api/alerts/unsubscribe", json={"token": token[:-2] + "xx"}), 422,
                   "invalid_link_token")
    assert_problem(rig.client.get("/api/alerts/unsubscribe", params={"token": "x" * 40}), 422, "invalid_link_token")
    rig.client.delete(f"/api/alerts/subscriptions/{sub['id']}", headers=user.headers)
    assert rig.client.post("/api/alerts/unsubscribe", json={"token": token}).status_code == 200  # target gone: 200
    assert_problem(rig.client.get("/api/alerts/unsubscribe", params={"token": token}), 404)


def test_twilio_callbacks_are_acknowledged(rig: AlertsRig) -> None:
    r = rig.client.post("/api/alerts/webhooks/twilio", data={"MessageSid": "SM1", "MessageStatus": "delivered",
                                                             "Extra": "ignored"})
    assert r.status_code == 200 and r.json() == {"received": True}


# ---- ownership and pages ---------------------------------------------------------------------------------


def test_another_users_channel_subscription_and_delivery_are_404(rig: AlertsRig) -> None:
    owner, intruder = new_user(), new_user()
    strategy = _strategy(rig, owner)
    channel = rig.webhook_channel(owner)
    sub = rig.subscribe(owner, channel["id"], strategy.id)
    rig.emit_signal(strategy)
    rig.deliver()
    delivery = rig.deliveries(owner)[0]
    h = intruder.headers
    for r, code in (
        (rig.client.delete(f"/api/alerts/channels/{channel['id']}", headers=h), "channel_not_found"),
        (rig.client.post(f"/api/alerts/channels/{channel['id']}/resend", headers=h), "channel_not_found"),
        (rig.client.post(f"/api/alerts/channels/{channel['id']}/verify", headers=h, json={"code": "123456"}),
         "channel_not_found"),
        (rig.client.patch(f"/api/alerts/subscriptions/{sub['id']}", headers=h, json={"enabled": False}),
         "alert_subscription_not_found"),
        (rig.client.delete(f"/api/alerts/subscriptions/{sub['id']}", headers=h), "alert_subscription_not_found"),
        (rig.client.get(f"/api/alerts/deliveries/{delivery['id']}", headers=h), "delivery_not_found"),
        (rig.client.post(f"/api/alerts/deliveries/{delivery['id']}/replay", headers=h), "delivery_not_found"),
        (rig.client.post("/api/alerts/subscriptions", headers=h, json={"channel_id": channel["id"]}),
         "channel_not_found"),
        (rig.client.post("/api/alerts/subscriptions", headers=h, json={"channel_id": channel["id"],
                                                                        "strategy_id": strategy.id}),
         "strategy_not_found"),
    ):
        assert_problem(r, 404, code)
    assert rig.client.get("/api/alerts/channels", headers=h).json() == {"items": []}
    assert rig.deliveries(intruder) == []
    # The owner deletes the channel: its subscriptions go, its deliveries stay in the log.
    assert rig.client.delete(f"/api/alerts/channels/{channel['id']}", headers=owner.headers).status_code == 204
    assert rig.client.get("/api/alerts/subscriptions", headers=owner.headers).json() == {"items": []}
    assert len(rig.deliveries(owner)) == 2


def test_the_delivery_log_pages_without_skipping(rig: AlertsRig) -> None:
    user = new_user()
    strategy = _strategy(rig, user)
    channel = rig.webhook_channel(user)
    rig.subscribe(user, channel["id"], strategy.id)
    for _ in range(5):
        rig.emit_signal(strategy)
    rig.deliver()
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = rig.client.get("/api/alerts/deliveries", headers=user.headers, params=params).json()
        seen += [d["id"] for d in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 6  # five signals and the ping
    assert_problem(rig.client.get("/api/alerts/deliveries", headers=user.headers,
                                  params={"from": "2026-11-25T00:00:00Z", "to": "2026-11-24T00:00:00Z"}), 422,
                   "invalid_range")
    assert_problem(rig.client.get("/api/alerts/deliveries", headers=user.headers, params={"cursor": "bogus"}), 422,
                   "invalid_cursor")


def test_two_workers_at_once_send_each_delivery_once(rig: AlertsRig) -> None:
    import asyncio

    user = new_user()
    strategy = _strategy(rig, user)
    channel = rig.webhook_channel(user)
    rig.subscribe(user, channel["id"], strategy.id)
    for _ in range(20):
        rig.emit_signal(strategy)
    before = len(rig.receiver.received)
    workers = [rig.make_worker(concurrency=4) for _ in range(3)]

    async def race() -> None:
        from db.pool import WORKER_ROLE, Database
        from ex7.deps import alert_transports

        dbs = [Database(rig.dsn, minsize=0, maxsize=2, role=WORKER_ROLE) for _ in workers]
        transports = [alert_transports(rig.settings) for _ in workers]
        try:
            for _ in range(6):
                await asyncio.gather(*(w.round(db, t) for w, db, t in zip(workers, dbs, transports, strict=True)))
        finally:
            for db, t in zip(dbs, transports, strict=True):
                await t.close()
                await db.close()

    rig.loop.run_until_complete(race())
    rig.deliver()
    got = [h.headers["webhook-id"] for h in rig.receiver.received[before:]]
    assert len(got) == len(set(got)) == 20
    assert {d["status"] for d in rig.deliveries(user, strategy_id=strategy.id)} == {"delivered"}


def test_alerts_operations_are_never_501(client: httpx.Client, user: User) -> None:
    for method, path in (("GET", "/api/alerts/channels"), ("GET", "/api/alerts/subscriptions"),
                         ("GET", "/api/alerts/deliveries")):
        assert client.request(method, path, headers=user.headers).status_code == 200
    assert client.post("/api/alerts/webhooks/twilio").status_code == 200
    assert_problem(client.post("/api/alerts/webhooks/telegram", json={"update_id": 1}), 503, "alerts_not_configured")
    body = b'{"type":"email.delivered","created_at":"2026-11-24T15:00:00Z","data":{}}'
    assert_problem(client.post("/api/alerts/webhooks/resend", content=body,
                               headers={"content-type": "application/json", **svix_headers(RESEND_WEBHOOK_SECRET,
                                                                                           body)}),
                   503, "alerts_not_configured")




def test_a_target_that_became_private_since_creation_gets_nothing(rig: AlertsRig) -> None:
    """The guard runs again at every send, on the addresses the connection uses: here the channel was
    created while loopback was allowed, and the worker that sends no longer allows it (as a name
    re-pointed to a private address after creation would be refused)."""
    user = new_user()
    strategy = _strategy(rig, user)
    channel = rig.webhook_channel(user)
    rig.subscribe(user, channel["id"], strategy.id)
    strict = rig.settings.model_copy(update={"ex7_webhook_allow_networks": ""})

    async def one_round() -> None:
        from db.pool import WORKER_ROLE, Database
        from ex7.deps import alert_transports, alerts_config
        from ex7.workers.alerts import AlertWorker

        worker = AlertWorker(rig.dsn, rig.clock, "strict-worker", alerts_config(strict),
                             lambda: alert_transports(strict))
        db, transports = Database(rig.dsn, minsize=0, maxsize=2, role=WORKER_ROLE), alert_transports(strict)
        try:
            await worker.round(db, transports)
            await worker.round(db, transports)
        finally:
            await transports.close()
            await db.close()

    before = len(rig.receiver.received)
    rig.emit_signal(strategy)
    rig.loop.run_until_complete(one_round())
    assert len(rig.receiver.received) == before
    (d,) = rig.deliveries(user, strategy_id=strategy.id)
    assert d["status"] == "failed" and "loopback" in d["last_error"], d


def test_email_over_smtp_and_the_link_that_stops_every_alert_to_the_address(postgres: PostgresForTests) -> None:
    with smtp_sink() as sink, AlertsRig(postgres, ex7_email_provider="smtp", smtp_host=sink.host,
                                        smtp_port=sink.port, smtp_security="none") as rig:
        user = new_user()
        strategy = _strategy(rig, user, "SMTP strat")
        created = rig.create_channel(user, "email", "smtp.trader@example.com").json()
        rig.deliver()
        (verification,) = sink.messages
        text = verification.get_body(preferencelist=("plain",)).get_content()
        code = re.search(r"\b(\d{6})\b", text).group(1)  # type: ignore[union-attr]
        assert rig.client.post(f"/api/alerts/channels/{created['id']}/verify", headers=user.headers,
                               json={"code": code}).status_code == 200
        rig.subscribe(user, created["id"], strategy.id)
        rig.emit_signal(strategy)
        rig.deliver()
        alert = sink.messages[-1]
        assert alert["To"] == "smtp.trader@example.com" and "MNQ" in alert["Subject"]
        assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert alert.get_body(preferencelist=("plain",)) is not None and alert.get_body(preferencelist=("html",))
        body = alert.get_body(preferencelist=("plain",)).get_content()
        everything = next(line.split(": ", 1)[1] for line in body.splitlines() if line.startswith("Stop every alert"))
        preview = rig.client.get("/api/alerts/unsubscribe", params={"token": link_token(everything)}).json()
        assert preview["strategy_name"] is None  # the whole channel
        assert rig.client.post("/api/alerts/unsubscribe", params={"token": link_token(everything)},
                               data={"List-Unsubscribe": "One-Click"}).status_code == 200
        channel = rig.channel(user, created["id"])
        assert channel["disabled"] and channel["disabled_reason"] == "unsubscribed"
        rig.emit_signal(strategy)
        rig.deliver()
        assert len(sink.messages) == 2


def test_the_housekeeping_prunes_settled_deliveries_past_their_retention(rig: AlertsRig) -> None:
    from db.pool import WORKER_ROLE, Database
    from ex7.workers.housekeeping import Housekeeping

    user = new_user()
    strategy = _strategy(rig, user)
    channel = rig.webhook_channel(user)
    rig.subscribe(user, channel["id"], strategy.id)
    rig.emit_signal(strategy)
    rig.deliver()
    with webhook_receiver() as down:  # one delivery that stays pending: its target answers 503
        pending = rig.create_channel(user, "webhook", down.url).json()
        down.answer_next(503, times=20)
        rig.deliver()
    delivered = {d["id"] for d in rig.deliveries(user) if d["status"] == "delivered"}
    assert len(delivered) == 2  # the ping and the signal
    rig.sql("UPDATE alert_deliveries SET created_at = now() - interval '91 days' WHERE user_id = %s", user.id)
    rig.sql("UPDATE alert_deliveries SET created_at = now() WHERE id = %s",
            next(iter(delivered)))  # one recent settled delivery stays

    async def prune() -> int:
        db = Database(rig.dsn, minsize=0, maxsize=1, role=WORKER_ROLE)
        try:
            return await Housekeeping(rig.dsn, retention_days=7, alerts_retention_days=90).prune_deliveries(db)
        finally:
            await db.close()

    assert rig.loop.run_until_complete(prune()) >= 1  # (other tests' rows, timed by the ManualClock, may go too)
    left = rig.deliveries(user)
    assert {d["id"] for d in left} == {next(iter(delivered)), *(d["id"] for d in left if d["channel_id"] ==
                                                                  pending["id"])}
    assert any(d["channel_id"] == pending["id"] and d["status"] == "pending" for d in left)  # old but pending
    assert rig.sql("SELECT count(*) FROM alert_attempts a LEFT JOIN alert_deliveries d ON d.id = a.delivery_id "
                   "WHERE d.id IS NULL")[0][0] == 0  # the attempts went with their deliveries
