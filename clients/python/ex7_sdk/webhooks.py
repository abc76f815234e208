"""Verifying the alert webhooks EX7 sends, which are signed as Standard Webhooks signs them."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import standardwebhooks
from standardwebhooks.webhooks import EmptyWebhookSecretError, Webhook


class WebhookVerificationError(standardwebhooks.WebhookVerificationError):
    """The request is not a genuine, fresh EX7 webhook: a header is missing or malformed, no signature
    matches the body, the timestamp is outside the tolerance, or the body is not JSON. Answer it
    with a 4xx and do not act on it. (A subclass of standardwebhooks' own, so code catching that one
    catches this too.)"""


def verify_webhook(payload: bytes | str, headers: Mapping[str, str], secret: str, *,
                   tolerance: timedelta = timedelta(minutes=5)) -> Any:
    """The JSON body of an EX7 webhook request, once its signature and timestamp are checked.

    `payload` is the raw body exactly as received (bytes, or the text decoded from it: the signature is
    over those bytes, so never re-encode parsed JSON); `headers` the request's headers, looked up without
    regard to case (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`, several
    space-separated signatures allowed); `secret` the channel's `whsec_...` secret, shown once in the
    answer to the channel's creation. Raises WebhookVerificationError when anything does not check out;
    a `secret` that is not a `whsec_` secret (base64 after the prefix) is a ValueError, a mistake of the
    receiver's configuration rather than of the request.

    The body is Standard Webhooks' envelope `{"type", "timestamp", "data"}`:

    - `signal.fired`, `signal.closed`: `data` is the Signal (as GET /api/signals/{id} shows it, without
      the disclaimer) plus `strategy_name`;
    - `runtime.error`: `data` is `{runtime_id, status: "error", error, strategy_id?, strategy_name}`;
    - `risk.blocked`: `data` is `{strategy_id, runtime_id, instrument, timeframe, mode, side, bar_ts,
      breaker, reason, observed, limit, strategy_name}`;
    - `channel.verification`: `data` is `{code}`, the channel's 6-digit code (answering this request
      with a 2xx verifies the channel).

    A channel created with a `template` gets that template's JSON instead of the envelope: any JSON value
    (an object, an array, a string...), returned as parsed. A delivery
    is sent at least once: a retry carries the same `webhook-id`, so deduplicate on it.
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    msg_id = lowered.get("webhook-id")
    timestamp = lowered.get("webhook-timestamp")
    signatures = lowered.get("webhook-signature")
    missing = [name for name, value in (("webhook-id", msg_id), ("webhook-timestamp", timestamp),
                                        ("webhook-signature", signatures)) if not value]
    if missing or msg_id is None or timestamp is None or signatures is None:
        raise WebhookVerificationError(f"missing header(s): {', '.join(missing)}")
    signer = _signer(secret)
    if isinstance(payload, bytes):
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError:
            raise WebhookVerificationError("the body is not UTF-8") from None
    else:
        text = payload

    # The timestamp first: it is signed too, and checking it here (rather than in standardwebhooks'
    # verify, whose window is fixed at 5 minutes) is what lets `tolerance` be chosen.
    sent_at = _timestamp(timestamp)
    now = datetime.now(UTC)
    if sent_at < now - tolerance:
        raise WebhookVerificationError("the webhook timestamp is too old")
    if sent_at > now + tolerance:
        raise WebhookVerificationError("the webhook timestamp is in the future")

    # The library's own signing computes what the server's does; the comparison is done here because its
    # verify lets a malformed signature header escape as a ValueError instead of a verification error.
    expected = base64.b64decode(signer.sign(msg_id, sent_at, text).partition(",")[2])
    if not any(hmac.compare_digest(expected, candidate) for candidate in _v1_signatures(signatures)):
        raise WebhookVerificationError("no signature matches the body")

    try:
        body = json.loads(text)
    except ValueError:
        raise WebhookVerificationError("the body is not JSON") from None
    return body


def _signer(secret: str) -> Webhook:
    """The signer of a `whsec_<base64>` secret. standardwebhooks alone also takes a bare base64 key (and
    skips characters that are not base64), so a mistyped or wrong kind of secret would only ever show as
    every request failing verification; here it is the ValueError the docstring promises."""
    prefix, _, key = secret.partition("_")
    try:
        if prefix != "whsec" or not key or not base64.b64decode(key, validate=True):
            raise ValueError
        return Webhook(secret)
    except (ValueError, EmptyWebhookSecretError, RuntimeError):  # binascii.Error is a ValueError
        raise ValueError("the webhook secret is not a whsec_ secret") from None  # the secret is not shown


def _timestamp(value: str) -> datetime:
    value = value.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 12:  # whole seconds, as the standard says
        raise WebhookVerificationError("the webhook-timestamp header is not a Unix time in seconds")
    return datetime.fromtimestamp(int(value), UTC)


def _v1_signatures(header: str) -> list[bytes]:
    """The v1 signatures of a `webhook-signature` header (`v1,<base64> v1a,<...> ...`); others skipped."""
    out: list[bytes] = []
    for item in header.split():
        version, comma, signature = item.partition(",")
        if version != "v1" or not comma:
            continue
        try:
            out.append(base64.b64decode(signature, validate=True))
        except binascii.Error:
            continue
    return out
