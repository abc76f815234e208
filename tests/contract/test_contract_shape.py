"""The contract itself: every operation of the reference, described, exemplified, and honest about
which operations are not implemented yet."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi" / "openapi.yaml").read_text())
OPERATIONS = [(method.upper(), path, op) for path, item in SPEC["paths"].items()
              for method, op in item.items() if method in ("get", "post", "put", "patch", "delete")]
IDS = [f"{m} {p}" for m, p, _ in OPERATIONS]

# The 66 operations of the published reference, plus those the issues added: the backtest (issue 4), the
# replay of a dead-lettered alert delivery and the two halves of an email's verification link (issue 12).
ADDED = {("POST", "/api/strategies/{strategy_id}/backtest"), ("POST", "/api/alerts/deliveries/{delivery_id}/replay"),
         ("GET", "/api/alerts/verify"), ("POST", "/api/alerts/verify")}


def test_every_reference_operation_is_in_the_contract() -> None:
    reference = (Path(__file__).resolve().parents[3] / "shared" / "seed" / "ex7-api-reference.txt")
    ours = {(m, p) for m, p, _ in OPERATIONS}
    assert len(ours) == 66 + len(ADDED)
    if reference.exists():  # the reference lies beside the checkout; the count above holds without it
        import re

        listed = set(re.findall(r"^(get|post|put|patch|delete)(/api/\S+?)auth$", reference.read_text(), re.M))
        assert {(m.upper(), p.replace("$", "")) for m, p in listed} == ours - ADDED


def test_operation_ids_are_unique() -> None:
    ids = [op["operationId"] for _, _, op in OPERATIONS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("method,path,op", OPERATIONS, ids=IDS)
def test_operation_is_described_and_exemplified(method: str, path: str, op: dict[str, Any]) -> None:
    assert op.get("summary") and op.get("description") and op.get("tags")
    for status, response in op["responses"].items():
        if "$ref" in response:
            continue
        for media, content in response.get("content", {}).items():
            assert "example" in content or "examples" in content, f"{status} {media} has no example"
    for media, content in op.get("requestBody", {}).get("content", {}).items():
        assert "example" in content or "examples" in content, f"request {media} has no example"
    assert "422" in op["responses"] and "400" in op["responses"]
    if op.get("security") != []:
        assert "401" in op["responses"]


@pytest.mark.parametrize("method,path,op", OPERATIONS, ids=IDS)
def test_501_is_declared_exactly_where_no_handler_exists(method: str, path: str, op: dict[str, Any]) -> None:
    module, function = op["operationId"].rsplit(".", 1)
    try:
        implemented = hasattr(importlib.import_module(f"handlers.{module}"), function)
    except ModuleNotFoundError:
        implemented = False
    assert ("501" in op["responses"]) is not implemented


# ---- every input and output is bounded -------------------------------------------------------------

def _pointer(base: str, *parts: object) -> str:
    """`base` (a JSON pointer already) extended by `parts`, each escaped."""
    return "/".join([base, *(str(p).replace("~", "~0").replace("/", "~1") for p in parts)])


def _resolve(ref: str) -> Any:
    node: Any = SPEC
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _schemas(schema: Any, where: str, seen: set[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object reachable from `schema`, with its JSON pointer. A $ref is followed once and
    reported at its target, so a shared schema is checked (and named) once."""
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        if schema["$ref"] not in seen:
            seen.add(schema["$ref"])
            yield from _schemas(_resolve(schema["$ref"]), schema["$ref"], seen)
        return
    yield where, schema
    for name, sub in schema.get("properties", {}).items():
        yield from _schemas(sub, _pointer(where, "properties", name), seen)
    for key in ("items", "additionalProperties", "not"):
        yield from _schemas(schema.get(key), _pointer(where, key), seen)  # a boolean is skipped
    for key in ("allOf", "oneOf", "anyOf"):
        for i, sub in enumerate(schema.get(key, [])):
            yield from _schemas(sub, _pointer(where, key, i), seen)


