# Account: instruments, your risk state, portfolio and performance, and the waitlist
# Lists the instruments with their contract specs and live market data, shows your paper risk state (would
# the risk gate let an entry through now?), your portfolio and each strategy's performance, and adds an
# address to the public waitlist (the answer is the same whether it was there already) with its count.
# Needs curl 7.82+, jq, EX7_URL, EX7_TOKEN; EX7_WAITLIST_EMAIL (default trader@example.com) is the address.
set -euo pipefail

EX7_URL=${EX7_URL:-http://127.0.0.1:8000}
: "${EX7_TOKEN:?export EX7_TOKEN=... (./dev serve prints the line to paste)}"
WAITLIST_EMAIL=${EX7_WAITLIST_EMAIL:-trader@example.com}
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

echo "== 1. Instruments (market fields are null until the feed has written a bar)"
api "$API/instruments" | jq -r '.items[] |
    "  \(.symbol)  \(.name): tick \(.tick_size) = \(.tick_value) \(.currency), commission \(.commission_per_side)/side;"
    + " last \(.market.last_price // "-") (\(.market.change_pct // "-")%), \(.market.status // "no data")"'

echo "== 2. Your risk state in paper mode: the risk gate's decision right now"
api "$API/risk?mode=paper" | jq -r '
    "  trading allowed: \(.trading_allowed)"
    + (if .blocked_reason then " (\(.blocked_reason.breaker): \(.blocked_reason.observed) vs \(.blocked_reason.limit))"
       else "" end),
    "  today: \(.usage.signals_today)/\(.limits.max_signals_per_day) signals, P&L \(.usage.daily_pnl)"
    + " (limit \(.limits.daily_loss_limit)), \(.usage.open_positions) open"'
api "$API/risk/blocked?limit=3" | jq -r '"  \(.total) signal(s) blocked so far",
    (.items[] | "    \(.blocked_at) \(.side) \(.instrument): \(.reason)")'

echo "== 3. Your paper portfolio (hypothetical results)"
api "$API/portfolio?mode=paper" | jq -r '
    "  today: \(.today.signals) signals, \(.today.open) open, net \(.today.net_pnl)",
    "  all time: \(.cumulative.signals) signals, win rate "
    + (if .cumulative.win_rate then "\(.cumulative.win_rate * 100 | round)%" else "-" end)
    + ", net \(.cumulative.net_pnl)",
    (.open_positions[] |
        "  open: \(.side) \(.size) \(.instrument) @ \(.entry_price), now \(.mark_price) (\(.unrealized_pnl))")'

echo "== 4. Performance per strategy: the backtest of its current version, and what it did live"
api "$API/performance" | jq -r '(.items[] |
    "  \(.name) v\(.version): backtest \(.backtest.trades // 0) trades net \(.backtest.net_pnl // "-");"
    + " live \(.live.signals) signals net \(.live.net_pnl)"), "  (\(.disclaimer[0:60])...)"'

echo "== 5. The waitlist (public: no token needed)"
call --json "{\"email\": \"$WAITLIST_EMAIL\", \"source\": \"docs-example\"}" "$API/waitlist" \
    | jq -r '"  \(.status): \(.message)"'
call "$API/waitlist/count" | jq -r '"  \(.count) on the waitlist"'
