"""The outbound I/O of alerts: webhooks (signed as Standard Webhooks), email (Resend's API or SMTP) and
Telegram's Bot API. Each `send` returns an `Outcome`: a delivery failure is an answer, never an exception,
and its `error` is short, readable and safe to show the channel's owner (no key, token or secret).

**The SSRF guard.** A webhook URL is the user's, so every send is judged by domain.alerts.addresses,
not only the channel's creation: a name can be re-pointed (DNS rebinding) between the check and the
send. The judging is done where the connection is made: the session's connector resolves names
through `GuardedResolver`, which refuses the whole lookup when ANY address it returns is refused, and
the connector then connects only to the addresses the resolver returned (use_dns_cache=False, so each
send resolves afresh). aiohttp (3.14) never calls the resolver for a host that is an IP literal
(`TCPConnector._resolve_host` returns it as is; `[::ffff:127.0.0.1]` included), so
`WebhookTransport.send` judges a literal host itself first. Both read the host yarl parsed (`raw_host`,
the form aiohttp connects to), so the check and the connection cannot read one URL two ways. No
proxy is used (`trust_env=False`: a proxy would resolve for us), redirects are not followed, and no
cookies are kept (one session serves every user's webhooks).

`check_destination` is the same rule at channel creation, for a clear 422 up front.
"""

from __future__ import annotations

import asyncio
import email.utils
import errno
import ipaddress
import json
import logging
import math
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage as MimeMessage
from email.policy import default as DEFAULT_POLICY
from typing import Any, Literal

import aiohttp
import aiosmtplib
from aiohttp.abc import AbstractResolver, ResolveResult
from standardwebhooks.webhooks import EmptyWebhookSecretError, Webhook
from yarl import URL

from domain.alerts.addresses import AllowList, refusal
from domain.alerts.errors import DestinationNotAllowed, InvalidDestination
from services.http_client import LazySession

log = logging.getLogger(__name__)

ERROR_MAX = 2000  # Outcome.error is stored with the attempt and shown to the channel's owner
RESOLVE_TIMEOUT_SECONDS = 5.0
_SNIPPET = 200  # characters of an answer's body quoted in an error


@dataclass(frozen=True)
class Outcome:
    ok: bool
    latency_ms: int
    status_code: int | None = None  # HTTP status, or the SMTP reply code
    error: str | None = None  # short, human, safe to show the channel's owner, at most ERROR_MAX characters
    retry_after_seconds: float | None = None  # Telegram's parameters.retry_after, or an HTTP Retry-After
    permanent: bool = False  # retrying cannot help (refused destination, validation error, SMTP 5xx, ...)
    gone: bool = False  # the destination is gone for good (webhook 410, bot blocked): disable the channel
    provider_message_id: str | None = None  # Resend's email id, the SMTP Message-ID, Telegram's message_id


@dataclass(frozen=True)
class EmailMessage:
    to: str
    subject: str
    text: str
    html: str
    headers: Mapping[str, str]  # e.g. List-Unsubscribe, List-Unsubscribe-Post
    message_id: str  # our delivery id: Resend's Idempotency-Key, the basis of the SMTP Message-ID


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _short(text: str, limit: int = ERROR_MAX) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _snippet(body: bytes) -> str:
    return " ".join(body.decode("utf-8", errors="replace").split())[:_SNIPPET]


def _seconds(value: float) -> str:
    return f"{value:g} s"


def retry_after(value: str | None) -> float | None:
    """An HTTP Retry-After in seconds: its delta-seconds form, or its HTTP-date form as seconds from now."""
    if not value:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


async def _read_at_most(response: aiohttp.ClientResponse, limit: int) -> bytes:
    """At most `limit` bytes of the body: a receiver cannot make us hold, or wait for, more. What is left
    unread closes the connection when the response is released."""
    data = bytearray()
    while len(data) < limit:
        chunk = await response.content.read(limit - len(data))
        if not chunk:
            break
        data += chunk
    return bytes(data)