def _every_schema() -> Iterator[tuple[str, dict[str, Any]]]:
    """Walk the whole contract: parameters (path-level, operation-level, shared), request bodies,
    responses with their headers, and every component, following $refs."""
    seen: set[str] = set()

    def ref_or(node: dict[str, Any], where: str) -> tuple[dict[str, Any], str]:
        return (_resolve(node["$ref"]), node["$ref"]) if "$ref" in node else (node, where)

    def content(node: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for media, body in node.get("content", {}).items():
            yield from _schemas(body.get("schema"), _pointer(where, "content", media, "schema"), seen)

    def parameter(node: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
        node, where = ref_or(node, where)
        yield from _schemas(node.get("schema"), _pointer(where, "schema"), seen)
        yield from content(node, where)

    def response(node: dict[str, Any], where: str) -> Iterator[tuple[str, dict[str, Any]]]:
        node, where = ref_or(node, where)
        for name, header in node.get("headers", {}).items():
            header, at = ref_or(header, _pointer(where, "headers", name))
            yield from _schemas(header.get("schema"), _pointer(at, "schema"), seen)
        yield from content(node, where)

    for path, item in SPEC["paths"].items():
        for i, param in enumerate(item.get("parameters", [])):
            yield from parameter(param, _pointer("#/paths", path, "parameters", i))
        for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            if method not in item:
                continue
            op, at = item[method], _pointer("#/paths", path, method)
            for i, param in enumerate(op.get("parameters", [])):
                yield from parameter(param, _pointer(at, "parameters", i))
            if "requestBody" in op:
                yield from content(*ref_or(op["requestBody"], _pointer(at, "requestBody")))
            for status, resp in op["responses"].items():
                yield from response(resp, _pointer(at, "responses", status))
    components = SPEC.get("components", {})
    for name in components.get("schemas", {}):
        yield from _schemas({"$ref": _pointer("#/components/schemas", name)}, "", seen)
    for name, param in components.get("parameters", {}).items():
        yield from parameter(param, _pointer("#/components/parameters", name))
    for name, body in components.get("requestBodies", {}).items():
        yield from content(body, _pointer("#/components/requestBodies", name))
    for name, resp in components.get("responses", {}).items():
        yield from response(resp, _pointer("#/components/responses", name))
    for name, header in components.get("headers", {}).items():
        yield from _schemas(header.get("schema"), _pointer("#/components/headers", name, "schema"), seen)


def test_the_walk_reaches_every_component_schema() -> None:
    walked = {where for where, _ in _every_schema()}
    assert {_pointer("#/components/schemas", name) for name in SPEC["components"]["schemas"]} <= walked
    assert "#/components/schemas/ValidationErrorItem/properties/loc/items/oneOf/0" in walked  # items, oneOf
    assert "#/components/schemas/LifecycleConflict/allOf/1/properties/allowed" in walked  # allOf
    assert "#/components/schemas/SignalsHealth/properties/runtimes/additionalProperties" in walked
    assert "#/components/parameters/Cursor/schema" in walked
    assert "#/components/responses/Unauthorized/headers/WWW-Authenticate/schema" in walked


def test_every_array_and_every_free_string_is_bounded() -> None:
    """Every array has maxItems and every string without an enum has maxLength, wherever it is: a
    request the server must refuse early, or a response a client can size its buffers for."""
    offenders = set()
    for where, schema in _every_schema():
        if schema.get("type") == "array" and "maxItems" not in schema:
            offenders.add(f"{where}: array without maxItems")
        if schema.get("type") == "string" and "enum" not in schema and "maxLength" not in schema:
            offenders.add(f"{where}: string without maxLength")
    assert not offenders, "\n".join(sorted(offenders))


@pytest.mark.parametrize("schema,cap", [("Problem", 100), ("StrategyValidation", 200)])
def test_error_lists_are_capped_and_say_when_they_were_cut(schema: str, cap: int) -> None:
    properties = SPEC["components"]["schemas"][schema]["properties"]
    assert properties["errors"]["maxItems"] == cap
    assert properties["errors_total"] == {**properties["errors_total"], "type": "integer", "minimum": 0}
    assert properties["errors_truncated"]["type"] == "boolean"
    assert not {"errors_total", "errors_truncated"} & set(SPEC["components"]["schemas"][schema].get("required", []))


# ---- the limits every operation is subject to ------------------------------------------------------

@pytest.mark.parametrize("method,path,op", OPERATIONS, ids=IDS)
def test_413_and_408_are_declared_exactly_where_there_is_a_body(method: str, path: str, op: dict[str, Any]) -> None:
    """A body can be too large (413) or too slow (408); an operation without one can be neither."""
    has_body = "requestBody" in op
    for status, shared in (("413", "PayloadTooLarge"), ("408", "RequestTimeout")):
        if has_body:
            assert op["responses"].get(status) == {"$ref": f"#/components/responses/{shared}"}, status
        else:
            assert status not in op["responses"], status


def test_the_shared_413_and_408_carry_their_codes() -> None:
    responses = SPEC["components"]["responses"]
    for name, status, code in (("PayloadTooLarge", 413, "body_too_large"), ("RequestTimeout", 408, "request_timeout")):
        example = responses[name]["content"]["application/problem+json"]["example"]
        assert (example["status"], example["code"]) == (status, code)
    assert "EX7_MAX_BODY_BYTES" in responses["PayloadTooLarge"]["description"]


# Public operations that a rate limit per client IP would hurt: the liveness probe, and the provider
# callbacks, which authenticate themselves (signatures, shared secrets) and come from a few provider IPs.
NOT_RATE_LIMITED_PUBLIC = {"health.get_health", "billing.handle_stripe_webhook"}


def _expected_rate_limit(method: str, op: dict[str, Any]) -> str | None:
    operation_id = op["operationId"]
    if op.get("security") == []:
        exempt = operation_id in NOT_RATE_LIMITED_PUBLIC or (
            operation_id.startswith("alerts.handle_") and operation_id.endswith("_webhook"))
        return None if exempt else "ip"
    return "user" if method in ("POST", "PUT", "PATCH", "DELETE") else None


# Operations with a limit of their own that is not a rate (answered 429 the same way).
_LIMITS_OF_THEIR_OWN = {"signals.stream_signals"}  # the per-user cap on open streams


@pytest.mark.parametrize("method,path,op", OPERATIONS, ids=IDS)
def test_rate_limits_follow_the_rule_and_429_is_declared_exactly_there(
        method: str, path: str, op: dict[str, Any]) -> None:
    """`ip` on public operations (bar the probe and the provider callbacks), `user` on authenticated
    writes; 429 is declared, as the shared TooManyRequests, on exactly the rate-limited operations."""
    expected = _expected_rate_limit(method, op)
    assert op.get("x-ex7-rate-limit") == expected
    if expected is None and op["operationId"] not in _LIMITS_OF_THEIR_OWN:
        assert "429" not in op["responses"]
    else:
        assert op["responses"].get("429") == {"$ref": "#/components/responses/TooManyRequests"}


def test_the_rule_classifies_both_kinds() -> None:
    kinds = [_expected_rate_limit(method, op) for method, _, op in OPERATIONS]
    assert kinds.count("ip") >= 1 and kinds.count("user") >= 1 and kinds.count(None) >= 1
    assert _expected_rate_limit("POST", {"operationId": "alerts.handle_resend_webhook", "security": []}) is None
    assert _expected_rate_limit("GET", {"operationId": "strategies.get_strategy"}) is None


def test_the_shared_429_documents_its_limits() -> None:
    response = SPEC["components"]["responses"]["TooManyRequests"]
    for word in ("EX7_RATE_LIMIT_PUBLIC", "30/minute", "EX7_RATE_LIMIT_WRITES", "120/minute", "token bucket"):
        assert word in response["description"]
    assert response["headers"]["Retry-After"]["schema"]["type"] == "integer"


def test_every_503_says_when_to_retry() -> None:
    health_503 = SPEC["paths"]["/api/health"]["get"]["responses"]["503"]
    for response in (health_503, SPEC["components"]["responses"]["ServiceUnavailable"]):
        assert response["headers"]["Retry-After"]["schema"]["type"] == "integer"


# ---- every example graph validates -----------------------------------------------------------------

def _example_graphs(node: Any, where: str, context: dict[str, Any]) -> Iterator[tuple[str, Any, str, str]]:
    """(where, graph, instrument, timeframe) of every object with `nodes` and `edges` in the examples;
    the instrument and timeframe are the nearest ones beside it (MNQ and 5m when none is)."""
    if isinstance(node, dict):
        here = {**context, **{k: node[k] for k in ("instrument", "timeframe") if isinstance(node.get(k), str)}}
        if isinstance(node.get("nodes"), list) and isinstance(node.get("edges"), list):
            yield where, node, here.get("instrument", "MNQ"), here.get("timeframe", "5m")
            return
        for key, value in node.items():
            yield from _example_graphs(value, f"{where}/{key}", here)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _example_graphs(value, f"{where}/{i}", context)


def _examples(node: Any, where: str) -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "example":
                yield f"{where}/example", value
            elif key == "examples" and isinstance(value, dict):
                yield from ((f"{where}/examples/{k}", v.get("value")) for k, v in value.items() if isinstance(v, dict))
            else:
                yield from _examples(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _examples(value, f"{where}/{i}")


EXAMPLE_GRAPHS = [found for where, example in _examples(SPEC, "#") for found in _example_graphs(example, where, {})]


def test_the_contract_has_example_graphs() -> None:
    assert len(EXAMPLE_GRAPHS) >= 5
    assert any("/api/vix/generate-strategy" in where for where, *_ in EXAMPLE_GRAPHS)


@pytest.mark.parametrize("where,graph,instrument,timeframe", EXAMPLE_GRAPHS, ids=[w for w, *_ in EXAMPLE_GRAPHS])
def test_every_example_graph_in_the_contract_validates(where: str, graph: Any, instrument: str, timeframe: str) -> None:
    from domain.strategy.graph import validate_graph

    assert [issue.to_dict() for issue in validate_graph(graph, instrument, timeframe)] == []
