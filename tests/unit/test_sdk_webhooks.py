"""The SDK's verify_webhook (clients/python/ex7_sdk/webhooks.py) against webhooks signed by the server's own
code: the headers of services.alert_transports.WebhookTransport.headers over the body services.alert_sending
sends (domain.alerts.messages.webhook_body, compact JSON), with a secret made as services.alert_channels makes
one. So a receiver using the SDK accepts what EX7 sends, and nothing else."""

from __future__ import annotations

import base64
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import standardwebhooks
from ex7_sdk import WebhookVerificationError, verify_webhook

from domain.alerts.messages import Alert, webhook_body
from services.alert_transports import WebhookTransport

PAYLOAD = {"id": "3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60", "instrument": "MNQ", "side": "long",
           "entry_price": "21450.25", "status": "open", "event_id": 12}


def new_secret() -> str:
    """A channel secret as services.alert_channels.create_channel makes it."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


SECRET = new_secret()


def signed(secret: str = SECRET, *, at: datetime | None = None, body: bytes | None = None,
           message_id: str = "9b2f0c1e-5d4a-4e3b-8c7d-6a5b4c3d2e1f") -> tuple[bytes, dict[str, str]]:
    """A webhook request as the server sends it: the body and its signed headers."""
    at = at or datetime.now(UTC)
    if body is None:
        alert = Alert(kind="signal", delivery_id=message_id, created_at=at, payload=PAYLOAD, strategy_name="demo")
        body = json.dumps(webhook_body(alert), separators=(",", ":")).encode()
    return body, WebhookTransport.headers(secret, message_id, at, body)


def test_accepts_what_the_server_signs_and_returns_the_envelope() -> None:
    body, headers = signed()
    assert headers["webhook-signature"].startswith("v1,")  # the server's own format, not ours
    got = verify_webhook(body, headers, SECRET)
    assert got["type"] == "signal.fired"
    assert got["data"] == {**PAYLOAD, "strategy_name": "demo"}
    assert got == json.loads(body)


def test_accepts_a_str_payload() -> None:
    body, headers = signed(body='{"type":"signal.fired","data":{"note":"é€😀"}}'.encode())
    assert verify_webhook(body.decode(), headers, SECRET)["data"] == {"note": "é€😀"}


def test_accepts_headers_in_any_case() -> None:
    body, headers = signed()
    for transform in (str.upper, str.title, lambda k: k[:3].upper() + k[3:]):
        assert verify_webhook(body, {transform(k): v for k, v in headers.items()}, SECRET)["type"] == "signal.fired"


def test_accepts_an_httpx_headers_object() -> None:
    import httpx  # what a receiver built on httpx (or starlette's) hands over: a case-insensitive multi-dict

    body, headers = signed()
    assert verify_webhook(body, httpx.Headers(headers), SECRET)["type"] == "signal.fired"


def test_accepts_several_signatures_when_one_is_valid() -> None:
    body, headers = signed()
    old_secret_signature = signed(new_secret())[1]["webhook-signature"]  # a secret being rotated out
    good = headers["webhook-signature"]
    for header in (f"{old_secret_signature} {good}", f"{good} {old_secret_signature}",
                   f"v1a,{good[3:]} v2,xyz v1,not-base64!! {good}", f"  {good}  "):
        assert verify_webhook(body, {**headers, "webhook-signature": header}, SECRET)["type"] == "signal.fired"


def test_the_library_itself_accepts_the_servers_signature() -> None:
    # The reference verifier agrees with the server (so both sides follow the standard, not each other).
    body, headers = signed()
    assert standardwebhooks.Webhook(SECRET).verify(body, headers)["type"] == "signal.fired"


# -- rejections -----------------------------------------------------------------------------------------------

def rejected(body: bytes | str, headers: dict[str, str], secret: str = SECRET, **kwargs: Any) -> str:
    with pytest.raises(WebhookVerificationError) as info:
        verify_webhook(body, headers, secret, **kwargs)
    assert isinstance(info.value, standardwebhooks.WebhookVerificationError)  # catchable as the library's too
    return str(info.value)


def test_rejects_a_tampered_body() -> None:
    body, headers = signed()
    assert "signature" in rejected(body.replace(b"21450.25", b"21450.50"), headers)
    assert "signature" in rejected(body + b" ", headers)
    assert "signature" in rejected(body.decode().replace("long", "short"), headers)


def test_rejects_a_tampered_id_or_timestamp() -> None:
    body, headers = signed()
    assert "signature" in rejected(body, {**headers, "webhook-id": "another"})
    assert "signature" in rejected(body, {**headers, "webhook-timestamp": str(int(headers["webhook-timestamp"]) - 1)})


def test_rejects_another_secret() -> None:
    body, headers = signed()
    assert "signature" in rejected(body, headers, new_secret())
    body, headers = signed(new_secret())
    assert "signature" in rejected(body, headers)


@pytest.mark.parametrize("name", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_rejects_a_missing_header(name: str) -> None:
    body, headers = signed()
    assert name in rejected(body, {k: v for k, v in headers.items() if k != name})
    assert name in rejected(body, {**headers, name: ""})


def test_rejects_an_old_timestamp() -> None:
    body, headers = signed(at=datetime.now(UTC) - timedelta(minutes=6))
    assert "too old" in rejected(body, headers)
    body, headers = signed(at=datetime.now(UTC) - timedelta(minutes=4))
    assert verify_webhook(body, headers, SECRET)["type"] == "signal.fired"  # within the default 5 minutes


def test_rejects_a_future_timestamp() -> None:
    body, headers = signed(at=datetime.now(UTC) + timedelta(minutes=6))
    assert "future" in rejected(body, headers)
    body, headers = signed(at=datetime.now(UTC) + timedelta(minutes=4))
    assert verify_webhook(body, headers, SECRET)["type"] == "signal.fired"


def test_a_custom_tolerance() -> None:
    body, headers = signed(at=datetime.now(UTC) - timedelta(seconds=90))
    assert "too old" in rejected(body, headers, tolerance=timedelta(seconds=60))
    assert verify_webhook(body, headers, SECRET, tolerance=timedelta(seconds=120))["type"] == "signal.fired"
    body, headers = signed(at=datetime.now(UTC) + timedelta(seconds=90))
    assert "future" in rejected(body, headers, tolerance=timedelta(seconds=60))
    body, headers = signed(at=datetime.now(UTC) - timedelta(minutes=30))
    assert verify_webhook(body, headers, SECRET, tolerance=timedelta(hours=1))["type"] == "signal.fired"


@pytest.mark.parametrize("timestamp", ["soon", "1.5e9", "-1", "1700000000000000", "١٧٠٠٠٠٠٠٠٠"])
def test_rejects_a_malformed_timestamp(timestamp: str) -> None:
    body, headers = signed()
    rejected(body, {**headers, "webhook-timestamp": timestamp})


@pytest.mark.parametrize("header", ["v1", "v1,", "v1,@@@not base64@@@", "v2,{sig}", "{sig}", "v1;{sig}",
                                    ",{sig}", "garbage"])
def test_rejects_a_malformed_signature_header(header: str) -> None:
    body, headers = signed()
    sig = headers["webhook-signature"].partition(",")[2]
    assert "signature" in rejected(body, {**headers, "webhook-signature": header.format(sig=sig)})


def test_rejects_a_signed_body_that_is_not_json() -> None:
    body, headers = signed(body=b"not json at all")
    assert "not JSON" in rejected(body, headers)


# A channel's template may render any JSON value (the server accepts any): a genuine one is returned as is.
@pytest.mark.parametrize(("body", "value"), [(b"[1,2]", [1, 2]), (b'"signal.fired"', "signal.fired"), (b"42", 42),
                                             (b"null", None), (b"true", True)])
def test_returns_a_signed_template_body_that_is_not_an_object(body: bytes, value: object) -> None:
    body, headers = signed(body=body)
    assert verify_webhook(body, headers, SECRET) == value


def test_rejects_a_body_that_is_not_utf8() -> None:
    _, headers = signed()
    rejected(b'{"a":"\xff"}', headers)


@pytest.mark.parametrize("secret", ["not-a-secret", "whsec_", "whsec_***not base64***", ""])
def test_a_secret_that_is_not_a_whsec_secret_is_a_value_error(secret: str) -> None:
    body, headers = signed()
    with pytest.raises(ValueError) as info:
        verify_webhook(body, headers, secret)
    assert not isinstance(info.value, WebhookVerificationError)  # the receiver's mistake, not the request's
