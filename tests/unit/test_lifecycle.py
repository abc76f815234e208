"""The lifecycle: every edge, and every 409 with its allowed set, as the contract's LifecycleConflict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from domain.errors import Conflict
from domain.strategy.graph import GraphIssue
from domain.strategy.lifecycle import (
    ALLOWED,
    STARTABLE,
    STATUSES,
    allowed_transitions,
    archive,
    live_promotion_failures,
    promote,
    promotion_target,
    unarchive,
)
from generated.models import LifecycleConflict

PASSED: list[dict[str, str]] = []
ISSUE = GraphIssue("unconnected_input", "Input b of node cross is not connected.", "cross")


def problem(exc: Conflict) -> dict[str, Any]:
    """The body ex7/problems.py renders for a DomainError."""
    body = {"type": "about:blank", "title": exc.title, "status": exc.status, "detail": exc.detail, "code": exc.code}
    body.update(exc.extra)
    LifecycleConflict.model_validate(body)
    return body


def test_statuses_are_the_contract_enum() -> None:
    contract = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi" / "openapi.yaml").read_text())
    assert set(STATUSES) == set(contract["components"]["schemas"]["StrategyStatus"]["enum"])
    assert set(ALLOWED) == set(STATUSES)
    assert STARTABLE == {"ready", "live", "paused"}


@pytest.mark.parametrize(
    ("status", "allowed"),
    [("draft", ["ready", "archived"]), ("ready", ["live", "archived"]), ("live", ["archived"]),
     ("paused", ["archived"]), ("archived", ["draft"])],
)
def test_allowed_sets(status: str, allowed: list[str]) -> None:
    assert allowed_transitions(status) == allowed


# ---- the edges -------------------------------------------------------------------------------------

def test_promote_draft_to_ready() -> None:
    assert promote("draft", graph_valid=True) == "ready"


def test_promote_ready_to_live() -> None:
    assert promote("ready", graph_valid=True, live_checks=PASSED) == "live"


@pytest.mark.parametrize("status", ["draft", "ready", "live", "paused"])
def test_archive_from_every_other_status(status: str) -> None:
    assert archive(status) == "archived"


def test_unarchive_to_draft() -> None:
    assert unarchive("archived") == "draft"


def test_every_edge_is_in_the_allowed_sets() -> None:
    edges = {("draft", "ready"), ("ready", "live"), ("archived", "draft")}
    edges |= {(s, "archived") for s in ("draft", "ready", "live", "paused")}
    assert edges == {(s, t) for s, targets in ALLOWED.items() for t in targets}


# ---- the 409s --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "allowed"), [("live", ["archived"]), ("paused", ["archived"]),
                                                 ("archived", ["draft"])])
def test_promote_without_a_next_step(status: str, allowed: list[str]) -> None:
    with pytest.raises(Conflict) as caught:
        promote(status, graph_valid=True, live_checks=PASSED)
    body = problem(caught.value)
    assert body["code"] == "invalid_transition"
    assert body["current_status"] == status and body["allowed"] == allowed
    with pytest.raises(Conflict):
        promotion_target(status)


def test_promote_live_says_archive_instead() -> None:
    with pytest.raises(Conflict) as caught:
        promote("live", graph_valid=True)
    assert "archive" in caught.value.detail.lower()


def test_promote_draft_with_an_invalid_graph() -> None:
    with pytest.raises(Conflict) as caught:
        promote("draft", graph_valid=False, validation_errors=[ISSUE])
    body = problem(caught.value)
    assert body["code"] == "graph_invalid"
    assert body["current_status"] == "draft" and body["allowed"] == ["ready", "archived"]
    assert body["validation_errors"] == [ISSUE.to_dict()]
    assert body["detail"] == "The graph has 1 validation error."


def test_promote_ready_with_failed_live_checks() -> None:
    failures = live_promotion_failures([], has_stop_loss=False, compliance_accepted=False,
                                       pending_documents=["Risk Disclosure (CFTC Rule 4.41) version 2026-06-01"])
    with pytest.raises(Conflict) as caught:
        promote("ready", graph_valid=True, live_checks=failures)
    body = problem(caught.value)
    assert body["code"] == "live_validation_failed"
    assert body["current_status"] == "ready" and body["allowed"] == ["live", "archived"]
    assert [f["code"] for f in body["failures"]] == ["missing_stop_loss", "compliance_not_accepted"]
    assert body["detail"] == "2 live-promotion checks failed."
    assert "Risk Disclosure" in body["failures"][1]["message"]


def test_promote_ready_with_an_invalid_graph_fails_closed() -> None:
    with pytest.raises(Conflict) as caught:
        promote("ready", graph_valid=False, live_checks=PASSED)
    assert [f["code"] for f in problem(caught.value)["failures"]] == ["graph_invalid"]


def test_promote_ready_needs_the_live_checks() -> None:
    with pytest.raises(TypeError):
        promote("ready", graph_valid=True)


def test_archive_archived() -> None:
    with pytest.raises(Conflict) as caught:
        archive("archived")
    body = problem(caught.value)
    assert (body["code"], body["current_status"], body["allowed"]) == ("invalid_transition", "archived", ["draft"])


@pytest.mark.parametrize(("status", "allowed"), [("draft", ["ready", "archived"]), ("ready", ["live", "archived"]),
                                                 ("live", ["archived"]), ("paused", ["archived"])])
def test_unarchive_not_archived(status: str, allowed: list[str]) -> None:
    with pytest.raises(Conflict) as caught:
        unarchive(status)
    body = problem(caught.value)
    assert (body["code"], body["current_status"], body["allowed"]) == ("invalid_transition", status, allowed)


def test_unknown_status_is_a_programming_error() -> None:
    for call in (archive, unarchive, allowed_transitions, promotion_target):
        with pytest.raises(ValueError):
            call("deleted")


# ---- live-promotion checks -------------------------------------------------------------------------

def test_live_promotion_failures() -> None:
    assert live_promotion_failures([], has_stop_loss=True, compliance_accepted=True) == []
    failures = live_promotion_failures([ISSUE, ISSUE], has_stop_loss=False, compliance_accepted=False)
    assert [f["code"] for f in failures] == ["graph_invalid", "missing_stop_loss", "compliance_not_accepted"]
    assert "2 validation errors" in failures[0]["message"]
    assert failures[1]["message"] == "The graph has no stop-loss node."
    assert all(set(f) == {"code", "message"} for f in failures)
