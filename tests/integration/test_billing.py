"""Billing against a stateful fake Stripe on loopback (tests/support/fake_stripe.py: localstripe behind a
front of ours), reached by the real SDK through STRIPE_API_BASE; webhooks signed with Stripe's scheme and
POSTed to our running server. The journey from compliance to pro and back to free, duplicate and
reordered webhooks, bad signatures, a handler failure and its retry, and the refusals."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from ex7.app import create_app
from tests.support.db import sql_as_owner
from tests.support.fake_stripe import FakeStripe, fake_stripe
from tests.support.http import serve
from tests.support.problems import assert_problem
from tests.support.settings import make_settings
from tests.support.users import User

SECRET = "whsec_test_" + "x" * 24
ORIGIN = "https://app.ex7.test"
KEY = "sk_test_ex7"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeStripe]:
    with fake_stripe() as f:
        yield f


def _price(fake: FakeStripe, name: str, amount: int) -> str:
    resp = httpx.post(f"{fake.api_base}/v1/prices", headers={"Authorization": f"Bearer {KEY}"}, data={
        "product_data[name]": name, "unit_amount": str(amount), "currency": "usd", "recurring[interval]": "month"})
    resp.raise_for_status()
    return str(resp.json()["id"])


@pytest.fixture(scope="module")
def url(dsn: str, fake: FakeStripe) -> Iterator[str]:
    settings = make_settings(ex7_tiers_file=None, stripe_secret_key=KEY, stripe_webhook_secret=SECRET,
                             stripe_price_pro=_price(fake, "EX7 Pro", 4900),
                             stripe_price_elite=_price(fake, "EX7 Elite", 14900), stripe_api_base=fake.api_base,
                             ex7_billing_allowed_origins=ORIGIN)
    with serve(create_app(settings, dsn, validate_responses=True)) as base:
        yield base


@pytest.fixture
def api(url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=30) as client:
        yield client


def _accept_documents(api: httpx.Client, user: User) -> None:
    for doc in api.get("/api/billing/disclaimer").json()["documents"]:
        resp = api.post("/api/billing/compliance/accept", headers=user.headers,
                        json={"document": doc["document"], "version": doc["version"]})
        assert resp.status_code in (200, 201), resp.text


def _checkout(api: httpx.Client, user: User, tier: str = "pro", key: str | None = None) -> httpx.Response:
    headers = {**user.headers, **({"Idempotency-Key": key} if key else {})}
    return api.post("/api/billing/checkout", headers=headers, json={
        "tier": tier, "success_url": f"{ORIGIN}/billing/done", "cancel_url": f"{ORIGIN}/billing"})


def _webhook(fake: FakeStripe, url: str, event_type: str, obj: dict[str, Any], **kw: Any) -> httpx.Response:
    return fake.send_webhook(event_type, obj, url=f"{url}/api/billing/webhook", secret=SECRET, **kw)


def _me(api: httpx.Client, user: User) -> dict[str, Any]:
    me: dict[str, Any] = api.get("/api/billing/me", headers=user.headers).json()
    return me


def _new_strategy(api: httpx.Client, user: User) -> httpx.Response:
    return api.post("/api/strategies/from-fixture/demo-1m-momentum", headers=user.headers)


def test_the_journey_from_compliance_to_pro_and_back_to_free(api: httpx.Client, url: str, dsn: str, fake: FakeStripe,
                                                              user: User) -> None:
    body = assert_problem(_checkout(api, user), 409, "compliance_required")
    assert set(body["missing"]) == {"terms_of_service", "risk_disclosure", "privacy_policy"}
    _accept_documents(api, user)
    bad_origin = api.post("/api/billing/checkout", headers=user.headers, json={
        "tier": "pro", "success_url": "https://evil.example/x", "cancel_url": f"{ORIGIN}/billing"})
    assert_problem(bad_origin, 422, "origin_not_allowed")

    first = _checkout(api, user, key="k-1")
    assert first.status_code == 200, first.text
    session_id = first.json()["session_id"]
    assert _checkout(api, user, key="k-1").json() == first.json()  # a retry: the same session
    assert_problem(_checkout(api, user, "elite", key="k-1"), 409, "idempotency_key_reused")
    assert api.post("/api/billing/portal", headers=user.headers,
                    json={"return_url": f"{ORIGIN}/billing"}).json()["url"].startswith(fake.api_base)
    assert _me(api, user)["tier"] == "free"  # nothing is paid until Stripe says so

    subscription_id = fake.complete_checkout(session_id)
    ack = _webhook(fake, url, "checkout.session.completed", fake.checkout_session(session_id), event_id="evt_done_1")
    assert ack.status_code == 200 and ack.json() == {"received": True, "duplicate": False}
    me = _me(api, user)
    assert (me["tier"], me["source"], me["status"], me["cancel_at_period_end"]) == ("pro", "stripe", "active", False)
    assert me["current_period_end"] is not None and me["entitlements"]["max_running_runtimes"] == 5
    again = _webhook(fake, url, "checkout.session.completed", fake.checkout_session(session_id), event_id="evt_done_1")
    assert again.json() == {"received": True, "duplicate": True}
    assert_problem(_checkout(api, user), 409, "already_subscribed")

    sids = [_new_strategy(api, user).json()["id"] for _ in range(4)]  # beyond free's 3
    for minute, sid in enumerate(sids[:3]):
        api.post(f"/api/strategies/{sid}/promote", headers=user.headers)
        assert api.post(f"/api/signals/runtimes/{sid}/start", headers=user.headers).status_code == 200
        sql_as_owner(dsn, "UPDATE strategy_runtimes SET status = 'running', started_at = %s WHERE strategy_id = %s",
                     datetime.now(UTC) + timedelta(minutes=minute), sid)

    cancelled = api.post("/api/billing/cancel", headers=user.headers)
    assert cancelled.status_code == 200 and cancelled.json()["cancel_at_period_end"] is True
    assert api.post("/api/billing/cancel", headers=user.headers).json() == cancelled.json()  # idempotent
    assert api.post("/api/billing/resume", headers=user.headers).json()["cancel_at_period_end"] is False
    assert_problem(api.post("/api/billing/resume", headers=user.headers), 409, "nothing_to_resume")
    assert fake.subscription(subscription_id)["cancel_at_period_end"] is False
    assert api.post("/api/billing/cancel", headers=user.headers).json()["tier"] == "pro"  # until the period ends

    stale = fake.subscription(subscription_id)  # as it was before the period ended
    ended = fake.advance_to_period_end(subscription_id)
    # Delivered out of order: the deletion first, then an update carrying the older state.
    assert _webhook(fake, url, "customer.subscription.deleted", ended).status_code == 200
    assert _webhook(fake, url, "customer.subscription.updated", stale, created=int(time.time()) - 60).status_code == 200
    me = _me(api, user)
    assert (me["tier"], me["source"], me["status"]) == ("free", "free", "canceled")
    statuses = dict(sql_as_owner(dsn, "SELECT strategy_id::text, status FROM strategy_runtimes WHERE user_id = %s",
                                 user.id))
    assert statuses == {sids[0]: "running", sids[1]: "draining", sids[2]: "draining"}  # free runs one: the oldest
    assert_problem(_new_strategy(api, user), 403, "tier_cap_reached")
    assert _checkout(api, user).status_code == 200  # free again: may subscribe again


def test_a_bad_missing_or_stale_signature_changes_nothing(api: httpx.Client, url: str, dsn: str,
                                                          fake: FakeStripe) -> None:
    events = sql_as_owner(dsn, "SELECT count(*) FROM stripe_events")[0][0]
    body, headers = fake.webhook("customer.subscription.updated", {"id": "sub_x", "object": "subscription"},
                                 secret=SECRET)
    hook = f"{url}/api/billing/webhook"
    for sent in (fake.post_webhook(hook, body, None), fake.post_webhook(hook, body, "t=1,v1=00"),
                 fake.post_webhook(hook, body + b" ", headers["Stripe-Signature"]),
                 fake.post_webhook(hook, body, fake.sign(body, "whsec_someone_else")),
                 fake.post_webhook(hook, body, fake.sign(body, SECRET, timestamp=int(time.time()) - 600))):
        assert_problem(sent, 400, "invalid_signature")
    # Signed but not an event (no id): refused before anything is stored.
    not_an_event = b'{"object": "event", "type": "invoice.paid"}'
    assert_problem(fake.post_webhook(hook, not_an_event, fake.sign(not_an_event, SECRET)), 422, "validation_failed")
    assert sql_as_owner(dsn, "SELECT count(*) FROM stripe_events")[0][0] == events


def test_a_failed_handling_answers_500_and_its_retry_applies_it_once(api: httpx.Client, url: str, dsn: str,
                                                                     fake: FakeStripe, user: User) -> None:
    _accept_documents(api, user)
    session_id = _checkout(api, user).json()["session_id"]
    subscription_id = fake.complete_checkout(session_id)
    session = fake.checkout_session(session_id)
    sql_as_owner(dsn, "REVOKE INSERT, UPDATE ON subscriptions FROM ex7_worker")
    try:
        failed = _webhook(fake, url, "checkout.session.completed", session, event_id="evt_retry_1")
        assert_problem(failed, 500, "webhook_handler_failed")
    finally:
        sql_as_owner(dsn, "GRANT INSERT, UPDATE ON subscriptions TO ex7_worker")
    assert sql_as_owner(dsn, "SELECT handled_at IS NULL FROM stripe_events WHERE id = 'evt_retry_1'") == [(True,)]
    assert _me(api, user)["tier"] == "free"
    retried = _webhook(fake, url, "checkout.session.completed", session, event_id="evt_retry_1")
    assert retried.json() == {"received": True, "duplicate": False}
    assert _me(api, user)["tier"] == "pro"
    assert _webhook(fake, url, "checkout.session.completed", session, event_id="evt_retry_1").json()["duplicate"]
    # An invoice names its subscription, which is read again; an event type nobody handles is acknowledged.
    paid = _webhook(fake, url, "invoice.paid", {"id": "in_1", "object": "invoice", "subscription": subscription_id})
    assert paid.json() == {"received": True, "duplicate": False} and _me(api, user)["status"] == "active"
    assert _webhook(fake, url, "customer.created", {"id": "cus_x", "object": "customer"}).status_code == 200


def test_the_refusals_without_a_customer_or_a_subscription(api: httpx.Client, user: User) -> None:
    api.get("/api/billing/me", headers=user.headers)
    assert_problem(api.post("/api/billing/portal", headers=user.headers, json={"return_url": f"{ORIGIN}/b"}), 404,
                   "no_billing_customer")
    assert_problem(api.post("/api/billing/cancel", headers=user.headers), 409, "no_active_subscription")
    assert_problem(api.post("/api/billing/resume", headers=user.headers), 409, "nothing_to_resume")


def test_without_a_stripe_key_the_paid_operations_are_503_and_the_rest_works(client: httpx.Client,
                                                                              user: User) -> None:
    assert_problem(client.post("/api/billing/checkout", headers=user.headers, json={
        "tier": "pro", "success_url": f"{ORIGIN}/a", "cancel_url": f"{ORIGIN}/b"}), 503, "billing_not_configured")
    assert_problem(client.post("/api/billing/cancel", headers=user.headers), 503, "billing_not_configured")
    assert client.get("/api/billing/me", headers=user.headers).json()["tier"] == "free"
