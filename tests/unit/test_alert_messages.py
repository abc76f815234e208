"""What each channel receives: subjects, bodies and their disclaimers, the webhook envelope and the template's
values; and that a hostile strategy name or error text stays text in every one of them."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from domain.alerts.messages import (
    ALERT_KINDS,
    TELEGRAM_MAX,
    VERIFICATION_VALID_MINUTES,
    WEBHOOK_TYPES,
    Alert,
    AlertKind,
    email,
    telegram,
    template_values,
    webhook_body,
)
from domain.alerts.template import PLACEHOLDERS, render, validate_template
from domain.signals.records import Signal

AT = datetime(2026, 11, 25, 14, 35, 1, tzinfo=UTC)
UNSUBSCRIBE = "https://api.ex7.example/api/alerts/unsubscribe?token=abc.def&x=1"
VERIFY = "https://api.ex7.example/api/alerts/verify?token=ghi.jkl"

OPEN = Signal(
    id="5d3c2b1a-0f9e-4d8c-b7a6-958473625140", user_id="u-1", strategy_id="0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c",
    strategy_version=3, runtime_id="rt-1", mode="paper", instrument="MNQ", timeframe="5m", side="long", status="open",
    entry_price=Decimal("21234.25"), stop_price=Decimal("21200.00"), target_price=Decimal("21300.00"), size=1,
    bar_ts=datetime(2026, 11, 25, 14, 30, tzinfo=UTC), entry_market_at=datetime(2026, 11, 25, 14, 35, tzinfo=UTC),
    fired_at=datetime(2026, 11, 25, 14, 35, tzinfo=UTC), closed_at=None, exit_bar_ts=None, exit_market_at=None,
    close_price=None, close_reason=None, gross_pnl=None, slippage=None, commission=None, net_pnl=None,
    slippage_ticks=None, event_id=41,
)
CLOSED = replace(OPEN, status="closed", closed_at=datetime(2026, 11, 25, 15, 5, tzinfo=UTC),
                 close_price=Decimal("21300.00"), close_reason="target", gross_pnl=Decimal("131.50"),
                 slippage=Decimal("2.00"), commission=Decimal("1.14"), net_pnl=Decimal("125.00"), event_id=42)
RUNTIME_ERROR = {"runtime_id": "rt-1", "status": "error", "error": "market data feed lost"}
RISK_BLOCK = {"strategy_id": OPEN.strategy_id, "runtime_id": "rt-1", "instrument": "MNQ", "timeframe": "5m",
              "mode": "paper", "side": "short", "bar_ts": "2026-11-25T14:30:00Z", "breaker": "daily_loss_limit",
              "reason": "daily_loss_limit_breached", "observed": "-512.75", "limit": "-500.00"}


def alert(kind: AlertKind, payload: dict[str, Any] | None = None, name: str | None = "Opening range") -> Alert:
    payloads: dict[AlertKind, dict[str, Any]] = {
        "signal": OPEN.to_json(), "signal_closed": CLOSED.to_json(), "runtime_error": RUNTIME_ERROR,
        "risk_block": RISK_BLOCK, "verification": {},
    }
    extra: dict[str, Any] = {"code": "482913", "verify_url": VERIFY} if kind == "verification" else {}
    return Alert(kind, "d-1", AT, payloads[kind] if payload is None else payload, strategy_name=name, **extra)


SUBJECTS: list[tuple[Alert, str]] = [
    (alert("signal"), "EX7 signal: MNQ long 1 @ 21234.25"),
    (alert("signal", {**OPEN.to_json(), "side": "short", "size": 3, "instrument": "ES"}),
     "EX7 signal: ES short 3 @ 21234.25"),
    (alert("signal_closed"), "EX7: MNQ long closed (target) net +125.00"),
    (alert("signal_closed", replace(CLOSED, net_pnl=Decimal("-70.92"), close_reason="stop").to_json()),
     "EX7: MNQ long closed (stop) net -70.92"),
    (alert("signal_closed", replace(CLOSED, net_pnl=Decimal("0"), close_reason="max_bars").to_json()),
     "EX7: MNQ long closed (max bars) net 0.00"),
    (alert("signal_closed", {**CLOSED.to_json(), "net_pnl": None, "close_reason": None}), "EX7: MNQ long closed"),
    (alert("runtime_error"), "EX7: runtime error in Opening range"),
    (alert("runtime_error", name=None), "EX7: runtime error in your strategy"),
    (alert("risk_block"), "EX7: entry blocked by risk limits (daily_loss_limit)"),
    (alert("verification"), "EX7: your verification code 482913"),
    (alert("signal", {}), "EX7 signal: ? ? ? @ ?"),  # a payload missing everything still makes a message
]


@pytest.mark.parametrize(("a", "subject"), SUBJECTS)
def test_the_subject_says_what_happened(a: Alert, subject: str) -> None:
    content = email(a, None)
    assert content.subject == subject
    assert telegram(a).splitlines()[0] == subject  # the Telegram message opens with it too


def test_the_bodies_carry_the_signal() -> None:
    content = email(alert("signal"), None)
    for value in ("Opening range", "MNQ", "5m", "long", "21234.25", "21200", "21300", "2026-11-25T14:35:00Z",
                  OPEN.id):
        assert value in content.text and value in content.html and value in telegram(alert("signal"))
    closed = email(alert("signal_closed"), None)
    assert "+125.00" in closed.text and "21300" in closed.text and "2026-11-25T15:05:00Z" in closed.text
    blocked = email(alert("risk_block"), None)
    assert all(v in blocked.text for v in ("daily_loss_limit_breached", "-512.75", "-500.00", "short"))
    error = email(alert("runtime_error"), None)
    assert "market data feed lost" in error.text and "rt-1" in error.text


@pytest.mark.parametrize("kind", ["signal", "signal_closed"])
def test_paper_signals_say_they_are_hypothetical(kind: AlertKind) -> None:
    paper = alert(kind)
    live = alert(kind, {**paper.payload, "mode": "live"})
    for content in (email(paper, None).text, email(paper, None).html, telegram(paper)):
        assert "hypothetical (paper)" in content
    for content in (email(live, None).text, email(live, None).html, telegram(live)):
        assert "hypothetical" not in content and "places no trades" in content


@pytest.mark.parametrize("kind", ALERT_KINDS)
def test_the_unsubscribe_link_is_in_both_bodies_when_given(kind: AlertKind) -> None:
    with_link = email(alert(kind), UNSUBSCRIBE)
    assert UNSUBSCRIBE in with_link.text
    assert 'href="https://api.ex7.example/api/alerts/unsubscribe?token=abc.def&amp;x=1"' in with_link.html
    without = email(alert(kind), None)
    assert "nsubscribe" not in without.text and "nsubscribe" not in without.html


def test_a_link_that_is_not_http_is_a_bug() -> None:
    with pytest.raises(ValueError, match="http"):
        email(alert("signal"), "javascript:alert(1)")
    with pytest.raises(ValueError, match="http"):
        email(replace(alert("verification"), verify_url="data:text/html,<script>"), None)


@pytest.mark.parametrize(("payload", "expiry"), [
    ({}, f"expire in {VERIFICATION_VALID_MINUTES} minutes and"),
    ({"expires_at": "2026-11-25T14:50:01Z"}, "expire in 15 minutes (at 2026-11-25 14:50 UTC) and"),
    ({"expires_at": "2026-11-25T15:05:01Z"}, "expire in 30 minutes (at 2026-11-25 15:05 UTC) and"),  # a server's TTL
    ({"expires_at": "2026-11-25T14:35:01Z"}, "expire at 2026-11-25 14:35 UTC and"),
    ({"expires_at": "soon"}, f"expire in {VERIFICATION_VALID_MINUTES} minutes and"),
    ({"expires_at": "2026-11-25T14:50:01"}, f"expire in {VERIFICATION_VALID_MINUTES} minutes and"),  # naive: unusable
])
def test_the_verification_says_when_it_expires(payload: dict[str, Any], expiry: str) -> None:
    a = replace(alert("verification"), payload={"code": "482913", **payload})
    assert expiry in email(a, None).text and expiry in email(a, None).html and expiry in telegram(a)


def test_the_verification_email_has_the_code_the_link_and_the_expiry() -> None:
    content = email(alert("verification"), None)
    for body in (content.text, content.html):
        assert "482913" in body and f"expire in {VERIFICATION_VALID_MINUTES} minutes" in body
    assert VERIFY in content.text and f'href="{VERIFY}"' in content.html
    no_link = email(replace(alert("verification"), verify_url=None), None)
    assert "link" not in no_link.text and "482913" in no_link.text
    assert "482913" in telegram(alert("verification"))


HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "a & b <c> 'd'",
    "ORB\r\nBcc: victim@example.com",
    "ORB\n\nSignal: ES short 100 @ 1",
    "ORB\u2028forged line\u2029and another\x85",
    "\u202eevil\u202c name",  # right-to-left override
    "x" * 10_000,
]


# Line breaks of every kind, other control characters and bidi overrides: none may come through from a name.
FORBIDDEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\u202a-\u202e]")
OUR_TAGS = {"!doctype", "html", "head", "meta", "title", "body", "p", "table", "tr", "td", "a"}
OUR_ATTRIBUTES = {"charset", "style", "role", "href"}


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("kind", ALERT_KINDS)
def test_a_hostile_strategy_name_stays_text(kind: AlertKind, name: str) -> None:
    a = alert(kind, name=name)
    content = email(a, UNSUBSCRIBE)
    assert "\n" not in content.subject and not FORBIDDEN.search(content.subject)  # no header injection
    for body in (content.text, content.html, telegram(a)):
        assert not FORBIDDEN.search(body)
        assert not re.search(r"^(Bcc|Signal):", body, re.MULTILINE)  # no line forged by a newline in the name
    # In the HTML, every tag and attribute is ours: the name's are escaped into text.
    tags = re.findall(r"<\s*/?\s*([^\s>/]+)([^>]*)>", content.html)
    assert {tag.lower() for tag, _ in tags} <= OUR_TAGS
    for tag, rest in tags:
        if tag.lower() != "!doctype":
            assert re.fullmatch(r'(\s+[\w-]+="[^"<>]*")*\s*', rest), rest  # name="value" pairs and nothing else
            assert set(re.findall(r'([\w-]+)="', rest)) <= OUR_ATTRIBUTES, rest


def test_every_interpolated_value_is_html_escaped() -> None:
    hostile = '<b x="1">&amp;</b>'
    payload = {**RUNTIME_ERROR, "error": hostile, "runtime_id": hostile}
    content = email(alert("runtime_error", payload, name=hostile), None)
    assert hostile not in content.html and "&lt;b x=&quot;1&quot;&gt;&amp;amp;&lt;/b&gt;" in content.html
    assert hostile in content.text  # plain text needs no escaping
    signal = email(alert("signal", {**OPEN.to_json(), "instrument": hostile, "entry_price": hostile}), None)
    assert hostile not in signal.html and "&lt;b x=" in signal.html


def test_the_html_loads_nothing_from_outside() -> None:
    for kind in ALERT_KINDS:
        page = email(alert(kind), UNSUBSCRIBE).html.lower()
        assert not re.search(r"<img|<script|<link|<iframe|<style|src=|url\(|@import", page)


def test_a_telegram_message_fits_telegram() -> None:
    huge = {**RUNTIME_ERROR, "error": "😱 " * 50_000}
    message = telegram(alert("runtime_error", huge, name="💥" * 5000))
    assert len(message.encode("utf-16-le")) // 2 <= TELEGRAM_MAX
    assert len(telegram(alert("signal"))) < 1000  # and an ordinary one is short


@pytest.mark.parametrize(("kind", "event"), [
    ("signal", "signal.fired"), ("signal_closed", "signal.closed"), ("runtime_error", "runtime.error"),
    ("risk_block", "risk.blocked"), ("verification", "channel.verification"),
])
def test_the_webhook_body_is_the_standard_envelope(kind: AlertKind, event: str) -> None:
    a = alert(kind)
    body = webhook_body(a)
    assert set(body) == {"type", "timestamp", "data"}
    assert body["type"] == event == WEBHOOK_TYPES[kind]
    assert body["timestamp"] == "2026-11-25T14:35:01Z"
    if kind == "verification":
        assert body["data"] == {"code": "482913"}
    else:
        assert body["data"] == {**a.payload, "strategy_name": "Opening range"}
    json.dumps(body, allow_nan=False)  # encodable as it is


def test_the_timestamp_is_utc_whatever_the_zone_given() -> None:
    eastern = AT.astimezone(timezone(timedelta(hours=-5)))
    assert webhook_body(replace(alert("signal"), created_at=eastern))["timestamp"] == "2026-11-25T14:35:01Z"
    with_micros = replace(alert("signal"), created_at=AT.replace(microsecond=344522))
    assert webhook_body(with_micros)["timestamp"] == "2026-11-25T14:35:01.344522Z"


@pytest.mark.parametrize("kind", ALERT_KINDS)
def test_template_values_name_every_placeholder(kind: AlertKind) -> None:
    values = template_values(alert(kind))
    assert set(values) == PLACEHOLDERS
    assert values["event"] == WEBHOOK_TYPES[kind] and values["delivery_id"] == "d-1"
    assert values["created_at"] == "2026-11-25T14:35:01Z"
    # Every value renders: the template built from all of them is valid JSON.
    text = json.dumps({name: "{{" + name + "}}" for name in sorted(PLACEHOLDERS)})
    assert json.loads(render(validate_template(text), values)) == values


ACTIONS: list[tuple[AlertKind, str, str | None]] = [
    ("signal", "long", "buy"),
    ("signal", "short", "sell"),
    ("signal_closed", "long", "sell"),  # closing a long sells
    ("signal_closed", "short", "buy"),
    ("risk_block", "long", None),  # a blocked entry must never look like an order to a broker bridge
    ("risk_block", "short", None),
    ("runtime_error", "long", None),
    ("signal", "sideways", None),
]


@pytest.mark.parametrize(("kind", "side", "action"), ACTIONS)
def test_the_action_is_the_order_a_bridge_would_place(kind: AlertKind, side: str, action: str | None) -> None:
    a = alert(kind)
    assert template_values(alert(kind, {**a.payload, "side": side}))["action"] == action


def test_template_values_come_from_the_payload() -> None:
    opened = template_values(alert("signal"))
    assert opened["signal_id"] == OPEN.id and opened["strategy_id"] == OPEN.strategy_id
    assert opened["size"] == 1 and opened["entry_price"] == "21234.25" and opened["stop_price"] == "21200"
    assert opened["strategy_name"] == "Opening range" and opened["status"] == "open" and opened["net_pnl"] is None
    closed = template_values(alert("signal_closed"))
    assert closed["close_reason"] == "target" and closed["net_pnl"] == "125.00" and closed["close_price"] == "21300"
    error = template_values(alert("runtime_error"))
    assert error["error"] == "market data feed lost" and error["status"] == "error" and error["strategy_id"] is None
    blocked = template_values(alert("risk_block"))
    assert blocked["reason"] == "daily_loss_limit_breached" and blocked["signal_id"] is None
    verification = template_values(alert("verification"))
    assert {k for k, v in verification.items() if v is not None} == {"event", "delivery_id", "created_at",
                                                                      "strategy_name"}


def test_a_bridge_template_renders_from_a_signal() -> None:
    bridge = validate_template('{"ticker": "{{instrument}}", "action": "{{action}}", "quantity": "{{size}}", '
                               '"price": "{{entry_price}}", "comment": "{{strategy_name}} {{event}}"}')
    a = alert("signal", name='x","quantity":100,"y":"')
    assert json.loads(render(bridge, template_values(a))) == {
        "ticker": "MNQ", "action": "buy", "quantity": 1, "price": "21234.25",
        "comment": 'x","quantity":100,"y":" signal.fired',
    }


def test_everything_is_deterministic() -> None:
    for kind in ALERT_KINDS:
        a = alert(kind)
        assert email(a, UNSUBSCRIBE) == email(alert(kind), UNSUBSCRIBE)
        assert telegram(a) == telegram(alert(kind))
        assert list(template_values(a)) == sorted(PLACEHOLDERS)


@pytest.mark.parametrize(("changes", "message"), [
    ({"created_at": AT.replace(tzinfo=None)}, "timezone-aware"),
    ({"kind": "verification", "code": None}, "6-digit"),
    ({"kind": "verification", "code": "12345"}, "6-digit"),
    ({"kind": "nonsense"}, "unknown alert kind"),
])
def test_an_alert_that_cannot_be_sent_is_a_bug(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        replace(alert("signal"), **changes)
