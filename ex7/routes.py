"""Which methods the contract allows on a concrete path (for 405 and its Allow header).

Connexion registers one route per operation and matches path templates loosely, so
`PUT /api/strategies/import` would reach `PUT /api/strategies/{strategy_id}` and fail as a bad id
(422), and a 405's Allow header only lists the first matching route's methods. Matching each
template with its parameters' own patterns gives the contract's answer: `import` is not a strategy
id, the path is the import operation's, and PUT is not one of its methods.
"""

from __future__ import annotations

import re
from typing import Any

_SEEN = 4096
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _segment_pattern(schema: dict[str, Any]) -> str:
    if "pattern" in schema:
        return "(?:" + schema["pattern"].removeprefix("^").removesuffix("$") + ")"
    if schema.get("type") == "integer":
        return r"-?[0-9]+"
    return "[^/]+"


class AllowedMethods:
    def __init__(self, spec: dict[str, Any]) -> None:
        self._routes: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
        self._seen: dict[str, list[str]] = {}
        schemas = spec.get("components", {}).get("schemas", {})
        for path, item in spec.get("paths", {}).items():
            params: dict[str, dict[str, Any]] = {}
            for method in _METHODS:
                for param in item.get(method, {}).get("parameters", []) if method in item else []:
                    if param.get("in") == "path":
                        schema = param.get("schema", {})
                        if "$ref" in schema:
                            schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
                        params[param["name"]] = schema
            regex = "^"
            for part in re.split(r"(\{[^/]+?\})", path):
                if part.startswith("{") and part.endswith("}"):
                    regex += _segment_pattern(params.get(part[1:-1], {}))
                else:
                    regex += re.escape(part)
            methods = tuple(m.upper() for m in _METHODS if m in item)
            self._routes.append((re.compile(regex + "$"), methods))

    def __call__(self, path: str) -> list[str]:
        # Asked for every request: a path seen recently is answered from memory (bounded: paths with
        # ids in them are many).
        known = self._seen.get(path)
        if known is None:
            known = self._seen[path] = self._allowed(path)
            if len(self._seen) > _SEEN:
                self._seen.pop(next(iter(self._seen)))
        return known

    def _allowed(self, path: str) -> list[str]:
        allowed: set[str] = set()
        for regex, methods in self._routes:
            if regex.match(path):
                allowed.update(methods)
        if "GET" in allowed:
            allowed.add("HEAD")
        return sorted(allowed)
