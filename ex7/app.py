"""The app factory: Connexion 3 AsyncApp over the contract, with our validators and error mapping."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from connexion import AsyncApp
from connexion.exceptions import ProblemException
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from connexion.resolver import RelativeResolver
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from db.errors import DatabaseUnavailable
from domain.errors import DomainError
from ex7 import problems
from ex7.services import SCOPE_KEY, Services, build_services
from ex7.settings import Settings
from ex7.validation import VALIDATOR_MAP

SPEC_DIR = Path(__file__).resolve().parent.parent / "openapi"
SPEC_FILE = SPEC_DIR / "openapi.yaml"

log = logging.getLogger(__name__)


class _Ex7Scope:
    """Puts the app's services into every request scope, and serves the spec at /api/openapi.json too."""

    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            scope[SCOPE_KEY] = self.services
            if scope["path"] == "/api/openapi.json":
                scope = {**scope, "path": "/openapi.json", "raw_path": b"/openapi.json"}
        await self.app(scope, receive, send)


def create_app(settings: Settings, dsn: str, *, validate_responses: bool | None = None) -> AsyncApp:
    services = build_services(settings, dsn)

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await services.close()

    app = AsyncApp(__name__, specification_dir=SPEC_DIR, lifespan=lifespan)
    app.add_api(
        SPEC_FILE.name,
        resolver=RelativeResolver("handlers"),
        resolver_error=501,  # operations whose issue has not landed answer 501 not_implemented
        strict_validation=True,
        validate_responses=settings.ex7_dev if validate_responses is None else validate_responses,
        validator_map=VALIDATOR_MAP,
        swagger_ui_options=SwaggerUIOptions(swagger_ui_path="/api/docs", spec_path="/openapi.json"),
    )
    app.add_middleware(_Ex7Scope, position=MiddlewarePosition.BEFORE_EXCEPTION, services=services)
    app.add_error_handler(DomainError, problems.on_domain_error)
    app.add_error_handler(DatabaseUnavailable, problems.on_database_unavailable)
    app.add_error_handler(ProblemException, problems.on_connexion_problem)
    app.add_error_handler(HTTPException, problems.on_http_exception)
    app.add_error_handler(Exception, problems.on_unexpected)
    return app
