"""The `ex7` command: serve, worker, migrate, token, bars import, docs build."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg2
from pydantic import SecretStr

from ex7 import __version__, db_check
from ex7.settings import Settings, SettingsError

# Connexion imports starlette's test client at start-up, which warns about httpx on every `ex7` run:
# noise for the person reading the console, about a module the service never uses.
warnings.filterwarnings("ignore", message=r".*starlette\.testclient.*")


def _configure_logging(level: str) -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
                        datefmt="%Y-%m-%dT%H:%M:%S")
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        # pgserver logs every initdb / pg_ctl command line and its whole output at INFO, at start and at
        # exit: forty lines of plumbing before the URL a person is waiting for. Its warnings and errors
        # (a failed start shows the server log) still come through; LOG_LEVEL=DEBUG shows everything.
        logging.getLogger("pgserver").setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))
        # Importing pgserver asks platformdirs for a runtime folder, which warns when XDG_RUNTIME_DIR is
        # unset (any container, CI) and falls back to /tmp: nothing for the person to act on.
        warnings.filterwarnings("ignore", message=r"XDG_RUNTIME_DIR is not set")


def _database(settings: Settings) -> tuple[str, Any]:
    """The DSN to use and, when embedded, the server handle to keep alive."""
    if settings.database_url is not None:
        dsn = settings.database_url.get_secret_value()
        # Once, before anything uses it: an unreachable server is one line saying what to do, not a traceback.
        db_check.check(dsn, timeout=settings.db_timeout_seconds)
        return dsn, None
    from ex7.embedded import start_embedded

    print(f"No DATABASE_URL: starting an embedded PostgreSQL in {settings.ex7_data_dir.resolve()} ...", flush=True)
    return start_embedded(settings.ex7_data_dir)


def _with_dev_secret(settings: Settings) -> Settings:
    """Without any configured key, a per-installation dev secret (kept in the data folder) signs tokens."""
    if settings.supabase_jwt_secret is None and settings.supabase_jwks_url is None:
        from ex7.embedded import dev_secret

        return settings.model_copy(update={"supabase_jwt_secret": SecretStr(dev_secret(settings.ex7_data_dir))})
    return settings


def cmd_migrate(settings: Settings, _args: argparse.Namespace) -> int:
    from db.migrate import migrate

    dsn, _server = _database(settings)
    applied = migrate(dsn, progress=lambda msg: print(msg, flush=True))
    print(f"migrations applied: {len(applied)}" if applied else "database is up to date")
    return 0


def cmd_token(settings: Settings, args: argparse.Namespace) -> int:
    from ex7 import tokens

    if settings.supabase_jwt_secret is None and settings.supabase_jwks_url is not None:
        print("ex7 token: only SUPABASE_JWKS_URL is configured; tokens come from your identity provider.",
              file=sys.stderr)
        return 2
    settings = _with_dev_secret(settings)
    assert settings.supabase_jwt_secret is not None
    print(tokens.mint(settings.supabase_jwt_secret.get_secret_value(), email=args.email, admin=args.admin,
                      ttl=args.ttl, audience=settings.supabase_jwt_audience, issuer=settings.supabase_jwt_issuer))
    return 0


def _feed_summary(settings: Settings) -> str:
    if settings.ex7_feed == "synthetic":
        return (f"synthetic feed of {settings.ex7_feed_instruments} (seed {settings.ex7_feed_seed}, "
                f"backfilling {settings.ex7_feed_backfill_days} trading days); EX7_FEED=none turns it off")
    if settings.ex7_feed == "replay":
        what = settings.ex7_replay_file or "the stored bars"
        return f"replay of {what} at {settings.ex7_replay_speed:g}x ({settings.ex7_feed_instruments})"
    return "no feed (EX7_FEED=none): bars come from `ex7 bars import`"


def cmd_bars_import(settings: Settings, args: argparse.Namespace) -> int:
    from db.migrate import migrate
    from ex7 import bars_import

    servers: list[Any] = []

    def dsn() -> str:
        # Only once the file is known to be good: bad input never starts (or migrates) a database.
        url, server = _database(settings)
        servers.append(server)
        migrate(url, progress=lambda msg: print(msg, file=sys.stderr, flush=True))
        return url

    options = bars_import.ImportOptions(file=Path(args.file), instrument=args.instrument.upper(),
                                        timeframe=args.timeframe, aggregate=args.aggregate, progress=args.progress)
    try:
        return bars_import.run(dsn, options)
    finally:
        servers.clear()


def cmd_docs_build(settings: Settings, args: argparse.Namespace) -> int:
    from ex7 import docs_site

    out = Path(args.out) if args.out else settings.docs_dir
    try:
        docs_site.build(out, if_stale=args.if_stale, progress=lambda msg: print(msg, flush=True))
    except docs_site.DocsBuildError as exc:
        print(f"ex7 docs build: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:

    from db.migrate import migrate
    from ex7 import tokens
    from ex7.app import create_app
    from ex7.docs_site import is_built
    from ex7.server import Server, build_config, tune_gc

    if args.dev:
        settings = settings.model_copy(update={"ex7_dev": True})
    if settings.ex7_feed is None:
        settings = settings.model_copy(update={"ex7_feed": "synthetic"})  # a newcomer sees live bars
    if settings.ex7_dispatcher is None:
        settings = settings.model_copy(update={"ex7_dispatcher": True})  # ... and started strategies fire
    if settings.ex7_alerts is None:
        settings = settings.model_copy(update={"ex7_alerts": True})  # ... and alert their subscribers
    embedded = settings.database_url is None
    settings = _with_dev_secret(settings)
    dsn, server = _database(settings)
    migrate(dsn, progress=lambda msg: print(msg, flush=True))
    try:
        app = create_app(settings, dsn)
    except SettingsError as exc:  # EX7_FEED_INSTRUMENTS, EX7_TIERS_FILE, ...
        print(f"ex7 serve: {exc}", file=sys.stderr)
        return 2
    base = f"http://{args.host}:{args.port}"
    print(f"EX7 {__version__} serving on {base}", flush=True)
    print(f"  docs: {base}/docs/ (guides and the API reference)"
          + ("" if is_built(settings.docs_dir) else "; not built yet: run `ex7 docs build`"), flush=True)
    print(f"  API docs: {base}/api/docs   contract: {base}/openapi.json", flush=True)
    print(f"  market data: {_feed_summary(settings)}", flush=True)
    dispatching = "a dispatcher runs here" if settings.ex7_dispatcher else "no dispatcher (EX7_DISPATCHER=false)"
    print(f"  signals: {dispatching}; `ex7 worker` adds more", flush=True)
    print(f"  alerts: {_alerts_summary(settings)}", flush=True)
    if (embedded or settings.ex7_dev) and settings.supabase_jwt_secret is not None:
        token = tokens.mint(settings.supabase_jwt_secret.get_secret_value(), email="demo@ex7.dev",
                            ttl=7 * 24 * 3600, audience=settings.supabase_jwt_audience,
                            issuer=settings.supabase_jwt_issuer)
        print("  dev token (demo@ex7.dev, 7 days):", flush=True)
        print(f"  export EX7_TOKEN={token}", flush=True)
        print(f'  curl -H "Authorization: Bearer $EX7_TOKEN" {base}/api/instruments', flush=True)
    http = Server(build_config(app, host=args.host, port=args.port, log_level=settings.log_level,
                                       header_timeout=settings.ex7_header_timeout_seconds,
                                       body_timeout=settings.ex7_body_timeout_seconds))
    # uvicorn shuts down gracefully on SIGINT or SIGTERM, then raises the signal again for the previous
    # handler: KeyboardInterrupt for SIGINT, and for SIGTERM by default death on the spot, which skips
    # the atexit hook that stops the embedded PostgreSQL (left running, holding its data folder).
    previous = signal.signal(signal.SIGTERM, _terminated)
    tune_gc()
    try:
        http.run()
    except (KeyboardInterrupt, _Terminated):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        del server
    return 0 if http.started else 3  # 3: uvicorn's "could not start" (port taken, start-up failed)


def _alerts_summary(settings: Settings) -> str:
    if not settings.ex7_alerts:
        return "no alert worker (EX7_ALERTS=false)"
    kinds = ["webhook"]
    if settings.ex7_email_provider != "none":
        kinds.append(f"email via {settings.ex7_email_provider}")
    if settings.telegram_bot_token is not None:
        kinds.append(f"telegram as @{settings.telegram_bot_username}")
    allowed = f"; webhook targets also in {settings.ex7_webhook_allow_networks}" \
        if settings.ex7_webhook_allow_networks else ""
    return f"a delivery worker runs here ({', '.join(kinds)}){allowed}"


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    """The signal dispatcher and the alert worker (EX7_ALERTS=false: the dispatcher alone), without the
    API, under a supervisor (restarts, heartbeat); any number may run."""
    import asyncio

    from db.migrate import migrate
    from ex7.clock import SystemClock
    from ex7.deps import alert_transports, alerts_config, load_tiers
    from ex7.workers.alerts import build_alert_worker
    from ex7.workers.dispatcher import build_dispatcher
    from ex7.workers.housekeeping import build_housekeeping
    from ex7.workers.supervisor import Supervisor

    dsn, server = _database(settings)
    migrate(dsn, progress=lambda msg: print(msg, flush=True))
    clock = SystemClock()
    supervisor = Supervisor(dsn, clock=clock, kind="worker", backoff=settings.ex7_restart_backoff_seconds,
                            db_timeout=settings.db_timeout_seconds)
    supervisor.add("dispatcher", build_dispatcher(settings, dsn, clock, supervisor.worker_id).run)
    supervisor.add("housekeeping", build_housekeeping(settings, dsn, load_tiers(settings)).run)
    if settings.ex7_alerts is not False:
        try:
            config = alerts_config(settings)
            alert_transports(settings)  # a bad provider setting fails here, not in the loop
        except SettingsError as exc:
            print(f"ex7 worker: {exc}", file=sys.stderr)
            return 2
        supervisor.add("alerts", build_alert_worker(settings, dsn, clock, supervisor.worker_id, config,
                                                    lambda: alert_transports(settings)).run)
    alerting = "" if settings.ex7_alerts is False else " and sending alerts"
    print(f"EX7 {__version__} worker {supervisor.worker_id} dispatching signals{alerting} "
          f"(lease {settings.ex7_lease_seconds:g} s); Ctrl-C stops it and hands its runtimes over", flush=True)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await supervisor.start()
        try:
            await stop.wait()
        finally:
            await supervisor.stop()

    try:
        asyncio.run(run())
    finally:
        del server
    print("worker stopped; its leases are released", flush=True)
    return 0


class _Terminated(Exception):
    pass


def _terminated(_signum: int, _frame: object) -> None:
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ex7", description="EX7: strategies, signals, billing and alerts API.")
    parser.add_argument("--version", action="version", version=f"ex7 {__version__}")
    parser.add_argument("--data-dir", help="Data folder for the embedded database (env EX7_DATA_DIR, default ./.ex7).")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="Apply migrations and serve the API.")
    serve.add_argument("--host", default=os.environ.get("EX7_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("EX7_PORT", "8000")))
    serve.add_argument("--dev", action="store_true", help="Validate responses and print a dev token.")
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("worker", help="Run a signal dispatcher and an alert worker (run as many as you like).") \
        .set_defaults(func=cmd_worker)

    sub.add_parser("migrate", help="Apply pending database migrations.").set_defaults(func=cmd_migrate)

    token = sub.add_parser("token", help="Print a JWT signed with the configured HS256 secret.")
    token.add_argument("--email", required=True)
    token.add_argument("--admin", action="store_true", help="Add app_metadata.role = admin.")
    token.add_argument("--ttl", type=int, default=3600, help="Lifetime in seconds (default 3600).")
    token.set_defaults(func=cmd_token)

    bars = sub.add_parser("bars", help="Market data: bars.").add_subparsers(dest="bars_command", required=True)
    load = bars.add_parser(
        "import", help="Load an OHLCV CSV (Databento's, or ts,open,high,low,close,volume) into bars.",
        description="Validates the whole file first: any bad row is reported with its line number and nothing "
                    "is written. Then upserts everything in one transaction (idempotent) and rebuilds the higher "
                    "timeframes. Exit codes: 0 ok, 2 bad input.")
    load.add_argument("file", help="CSV file: Databento OHLCV (ts_event, ..., symbol) or ts,open,high,low,close,volume")
    load.add_argument("--instrument", required=True, help="MNQ, MES, NQ or ES")
    load.add_argument("--timeframe", required=True,
                      help="timeframe of the file's bars: 1m, 2m, 5m, 15m, 30m, 1h, 4h, 1d")
    load.add_argument("--no-aggregate", dest="aggregate", action="store_false",
                      help="do not rebuild the higher timeframes from the imported bars")
    load.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                      help="show a progress bar on stderr (default: when stderr is a terminal)")
    load.set_defaults(func=cmd_bars_import)

    docs = sub.add_parser("docs", help="The docs site (guides and the API reference) served at /docs/.") \
        .add_subparsers(dest="docs_command", required=True)
    docs_build = docs.add_parser(
        "build", help="Build the docs site into a folder (Redocly CLI for the reference, the guides' Markdown).",
        description="Builds the API reference from openapi/openapi.yaml (npx --no-install redocly) and the guides "
                    "of docs/guides into DIR, replacing what is there at once. Needs Node.js with the npm tools "
                    "installed (npm ci). Exit codes: 0 built or up to date, 1 failed.")
    docs_build.add_argument("--out", metavar="DIR", help="where to write it (default EX7_DOCS_DIR, else "
                                                          "<EX7_DATA_DIR>/docs, which `ex7 serve` serves)")
    docs_build.add_argument("--if-stale", action="store_true",
                            help="do nothing when the site there was built from the same sources")
    docs_build.set_defaults(func=cmd_docs_build)

    args = parser.parse_args(argv)
    settings = Settings()
    if args.data_dir:
        settings = settings.model_copy(update={"ex7_data_dir": Path(args.data_dir)})
    _configure_logging(settings.log_level)
    # A command with subcommands (bars, docs) keeps the chosen one in `<command>_command`.
    prog = " ".join(["ex7", args.command, *filter(None, [getattr(args, f"{args.command}_command", None)])])
    try:
        result: int = args.func(settings, args)
    except db_check.DatabaseUnusable as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    except psycopg2.OperationalError as exc:
        # The database going away after the check (between migrations, say) is one line too. Other errors
        # (a bug, a failing migration's SQL) keep their traceback: someone has to fix the code.
        dsn = settings.database_url.get_secret_value() if settings.database_url else None
        print(f"{prog}: {db_check.describe(exc, dsn) if dsn else 'database error: ' + db_check.one_line(str(exc))}",
              file=sys.stderr)
        return 1
    return result


if __name__ == "__main__":
    raise SystemExit(main())
