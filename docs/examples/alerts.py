# Alerts: a webhook channel that receives your strategy's signals (Python SDK)
# Creates a webhook channel to EX7_WEBHOOK_URL, waits until the server's signed ping to it verifies it,
# subscribes your docs-example strategy's signals to it, lists the deliveries with the attempts of the newest,
# then deletes the channel (its subscription goes with it), so it can run again. Needs the EX7 SDK, EX7_URL,
# EX7_TOKEN, a tier with webhook alerts (Pro, Elite) and a receiver the server may reach (see EX7_WEBHOOK_URL).
from __future__ import annotations

import os
import sys
import time
from uuid import UUID

from ex7_client import AuthenticatedClient
from ex7_client.api.alerts import (
    alerts_create_channel,
    alerts_create_subscription,
    alerts_delete_channel,
    alerts_get_delivery,
    alerts_list_channels,
    alerts_list_deliveries,
    alerts_list_subscriptions,
    alerts_patch_subscription,
)
from ex7_client.api.strategies import (
    strategies_create_strategy_from_fixture,
    strategies_list_strategies,
    strategies_update_strategy,
)
from ex7_client.models import (
    AlertChannelCreateRequest,
    AlertChannelType,
    AlertEventType,
    AlertSubscriptionCreateRequest,
    AlertSubscriptionPatchRequest,
    StrategyStatus,
    StrategyUpdate,
)
from ex7_sdk import ProblemError, unwrap

URL = os.environ.get("EX7_URL", "http://127.0.0.1:8000")
TOKEN = os.environ.get("EX7_TOKEN") or sys.exit("export EX7_TOKEN=... (./dev serve prints the line to paste)")
# Your receiver: it must answer the verification ping with a 2xx. Public https by default; a receiver on
# this machine needs a server started with EX7_WEBHOOK_ALLOW_NETWORKS=127.0.0.0/8 EX7_WEBHOOK_ALLOW_HTTP=true.
WEBHOOK_URL = os.environ.get("EX7_WEBHOOK_URL", "https://hooks.example.com/ex7")


def docs_example_strategy(client: AuthenticatedClient) -> UUID:
    """Your strategy tagged docs-example, made from the demo-1m-momentum fixture if you have none."""
    page = unwrap(strategies_list_strategies.sync_detailed(client=client, tag="docs-example", limit=100))
    for strategy in page.items:
        if strategy.status != StrategyStatus.ARCHIVED:
            return strategy.id
    strategy = unwrap(strategies_create_strategy_from_fixture.sync_detailed("demo-1m-momentum", client=client))
    unwrap(strategies_update_strategy.sync_detailed(strategy.id, client=client,
                                                    body=StrategyUpdate(tags=["demo", "docs-example"])))
    return strategy.id


def main(client: AuthenticatedClient, channel_id: UUID) -> None:
    print("== 2. Wait for the signed channel.verification ping to be answered 2xx")
    for _ in range(30):
        channels = unwrap(alerts_list_channels.sync_detailed(client=client)).items
        if any(c.id == channel_id and c.verified for c in channels):
            print("  verified")
            break
        time.sleep(1)
    else:
        sys.exit(f"  {WEBHOOK_URL} did not answer the ping; post the code it carries to "
                 f"{URL}/api/alerts/channels/{channel_id}/verify")

    print("== 3. Subscribe the signals of your docs-example strategy (made from the demo fixture if missing)")
    strategy_id = docs_example_strategy(client)
    sub = unwrap(alerts_create_subscription.sync_detailed(
        client=client, body=AlertSubscriptionCreateRequest(channel_id=channel_id, strategy_id=strategy_id)))
    print(f"  subscription {sub.id}: strategy {sub.strategy_id} -> channel {sub.channel_id}, "
          f"events {', '.join(sub.events)}")
    sub = unwrap(alerts_patch_subscription.sync_detailed(sub.id, client=client, body=AlertSubscriptionPatchRequest(
        events=[AlertEventType.SIGNAL, AlertEventType.SIGNAL_CLOSED, AlertEventType.RUNTIME_ERROR])))
    print(f"  now also: runtime errors ({', '.join(sub.events)})")
    subs = unwrap(alerts_list_subscriptions.sync_detailed(client=client, channel_id=channel_id)).items
    print(f"  {len(subs)} subscription(s) on this channel")

    print("== 4. The delivery log (the ping is one; every signal sent to the channel is another)")
    deliveries = unwrap(alerts_list_deliveries.sync_detailed(client=client, limit=5)).items
    for d in deliveries:
        print(f"  {d.created_at} {d.channel_type} {d.status} attempts={d.attempts} "
              f"event={d.event_id or 'verification'}")
    newest = unwrap(alerts_get_delivery.sync_detailed(deliveries[0].id, client=client))
    for attempt in newest.attempt_log:
        print(f"  attempt at {attempt.attempted_at}: {attempt.outcome}, HTTP {attempt.status_code or '-'}, "
              f"{attempt.latency_ms} ms")


if __name__ == "__main__":
    with AuthenticatedClient(base_url=URL, token=TOKEN) as client:
        try:
            print(f"== 1. Create a webhook channel to {WEBHOOK_URL}")
            channel = unwrap(alerts_create_channel.sync_detailed(
                client=client, body=AlertChannelCreateRequest(type_=AlertChannelType.WEBHOOK, destination=WEBHOOK_URL)))
            print(f"  channel {channel.id}: {channel.destination}, verified={channel.verified}")
            # Shown only now: your receiver checks each delivery with it: ex7_sdk.verify_webhook(body, headers, secret).
            print(f"  signing secret: {channel.secret}")
            try:
                main(client, channel.id)
            finally:
                unwrap(alerts_delete_channel.sync_detailed(channel.id, client=client))
                print(f"deleted channel {channel.id}")
        except ProblemError as exc:
            sys.exit(f"API error: {exc}")
