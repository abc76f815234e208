"""Strategies: their rows and versions, the lifecycle, names, import and export (the Strategies tag).

A strategy as a use case returns it is the row of `db.strategies` joined with its head version
(graph, content_hash). The rules are in `domain.strategy`; this module puts them together with the
queries, inside the caller's transaction.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from db import compliance as compliance_db
from db import strategies as strategies_db
from domain.billing.compliance import DocumentId, accepted_versions, all_current
from domain.pagination import decode_int_cursor, decode_time_id_cursor, encode_cursor
from domain.strategy import lifecycle
from domain.strategy.catalog import CATALOG_VERSION
from domain.strategy.errors import RollbackToCurrent, RuntimeActive, StrategyChanged, StrategyNotFound, VersionNotFound
from domain.strategy.fixtures import get_fixture
from domain.strategy.format import (
    content_hash,
    disambiguate,
    export_payload,
    name_stem,
    normalize_graph,
    parse_import,
)
from domain.strategy.graph import has_node_of_type, validate_graph, validation_result
from services import entitlements
from services.tx import Tx

Row = dict[str, Any]


def etag(row: Row) -> str:
    """The strategy's concurrency token: changes with every update, graph or not, so that two tabs
    cannot overwrite each other's edits (If-Match)."""
    return f'"v{row["current_version"]}.{row["revision"]}"'


@dataclass(frozen=True)
class Page:
    items: list[Row]
    next_cursor: str | None


async def list_strategies(tx: Tx, *, limit: int, status: str | None = None, instrument: str | None = None,
                          tag: str | None = None, cursor: str | None = None) -> Page:
    """Newest change first, keyset-paginated on (updated_at, id)."""
    after = decode_time_id_cursor(cursor) if cursor else None
    rows = await strategies_db.list_page(tx.cur, tx.caller(), status=status, instrument=instrument, tag=tag,
                                         after=after, limit=limit)
    page, more = rows[:limit], len(rows) > limit
    return Page(page, encode_cursor(page[-1]["updated_at"], page[-1]["id"]) if more else None)


async def get_strategy(tx: Tx, strategy_id: str, *, for_update: bool = False) -> Row:
    row = await strategies_db.get(tx.cur, tx.caller(), strategy_id, for_update=for_update)
    if row is None:
        raise StrategyNotFound("No such strategy.")
    return row


async def create_strategy(tx: Tx, *, name: str, description: str, instrument: str, timeframe: str,
                          tags: list[str], graph: dict[str, Any], note: str | None) -> Row:
    """A new strategy at version 1, within the tier's cap of strategies. The name must be free (409
    name_taken)."""
    user = tx.caller()
    await entitlements.check_new_strategy(tx)
    await strategies_db.lock_names(tx.cur, user)
    graph = normalize_graph(graph)
    return await strategies_db.create(tx.cur, user, name=name, description=description, instrument=instrument,
                                      timeframe=timeframe, tags=list(tags), graph=graph,
                                      content_hash=content_hash(graph), note=note)


@dataclass(frozen=True)
class StrategyChanges:
    """A partial update: None (or, for the graph, absent) keeps the current value."""

    name: str | None = None
    description: str | None = None
    instrument: str | None = None
    timeframe: str | None = None
    tags: list[str] | None = None
    graph: dict[str, Any] | None = None
    note: str | None = None
    expected_version: int | None = None


async def update_strategy(tx: Tx, strategy_id: str, changes: StrategyChanges, *, if_match: str | None = None) -> Row:
    """Apply `changes`. A graph with new content makes the next version; the same content makes none.
    412 when `if_match` (an ETag) or `expected_version` no longer describes the strategy."""
    user = tx.caller()
    row = await get_strategy(tx, strategy_id, for_update=True)
    if if_match is not None and if_match.strip() != etag(row):
        raise StrategyChanged(f"The strategy changed since you loaded it (now {etag(row)}); reload it.",
                              current_etag=etag(row))
    if changes.expected_version is not None and changes.expected_version != row["current_version"]:
        raise StrategyChanged(
            f"The strategy is at version {row['current_version']}, not {changes.expected_version}; reload it.",
            current_version=row["current_version"])
    if changes.name is not None and changes.name != row["name"]:
        await strategies_db.lock_names(tx.cur, user)  # a rename must not race a clone for the same name
    version = row["current_version"]
    if changes.graph is not None:
        graph = normalize_graph(changes.graph)
        digest = content_hash(graph)
        if digest != row["content_hash"]:
            version += 1
            await strategies_db.insert_version(tx.cur, user, strategy_id, version, graph, digest, changes.note)
    return await _save(tx, row, name=changes.name or row["name"],
                       description=row["description"] if changes.description is None else changes.description,
                       instrument=changes.instrument or row["instrument"],
                       timeframe=changes.timeframe or row["timeframe"],
                       tags=row["tags"] if changes.tags is None else changes.tags, current_version=version)


