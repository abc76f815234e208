"""Real local servers standing in for the alert providers: Resend's API, Telegram's Bot API, a webhook
receiver and an SMTP server, each on 127.0.0.1 and a free port, for the length of a `with` block.

Tests are mostly synchronous (httpx against a uvicorn thread), so each HTTP fake runs an aiohttp server on
an event loop of its own in a thread (as the front server of tests/support/fake_stripe.py does); the SMTP
sink is aiosmtpd's Controller, which does the same. What arrives is recorded as it arrives, before it is
answered, so a sender that has its answer finds its request recorded; the records are read from any
thread (`wait_for(n)` blocks until n have arrived).

Answers are programmable: `answer_next(status, body=None, times=1, delay=0.0, headers=None)` queues an
answer for the next requests (a dict or list body is sent as JSON, a str as text, bytes as is); with the
queue empty each fake answers as its provider does on success.

`webhook_receiver().received[i].verified` checks the Standard Webhooks signature with the
`standardwebhooks` library, but not the age of its timestamp: the alert tests sign on a ManualClock
days away from the real one. `.fresh` is the library's full `verify`, tolerance included.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import threading
import time
import uuid
import warnings
from collections.abc import Callable, Coroutine, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any, Generic, TypeVar

from aiohttp import web
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from tests.support.http import free_port

T = TypeVar("T")
JSON = dict[str, Any]


class Records(Generic[T]):
    """What a fake received, appended from its server's thread and read from the test's."""

    def __init__(self, what: str) -> None:
        self._what = what
        self._items: list[T] = []
        self._changed = threading.Condition()

    def add(self, item: T) -> None:
        with self._changed:
            self._items.append(item)
            self._changed.notify_all()

    def snapshot(self) -> list[T]:
        with self._changed:
            return list(self._items)

    def wait_for(self, count: int, timeout: float = 10) -> list[T]:
        """The records once at least `count` have arrived (all of them); AssertionError after `timeout` s."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self._items) >= count, timeout=timeout):
                raise AssertionError(f"expected {count} {self._what} within {timeout} s; "
                                     f"{len(self._items)} arrived: {self._items!r}")
            return list(self._items)


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any = None
    delay: float = 0.0
    headers: Mapping[str, str] = field(default_factory=dict)


class Answers:
    """The queue of programmed answers (thread-safe: filled by the test, emptied by the server)."""

    def __init__(self) -> None:
        self._queue: collections.deque[Answer] = collections.deque()
        self._lock = threading.Lock()

    def push(self, answer: Answer, times: int) -> None:
        with self._lock:
            self._queue.extend([answer] * times)

    def pop(self) -> Answer | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None


async def respond(answer: Answer) -> web.Response:
    if answer.delay:
        await asyncio.sleep(answer.delay)
    headers = dict(answer.headers)
    if isinstance(answer.body, dict | list):
        return web.json_response(answer.body, status=answer.status, headers=headers)
    if isinstance(answer.body, bytes):
        return web.Response(status=answer.status, body=answer.body, headers=headers)
    return web.Response(status=answer.status, text=answer.body or "", headers=headers)


class LoopServer:
    """An aiohttp app on its own event loop and thread, on a port kept across stop() and start()."""

    def __init__(self, make_app: Callable[[], web.Application], name: str) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._make_app = make_app
        self._runner: web.AppRunner | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=name, daemon=True)
        self._thread.start()

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=20)

    def start(self) -> None:
        async def start() -> web.AppRunner:
            # A handler still sleeping at a stop (a programmed delay) is cancelled after half a second.
            runner = web.AppRunner(self._make_app(), access_log=None, shutdown_timeout=0.5)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", self.port).start()
            return runner

        if self._runner is None:
            self._runner = self._run(start())

    def stop(self) -> None:
        """Stop listening (connections to the port are refused until start())."""
        if self._runner is not None:
            runner, self._runner = self._runner, None
            self._run(runner.cleanup())

    def close(self) -> None:
        self.stop()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


