# Strategies: from the node catalogue to a versioned, backtested, exported strategy (Python SDK)
# Lists the node types and fixtures, creates a strategy from the demo fixture, edits its graph (If-Match),
# saves an invalid edit (kept as a draft, its errors reported) and rolls it back, lists the versions,
# promotes, backtests, exports and re-imports it; then deletes what it made, so it can run again.
# Needs the EX7 SDK (pip install ./clients/python), EX7_URL (default http://127.0.0.1:8000) and EX7_TOKEN.
from __future__ import annotations

import os
import sys
from uuid import UUID

from ex7_client import AuthenticatedClient
from ex7_client.api.strategies import (
    strategies_create_strategy_from_fixture,
    strategies_delete_strategy,
    strategies_export_strategy,
    strategies_get_strategy,
    strategies_import_strategy,
    strategies_list_engines,
    strategies_list_strategy_versions,
    strategies_promote_strategy,
    strategies_rollback_strategy,
    strategies_run_backtest,
    strategies_update_strategy,
)
from ex7_client.models import (
    BacktestRequest,
    StrategyGraphInput,
    StrategyImport,
    StrategyRollbackRequest,
    StrategyUpdate,
)
from ex7_sdk import ProblemError, unwrap

URL = os.environ.get("EX7_URL", "http://127.0.0.1:8000")
TOKEN = os.environ.get("EX7_TOKEN") or sys.exit("export EX7_TOKEN=... (./dev serve prints the line to paste)")


def main(client: AuthenticatedClient, created: list[UUID]) -> None:
    print("== 1. The catalogue: node types a graph may use, and ready-made fixtures")
    catalog = unwrap(strategies_list_engines.sync_detailed(client=client))
    print(f"{len(catalog.items)} node types: {', '.join(node.type_ for node in catalog.items)}")
    print("fixtures:")
    for fixture in catalog.fixtures:
        print(f"  {fixture.slug}  ({fixture.instrument} {fixture.timeframe})  {fixture.name}")

    print("== 2. Create a strategy from the demo-1m-momentum fixture (version 1, draft)")
    strategy = unwrap(strategies_create_strategy_from_fixture.sync_detailed("demo-1m-momentum", client=client))
    created.append(strategy.id)
    print(f"{strategy.name} [{strategy.id}] status={strategy.status} version={strategy.current_version} "
          f"valid={strategy.validation.valid}")

    print("== 3. Edit it: a slower EMA, guarded by the ETag (a concurrent edit would get 412)")
    answer = strategies_get_strategy.sync_detailed(strategy.id, client=client)
    etag = answer.headers["etag"]
    graph = unwrap(answer).graph.to_dict()
    for node in graph["nodes"]:
        if node["id"] == "ema":
            node["params"]["period"] = 5
    strategy = unwrap(strategies_update_strategy.sync_detailed(
        strategy.id, client=client, if_match=etag,
        body=StrategyUpdate(graph=StrategyGraphInput.from_dict(graph), tags=[*strategy.tags, "docs-strategies"],
                            note="EMA 3 -> 5")))
    print(f"version {strategy.current_version}, valid={strategy.validation.valid}, tags={','.join(strategy.tags)}")

    print("== 4. An invalid edit (an input left unconnected) is saved as a draft, with what is wrong")
    graph["edges"] = [e for e in graph["edges"] if e["to"] != {"node": "up", "port": "b"}]
    strategy = unwrap(strategies_update_strategy.sync_detailed(
        strategy.id, client=client,
        body=StrategyUpdate(graph=StrategyGraphInput.from_dict(graph), expected_version=strategy.current_version,
                            note="unplug the EMA")))
    print(f"version {strategy.current_version}, valid={strategy.validation.valid}")
    for error in strategy.validation.errors:
        print(f"  {error.code}: {error.message}")

    print("== 5. Roll back to version 2 (a new version with that graph), then list the versions")
    rolled = unwrap(strategies_rollback_strategy.sync_detailed(
        strategy.id, client=client, body=StrategyRollbackRequest(to_version=2, note="back to the working graph")))
    print(f"current version: {rolled.current_version}")
    versions = unwrap(strategies_list_strategy_versions.sync_detailed(strategy.id, client=client, limit=10))
    for version in versions.items:
        print(f"  v{version.version}  valid={version.valid}  {version.note or ''}")

    print("== 6. Promote it (draft -> ready: the graph must be valid) and backtest it on the stored bars")
    strategy = unwrap(strategies_promote_strategy.sync_detailed(strategy.id, client=client))
    print(f"status: {strategy.status}")
    result = unwrap(strategies_run_backtest.sync_detailed(strategy.id, client=client, body=BacktestRequest()))
    print(f"{result.bars} bars from {result.from_} to {result.to}: {result.statistics.trades} trades, "
          f"net P&L {result.statistics.net_pnl} USD")
    print(f"({result.disclaimer[:72]}...)")

    print("== 7. Export it (a portable ex7.strategy/v1 document) and import it back under a free name")
    export = unwrap(strategies_export_strategy.sync_detailed(strategy.id, client=client))
    print(f"format {export.format_}: {export.name}, {len(export.graph.nodes)} nodes, {len(export.graph.edges)} edges")
    imported = unwrap(strategies_import_strategy.sync_detailed(
        client=client, body=StrategyImport.from_dict({**export.to_dict(), "name_on_conflict": "suffix"})))
    created.append(imported.id)
    print(f'imported as "{imported.name}", status={imported.status} version={imported.current_version}')


if __name__ == "__main__":
    created: list[UUID] = []
    with AuthenticatedClient(base_url=URL, token=TOKEN) as client:
        try:
            main(client, created)
        except ProblemError as exc:
            sys.exit(f"API error: {exc}")
        finally:  # whatever happened, delete the strategies this example created
            for strategy_id in created:
                unwrap(strategies_delete_strategy.sync_detailed(strategy_id, client=client))
                print(f"deleted strategy {strategy_id}")
