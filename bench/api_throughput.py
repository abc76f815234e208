"""API throughput: our Connexion app against a bare Starlette twin doing the same work, same run.

    python bench/api_throughput.py [--rounds 3] [--duration 10] [--connections 16]
                                   [--dsn postgresql://postgres@127.0.0.1:5432/postgres]
                                   [--only strategies,health,tiers] [--profile strategies,tiers|none]
                                   [--profile-twin]

Needs `wrk` and `taskset` (`apt-get update && apt-get install -y wrk`; taskset is util-linux) and, for the profile,
py-spy in the same virtualenv (`.venv-dev/bin/pip install py-spy`; without it the profile is
skipped). Run it with the project's virtualenv, e.g. `.venv-dev/bin/python bench/api_throughput.py`.

What is compared, on one worker each, both on `ex7 serve`'s uvicorn configuration (`ex7.server`:
asyncio loop, httptools with the slow-client timeouts; access log off) and garbage-collector
tuning (`ex7.server.tune_gc`), each in its own
subprocess pinned to core 0 (`taskset -c 0`), loaded in turn by `wrk -t1` pinned to core 1:
- ours: `ex7.app.create_app(Settings(), dsn)` as production builds it (response validation off, no
  market-data feed).
- the twin (bench/_twin.py): a plain Starlette app with the same three operations doing the same
  work through the same code below the framework: the TokenVerifier and seen-users cache, the aiopg
  pool and `Database.transaction(claims)`, the use cases of services/ (with their caches), the
  handlers' mapping to the contract's documents and `ex7.wire.to_json`. It has no Connexion
  (routing against the contract, security, parameter validation, request context, middleware chain)
  and none of our middleware.

Endpoints: `GET /api/strategies?limit=50` (a full page of 60 seeded strategies, bearer token),
`GET /api/health` (one `SELECT 1` round trip) and `GET /api/billing/tiers` (public, the tier
catalogue). Before any load the bodies of both apps must be byte-identical (strategies, tiers) or of
the same structure (health: its times differ per request); otherwise the run stops with a diff.

Data: a fresh database `ex7bench_<pid>` on the server of --dsn (default TEST_DATABASE_URL, else the
local trust-auth PostgreSQL), migrated with db.migrate, dropped at the end. One user (a token minted
with ex7.tokens and the secret given to both servers) gets 60 strategies through `POST /api/strategies`
on our app: the six fixture graphs of domain.strategy.fixtures with their periods, stops, names, tags and
timeframes varied, every tenth one a draft with an unconnected input (so validation reports errors).

Measured, per endpoint and round (ours and the twin alternate, and which goes first flips every round,
so drift hits both alike): a 2 s wrk warm-up, then `wrk -t1 -c<connections> -d<duration>`; requests
per second, and the server's CPU per request: utime + stime from /proc/<pid>/stat, from the server
idle before the run to the server idle after it, divided by the requests it served (wrk's, plus the
one per connection still in flight when wrk stops, which the server finishes). Of that CPU, the time
in the cyclic garbage collector (gc.callbacks in both servers, read with SIGUSR1). Failed requests
(non-2xx, socket errors) are counted and shown; over 5% of a run stops the benchmark. Medians over
--rounds; the ratio is the median of the per-round ours/twin ratios. Goals: strategies >= 0.8x the
twin, health and tiers >= 0.5x. On a shared machine the req/s ratio swings with the neighbours'
load; twin CPU / ours CPU per request (printed with the goals) is the steadier estimate.

Profile (--profile, default strategies,tiers; `none`: no profile; --profile-twin: the twin too):
py-spy samples ours while wrk loads each of those endpoints; every sample is attributed to the
innermost component that owns it (our handler work, jsonb decoding, the DB client, auth, each
Connexion layer, Starlette, uvicorn/httptools, the event loop), stdlib, pydantic and other libraries'
frames counting for their caller. The cyclic GC's share comes from the servers' own GC accounting
(py-spy books a collection to the frame that allocated). The raw collapsed stacks (speedscope and
flamegraph.pl read them) are left in a temporary folder, printed at the end; never commit them.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import gc
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENDPOINTS = {
    "strategies": ("/api/strategies?limit=50", True),
    "health": ("/api/health", False),
    "tiers": ("/api/billing/tiers", False),
}
GOALS = {"strategies": 0.8, "health": 0.5, "tiers": 0.5}
SERVER_CPU, LOAD_CPU = "0", "1"
WARMUP_SECONDS = 2
PROFILE_HZ = 250
STRATEGIES = 60
EMAIL = "bench@ex7.dev"


# --- the servers ------------------------------------------------------------------------------------

def count_gc(path: Path) -> None:
    """Keeps the time spent in the cyclic garbage collector; SIGUSR1 writes the totals to `path`.

    Both servers carry it alike: a callback at the start and end of each collection (~2 us, the
    thread's CPU clock read twice), against collections of tens of microseconds to tens of
    milliseconds. py-spy cannot show the collector (it books a collection to whatever Python frame
    allocated), so this is how the table tells how much of each request is GC.
    """
    totals = {"seconds": 0.0, "collections": 0, "full": 0, "seq": 0}
    started = 0.0

    def on_gc(phase: str, info: dict[str, int]) -> None:
        nonlocal started
        if phase == "start":
            started = time.thread_time()
        else:
            totals["seconds"] += time.thread_time() - started
            totals["collections"] += 1
            totals["full"] += info["generation"] == 2

    def write(_signum: int, _frame: Any) -> None:
        totals["seq"] += 1
        path.with_suffix(".tmp").write_text(json.dumps(totals))
        path.with_suffix(".tmp").replace(path)  # whole or not at all for the reader

    gc.callbacks.append(on_gc)
    signal.signal(signal.SIGUSR1, write)


def serve(app_name: str, port: int) -> None:
    """The subprocess: one app on uvicorn, configured from the environment as in production."""
    import uvicorn

    from ex7.server import build_config, tune_gc
    from ex7.settings import Settings

    settings = Settings()
    assert settings.database_url is not None
    dsn = settings.database_url.get_secret_value()
    if app_name == "ours":
        from ex7.app import create_app

        app: Any = create_app(settings, dsn)
    else:
        from _twin import create_twin  # bench/ is sys.path[0] when this file runs as a script

        app = create_twin(settings, dsn)
    count_gc(Path(os.environ["EX7_BENCH_GC_FILE"]))
    if os.environ.get("EX7_BENCH_GC") != "default":
        tune_gc()  # as `ex7 serve` does, for both
    config = build_config(app, host="127.0.0.1", port=port, log_level="warning",
                          header_timeout=settings.ex7_header_timeout_seconds,
                          body_timeout=settings.ex7_body_timeout_seconds)
    uvicorn.Server(config).run()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    def __init__(self, name: str, env: dict[str, str], workdir: Path) -> None:
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"{name}.log"
        self.gc_file = workdir / f"{name}.gc.json"
        env = {**env, "EX7_BENCH_GC_FILE": str(self.gc_file)}
        with self.log.open("w") as log:
            # taskset execs python, so the pid is the server's own.
            self.proc = subprocess.Popen(
                ["taskset", "-c", SERVER_CPU, sys.executable, __file__, "--serve", name, "--port", str(self.port)],
                env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
            )
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if get(self.base + "/api/billing/tiers")[0] == 200:
                    break
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                sys.exit(f"{name} server did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.1)

    def cpu_seconds(self) -> float:
        """utime + stime of the server process (all its threads), in seconds."""
        stat = Path(f"/proc/{self.proc.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def gc_seconds(self) -> float:
        """Seconds the server has spent in the cyclic GC so far (asks it with SIGUSR1)."""
        def totals() -> dict[str, Any]:
            with contextlib.suppress(OSError, ValueError):
                found: dict[str, Any] = json.loads(self.gc_file.read_text())
                return found
            return {"seq": 0}

        before = totals()["seq"]
        self.proc.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + 10
        while (now := totals())["seq"] == before:
            if time.monotonic() > deadline:
                sys.exit(f"{self.name} server did not report its GC time:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.01)
        return float(now["seconds"])

    def wait_idle(self, quiet: float = 0.3, limit: float = 60.0) -> tuple[float, float]:
        """Waits until the server has used no CPU for `quiet` seconds; returns its CPU and GC seconds."""
        deadline = time.monotonic() + limit
        last = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(quiet)
            now = self.cpu_seconds()
            if now == last:
                break
            last = now
        return last, self.gc_seconds()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def get(url: str, token: str | None = None) -> tuple[int, bytes]:
    return request("GET", url, token)


def request(method: str, url: str, token: str | None = None, body: Any = None) -> tuple[int, bytes]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


# --- the data ---------------------------------------------------------------------------------------

def _with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _admin(dsn: str, sql: str) -> None:
    import psycopg2

    conn = psycopg2.connect(dsn)
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(sql)
    finally:
        conn.close()


@contextlib.contextmanager
def bench_database(server_dsn: str) -> Iterator[str]:
    from db.migrate import migrate

    admin = _with_database(server_dsn, "postgres")
    name = f"ex7bench_{os.getpid()}"
    _admin(admin, f"CREATE DATABASE {name}")
    try:
        dsn = _with_database(server_dsn, name)
        migrate(dsn, progress=lambda _m: None)
        yield dsn
    finally:
        _admin(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def strategy_bodies() -> list[dict[str, Any]]:
    """60 realistic strategies: the fixture graphs with their numbers, names, tags and timeframes varied."""
    from domain.strategy.fixtures import FIXTURE_SLUGS, get_fixture

    bodies = []
    for i in range(STRATEGIES):
        fixture = get_fixture(FIXTURE_SLUGS[i % len(FIXTURE_SLUGS)])
        variant = i // len(FIXTURE_SLUGS)
        graph = fixture["graph"]
        for node in graph["nodes"]:
            params = node["params"]
            if "period" in params:
                params["period"] += 2 * variant
            if "ticks" in params:
                params["ticks"] += 4 * variant
        if i % 10 == 9:  # a draft still being built: its last edge not drawn yet
            graph["edges"] = graph["edges"][:-1]
        timeframe = fixture["timeframe"] if i % 3 else ("1h" if variant % 2 else "1m")
        bodies.append({
            "name": f"{fixture['name']} {variant + 1}", "description": fixture["description"],
            "instrument": fixture["instrument"], "timeframe": timeframe,
            "tags": [*fixture["tags"], f"set-{i % 4}"], "graph": graph, "note": f"bench seed {i}",
        })
    return bodies


def seed(base: str, token: str) -> None:
    for body in strategy_bodies():
        status, answer = request("POST", base + "/api/strategies", token, body)
        if status != 201:
            sys.exit(f"seeding failed: POST /api/strategies -> {status}: {answer[:2000]!r}")


# --- same answers -----------------------------------------------------------------------------------

def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return type(value).__name__


def _diff(what: str, ours: bytes, twin: bytes) -> str:
    def pretty(raw: bytes) -> list[str]:
        try:
            return json.dumps(json.loads(raw), indent=1).splitlines()
        except ValueError:
            return raw.decode(errors="replace").splitlines()

    lines = list(difflib.unified_diff(pretty(ours), pretty(twin), "ours", "twin", lineterm="", n=2))
    if not lines:  # same JSON, different bytes (spacing, escaping)
        at = next(i for i, (a, b) in enumerate(zip(ours + b"\0", twin + b"\1", strict=False)) if a != b)
        lo = max(0, at - 60)
        lines = [f"same JSON, bytes differ at {at}:", f"ours {ours[lo:at + 60]!r}", f"twin {twin[lo:at + 60]!r}"]
    return f"{what}: ours and the twin answer differently\n" + "\n".join(lines[:120])


def check_same(ours: Server, twin: Server, token: str, only: list[str]) -> None:
    for name in only:
        path, auth = ENDPOINTS[name]
        (s1, b1), (s2, b2) = (get(server.base + path, token if auth else None) for server in (ours, twin))
        if s1 != 200 or s2 != 200:
            sys.exit(f"{name}: ours {s1}, twin {s2}\nours: {b1[:1000]!r}\ntwin: {b2[:1000]!r}")
        if name == "health":
            a, b = json.loads(b1), json.loads(b2)
            same = _shape(a) == _shape(b) and (a["status"], a["version"], a["database"]["reachable"]) == (
                b["status"], b["version"], b["database"]["reachable"])
            if not same:
                sys.exit(_diff(name, json.dumps(_shape(a)).encode(), json.dumps(_shape(b)).encode()))
            print(f"  {name}: same structure ({', '.join(a)})")
        else:
            if b1 != b2:
                sys.exit(_diff(name, b1, b2))
            detail = ""
            if name == "strategies":
                page = json.loads(b1)
                if len(page["items"]) != 50 or not page["next_cursor"]:
                    sys.exit(f"strategies: expected a full page of 50 with a next cursor, got {len(page['items'])}")
                invalid = sum(not item["validation"]["valid"] for item in page["items"])
                detail = f", 50 items ({invalid} with validation errors) and a next cursor"
            print(f"  {name}: byte-identical ({len(b1):,} bytes{detail})")


# --- load -------------------------------------------------------------------------------------------

@dataclass
class Run:
    rps: float
    cpu_ms: float  # server CPU per request
    gc_ms: float  # of which in the cyclic garbage collector
    p50_ms: float
    failed: int


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


@dataclass
class Wrk:
    requests: int  # responses received, whatever their status
    rps: float
    p50_ms: float
    failed: int  # non-2xx responses and socket errors (connect, read, write, timeout)


def wrk(url: str, token: str | None, seconds: int, connections: int) -> Wrk:
    """One wrk run. Failures are counted, not fatal (an overloaded server may shed load, e.g. a 503
    when no pooled connection frees up within DB_TIMEOUT_SECONDS), unless they are over 5%."""
    cmd = ["taskset", "-c", LOAD_CPU, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s",
           "--latency", url]
    if token:
        cmd[5:5] = ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    failed = (int(bad.group(1)) if bad else 0) + (sum(map(int, re.findall(r"\d+", errors.group(1)))) if errors else 0)
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    if failed > 0.05 * max(requests, 1):
        sys.exit(f"wrk: over 5% failures on {url}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out)
    return Wrk(requests, rps, float(p50.group(1)) * _UNITS[p50.group(2)] if p50 else float("nan"), failed)


def measure(server: Server, path: str, token: str | None, seconds: int, connections: int) -> Run:
    """One measured wrk run after a warm-up. CPU is counted from an idle server to the server idle
    again: when wrk stops, each connection still has one request in flight, which the server finishes
    (nothing cancels it); those are counted as served, so a slow endpoint's tail is not billed to
    the requests wrk saw."""
    wrk(server.base + path, token, WARMUP_SECONDS, connections)
    cpu_before, gc_before = server.wait_idle()
    run = wrk(server.base + path, token, seconds, connections)
    cpu_after, gc_after = server.wait_idle()
    served = run.requests + connections
    return Run(run.rps, 1000 * (cpu_after - cpu_before) / served, 1000 * (gc_after - gc_before) / served,
               run.p50_ms, run.failed)


def load(ours: Server, twin: Server, token: str, only: list[str], rounds: int, seconds: int,
         connections: int) -> dict[str, dict[str, list[Run]]]:
    runs: dict[str, dict[str, list[Run]]] = {name: {"ours": [], "twin": []} for name in only}
    for r in range(rounds):
        for i, name in enumerate(only):
            path, auth = ENDPOINTS[name]
            order = (ours, twin) if (r + i) % 2 == 0 else (twin, ours)
            for server in order:
                run = measure(server, path, token if auth else None, seconds, connections)
                runs[name][server.name].append(run)
                print(f"  round {r + 1}/{rounds} {name:<10} {server.name:<4} {_rate(run.rps):>9} req/s "
                      f"{run.cpu_ms:8.3f} CPU ms/req (GC {run.gc_ms:7.3f})  p50 {run.p50_ms:7.2f} ms"
                      + (f"  {run.failed} FAILED" if run.failed else ""), flush=True)
    return runs


def _rate(rps: float) -> str:
    return f"{rps:,.1f}" if rps < 100 else f"{rps:,.0f}"


def report(runs: dict[str, dict[str, list[Run]]]) -> dict[str, tuple[float, float]]:
    """Prints the table; returns each endpoint's median CPU ms/req (ours, twin)."""
    med = statistics.median
    cpu: dict[str, tuple[float, float]] = {}
    print(f"\n{'endpoint':<28} {'ours req/s':>10} {'twin req/s':>10} {'ours/twin':>9} {'ours CPU ms/req':>15} "
          f"{'twin CPU ms/req':>15} {'ours-twin':>9} {'GC ms/req ours/twin':>19} {'p50 ms ours/twin':>17}")
    for name, by_app in runs.items():
        o, t = by_app["ours"], by_app["twin"]
        ratio = med(a.rps / b.rps for a, b in zip(o, t, strict=True))
        cpu[name] = (med(a.cpu_ms for a in o), med(b.cpu_ms for b in t))
        gcs = f"{med(a.gc_ms for a in o):.3f} / {med(b.gc_ms for b in t):.3f}"
        p50 = f"{med(a.p50_ms for a in o):.2f} / {med(b.p50_ms for b in t):.2f}"
        rates = f"{_rate(med(a.rps for a in o)):>10} {_rate(med(b.rps for b in t)):>10}"
        (mine, theirs) = cpu[name]
        print(f"{'GET ' + ENDPOINTS[name][0]:<28} {rates} {ratio:8.2f}x {mine:15.3f} {theirs:15.3f} "
              f"{mine - theirs:9.3f} {gcs:>19} {p50:>17}")
    print("(medians of the rounds; ours/twin: median of the per-round ratios; CPU ms/req: the server process's "
          "utime+stime per request served; GC: of that, in the cyclic garbage collector)")
    for name, by_app in runs.items():
        failed = {app: sum(r.failed for r in rs) for app, rs in by_app.items()}
        if any(failed.values()):
            print(f"failed requests (non-2xx or socket errors) on {name}: ours {failed['ours']}, twin {failed['twin']}"
                  " (see the server logs)")
    print("\ngoals (ours/twin req/s; in brackets the ratio the CPU per request implies for a core of its own, "
          "twin CPU / ours CPU, steadier on a shared machine):")
    for name, by_app in runs.items():
        ratio = med(a.rps / b.rps for a, b in zip(by_app["ours"], by_app["twin"], strict=True))
        implied = cpu[name][1] / cpu[name][0]
        print(f"  {name:<11} >= {GOALS[name]:.1f}x: {ratio:.2f}x ({implied:.2f}x)  "
              f"{'met' if ratio >= GOALS[name] else 'UNMET'}")
    return cpu


# --- profile ----------------------------------------------------------------------------------------

_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>.*?)(?::(?P<line>\d+))?\)$")

