"""Concurrent requests that choose names, and writes whose answer cannot be rendered."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.support.graphs import sma_crossover
from tests.support.users import User, new_user


def _all_at_once(base_url: str, count: int, call: Callable[[httpx.Client], httpx.Response]) -> list[httpx.Response]:
    """`count` requests released together, each on its own connection."""
    barrier = threading.Barrier(count)
    results: list[httpx.Response | None] = [None] * count

    def run(i: int) -> None:
        with httpx.Client(base_url=base_url, timeout=60) as c:
            barrier.wait()
            results[i] = call(c)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(r is not None for r in results)
    return [r for r in results if r is not None]


def test_concurrent_clones_each_get_the_next_free_name(base_url: str, client: httpx.Client, user: User) -> None:
    source = client.post("/api/strategies", json={"name": "Racer", "instrument": "MNQ", "timeframe": "5m",
                                                   "graph": sma_crossover()}, headers=user.headers).json()
    responses = _all_at_once(base_url, 6, lambda c: c.post(f"/api/strategies/{source['id']}/clone",
                                                           headers=user.headers))
    assert [r.status_code for r in responses] == [201] * 6, [r.text for r in responses]
    assert sorted(r.json()["name"] for r in responses) == sorted(
        ["Racer (copy)", *(f"Racer (copy {n})" for n in range(2, 7))])


def test_concurrent_suffix_imports_each_get_the_next_free_name(base_url: str, client: httpx.Client,
                                                              user: User) -> None:
    created = client.post("/api/strategies", json={"name": "Imported", "instrument": "MNQ", "timeframe": "5m",
                                                    "graph": sma_crossover()}, headers=user.headers).json()
    payload: dict[str, Any] = {**client.get(f"/api/strategies/{created['id']}/export", headers=user.headers).json(),
                               "name_on_conflict": "suffix"}
    responses = _all_at_once(base_url, 6, lambda c: c.post("/api/strategies/import", json=payload,
                                                           headers=user.headers))
    assert [r.status_code for r in responses] == [201] * 6, [r.text for r in responses]
    assert sorted(r.json()["name"] for r in responses) == sorted(f"Imported ({n})" for n in range(2, 8))


def test_concurrent_uses_of_one_fixture_each_get_the_next_free_name(base_url: str) -> None:
    user = new_user()
    responses = _all_at_once(base_url, 4, lambda c: c.post("/api/strategies/from-fixture/sma-crossover",
                                                           headers=user.headers))
    assert [r.status_code for r in responses] == [201] * 4, [r.text for r in responses]
    names = sorted(r.json()["name"] for r in responses)
    base = min(names, key=len)
    assert names == sorted([base, *(f"{base} ({n})" for n in range(2, 5))])


def test_a_name_cut_to_make_room_still_finds_its_taken_forms(client: httpx.Client, user: User) -> None:
    # 70 letters and 30 spaces: "(copy)" makes the name drop its trailing spaces, which a naive
    # prefix look-up (the first 80 characters, spaces included) did not find again.
    name = "x" * 69 + "y" + " " * 29 + "z"
    source = client.post("/api/strategies", json={"name": name, "instrument": "MNQ", "timeframe": "5m",
                                                   "graph": sma_crossover()}, headers=user.headers).json()
    names = [client.post(f"/api/strategies/{source['id']}/clone", headers=user.headers) for _ in range(3)]
    assert [r.status_code for r in names] == [201] * 3, [r.text for r in names]
    assert len({r.json()["name"] for r in names}) == 3


def test_a_write_whose_answer_cannot_be_rendered_is_rolled_back(
    client: httpx.Client, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The server runs in this process (tests.support.http.serve), so the handler module can be patched.
    import handlers.strategies

    user = new_user()

    def cannot_render(*_args: Any, **_kwargs: Any) -> Any:
        raise ValueError("Maximum serialization depth exceeded")

    monkeypatch.setattr(handlers.strategies, "respond", cannot_render)
    resp = client.post("/api/strategies/from-fixture/sma-crossover", headers=user.headers)
    assert resp.status_code == 500
    monkeypatch.undo()
    assert client.get("/api/strategies", headers=user.headers).json()["items"] == []