F = TypeVar("F", bound="_HttpFake")


@contextlib.contextmanager
def _running(fake: F) -> Iterator[F]:
    """A fake listening for the block, its thread and loop gone after it."""
    fake._server.start()
    try:
        yield fake
    finally:
        fake._server.close()


class _HttpFake:
    def __init__(self, name: str) -> None:
        self._answers = Answers()
        self._server = LoopServer(self._app, name)
        self.base_url = self._server.base_url
        self.port = self._server.port

    def _app(self) -> web.Application:
        raise NotImplementedError

    def answer_next(self, status: int, body: Any = None, times: int = 1, delay: float = 0.0,
                    headers: Mapping[str, str] | None = None) -> None:
        self._answers.push(Answer(status, body, delay, dict(headers or {})), times)


# --- Resend ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ResendEmail:
    json: JSON  # the request's body
    headers: dict[str, str]  # the request's headers (Authorization, Idempotency-Key, ...)
    status: int  # what the fake answered
    id: str | None  # the email's id, when it was accepted


class FakeResend(_HttpFake):
    """POST /emails as Resend answers it: the Bearer key checked (401 otherwise), {"id": ...} on success,
    and the same id again for a repeated Idempotency-Key. `.emails` has every POST /emails, as answered."""

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key
        self._records: Records[ResendEmail] = Records("emails")
        self._ids: dict[str, str] = {}
        super().__init__("fake-resend")

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/emails", self._email)
        return app

    @property
    def emails(self) -> list[ResendEmail]:
        return self._records.snapshot()

    def wait_for(self, count: int, timeout: float = 10) -> list[ResendEmail]:
        return self._records.wait_for(count, timeout)

    async def _email(self, request: web.Request) -> web.Response:
        headers = dict(request.headers)
        try:
            body = json.loads(await request.read())
        except ValueError:
            body = None
        answer = self._answer(request.headers.get("Authorization"), body, request.headers.get("Idempotency-Key"))
        accepted = isinstance(answer.body, dict) and 200 <= answer.status < 300
        self._records.add(ResendEmail(body if isinstance(body, dict) else {}, headers, answer.status,
                                      answer.body.get("id") if accepted else None))
        return await respond(answer)

    def _answer(self, authorization: str | None, body: Any, key: str | None) -> Answer:
        if authorization is None:
            return _resend_error(401, "missing_api_key", "Missing API key in the authorization header.")
        if authorization != f"Bearer {self.api_key}":
            return _resend_error(401, "invalid_api_key", "API key is invalid.")
        programmed = self._answers.pop()
        if programmed is not None:
            if programmed.body is None and programmed.status >= 400:
                name = "rate_limit_exceeded" if programmed.status == 429 else "validation_error"
                return _resend_error(programmed.status, name, "answer programmed by the test", programmed)
            return programmed
        if not isinstance(body, dict) or not all(body.get(k) for k in ("from", "to", "subject")):
            return _resend_error(422, "validation_error", "The `from`, `to` and `subject` fields are required.")
        email_id = self._ids.setdefault(key, str(uuid.uuid4())) if key else str(uuid.uuid4())
        return Answer(200, {"id": email_id})


def _resend_error(status: int, name: str, message: str, like: Answer | None = None) -> Answer:
    body = {"statusCode": status, "name": name, "message": message}
    return Answer(status, body, like.delay if like else 0.0, like.headers if like else {})


def fake_resend(api_key: str = "re_test_key") -> contextlib.AbstractContextManager[FakeResend]:
    return _running(FakeResend(api_key))


# --- Telegram -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TelegramMessage:
    chat_id: Any
    text: str
    json: JSON
    status: int


