"""The fake Stripe of tests/support/fake_stripe.py, driven by the real `stripe` SDK configured as production code
will be (StripeClient over aiohttp, async calls, the API base pointed at the fake): customers, products and
prices, Checkout to an active subscription, cancel at period end and back, cancellation, the portal, and
webhooks signed so that `stripe.Webhook.construct_event` accepts them, and only them."""

from __future__ import annotations

import asyncio
import http.server
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest
import stripe

from tests.support.fake_stripe import FakeStripe, fake_stripe

Scenario = Callable[[stripe.StripeClient], Awaitable[None]]


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeStripe]:
    with fake_stripe() as f:
        yield f


def run(fake: FakeStripe, scenario: Scenario) -> None:
    """`scenario` with a client as production code builds it; its aiohttp session closed at the end."""

    async def main() -> None:
        http_client = stripe.AIOHTTPClient()
        client = stripe.StripeClient(api_key="sk_test_x", base_addresses={"api": fake.api_base},
                                     http_client=http_client, max_network_retries=0)
        try:
            await scenario(client)
        finally:
            await http_client.close_async()

    asyncio.run(main())


async def monthly_price(client: stripe.StripeClient, amount: int = 2900) -> stripe.Price:
    product = await client.v1.products.create_async({"name": "EX7 Pro"})
    return await client.v1.prices.create_async({
        "product": product.id, "unit_amount": amount, "currency": "usd", "recurring": {"interval": "month"}})


async def subscribed(client: stripe.StripeClient, fake: FakeStripe) -> tuple[stripe.Customer, stripe.Price, str]:
    """A customer who went through Checkout: the customer, the price and the subscription's id."""
    customer = await client.v1.customers.create_async({"email": "trader@example.com"})
    price = await monthly_price(client)
    session = await client.v1.checkout.sessions.create_async({
        "mode": "subscription", "customer": customer.id, "line_items": [{"price": price.id, "quantity": 1}],
        "success_url": "https://ex7.test/billing/success", "cancel_url": "https://ex7.test/billing/cancel"})
    return customer, price, fake.complete_checkout(session.id)


def test_customers_are_created_and_read_back(fake: FakeStripe) -> None:
    async def scenario(client: stripe.StripeClient) -> None:
        created = await client.v1.customers.create_async(
            {"email": "trader@example.com", "metadata": {"user_id": "42"}}, {"idempotency_key": "signup-42"})
        assert created.id.startswith("cus_") and created.object == "customer"

        read = await client.v1.customers.retrieve_async(created.id)
        assert (read.id, read.email) == (created.id, "trader@example.com")
        assert read.metadata is not None and read.metadata.to_dict() == {"user_id": "42"}

        with pytest.raises(stripe.InvalidRequestError) as missing:
            await client.v1.customers.retrieve_async("cus_unknown")
        assert (missing.value.http_status, missing.value.code) == (404, "resource_missing")

    run(fake, scenario)


def test_products_and_recurring_prices(fake: FakeStripe) -> None:
    async def scenario(client: stripe.StripeClient) -> None:
        price = await monthly_price(client, amount=4900)
        assert price.id.startswith("price_") and price.object == "price"
        assert (price.unit_amount, price.currency, price.type) == (4900, "usd", "recurring")
        assert price.recurring is not None and price.recurring.interval == "month"

        read = await client.v1.prices.retrieve_async(price.id)
        assert (read.id, read.product, read.unit_amount) == (price.id, price.product, 4900)
        assert isinstance(price.product, str) and price.product.startswith("prod_")
        listed = await client.v1.prices.list_async({"product": price.product})
        assert [p.id for p in listed.data] == [price.id]

        with pytest.raises(stripe.InvalidRequestError) as missing:
            await client.v1.prices.create_async({"product": "prod_unknown", "unit_amount": 100, "currency": "usd"})
        assert (missing.value.http_status, missing.value.code) == (400, "resource_missing")

    run(fake, scenario)


def test_checkout_session_completed_gives_an_active_subscription_on_its_price(fake: FakeStripe) -> None:
    async def scenario(client: stripe.StripeClient) -> None:
        customer = await client.v1.customers.create_async({"email": "trader@example.com"})
        price = await monthly_price(client)
        session = await client.v1.checkout.sessions.create_async({
            "mode": "subscription", "customer": customer.id, "line_items": [{"price": price.id, "quantity": 1}],
            "success_url": "https://ex7.test/billing/success", "cancel_url": "https://ex7.test/billing/cancel",
            "client_reference_id": "user-42", "metadata": {"user_id": "42"}})
        assert session.id.startswith("cs_test_") and session.object == "checkout.session"
        assert session.url == f"{fake.api_base}/pay/{session.id}"
        assert (session.status, session.subscription, session.customer) == ("open", None, customer.id)
        assert session.client_reference_id == "user-42"
        assert session.metadata is not None and session.metadata.to_dict() == {"user_id": "42"}
        async with httpx.AsyncClient() as browser:
            assert (await browser.get(session.url)).status_code == 200

        subscription_id = fake.complete_checkout(session.id)

        done = await client.v1.checkout.sessions.retrieve_async(session.id)
        assert (done.status, done.subscription) == ("complete", subscription_id)
        subscription = await client.v1.subscriptions.retrieve_async(subscription_id)
        assert (subscription.status, subscription.customer, subscription.cancel_at_period_end) == (
            "active", customer.id, False)
        item = subscription["items"].data[0]
        assert (item.price.id, item.price.unit_amount, item.quantity) == (price.id, 2900, 1)
        assert item.current_period_end > time.time() > item.current_period_start - 5
        assert fake.subscription(subscription_id)["status"] == "active"

        with pytest.raises(stripe.InvalidRequestError) as missing:
            await client.v1.checkout.sessions.retrieve_async("cs_test_unknown")
        assert (missing.value.http_status, missing.value.code) == (404, "resource_missing")

    run(fake, scenario)