# Owners of frames, by path; the innermost owned frame of a sample decides its component. Frames of
# other libraries (jsonschema, werkzeug, ...), pydantic, the stdlib and shared helpers count for their
# caller: jsonschema under domain.strategy.graph is graph validation, under connexion/ it is Connexion's.
_OWNERS = (
    ("/domain/strategy/graph.py", "handler: validate_graph + validation_result"),
    ("/handlers/", "handler: glue (handlers/*, services/*, domain/*)"),
    ("/services/", "handler: glue (handlers/*, services/*, domain/*)"),
    ("/domain/", "handler: glue (handlers/*, services/*, domain/*)"),
    ("/ex7/wire.py", "handler: json encode (orjson)"),
    ("/bench/_twin.py", "twin: handler"),
    ("/db/", "db: aiopg/psycopg2 + db/*"),
    ("/aiopg/", "db: aiopg/psycopg2 + db/*"),
    ("/psycopg2/", "db: aiopg/psycopg2 + db/*"),
    ("/jwt/", "auth: JWT verify + seen users"),
    ("/ex7/auth.py", "auth: JWT verify + seen users"),
    ("/ex7/deps.py", "auth: JWT verify + seen users"),
    ("/ex7/app.py", "ours: _Ex7Scope middleware (+ AllowedMethods)"),
    ("/ex7/routes.py", "ours: _Ex7Scope middleware (+ AllowedMethods)"),
    ("/ex7/validation.py", "connexion: parameter validation"),
    ("/ex7/", "ours: other ex7/*"),
    ("/connexion/middleware/security.py", "connexion: security"),
    ("/connexion/security.py", "connexion: security"),
    ("/connexion/middleware/request_validation.py", "connexion: parameter validation"),
    ("/connexion/validators/", "connexion: parameter validation"),
    ("/connexion/uri_parsing.py", "connexion: parameter validation"),
    ("/connexion/middleware/routing.py", "connexion: routing"),
    ("/connexion/middleware/swagger_ui.py", "connexion: swagger UI middleware (its router, every request)"),
    ("/connexion/middleware/context.py", "connexion: request context"),
    ("/connexion/context.py", "connexion: request context"),
    ("/connexion/decorators/", "connexion: handler decorators (parameters in, response out)"),
    ("/connexion/lifecycle.py", "connexion: handler decorators (parameters in, response out)"),
    ("/connexion/frameworks/", "connexion: handler decorators (parameters in, response out)"),
    ("/connexion/apps/asynchronous.py", "connexion: handler decorators (parameters in, response out)"),
    ("/connexion/", "connexion: middleware chain (other)"),
    ("/starlette/", "starlette: responses, error middleware"),
    ("/uvicorn/", "uvicorn + httptools"),
    ("/httptools/", "uvicorn + httptools"),
)
# Helpers that several layers call: their time counts for the layer that called them.
_CALLER_PAYS = ("/starlette/routing.py", "/starlette/requests.py", "/starlette/datastructures.py",
                "/starlette/_utils.py", "/starlette/formparsers.py", "/connexion/utils.py",
                "/connexion/operations/openapi.py", "/connexion/operations/abstract.py",
                "/connexion/datastructures.py")
