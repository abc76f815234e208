"""ASGI middleware of our own around Connexion's stack: response headers, the body size limit, rate
limits and the signatures of the webhooks that come to us (Stripe's, Resend's). Each is one small
class; `ex7.app.create_app` puts them in place.
"""

from __future__ import annotations

import binascii
import math
from collections.abc import Mapping
from typing import Any

import stripe
from connexion.exceptions import ProblemException
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.alerts.errors import AlertsNotConfigured
from domain.billing.errors import BillingNotConfigured
from domain.errors import InvalidSignature
from ex7 import problems
from ex7.ratelimit import TokenBuckets


async def send_problem(response: Any, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer with a problem built by `problems.problem`, from outside Connexion's exception handling."""
    await Response(response.body, response.status_code, response.headers, problems.PROBLEM_JSON)(scope, receive, send)


_NOSNIFF = ((b"x-content-type-options", b"nosniff"),)
_NOSNIFF_NO_STORE = (*_NOSNIFF, (b"cache-control", b"no-store"))


class ResponseHeaders:
    """`X-Content-Type-Options: nosniff` on every answer, and `Cache-Control: no-store` unless the
    operation set its own (an SSE stream says no-cache): answers carry a user's data, and neither a
    browser nor a shared cache should keep them. Swagger UI's static files are left cacheable."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = _NOSNIFF if scope["path"].startswith("/api/docs") else _NOSNIFF_NO_STORE

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _value in headers}
                headers.extend(header for header in extra if header[0] not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """413 for a body over `limit` bytes, before the rest of it is read.

    A declared Content-Length over the limit is answered at once (uvicorn stops reading from the
    socket while nobody asks for the body). A body without one (chunked) is read here, counted as it
    arrives and refused as soon as it passes the limit; one within it is handed on whole, with its
    Content-Length, which is what Connexion's body validation goes by (without one it would take the
    body for missing).
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is None and b"chunked" in (_header(scope, b"transfer-encoding") or b"").lower():
            body = bytearray()
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > self.limit:
                    await self._refuse(scope, receive, send, "chunked")
                    return
            scope = {**scope, "headers": [*scope["headers"], (b"content-length", str(len(body)).encode())]}
            receive = _replay(bytes(body), receive)
        elif declared is not None and not declared.isdigit():
            # uvicorn's parsers refuse this first; should one let it through, it is still the caller's error.
            await send_problem(problems.problem(400, "The Content-Length header is not a number.",
                                                headers={"Connection": "close"}), scope, receive, send)
            return
        elif declared is not None and int(declared) > self.limit:
            await self._refuse(scope, receive, send, f"Content-Length {int(declared)}")
            return
        await self.app(scope, _disconnect_before_the_end_raises(receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, what: str) -> None:
        problems.log.warning("%s %s -> 413 (%s)", scope["method"], scope["path"], what)
        # The unread rest of the body must not be taken for the next request: close the connection.
        answer = problems.problem(413, f"The request body is larger than this server's limit of {self.limit} bytes.",
                                  code="body_too_large", title="Content Too Large", headers={"Connection": "close"})
        await send_problem(answer, scope, receive, send)


class ClientDisconnected(Exception):
    """The client went away before its request body was complete (or a body timeout cut it off)."""


def _disconnect_before_the_end_raises(receive: Receive) -> Receive:
    # Connexion's body reader takes a disconnect for the end of the body and would validate what
    # arrived ("not valid JSON", a 400 nobody receives). A disconnect after the body (a stream
    # watching for its client to leave) is passed on as it is.
    complete = False

    async def checked() -> Message:
        nonlocal complete
        message = await receive()
        if message["type"] == "http.request":
            complete = not message.get("more_body", False)
        elif message["type"] == "http.disconnect" and not complete:
            raise ClientDisconnected
        return message

    return checked


async def _read_body(receive: Receive) -> bytes:
    body = bytearray()
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            raise ClientDisconnected
        body += message.get("body", b"")
        more = message.get("more_body", False)
    return bytes(body)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # http.disconnect, when it comes

    return replay


def _header(scope: Scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return None


class RateLimited(ProblemException):
    def __init__(self, wait: float, who: str) -> None:
        seconds = max(1, math.ceil(wait))
        super().__init__(status=429, title="Too Many Requests",
                         detail=f"Too many requests from this {who}; try again in {seconds} second"
                                f"{'s' if seconds != 1 else ''}.",
                         headers={"Retry-After": str(seconds)}, ext={"code": "rate_limited"})


class RateLimit:
    """Per operation, the contract's `x-ex7-rate-limit` says whose bucket a request takes from: `ip`
    (public operations: the client address) or `user` (authenticated writes: the token's subject).

    Runs after Connexion's routing and security, so the operation and the verified user are known; a
    request refused here is never validated or handled.
    """

    def __init__(self, app: ASGIApp, spec: Mapping[str, Any], limits: Mapping[str, TokenBuckets | None]) -> None:
        self.app = app
        self.limits = limits
        self.kind_of: dict[str, str] = {
            op["operationId"]: op["x-ex7-rate-limit"]
            for item in spec.get("paths", {}).values() for op in item.values()
            if isinstance(op, dict) and "x-ex7-rate-limit" in op
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            extensions = scope.get("extensions", {})
            # Routing names the operation as resolved: `handlers.` + the contract's operationId.
            operation = str(extensions.get("connexion_routing", {}).get("operation_id", ""))
            kind = self.kind_of.get(operation.removeprefix("handlers."))
            buckets = self.limits.get(kind) if kind else None
            if buckets is not None:
                if kind == "user":
                    key = str(extensions.get("connexion_context", {}).get("user"))
                else:
                    client = scope.get("client")
                    key = client[0] if client else "unknown"
                wait = buckets.take(key)
                if wait > 0:
                    raise RateLimited(wait, "user" if kind == "user" else "address")
        await self.app(scope, receive, send)


class StripeSignature:
    """Stripe's webhook authenticates itself: `Stripe-Signature` is checked against the raw body, with
    Stripe's 300 s tolerance, before anything parses it (Connexion's validation comes after). Missing,
    bad or stale: 400 `invalid_signature`; no webhook secret configured: 503 `billing_not_configured`."""

    def __init__(self, app: ASGIApp, path: str, secret: str | None) -> None:
        self.app = app
        self.path = path
        self.secret = secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        header = (_header(scope, b"stripe-signature") or b"").decode("latin-1")
        if not header:
            raise InvalidSignature("The Stripe-Signature header is missing.")
        if self.secret is None:
            raise BillingNotConfigured("Stripe webhooks are not configured on this server (no STRIPE_WEBHOOK_SECRET).")
        body = await _read_body(receive)
        try:
            stripe.WebhookSignature.verify_header(body.decode("utf-8"), header, self.secret, tolerance=300)
        except (stripe.SignatureVerificationError, UnicodeDecodeError):
            raise InvalidSignature("No valid Stripe signature matches the payload (or it is more than 300 s old).") \
                from None
        await self.app(scope, _replay(body, receive), send)


class ResendSignature:
    """Resend's webhook authenticates itself as Svix signs (Standard Webhooks under `svix-` header
    names): `svix-signature` is checked against the raw body, with a 5-minute tolerance on
    `svix-timestamp`, before anything parses it. Missing or bad: 400 `invalid_signature`; no
    RESEND_WEBHOOK_SECRET configured: 503 `alerts_not_configured`."""

    _HEADERS = ("svix-id", "svix-timestamp", "svix-signature")

    def __init__(self, app: ASGIApp, path: str, secret: str | None) -> None:
        self.app = app
        self.path = path
        self.webhook = Webhook(secret) if secret else None  # a secret that is not whsec_<base64> fails start-up

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        values = [(_header(scope, name.encode()) or b"").decode("latin-1") for name in self._HEADERS]
        if not all(values):
            raise InvalidSignature("The svix-id, svix-timestamp and svix-signature headers are required.")
        if self.webhook is None:
            raise AlertsNotConfigured("Resend webhooks are not configured on this server (no RESEND_WEBHOOK_SECRET).")
        body = await _read_body(receive)
        headers = dict(zip(("webhook-id", "webhook-timestamp", "webhook-signature"), values, strict=True))
        try:
            self.webhook.verify(body, headers, json_parse=False)
        except (WebhookVerificationError, ValueError, UnicodeDecodeError, binascii.Error):
            raise InvalidSignature("No valid svix signature matches the payload (or it is more than 5 minutes old).") \
                from None
        await self.app(scope, _replay(body, receive), send)
