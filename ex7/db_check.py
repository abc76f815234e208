"""Is the configured PostgreSQL usable? If not, say so in one line a person can act on.

libpq's own messages are several lines ("connection to server at ..., port 1 failed: Connection
refused\\n\\tIs the server running ...") and, raised from `psycopg2.connect`, arrive as a traceback.
`check(dsn)` connects once before a command uses the database and turns a failure into
`DatabaseUnusable`, whose text names the server, the reason and what to do. Never the password.
"""

from __future__ import annotations

import math
import os
import re

import psycopg2
from psycopg2.extensions import parse_dsn

EMBEDDED_HINT = "unset DATABASE_URL to use the embedded database"


class DatabaseUnusable(Exception):
    """The configured database cannot be used; `str()` is one line, without secrets."""


def check(dsn: str, *, timeout: float) -> None:
    """Connect once (within `timeout` seconds) and close; raises DatabaseUnusable when that fails."""
    try:
        conn = psycopg2.connect(dsn, connect_timeout=max(2, math.ceil(timeout)))  # libpq's minimum is 2 s
    except psycopg2.Error as exc:
        raise DatabaseUnusable(describe(exc, dsn)) from None
    conn.close()


def describe(exc: psycopg2.Error, dsn: str) -> str:
    """One line: what went wrong with the database at `dsn`, and what to do instead."""
    try:
        params = parse_dsn(dsn)
    except psycopg2.ProgrammingError:
        # Its message quotes the malformed string, which may hold the password: not repeated.
        return (f"DATABASE_URL is not a valid PostgreSQL URL (expected postgresql://USER:PASSWORD@HOST:PORT/DB). "
                f"Fix it, or {EMBEDDED_HINT}.")
    where = _where(params)
    message = str(exc).strip()
    lowered = message.lower()
    unreachable = {
        "connection refused": "connection refused",
        "timeout expired": "no answer in time",
        "could not translate host name": "unknown host",
        "name or service not known": "unknown host",
        "temporary failure in name resolution": "unknown host",
        "no route to host": "no route to host",
        "network is unreachable": "network unreachable",
        "no such file or directory": "no server listening on that socket",
    }
    for needle, reason in unreachable.items():
        if needle in lowered:
            return f"cannot reach PostgreSQL at {where} ({reason}). Start it, fix DATABASE_URL, or {EMBEDDED_HINT}."
    if missing := re.search(r'database "([^"]*)" does not exist', message):
        return (f'PostgreSQL at {where} has no database "{missing.group(1)}". Create it, fix DATABASE_URL, '
                f"or {EMBEDDED_HINT}.")
    if login := re.search(r'(password authentication failed|no password supplied|role "[^"]*" does not exist'
                          r'|authentication failed)', message):
        return (f"PostgreSQL at {where} refused the login ({login.group(1)}). Fix the user or password in "
                f"DATABASE_URL, or {EMBEDDED_HINT}.")
    return (f"cannot use PostgreSQL at {where} ({one_line(message, params.get('password')).rstrip('.')}). "
            f"Fix DATABASE_URL, or {EMBEDDED_HINT}.")


def one_line(message: str, password: str | None = None) -> str:
    """A (libpq) message on one line, with `password` masked wherever it appears."""
    text = "; ".join(line.strip() for line in message.strip().splitlines() if line.strip())
    return text.replace(password, "***") if password else text


def _where(params: dict[str, str]) -> str:
    hosts = (params.get("host") or os.environ.get("PGHOST") or "").split(",")
    ports = (params.get("port") or os.environ.get("PGPORT") or "5432").split(",")
    if len(ports) < len(hosts):
        ports += [ports[-1]] * (len(hosts) - len(ports))
    places = []
    for host, port in zip(hosts, ports, strict=False):
        if not host:
            places.append(f"the local socket (port {port})")
        elif host.startswith("/"):
            places.append(f"the socket in {host} (port {port})")
        else:
            places.append(f"[{host}]:{port}" if ":" in host else f"{host}:{port}")
    return ", ".join(places)
