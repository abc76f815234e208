"""The small HTML pages of the links in alerts (unsubscribe, verify), for a person in a browser.

A GET shows what would happen and a button; only the button's POST changes anything, because mail
scanners and link previews follow GET links. Every value shown is escaped; the pages load nothing.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from connexion.lifecycle import ConnexionResponse

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>{title}</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#111}}
button{{font:inherit;padding:.5rem 1rem;border-radius:.4rem;border:1px solid #444;background:#111;color:#fff}}</style>
</head><body><h1>{title}</h1>{body}</body></html>"""


def wants_html(accept: str | None) -> bool:
    """A browser asks for text/html first; API clients ask for JSON or anything."""
    return accept is not None and "text/html" in accept.lower()


def respond_html(page: str, status: int = 200) -> ConnexionResponse:
    return ConnexionResponse(status_code=status, content_type="text/html; charset=utf-8", mimetype="text/html",
                             body=page.encode())


def _page(title: str, body: str) -> str:
    return _PAGE.format(title=escape(title), body=body)


def _button(action: str, token: str, label: str, *, one_click: bool = False) -> str:
    # The token travels in the query; an unsubscribe's body is RFC 8058's one-click form, as a mail
    # client would send it.
    hidden = '<input type="hidden" name="List-Unsubscribe" value="One-Click">' if one_click else ""
    return (f'<form method="post" action="{escape(action)}?token={quote(token, safe="")}">{hidden}'
            f'<button type="submit">{escape(label)}</button></form>')


def unsubscribe_landing(preview: dict[str, Any], token: str) -> str:
    where = f"{escape(preview['channel_type'])} to <b>{escape(preview['destination'])}</b>"
    what = (f"alerts about <b>{escape(preview['strategy_name'])}</b>" if preview["strategy_name"]
            else "every alert")
    return _page("Unsubscribe", f"<p>Stop {what} sent by {where}?</p>"
                 + _button("/api/alerts/unsubscribe", token, "Unsubscribe", one_click=True))


def unsubscribe_done() -> str:
    return _page("Unsubscribed", "<p>You will get no more of these alerts. You can turn them on again in the app.</p>")


def verify_landing(preview: dict[str, Any], token: str) -> str:
    return _page("Verify alerts", f"<p>Send EX7 alerts to <b>{escape(preview['destination'])}</b>?</p>"
                 + _button("/api/alerts/verify", token, "Verify"))


def verify_done(destination: str) -> str:
    return _page("Verified", f"<p>Alerts you subscribe to will now reach <b>{escape(destination)}</b>.</p>")
