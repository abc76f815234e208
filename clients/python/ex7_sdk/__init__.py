"""The hand-written layer of the EX7 Python SDK, beside the generated `ex7_client`: what generation from
the contract cannot give.

- `unwrap` and `ProblemError` (with `Unauthorized`, `Forbidden`, `NotFound`, `Conflict`, `RateLimited`):
  problem+json answers as exceptions, the success model typed as such;
- `SignalStream` / `AsyncSignalStream`: the live signal stream, resumed with Last-Event-ID across
  disconnects, yielding `StreamEvent`s;
- `verify_webhook` / `WebhookVerificationError`: the signatures of alert webhooks.

    from ex7_client import AuthenticatedClient
    from ex7_client.api.signals import signals_list_signals
    from ex7_sdk import SignalStream, unwrap

    client = AuthenticatedClient(base_url="https://api.ex7.example", token=token)
    page = unwrap(signals_list_signals.sync_detailed(client=client, limit=100))
    with SignalStream(client) as stream:
        for event in stream:
            ...
"""

from ex7_sdk.problems import (
    Conflict,
    Forbidden,
    NotFound,
    ProblemError,
    RateLimited,
    Unauthorized,
    problem_error,
    unwrap,
)
from ex7_sdk.sse import ServerSentEvent, SSEParser
from ex7_sdk.stream import AsyncSignalStream, SignalStream, StreamEvent
from ex7_sdk.webhooks import WebhookVerificationError, verify_webhook

__all__ = [
    "AsyncSignalStream",
    "Conflict",
    "Forbidden",
    "NotFound",
    "ProblemError",
    "RateLimited",
    "SSEParser",
    "ServerSentEvent",
    "SignalStream",
    "StreamEvent",
    "Unauthorized",
    "WebhookVerificationError",
    "problem_error",
    "unwrap",
    "verify_webhook",
]
