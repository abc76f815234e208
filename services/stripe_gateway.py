"""Stripe, through its official SDK over aiohttp (`stripe.AIOHTTPClient`, the async calls): the few calls
billing makes, each mapping Stripe's failures to ours (unreachable: StripeUnavailable).

Subscriptions are read back as `StripeSubscription`: the tier is the one whose configured price the
subscription's item carries, and the period end is read where the API version puts it (the item since
2025-03-31, the subscription before).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import stripe
from stripe._base_address import BaseAddresses

from domain.billing.entitlements import SubscriptionState
from domain.billing.errors import StripeUnavailable
from domain.billing.tiers import TierId


@dataclass(frozen=True)
class StripeSubscription:
    customer: str
    user_id: str | None  # from the metadata our checkout sets
    state: SubscriptionState | None  # None: not one of our prices


class StripeGateway:
    def __init__(self, api_key: str, *, prices: Mapping[TierId, str], api_base: str | None = None) -> None:
        self._api_key = api_key
        self._api_base = api_base
        self.prices = dict(prices)
        self._http: stripe.AIOHTTPClient | None = None
        self._client: stripe.StripeClient | None = None

    def _stripe(self) -> stripe.StripeClient:
        # Made on first use, inside the running event loop (the aiohttp session belongs to it).
        if self._client is None:
            self._http = stripe.AIOHTTPClient()
            base: BaseAddresses = {"api": self._api_base} if self._api_base else {}
            self._client = stripe.StripeClient(api_key=self._api_key, http_client=self._http, base_addresses=base,
                                               max_network_retries=2)
        return self._client

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close_async()
            self._http = self._client = None

    async def create_customer(self, user_id: str, email: str | None) -> str:
        # Keyed by user, so that a retry after a failure does not make a second customer.
        params: dict[str, Any] = {"metadata": {"user_id": user_id}}
        if email:
            params["email"] = email
        customer = await self._call(self._stripe().v1.customers.create_async, params,
                                    {"idempotency_key": f"ex7-customer-{user_id}"})
        return str(customer.id)

    async def create_checkout(self, *, customer: str, tier: TierId, user_id: str, success_url: str,
                              cancel_url: str, idempotency_key: str | None) -> tuple[str, str]:
        params = {"mode": "subscription", "customer": customer, "client_reference_id": user_id,
                  "line_items": [{"price": self.prices[tier], "quantity": 1}], "success_url": success_url,
                  "cancel_url": cancel_url, "metadata": {"user_id": user_id},
                  "subscription_data": {"metadata": {"user_id": user_id}}}
        options = {"idempotency_key": f"ex7-checkout-{user_id}-{idempotency_key}"} if idempotency_key else {}
        session = await self._call(self._stripe().v1.checkout.sessions.create_async, params, options)
        return str(session.id), str(session.url)

    async def create_portal(self, customer: str, return_url: str) -> str:
        session = await self._call(self._stripe().v1.billing_portal.sessions.create_async,
                                   {"customer": customer, "return_url": return_url}, {})
        return str(session.url)

    async def set_cancel_at_period_end(self, subscription_id: str, cancel: bool) -> StripeSubscription:
        sub = await self._call(self._stripe().v1.subscriptions.update_async, subscription_id,
                               {"cancel_at_period_end": cancel})
        return self._read(sub)

    async def subscription(self, subscription_id: str) -> StripeSubscription:
        sub = await self._call(self._stripe().v1.subscriptions.retrieve_async, subscription_id, {})
        return self._read(sub)

    def _read(self, stripe_object: Any) -> StripeSubscription:
        sub = stripe_object.to_dict() if hasattr(stripe_object, "to_dict") else dict(stripe_object)
        items = sub["items"]["data"]
        item = items[0] if items else None
        price = item["price"]["id"] if item and item.get("price") else (item["plan"]["id"] if item else None)
        tier = next((t for t, p in self.prices.items() if p == price), None)
        end = sub.get("current_period_end") or (item.get("current_period_end") if item else None)
        metadata = sub.get("metadata") or {}
        state = None if tier is None else SubscriptionState(
            id=str(sub["id"]), tier=tier, status=str(sub["status"]),
            cancel_at_period_end=bool(sub.get("cancel_at_period_end")),
            current_period_end=datetime.fromtimestamp(int(end), UTC) if end else None)
        return StripeSubscription(customer=str(sub["customer"]), user_id=metadata.get("user_id"), state=state)

    @staticmethod
    async def _call(method: Any, *args: Any) -> Any:
        try:
            return await method(*args)
        except (stripe.APIConnectionError, stripe.RateLimitError) as exc:
            raise StripeUnavailable("Stripe could not be reached; nothing was changed. Try again shortly.") from exc
        except stripe.APIError as exc:  # Stripe's own 5xx
            raise StripeUnavailable(f"Stripe answered with an error: {exc.user_message or exc}") from exc