_HANDLER_OWNERS = ("handler:", "twin:")
_STDLIB = str(Path(os.__file__).parent)
_EVENT_LOOP = "asyncio event loop (selector, callbacks, transports)"


def component(stack: list[tuple[str, str]]) -> str:
    """The component a sample (frames root first) belongs to.

    Walking from the leaf: frames that own nothing are transparent, but stdlib json and pydantic
    leave a mark (json encoding, json decoding, pydantic validation or dumping). The first owned frame
    decides; a mark turns handler code into its handler-work category and DB-client code calling
    json.loads into jsonb decoding. Reaching the event loop's callback runner first: the event loop.
    """
    mark = None
    for func, path in reversed(stack):
        if (path.endswith("asyncio/events.py") and func == "Handle._run") or (path.endswith(
                "asyncio/base_events.py") and func in ("BaseEventLoop._run_once", "_run_once")):
            return _EVENT_LOOP
        if path.startswith(_STDLIB + "/") and "site-packages" not in path:
            if mark is None and path.endswith(("json/encoder.py", "json/__init__.py")) and func in (
                    "dumps", "JSONEncoder.encode", "JSONEncoder.iterencode"):
                mark = "json encode"
            elif mark is None and (path.endswith("json/decoder.py") or (path.endswith("json/__init__.py")
                                                                          and func == "loads")):
                mark = "json decode"
            continue
        if "/pydantic" in path or "/generated/" in path:
            if mark is None:
                mark = "model_dump" if "model_dump" in func else "model build"
            continue
        owner = None if path.endswith(_CALLER_PAYS) else next((o for prefix, o in _OWNERS if prefix in path), None)
        if owner is None:
            continue
        if owner.startswith(_HANDLER_OWNERS) and mark in ("json encode", "model_dump", "model build"):
            return {"json encode": "handler: json encode (json.dumps)", "model_dump": "handler: model_dump",
                    "model build": "handler: model build (pydantic validation)"}[mark]
        if owner.startswith("db:") and mark == "json decode":
            return "db: jsonb decode (json.loads)"
        return owner
    return _EVENT_LOOP