def test_cancel_at_period_end_can_be_set_undone_and_then_ends_the_subscription(fake: FakeStripe) -> None:
    async def scenario(client: stripe.StripeClient) -> None:
        _, _, subscription_id = await subscribed(client, fake)
        with pytest.raises(ValueError, match="renews"):
            fake.advance_to_period_end(subscription_id)

        set_ = await client.v1.subscriptions.update_async(subscription_id, {"cancel_at_period_end": True})
        assert (set_.cancel_at_period_end, set_.status) == (True, "active")
        undone = await client.v1.subscriptions.update_async(subscription_id, {"cancel_at_period_end": False})
        assert (undone.cancel_at_period_end, undone.status) == (False, "active")

        await client.v1.subscriptions.update_async(subscription_id, {"cancel_at_period_end": True})
        ended = fake.advance_to_period_end(subscription_id)
        assert ended["status"] == "canceled" and ended["ended_at"] is not None
        read = await client.v1.subscriptions.retrieve_async(subscription_id)
        assert read.status == "canceled"

    run(fake, scenario)


def test_a_subscription_created_on_a_price_and_canceled(fake: FakeStripe) -> None:
    async def scenario(client: stripe.StripeClient) -> None:
        customer = await client.v1.customers.create_async({"email": "trader@example.com"})
        price = await monthly_price(client)
        card = await client.v1.payment_methods.attach_async("pm_card_visa", {"customer": customer.id})
        await client.v1.customers.update_async(
            customer.id, {"invoice_settings": {"default_payment_method": card.id}})
        subscription = await client.v1.subscriptions.create_async(
            {"customer": customer.id, "items": [{"price": price.id}]})
        assert subscription.status == "active" and subscription["items"].data[0].price.id == price.id

        canceled = await client.v1.subscriptions.cancel_async(subscription.id)
        assert canceled.status == "canceled"
        assert fake.subscription(subscription.id)["status"] == "canceled"

    run(fake, scenario)


def test_portal_sessions_and_the_error_for_an_unknown_customer(fake: FakeStripe) -> None:
    async def scenario(client: stripe.StripeClient) -> None:
        customer = await client.v1.customers.create_async({"email": "trader@example.com"})
        portal = await client.v1.billing_portal.sessions.create_async(
            {"customer": customer.id, "return_url": "https://ex7.test/account"})
        assert portal.id.startswith("bps_") and portal.object == "billing_portal.session"
        assert (portal.url, portal.customer, portal.return_url) == (
            f"{fake.api_base}/portal/{portal.id}", customer.id, "https://ex7.test/account")

        with pytest.raises(stripe.InvalidRequestError) as missing:
            await client.v1.billing_portal.sessions.create_async({"customer": "cus_unknown"})
        error = missing.value
        assert (error.http_status, error.code, error.param) == (400, "resource_missing", "customer")
        assert error.error is not None and error.error.type == "invalid_request_error"

    run(fake, scenario)


class _Receiver(http.server.BaseHTTPRequestHandler):
    received: list[tuple[bytes, str | None]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((body, self.headers.get("Stripe-Signature")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[bytes, str | None]]]]:
    """A webhook endpoint on loopback: its URL and the (body, Stripe-Signature) of each POST it got."""
    received: list[tuple[bytes, str | None]] = []
    handler = type("Receiver", (_Receiver,), {"received": received})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/webhooks/stripe", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_webhooks_are_signed_as_stripe_signs_them(
        fake: FakeStripe, receiver: tuple[str, list[tuple[bytes, str | None]]]) -> None:
    url, received = receiver
    secret = "whsec_test"
    session = {"id": "cs_test_1", "object": "checkout.session", "status": "complete", "subscription": "sub_1"}

    answer = fake.send_webhook("checkout.session.completed", session, url=url, secret=secret, event_id="evt_1")
    assert answer.status_code == 200
    body, signature = received[-1]
    event = stripe.Webhook.construct_event(body, signature, secret)
    assert (event.id, event.type, event.livemode) == ("evt_1", "checkout.session.completed", False)
    assert event.data.object["subscription"] == "sub_1" and event.api_version == "2026-10-28.endive"

    with pytest.raises(stripe.SignatureVerificationError):  # the body altered
        stripe.Webhook.construct_event(body.replace(b"sub_1", b"sub_2"), signature, secret)
    with pytest.raises(stripe.SignatureVerificationError):  # another secret
        stripe.Webhook.construct_event(body, signature, "whsec_other")

    fake.send_webhook("customer.subscription.deleted", {"id": "sub_1", "object": "subscription"},
                      url=url, secret=secret, timestamp=int(time.time()) - 600)
    stale_body, stale_signature = received[-1]
    with pytest.raises(stripe.SignatureVerificationError, match="tolerance"):
        stripe.Webhook.construct_event(stale_body, stale_signature, secret)

    fake.post_webhook(url, b'{"id": "evt_forged"}', f"t={int(time.time())},v1=" + "0" * 64)
    forged_body, forged_signature = received[-1]
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(forged_body, forged_signature, secret)
    assert fake.sign(forged_body, secret).startswith("t=")
    stripe.Webhook.construct_event(forged_body, fake.sign(forged_body, secret), secret)
