# Billing: tiers, your plan and usage, the CFTC disclaimer, compliance and checkout
# Lists the tiers (public), shows your effective tier with its caps and usage, prints the CFTC Rule 4.41
# disclaimer, accepts the required documents (again: idempotent) and opens a Stripe Checkout for Pro and
# the billing portal; a server without a Stripe key says so (503 billing_not_configured) and that is skipped.
# Needs curl 7.82+, jq, EX7_URL, EX7_TOKEN; EX7_APP_URL (default http://localhost:3000): where Stripe returns.
set -euo pipefail

EX7_URL=${EX7_URL:-http://127.0.0.1:8000}
: "${EX7_TOKEN:?export EX7_TOKEN=... (./dev serve prints the line to paste)}"
APP_URL=${EX7_APP_URL:-http://localhost:3000}  # must be one of the server's EX7_BILLING_ALLOWED_ORIGINS
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

echo "== 1. The tiers (public: no token needed; null means unlimited)"
call "$API/billing/tiers" | jq -r '.items[] |
    "  \(.id): \(.price_monthly) \(.currency)/month, \(.features.max_strategies // "unlimited") strategies,"
    + " \(.features.max_running_runtimes // "unlimited") running, \(.features.vix_generations_per_month // "unlimited")"
    + " Vix generations, alerts by \(.features.alert_channels | join("/"))"'

echo "== 2. Your plan: the effective tier, where it comes from, its caps and your usage"
api "$API/billing/me" | jq -r '
    "  tier \(.tier) (source \(.source), subscription \(.status)), compliance accepted: \(.compliance_accepted)",
    "  strategies \(.usage.strategies)/\(.entitlements.max_strategies // "unlimited"),"
    + " running \(.usage.running_runtimes)/\(.entitlements.max_running_runtimes // "unlimited"),"
    + " Vix this month \(.usage.vix_generations_this_month)/\(.entitlements.vix_generations_per_month // "unlimited")"'

echo "== 3. The CFTC Rule 4.41 disclaimer and the documents every user must accept"
DISCLAIMER=$(call "$API/billing/disclaimer")
jq -r '"  \(.rule):", "  \(.text)", (.documents[] | "  - \(.title), version \(.version)")' <<<"$DISCLAIMER"

echo "== 4. Accept each at its current version (201 the first time, 200 with the same record after)"
for doc in $(jq -r '.documents[] | "\(.document)=\(.version)"' <<<"$DISCLAIMER"); do
    api --json "{\"document\": \"${doc%=*}\", \"version\": \"${doc#*=}\"}" "$API/billing/compliance/accept" \
        | jq -r '"  \(.document) \(.version) accepted at \(.accepted_at)"'
done
api "$API/billing/compliance" | jq -r '"  all accepted: \(.all_accepted)"'

echo "== 5. Checkout for Pro: a Stripe Checkout URL to send the user to"
# The Idempotency-Key makes a retry of this very request return the same session.
CHECKOUT=$(curl -sS -H "Authorization: Bearer $EX7_TOKEN" -H "Idempotency-Key: docs-$(date +%s)-$$" \
    --json "{\"tier\": \"pro\", \"success_url\": \"$APP_URL/billing/done\", \"cancel_url\": \"$APP_URL/billing\"}" \
    -w '\n%{http_code}' "$API/billing/checkout")
STATUS=${CHECKOUT##*$'\n'}
CHECKOUT=${CHECKOUT%$'\n'*}
CODE=$(jq -r '.code // empty' <<<"$CHECKOUT")
if [[ $STATUS == 200 ]]; then
    jq -r '"  session \(.session_id): open \(.url)"' <<<"$CHECKOUT"
    echo "== 6. The billing portal (payment method, invoices, plan changes)"
    api --json "{\"return_url\": \"$APP_URL/billing\"}" "$API/billing/portal" | jq -r '"  \(.url)"'
elif [[ $CODE == billing_not_configured || $CODE == already_subscribed ]]; then  # 503 / 409
    jq -r '"  skipped: \(.code): \(.detail)"' <<<"$CHECKOUT"
else
    echo "$CHECKOUT" >&2
    exit 1
fi
