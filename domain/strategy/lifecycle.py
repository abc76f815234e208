"""The strategy lifecycle (DESIGN §7, the contract's promote/archive/unarchive).

    draft --promote--> ready --promote--> live          (promote: one step forward, with checks)
    draft, ready, live, paused --archive--> archived
    archived --unarchive--> draft                        (always draft: the old status is not kept)

Nothing in this API moves a strategy into or out of `paused` except archive. Every refused move is
a Conflict (409) carrying `current_status` and `allowed`, the statuses reachable from the current
one (the contract's LifecycleConflict):

    draft: [ready, archived]   ready: [live, archived]   live: [archived]
    paused: [archived]         archived: [draft]

Codes: `invalid_transition` (no such move from here), `graph_invalid` (draft -> ready with an
invalid graph; member `validation_errors`), `live_validation_failed` (ready -> live with failed
live-promotion checks; member `failures`, one `{code, message}` per failed check).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from domain.strategy.errors import GraphInvalidForPromotion, InvalidTransition, LiveValidationFailed
from domain.strategy.graph import issues_member

DRAFT: Final = "draft"
READY: Final = "ready"
LIVE: Final = "live"
PAUSED: Final = "paused"
ARCHIVED: Final = "archived"
STATUSES: Final = (DRAFT, READY, LIVE, PAUSED, ARCHIVED)

# Statuses a runtime may be started in (the runtime start gate: 409 strategy_not_startable otherwise).
STARTABLE: Final = frozenset({READY, LIVE, PAUSED})

# Where promote leads from each status that has a next step.
PROMOTIONS: Final[Mapping[str, str]] = {DRAFT: READY, READY: LIVE}

ALLOWED: Final[Mapping[str, tuple[str, ...]]] = {
    DRAFT: (READY, ARCHIVED),
    READY: (LIVE, ARCHIVED),
    LIVE: (ARCHIVED,),
    PAUSED: (ARCHIVED,),
    ARCHIVED: (DRAFT,),
}

LIVE_FAILURE_CODES: Final = ("graph_invalid", "missing_stop_loss", "compliance_not_accepted")


def _check(status: str) -> str:
    if status not in ALLOWED:
        raise ValueError(f"unknown strategy status {status!r}")
    return status


def allowed_transitions(current: str) -> list[str]:
    """The statuses a strategy in `current` can move to, in a stable order."""
    return list(ALLOWED[_check(current)])


def _conflict(current: str, detail: str, kind: type[InvalidTransition] = InvalidTransition,
              **extra: Any) -> InvalidTransition:
    return kind(detail, current_status=current, allowed=allowed_transitions(current), **extra)


def promotion_target(current: str) -> str:
    """Where promote leads from `current`; Conflict `invalid_transition` when it leads nowhere.
    Lets a caller find out whether it must gather the live-promotion checks before `promote`."""
    target = PROMOTIONS.get(_check(current))
    if target is None:
        hint = " Unarchive it first." if current == ARCHIVED else " Archive it instead."
        raise _conflict(current, f"Can't promote a {current} strategy.{hint}")
    return target


def promote(current: str, *, graph_valid: bool, validation_errors: Iterable[Any] = (),
            live_checks: Sequence[Mapping[str, str]] | None = None) -> str:
    """The status after promote, or Conflict.

    draft -> ready needs `graph_valid`; otherwise `graph_invalid` with `validation_errors` (the
    graph's issues: GraphIssue objects or their dicts; see domain.strategy.graph.issues_member).
    ready -> live needs `live_checks`, the failures from `live_promotion_failures` (empty: all
    passed; None is a programming error here); otherwise `live_validation_failed` with `failures`.
    An invalid graph fails ready -> live even if the caller forgot to put it in `live_checks`.
    """
    target = promotion_target(current)
    if target == READY:
        if not graph_valid:
            issues = list(validation_errors)
            raise _conflict(current, f"The graph has {len(issues)} validation error{'s' if len(issues) != 1 else ''}.",
                            GraphInvalidForPromotion, **issues_member(issues))
        return target
    if live_checks is None:
        raise TypeError("promote from ready needs live_checks (see live_promotion_failures)")
    failures = [dict(f) for f in live_checks]
    if not graph_valid and not any(f.get("code") == "graph_invalid" for f in failures):
        failures.insert(0, _failure_graph_invalid(1))
    if failures:
        n = len(failures)
        raise _conflict(current, f"{n} live-promotion check{'s' if n != 1 else ''} failed.",
                        LiveValidationFailed, failures=failures)
    return target


def archive(current: str) -> str:
    """Archived, from every other status; Conflict `invalid_transition` when already archived."""
    if _check(current) == ARCHIVED:
        raise _conflict(current, "The strategy is already archived.")
    return ARCHIVED


def unarchive(current: str) -> str:
    """Back to draft from archived; Conflict `invalid_transition` from any other status."""
    if _check(current) != ARCHIVED:
        raise _conflict(current, "Only an archived strategy can be unarchived.")
    return DRAFT


def _failure_graph_invalid(count: int) -> dict[str, str]:
    plural = "s" if count != 1 else ""
    return {"code": "graph_invalid", "message": f"The graph has {count} validation error{plural}; fix it first."}


def live_promotion_failures(graph_issues: Sequence[Any], has_stop_loss: bool, compliance_accepted: bool,
                            pending_documents: Sequence[str] = ()) -> list[dict[str, str]]:
    """The failed live-promotion checks, in a stable order (the contract's LivePromotionFailure):
    the graph is valid (`graph_invalid`), it has a stop-loss node (`missing_stop_loss`), the caller
    has accepted the current version of every required compliance document
    (`compliance_not_accepted`; `pending_documents`, e.g. "Risk Disclosure (CFTC Rule 4.41)
    version 2026-06-01", name them in the message). Empty when all pass."""
    failures: list[dict[str, str]] = []
    if graph_issues:
        failures.append(_failure_graph_invalid(len(graph_issues)))
    if not has_stop_loss:
        failures.append({"code": "missing_stop_loss", "message": "The graph has no stop-loss node."})
    if not compliance_accepted:
        if pending_documents:
            message = f"Accept the current {', '.join(pending_documents)} first."
        else:
            message = "Accept the current version of every required compliance document first."
        failures.append({"code": "compliance_not_accepted", "message": message})
    return failures
