"""The runnable examples of the docs site (docs/examples/<tag>.sh, curl and jq, and <tag>.py, the Python SDK;
one pair per tag of the contract), run as a reader runs them: each a subprocess against a live server
(tests/support/live_server.py: `ex7 serve`'s feed, dispatcher and alert worker on a ManualClock), given
only what the examples document (EX7_URL, EX7_TOKEN, EX7_WEBHOOK_URL, EX7_STREAM_SECONDS). Each must
exit 0, print what it says it shows, and do so twice in a row for the same user (the examples are run
on and on against one dev server).

The server runs the built-in tiers. The examples' user is on the free tier, as `./dev serve`'s demo user
is; the Alerts examples need webhook channels, so they run as a second user an admin comps to Pro through
the API. Stripe is the stateful fake (checkout and portal work); webhooks go to a local receiver, which
the server may reach as `EX7_WEBHOOK_ALLOW_NETWORKS=127.0.0.0/8` lets it. While a Signals example runs, a
thread moves the market on a minute at a time, so its runtime fires and the stream has signals to show;
the free tier's risk limits are opened for that user (the examples are about the API, not the gate,
whose daily and consecutive-loss breakers would otherwise stop the demo strategy's entries for the day).
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml

from tests.support.alert_fakes import WebhookReceiver, webhook_receiver
from tests.support.db import PostgresForTests
from tests.support.fake_stripe import fake_stripe
from tests.support.live_server import LiveServer, live_server
from tests.support.pipeline import open_risk_limits
from tests.support.users import User, new_user

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
CONTRACT = ROOT / "openapi" / "openapi.yaml"
STRIPE_KEY = "sk_test_docs_examples"


def contract_tags() -> list[str]:
    """Every tag of the contract, in its order: the declared ones, then any an operation uses undeclared."""
    spec = yaml.safe_load(CONTRACT.read_text())
    tags = [t["name"] for t in spec.get("tags", [])]
    for path in spec["paths"].values():
        for operation in path.values():
            if isinstance(operation, dict):
                tags += [t for t in operation.get("tags", []) if t not in tags]
    return tags


TAGS = contract_tags()
KINDS = ("sh", "py")

# A little of what each example must print (regular expressions, searched in its stdout).
EXPECTED: dict[str, list[str]] = {
    "strategies": [r"\d+ node types: price", r"demo-1m-momentum", r"unconnected_input", r"v4 +valid=(true|True)",
                   r"status: ready", r"\d+ bars from .*: \d+ trades", r"format ex7\.strategy/v1",
                   r"imported as", r"deleted strategy"],
    "signals": [r"strategy [0-9a-f-]{36}: ready", r"paper +(starting|running)", r"compliance: 17 CFR 4\.41",
                r"#\d+ signal(_closed)?: ", r"page 1: ", r"(enter_long|enter_short|hold|exit|blocked)"],
    "billing": [r"free: 0\.00 usd/month", r"tier free \(source free", r"17 CFR 4\.41\(b\)\(1\)\(i\)",
                r"Hypothetical or simulated performance results", r"privacy_policy 2026-06-01 accepted",
                r"all accepted: (true|True)", r"session cs_test_\w+: open http", r"/portal/"],
    "alerts": [r"channel [0-9a-f-]{36}: http://127\.0\.0\.1:\d+/\*\*\*", r"whsec_", r"verified",
               r"events signal, signal_closed", r"runtime_error", r"delivered attempts=1 event=verification",
               r"attempt at .*: delivered, HTTP 200", r"deleted channel"],
    "vix": [r"tier free: \d used of 5", r"Enter long when the 9-bar EMA crosses above the 21-bar EMA",
            r"Stop loss 20 ticks", r"valid: (true|True)", r"status draft, version 1", r"deleted strategy"],
    "account": [r"MNQ +Micro E-mini Nasdaq-100: tick 0\.25 = 0\.50 USD", r"trading allowed: ",
                r"all time: \d+ signals", r"v\d+: backtest (\d+ trades|none)|== 4\. Performance",
                r"ok: You are on the waitlist", r"\d+ on the waitlist"],
    "health": [r"ok: version \d", r"loop dispatcher: running", r"dispatcher: ok", r"MNQ: fresh",
               r"== 3\. Your runtimes"],
}
# And what only one of the pair shows.
EXPECTED_KIND: dict[tuple[str, str], list[str]] = {
    ("signals", "py"): [r"Reconnect with Last-Event-ID \d+: what came after it is replayed first\n.*\n  #\d+ signal"],
    ("vix", "py"): [r"422 prompt_not_understood: unrecognized \[.*'moon'"],
}
# Examples a tag's run needs but others do not (the market moving while it runs).
NEEDS_MARKET = {"signals"}


def example(tag: str, kind: str) -> Path:
    return EXAMPLES / f"{tag.lower()}.{kind}"


def test_every_tag_of_the_contract_has_a_curl_and_a_python_example_with_a_header() -> None:
    missing = [example(tag, kind).relative_to(ROOT).as_posix() for tag in TAGS for kind in KINDS
               if not example(tag, kind).is_file()]
    assert not missing, f"tags of the contract without their examples: {missing}"
    for tag in TAGS:
        for kind in KINDS:
            lines = example(tag, kind).read_text().splitlines()
            header = []
            for line in lines:
                if not line.startswith("#"):
                    break
                header.append(line)
            # The docs page takes its title from the first line and its description from the next 2-4.
            assert 3 <= len(header) <= 5, f"{example(tag, kind).name}: a title and 2-4 lines, not {header}"
            assert all(line.startswith("# ") and line[2:].strip() for line in header), header
            assert not header[0].startswith("#!"), "the first line is the title, not a shebang"


@dataclass
class Setup:
    server: LiveServer
    trader: User  # free tier, like ./dev serve's demo user
    pro: User  # comped to Pro by an admin: webhook channels
    receiver: WebhookReceiver


@pytest.fixture(scope="module")
def setup(postgres: PostgresForTests) -> Iterator[Setup]:
    with fake_stripe() as stripe, webhook_receiver() as receiver:
        prices = {}
        for tier, amount in (("pro", 4900), ("elite", 14900)):
            r = httpx.post(f"{stripe.api_base}/v1/prices", headers={"Authorization": f"Bearer {STRIPE_KEY}"}, data={
                "product_data[name]": f"EX7 {tier}", "unit_amount": str(amount), "currency": "usd",
                "recurring[interval]": "month"})
            r.raise_for_status()
            prices[tier] = r.json()["id"]
        with live_server(postgres, instruments="MNQ,MES,NQ,ES", ex7_tiers_file=None,
                         ex7_webhook_allow_networks="127.0.0.0/8", ex7_webhook_allow_http=True,
                         ex7_stream_heartbeat_seconds=1, stripe_secret_key=STRIPE_KEY,
                         stripe_webhook_secret="whsec_docs_examples", stripe_price_pro=prices["pro"],
                         stripe_price_elite=prices["elite"], stripe_api_base=stripe.api_base) as server, \
                httpx.Client(base_url=server.url, timeout=30) as api:
            trader, pro, admin = new_user(), new_user(), new_user(admin=True)
            for user in (trader, pro):  # a first request makes the user's row
                assert api.get("/api/billing/me", headers=user.headers).status_code == 200
            open_risk_limits(server.dsn, trader.id)
            comp = api.post("/api/billing/comp", headers=admin.headers,
                            json={"user_id": pro.id, "tier": "pro", "reason": "docs examples: webhook alerts"})
            assert comp.status_code == 200, comp.text
            yield Setup(server, trader, pro, receiver)


def run_example(setup: Setup, path: Path, user: User) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EX7_")}  # nothing of the shell's own
    env.update(EX7_URL=setup.server.url, EX7_TOKEN=user.token, EX7_WEBHOOK_URL=setup.receiver.url,
               EX7_STREAM_SECONDS="30")
    command = ["bash", str(path)] if path.suffix == ".sh" else [sys.executable, str(path)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize(("tag", "kind", "run"), [(tag.lower(), kind, run) for run in (1, 2) for tag in TAGS
                                                  for kind in KINDS],
                         ids=lambda value: str(value))
def test_example_runs_against_a_live_server(setup: Setup, tag: str, kind: str, run: int) -> None:
    path = example(tag, kind)
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    user = setup.pro if tag == "alerts" else setup.trader
    market = setup.server.market_running() if tag in NEEDS_MARKET else contextlib.nullcontext()
    started = time.monotonic()
    with market:
        done = run_example(setup, path, user)
    output = f"--- exit {done.returncode} after {time.monotonic() - started:.1f} s\n--- stdout\n{done.stdout}" \
             f"--- stderr\n{done.stderr}"
    assert done.returncode == 0, output
    missing = [pattern for pattern in EXPECTED.get(tag, []) + EXPECTED_KIND.get((tag, kind), [])
               if not re.search(pattern, done.stdout)]
    assert not missing, f"{path.name} did not print {missing}\n{output}"
