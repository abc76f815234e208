"""A stateful fake Stripe on loopback, for tests that drive the real `stripe` SDK (pointed at `fake.api_base`).

`fake_stripe()` runs two servers, both on 127.0.0.1:

- localstripe (a dev dependency) in a subprocess. It keeps the state of customers, products, plans, payment
  methods, subscriptions and invoices, and answers in Stripe's JSON. It is started through a launcher of ours
  that binds it to loopback (its own `localstripe` command listens on every address) and keeps its store in
  memory (its own store is a file in /tmp that it rewrites on every change and reloads at start).
- in front of it, in a thread, an aiohttp server of ours at `fake.api_base`. It serves itself what
  localstripe (1.15) lacks, and forwards every other request to localstripe with its method, path, query,
  body and headers (Authorization, Idempotency-Key, ...), returning the answer:
  - `POST /v1/prices`, `GET /v1/prices[/{id}]`: localstripe has only plans, the older form of recurring
    prices. Each recurring price is also created there as a plan with the price's id, so a subscription
    request's `items[N][price]` is forwarded as `items[N][plan]`, and every subscription item in an answer
    gets its `price` (and its `current_period_start`/`current_period_end`, which Stripe moved from the
    subscription to its items in API 2025-03-31). A localstripe 404 gets Stripe's code `resource_missing`.
  - `POST /v1/checkout/sessions`, `GET /v1/checkout/sessions/{id}`; `complete_checkout` plays the paying
    user (a test card, then the subscription), as localstripe has no Checkout.
  - `POST /v1/billing_portal/sessions`, as localstripe has no portal.
  - `GET /pay/{id}` and `GET /portal/{id}`, the pages the sessions' `url`s name (a line of HTML each).

Signed webhooks are sent by `send_webhook` (signed as Stripe signs: `t=<ts>,v1=<HMAC-SHA256 of "<ts>.<body>">`),
to the URL a test names; localstripe's own webhooks are not used. localstripe cannot move time on, so
`advance_to_period_end` ends a subscription set to cancel at period end, as Stripe does when that period ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httpx
from aiohttp import ClientSession, web

from tests.support.http import free_port

API_VERSION = "2026-10-28.endive"  # what stripe 16 sends; our events carry it as Stripe's do
_KEY = "sk_test_fake_stripe"  # the key of the requests the fake itself makes to localstripe

# localstripe's app, on loopback, with its store in memory only.
_LAUNCHER = """
import sys
from aiohttp import web
from localstripe import resources, server
resources.Store.dump_to_disk = lambda self: None
web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)
"""

JSON = dict[str, Any]


class FakeStripeError(Exception):
    """localstripe refused a request that a helper of the fake made."""

    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"{status}: {body}")
        self.status, self.body = status, body


def _error(status: int, message: str, *, code: str | None = None, param: str | None = None) -> web.Response:
    error: JSON = {"type": "invalid_request_error", "message": message}
    if code:
        error["code"] = code
    if param:
        error["param"] = param
    return web.json_response({"error": error}, status=status)


def _unflatten(pairs: Iterable[tuple[str, str]]) -> JSON:
    """Stripe's form encoding (`metadata[plan]=pro`, `line_items[0][price]=...`) as nested dicts; the
    members of a list stay a dict keyed "0", "1", ... (see `_listed`)."""
    out: JSON = {}
    for key, value in pairs:
        *path, last = key.replace("]", "").split("[")
        node = out
        for part in path:
            node = node.setdefault(part, {})
        node[last] = value
    return out


def _listed(value: Any) -> list[Any]:
    return [value[k] for k in sorted(value, key=int)] if isinstance(value, dict) else []


def _new_id(prefix: str) -> str:
    return prefix + secrets.token_hex(12)


class _Front:
    """The server at api_base; it and its state live on one event loop (the helpers run on it too)."""

    def __init__(self, localstripe_url: str) -> None:
        self.localstripe_url = localstripe_url
        self.api_base = ""
        self.prices: dict[str, JSON] = {}
        self.checkout_sessions: dict[str, JSON] = {}
        self.portal_sessions: dict[str, JSON] = {}
        self.http: ClientSession | None = None

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v1/prices", self.create_price)
        app.router.add_get("/v1/prices", self.list_prices)
        app.router.add_get("/v1/prices/{id}", self.retrieve_price)
        app.router.add_post("/v1/checkout/sessions", self.create_checkout_session)
        app.router.add_get("/v1/checkout/sessions/{id}", self.retrieve_checkout_session)
        app.router.add_post("/v1/billing_portal/sessions", self.create_portal_session)
        app.router.add_get("/pay/{id}", self.page)
        app.router.add_get("/portal/{id}", self.page)
        app.router.add_route("*", "/{tail:.*}", self.forward)
        return app

    # localstripe, as the fake's own client

    async def localstripe(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, Any]:
        assert self.http is not None
        async with self.http.request(method, self.localstripe_url + path, data=form,
                                     headers={"Authorization": f"Bearer {_KEY}"}) as r:
            return r.status, self.stripe_like(r.status, await r.json(content_type=None))

    async def localstripe_ok(self, method: str, path: str, form: dict[str, str] | None = None) -> JSON:
        status, body = await self.localstripe(method, path, form)
        if status != 200:
            raise FakeStripeError(status, body)
        result: JSON = body
        return result

    def stripe_like(self, status: int, body: Any) -> Any:
        """localstripe's answer with what Stripe's has and it lacks (module docstring)."""
        if status == 404 and isinstance(body, dict) and isinstance(body.get("error"), dict):
            body["error"].setdefault("code", "resource_missing")
        self._add_prices(body)
        return body

    def _add_prices(self, node: Any) -> None:
        if isinstance(node, list):
            for member in node:
                self._add_prices(member)
        elif isinstance(node, dict):
            if node.get("object") == "subscription" and isinstance(node.get("items"), dict):
                for item in node["items"].get("data", []):
                    item.setdefault("subscription", node.get("id"))
                    item.setdefault("current_period_start", node.get("current_period_start"))
                    item.setdefault("current_period_end", node.get("current_period_end"))
            if node.get("object") == "subscription_item" and isinstance(node.get("plan"), dict):
                price = self.prices.get(node["plan"].get("id"))
                if price is not None:
                    node["price"] = price
            for value in node.values():
                self._add_prices(value)

    async def exists(self, path: str) -> bool:
        status, _ = await self.localstripe("GET", path)
        return status == 200

    # what the fake serves itself

    @staticmethod
    def authorized(request: web.Request) -> bool:
        return request.headers.get("Authorization", "").startswith("Bearer sk_")

    async def form(self, request: web.Request) -> JSON:
        return _unflatten(parse_qsl((await request.read()).decode(), keep_blank_values=True))

    async def create_price(self, request: web.Request) -> web.Response:
        if not self.authorized(request):
            return _error(401, "Invalid API Key provided.")
        form = await self.form(request)
        product = form.get("product")
        if product is None and isinstance(form.get("product_data"), dict):
            name = str(form["product_data"].get("name"))
            product = (await self.localstripe_ok("POST", "/v1/products", {"name": name}))["id"]
        if not isinstance(product, str) or not await self.exists(f"/v1/products/{product}"):
            return _error(400, f"No such product: '{product}'", code="resource_missing", param="product")
        if "currency" not in form or not form.get("unit_amount", "").isdigit():
            return _error(400, "Missing required param: currency and unit_amount.")
        recurring = form.get("recurring")
        price: JSON = {
            "id": _new_id("price_"), "object": "price", "active": True, "billing_scheme": "per_unit",
            "created": int(time.time()), "currency": form["currency"], "livemode": False,
            "lookup_key": form.get("lookup_key"), "metadata": form.get("metadata", {}),
            "nickname": form.get("nickname"), "product": product, "tax_behavior": "unspecified",
            "type": "recurring" if recurring else "one_time", "unit_amount": int(form["unit_amount"]),
            "unit_amount_decimal": form["unit_amount"], "recurring": None,
        }
        if isinstance(recurring, dict):
            price["recurring"] = {"interval": recurring.get("interval"),
                                  "interval_count": int(recurring.get("interval_count", 1)),
                                  "usage_type": "licensed", "meter": None, "trial_period_days": None}
            status, body = await self.localstripe("POST", "/v1/plans", {
                "id": price["id"], "product": product, "amount": form["unit_amount"],
                "currency": form["currency"], "interval": str(recurring.get("interval")),
                "interval_count": str(price["recurring"]["interval_count"])})
            if status != 200:
                return web.json_response(body, status=status)
        self.prices[price["id"]] = price
        return web.json_response(price)

    async def retrieve_price(self, request: web.Request) -> web.Response:
        if not self.authorized(request):
            return _error(401, "Invalid API Key provided.")
        price = self.prices.get(request.match_info["id"])
        if price is None:
            return _error(404, f"No such price: '{request.match_info['id']}'", code="resource_missing", param="id")
        return web.json_response(price)

    async def list_prices(self, request: web.Request) -> web.Response:
        if not self.authorized(request):
            return _error(401, "Invalid API Key provided.")
        query = _unflatten(request.query.items())
        keys = set(_listed(query.get("lookup_keys")))
        data = [p for p in self.prices.values()
                if (not keys or p["lookup_key"] in keys)
                and query.get("product", p["product"]) == p["product"]]
        return web.json_response({"object": "list", "url": "/v1/prices", "has_more": False, "data": data})

    async def create_checkout_session(self, request: web.Request) -> web.Response:
        if not self.authorized(request):
            return _error(401, "Invalid API Key provided.")
        form = await self.form(request)
        customer = form.get("customer")
        if customer is not None and not await self.exists(f"/v1/customers/{customer}"):
            return _error(400, f"No such customer: '{customer}'", code="resource_missing", param="customer")
        line_items = _listed(form.get("line_items"))
        for i, item in enumerate(line_items):
            if item.get("price") not in self.prices:
                return _error(400, f"No such price: '{item.get('price')}'", code="resource_missing",
                              param=f"line_items[{i}][price]")
        if form.get("mode") not in ("payment", "setup", "subscription") or not line_items:
            return _error(400, "mode (payment, setup or subscription) and line_items are required.")
        session_id = _new_id("cs_test_")
        created = int(time.time())
        session: JSON = {
            "id": session_id, "object": "checkout.session", "url": f"{self.api_base}/pay/{session_id}",
            "mode": form["mode"], "customer": customer, "status": "open", "payment_status": "unpaid",
            "subscription": None, "client_reference_id": form.get("client_reference_id"),
            "metadata": form.get("metadata", {}), "success_url": form.get("success_url"),
            "cancel_url": form.get("cancel_url"), "created": created, "expires_at": created + 24 * 3600,
            "livemode": False,
            "_line_items": [{"price": it["price"], "quantity": int(it.get("quantity", 1))} for it in line_items],
            "_subscription_metadata": form.get("subscription_data", {}).get("metadata", {}),
        }
        self.checkout_sessions[session_id] = session
        return web.json_response(self.public(session))

    async def retrieve_checkout_session(self, request: web.Request) -> web.Response:
        if not self.authorized(request):
            return _error(401, "Invalid API Key provided.")
        session = self.checkout_sessions.get(request.match_info["id"])
        if session is None:
            return _error(404, f"No such checkout.session: '{request.match_info['id']}'",
                          code="resource_missing", param="session")
        return web.json_response(self.public(session))

    async def create_portal_session(self, request: web.Request) -> web.Response:
        if not self.authorized(request):
            return _error(401, "Invalid API Key provided.")
        form = await self.form(request)
        customer = form.get("customer")
        if not isinstance(customer, str) or not await self.exists(f"/v1/customers/{customer}"):
            return _error(400, f"No such customer: '{customer}'", code="resource_missing", param="customer")
        session_id = _new_id("bps_")
        session: JSON = {
            "id": session_id, "object": "billing_portal.session", "url": f"{self.api_base}/portal/{session_id}",
            "customer": customer, "return_url": form.get("return_url"), "created": int(time.time()),
            "livemode": False, "configuration": "bpc_fake", "flow": None, "locale": None, "on_behalf_of": None,
        }
        self.portal_sessions[session_id] = session
        return web.json_response(session)

    async def page(self, request: web.Request) -> web.Response:
        session_id = request.match_info["id"]
        if session_id not in self.checkout_sessions and session_id not in self.portal_sessions:
            raise web.HTTPNotFound()
        return web.Response(text=f"<!doctype html><title>fake Stripe</title><p>{session_id}</p>",
                            content_type="text/html")

    @staticmethod
    def public(session: JSON) -> JSON:
        return {k: v for k, v in session.items() if not k.startswith("_")}

    # forwarded to localstripe

    async def forward(self, request: web.Request) -> web.StreamResponse:
        assert self.http is not None
        body = await request.read()
        if request.method == "POST" and request.path.startswith("/v1/subscriptions"):
            body = _price_as_plan(body)
        headers = {k: v for k, v in request.headers.items()
                   if k.lower() not in ("host", "content-length", "transfer-encoding", "connection")}
        async with self.http.request(request.method, self.localstripe_url + request.path_qs,
                                     data=body, headers=headers) as r:
            raw = await r.read()
            if r.content_type != "application/json":
                return web.Response(body=raw, status=r.status, content_type=r.content_type)
            return web.json_response(self.stripe_like(r.status, json.loads(raw)), status=r.status)

    # the helpers' work, on this loop

    async def complete_checkout(self, session_id: str) -> str:
        session = self.checkout_sessions[session_id]
        if session["status"] != "open" or session["mode"] != "subscription" or not session["customer"]:
            raise ValueError(f"{session_id} is not an open subscription session with a customer")
        if len(session["_line_items"]) != 1:
            raise ValueError("localstripe subscriptions have exactly one item")
        customer = session["customer"]
        # The card the user enters: Stripe's test card, as localstripe knows it.
        card = await self.localstripe_ok("POST", "/v1/payment_methods/pm_card_visa/attach", {"customer": customer})
        await self.localstripe_ok("POST", f"/v1/customers/{customer}",
                                  {"invoice_settings[default_payment_method]": card["id"]})
        item = session["_line_items"][0]
        form = {"customer": customer, "items[0][plan]": item["price"], "items[0][quantity]": str(item["quantity"])}
        form |= {f"metadata[{k}]": v for k, v in session["_subscription_metadata"].items()}
        subscription = await self.localstripe_ok("POST", "/v1/subscriptions", form)
        session.update(status="complete", payment_status="paid", subscription=subscription["id"])
        return str(subscription["id"])

    async def advance_to_period_end(self, subscription_id: str) -> JSON:
        subscription = await self.localstripe_ok("GET", f"/v1/subscriptions/{subscription_id}")
        if not subscription["cancel_at_period_end"]:
            raise ValueError(f"{subscription_id} renews at period end; the fake models only its cancellation")
        return await self.localstripe_ok("DELETE", f"/v1/subscriptions/{subscription_id}")


def _price_as_plan(body: bytes) -> bytes:
    """`items[N][price]=price_...` as `items[N][plan]=...` (the plan made for that price)."""
    pairs = parse_qsl(body.decode(), keep_blank_values=True)
    renamed = [(k[:-len("[price]")] + "[plan]" if k.startswith("items[") and k.endswith("][price]") else k, v)
               for k, v in pairs]
    return urlencode(renamed).encode()


class FakeStripe:
    """What a test holds: `api_base` for the SDK, and the helpers that play Stripe's side."""

    def __init__(self, front: _Front, loop: asyncio.AbstractEventLoop) -> None:
        self._front, self._loop = front, loop
        self.api_base = front.api_base
        self.localstripe_url = front.localstripe_url

    def _run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=30)

    def complete_checkout(self, session_id: str) -> str:
        """Pay the session as its user would (Stripe's test card): its subscription is created and active,
        the session `complete`. Returns the subscription's id."""
        result: str = self._run(self._front.complete_checkout(session_id))
        return result

    def checkout_session(self, session_id: str) -> JSON:
        return _Front.public(self._front.checkout_sessions[session_id])

    def subscription(self, subscription_id: str) -> JSON:
        result: JSON = self._run(self._front.localstripe_ok("GET", f"/v1/subscriptions/{subscription_id}"))
        return result

    def advance_to_period_end(self, subscription_id: str) -> JSON:
        """The period of a subscription set to cancel at period end is over: it is `canceled` (`ended_at`
        set), as after Stripe's `customer.subscription.deleted`. Returns it."""
        result: JSON = self._run(self._front.advance_to_period_end(subscription_id))
        return result

    # webhooks

    @staticmethod
    def event(event_type: str, data_object: JSON, *, event_id: str | None = None,
              created: int | None = None) -> JSON:
        return {"id": event_id or _new_id("evt_"), "object": "event", "type": event_type,
                "created": int(time.time()) if created is None else created, "livemode": False,
                "api_version": API_VERSION, "pending_webhooks": 1,
                "request": {"id": None, "idempotency_key": None}, "data": {"object": data_object}}

    @staticmethod
    def sign(body: str | bytes, secret: str, *, timestamp: int | None = None) -> str:
        """The Stripe-Signature header Stripe sends with `body`."""
        t = int(time.time()) if timestamp is None else timestamp
        raw = body if isinstance(body, bytes) else body.encode()
        mac = hmac.new(secret.encode(), f"{t}.".encode() + raw, hashlib.sha256).hexdigest()
        return f"t={t},v1={mac}"

    def webhook(self, event_type: str, data_object: JSON, *, secret: str, event_id: str | None = None,
                created: int | None = None, timestamp: int | None = None) -> tuple[bytes, dict[str, str]]:
        """The body and headers of a signed event; `timestamp` is the signature's (now by default)."""
        body = json.dumps(self.event(event_type, data_object, event_id=event_id, created=created), indent=2).encode()
        return body, {"Content-Type": "application/json; charset=utf-8",
                      "Stripe-Signature": self.sign(body, secret, timestamp=timestamp)}

    def send_webhook(self, event_type: str, data_object: JSON, *, url: str, secret: str,
                     event_id: str | None = None, created: int | None = None,
                     timestamp: int | None = None) -> httpx.Response:
        """POST a signed event to `url`, as Stripe delivers it. From a thread other than the receiver's loop:
        a receiver on the caller's own event loop needs `send_webhook_async`."""
        body, headers = self.webhook(event_type, data_object, secret=secret, event_id=event_id,
                                     created=created, timestamp=timestamp)
        return httpx.post(url, content=body, headers=headers, timeout=30)

    async def send_webhook_async(self, event_type: str, data_object: JSON, *, url: str, secret: str,
                                 event_id: str | None = None, created: int | None = None,
                                 timestamp: int | None = None) -> httpx.Response:
        body, headers = self.webhook(event_type, data_object, secret=secret, event_id=event_id,
                                     created=created, timestamp=timestamp)
        async with httpx.AsyncClient(timeout=30) as client:
            return await client.post(url, content=body, headers=headers)

    @staticmethod
    def post_webhook(url: str, body: str | bytes, signature: str | None) -> httpx.Response:
        """POST a raw body with the given Stripe-Signature (none if None): tampered or badly signed events."""
        headers = {"Content-Type": "application/json; charset=utf-8"}
        if signature is not None:
            headers["Stripe-Signature"] = signature
        return httpx.post(url, content=body, headers=headers, timeout=30)