# --- the SSRF guard ------------------------------------------------------------------------------------------

class DestinationRefused(OSError):
    """Raised by `GuardedResolver` (an OSError, so aiohttp wraps it in ClientConnectorDNSError and no
    connection is attempted); `reason` says which address and why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class GuardedResolver(AbstractResolver):
    """aiohttp's ThreadedResolver (getaddrinfo), refusing a name when any address it resolves to is refused:
    the connector connects only to the addresses returned here, so what was judged is what is reached."""

    def __init__(self, allow: AllowList, inner: AbstractResolver | None = None) -> None:
        self._allow = allow
        self._inner = inner if inner is not None else aiohttp.ThreadedResolver()

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        for result in results:
            try:
                reason = refusal(result["host"], self._allow)
            except ValueError:
                reason = f"an unreadable address {result['host']!r}"
            if reason is not None:
                raise DestinationRefused(f"{host} resolves to {reason}")
        return results

    async def close(self) -> None:
        await self._inner.close()


def _looks_literal(host: str) -> bool:
    # aiohttp's own test (helpers.is_ip_address): such a host is connected to as is, never resolved.
    return ":" in host or host.replace(".", "").isdigit()


def _literal_refusal(target: URL, allow: AllowList) -> str | None:
    """The reason a URL whose host is an IP literal may not be sent to; None for a name (the resolver
    judges it) or an allowed address. A numeric host that is not a canonical address ("127.1",
    "2130706433") is refused: aiohttp would refuse it too, and getaddrinfo would read it as 127.0.0.1."""
    for host in dict.fromkeys(h for h in (target.raw_host, target.host) if h):
        if not _looks_literal(host):
            continue
        try:
            address = ipaddress.ip_address(host)  # canonical forms only (no "127.1", no leading zeros)
        except ValueError:
            return f"{host} is not a canonical IP address"
        reason = refusal(address, allow)
        if reason is not None:
            return reason
    return None


def _parse_target(url: str) -> URL:
    try:
        target = URL(url)
    except (ValueError, TypeError) as exc:
        raise InvalidDestination(f"Not a URL: {exc}") from None
    if target.scheme not in ("http", "https") or not target.raw_host:
        raise InvalidDestination("A webhook destination is an http(s) URL with a host.")
    try:
        _ = target.port
    except ValueError:
        raise InvalidDestination("The webhook URL's port is not a number from 1 to 65535.") from None
    return target


_NOT_SENT = "webhooks are not sent to private, loopback, link-local or metadata addresses"


async def check_destination(url: str, allow: AllowList) -> None:
    """At channel creation: DestinationNotAllowed when the URL's host is, or resolves to, a refused address
    (any of its addresses); InvalidDestination when it is not a usable URL or its name does not resolve
    (within RESOLVE_TIMEOUT_SECONDS). The guard at every send is the one that counts; this one answers early."""
    target = _parse_target(url)
    host = target.raw_host or ""
    if _looks_literal(host) or _looks_literal(target.host or ""):
        reason = _literal_refusal(target, allow)
        if reason is not None:
            raise DestinationNotAllowed(f"{host} is not allowed ({reason}): {_NOT_SENT}.")
        return
    port = target.port or (443 if target.scheme == "https" else 80)
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(RESOLVE_TIMEOUT_SECONDS):
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except TimeoutError:
        raise InvalidDestination(f"{host} did not resolve within {_seconds(RESOLVE_TIMEOUT_SECONDS)}.") from None
    except (OSError, UnicodeError):
        raise InvalidDestination(f"{host} does not resolve.") from None
    if not infos:
        raise InvalidDestination(f"{host} does not resolve.")
    for *_, sockaddr in infos:
        try:
            reason = refusal(str(sockaddr[0]), allow)
        except ValueError:
            reason = f"an unreadable address {sockaddr[0]!r}"
        if reason is not None:
            raise DestinationNotAllowed(f"{host} resolves to {reason}: {_NOT_SENT}.")


# --- HTTP failures, in words -----------------------------------------------------------------------------------

def _failure(exc: BaseException, timeout: float) -> tuple[str, bool]:
    """(error, permanent) for an exception of an aiohttp request: readable, and without the request's URL
    (a caller with a secret in its URL scrubs what is left)."""
    if isinstance(exc, TimeoutError):
        return f"timed out after {_seconds(timeout)}", False
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        if isinstance(exc.os_error, DestinationRefused):
            return f"destination not allowed: {exc.os_error.reason}", True
        return f"{exc.host} does not resolve", False
    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return f"the TLS certificate of {exc.host} was not accepted: {exc.certificate_error}", False
    if isinstance(exc, aiohttp.ClientSSLError):
        return f"the TLS handshake with {exc.host} failed: {exc.os_error}", False
    if isinstance(exc, aiohttp.ClientConnectorError):
        if exc.os_error.errno == errno.ECONNREFUSED:
            return "connection refused", False
        return f"could not connect to {exc.host}:{exc.port}: {exc.os_error.strerror or exc.os_error}", False
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the server closed the connection before answering", False
    if isinstance(exc, aiohttp.InvalidURL):
        return "the URL is not valid", True
    if isinstance(exc, aiohttp.ClientPayloadError):
        return f"the answer could not be read: {exc}", False
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"the answer could not be read: {exc.message}", False
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__, False


# --- webhooks -----------------------------------------------------------------------------------------------

class WebhookTransport:
    """POSTs signed webhooks (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`).
    Answers: 2xx delivered; 410 gone; a 3xx is a failed attempt (redirects are not followed: the target
    could be anywhere); any other status, a timeout or a connection failure is retried (Retry-After
    honoured); a refused destination is permanent."""

    def __init__(self, allow: AllowList = (), timeout_seconds: float = 10.0, max_response_bytes: int = 65536,
                 user_agent: str = "EX7-Webhooks/1") -> None:
        self.allow = allow
        self.timeout_seconds = timeout_seconds
        self.max_response_bytes = max_response_bytes
        self.user_agent = user_agent
        # The guarded resolver judges the addresses the connection will use (no DNS cache between them).
        self._http = LazySession(timeout_seconds, user_agent, lambda: aiohttp.TCPConnector(
            resolver=GuardedResolver(self.allow), use_dns_cache=False))

    async def close(self) -> None:
        await self._http.close()

    @staticmethod
    def headers(secret: str, message_id: str, timestamp: datetime, body: bytes) -> dict[str, str]:
        """The signed headers of `body`. `timestamp` is read as an instant: standardwebhooks' `sign` replaces
        a datetime's tzinfo with UTC rather than converting it, so an aware non-UTC time is converted here
        (a naive one is taken as UTC, as the library does)."""
        utc = timestamp.replace(tzinfo=UTC) if timestamp.tzinfo is None else timestamp.astimezone(UTC)
        signature = Webhook(secret).sign(message_id, utc, body.decode())
        return {"webhook-id": message_id, "webhook-timestamp": str(math.floor(utc.timestamp())),
                "webhook-signature": signature, "content-type": "application/json"}

    async def send(self, url: str, secret: str, message_id: str, timestamp: datetime, body: bytes) -> Outcome:
        started = time.monotonic()
        try:
            target = _parse_target(url)
        except InvalidDestination as exc:
            return Outcome(ok=False, latency_ms=0, error=_short(exc.detail), permanent=True)
        reason = _literal_refusal(target, self.allow)
        if reason is not None:
            return Outcome(ok=False, latency_ms=0, error=_short(f"destination not allowed: {reason}"), permanent=True)
        try:
            headers = self.headers(secret, message_id, timestamp, body)
        except UnicodeDecodeError:
            return Outcome(ok=False, latency_ms=0, error="the webhook body is not UTF-8", permanent=True)
        except (ValueError, EmptyWebhookSecretError, RuntimeError):  # a malformed secret (its value is not shown)
            return Outcome(ok=False, latency_ms=0, error="the channel's signing secret is not usable", permanent=True)
        try:
            async with self._http.get().post(target, data=body, headers=headers, allow_redirects=False) as response:
                answer = await _read_at_most(response, self.max_response_bytes)
                status = response.status
                location = response.headers.get("Location")
                wait = retry_after(response.headers.get("Retry-After"))
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            error, permanent = _failure(exc, self.timeout_seconds)
            return Outcome(ok=False, latency_ms=_ms(started), error=_short(error), permanent=permanent)
        latency = _ms(started)
        if 200 <= status < 300:
            return Outcome(ok=True, latency_ms=latency, status_code=status)
        text = _snippet(answer)
        quoted = f": {text}" if text else ""
        if status == 410:  # gone implies permanent: nothing more is sent there
            return Outcome(ok=False, latency_ms=latency, status_code=status, permanent=True, gone=True,
                           error=_short(f"HTTP 410 (gone){quoted}"))
        if 300 <= status < 400:
            where = f" to {location[:500]}" if location else ""
            return Outcome(ok=False, latency_ms=latency, status_code=status, retry_after_seconds=wait,
                           error=_short(f"HTTP {status}: redirect{where} not followed"))
        return Outcome(ok=False, latency_ms=latency, status_code=status, retry_after_seconds=wait,
                       error=_short(f"HTTP {status}{quoted}"))


# --- email ------------------------------------------------------------------------------------------------

class ResendTransport:
    """Resend's POST /emails. The delivery id is the Idempotency-Key, so a send repeated after a lost
    answer does not send a second email. 2xx: sent (its id kept); 429, 5xx and network failures are
    retried (Retry-After honoured); any other 4xx is permanent, with Resend's `message`."""

    def __init__(self, api_key: str, sender: str, base_url: str = "https://api.resend.com",
                 timeout_seconds: float = 10.0) -> None:
        self._api_key = api_key
        self.sender = sender
        self.base_url = base_url.rstrip("/")
        self.timeout_seconds = timeout_seconds
        self._http = LazySession(timeout_seconds, "EX7-Alerts/1")

    async def close(self) -> None:
        await self._http.close()

    def _scrub(self, text: str) -> str:
        return text.replace(self._api_key, "<api key>") if self._api_key else text

    async def send(self, msg: EmailMessage) -> Outcome:
        started = time.monotonic()
        payload = {"from": self.sender, "to": [msg.to], "subject": msg.subject, "html": msg.html, "text": msg.text,
                   "headers": dict(msg.headers)}
        headers = {"Authorization": f"Bearer {self._api_key}", "Idempotency-Key": msg.message_id}
        try:
            async with self._http.get().post(f"{self.base_url}/emails", json=payload, headers=headers) as response:
                raw = await _read_at_most(response, 65536)
                status = response.status
                wait = retry_after(response.headers.get("Retry-After"))
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            error, permanent = _failure(exc, self.timeout_seconds)
            return Outcome(ok=False, latency_ms=_ms(started), error=_short(self._scrub(f"Resend: {error}")),
                           permanent=permanent)
        latency = _ms(started)
        answer = _json_object(raw)
        if 200 <= status < 300:
            sent_id = answer.get("id")
            return Outcome(ok=True, latency_ms=latency, status_code=status,
                           provider_message_id=str(sent_id) if sent_id is not None else None)
        message = answer.get("message") or _snippet(raw)
        name = answer.get("name")
        error = _short(self._scrub(f"Resend answered {status}" + (f" ({name})" if name else "")
                                   + (f": {message}" if message else "")))
        # 409 concurrent_idempotent_requests: the same key is still being processed; the retry gets its answer.
        retryable = status == 429 or status >= 500 or (status == 409 and name == "concurrent_idempotent_requests")
        return Outcome(ok=False, latency_ms=latency, status_code=status, error=error, permanent=not retryable,
                       retry_after_seconds=wait if retryable else None)


def _json_object(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _sender_domain(sender: str) -> str:
    _, address = email.utils.parseaddr(sender)
    domain = address.rpartition("@")[2]
    return domain or "localhost"


class SmtpTransport:
    """SMTP with aiosmtplib: a multipart/alternative (text/plain, then text/html) with our Message-ID,
    `<{delivery id}@{sender's domain}>`. A 5xx reply is permanent; a 4xx, a timeout or a connection failure
    is retried. `security`: "tls" is implicit TLS (port 465), "starttls" requires the upgrade, "none" is
    plain (a relay on the same host, tests)."""

    def __init__(self, host: str, port: int, sender: str, username: str | None = None, password: str | None = None,
                 security: Literal["none", "starttls", "tls"] = "starttls", timeout_seconds: float = 10.0) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.username = username
        self._password = password
        self.security = security
        self.timeout_seconds = timeout_seconds

    async def close(self) -> None:
        """Nothing is held between sends (one connection per message)."""

    def build(self, msg: EmailMessage) -> MimeMessage:
        """The MIME message sent. The given headers are added last; one that names a header we set
        (From, Subject, ...) replaces ours."""
        mime = MimeMessage(policy=DEFAULT_POLICY)  # aiosmtplib sends it with CRLF line ends
        mime["From"] = self.sender
        mime["To"] = msg.to
        mime["Subject"] = msg.subject
        mime["Date"] = email.utils.format_datetime(datetime.now(UTC))
        mime["Message-ID"] = self.message_id(msg)
        for name, value in msg.headers.items():
            del mime[name]
            mime[name] = value
        mime.set_content(msg.text)
        mime.add_alternative(msg.html, subtype="html")
        return mime

    def message_id(self, msg: EmailMessage) -> str:
        return f"<{msg.message_id}@{_sender_domain(self.sender)}>"

    def _scrub(self, text: str) -> str:
        return text.replace(self._password, "<password>") if self._password else text

    async def send(self, msg: EmailMessage) -> Outcome:
        started = time.monotonic()
        try:
            mime = self.build(msg)
        except (ValueError, TypeError) as exc:  # e.g. a line break in a header value
            return Outcome(ok=False, latency_ms=0, error=_short(f"the message could not be built: {exc}"),
                           permanent=True)
        try:
            await aiosmtplib.send(mime, hostname=self.host, port=self.port, username=self.username,
                                  password=self._password, use_tls=self.security == "tls",
                                  start_tls=self.security == "starttls",
                                  timeout=self.timeout_seconds)
        except aiosmtplib.SMTPRecipientsRefused as exc:
            first = exc.recipients[0] if exc.recipients else None
            code = first.code if first is not None else None
            text = f"SMTP {code}: {first.message}" if first is not None else "SMTP: the recipient was refused"
            return self._refused(started, code, text)
        except aiosmtplib.SMTPResponseException as exc:
            return self._refused(started, exc.code, f"SMTP {exc.code}: {exc.message}")
        except (aiosmtplib.SMTPTimeoutError, TimeoutError):
            return Outcome(ok=False, latency_ms=_ms(started),
                           error=f"SMTP: timed out after {_seconds(self.timeout_seconds)}")
        except (aiosmtplib.SMTPException, OSError) as exc:
            refused = any(getattr(e, "errno", None) == errno.ECONNREFUSED for e in (exc, exc.__cause__))
            error = "connection refused" if refused else f"{type(exc).__name__}: {exc}"
            return Outcome(ok=False, latency_ms=_ms(started), error=_short(self._scrub(f"SMTP: {error}")))
        return Outcome(ok=True, latency_ms=_ms(started), status_code=250, provider_message_id=mime["Message-ID"])

    def _refused(self, started: float, code: int | None, text: str) -> Outcome:
        permanent = code is not None and 500 <= code < 600
        return Outcome(ok=False, latency_ms=_ms(started), status_code=code, error=_short(self._scrub(text)),
                       permanent=permanent)


EmailTransport = ResendTransport | SmtpTransport


# --- Telegram ------------------------------------------------------------------------------------------------

class TelegramTransport:
    """The Bot API's sendMessage. 429: retried after `parameters.retry_after`; 403 (the user blocked the
    bot, or left): gone; 400 (chat not found, ...): permanent with Telegram's description; 5xx and
    network failures: retried. 401/404 mean this server's bot token is wrong, not the chat: retried (the
    operator fixes the token), with an error that says so. The token is in every request's path, so no
    error text leaves here unscrubbed."""

    def __init__(self, bot_token: str, base_url: str = "https://api.telegram.org",
                 timeout_seconds: float = 10.0) -> None:
        self._token = bot_token
        self.base_url = base_url.rstrip("/")
        self.timeout_seconds = timeout_seconds
        self._http = LazySession(timeout_seconds, "EX7-Alerts/1")

    async def close(self) -> None:
        await self._http.close()

    def _scrub(self, text: str) -> str:
        if not self._token:
            return text
        for form in (self._token, self._token.replace(":", "%3A"), self._token.replace(":", "%3a")):
            text = text.replace(form, "<bot token>")
        return text

    async def send(self, chat_id: str, text: str) -> Outcome:
        started = time.monotonic()
        payload = {"chat_id": chat_id, "text": text, "disable_web_page_preview": True}
        try:
            async with self._http.get().post(f"{self.base_url}/bot{self._token}/sendMessage", json=payload) as response:
                raw = await _read_at_most(response, 65536)
                status = response.status
        except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as exc:
            error, permanent = _failure(exc, self.timeout_seconds)
            return Outcome(ok=False, latency_ms=_ms(started), error=_short(self._scrub(f"Telegram: {error}")),
                           permanent=permanent)
        latency = _ms(started)
        answer = _json_object(raw)
        if 200 <= status < 300 and answer.get("ok") is True:
            result = answer.get("result")
            message_id = result.get("message_id") if isinstance(result, dict) else None
            return Outcome(ok=True, latency_ms=latency, status_code=status,
                           provider_message_id=None if message_id is None else str(message_id))
        description = str(answer.get("description") or _snippet(raw) or f"HTTP {status}")
        parameters = answer.get("parameters")
        if not isinstance(parameters, dict):
            parameters = {}

        def failed(error: str, **kw: Any) -> Outcome:
            return Outcome(ok=False, latency_ms=latency, status_code=status, error=_short(self._scrub(error)), **kw)

        if status == 429:
            wait = parameters.get("retry_after")
            return failed(f"Telegram: {description}",
                          retry_after_seconds=float(wait) if isinstance(wait, int | float) else None)
        if status == 403:
            return failed(f"Telegram: the user blocked the bot ({description})", permanent=True, gone=True)
        if status == 400:
            migrated = parameters.get("migrate_to_chat_id")
            hint = f"; the group is now chat {migrated}" if migrated is not None else ""
            return failed(f"Telegram: {description}{hint}", permanent=True)
        if status in (401, 404):
            return failed(f"Telegram refused this server's bot token ({status}: {description})")
        return failed(f"Telegram answered {status}: {description}")


# --- all of them -------------------------------------------------------------------------------------------

@dataclass
class Transports:
    webhook: WebhookTransport
    email: EmailTransport | None = None
    telegram: TelegramTransport | None = None

    async def close(self) -> None:
        for transport in (self.webhook, self.email, self.telegram):
            if transport is not None:
                try:
                    await transport.close()
                except Exception:  # one that fails to close must not keep the others open
                    log.exception("closing the %s transport failed", type(transport).__name__)
