# Billing: tiers, your plan and usage, the CFTC disclaimer, compliance and checkout (Python SDK)
# Lists the tiers (public), shows your effective tier with its caps and usage, prints the CFTC Rule 4.41
# disclaimer, accepts the required documents (again: idempotent) and opens a Stripe Checkout for Pro and
# the billing portal; a server without a Stripe key says so (503 billing_not_configured) and that is skipped.
# Needs the EX7 SDK, EX7_URL, EX7_TOKEN; EX7_APP_URL (default http://localhost:3000): where Stripe returns.
from __future__ import annotations

import os
import sys
import uuid

from ex7_client import AuthenticatedClient, Client
from ex7_client.api.billing import (
    billing_accept_compliance,
    billing_create_checkout_session,
    billing_create_portal_session,
    billing_get_billing_me,
    billing_get_compliance_status,
    billing_get_disclaimer,
    billing_list_tiers,
)
from ex7_client.models import BillingPaidTierId, CheckoutRequest, ComplianceAcceptRequest, PortalRequest
from ex7_sdk import ProblemError, unwrap

URL = os.environ.get("EX7_URL", "http://127.0.0.1:8000")
TOKEN = os.environ.get("EX7_TOKEN") or sys.exit("export EX7_TOKEN=... (./dev serve prints the line to paste)")
APP_URL = os.environ.get("EX7_APP_URL", "http://localhost:3000")  # one of the server's EX7_BILLING_ALLOWED_ORIGINS


def cap(value: int | None) -> str:
    return "unlimited" if value is None else str(value)


def main(public: Client, client: AuthenticatedClient) -> None:
    print("== 1. The tiers (public: no token needed; None means unlimited)")
    for tier in unwrap(billing_list_tiers.sync_detailed(client=public)).items:
        f = tier.features
        print(f"  {tier.id}: {tier.price_monthly} {tier.currency}/month, {cap(f.max_strategies)} strategies, "
              f"{cap(f.max_running_runtimes)} running, {cap(f.vix_generations_per_month)} Vix generations, "
              f"alerts by {'/'.join(f.alert_channels)}")

    print("== 2. Your plan: the effective tier, where it comes from, its caps and your usage")
    me = unwrap(billing_get_billing_me.sync_detailed(client=client))
    print(f"  tier {me.tier} (source {me.source}, subscription {me.status}), "
          f"compliance accepted: {me.compliance_accepted}")
    print(f"  strategies {me.usage.strategies}/{cap(me.entitlements.max_strategies)}, "
          f"running {me.usage.running_runtimes}/{cap(me.entitlements.max_running_runtimes)}, "
          f"Vix this month {me.usage.vix_generations_this_month}/{cap(me.entitlements.vix_generations_per_month)}")

    print("== 3. The CFTC Rule 4.41 disclaimer and the documents every user must accept")
    disclaimer = unwrap(billing_get_disclaimer.sync_detailed(client=public))
    print(f"  {disclaimer.rule}:\n  {disclaimer.text}")
    for doc in disclaimer.documents:
        print(f"  - {doc.title}, version {doc.version}")

    print("== 4. Accept each at its current version (201 the first time, 200 with the same record after)")
    for doc in disclaimer.documents:
        answer = billing_accept_compliance.sync_detailed(
            client=client, body=ComplianceAcceptRequest(document=doc.document, version=doc.version))
        accepted = unwrap(answer)
        print(f"  {accepted.document} {accepted.version} accepted at {accepted.accepted_at} "
              f"(HTTP {int(answer.status_code)})")
    print(f"  all accepted: {unwrap(billing_get_compliance_status.sync_detailed(client=client)).all_accepted}")

    print("== 5. Checkout for Pro: a Stripe Checkout URL to send the user to")
    try:
        # The Idempotency-Key makes a retry of this very request return the same session.
        session = unwrap(billing_create_checkout_session.sync_detailed(
            client=client, idempotency_key=str(uuid.uuid4()),
            body=CheckoutRequest(tier=BillingPaidTierId.PRO, success_url=f"{APP_URL}/billing/done",
                                 cancel_url=f"{APP_URL}/billing")))
    except ProblemError as exc:
        if exc.code not in ("billing_not_configured", "already_subscribed"):
            raise
        print(f"  skipped: {exc.code}: {exc.detail}")
        return
    print(f"  session {session.session_id}: open {session.url}")

    print("== 6. The billing portal (payment method, invoices, plan changes)")
    portal = unwrap(billing_create_portal_session.sync_detailed(
        client=client, body=PortalRequest(return_url=f"{APP_URL}/billing")))
    print(f"  {portal.url}")


if __name__ == "__main__":
    with Client(base_url=URL) as public, AuthenticatedClient(base_url=URL, token=TOKEN) as client:
        try:
            main(public, client)
        except ProblemError as exc:
            sys.exit(f"API error: {exc}")
