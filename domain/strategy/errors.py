"""The failures of the strategy area, one class per code.

A raise site names the class; the class fixes the status and the code the client sees. Graph issues
travel in one member, `validation_errors`, cut at 200 like a validation result
(`domain.strategy.graph.issues_member`).
"""

from __future__ import annotations

from domain.errors import Conflict, Invalid, NotFound, PreconditionFailed


class StrategyNotFound(NotFound):
    # Missing, deleted, or someone else's: one answer, so ids cannot be probed.
    code = "strategy_not_found"


class VersionNotFound(NotFound):
    code = "version_not_found"


class FixtureNotFound(NotFound):
    code = "fixture_not_found"


class NameTaken(Conflict):
    code = "name_taken"


class RuntimeActive(Conflict):
    code = "runtime_active"


class RollbackToCurrent(Conflict):
    code = "rollback_to_current"


class InvalidTransition(Conflict):
    """No such lifecycle move from here; carries `current_status` and `allowed`."""

    code = "invalid_transition"


class GraphInvalidForPromotion(InvalidTransition):
    """draft -> ready with a graph that does not validate: 409 with `validation_errors`."""

    code = "graph_invalid"


class LiveValidationFailed(InvalidTransition):
    """ready -> live with failed live-promotion checks: 409 with `failures`."""

    code = "live_validation_failed"


class GraphInvalid(Invalid):
    """An operation that evaluates the graph (a backtest) met one that does not validate: 422 with
    `validation_errors`."""

    code = "graph_invalid"


class StrategyChanged(PreconditionFailed):
    """If-Match or expected_version no longer holds: someone changed the strategy first."""

    code = "version_mismatch"


class UnsupportedFormat(Invalid):
    code = "unsupported_format"


class NonFiniteNumber(Invalid):
    """NaN or Infinity in a graph: JSON (and jsonb) cannot hold it."""

    code = "non_finite_number"