@contextlib.contextmanager
def _localstripe() -> Iterator[str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(port)],
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 20
            while True:
                with contextlib.suppress(httpx.TransportError):
                    httpx.get(f"{url}/v1/balance", headers={"Authorization": f"Bearer {_KEY}"}, timeout=1)
                    break
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"localstripe did not start: {log.read().decode(errors='replace')}")
                time.sleep(0.05)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def fake_stripe() -> Iterator[FakeStripe]:
    """localstripe, and our server in front of it (module docstring), for the length of the block."""
    with _localstripe() as localstripe_url:
        front = _Front(localstripe_url)
        loop = asyncio.new_event_loop()
        started = threading.Event()
        failed: list[BaseException] = []
        runner = web.AppRunner(front.app(), access_log=None)

        async def start() -> None:
            front.http = ClientSession()
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = runner.addresses[0][1]
            front.api_base = f"http://127.0.0.1:{port}"

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(start())
            except BaseException as e:
                failed.append(e)
                return
            finally:
                started.set()
            loop.run_forever()

        thread = threading.Thread(target=run, name="fake-stripe", daemon=True)
        thread.start()
        if not started.wait(timeout=20) or failed:
            raise RuntimeError(f"the fake Stripe's server did not start: {failed}")

        async def stop() -> None:
            await runner.cleanup()
            assert front.http is not None
            await front.http.close()

        try:
            yield FakeStripe(front, loop)
        finally:
            asyncio.run_coroutine_threadsafe(stop(), loop).result(timeout=10)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            loop.close()