class FakeTelegram(_HttpFake):
    """POST /bot{token}/sendMessage as the Bot API answers it. Another token: 404, as Telegram's own."""

    def __init__(self, bot_token: str) -> None:
        self.bot_token = bot_token
        self._records: Records[TelegramMessage] = Records("Telegram messages")
        self._next_id = 0
        super().__init__("fake-telegram")

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._method)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        return app

    @property
    def messages(self) -> list[TelegramMessage]:
        return self._records.snapshot()

    def wait_for(self, count: int, timeout: float = 10) -> list[TelegramMessage]:
        return self._records.wait_for(count, timeout)

    def rate_limit_next(self, retry_after: int) -> None:
        self.answer_next(429, {"ok": False, "error_code": 429,
                               "description": f"Too Many Requests: retry after {retry_after}",
                               "parameters": {"retry_after": retry_after}})

    @staticmethod
    async def _not_found(request: web.Request) -> web.Response:
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    async def _method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.bot_token or request.match_info["method"] != "sendMessage":
            return await self._not_found(request)
        try:
            body = json.loads(await request.read())
        except ValueError:
            body = None
        if not isinstance(body, dict) or "chat_id" not in body or not body.get("text"):
            return web.json_response({"ok": False, "error_code": 400,
                                      "description": "Bad Request: message text is empty"}, status=400)
        answer = self._answers.pop()
        if answer is None:
            self._next_id += 1
            answer = Answer(200, {"ok": True, "result": {
                "message_id": self._next_id, "date": int(time.time()), "text": body["text"],
                "chat": {"id": body["chat_id"], "type": "private"}}})
        elif answer.body is None and answer.status >= 400:
            answer = Answer(answer.status, {"ok": False, "error_code": answer.status,
                                            "description": "answer programmed by the test"},
                            answer.delay, answer.headers)
        self._records.add(TelegramMessage(body["chat_id"], str(body["text"]), body, answer.status))
        return await respond(answer)


def fake_telegram(bot_token: str = "123456:TEST") -> contextlib.AbstractContextManager[FakeTelegram]:
    return _running(FakeTelegram(bot_token))


# --- a webhook receiver -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Received:
    method: str
    path: str
    headers: dict[str, str]  # names in lower case
    body: bytes
    json: Any  # the body parsed, None if it is not JSON
    verified: bool  # the signature is right for the receiver's secret (its timestamp's age not checked)
    fresh: bool  # standardwebhooks' full verify passed (the timestamp within 5 minutes of now, too)


def check_signature(secret: str | None, body: bytes, headers: Mapping[str, str]) -> tuple[bool, bool]:
    """(verified, fresh) of a Standard Webhooks request, as `Received` defines them."""
    if not secret:
        return False, False
    try:
        hook = Webhook(secret)
    except Exception:
        return False, False
    try:
        hook.verify(body, dict(headers), json_parse=False)
        return True, True
    except WebhookVerificationError:
        pass
    lower = {k.lower(): v for k, v in headers.items()}
    try:
        at = datetime.fromtimestamp(int(lower["webhook-timestamp"]), UTC)
        expected = hook.sign(lower["webhook-id"], at, body.decode())
    except (KeyError, ValueError, OverflowError, UnicodeDecodeError):
        return False, False
    return expected in lower.get("webhook-signature", "").split(" "), False


class WebhookReceiver(_HttpFake):
    """Takes any request on any path (`.url` is /hook) and answers 200 {"ok": true} unless programmed.
    `.secret` may be set at any time (a channel's secret is known only once it is created): each request
    is checked with the secret of the moment it arrives."""

    def __init__(self, secret: str | None) -> None:
        self.secret = secret
        self._records: Records[Received] = Records("webhooks")
        super().__init__("webhook-receiver")
        self.url = f"{self.base_url}/hook"

    def _app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._receive)
        return app

    @property
    def received(self) -> list[Received]:
        return self._records.snapshot()

    def wait_for(self, count: int, timeout: float = 10) -> list[Received]:
        return self._records.wait_for(count, timeout)

    def start(self) -> None:
        self._server.start()

    def stop(self) -> None:
        self._server.stop()

    async def _receive(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k.lower(): v for k, v in request.headers.items()}
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        verified, fresh = check_signature(self.secret, body, headers)
        self._records.add(Received(request.method, request.path, headers, body, parsed, verified, fresh))
        return await respond(self._answers.pop() or Answer(200, {"ok": True}))


