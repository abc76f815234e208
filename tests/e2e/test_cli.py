"""The real `ex7` command as a subprocess: the newcomer's path (embedded database, printed token)."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.cli import EX7, cli_env
from tests.support.db import PostgresForTests
from tests.support.http import free_port


@pytest.fixture
def data_dir() -> Iterator[Path]:
    # Not under pytest's tmp_path: its parents are private to root, and the embedded server runs as
    # the `pgserver` system user when started by root.
    path = Path(tempfile.mkdtemp(prefix="ex7-e2e-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_serve_with_no_database_url_starts_embedded_postgres_and_prints_a_working_token(data_dir: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [*EX7, "--data-dir", str(data_dir / "state"), "serve", "--port", str(port)],
        env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    try:
        token = None
        deadline = time.monotonic() + 120
        assert proc.stdout is not None
        while token is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = re.search(r"EX7_TOKEN=(\S+)", line)
            if match:
                token = match.group(1)
        assert token, "no token printed:\n" + "".join(lines)
        output = "".join(lines)
        assert f"http://127.0.0.1:{port}/api/docs" in output
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        resp = httpx.get(f"{base}/api/instruments", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert resp.status_code == 200, resp.text
        assert {i["symbol"] for i in resp.json()["items"]} >= {"MNQ", "MES", "NQ", "ES"}
        _assert_live_market_data(base, token)
        assert httpx.get(f"{base}/api/docs/", timeout=10).status_code == 200
        # A token from `ex7 token` for the same installation works too.
        minted = subprocess.run([*EX7, "--data-dir", str(data_dir / "state"), "token", "--email", "x@example.com"],
                                env=cli_env(), capture_output=True, text=True, check=True).stdout.strip()
        assert httpx.get(f"{base}/api/billing/compliance", headers={"Authorization": f"Bearer {minted}"},
                         timeout=10).status_code == 200
        # Stopped as a supervisor does (SIGTERM; .ci/run sends Ctrl-C's SIGINT): it exits 0 and stops the
        # embedded PostgreSQL on its way out, saying nothing of the embedded server's plumbing.
        proc.send_signal(signal.SIGTERM)
        lines.append(proc.communicate(timeout=60)[0])
        output = "".join(lines)
        assert proc.returncode == 0, output
        assert not (data_dir / "state" / "pgdata" / "postmaster.pid").exists(), "the embedded PostgreSQL still runs"
        # Secrets are never logged: the dev secret's file content appears nowhere in the output.
        secret = (data_dir / "state" / "dev-jwt-secret").read_text().strip()
        assert secret not in output
        # At the default log level, none of pgserver's INFO logs (initdb / pg_ctl command lines and their
        # output, at start and at exit) nor platformdirs' XDG_RUNTIME_DIR warning reach the terminal.
        noise = [line for line in output.splitlines()
                 if re.search(r"pgserver|pg_ctl|initdb|Running commandline|postgres command|XDG_RUNTIME_DIR", line)]
        assert not noise, "pgserver noise at the default log level:\n" + "\n".join(noise)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def _assert_live_market_data(base: str, token: str) -> None:
    """`ex7 serve` runs the synthetic feed by default; its backfill makes bars appear at once."""
    from datetime import UTC, datetime

    from domain.market.calendar import market_state

    deadline = time.monotonic() + 60
    while True:
        checked_at = datetime.now(UTC)
        resp = httpx.get(f"{base}/api/instruments", headers={"Authorization": f"Bearer {token}"}, timeout=10)
        assert resp.status_code == 200, resp.text
        items = resp.json()["items"]
        if all(i["market"]["last_bar_ts"] for i in items) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    answered_at = datetime.now(UTC)
    for item in items:
        market = item["market"]
        assert market["last_bar_ts"] and market["last_price"], item
        state = market_state(item["symbol"], checked_at)
        if state == market_state(item["symbol"], answered_at):  # not at a session boundary
            assert market["status"] == ("fresh" if state == "open" else "closed"), (item, checked_at)


def test_pgserver_logs_show_at_debug_level_only() -> None:
    probe = ("import logging, sys; from ex7.cli import _configure_logging; _configure_logging(sys.argv[1]); "
             "print(logging.getLogger('pgserver').isEnabledFor(logging.INFO))")
    shown = {level: subprocess.run([sys.executable, "-c", probe, level], env=cli_env(), capture_output=True, text=True,
                                   check=True).stdout.strip() for level in ("INFO", "DEBUG")}
    assert shown == {"INFO": "False", "DEBUG": "True"}


def test_token_refuses_when_only_jwks_is_configured() -> None:
    result = subprocess.run([*EX7, "token", "--email", "a@example.com"],
                            env=cli_env(SUPABASE_JWKS_URL="http://127.0.0.1:9/jwks.json"), capture_output=True,
                            text=True)
    assert result.returncode == 2
    assert "JWKS" in result.stderr


def test_token_is_signed_with_the_configured_secret_and_honours_admin_and_ttl() -> None:
    import jwt

    secret = "cli-secret-" + "z" * 40
    out = subprocess.run([*EX7, "token", "--email", "Boss@Example.com", "--admin", "--ttl", "120"],
                         env=cli_env(SUPABASE_JWT_SECRET=secret), capture_output=True, text=True, check=True).stdout
    claims = jwt.decode(out.strip(), secret, algorithms=["HS256"], audience="authenticated")
    assert claims["app_metadata"]["role"] == "admin"
    assert claims["exp"] - claims["iat"] == 120
    assert claims["email"] == "Boss@Example.com"


UNREACHABLE = "postgresql://postgres:pw-s3cret@127.0.0.1:1/nope"  # nothing listens on port 1


@pytest.mark.parametrize("command", [
    ["serve", "--port", "9"],
    ["migrate"],
    ["bars", "import", str(Path(__file__).parent / "data" / "mnq_ohlcv_1m_sample.csv"), "--instrument", "MNQ",
     "--timeframe", "1m"],
], ids=["serve", "migrate", "bars-import"])
def test_an_unreachable_database_is_one_line_saying_what_to_do_and_exit_1(command: list[str]) -> None:
    result = subprocess.run([*EX7, *command], env=cli_env(DATABASE_URL=UNREACHABLE), capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    prog = "ex7 " + " ".join(command[:2] if command[0] == "bars" else command[:1])
    assert lines[0] == (f"{prog}: cannot reach PostgreSQL at 127.0.0.1:1 (connection refused). Start it, fix "
                        "DATABASE_URL, or unset DATABASE_URL to use the embedded database.")
    assert "pw-s3cret" not in result.stderr + result.stdout


def test_a_missing_database_is_named_in_one_line(postgres: PostgresForTests) -> None:
    result = subprocess.run([*EX7, "migrate"], env=cli_env(DATABASE_URL=postgres.dsn("ex7_no_such_database")),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert 'has no database "ex7_no_such_database". Create it, fix DATABASE_URL' in result.stderr


def test_migrate_applies_once_then_reports_up_to_date(postgres: PostgresForTests) -> None:
    dsn = postgres.empty_database()
    first = subprocess.run([*EX7, "migrate"], env=cli_env(DATABASE_URL=dsn), capture_output=True, text=True, check=True)
    assert "applying migration 001_foundation" in first.stdout
    second = subprocess.run([*EX7, "migrate"], env=cli_env(DATABASE_URL=dsn), capture_output=True, text=True,
                            check=True)
    assert "up to date" in second.stdout
