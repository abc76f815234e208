"""Every error is problem+json that says what was wrong; bad input is never a 500."""

from __future__ import annotations

import httpx

from tests.support.problems import PROBLEM, assert_problem
from tests.support.users import User


def test_unknown_route_is_404_problem(client: httpx.Client) -> None:
    assert_problem(client.get("/api/no-such-thing"), 404, "not_found")


def test_wrong_method_is_405_with_allow(client: httpx.Client) -> None:
    resp = client.delete("/api/health")
    assert_problem(resp, 405, "method_not_allowed")
    assert "GET" in resp.headers["allow"]


def test_body_that_is_not_json_is_400(client: httpx.Client) -> None:
    resp = client.post("/api/waitlist", content=b"{not json", headers={"content-type": "application/json"})
    assert_problem(resp, 400, "malformed_body")


def test_body_that_is_not_utf8_is_400(client: httpx.Client) -> None:
    resp = client.post("/api/waitlist", content=b'{"email": "\xff\xfe"}', headers={"content-type": "application/json"})
    assert_problem(resp, 400, "malformed_body")


def test_empty_body_where_one_is_required_is_400(client: httpx.Client) -> None:
    resp = client.post("/api/waitlist", content=b"", headers={"content-type": "application/json"})
    assert_problem(resp, 400, "malformed_body")


def test_nan_and_infinity_are_not_json(client: httpx.Client) -> None:
    for literal in (b"NaN", b"Infinity", b"-Infinity"):
        resp = client.post("/api/waitlist", content=b'{"email": "a@example.com", "source": ' + literal + b"}",
                           headers={"content-type": "application/json"})
        assert_problem(resp, 400, "malformed_body")


def test_nul_and_lone_surrogates_are_refused_not_500(client: httpx.Client, user: User) -> None:
    for text in (rb'"a\u0000b"', rb'"\ud800"'):
        resp = client.post("/api/waitlist", content=b'{"email": "a@example.com", "source": ' + text + b"}",
                           headers={"content-type": "application/json"})
        assert_problem(resp, 400, "malformed_body")
    # An escaped backslash before "u0000" is a backslash, not a NUL: accepted.
    resp = client.post("/api/waitlist", content=rb'{"email": "a@example.com", "source": "a\\u0000b"}',
                       headers={"content-type": "application/json"})
    assert resp.status_code == 200, resp.text
    # In a query parameter too: the contract says any NUL is 400 malformed_body (it was a 422).
    body = assert_problem(client.get("/api/strategies", params={"tag": "a\x00b"}, headers=user.headers), 400,
                          "malformed_body")
    assert "tag" in body["detail"]


def test_deeply_nested_body_is_a_4xx(client: httpx.Client) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    resp = client.post("/api/waitlist", content=body, headers={"content-type": "application/json"})
    assert 400 <= resp.status_code < 500
    assert resp.headers["content-type"].startswith(PROBLEM)


def test_validation_failures_are_422_with_every_error_and_where(client: httpx.Client) -> None:
    resp = client.post("/api/waitlist", json={"email": "x", "source": "s" * 100, "extra": 1})
    body = assert_problem(resp, 422, "validation_failed")
    locs = {tuple(e["loc"]) for e in body["errors"]}
    assert ("body", "email") in locs
    assert ("body", "source") in locs
    assert ("body",) in locs  # the unknown member "extra"
    assert all(e["msg"] and e["type"] for e in body["errors"])


def test_unknown_query_parameter_is_422(client: httpx.Client) -> None:
    body = assert_problem(client.get("/api/waitlist/count", params={"bogus": "1"}), 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["query", "bogus"]


def test_unsupported_media_type_is_a_4xx_problem(client: httpx.Client) -> None:
    resp = client.post("/api/waitlist", content=b"email=a@b.c", headers={"content-type": "text/plain"})
    assert 400 <= resp.status_code < 500
    assert resp.headers["content-type"].startswith(PROBLEM)


def test_an_operation_without_a_handler_resolves_to_the_501_problem() -> None:
    # Every operation of the contract has its handler now; one added to the contract before its
    # handler answers the documented 501 (after authentication and validation, as it will run).
    import asyncio

    from ex7.app import HandlersResolver
    from handlers.not_implemented import not_implemented

    resolver = HandlersResolver()
    assert resolver.resolve_function_from_operation_id("handlers.vix.not_written_yet") is not_implemented
    assert resolver.resolve_function_from_operation_id("handlers.nosuchtag.anything") is not_implemented
    assert resolver.not_implemented == ["vix.not_written_yet", "nosuchtag.anything"]
    answer = asyncio.run(not_implemented())
    assert answer.status_code == 501 and b'"code":"not_implemented"' in answer.body.replace(b" ", b"")
