"""Limits that keep one request from stalling or breaking the others: body size, nesting depth, the cost
of validation, the length of error lists, rate limits; and the headers every answer carries."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from ex7.app import create_app
from tests.support.graphs import sma_crossover
from tests.support.http import serve
from tests.support.problems import assert_problem
from tests.support.settings import make_settings
from tests.support.users import User, new_user


def _strategy(**overrides: Any) -> dict[str, Any]:
    return {"name": "Limits", "instrument": "MNQ", "timeframe": "5m", "graph": sma_crossover(), **overrides}


def _health_while(client: httpx.Client, send: Any) -> tuple[httpx.Response, float]:
    """Run `send()` on a thread and time a health request made while it is in flight."""
    result: dict[str, httpx.Response] = {}
    worker = threading.Thread(target=lambda: result.setdefault("r", send()))
    worker.start()
    time.sleep(0.05)  # let the big request reach the server first
    started = time.perf_counter()
    health = client.get("/api/health")
    elapsed = time.perf_counter() - started
    worker.join(timeout=120)
    assert health.status_code == 200
    return result["r"], elapsed


# ---- validation cost ------------------------------------------------------------------------------

def test_thousands_of_objects_where_unique_strings_belong_neither_stall_nor_pass(
    client: httpx.Client, user: User,
) -> None:
    # 4,000 distinct objects under `tags` (maxItems 20, uniqueItems, items: string) took 17.8 s of CPU
    # on the event loop, and health waited 4-12 s. Now the maxItems failure skips the rest.
    tags = [{"k": i, "v": "x" * 4} for i in range(4000)]
    resp, health_seconds = _health_while(
        client, lambda: client.post("/api/strategies", json=_strategy(tags=tags), headers=user.headers))
    body = assert_problem(resp, 422, "validation_failed")
    assert {tuple(e["loc"]) for e in body["errors"]} == {("body", "tags")}
    # Generous: before the fix this was several seconds; a healthy server answers in milliseconds.
    assert health_seconds < 2.0


def test_few_objects_where_unique_strings_belong_are_reported_by_type(client: httpx.Client, user: User) -> None:
    tags = [{"same": True}, {"same": True}]
    body = assert_problem(client.post("/api/strategies", json=_strategy(tags=tags), headers=user.headers), 422)
    assert {e["type"] for e in body["errors"]} == {"type"}


def test_duplicate_tags_are_still_refused(client: httpx.Client, user: User) -> None:
    body = assert_problem(client.post("/api/strategies", json=_strategy(tags=["a", "b", "a"]), headers=user.headers),
                          422)
    assert [(e["loc"], e["type"]) for e in body["errors"]] == [(["body", "tags"], "uniqueItems")]


def test_a_huge_invalid_graph_gets_a_short_error_list(client: httpx.Client, user: User) -> None:
    # 20,000 nodes (the limit is 500): a 14 MB list of every node's failures took 10 s before.
    nodes = [{"id": f"n{i}", "type": "Bad Type"} for i in range(20_000)]
    payload = _strategy(graph={"nodes": nodes, "edges": []})
    resp, health_seconds = _health_while(
        client, lambda: client.post("/api/strategies", json=payload, headers=user.headers))
    body = assert_problem(resp, 422, "validation_failed")
    assert [e["loc"] for e in body["errors"]] == [["body", "graph", "nodes"]]
    assert len(resp.content) < 10_000
    assert health_seconds < 2.0


def test_error_lists_are_cut_at_100_and_say_how_many_there_were(client: httpx.Client, user: User) -> None:
    # 500 nodes (within maxItems), each with two failures: 1,000 errors.
    nodes = [{"id": f"n{i}", "type": "Bad Type", "extra": 1} for i in range(500)]
    resp = client.post("/api/strategies", json=_strategy(graph={"nodes": nodes, "edges": []}), headers=user.headers)
    body = assert_problem(resp, 422, "validation_failed")
    assert len(body["errors"]) == 100
    assert body["errors_total"] == 1500  # per node: bad type, missing params, unknown member
    assert body["errors_truncated"] is True


def test_a_short_error_list_is_not_marked_truncated(client: httpx.Client, user: User) -> None:
    body = assert_problem(client.post("/api/strategies", json=_strategy(name=""), headers=user.headers), 422)
    assert "errors_total" not in body and "errors_truncated" not in body


# ---- nesting depth ---------------------------------------------------------------------------------

def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


def test_deep_meta_is_refused_before_anything_is_written(client: httpx.Client) -> None:
    # 256 levels in graph.meta were stored, then every list of that user's strategies answered 500.
    user = new_user()
    payload = _strategy(graph={**sma_crossover(), "meta": _nested(300)})
    assert_problem(client.post("/api/strategies", json=payload, headers=user.headers), 400, "malformed_body")
    listing = client.get("/api/strategies", headers=user.headers)
    assert listing.status_code == 200 and listing.json()["items"] == []


def test_depth_at_the_limit_is_accepted_and_reads_back(client: httpx.Client, user: User) -> None:
    # body, graph, then meta holding 29 more objects: 32 levels, the limit.
    payload = _strategy(graph={**sma_crossover(), "meta": _nested(29)})
    created = client.post("/api/strategies", json=payload, headers=user.headers)
    assert created.status_code == 201, created.text
    assert client.get(f"/api/strategies/{created.json()['id']}", headers=user.headers).json()["graph"]["meta"] == \
        _nested(29)


def test_one_level_too_deep_is_refused(client: httpx.Client, user: User) -> None:
    body = assert_problem(client.post("/api/strategies", json=_strategy(graph={**sma_crossover(), "meta": _nested(30)}),
                                      headers=user.headers), 400, "malformed_body")
    assert "32 levels" in body["detail"]


# ---- bodies ------------------------------------------------------------------------------------------

def test_a_null_body_is_not_an_object(client: httpx.Client, user: User) -> None:
    resp = client.post("/api/strategies", content=b"null", headers={**user.headers, "content-type": "application/json"})
    body = assert_problem(resp, 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["body"]
    # An optional body too (the backtest's): a literal null is not "no body".
    s = client.post("/api/strategies/from-fixture/sma-crossover", headers=user.headers).json()
    resp = client.post(f"/api/strategies/{s['id']}/backtest", content=b"null",
                       headers={**user.headers, "content-type": "application/json"})
    assert_problem(resp, 422, "validation_failed")


@pytest.fixture(scope="module")
def small_limits(dsn: str) -> Iterator[str]:
    settings = make_settings(ex7_max_body_bytes=4096, ex7_rate_limit_public="3/minute",
                             ex7_rate_limit_writes="2/minute")
    with serve(create_app(settings, dsn, validate_responses=True)) as url:
        yield url


def test_a_declared_body_over_the_limit_is_413_before_it_is_read(small_limits: str) -> None:
    # Declare 50 MB and send only the head: the answer must come without the body being sent.
    host, port = urlsplit(small_limits).hostname, urlsplit(small_limits).port
    assert host and port
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"POST /api/waitlist HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 50000000\r\n\r\n{\"email\": ")
        answer = b""
        while chunk := sock.recv(65536):  # the server closes the connection after answering
            answer += chunk
        answer_text = answer.decode()
    assert answer_text.startswith("HTTP/1.1 413"), answer_text
    assert "application/problem+json" in answer_text and "body_too_large" in answer_text


def test_a_chunked_body_over_the_limit_is_413(small_limits: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"email": "a@example.com", "source": "'
        for _ in range(100):
            yield b"x" * 1000
        yield b'"}'

    resp = httpx.post(f"{small_limits}/api/waitlist", content=chunks(), headers={"content-type": "application/json"},
                      timeout=30)
    assert_problem(resp, 413, "body_too_large")


def test_a_chunked_body_under_the_limit_is_read_and_validated(small_limits: str) -> None:
    user = new_user()  # a fresh user: a fresh write bucket

    def chunks() -> Iterator[bytes]:
        yield b'{"name": "chunked", "instrument": "MNQ", '
        yield b'"timeframe": "5m", "graph": {"nodes": [], "edges": []}}'

    resp = httpx.post(f"{small_limits}/api/strategies", content=chunks(),
                      headers={**user.headers, "content-type": "application/json"}, timeout=30)
    assert resp.status_code == 201, resp.text
    assert resp.json()["name"] == "chunked"


# ---- rate limits -------------------------------------------------------------------------------------

def test_public_operations_are_rate_limited_per_address(small_limits: str) -> None:
    statuses = []
    for i in range(6):
        resp = httpx.post(f"{small_limits}/api/waitlist", json={"email": f"flood{i}@example.com"}, timeout=30)
        statuses.append(resp.status_code)
    assert statuses[-1] == 429 and statuses.count(429) >= 3, statuses
    assert_problem(resp, 429, "rate_limited")
    assert int(resp.headers["retry-after"]) >= 1
    # Probes are not limited: health answers however often it is asked.
    assert all(httpx.get(f"{small_limits}/api/health", timeout=30).status_code == 200 for _ in range(6))


def test_writes_are_rate_limited_per_user_and_reads_are_not(small_limits: str) -> None:
    first, second = new_user(), new_user()
    statuses = [httpx.post(f"{small_limits}/api/strategies/from-fixture/sma-crossover", headers=first.headers,
                           timeout=30).status_code for _ in range(4)]
    assert statuses == [201, 201, 429, 429]
    # Someone else's bucket is their own, and reading is never limited.
    assert httpx.post(f"{small_limits}/api/strategies/from-fixture/sma-crossover", headers=second.headers,
                      timeout=30).status_code == 201
    assert all(httpx.get(f"{small_limits}/api/strategies", headers=first.headers, timeout=30).status_code == 200
               for _ in range(5))


# ---- headers -----------------------------------------------------------------------------------------

def test_answers_are_not_cached_or_sniffed(client: httpx.Client, user: User) -> None:
    for resp in (client.get("/api/strategies", headers=user.headers), client.get("/api/billing/tiers"),
                 client.get("/api/strategies/no-such", headers=user.headers), client.delete("/api/health")):
        assert resp.headers["cache-control"] == "no-store", resp.request.url
        assert resp.headers["x-content-type-options"] == "nosniff"


def test_integers_beyond_64_bits_in_free_form_data_are_kept_exactly(client: httpx.Client, user: User) -> None:
    # Schemathesis found this one: JSON allows them, jsonb stores them, a fast encoder refused them (500).
    big = -370578100094030109781306285729251328
    created = client.post("/api/strategies", json=_strategy(graph={**sma_crossover(), "meta": {"n": big}}),
                          headers=user.headers)
    assert created.status_code == 201, created.text
    assert created.json()["graph"]["meta"] == {"n": big}
    assert client.get(f"/api/strategies/{created.json()['id']}", headers=user.headers).json()["graph"]["meta"] == \
        {"n": big}


def test_a_client_that_leaves_mid_body_is_logged_as_gone_not_as_bad_json(
    base_url: str, caplog: pytest.LogCaptureFixture,
) -> None:
    host, port = urlsplit(base_url).hostname, urlsplit(base_url).port
    assert host and port
    caplog.set_level("INFO", logger="ex7.problems")
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(b"POST /api/waitlist HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 200\r\n\r\n{\"email\": \"half")
        time.sleep(0.3)
    deadline = time.monotonic() + 10
    while not any("went away" in r.getMessage() for r in caplog.records) and time.monotonic() < deadline:
        time.sleep(0.05)
    messages = [r.getMessage() for r in caplog.records if r.name == "ex7.problems"]
    assert any("went away before sending the whole body" in m for m in messages), messages
    assert not any("not valid JSON" in m for m in messages), messages


def test_what_the_client_sent_is_echoed_only_within_the_contract_s_bounds(client: httpx.Client) -> None:
    # The shared client validates answers against the contract: an unbounded echo fails there.
    long = "x" * 5000
    body = assert_problem(client.get(f"/api/{long}"), 404, "not_found")
    assert len(body["detail"]) < 300
    body = assert_problem(client.get("/api/waitlist/count", params={long: "1"}), 422, "validation_failed")
    assert body["errors"][0]["loc"] == ["query", long[:256]]
