"""Where a request finds the app's dependencies: one key of its ASGI scope, set by ex7.app.

A leaf module (it imports nothing of ours at run time), so that anything below the app factory, the
auth hook included, can reach the dependencies without importing the module that builds them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request

if TYPE_CHECKING:
    from ex7.deps import Deps

SCOPE_KEY = "ex7.deps"


def deps_of(request: Request) -> Deps:
    deps: Deps = request.scope[SCOPE_KEY]
    return deps