def parse_raw(path: Path) -> tuple[Counter[str], Counter[str], int]:
    """Samples per component and per leaf function, and the total, from py-spy's raw format."""
    by_component: Counter[str] = Counter()
    by_leaf: Counter[str] = Counter()
    for line in path.read_text().splitlines():
        stack_text, _, count_text = line.rpartition(" ")
        if not stack_text or not count_text.isdigit():
            continue
        frames = []
        for frame in stack_text.split(";"):
            m = _FRAME.match(frame)
            frames.append((m.group("func"), m.group("file")) if m else (frame, ""))
        count = int(count_text)
        by_component[component(frames)] += count
        func, file = frames[-1]
        if func.endswith("on_gc") and file.endswith("api_throughput.py"):
            # py-spy shows part of the collector's time in the frame of count_gc's callback.
            by_leaf["(cyclic GC, seen in count_gc's callback)"] += count
        else:
            by_leaf[f"{func} ({file.rsplit('/site-packages/', 1)[-1].replace(str(ROOT) + '/', '')})"] += count
    return by_component, by_leaf, sum(by_component.values())


def profile(server: Server, name: str, token: str | None, seconds: int, connections: int, outdir: Path,
            cpu_ms: float) -> None:
    """py-spy on `server` while wrk loads endpoint `name`; prints where its CPU goes, by component."""
    pyspy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if pyspy is None:
        print(f"\nprofile: skipped, py-spy is missing ({Path(sys.executable).parent}/pip install py-spy)")
        return
    path, auth = ENDPOINTS[name]
    out = outdir / f"{server.name}-{name}.pyspy.txt"
    wrk(server.base + path, token if auth else None, WARMUP_SECONDS, connections)
    cpu_before, gc_before = server.wait_idle()
    spy = subprocess.Popen([pyspy, "record", "--pid", str(server.proc.pid), "--duration", str(seconds + 1),
                            "--rate", str(PROFILE_HZ), "--format", "raw", "--full-filenames", "-o", str(out)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    rps = wrk(server.base + path, token if auth else None, seconds, connections).rps
    _, err = spy.communicate()
    cpu_after, gc_after = server.wait_idle()
    if spy.returncode != 0 or not out.exists():
        print(f"\nprofile of {server.name} on {name}: py-spy failed: {err.strip()[-500:]}")
        return
    by_component, by_leaf, total = parse_raw(out)
    gc_share = (gc_after - gc_before) / max(cpu_after - cpu_before, 1e-9)
    print(f"\nprofile of {server.name} on GET {path}: {total:,} samples at {PROFILE_HZ} Hz, {_rate(rps)} req/s under "
          f"py-spy; ms/req = share x {cpu_ms:.3f} CPU ms/req (the unprofiled median)")
    print(f"  {'component':<62} {'share':>6} {'ms/req':>8}")
    for comp, n in by_component.most_common():
        print(f"  {comp:<62} {100 * n / total:5.1f}% {cpu_ms * n / total:8.3f}")
    groups: Counter[str] = Counter()
    for comp, n in by_component.items():
        groups[comp.split(":")[0]] += n
    print("  by layer: " + ", ".join(f"{g} {100 * n / total:.1f}% ({cpu_ms * n / total:.3f} ms)"
                                     for g, n in groups.most_common()))
    print(f"  cyclic GC during this run: {100 * gc_share:.1f}% of the server's CPU ({cpu_ms * gc_share:.3f} ms/req); "
          "py-spy books it to whichever frame allocated, inside the rows above")
    print("  hottest frames (self time):")
    for leaf, n in by_leaf.most_common(15):
        print(f"    {100 * n / total:5.1f}%  {leaf}")


# --- main -------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="load rounds per app and endpoint; medians reported")
    parser.add_argument("--duration", type=int, default=10, help="seconds of each measured wrk run")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (one wrk thread)")
    parser.add_argument("--dsn", default=os.environ.get("TEST_DATABASE_URL")
                        or "postgresql://postgres@127.0.0.1:5432/postgres",
                        help="a PostgreSQL server to create the benchmark database on (its database part is ignored)")
    parser.add_argument("--only", default="strategies,health,tiers", help="comma-separated endpoints to measure")
    parser.add_argument("--profile", default="strategies,tiers",
                        help="endpoints to profile ours on with py-spy after the load rounds ('none': no profile)")
    parser.add_argument("--profile-twin", action="store_true", help="profile the twin too, for comparison")
    parser.add_argument("--default-gc", action="store_true",
                        help="leave Python's collector as it is in both servers (default: ex7.server.tune_gc)")
    parser.add_argument("--serve", choices=("ours", "twin"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port)
        return
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    profile_names = [name.strip() for name in args.profile.split(",") if name.strip() not in ("", "none")]
    if unknown := set(only + profile_names) - set(ENDPOINTS):
        parser.error(f"unknown endpoint(s) {', '.join(sorted(unknown))}; choose from {', '.join(ENDPOINTS)}")
    for tool in ("wrk", "taskset"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install -y {'wrk' if tool == 'wrk' else 'util-linux'}")

    from ex7 import tokens

    secret = "bench-" + secrets.token_hex(24)
    token = tokens.mint(secret, email=EMAIL, ttl=6 * 3600)
    workdir = Path(tempfile.mkdtemp(prefix="ex7-api-bench-"))
    print(f"machine: {os.cpu_count()} cores; servers on core {SERVER_CPU}, wrk on core {LOAD_CPU}; "
          f"wrk -t1 -c{args.connections} -d{args.duration}s after {WARMUP_SECONDS} s warm-up, {args.rounds} rounds")
    with bench_database(args.dsn) as dsn:
        # Rate limits off: wrk from one address would mostly measure 429s (the twin has none).
        env = {**os.environ, "DATABASE_URL": dsn, "SUPABASE_JWT_SECRET": secret, "EX7_FEED": "none",
               "EX7_DEV": "false", "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT),
               "EX7_RATE_LIMIT_PUBLIC": "off", "EX7_RATE_LIMIT_WRITES": "off",
               "EX7_BENCH_GC": "default" if args.default_gc else "tuned"}
        servers: list[Server] = []
        try:
            ours = Server("ours", env, workdir)
            servers.append(ours)
            twin = Server("twin", env, workdir)
            servers.append(twin)
            seed(ours.base, token)
            print(f"data: {STRATEGIES} strategies of {EMAIL} created through POST /api/strategies on ours")
            print("same answers:")
            check_same(ours, twin, token, only)
            print("load:")
            runs = load(ours, twin, token, only, args.rounds, args.duration, args.connections)
            cpu = report(runs)
            profiled = [ours, twin] if args.profile_twin else [ours]
            for name in profile_names:
                if name in only:
                    for server in profiled:
                        profile(server, name, token, args.duration, args.connections, workdir,
                                cpu[name][0 if server is ours else 1])
        finally:
            for server in servers:
                server.stop()
    print(f"\nserver logs and raw profiles (not to be committed): {workdir}")


if __name__ == "__main__":
    main()
