"""The alert transports (services/alert_transports.py) against real local servers (tests/support/alert_fakes.py):
webhook signing and answers, the SSRF guard at send and at channel creation, Resend, SMTP and Telegram.
No database: each test runs its transport on an event loop of its own (asyncio.run)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import re
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult
from standardwebhooks.webhooks import Webhook

from domain.alerts.addresses import AllowList, parse_allow_list
from domain.alerts.errors import DestinationNotAllowed, InvalidDestination
from services import alert_transports
from services.alert_transports import (
    DestinationRefused,
    EmailMessage,
    GuardedResolver,
    Outcome,
    ResendTransport,
    SmtpTransport,
    TelegramTransport,
    WebhookTransport,
    check_destination,
)
from tests.support.alert_fakes import (
    check_signature,
    fake_resend,
    fake_telegram,
    smtp_sink,
    svix_headers,
    webhook_receiver,
)
from tests.support.http import free_port

SECRET = "whsec_" + base64.b64encode(b"a webhook secret of 24 b").decode()
LOOPBACK = parse_allow_list("127.0.0.0/8")
LOCAL = parse_allow_list("127.0.0.0/8, ::1")
BODY = b'{"type":"signal.fired","data":{"id":"s1"}}'
SENDER = "EX7 Alerts <alerts@ex7.dev>"
BOT_TOKEN = "123456:TEST-secret-token"


def send_hook(url: str, allow: AllowList = LOOPBACK, *, timeout: float = 2.0, at: datetime | None = None,
              message_id: str = "msg_1", body: bytes = BODY) -> Outcome:
    async def send() -> Outcome:
        transport = WebhookTransport(allow, timeout_seconds=timeout)
        try:
            return await transport.send(url, SECRET, message_id, at or datetime.now(UTC), body)
        finally:
            await transport.close()

    return asyncio.run(send())


def settle() -> None:
    """Long enough for a request that was (wrongly) sent to have arrived at a local receiver."""
    time.sleep(0.2)


# --- webhooks: signing and answers ---------------------------------------------------------------------------

def test_a_webhook_is_signed_as_standard_webhooks_and_verified_by_the_library() -> None:
    with webhook_receiver(SECRET) as receiver:
        at = datetime.now(UTC)
        out = send_hook(receiver.url, at=at, message_id="del_42")
        assert out.ok and out.status_code == 200 and out.error is None and out.latency_ms >= 0, out
        (hook,) = receiver.wait_for(1)
        assert hook.verified and hook.fresh and hook.body == BODY and hook.path == "/hook" and hook.method == "POST"
        assert Webhook(SECRET).verify(hook.body, hook.headers) == json.loads(BODY)
        assert hook.headers["webhook-id"] == "del_42"
        assert hook.headers["webhook-timestamp"] == str(int(at.timestamp()))
        assert hook.headers["webhook-signature"].startswith("v1,")
        assert hook.headers["content-type"] == "application/json"
        assert hook.headers["user-agent"] == "EX7-Webhooks/1"
        # The receiver's check can fail: another secret, or a changed body, does not verify.
        assert check_signature("whsec_" + base64.b64encode(b"another secret of 24 byt").decode(), hook.body,
                               hook.headers) == (False, False)
        assert check_signature(SECRET, hook.body + b" ", hook.headers) == (False, False)


def test_an_aware_timestamp_is_signed_as_the_instant_it_is() -> None:
    # standardwebhooks' sign() replaces a datetime's tzinfo with UTC: 12:00+02:00 would be signed as 12:00Z.
    with webhook_receiver(SECRET) as receiver:
        at = datetime.now(timezone(timedelta(hours=2)))
        assert send_hook(receiver.url, at=at).ok
        (hook,) = receiver.wait_for(1)
        assert hook.headers["webhook-timestamp"] == str(int(at.timestamp())) and hook.verified and hook.fresh


def test_a_signature_on_a_manual_clock_verifies_but_is_not_fresh() -> None:
    with webhook_receiver(SECRET) as receiver:
        assert send_hook(receiver.url, at=datetime(2026, 11, 24, 15, 0, tzinfo=UTC) - timedelta(days=400)).ok
        (hook,) = receiver.wait_for(1)
        assert hook.verified and not hook.fresh


def test_a_redirect_is_a_failed_attempt_and_is_not_followed() -> None:
    with webhook_receiver(SECRET) as receiver:
        receiver.answer_next(302, headers={"Location": f"{receiver.base_url}/moved"})
        out = send_hook(receiver.url)
        assert not out.ok and out.status_code == 302 and not out.permanent and not out.gone
        assert out.error == f"HTTP 302: redirect to {receiver.base_url}/moved not followed"
        settle()
        assert [h.path for h in receiver.received] == ["/hook"]


def test_a_slow_receiver_times_out_and_is_retried() -> None:
    with webhook_receiver(SECRET) as receiver:
        receiver.answer_next(200, delay=3)
        started = time.monotonic()
        out = send_hook(receiver.url, timeout=0.5)
        assert time.monotonic() - started < 2
        assert not out.ok and not out.permanent and out.error == "timed out after 0.5 s" and out.status_code is None
        assert 400 <= out.latency_ms < 2000


def test_410_is_gone() -> None:
    with webhook_receiver(SECRET) as receiver:
        receiver.answer_next(410, "no such hook")
        out = send_hook(receiver.url)
        assert not out.ok and out.gone and out.permanent and out.status_code == 410
        assert out.error == "HTTP 410 (gone): no such hook"


def test_other_failures_are_retried_with_retry_after_and_a_short_quote_of_the_answer() -> None:
    with webhook_receiver(SECRET) as receiver:
        receiver.answer_next(503, "busy", headers={"Retry-After": "30"})
        out = send_hook(receiver.url)
        assert not out.ok and not out.permanent and not out.gone and out.status_code == 503
        assert out.retry_after_seconds == 30.0 and out.error == "HTTP 503: busy"
        receiver.answer_next(502, "x" * 100_000)
        out = send_hook(receiver.url)
        assert out.error == "HTTP 502: " + "x" * 200 and out.retry_after_seconds is None and not out.permanent
        receiver.answer_next(400, {"error": "bad"})
        assert not send_hook(receiver.url).permanent


def test_a_receiver_that_is_down_is_connection_refused_and_retried() -> None:
    with webhook_receiver(SECRET) as receiver:
        receiver.stop()
        out = send_hook(receiver.url)
        assert not out.ok and not out.permanent and out.error == "connection refused"
        receiver.start()
        assert send_hook(receiver.url).ok
        assert len(receiver.wait_for(1)) == 1


# --- webhooks: the SSRF guard at send ------------------------------------------------------------------------

@pytest.mark.parametrize(("host", "reason"), [
    ("127.0.0.1", "loopback address 127.0.0.1"),
    ("localhost", "localhost resolves to loopback address 127.0.0.1"),  # a name: the resolver refuses it
    ("[::ffff:127.0.0.1]", "embedding loopback address 127.0.0.1"),  # a literal aiohttp never resolves
    ("169.254.169.254", "cloud metadata address 169.254.169.254"),
    ("127.1", "127.1 is not a canonical IP address"),
    ("2130706433", "2130706433 is not a canonical IP address"),
    ("0x7f.0.0.1", "0x7f.0.0.1 resolves to loopback address 127.0.0.1"),  # getaddrinfo reads it as 127.0.0.1
])
def test_refused_destinations_are_permanent_and_nothing_is_sent(host: str, reason: str) -> None:
    with webhook_receiver(SECRET) as receiver:
        out = send_hook(f"http://{host}:{receiver.port}/hook", allow=())
        assert not out.ok and out.permanent and not out.gone and out.status_code is None
        assert out.error is not None and out.error.startswith("destination not allowed: ") and reason in out.error
        settle()
        assert receiver.received == []


@pytest.mark.parametrize(("host", "allow"), [("127.0.0.1", LOOPBACK), ("localhost", LOCAL),
                                             ("[::ffff:127.0.0.1]", LOOPBACK)])
def test_the_allow_list_lets_them_through(host: str, allow: AllowList) -> None:
    with webhook_receiver(SECRET) as receiver:
        out = send_hook(f"http://{host}:{receiver.port}/hook", allow=allow)
        assert out.ok, out
        assert receiver.wait_for(1)[0].verified


def with_dns(answers: dict[str, list[str]], work: Callable[[], Awaitable[Any]]) -> Any:
    """Run `work` on a loop whose getaddrinfo answers names from `answers` (changeable meanwhile)."""
    async def run() -> Any:
        loop = asyncio.get_running_loop()

        async def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
            if host not in answers:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "",
                     (a, int(port), 0, 0) if ":" in a else (a, int(port))) for a in answers[host]]

        loop.getaddrinfo = getaddrinfo  # type: ignore[method-assign]
        return await work()

    return asyncio.run(run())


def test_a_name_re_pointed_after_creation_is_refused_at_send() -> None:
    # DNS rebinding: public when the channel was created, loopback when the webhook is sent.
    with webhook_receiver(SECRET) as receiver:
        url = f"http://hooks.example.test:{receiver.port}/hook"
        answers = {"hooks.example.test": ["93.184.215.14"]}
        transport = WebhookTransport(())

        async def work() -> Outcome:
            try:
                await check_destination(url, ())
                answers["hooks.example.test"] = ["127.0.0.1"]
                return await transport.send(url, SECRET, "m", datetime.now(UTC), BODY)
            finally:
                await transport.close()

        out = with_dns(answers, work)
        assert out.permanent and "hooks.example.test resolves to loopback address 127.0.0.1" in (out.error or "")
        settle()
        assert receiver.received == []


def test_the_connection_goes_to_the_addresses_the_guard_judged() -> None:
    # An allowed name reaches the receiver through the addresses resolved (nothing else resolves it).
    with webhook_receiver(SECRET) as receiver:
        transport = WebhookTransport(LOOPBACK)

        async def work() -> Outcome:
            try:
                return await transport.send(f"http://receiver.example.test:{receiver.port}/hook", SECRET, "m",
                                            datetime.now(UTC), BODY)
            finally:
                await transport.close()

        assert with_dns({"receiver.example.test": ["127.0.0.1"]}, work).ok
        assert receiver.wait_for(1)[0].headers["host"] == f"receiver.example.test:{receiver.port}"


class FixedResolver(AbstractResolver):
    def __init__(self, *addresses: str) -> None:
        self.addresses = addresses

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET,
                      ) -> list[ResolveResult]:
        return [ResolveResult(hostname=host, host=a, port=port, family=socket.AF_INET, proto=6, flags=0)
                for a in self.addresses]

    async def close(self) -> None:
        pass


def test_the_resolver_refuses_a_name_when_any_of_its_addresses_is_refused() -> None:
    async def resolve(*addresses: str) -> list[ResolveResult]:
        return await GuardedResolver((), FixedResolver(*addresses)).resolve("mixed.example.test", 443)

    assert [r["host"] for r in asyncio.run(resolve("93.184.215.14", "8.8.8.8"))] == ["93.184.215.14", "8.8.8.8"]
    with pytest.raises(DestinationRefused, match=re.escape("mixed.example.test resolves to private address 10.0.0.1")):
        asyncio.run(resolve("93.184.215.14", "10.0.0.1"))


# --- check_destination, at channel creation ---------------------------------------------------------------------

@pytest.mark.parametrize(("url", "allow", "error", "fragment"), [
    ("http://127.0.0.1:8080/x", (), DestinationNotAllowed, "loopback address 127.0.0.1"),
    ("http://localhost/x", (), DestinationNotAllowed, "localhost resolves to loopback address 127.0.0.1"),
    ("https://[::ffff:169.254.169.254]/", (), DestinationNotAllowed, "cloud metadata address 169.254.169.254"),
    ("https://[fe80::1%25eth0]/", (), DestinationNotAllowed, "link-local address fe80::1"),
    ("https://10.1.2.3/", LOOPBACK, DestinationNotAllowed, "private address 10.1.2.3"),
    ("http://127.1/", (), DestinationNotAllowed, "not a canonical IP address"),
    ("https://nothing.invalid/hook", (), InvalidDestination, "nothing.invalid does not resolve"),
    ("ftp://example.com/", (), InvalidDestination, "http(s) URL"),
    ("http:///nohost", (), InvalidDestination, "http(s) URL"),
    ("http://127.0.0.1:8080/x", LOOPBACK, None, None),
    ("http://localhost:8080/x", LOCAL, None, None),
    ("https://8.8.8.8/hook", (), None, None),
])
def test_check_destination(url: str, allow: AllowList, error: type[Exception] | None, fragment: str | None) -> None:
    if error is None:
        asyncio.run(check_destination(url, allow))
        return
    with pytest.raises(error) as raised:
        asyncio.run(check_destination(url, allow))
    assert fragment is not None and fragment in str(raised.value)


def test_check_destination_judges_every_address_of_a_name() -> None:
    answers = {"public.example.test": ["93.184.215.14", "2606:4700::1111"],
               "mixed.example.test": ["93.184.215.14", "fd00:ec2::254"]}
    assert with_dns(answers, lambda: check_destination("https://public.example.test/h", ())) is None
    refused = re.escape("mixed.example.test resolves to cloud metadata address fd00:ec2::254")
    with pytest.raises(DestinationNotAllowed, match=refused):
        with_dns(answers, lambda: check_destination("https://mixed.example.test/h", ()))


def test_check_destination_bounds_the_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alert_transports, "RESOLVE_TIMEOUT_SECONDS", 0.2)

    async def work() -> None:
        async def slow(*args: Any, **kwargs: Any) -> list[Any]:
            await asyncio.sleep(5)
            return []

        asyncio.get_running_loop().getaddrinfo = slow  # type: ignore[method-assign]
        await check_destination("https://slow.example.test/", ())

    started = time.monotonic()
    with pytest.raises(InvalidDestination, match=re.escape("slow.example.test did not resolve within 0.2 s")):
        asyncio.run(work())
    assert time.monotonic() - started < 2


# --- Resend -----------------------------------------------------------------------------------------------

def an_email(message_id: str = "del_1", to: str = "trader@example.com") -> EmailMessage:
    return EmailMessage(to=to, subject="MNQ long at 21234.25", text="MNQ long at 21234.25\nUnsubscribe: ...",
                        html="<p>MNQ <b>long</b> at 21234.25</p>", message_id=message_id,
                        headers={"List-Unsubscribe": "<https://ex7.test/api/alerts/unsubscribe?token=t>",
                                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})


def send_resend(base_url: str, msg: EmailMessage, api_key: str = "re_test_key") -> Outcome:
    async def send() -> Outcome:
        transport = ResendTransport(api_key, SENDER, base_url=base_url, timeout_seconds=2)
        try:
            return await transport.send(msg)
        finally:
            await transport.close()

    return asyncio.run(send())


def test_resend_gets_the_email_with_its_headers_and_idempotency_key() -> None:
    with fake_resend() as fake:
        msg = an_email()
        out = send_resend(fake.base_url, msg)
        (sent,) = fake.wait_for(1)
        assert out.ok and out.status_code == 200 and out.provider_message_id == sent.id and sent.id
        assert sent.json == {"from": SENDER, "to": ["trader@example.com"], "subject": msg.subject, "html": msg.html,
                             "text": msg.text, "headers": dict(msg.headers)}
        assert sent.headers["Authorization"] == "Bearer re_test_key" and sent.headers["Idempotency-Key"] == "del_1"
        assert sent.json["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # a repeat with the same key is answered with the same email
        assert send_resend(fake.base_url, msg).provider_message_id == out.provider_message_id


def test_resend_failures() -> None:
    with fake_resend() as fake:
        fake.answer_next(422, {"statusCode": 422, "name": "validation_error", "message": "Invalid `to` field."})
        out = send_resend(fake.base_url, an_email())
        assert not out.ok and out.permanent and out.status_code == 422 and "Invalid `to` field." in (out.error or "")
        fake.answer_next(429, headers={"Retry-After": "2"})
        out = send_resend(fake.base_url, an_email())
        assert not out.ok and not out.permanent and out.status_code == 429 and out.retry_after_seconds == 2.0
        fake.answer_next(500, "oops")
        assert not send_resend(fake.base_url, an_email()).permanent
        wrong = send_resend(fake.base_url, an_email(), api_key="re_wrong_key")
        assert wrong.permanent and wrong.status_code == 401 and "re_wrong_key" not in (wrong.error or "")
    down = send_resend(f"http://127.0.0.1:{free_port()}", an_email())
    assert not down.ok and not down.permanent and down.error == "Resend: connection refused"


# --- SMTP -------------------------------------------------------------------------------------------------

def send_smtp(port: int, msg: EmailMessage, **options: Any) -> Outcome:
    transport = SmtpTransport("127.0.0.1", port, SENDER, security="none", timeout_seconds=5, **options)
    return asyncio.run(transport.send(msg))


def test_smtp_sends_a_multipart_alternative_with_the_list_headers() -> None:
    with smtp_sink() as sink:
        out = send_smtp(sink.port, an_email("del_7"))
        (mail,) = sink.wait_for(1)
        assert out.ok and out.status_code == 250 and out.provider_message_id == "<del_7@ex7.dev>"
        assert mail.get_content_type() == "multipart/alternative"
        parts = list(mail.iter_parts())
        assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
        assert parts[0].get_content().strip() == an_email().text and "<b>long</b>" in parts[1].get_content()
        assert mail["Message-ID"] == "<del_7@ex7.dev>" and mail["To"] == "trader@example.com"
        assert mail["From"] == SENDER and mail["Subject"] == "MNQ long at 21234.25" and mail["Date"]
        assert mail["List-Unsubscribe"] == "<https://ex7.test/api/alerts/unsubscribe?token=t>"
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert sink.envelopes[0].rcpt_tos == ["trader@example.com"] and sink.envelopes[0].mail_from == "alerts@ex7.dev"


def test_smtp_replies_and_failures() -> None:
    with smtp_sink() as sink:
        sink.reject_next("550 5.1.1 no such user")
        out = send_smtp(sink.port, an_email())
        assert not out.ok and out.permanent and out.status_code == 550 and "no such user" in (out.error or "")
        sink.reject_next("451 4.3.0 try again later")
        out = send_smtp(sink.port, an_email())
        assert not out.ok and not out.permanent and out.status_code == 451
        assert send_smtp(sink.port, an_email()).ok
    with smtp_sink(auth=("alerts", "s3cret-pw")) as sink:
        assert send_smtp(sink.port, an_email(), username="alerts", password="s3cret-pw").ok
        out = send_smtp(sink.port, an_email(), username="alerts", password="wrong-pw")
        assert out.permanent and out.status_code == 535 and "wrong-pw" not in (out.error or "")
        assert len(sink.messages) == 1
    down = send_smtp(free_port(), an_email())
    assert not down.ok and not down.permanent and down.error == "SMTP: connection refused"
    bad = send_smtp(free_port(), EmailMessage(to="a@b.co", subject="two\nlines", text="t", html="h", headers={},
                                              message_id="m"))
    assert bad.permanent and "could not be built" in (bad.error or "")


# --- Telegram ---------------------------------------------------------------------------------------------

def send_telegram(base_url: str, chat_id: str = "424242", text: str = "MNQ long", token: str = BOT_TOKEN) -> Outcome:
    async def send() -> Outcome:
        transport = TelegramTransport(token, base_url=base_url, timeout_seconds=2)
        try:
            return await transport.send(chat_id, text)
        finally:
            await transport.close()

    return asyncio.run(send())


def test_telegram_sends_the_message() -> None:
    with fake_telegram(BOT_TOKEN) as fake:
        out = send_telegram(fake.base_url, text="MNQ long at 21234.25")
        (sent,) = fake.wait_for(1)
        assert out.ok and out.status_code == 200 and out.provider_message_id == "1"
        assert sent.chat_id == "424242" and sent.text == "MNQ long at 21234.25"
        assert sent.json["disable_web_page_preview"] is True


def test_telegram_failures_and_the_token_never_shows() -> None:
    outcomes: list[Outcome] = []
    with fake_telegram(BOT_TOKEN) as fake:
        fake.rate_limit_next(7)
        outcomes.append(out := send_telegram(fake.base_url))
        assert not out.ok and not out.permanent and out.retry_after_seconds == 7.0 and out.status_code == 429
        fake.answer_next(403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"})
        outcomes.append(out := send_telegram(fake.base_url))
        assert out.gone and out.permanent and "blocked the bot" in (out.error or "")
        fake.answer_next(400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"})
        outcomes.append(out := send_telegram(fake.base_url))
        assert out.permanent and not out.gone and "chat not found" in (out.error or "")
        fake.answer_next(502)
        outcomes.append(out := send_telegram(fake.base_url))
        assert not out.ok and not out.permanent and out.status_code == 502
        outcomes.append(out := send_telegram(fake.base_url, token="999:WRONG"))
        assert out.status_code == 404 and not out.permanent and "999:WRONG" not in (out.error or "")
        assert len(fake.messages) == 4
    outcomes.append(out := send_telegram(f"http://127.0.0.1:{free_port()}"))
    assert out.error == "Telegram: connection refused" and not out.permanent
    outcomes.append(out := send_telegram("http://127.0.0.1:99999"))  # aiohttp's error carries the whole URL
    assert not out.ok and out.error
    for out in outcomes:
        assert out.error and BOT_TOKEN not in out.error and "TEST-secret-token" not in out.error, out


# --- the Svix signature our Resend webhook checks -------------------------------------------------------------

def test_svix_headers_sign_as_svix_does() -> None:
    body = b'{"type":"email.bounced"}'
    headers = svix_headers(SECRET, body, msg_id="msg_1", timestamp=1_700_000_000)
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    mac = hmac.new(key, b"msg_1.1700000000." + body, hashlib.sha256).digest()
    assert headers == {"svix-id": "msg_1", "svix-timestamp": "1700000000",
                       "svix-signature": "v1," + base64.b64encode(mac).decode()}
