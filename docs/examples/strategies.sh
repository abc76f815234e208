# Strategies: from the node catalogue to a versioned, backtested, exported strategy
# Lists the node types and fixtures, creates a strategy from the demo fixture, edits its graph (If-Match),
# saves an invalid edit (kept as a draft, its errors reported) and rolls it back, lists the versions,
# promotes, backtests, exports and re-imports it; then deletes what it made, so it can run again.
# Needs curl 7.84+, jq, EX7_URL (default http://127.0.0.1:8000) and EX7_TOKEN (`./dev serve` prints it).
set -euo pipefail

EX7_URL=${EX7_URL:-http://127.0.0.1:8000}
: "${EX7_TOKEN:?export EX7_TOKEN=... (./dev serve prints the line to paste)}"
API=$EX7_URL/api

# One call: on an HTTP error, a non-zero exit with the problem+json on stderr. `api` adds your token.
call() {
    local body
    if ! body=$(curl -sS --fail-with-body "$@"); then
        echo "$body" >&2
        return 1
    fi
    printf '%s\n' "$body"
}
api() { call -H "Authorization: Bearer $EX7_TOKEN" "$@"; }

# Whatever happens below, delete the strategies this script created.
CREATED=()
cleanup() {
    for id in "${CREATED[@]}"; do
        api -X DELETE "$API/strategies/$id" >/dev/null && echo "deleted strategy $id"
    done
}
trap cleanup EXIT

echo "== 1. The catalogue: node types a graph may use, and ready-made fixtures"
api "$API/engines" | jq -r '
    "\(.items | length) node types: \([.items[].type] | join(", "))",
    "fixtures:",
    (.fixtures[] | "  \(.slug)  (\(.instrument) \(.timeframe))  \(.name)")'

echo "== 2. Create a strategy from the demo-1m-momentum fixture (version 1, draft)"
STRATEGY=$(api -X POST "$API/strategies/from-fixture/demo-1m-momentum")
SID=$(jq -r .id <<<"$STRATEGY")
CREATED+=("$SID")
jq -r '"\(.name) [\(.id)] status=\(.status) version=\(.current_version) valid=\(.validation.valid)"' <<<"$STRATEGY"

echo "== 3. Edit it: a slower EMA, guarded by the ETag (a concurrent edit would get 412)"
ETAG=$(curl -sS --fail-with-body -o /dev/null -w '%header{etag}' -H "Authorization: Bearer $EX7_TOKEN" \
    "$API/strategies/$SID")
EDIT=$(jq -c '{tags: (.tags + ["docs-strategies"]), note: "EMA 3 -> 5",
               graph: (.graph | .nodes |= map(if .id == "ema" then .params.period = 5 else . end))}' <<<"$STRATEGY")
api -X PUT -H "If-Match: $ETAG" --json "$EDIT" "$API/strategies/$SID" \
    | jq -r '"version \(.current_version), valid=\(.validation.valid), tags=\(.tags | join(","))"'

echo "== 4. An invalid edit (an input left unconnected) is saved as a draft, with what is wrong"
BROKEN=$(api "$API/strategies/$SID" | jq -c '{expected_version: .current_version, note: "unplug the EMA",
    graph: (.graph | .edges |= map(select(.to != {node: "up", port: "b"})))}')
api -X PUT --json "$BROKEN" "$API/strategies/$SID" \
    | jq -r '"version \(.current_version), valid=\(.validation.valid)",
             (.validation.errors[] | "  \(.code): \(.message)")'

echo "== 5. Roll back to version 2 (a new version with that graph), then list the versions"
api -X POST --json '{"to_version": 2, "note": "back to the working graph"}' "$API/strategies/$SID/rollback" \
    | jq -r '"current version: \(.current_version)"'
api "$API/strategies/$SID/versions?limit=10" \
    | jq -r '.items[] | "  v\(.version)  valid=\(.valid)  \(.note // "")"'

echo "== 6. Promote it (draft -> ready: the graph must be valid) and backtest it on the stored bars"
api -X POST "$API/strategies/$SID/promote" | jq -r '"status: \(.status)"'
api -X POST --json '{}' "$API/strategies/$SID/backtest" | jq -r '
    "\(.bars) bars from \(.from) to \(.to): \(.statistics.trades) trades, net P&L \(.statistics.net_pnl) USD",
    "(\(.disclaimer[0:72])...)"'

echo "== 7. Export it (a portable ex7.strategy/v1 document) and import it back under a free name"
EXPORT=$(api "$API/strategies/$SID/export")
jq -r '"format \(.format): \(.name), \(.graph.nodes | length) nodes, \(.graph.edges | length) edges"' <<<"$EXPORT"
IMPORTED=$(api --json "$(jq -c '. + {name_on_conflict: "suffix"}' <<<"$EXPORT")" "$API/strategies/import")
CREATED+=("$(jq -r .id <<<"$IMPORTED")")
jq -r '"imported as \"\(.name)\", status=\(.status) version=\(.current_version)"' <<<"$IMPORTED"