def webhook_receiver(secret: str | None = None) -> contextlib.AbstractContextManager[WebhookReceiver]:
    return _running(WebhookReceiver(secret))


# --- SMTP ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Envelope:
    mail_from: str
    rcpt_tos: list[str]
    reply: str


class SmtpSink:
    """aiosmtpd on 127.0.0.1 (plain; with `auth`, AUTH required, allowed without TLS). `.messages` has every
    message whose DATA arrived, parsed with policy.default; `reject_next(reply)` answers the next DATA
    with that reply ("550 5.1.1 no such user", "451 4.3.0 try later") instead of 250."""

    def __init__(self, auth: tuple[str, str] | None) -> None:
        self.host = "127.0.0.1"
        self.port = free_port()
        self._auth = auth
        self._records: Records[EmailMessage] = Records("emails over SMTP")
        self.envelopes: list[Envelope] = []
        self._replies: collections.deque[str] = collections.deque()
        self._lock = threading.Lock()
        options: dict[str, Any] = {}
        if auth is not None:
            options = {"authenticator": self._authenticate, "auth_required": True, "auth_require_tls": False}
        self._controller = Controller(self, hostname=self.host, port=self.port, ready_timeout=10, **options)

    @property
    def messages(self) -> list[EmailMessage]:
        return self._records.snapshot()

    def wait_for(self, count: int, timeout: float = 10) -> list[EmailMessage]:
        return self._records.wait_for(count, timeout)

    def reject_next(self, reply: str, times: int = 1) -> None:
        with self._lock:
            self._replies.extend([reply] * times)

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = (isinstance(data, LoginPassword) and self._auth is not None
              and (data.login.decode(), data.password.decode()) == self._auth)
        return AuthResult(success=ok, handled=False)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        # SMTP's CRLF line ends as Python's: the parser would keep the \r in every part's content.
        message = BytesParser(policy=policy.default).parsebytes(raw.replace(b"\r\n", b"\n"))
        assert isinstance(message, EmailMessage)
        with self._lock:
            reply = self._replies.popleft() if self._replies else "250 OK"
            self.envelopes.append(Envelope(envelope.mail_from, list(envelope.rcpt_tos), reply))
        self._records.add(message)
        return reply


@contextlib.contextmanager
def smtp_sink(auth: tuple[str, str] | None = None) -> Iterator[SmtpSink]:
    sink = SmtpSink(auth)
    if auth is not None:
        # AUTH over plain SMTP on loopback, on purpose; aiosmtpd warns at every connection. (Set here, not at
        # import: pytest restores the warning filters after collecting and after each test.)
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS", category=UserWarning)
    sink._controller.start()
    try:
        yield sink
    finally:
        sink._controller.stop()


# --- Svix (Resend's webhooks to us) -------------------------------------------------------------------------

def svix_headers(secret: str, body: bytes, msg_id: str | None = None, timestamp: int | None = None) -> dict[str, str]:
    """The headers Svix (which sends Resend's webhooks) signs `body` with: Standard Webhooks' scheme under
    svix- names (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed by the whsec_ secret)."""
    msg_id = msg_id or f"msg_{uuid.uuid4().hex}"
    ts = int(time.time()) if timestamp is None else timestamp
    signature = Webhook(secret).sign(msg_id, datetime.fromtimestamp(ts, UTC), body.decode())
    return {"svix-id": msg_id, "svix-timestamp": str(ts), "svix-signature": signature}
