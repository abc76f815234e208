"""Compliance acceptances: current versions only, idempotent, recorded with time, IP and user agent."""

from __future__ import annotations

import httpx

from tests.support.problems import assert_problem
from tests.support.users import User

CURRENT = "2026-06-01"


def _status(client: httpx.Client, user: User) -> dict:
    resp = client.get("/api/billing/compliance", headers=user.headers)
    assert resp.status_code == 200
    return resp.json()


def test_new_user_has_accepted_nothing(client: httpx.Client, user: User) -> None:
    body = _status(client, user)
    assert body["all_accepted"] is False
    assert all(d["accepted_version"] is None and d["current"] is False for d in body["documents"])


def test_accepting_records_time_ip_and_agent_and_is_idempotent(client: httpx.Client, user: User) -> None:
    headers = {**user.headers, "User-Agent": "ex7-tests/1.0"}
    first = client.post("/api/billing/compliance/accept", json={"document": "risk_disclosure", "version": CURRENT},
                        headers=headers)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["document"] == "risk_disclosure" and body["version"] == CURRENT
    assert body["ip"] == "127.0.0.1" and body["user_agent"] == "ex7-tests/1.0"
    again = client.post("/api/billing/compliance/accept", json={"document": "risk_disclosure", "version": CURRENT},
                        headers=headers)
    assert again.status_code == 200
    assert again.json() == body  # the original acceptance, unchanged
    docs = {d["document"]: d for d in _status(client, user)["documents"]}
    assert docs["risk_disclosure"]["current"] is True
    assert docs["risk_disclosure"]["accepted_at"] == body["accepted_at"]


def test_outdated_version_is_409_naming_the_current_one(client: httpx.Client, user: User) -> None:
    resp = client.post("/api/billing/compliance/accept", json={"document": "terms_of_service", "version": "2020-01-01"},
                       headers=user.headers)
    body = assert_problem(resp, 409, "outdated_version")
    assert body["current_version"] == CURRENT


def test_all_accepted_once_every_document_is_current(client: httpx.Client, user: User) -> None:
    for doc in ("terms_of_service", "risk_disclosure", "privacy_policy"):
        resp = client.post("/api/billing/compliance/accept", json={"document": doc, "version": CURRENT},
                           headers=user.headers)
        assert resp.status_code == 201
    assert _status(client, user)["all_accepted"] is True


def test_one_users_acceptances_are_invisible_to_another(client: httpx.Client, user: User, other_user: User) -> None:
    client.post("/api/billing/compliance/accept", json={"document": "privacy_policy", "version": CURRENT},
                headers=user.headers)
    assert all(d["accepted_version"] is None for d in _status(client, other_user)["documents"])


def test_unknown_document_is_422(client: httpx.Client, user: User) -> None:
    resp = client.post("/api/billing/compliance/accept", json={"document": "cookie_policy", "version": CURRENT},
                       headers=user.headers)
    assert_problem(resp, 422, "validation_failed")
