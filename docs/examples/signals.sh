# Signals: run a strategy on paper and watch its signals arrive live
# Starts (or finds running) a paper runtime of a strategy made from the demo fixture, lists your runtimes,
# reads the live SSE stream until a few signals came or EX7_STREAM_SECONDS (default 60) passed, then pages
# through the signals with the cursor and shows the audit of the last decisions. The runtime keeps running.
# Needs curl 7.82+, jq, EX7_URL, EX7_TOKEN; signals come only while the market is open (a bar a minute).
set -euo pipefail

EX7_URL=${EX7_URL:-http://127.0.0.1:8000}
: "${EX7_TOKEN:?export EX7_TOKEN=... (./dev serve prints the line to paste)}"
STREAM_SECONDS=${EX7_STREAM_SECONDS:-60}
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

echo "== 1. The strategy: yours tagged docs-example, else a new one from the demo-1m-momentum fixture"
SID=$(api "$API/strategies?tag=docs-example&limit=100" \
    | jq -r '[.items[] | select(.status != "archived")][0].id // empty')
if [[ -z $SID ]]; then
    SID=$(api -X POST "$API/strategies/from-fixture/demo-1m-momentum" | jq -r .id)
    api -X PUT --json '{"tags": ["demo", "docs-example"]}' "$API/strategies/$SID" >/dev/null
fi
STATUS=$(api "$API/strategies/$SID" | jq -r .status)
if [[ $STATUS == draft ]]; then
    STATUS=$(api -X POST "$API/strategies/$SID/promote" | jq -r .status)  # only ready (or live) strategies run
fi
echo "strategy $SID: $STATUS"

echo "== 2. Start its paper runtime (the dispatcher picks it up and evaluates every new bar)"
RUNTIME=$(api "$API/signals/runtimes" \
    | jq -r --arg sid "$SID" '[.items[] | select(.strategy_id == $sid and .mode == "paper")][0].status // "none"')
case $RUNTIME in
    running | draining) echo "already $RUNTIME" ;;  # starting it again would be 409 runtime_already_active
    *) api -X POST --json '{"mode": "paper"}' "$API/signals/runtimes/$SID/start" \
           | jq -r '"runtime \(.id): \(.status)"' ;;
esac
api "$API/signals/runtimes" | jq -r '.items[] |
    "  \(.strategy_name)  \(.mode)  \(.status)  v\(.strategy_version) \(.instrument) \(.timeframe)"
    + "  last bar \(.last_bar_ts)"'

echo "== 3. The live stream (Server-Sent Events): up to 3 signals or ${STREAM_SECONDS}s"
# Each frame is "id: <event id>", "event: <kind>", "data: <JSON>", then a blank line. A client that
# reconnects with the header "Last-Event-ID: <the last id it saw>" is sent what it missed first.
show_frames() {
    local line event="" id="" seen=0
    while IFS= read -r line; do
        case $line in
            "id: "*) id=${line#id: } ;;
            "event: "*) event=${line#event: } ;;
            "data: "*)
                if [[ $event == compliance ]]; then
                    jq -r '"  compliance: \(.rule): \(.text[0:60])..."' <<<"${line#data: }"
                else
                    jq -r --arg ev "$event" --arg id "$id" '"  #\($id) \($ev): " + (
                        if $ev == "signal" then "\(.side) \(.instrument) at \(.entry_price), stop \(.stop_price)"
                        elif $ev == "signal_closed"
                        then "\(.side) closed at \(.close_price) (\(.close_reason)), net \(.net_pnl)"
                        else tojson end)' <<<"${line#data: }"
                    seen=$((seen + 1))
                    if ((seen >= 3)); then return 0; fi
                fi ;;
            ": heartbeat") echo "  (heartbeat)" ;;
            "") event="" id="" ;;
            *) echo "  $line" ;;
        esac
    done
}
# curl ends with 28 when --max-time is up, and 23 when show_frames has stopped reading: both expected.
set +e
curl -sN --fail-with-body --max-time "$STREAM_SECONDS" -H "Authorization: Bearer $EX7_TOKEN" \
    "$API/signals/stream?strategy_id=$SID" | show_frames
CURL_EXIT=${PIPESTATUS[0]}
set -e
if [[ $CURL_EXIT != 0 && $CURL_EXIT != 23 && $CURL_EXIT != 28 ]]; then
    echo "the stream failed (curl exit $CURL_EXIT)" >&2
    exit 1
fi

echo "== 4. Its signals, newest first, two a page (pass next_cursor back as cursor)"
CURSOR=""
for page in 1 2 3; do
    PAGE=$(api "$API/signals?strategy_id=$SID&limit=2${CURSOR:+&cursor=$CURSOR}")
    jq -r --arg page "$page" '.items[] | "  page \($page): \(.fired_at) \(.side) @ \(.entry_price) "
        + (if .status == "open" then "open" else "\(.status) (\(.close_reason)), net \(.net_pnl)" end)' <<<"$PAGE"
    CURSOR=$(jq -r '.next_cursor // empty' <<<"$PAGE")
    if [[ -z $CURSOR ]]; then break; fi
done

echo "== 5. What the runtime decided on its last bars, and why"
api "$API/signals/audit?strategy_id=$SID&limit=3" \
    | jq -r '.items[] | "  \(.bar_ts) \(.decision) close \(.inputs.bar.close) \(.reason // "")"'

echo "Stop it with: curl -X POST -H \"Authorization: Bearer \$EX7_TOKEN\" $API/signals/runtimes/$SID/stop"
