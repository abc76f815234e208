# Health: is the service up, and is the signal pipeline fresh?
# Waits until GET /api/health answers 200 (as a deploy script or a probe would; 503 while the database is
# unreachable), prints the database latency and each background loop, then the public pipeline health
# (dispatcher, market-data freshness per instrument) and, with a token, the state of your own runtimes.
# Needs curl, jq and EX7_URL (default http://127.0.0.1:8000); EX7_TOKEN is optional here.
set -euo pipefail

EX7_URL=${EX7_URL:-http://127.0.0.1:8000}
API=$EX7_URL/api

# One call: on an HTTP error, a non-zero exit with the problem+json on stderr.
call() {
    local body
    if ! body=$(curl -sS --fail-with-body "$@"); then
        echo "$body" >&2
        return 1
    fi
    printf '%s\n' "$body"
}

echo "== 1. Liveness: retry for up to 10 s until the service and its database answer"
HEALTH=$(call --retry 10 --retry-delay 1 --retry-all-errors "$API/health")
jq -r '"  \(.status): version \(.version), up \(.uptime_seconds) s, database reachable=\(.database.reachable)"
       + " (\(.database.latency_ms) ms), server time \(.time)",
       (.loops[] | "  loop \(.name): \(.status), restarts \(.restarts)"
                   + (if .last_error then ", last error \(.last_error)" else "" end))' \
    <<<"$HEALTH"
# "degraded" (still 200) means a crashed loop is waiting to be restarted.

echo "== 2. The signal pipeline (public): dispatcher, market-data freshness, runtimes by status"
call "$API/signals/health" | jq -r '
    "  dispatcher: \(.dispatcher), runtimes: "
    + (.runtimes | to_entries | map("\(.value) \(.key)") | join(", ") | if . == "" then "none" else . end),
    (.market_data | to_entries[] |
        "  \(.key): \(.value.status), last bar \(.value.last_bar_ts), lag \(.value.lag_seconds) s")'

if [[ -n ${EX7_TOKEN:-} ]]; then
    echo "== 3. Your runtimes (with your token)"
    call -H "Authorization: Bearer $EX7_TOKEN" "$API/signals/health/me" | jq -r '
        if .items == [] then "  none started" else
        (.items[] |
            "  \(.strategy_name) \(.mode): \(.status), last bar \(.last_bar_ts), heartbeat \(.last_heartbeat_at)") end'
fi
