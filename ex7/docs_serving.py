"""Serving the built docs site (ex7/docs_site.py builds it) at /docs/, in front of the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from ex7 import problems
from ex7.docs_site import PREFIX, is_built
from ex7.middleware import send_problem


class DocsSite:
    """Serves the built site at /docs/ (GET and HEAD); every other path goes straight on.

    `/docs` redirects to `/docs/`; before the site is built, /docs/... answers 503 problem+json saying how
    to build it. Files come only from inside the folder (Starlette's StaticFiles resolves the path and
    refuses anything outside it); a path with a segment starting with a dot (`..`, the stamp) is 404."""

    def __init__(self, app: ASGIApp, directory: Path) -> None:
        self.app = app
        self.directory = directory
        self.files = StaticFiles(directory=directory, html=True, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path != PREFIX and not path.startswith(PREFIX + "/"):
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            await send_problem(problems.problem(405, f"{scope['method']} is not allowed here; allowed: GET, HEAD",
                                                headers={"Allow": "GET, HEAD"}), scope, receive, send)
            return
        if path == PREFIX:
            await RedirectResponse(PREFIX + "/", status_code=308)(scope, receive, send)
            return
        if any(part.startswith(".") for part in path[len(PREFIX) + 1:].split("/")):
            raise HTTPException(404)
        if not is_built(self.directory):
            await send_problem(problems.problem(
                503, f"The docs site is not built: run `ex7 docs build` (it writes {self.directory}).",
                code="service_unavailable", headers={"Retry-After": "60"}), scope, receive, send)
            return

        async def send_cacheable(message: Any) -> None:
            if message["type"] == "http.response.start":  # revalidated (ETag), not kept: a rebuild shows at once
                message = {**message, "headers": [*message.get("headers", []), (b"cache-control", b"no-cache")]}
            await send(message)

        await self.files({**scope, "root_path": scope.get("root_path", "") + PREFIX}, receive, send_cacheable)