async def delete_strategy(tx: Tx, strategy_id: str) -> None:
    """Soft delete; refused while a runtime of the strategy is starting or running."""
    await get_strategy(tx, strategy_id, for_update=True)
    if await strategies_db.has_active_runtime(tx.cur, strategy_id):
        raise RuntimeActive("Stop the strategy's running runtime before deleting it.")
    await strategies_db.soft_delete(tx.cur, tx.caller(), strategy_id)


async def clone_strategy(tx: Tx, source_id: str) -> Row:
    """A new strategy at version 1 with the source's head graph, named "<name> (copy)", "(copy 2)", ..."""
    source = await get_strategy(tx, source_id)
    return await create_strategy(
        tx, name=await _free_name(tx, source["name"], "copy"), description=source["description"],
        instrument=source["instrument"], timeframe=source["timeframe"], tags=source["tags"], graph=source["graph"],
        note=f"Cloned from {source['name']} v{source['current_version']}")


async def create_strategy_from_fixture(tx: Tx, slug: str) -> Row:
    fixture = get_fixture(slug)
    return await create_strategy(
        tx, name=await _free_name(tx, fixture["name"], "suffix"), description=fixture["description"],
        instrument=fixture["instrument"], timeframe=fixture["timeframe"], tags=fixture["tags"],
        graph=fixture["graph"], note=f"From fixture {slug}")


async def import_strategy(tx: Tx, body: Mapping[str, Any]) -> Row:
    """An `ex7.strategy/v1` document as a new strategy; on a name clash, suffixed or 409 as it asks."""
    imported = parse_import(body)
    name = imported.name
    if imported.name_on_conflict == "suffix":
        name = await _free_name(tx, name, "suffix")
    return await create_strategy(tx, name=name, description=imported.description, instrument=imported.instrument,
                                 timeframe=imported.timeframe, tags=imported.tags, graph=imported.graph,
                                 note="Imported")


async def export_strategy(tx: Tx, strategy_id: str) -> dict[str, Any]:
    row = await get_strategy(tx, strategy_id)
    return export_payload(row, row["graph"], tx.clock.now())


async def promote_strategy(tx: Tx, strategy_id: str, *, documents: Mapping[DocumentId, str]) -> Row:
    """One step forward (domain.strategy.lifecycle.promote); to live only with a valid graph, a stop
    loss and the current version of every document in `documents` accepted."""
    row = await get_strategy(tx, strategy_id, for_update=True)
    issues = validate_graph(row["graph"], row["instrument"], row["timeframe"])
    live_checks = None
    if lifecycle.promotion_target(row["status"]) == lifecycle.LIVE:
        accepted = all_current(accepted_versions(await compliance_db.list_for_caller(tx.cur)), documents)
        live_checks = lifecycle.live_promotion_failures(issues, has_node_of_type(row["graph"], "stop_loss"), accepted)
    status = lifecycle.promote(row["status"], graph_valid=not issues, validation_errors=issues,
                               live_checks=live_checks)
    return await _save(tx, row, status=status)


async def archive_strategy(tx: Tx, strategy_id: str) -> Row:
    row = await get_strategy(tx, strategy_id, for_update=True)
    return await _save(tx, row, status=lifecycle.archive(row["status"]))


async def unarchive_strategy(tx: Tx, strategy_id: str) -> Row:
    row = await get_strategy(tx, strategy_id, for_update=True)
    return await _save(tx, row, status=lifecycle.unarchive(row["status"]))


async def rollback_strategy(tx: Tx, strategy_id: str, *, to_version: int, note: str | None) -> Row:
    """A new head version whose graph is `to_version`'s."""
    row = await get_strategy(tx, strategy_id, for_update=True)
    target = await get_version(tx, strategy_id, to_version)
    if to_version == row["current_version"]:
        raise RollbackToCurrent(f"Version {to_version} is already the current version.")
    version = row["current_version"] + 1
    await strategies_db.insert_version(tx.cur, tx.caller(), strategy_id, version, target["graph"],
                                       target["content_hash"], note or f"Rollback to v{to_version}")
    return await _save(tx, row, current_version=version)


