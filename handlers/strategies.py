"""Strategies tag: the node catalogue, strategies, their versions, lifecycle, import/export, fixtures,
backtests. Each operation: parse, call its use case in services.strategies (or services.backtests), map."""

from __future__ import annotations

from typing import Any

from connexion import request

from domain.billing.compliance import CFTC_4_41_TEXT
from domain.strategy.catalog import engine_catalog
from ex7.wire import RawJSON
from generated import models
from handlers._http import as_caller, deps, parse, respond
from services import backtests, strategies
from services.strategies import Row

_ENGINES = engine_catalog()  # fixed for the life of the process


async def list_engines(token_info: dict[str, Any]) -> Any:
    return respond(_ENGINES)


async def list_strategies(
    token_info: dict[str, Any], limit: int = 50, status: str | None = None,
    instrument: str | None = None, tag: str | None = None, cursor: str | None = None,
) -> Any:
    async with as_caller(token_info) as tx:
        page = await strategies.list_strategies(tx, limit=limit, status=status, instrument=instrument, tag=tag,
                                                cursor=cursor)
    return respond({"items": [await strategy_document(r) for r in page.items], "next_cursor": page.next_cursor})


async def create_strategy(body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.StrategyCreate, body)
    async with as_caller(token_info) as tx:
        row = await strategies.create_strategy(
            tx, name=req.name, description=req.description or "", instrument=req.instrument,
            timeframe=req.timeframe, tags=[t.root for t in req.tags or []], graph=body["graph"], note=req.note)
        return await _with_etag(row, 201)


async def get_strategy(strategy_id: str, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        row = await strategies.get_strategy(tx, strategy_id)
    return await _with_etag(row)


async def update_strategy(strategy_id: str, body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.StrategyUpdate, body)
    changes = strategies.StrategyChanges(
        name=req.name, description=req.description, instrument=req.instrument, timeframe=req.timeframe,
        tags=None if req.tags is None else [t.root for t in req.tags], graph=body.get("graph"), note=req.note,
        expected_version=req.expected_version)
    async with as_caller(token_info) as tx:
        row = await strategies.update_strategy(tx, strategy_id, changes, if_match=request.headers.get("if-match"))
        return await _with_etag(row)


async def delete_strategy(strategy_id: str, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        await strategies.delete_strategy(tx, strategy_id)
        return respond(None, 204)


async def clone_strategy(source_id: str, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        return await _with_etag(await strategies.clone_strategy(tx, source_id), 201)


async def promote_strategy(strategy_id: str, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        row = await strategies.promote_strategy(tx, strategy_id, documents=deps().document_versions)
        return await _with_etag(row)


async def archive_strategy(strategy_id: str, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        return await _with_etag(await strategies.archive_strategy(tx, strategy_id))


async def unarchive_strategy(strategy_id: str, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        return await _with_etag(await strategies.unarchive_strategy(tx, strategy_id))


async def rollback_strategy(strategy_id: str, body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    req = parse(models.StrategyRollbackRequest, body)
    async with as_caller(token_info) as tx:
        row = await strategies.rollback_strategy(tx, strategy_id, to_version=req.to_version, note=req.note)
        return respond({"id": row["id"], "current_version": row["current_version"]})


async def export_strategy(strategy_id: str, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        return respond(await strategies.export_strategy(tx, strategy_id))


async def run_backtest(strategy_id: str, token_info: dict[str, Any], body: dict[str, Any] | None = None) -> Any:
    req = parse(models.BacktestRequest, body or {})
    async with as_caller(token_info) as tx:
        run = await backtests.run_backtest(tx, strategy_id, version=req.version, start=req.from_, end=req.to)
        result = run.result
        return respond({
            "strategy_id": run.strategy["id"], "version": run.version, "instrument": result.instrument,
            "timeframe": result.timeframe, "from": result.first_bar_ts, "to": result.last_bar_ts,
            "bars": result.bars, "statistics": backtests.statistics(result),
            "trades": [backtests.trade(t) for t in result.trades], "disclaimer": CFTC_4_41_TEXT,
        })


async def list_strategy_versions(strategy_id: str, token_info: dict[str, Any], limit: int = 50,
                                 cursor: str | None = None) -> Any:
    async with as_caller(token_info) as tx:
        page = await strategies.list_strategy_versions(tx, strategy_id, limit=limit, cursor=cursor)
    return respond({"items": [await _version_summary(v, page.strategy) for v in page.items],
                    "next_cursor": page.next_cursor})


async def get_strategy_version(strategy_id: str, version: int, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        row, found = await strategies.get_strategy_version(tx, strategy_id, version)
    validation = await _validation(found, row)
    return respond({**await _version_summary(found, row, validation), "graph": found["graph"],
                    "validation": validation})


async def create_strategy_from_fixture(slug: str, token_info: dict[str, Any]) -> Any:
    async with as_caller(token_info) as tx:
        return await _with_etag(await strategies.create_strategy_from_fixture(tx, slug), 201)


async def import_strategy(body: dict[str, Any], token_info: dict[str, Any]) -> Any:
    parse(models.StrategyImport, body)
    async with as_caller(token_info) as tx:
        return await _with_etag(await strategies.import_strategy(tx, body), 201)


# ---- mapping to the contract ---------------------------------------------------------------------

_STRATEGY_FIELDS = ("id", "name", "description", "instrument", "timeframe", "tags", "status", "current_version",
                    "created_at", "updated_at")


async def strategy_document(row: Row) -> dict[str, Any]:
    """The contract's Strategy (from a list page's row, the graph goes out as the text it came in)."""
    graph = row["graph"] if "graph" in row else RawJSON(row["graph_json"])
    return {**{k: row[k] for k in _STRATEGY_FIELDS}, "graph": graph,
            "validation": await strategies.head_validation(row)}


async def _validation(version: Row, strategy: Row) -> dict[str, Any]:
    # A version is validated with the strategy's current instrument and timeframe.
    return await strategies.validation(version["graph"], version["content_hash"], strategy["instrument"],
                                       strategy["timeframe"])


async def _version_summary(version: Row, strategy: Row, validation: dict[str, Any] | None = None) -> dict[str, Any]:
    """The contract's VersionSummary."""
    valid = (validation or await _validation(version, strategy))["valid"]
    return {"version": version["version"], "content_hash": version["content_hash"], "note": version["note"],
            "created_at": version["created_at"], "valid": valid}


async def _with_etag(row: Row, status: int = 200) -> Any:
    return respond(await strategy_document(row), status, {"ETag": strategies.etag(row)})
