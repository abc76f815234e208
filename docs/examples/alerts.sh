# Alerts: a webhook channel that receives your strategy's signals
# Creates a webhook channel to EX7_WEBHOOK_URL, waits until the server's signed ping to it verifies it,
# subscribes your docs-example strategy's signals to it, lists the deliveries with the attempts of the newest,
# then deletes the channel (its subscription goes with it), so it can run again. Needs curl 7.82+, jq, EX7_URL,
# EX7_TOKEN, a tier with webhook alerts (Pro, Elite) and a receiver the server may reach (see EX7_WEBHOOK_URL).
set -euo pipefail

EX7_URL=${EX7_URL:-http://127.0.0.1:8000}
: "${EX7_TOKEN:?export EX7_TOKEN=... (./dev serve prints the line to paste)}"
# Your receiver: it must answer the verification ping with a 2xx. Public https by default; a receiver on
# this machine needs a server started with EX7_WEBHOOK_ALLOW_NETWORKS=127.0.0.0/8 EX7_WEBHOOK_ALLOW_HTTP=true.
WEBHOOK_URL=${EX7_WEBHOOK_URL:-https://hooks.example.com/ex7}
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

echo "== 1. Create a webhook channel to $WEBHOOK_URL"
CHANNEL=$(api --json "{\"type\": \"webhook\", \"destination\": \"$WEBHOOK_URL\"}" "$API/alerts/channels")
CID=$(jq -r .id <<<"$CHANNEL")
trap 'api -X DELETE "$API/alerts/channels/$CID" >/dev/null && echo "deleted channel $CID"' EXIT
jq -r '"  channel \(.id): \(.destination), verified=\(.verified)",
       "  signing secret (shown only now; verify each delivery with it): \(.secret)"' <<<"$CHANNEL"

echo "== 2. Wait for the signed channel.verification ping to be answered 2xx"
for _ in $(seq 30); do
    VERIFIED=$(api "$API/alerts/channels" | jq -r --arg id "$CID" '.items[] | select(.id == $id) | .verified')
    if [[ $VERIFIED == true ]]; then break; fi
    sleep 1
done
if [[ $VERIFIED != true ]]; then
    echo "  $WEBHOOK_URL did not answer the ping; post the code it carries to $API/alerts/channels/$CID/verify" >&2
    exit 1
fi
echo "  verified"

echo "== 3. Subscribe the signals of your docs-example strategy (made from the demo fixture if missing)"
SID=$(api "$API/strategies?tag=docs-example&limit=100" \
    | jq -r '[.items[] | select(.status != "archived")][0].id // empty')
if [[ -z $SID ]]; then
    SID=$(api -X POST "$API/strategies/from-fixture/demo-1m-momentum" | jq -r .id)
    api -X PUT --json '{"tags": ["demo", "docs-example"]}' "$API/strategies/$SID" >/dev/null
fi
SUB=$(api --json "{\"channel_id\": \"$CID\", \"strategy_id\": \"$SID\"}" "$API/alerts/subscriptions")
jq -r '"  subscription \(.id): strategy \(.strategy_id) -> channel \(.channel_id),"
       + " events \(.events | join(", "))"' <<<"$SUB"
api -X PATCH --json '{"events": ["signal", "signal_closed", "runtime_error"]}' \
    "$API/alerts/subscriptions/$(jq -r .id <<<"$SUB")" | jq -r '"  now also: runtime errors (\(.events | join(", ")))"'
api "$API/alerts/subscriptions?channel_id=$CID" | jq -r '"  \(.items | length) subscription(s) on this channel"'

echo "== 4. The delivery log (the ping is one; every signal sent to the channel is another)"
DELIVERIES=$(api "$API/alerts/deliveries?limit=5")
jq -r '.items[] |
    "  \(.created_at) \(.channel_type) \(.status) attempts=\(.attempts) event=\(.event_id // "verification")"' \
    <<<"$DELIVERIES"
api "$API/alerts/deliveries/$(jq -r '.items[0].id' <<<"$DELIVERIES")" \
    | jq -r '.attempt_log[] |
        "  attempt at \(.attempted_at): \(.outcome), HTTP \(.status_code // "-"), \(.latency_ms) ms"'
