"""ex7.db_check.describe: libpq's failures as one line naming the server, the reason and what to do."""

from __future__ import annotations

import psycopg2
import pytest

from ex7.db_check import describe, one_line

URL = "postgresql://app:pw-s3cret@db.example.com:6543/ex7"


@pytest.mark.parametrize(("message", "expected"), [
    ('connection to server at "db.example.com" (10.0.0.5), port 6543 failed: Connection refused\n\tIs the server '
     "running on that host and accepting TCP/IP connections?\n",
     "cannot reach PostgreSQL at db.example.com:6543 (connection refused). Start it, fix DATABASE_URL, or unset "
     "DATABASE_URL to use the embedded database."),
    ('could not translate host name "db.example.com" to address: Name or service not known\n',
     "cannot reach PostgreSQL at db.example.com:6543 (unknown host). Start it, fix DATABASE_URL, or unset "
     "DATABASE_URL to use the embedded database."),
    ("timeout expired\n", "cannot reach PostgreSQL at db.example.com:6543 (no answer in time). Start it, fix "
     "DATABASE_URL, or unset DATABASE_URL to use the embedded database."),
    ('connection to server at "db.example.com", port 6543 failed: FATAL:  database "ex7" does not exist\n',
     'PostgreSQL at db.example.com:6543 has no database "ex7". Create it, fix DATABASE_URL, or unset DATABASE_URL '
     "to use the embedded database."),
    ('connection to server at "db.example.com", port 6543 failed: FATAL:  password authentication failed for user '
     '"app"\n',
     "PostgreSQL at db.example.com:6543 refused the login (password authentication failed). Fix the user or "
     "password in DATABASE_URL, or unset DATABASE_URL to use the embedded database."),
    ("connection to server at ... failed: SSL error: pw-s3cret\nsecond line\n",
     "cannot use PostgreSQL at db.example.com:6543 (connection to server at ... failed: SSL error: ***; second "
     "line). Fix DATABASE_URL, or unset DATABASE_URL to use the embedded database."),
])
def test_failures_read_as_one_line_without_the_password(message: str, expected: str) -> None:
    text = describe(psycopg2.OperationalError(message), URL)
    assert text == expected
    assert "\n" not in text and "pw-s3cret" not in text


def test_a_malformed_url_is_not_repeated_as_it_may_hold_the_password() -> None:
    text = describe(psycopg2.ProgrammingError('invalid dsn: missing "=" after "x:pw-s3cret"'), "x:pw-s3cret")
    assert text.startswith("DATABASE_URL is not a valid PostgreSQL URL")
    assert "pw-s3cret" not in text


def test_places_ipv6_sockets_and_several_hosts() -> None:
    refused = psycopg2.OperationalError("Connection refused")
    assert "at [::1]:1 (" in describe(refused, "postgresql://[::1]:1/x")
    assert "at the socket in /run/pg (port 5432) (" in describe(refused, "postgresql:///x?host=/run/pg")
    assert "at a:1, b:2 (" in describe(refused, "postgresql://a:1,b:2/x")


def test_one_line_joins_lines_and_masks() -> None:
    assert one_line("first\n\tsecond\n\n", None) == "first; second"
    assert one_line("has pw in it", "pw") == "has *** in it"
