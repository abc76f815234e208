"""What each channel receives for an alert: an email (subject, text, HTML), a Telegram message, a webhook body,
and the values a user's webhook template may use.

Each alert is first described once, neutrally (a headline, a lead sentence, labelled rows, notes,
links), and every format renders that description, so the email, the Telegram message and their
disclaimers cannot drift apart. Pure and deterministic: the time shown is the alert's own
`created_at` or the payload's, never the clock's.

Strategy names, error messages and the like are the user's (or the world's) text. Every value is
flattened to one line before it is placed (a newline in a strategy name must not forge a line of the
message, nor a header in a subject), and HTML-escaped in the HTML body.

Payloads, by kind: `signal` and `signal_closed` carry the contract's Signal (Signal.to_json in
domain/signals/records.py); `runtime_error` {"runtime_id", "status": "error", "error"} (and
"strategy_id" when known); `risk_block` {"strategy_id", "runtime_id", "instrument", "timeframe",
"mode", "side", "bar_ts", "breaker", "reason", "observed", "limit"}; `verification` {} (the code and
link are the Alert's own fields; an "expires_at" ISO time, when given, is what the message promises). A
missing key shows as absent (or "?" in a headline), never fails.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, get_args

from domain.alerts.template import PLACEHOLDERS

AlertKind = Literal["signal", "signal_closed", "runtime_error", "risk_block", "verification"]
ALERT_KINDS: tuple[AlertKind, ...] = get_args(AlertKind)

# Standard Webhooks' recommended envelope names events "<noun>.<verb>".
WEBHOOK_TYPES: Mapping[AlertKind, str] = {
    "signal": "signal.fired", "signal_closed": "signal.closed", "runtime_error": "runtime.error",
    "risk_block": "risk.blocked", "verification": "channel.verification",
}
VERIFICATION_VALID_MINUTES = 15  # the contract's 15 minutes, said when a verification payload has no expires_at
TELEGRAM_MAX = 4096  # Telegram's limit on a message, in UTF-16 code units
_FIELD_MAX = 500  # one value's share of a message; an error text can be long
_CODE = re.compile(r"[0-9]{6}")


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    delivery_id: str
    created_at: datetime  # aware UTC
    payload: Mapping[str, Any]  # the event's payload; its shape by kind is in the module docstring
    strategy_name: str | None = None
    code: str | None = None  # verification only: the 6-digit code
    verify_url: str | None = None  # verification only (email): the link that verifies without the code

    def __post_init__(self) -> None:
        if self.kind not in ALERT_KINDS:
            raise ValueError(f"unknown alert kind {self.kind!r}")
        if self.created_at.utcoffset() is None:
            raise ValueError("created_at must be timezone-aware")
        if self.kind == "verification" and (self.code is None or not _CODE.fullmatch(self.code)):
            raise ValueError("a verification alert carries its 6-digit code")


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str


def email(alert: Alert, unsubscribe_url: str | None, unsubscribe_all_url: str | None = None) -> EmailContent:
    """The email for `alert`; with `unsubscribe_url` (what sent it: its subscription), both bodies end
    with a way out, and with `unsubscribe_all_url` (the whole channel) a second one (the caller also
    sets the List-Unsubscribe headers, which are not content)."""
    d = _describe(alert)
    return EmailContent(subject=d.headline, text=_email_text(d, unsubscribe_url, unsubscribe_all_url),
                        html=_email_html(d, unsubscribe_url, unsubscribe_all_url))


def telegram(alert: Alert) -> str:
    """A short plain-text message (sent without parse_mode, so nothing in it is markup): the headline, the rows,
    the notes; the lead sentence only repeats the headline on a phone's screen."""
    d = _describe(alert)
    lines = [d.headline, *(f"{label}: {value}" for label, value in d.rows)]
    lines += d.notes
    lines += [f"{text}: {url}" for text, url in d.links]
    return _fit_utf16("\n".join(lines), TELEGRAM_MAX)


def webhook_body(alert: Alert) -> dict[str, Any]:
    """Standard Webhooks' envelope: {"type", "timestamp", "data"}. Data is the event's payload plus the strategy's
    name (a receiver need not look it up), or {"code"} for the verification request."""
    if alert.kind == "verification":
        data: dict[str, Any] = {"code": alert.code}
    else:
        data = {**alert.payload, "strategy_name": alert.strategy_name}
    return {"type": WEBHOOK_TYPES[alert.kind], "timestamp": _iso(alert.created_at), "data": data}


def template_values(alert: Alert) -> dict[str, Any]:
    """A value for every name in PLACEHOLDERS (None where the alert has none), as the payload holds them:
    prices and money are strings, size an int.

    `action` is the order a bridge would place: buy/sell for an entry (long/short), the opposite for a
    close, and None for every other kind, so a template bound to a broker never turns a blocked entry
    or an error into an order."""
    p = alert.payload
    is_signal = alert.kind in ("signal", "signal_closed")
    values: dict[str, Any] = {name: p.get(name) for name in sorted(PLACEHOLDERS)}  # sorted: same order every run
    values.update({
        "event": WEBHOOK_TYPES[alert.kind], "delivery_id": alert.delivery_id, "created_at": _iso(alert.created_at),
        "strategy_name": alert.strategy_name, "signal_id": p.get("id") if is_signal else p.get("signal_id"),
        "action": _action(alert.kind, p.get("side")),
    })
    return values


