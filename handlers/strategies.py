"""Strategies tag: the node catalogue, strategies, their versions, lifecycle, import/export, fixtures."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from connexion import request

from db import compliance as compliance_db
from db import strategies as strategies_db
from db.pool import Cursor
from domain.billing.compliance import CFTC_4_41_TEXT, accepted_versions, all_current
from domain.errors import Conflict, Invalid, NotFound, PreconditionFailed
from domain.pagination import decode_int_cursor, decode_time_id_cursor, encode_cursor
from domain.strategy import lifecycle
from domain.strategy.catalog import engine_catalog
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
from generated import models
from handlers._http import as_caller, parse, respond, services
from services.backtests import backtest_statistics, backtest_stored, backtest_trade


async def list_engines(token_info: dict[str, Any]) -> Any:
    return respond(models.EngineCatalog.model_validate(engine_catalog()))


async def list_strategies(
    token_info: dict[str, Any], user: str, limit: int = 50, status: str | None = None,
    instrument: str | None = None, tag: str | None = None, cursor: str | None = None,
) -> Any:
    after = decode_time_id_cursor(cursor) if cursor else None
    async with as_caller(token_info) as cur:
        rows = await strategies_db.list_page(cur, user, status=status, instrument=instrument, tag=tag,
                                             after=after, limit=limit)
    page, more = rows[:limit], len(rows) > limit
    next_cursor = encode_cursor(page[-1]["updated_at"], page[-1]["id"]) if more else None
    return respond(models.StrategyList(items=[_strategy(r) for r in page], next_cursor=next_cursor))


async def create_strategy(body: dict[str, Any], token_info: dict[str, Any], user: str) -> Any:
    req = parse(models.StrategyCreate, body)
    async with as_caller(token_info) as cur:
        row = await _create(cur, user, name=req.name, description=req.description or "", instrument=req.instrument,
                            timeframe=req.timeframe, tags=[t.root for t in req.tags or []], graph=body["graph"],
                            note=req.note)
        return _with_etag(row, 201)


async def get_strategy(strategy_id: str, token_info: dict[str, Any], user: str) -> Any:
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id)
    return _with_etag(row)


async def update_strategy(strategy_id: str, body: dict[str, Any], token_info: dict[str, Any], user: str) -> Any:
    req = parse(models.StrategyUpdate, body)
    if_match = request.headers.get("if-match")
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id, for_update=True)
        if if_match is not None and if_match.strip() != _etag(row):
            raise PreconditionFailed(f"The strategy changed since you loaded it (now {_etag(row)}); reload it.",
                                     current_etag=_etag(row))
        if req.expected_version is not None and req.expected_version != row["current_version"]:
            raise PreconditionFailed(
                f"The strategy is at version {row['current_version']}, not {req.expected_version}; reload it.",
                current_version=row["current_version"])
        if req.name is not None and req.name != row["name"]:
            await strategies_db.lock_names(cur, user)  # a rename must not race a clone for the same name
        version = row["current_version"]
        if "graph" in body:
            graph = normalize_graph(body["graph"])
            digest = content_hash(graph)
            if digest != row["content_hash"]:  # same content: no new version
                version += 1
                await strategies_db.insert_version(cur, user, strategy_id, version, graph, digest, req.note)
        updated = await _save(
            cur, user, row, name=req.name or row["name"],
            description=row["description"] if req.description is None else req.description,
            instrument=req.instrument or row["instrument"], timeframe=req.timeframe or row["timeframe"],
            tags=row["tags"] if req.tags is None else [t.root for t in req.tags], current_version=version,
        )
        return _with_etag(updated)


async def delete_strategy(strategy_id: str, token_info: dict[str, Any], user: str) -> Any:
    async with as_caller(token_info) as cur:
        await _get(cur, user, strategy_id, for_update=True)
        if await strategies_db.has_active_runtime(cur, strategy_id):
            raise Conflict("Stop the strategy's running runtime before deleting it.", code="runtime_active")
        await strategies_db.soft_delete(cur, user, strategy_id)
        return respond(None, 204)


async def clone_strategy(source_id: str, token_info: dict[str, Any], user: str) -> Any:
    async with as_caller(token_info) as cur:
        source = await _get(cur, user, source_id)
        row = await _create(cur, user, name=await _free_name(cur, user, source["name"], "copy"),
                            description=source["description"], instrument=source["instrument"],
                            timeframe=source["timeframe"], tags=source["tags"], graph=source["graph"],
                            note=f"Cloned from {source['name']} v{source['current_version']}")
        return _with_etag(row, 201)


async def promote_strategy(strategy_id: str, token_info: dict[str, Any], user: str) -> Any:
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id, for_update=True)
        issues = validate_graph(row["graph"], row["instrument"], row["timeframe"])
        live_checks = None
        if lifecycle.promotion_target(row["status"]) == lifecycle.LIVE:
            live_checks = lifecycle.live_promotion_failures(
                issues, has_node_of_type(row["graph"], "stop_loss"), await _compliance_accepted(cur))
        status = lifecycle.promote(row["status"], graph_valid=not issues, validation_errors=issues,
                                   live_checks=live_checks)
        updated = await _save(cur, user, row, status=status)
        return _with_etag(updated)


async def archive_strategy(strategy_id: str, token_info: dict[str, Any], user: str) -> Any:
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id, for_update=True)
        updated = await _save(cur, user, row, status=lifecycle.archive(row["status"]))
        return _with_etag(updated)


async def unarchive_strategy(strategy_id: str, token_info: dict[str, Any], user: str) -> Any:
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id, for_update=True)
        updated = await _save(cur, user, row, status=lifecycle.unarchive(row["status"]))
        return _with_etag(updated)


async def rollback_strategy(strategy_id: str, body: dict[str, Any], token_info: dict[str, Any], user: str) -> Any:
    req = parse(models.StrategyRollbackRequest, body)
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id, for_update=True)
        target = await strategies_db.get_version(cur, user, strategy_id, req.to_version)
        if target is None:
            raise NotFound(f"The strategy has no version {req.to_version}.", code="version_not_found")
        if req.to_version == row["current_version"]:
            raise Conflict(f"Version {req.to_version} is already the current version.", code="rollback_to_current")
        version = row["current_version"] + 1
        note = req.note or f"Rollback to v{req.to_version}"
        await strategies_db.insert_version(cur, user, strategy_id, version, target["graph"], target["content_hash"],
                                           note)
        await _save(cur, user, row, current_version=version)
        return respond(models.StrategyRollbackResult(id=row["id"], current_version=version))


async def export_strategy(strategy_id: str, token_info: dict[str, Any], user: str) -> Any:
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id)
    return respond(models.ExportPayload.model_validate(export_payload(row, row["graph"], datetime.now(UTC))))


async def run_backtest(strategy_id: str, token_info: dict[str, Any], user: str,
                       body: dict[str, Any] | None = None) -> Any:
    req = parse(models.BacktestRequest, body or {})
    if req.from_ and req.to and req.from_ >= req.to:
        raise Invalid("`from` must be before `to`.", code="invalid_range")
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id)
        version = req.version or row["current_version"]
        graph = row["graph"] if version == row["current_version"] else await _version_graph(cur, user, row, version)
        result = await backtest_stored(cur, row, graph, req.from_, req.to)
    return respond(models.BacktestResult.model_validate({
        "strategy_id": row["id"], "version": version, "instrument": row["instrument"],
        "timeframe": row["timeframe"], "from": result.first_bar_ts, "to": result.last_bar_ts, "bars": result.bars,
        "statistics": backtest_statistics(result), "trades": [backtest_trade(t) for t in result.trades],
        "disclaimer": CFTC_4_41_TEXT,
    }))


async def list_strategy_versions(
    strategy_id: str, token_info: dict[str, Any], user: str, limit: int = 50, cursor: str | None = None,
) -> Any:
    before = decode_int_cursor(cursor) if cursor else None
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id)
        versions = await strategies_db.list_versions(cur, user, strategy_id, before=before, limit=limit)
    page, more = versions[:limit], len(versions) > limit
    items = [_version_summary(v, row) for v in page]
    return respond(models.StrategyVersionList(items=items, next_cursor=str(page[-1]["version"]) if more else None))


async def get_strategy_version(strategy_id: str, version: int, token_info: dict[str, Any], user: str) -> Any:
    async with as_caller(token_info) as cur:
        row = await _get(cur, user, strategy_id)
        found = await strategies_db.get_version(cur, user, strategy_id, version)
    if found is None:
        raise NotFound(f"The strategy has no version {version}.", code="version_not_found")
    validation = _validation(found["graph"], row)
    summary = _version_summary(found, row).model_dump()
    return respond(models.StrategyVersion.model_validate({**summary, "graph": found["graph"],
                                                          "validation": validation}))


async def create_strategy_from_fixture(slug: str, token_info: dict[str, Any], user: str) -> Any:
    fixture = get_fixture(slug)
    async with as_caller(token_info) as cur:
        row = await _create(cur, user, name=await _free_name(cur, user, fixture["name"], "suffix"),
                            description=fixture["description"], instrument=fixture["instrument"],
                            timeframe=fixture["timeframe"], tags=fixture["tags"], graph=fixture["graph"],
                            note=f"From fixture {slug}")
        return _with_etag(row, 201)


async def import_strategy(body: dict[str, Any], token_info: dict[str, Any], user: str) -> Any:
    parse(models.StrategyImport, body)
    imported = parse_import(body)
    async with as_caller(token_info) as cur:
        name = imported.name
        if imported.name_on_conflict == "suffix":
            name = await _free_name(cur, user, name, "suffix")
        row = await _create(cur, user, name=name, description=imported.description,
                            instrument=imported.instrument, timeframe=imported.timeframe, tags=imported.tags,
                            graph=imported.graph, note="Imported")
        return _with_etag(row, 201)


# --- helpers ------------------------------------------------------------------------------------------

async def _get(cur: Cursor, user: str, strategy_id: str, *, for_update: bool = False) -> dict[str, Any]:
    row = await strategies_db.get(cur, user, strategy_id, for_update=for_update)
    if row is None:
        # Missing, deleted, or someone else's: the same answer, so ids cannot be probed.
        raise NotFound("No such strategy.", code="strategy_not_found")
    return row


async def _free_name(cur: Cursor, user: str, name: str, style: Literal["copy", "suffix"]) -> str:
    """The first free form of `name` for this user. Holds the user's name lock until commit, so that
    concurrent clones or imports each get their own (copy), (copy 2), ... instead of a 409."""
    await strategies_db.lock_names(cur, user)
    return disambiguate(name, await strategies_db.names_with_prefix(cur, user, name_stem(name)), style)


async def _create(cur: Cursor, user: str, *, name: str, description: str, instrument: str, timeframe: str,
                  tags: list[str], graph: dict[str, Any], note: str | None) -> dict[str, Any]:
    await strategies_db.lock_names(cur, user)  # again after _free_name is harmless: the lock is re-entrant
    graph = normalize_graph(graph)
    return await strategies_db.create(cur, user, name=name, description=description, instrument=instrument,
                                      timeframe=timeframe, tags=list(tags), graph=graph,
                                      content_hash=content_hash(graph), note=note)


async def _save(cur: Cursor, user: str, row: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """Write `row` with `changes` applied (every update bumps the revision, so the ETag) and read it back."""
    fields = {k: row[k] for k in ("name", "description", "instrument", "timeframe", "tags", "current_version",
                                  "status")}
    await strategies_db.update(cur, user, row["id"], **{**fields, **changes})
    return await _get(cur, user, row["id"])


async def _version_graph(cur: Cursor, user: str, row: dict[str, Any], version: int) -> dict[str, Any]:
    found = await strategies_db.get_version(cur, user, row["id"], version)
    if found is None:
        raise NotFound(f"The strategy has no version {version}.", code="version_not_found")
    graph: dict[str, Any] = found["graph"]
    return graph


async def _compliance_accepted(cur: Cursor) -> bool:
    accepted = accepted_versions(await compliance_db.list_for_caller(cur))
    return all_current(accepted, services().document_versions)


def _validation(graph: dict[str, Any], strategy: dict[str, Any]) -> dict[str, Any]:
    # Computed, not stored: it depends on the strategy's current instrument and timeframe too.
    return validation_result(validate_graph(graph, strategy["instrument"], strategy["timeframe"]))


def _strategy(row: dict[str, Any]) -> models.Strategy:
    fields = {k: row[k] for k in ("id", "name", "description", "instrument", "timeframe", "tags", "status",
                                  "current_version", "created_at", "updated_at", "graph")}
    return models.Strategy.model_validate({**fields, "validation": _validation(row["graph"], row)})


def _version_summary(version: dict[str, Any], strategy: dict[str, Any]) -> models.VersionSummary:
    return models.VersionSummary(
        version=version["version"], content_hash=version["content_hash"], note=version["note"],
        created_at=version["created_at"], valid=_validation(version["graph"], strategy)["valid"],
    )


def _etag(row: dict[str, Any]) -> str:
    # Changes with every update, graph or not, so two tabs cannot overwrite each other's edits.
    return f'"v{row["current_version"]}.{row["revision"]}"'


def _with_etag(row: dict[str, Any], status: int = 200) -> Any:
    return respond(_strategy(row), status, {"ETag": _etag(row)})
