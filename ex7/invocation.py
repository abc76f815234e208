"""How an operation's handler is called: once validated, with what validation already parsed.

Connexion 3.3 calls a handler through a chain of decorators that it builds anew for every request
(`AsyncOperation.fn` is a property), and that parses the query, the path and the body a second time
after the request validators have parsed them once. `Invoker` replaces that chain:

- the request validators (ex7.validation) leave what they parsed and checked in the request's scope:
  the path and query parameters (typed, as the contract says) and the body;
- the handler gets, by the names it declares: each path and query parameter (a query parameter left
  out takes the contract's default, else the handler's own), `body`, `token_info` and `user` (from
  Connexion's security); a declared parameter nobody can provide fails start-up;
- the ConnexionResponse it returns becomes a Starlette response, as Connexion would make it; a
  Starlette response (the event stream) is sent as it is.

Names: a parameter `from` (a Python keyword) reaches the handler as `from_`, `If-Match` as `if_match`.
Everything else about the request (headers, the client) the handler reads from `connexion.request`.
"""

from __future__ import annotations

import inspect
import keyword
from collections.abc import Callable
from typing import Any

from connexion.apps.asynchronous import AsyncApi, AsyncOperation
from connexion.lifecycle import ConnexionResponse
from connexion.operations import AbstractOperation
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

# Where the validators leave what they parsed (see ex7.validation).
PARAMS_KEY = "ex7.params"
BODY_KEY = "ex7.body"
_CONTEXT = ("token_info", "user")


def argument_name(name: str) -> str:
    """The Python name a contract parameter reaches its handler under."""
    python = name.replace("-", "_").lower() if "-" in name else name
    return python + "_" if keyword.iskeyword(python) else python


class Invoker(AsyncOperation):
    def __init__(self, fn: Callable[..., Any], *, operation: AbstractOperation, **kwargs: Any) -> None:
        super().__init__(fn, **kwargs)
        signature = inspect.signature(fn)
        accepts_any = any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values())
        wanted = set(signature.parameters)
        params = [p for p in operation.parameters if p["in"] in ("path", "query")]
        provided = {argument_name(p["name"]) for p in params} | {"body", *_CONTEXT}
        missing = [name for name, p in signature.parameters.items()
                   if p.default is p.empty and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
                   and name not in provided]
        if missing:
            raise TypeError(f"handler {operation.operation_id} wants {missing}, which no request provides")
        # (contract name, handler name, contract default or a marker) for the parameters it takes.
        self._params = [
            (p["name"], argument_name(p["name"]), p.get("schema", {}).get("default", _NO_DEFAULT))
            for p in params if accepts_any or argument_name(p["name"]) in wanted
        ]
        self._body = accepts_any or "body" in wanted
        self._context = [name for name in _CONTEXT if accepts_any or name in wanted]

    @classmethod
    def from_operation(cls, operation: AbstractOperation, *, pythonic_params: bool, jsonifier: Any) -> Invoker:
        return cls(operation.function, operation=operation, jsonifier=jsonifier,
                   operation_id=operation.operation_id, pythonic_params=pythonic_params)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        parsed: dict[str, Any] = scope.get(PARAMS_KEY) or {}
        kwargs: dict[str, Any] = {}
        for name, argument, default in self._params:
            if name in parsed:
                kwargs[argument] = parsed[name]
            elif default is not _NO_DEFAULT:
                kwargs[argument] = default
        if self._body and BODY_KEY in scope:
            kwargs["body"] = scope[BODY_KEY]
        context = scope.get("extensions", {}).get("connexion_context", {})
        for name in self._context:
            if name in context:
                kwargs[name] = context[name]
        answer: ConnexionResponse | Response = await self._fn(**kwargs)
        if not isinstance(answer, Response):
            answer = Response(answer.body, answer.status_code or 200, answer.headers, answer.content_type)
        await answer(scope, receive, send)


_NO_DEFAULT = object()


class InvokerApi(AsyncApi):
    def make_operation(self, operation: AbstractOperation) -> AsyncOperation:
        return Invoker.from_operation(operation, pythonic_params=self.pythonic_params, jsonifier=self.jsonifier)