# ---- the description -----------------------------------------------------------------------------------


@dataclass
class _Description:
    headline: str  # the subject; the first line of a message
    lead: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, url)

    def row(self, label: str, value: Any) -> None:
        if value is not None and value != "":
            self.rows.append((label, _line(value)))


def _describe(alert: Alert) -> _Description:
    return {
        "signal": _signal, "signal_closed": _signal_closed, "runtime_error": _runtime_error,
        "risk_block": _risk_block, "verification": _verification,
    }[alert.kind](alert)


def _strategy(alert: Alert) -> str:
    return _line(alert.strategy_name or alert.payload.get("strategy_id") or "your strategy")


def _signal(alert: Alert) -> _Description:
    p = alert.payload
    instrument, side, size, entry = (_line(p.get(k), "?") for k in ("instrument", "side", "size", "entry_price"))
    paper = p.get("mode") == "paper"
    d = _Description(f"EX7 signal: {instrument} {side} {size} @ {entry}",
                     f"{_strategy(alert)} fired a{' paper' if paper else ''} signal: {instrument} {side} {size} "
                     f"@ {entry}.")
    _signal_rows(d, alert)
    for label, key in (("Entry", "entry_price"), ("Stop", "stop_price"), ("Target", "target_price"),
                       ("Fired at", "fired_at"), ("Bar (open time)", "bar_ts"), ("Signal id", "id")):
        d.row(label, p.get(key))
    d.notes.append(
        "This is a hypothetical (paper) signal: no order was placed and no money is at risk."
        if paper else "This is a signal, not an order: EX7 places no trades for you."
    )
    return d


def _signal_closed(alert: Alert) -> _Description:
    p = alert.payload
    instrument, side = _line(p.get("instrument"), "?"), _line(p.get("side"), "?")
    reason = _line(p.get("close_reason")).replace("_", " ")
    net = _signed(p.get("net_pnl"))
    paper = p.get("mode") == "paper"
    headline = f"EX7: {instrument} {side} closed" + (f" ({reason})" if reason else "") + (f" net {net}" if net else "")
    d = _Description(headline, f"{_strategy(alert)}: the{' paper' if paper else ''} {instrument} {side} position "
                               "closed" + (f" ({reason})" if reason else "") + ".")
    _signal_rows(d, alert)
    d.row("Entry", p.get("entry_price"))
    d.row("Close price", p.get("close_price"))
    d.row("Net P&L", net)
    for label, key in (("Fired at", "fired_at"), ("Closed at", "closed_at"), ("Signal id", "id")):
        d.row(label, p.get(key))
    d.notes.append(
        "This was a hypothetical (paper) signal: the P&L is simulated, after estimated slippage and commission."
        if paper else "EX7 places no trades: the P&L is what the signal would have made."
    )
    return d


def _signal_rows(d: _Description, alert: Alert) -> None:
    p = alert.payload
    d.row("Strategy", _strategy(alert))
    for label, key in (("Instrument", "instrument"), ("Timeframe", "timeframe"), ("Side", "side"), ("Size", "size"),
                       ("Mode", "mode")):
        d.row(label, p.get(key))


def _runtime_error(alert: Alert) -> _Description:
    p = alert.payload
    strategy = _strategy(alert)
    d = _Description(f"EX7: runtime error in {strategy}",
                     f"The runtime of {strategy} stopped on an error; it publishes no signals until it is started "
                     "again.")
    d.row("Strategy", strategy)
    d.row("Runtime id", p.get("runtime_id"))
    d.row("Error", p.get("error"))
    return d


def _risk_block(alert: Alert) -> _Description:
    p = alert.payload
    breaker = _line(p.get("breaker"), "?")
    d = _Description(f"EX7: entry blocked by risk limits ({breaker})",
                     f"{_strategy(alert)}: an entry ({_line(p.get('instrument'), '?')} {_line(p.get('side'), '?')}) "
                     f"was not published, because it would break your risk limit {breaker}.")
    d.row("Strategy", _strategy(alert))
    for label, key in (("Instrument", "instrument"), ("Timeframe", "timeframe"), ("Side", "side"), ("Mode", "mode"),
                       ("Bar (open time)", "bar_ts"), ("Breaker", "breaker"), ("Reason", "reason"),
                       ("Observed", "observed"), ("Limit", "limit"), ("Runtime id", "runtime_id")):
        d.row(label, p.get(key))
    d.notes.append("No signal was published for this entry. The limits are yours to change in EX7's risk settings.")
    return d