@dataclass(frozen=True)
class VersionPage:
    strategy: Row
    items: list[Row]
    next_cursor: str | None


async def list_strategy_versions(tx: Tx, strategy_id: str, *, limit: int, cursor: str | None = None) -> VersionPage:
    """Newest version first; the cursor is the last version number of the previous page."""
    before = decode_int_cursor(cursor) if cursor else None
    row = await get_strategy(tx, strategy_id)
    versions = await strategies_db.list_versions(tx.cur, tx.caller(), strategy_id, before=before, limit=limit)
    page, more = versions[:limit], len(versions) > limit
    return VersionPage(row, page, str(page[-1]["version"]) if more else None)


async def get_version(tx: Tx, strategy_id: str, version: int) -> Row:
    found = await strategies_db.get_version(tx.cur, tx.caller(), strategy_id, version)
    if found is None:
        raise VersionNotFound(f"The strategy has no version {version}.")
    return found


async def get_strategy_version(tx: Tx, strategy_id: str, version: int) -> tuple[Row, Row]:
    """The strategy (whose instrument and timeframe the version is validated with) and the version."""
    row = await get_strategy(tx, strategy_id)
    return row, await get_version(tx, strategy_id, version)


# ---- helpers -----------------------------------------------------------------------------------------

async def _free_name(tx: Tx, name: str, style: Literal["copy", "suffix"]) -> str:
    """The first free form of `name` for the caller. Holds the caller's name lock until commit, so that
    concurrent clones or imports each get their own (copy), (copy 2), ... instead of a 409."""
    user = tx.caller()
    await strategies_db.lock_names(tx.cur, user)
    return disambiguate(name, await strategies_db.names_with_prefix(tx.cur, user, name_stem(name)), style)


async def _save(tx: Tx, row: Row, **changes: Any) -> Row:
    """Write `row` with `changes` applied (every update bumps the revision, so the ETag) and read it back."""
    fields = {k: row[k] for k in ("name", "description", "instrument", "timeframe", "tags", "current_version",
                                  "status")}
    await strategies_db.update(tx.cur, tx.caller(), row["id"], **{**fields, **changes})
    return await get_strategy(tx, row["id"])


# ---- validation results --------------------------------------------------------------------------
# A validation result is a pure function of the graph's content, the instrument, the timeframe and
# the node catalogue, so each is computed once and kept (least recently used first out): a list page
# of 50 strategies validates nothing it has validated before. A large graph is validated on a worker
# thread, so that its first reading does not hold the event loop.

_VALIDATIONS_KEPT = 10_000
_OFF_LOOP_ELEMENTS = 200
_validations: OrderedDict[tuple[str, str, str, str], dict[str, Any]] = OrderedDict()


async def validation(graph: Mapping[str, Any] | str, digest: str, instrument: str,
                     timeframe: str) -> dict[str, Any]:
    """The contract's StrategyValidation of a graph (or its JSON text) whose content hash is `digest`.
    Do not modify it."""
    key = (digest, instrument, timeframe, CATALOG_VERSION)
    cached = _validations.get(key)
    if cached is not None:
        _validations.move_to_end(key)
        return cached
    parsed: Mapping[str, Any] = json.loads(graph) if isinstance(graph, str) else graph
    size = len(parsed.get("nodes") or ()) + len(parsed.get("edges") or ())
    if size > _OFF_LOOP_ELEMENTS:
        result = await asyncio.to_thread(_validation, parsed, instrument, timeframe)
    else:
        result = _validation(parsed, instrument, timeframe)
    _validations[key] = result
    while len(_validations) > _VALIDATIONS_KEPT:
        _validations.popitem(last=False)
    return result


def _validation(graph: Mapping[str, Any], instrument: str, timeframe: str) -> dict[str, Any]:
    return validation_result(validate_graph(graph, instrument, timeframe))


async def head_validation(row: Row) -> dict[str, Any]:
    """The validation of a strategy's head graph, with its current instrument and timeframe (a list
    page's row carries the graph as text, `graph_json`)."""
    graph = row["graph"] if "graph" in row else row["graph_json"]
    return await validation(graph, row["content_hash"], row["instrument"], row["timeframe"])
