"""The app factory: Connexion 3 AsyncApp over the contract, with our validators and error mapping."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import yaml
from connexion import AsyncApp
from connexion.exceptions import ProblemException
from connexion.middleware import MiddlewarePosition
from connexion.middleware.request_validation import RequestValidationMiddleware
from connexion.middleware.swagger_ui import SwaggerUIMiddleware
from connexion.options import SwaggerUIOptions
from connexion.resolver import RelativeResolver
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from db.errors import DatabaseUnavailable
from domain.errors import DomainError
from ex7 import problems
from ex7.clock import Clock
from ex7.deps import Deps, alert_transports, build_deps
from ex7.docs_serving import DocsSite
from ex7.invocation import InvokerApi
from ex7.middleware import (
    BodyLimit,
    ClientDisconnected,
    RateLimit,
    ResendSignature,
    ResponseHeaders,
    StripeSignature,
    send_problem,
)
from ex7.ratelimit import TokenBuckets, parse_rate
from ex7.routes import AllowedMethods
from ex7.scope import SCOPE_KEY
from ex7.settings import Settings
from ex7.stream.hub import StreamHub
from ex7.validation import VALIDATOR_MAP, RequestValidation
from ex7.workers.alerts import build_alert_worker
from ex7.workers.dispatcher import build_dispatcher
from ex7.workers.feeds import build_feed
from ex7.workers.housekeeping import build_housekeeping
from ex7.workers.supervisor import Supervisor

SPEC_DIR = Path(__file__).resolve().parent.parent / "openapi"
SPEC_FILE = SPEC_DIR / "openapi.yaml"
DOCS_PATH = "/api/docs"
SPEC_PATH = "/openapi.json"  # also served at /api/openapi.json (_Ex7Scope)
STRIPE_WEBHOOK_PATH = "/api/billing/webhook"
RESEND_WEBHOOK_PATH = "/api/alerts/webhooks/resend"

log = logging.getLogger(__name__)


class HandlersResolver(RelativeResolver):
    """operationId `<tag>.<function>` -> `handlers.<tag>.<function>`; one not written yet -> the 501 handler.

    Only a handler module that does not exist, or a function missing from one that does, resolves to
    the 501 handler. Any error while importing a handler module (a missing dependency, a circular
    import) fails start-up: Connexion's own resolver turns it into a "cannot resolve" that the 501
    fallback would hide, making a whole tag 501 at run time.
    """

    def __init__(self, root: str = "handlers") -> None:
        super().__init__(root)
        self.not_implemented: list[str] = []

    def resolve_function_from_operation_id(self, operation_id: str) -> Any:
        module_name, _, function = operation_id.rpartition(".")
        if importlib.util.find_spec(module_name) is not None:
            module = importlib.import_module(module_name)  # errors inside the module propagate
            if hasattr(module, function):
                return getattr(module, function)
        from handlers.not_implemented import not_implemented

        name = operation_id.removeprefix(f"{self.root_path}.")
        if name not in self.not_implemented:  # each layer of Connexion's stack resolves every operation
            self.not_implemented.append(name)
        return not_implemented


class _Ex7Scope:
    """Puts the app's dependencies into every request scope, serves the spec at /api/openapi.json too,
    and answers 405 itself for a method the contract does not define on a path (see ex7/routes.py)."""

    def __init__(self, app: ASGIApp, deps: Deps, allowed_methods: AllowedMethods) -> None:
        self.app = app
        self.deps = deps
        self.allowed_methods = allowed_methods

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            scope[SCOPE_KEY] = self.deps
            if scope["path"] == "/api" + SPEC_PATH:
                scope = {**scope, "path": SPEC_PATH, "raw_path": SPEC_PATH.encode()}
            allowed = self.allowed_methods(scope["path"])
            if allowed and scope["method"] not in allowed:
                detail = f"{scope['method']} is not allowed here; allowed: {', '.join(allowed)}"
                problems.log.warning("%s %s -> 405", scope["method"], scope["path"])
                await send_problem(problems.problem(405, detail, headers={"Allow": ", ".join(allowed)}),
                                   scope, receive, send)
                return
        await self.app(scope, receive, send)


class _DocsOnlySwaggerUI(SwaggerUIMiddleware):
    """Connexion's Swagger UI middleware sends every request through its router (docs, static files,
    the spec) before passing it on; only those paths are its business, the rest goes straight on."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and (path.startswith(DOCS_PATH) or path == SPEC_PATH):
            await super().__call__(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def load_spec() -> dict[str, Any]:
    """The contract, with its paths ordered so that literal segments are routed before templates.

    Routes are tried in order: `/api/signals/{signal_id}` listed before `/api/signals/health` would
    swallow it (and demand a token for a public operation).
    """
    spec: dict[str, Any] = yaml.safe_load(SPEC_FILE.read_text())

    def specificity(path: str) -> list[tuple[int, str]]:
        return [(1 if segment.startswith("{") else 0, segment) for segment in path.split("/")]

    spec["paths"] = dict(sorted(spec["paths"].items(), key=lambda item: specificity(item[0])))
    return spec


class Ex7App(AsyncApp):
    """The Connexion app, with the dependencies it was built with (the server ends its streams at shutdown)."""

    deps: Deps


def create_app(settings: Settings, dsn: str, *, validate_responses: bool | None = None,
               clock: Clock | None = None) -> Ex7App:
    """The API. With EX7_FEED set to synthetic or replay, the lifespan also runs that market-data feed
    (ex7.workers.feeds) under the app's supervisor, and with EX7_DISPATCHER the signal dispatcher
    (ex7.workers.dispatcher); unset means neither here (`ex7 serve` defaults them to synthetic and on).
    `clock` (default: the system clock) is what the API, the feed and the dispatcher take as now."""
    deps = build_deps(settings, dsn, clock)
    feed = build_feed(settings, dsn, deps.clock)  # built now: a bad setting fails before serving
    spec = load_spec()

    resolver = HandlersResolver()
    supervisor = deps.supervisor = Supervisor(dsn, clock=deps.clock, backoff=settings.ex7_restart_backoff_seconds,
                                              db_timeout=settings.db_timeout_seconds)
    if feed is not None:
        supervisor.add(f"feed-{feed.name}", feed.run)
    if settings.ex7_dispatcher:
        supervisor.add("dispatcher", build_dispatcher(settings, dsn, deps.clock, supervisor.worker_id).run)
        supervisor.add("housekeeping", build_housekeeping(settings, dsn, deps.tiers).run)
    if settings.ex7_alerts:
        alert_transports(settings)  # a bad provider setting fails before serving
        supervisor.add("alerts", build_alert_worker(settings, dsn, deps.clock, supervisor.worker_id, deps.alerts,
                                                    lambda: alert_transports(settings)).run)
    hub = deps.hub = StreamHub(dsn, supervisor=supervisor, poll_seconds=settings.ex7_stream_poll_seconds,
                         listen=settings.ex7_stream_listen, buffer=settings.ex7_stream_buffer,
                         per_user=settings.ex7_stream_max_per_user, connect_timeout=settings.db_timeout_seconds)

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        if resolver.not_implemented:
            log.info("%d operations answer 501 until implemented: %s", len(resolver.not_implemented),
                     ", ".join(resolver.not_implemented))
        await supervisor.start()
        try:
            yield
        finally:
            hub.end_all()
            await supervisor.stop()
            await deps.close()

    app = Ex7App(__name__, specification_dir=SPEC_DIR, lifespan=lifespan)
    app.deps = deps
    app._middleware_app.api_cls = InvokerApi  # handlers called with what validation parsed (ex7.invocation)
    app.add_api(
        spec,
        resolver=resolver,
        strict_validation=True,
        validate_responses=settings.ex7_dev if validate_responses is None else validate_responses,
        validator_map=VALIDATOR_MAP,
        swagger_ui_options=SwaggerUIOptions(swagger_ui_path=DOCS_PATH, spec_path=SPEC_PATH),
    )
    # Outermost first: headers on every answer, then scope and 405s, then the body limit; the rate limit
    # sits after routing and security (it needs the operation and the user), before validation.
    app.add_middleware(ResponseHeaders, position=MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(_Ex7Scope, position=MiddlewarePosition.BEFORE_EXCEPTION, deps=deps,
                       allowed_methods=AllowedMethods(spec))
    app.add_middleware(BodyLimit, position=MiddlewarePosition.BEFORE_EXCEPTION, limit=settings.ex7_max_body_bytes)
    # The docs site (ex7/docs_serving.py) at /docs/, inside the exception handling (a missing file is a problem+json
    # 404) and before Swagger UI and routing, which never see its paths.
    app.add_middleware(DocsSite, position=MiddlewarePosition.BEFORE_SWAGGER, directory=settings.docs_dir)
    app.add_middleware(RateLimit, position=MiddlewarePosition.BEFORE_VALIDATION, spec=spec, limits={
        kind: TokenBuckets(*rate) if (rate := parse_rate(text)) else None
        for kind, text in (("ip", settings.ex7_rate_limit_public), ("user", settings.ex7_rate_limit_writes))
    })
    secret = settings.stripe_webhook_secret
    app.add_middleware(StripeSignature, position=MiddlewarePosition.BEFORE_VALIDATION, path=STRIPE_WEBHOOK_PATH,
                       secret=secret.get_secret_value() if secret else None)
    resend = settings.resend_webhook_secret
    app.add_middleware(ResendSignature, position=MiddlewarePosition.BEFORE_VALIDATION, path=RESEND_WEBHOOK_PATH,
                       secret=resend.get_secret_value() if resend else None)
    middlewares = app.middleware.middlewares
    middlewares[middlewares.index(SwaggerUIMiddleware)] = _DocsOnlySwaggerUI
    middlewares[middlewares.index(RequestValidationMiddleware)] = RequestValidation
    app.add_error_handler(ClientDisconnected, problems.on_client_disconnected)
    app.add_error_handler(DomainError, problems.on_domain_error)
    app.add_error_handler(DatabaseUnavailable, problems.on_database_unavailable)
    app.add_error_handler(ProblemException, problems.on_connexion_problem)
    app.add_error_handler(HTTPException, problems.on_http_exception)
    app.add_error_handler(Exception, problems.on_unexpected)
    return app
