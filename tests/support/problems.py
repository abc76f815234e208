"""Error answers: PROBLEM (the media type) and assert_problem, which checks a problem+json answer."""

from __future__ import annotations

import httpx

PROBLEM = "application/problem+json"


def assert_problem(resp: httpx.Response, status: int, code: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith(PROBLEM)
    body = resp.json()
    assert body["status"] == status and body["title"] and body["type"] and body["detail"]
    if code:
        assert body["code"] == code
    assert "Traceback" not in resp.text
    return body