def _verification(alert: Alert) -> _Description:
    d = _Description(f"EX7: your verification code {alert.code}",
                     "Enter this code in EX7 to confirm that this destination should receive your alerts.")
    d.row("Code", alert.code)
    if alert.verify_url:
        d.links.append(("Or verify with this link", _url(alert.verify_url)))
    d.notes.append(f"The code{' and the link' if alert.verify_url else ''} expire {_expiry(alert)} and work once. "
                   "If you did not add this destination to EX7, ignore this message: nothing will be sent to it.")
    return d


def _expiry(alert: Alert) -> str:
    """When the code stops working: from the payload's "expires_at" when it has one (the server's TTL is
    configurable), counted from the alert's own created_at so that a retry days later says the same."""
    try:
        expires = datetime.fromisoformat(str(alert.payload["expires_at"]))
        minutes = round((expires - alert.created_at).total_seconds() / 60)
    except (KeyError, ValueError, TypeError):  # no expiry given, or not an aware ISO time
        return f"in {VERIFICATION_VALID_MINUTES} minutes"
    at = expires.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"in {minutes} minutes (at {at})" if minutes > 0 else f"at {at}"


# ---- formats -------------------------------------------------------------------------------------------


def _email_text(d: _Description, unsubscribe_url: str | None, unsubscribe_all_url: str | None) -> str:
    parts = [d.headline, d.lead] if d.lead else [d.headline]
    if d.rows:
        width = max(len(label) for label, _ in d.rows) + 1
        parts.append("\n".join(f"{label + ':':<{width}} {value}" for label, value in d.rows))
    parts += [f"{text}: {url}" for text, url in d.links]
    parts += d.notes
    if unsubscribe_url:
        parts.append(f"--\nUnsubscribe from these alerts: {_url(unsubscribe_url)}")
    if unsubscribe_all_url:
        parts.append(f"Stop every alert to this address: {_url(unsubscribe_all_url)}")
    return "\n\n".join(parts) + "\n"


_MUTED = "color:#555555;font-size:13px;"


def _email_html(d: _Description, unsubscribe_url: str | None, unsubscribe_all_url: str | None) -> str:
    e = _escape
    out = [
        '<!doctype html><html><head><meta charset="utf-8">',
        f"<title>{e(d.headline)}</title></head>",
        '<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;color:#111111;">',
        f'<p style="font-size:16px;font-weight:bold;">{e(d.headline)}</p>',
    ]
    if d.lead:
        out.append(f"<p>{e(d.lead)}</p>")
    if d.rows:
        out.append('<table role="presentation" style="border-collapse:collapse;">')
        out += [f'<tr><td style="padding:2px 16px 2px 0;color:#555555;">{e(label)}</td>'
                f'<td style="padding:2px 0;font-family:Menlo,Consolas,monospace;">{e(value)}</td></tr>'
                for label, value in d.rows]
        out.append("</table>")
    out += [f'<p><a href="{e(url)}">{e(text)}</a></p>' for text, url in d.links]
    out += [f'<p style="{_MUTED}">{e(note)}</p>' for note in d.notes]
    if unsubscribe_url:
        out.append(f'<p style="{_MUTED}"><a href="{e(_url(unsubscribe_url))}">Unsubscribe</a> from these alerts.</p>')
    if unsubscribe_all_url:
        out.append(f'<p style="{_MUTED}"><a href="{e(_url(unsubscribe_all_url))}">Stop every alert</a> to this '
                   'address.</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# ---- values --------------------------------------------------------------------------------------------


def _line(value: Any, empty: str = "") -> str:
    """`value` as one line of text: control, format and line-separator characters become spaces (no forged
    lines or headers, no right-to-left override spoofing a subject), runs of spaces one, at most _FIELD_MAX."""
    if value is None:
        return empty
    text = value if isinstance(value, str) else json.dumps(value) if isinstance(value, bool) else str(value)
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in text)
    text = " ".join(text.split())
    if len(text) > _FIELD_MAX:
        text = text[:_FIELD_MAX - 1] + "…"
    return text or empty


def _signed(net: Any) -> str:
    """Money with its sign spelled out, as traders read it: "+125.00", "-70.92", "0.00"."""
    text = _line(net)
    try:
        positive = Decimal(text) > 0
    except InvalidOperation:  # not a number (or NaN, which refuses to compare): shown as it is
        return text
    return f"+{text}" if positive and not text.startswith("+") else text


def _url(url: str) -> str:
    # Our own links; anything but http(s) here (javascript:, data:) is a caller's bug that must not reach a mail.
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not an http(s) link: {url[:40]!r}")
    return _line(url)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _iso(ts: datetime) -> str:
    return ts.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _action(kind: AlertKind, side: Any) -> str | None:
    if kind == "signal":
        return {"long": "buy", "short": "sell"}.get(side)
    if kind == "signal_closed":
        return {"long": "sell", "short": "buy"}.get(side)
    return None


def _fit_utf16(text: str, limit: int) -> str:
    """`text` cut to `limit` UTF-16 code units (how Telegram counts), ending in "…" when cut."""
    if len(text.encode("utf-16-le")) // 2 <= limit:
        return text
    units, kept = 1, []  # the ellipsis is one unit
    for ch in text:
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            break
        kept.append(ch)
    return "".join(kept) + "…"
