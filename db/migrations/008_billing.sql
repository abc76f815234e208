-- Billing: Stripe customers and subscriptions, admin comps, the Stripe event log. Subscription rows
-- are written from Stripe's own state (re-read on every webhook), so they are a cache of Stripe's;
-- comps are ours. What a user may do follows from both (domain/billing/entitlements.py).
--
-- Who writes: the API as the caller (ex7_app: their customer row at checkout, their subscription
-- after cancel/resume), an admin through ex7_app (comps; `auth.is_admin()` reads the claims as
-- auth.uid() does), and webhooks, which act for no caller, as ex7_worker.

CREATE OR REPLACE FUNCTION auth.is_admin() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ SELECT coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb
                              -> 'app_metadata' ->> 'role' = 'admin', false) $$;

-- An admin names a comp's user by id or email.
CREATE POLICY users_admin_read ON users FOR SELECT USING ((SELECT auth.is_admin()));
CREATE POLICY users_worker_read ON users FOR SELECT TO ex7_worker USING (true);
GRANT SELECT ON users TO ex7_worker;

CREATE TABLE billing_customers (
    user_id             uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    stripe_customer_id  text NOT NULL UNIQUE,
    created_at          timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE billing_customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_customers FORCE ROW LEVEL SECURITY;
CREATE POLICY billing_customers_own ON billing_customers
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY billing_customers_worker ON billing_customers TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON billing_customers TO ex7_app, ex7_worker;

CREATE TABLE subscriptions (
    stripe_subscription_id  text PRIMARY KEY,
    user_id                 uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tier                    text NOT NULL CHECK (tier IN ('pro', 'elite')),
    status                  text NOT NULL CHECK (status IN ('incomplete', 'incomplete_expired', 'trialing', 'active',
                                                            'past_due', 'canceled', 'unpaid', 'paused')),
    cancel_at_period_end    boolean NOT NULL DEFAULT false,
    current_period_end      timestamptz,
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_user ON subscriptions (user_id);
ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY subscriptions_own ON subscriptions
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY subscriptions_worker ON subscriptions TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON subscriptions TO ex7_app;  -- cancel and resume store what Stripe answers
GRANT SELECT, INSERT, UPDATE ON subscriptions TO ex7_worker;

-- A comp is replaced, never edited: the rows are the audit trail (who, when, why).
CREATE TABLE comps (
    id           bigserial PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    tier         text NOT NULL CHECK (tier IN ('pro', 'elite')),
    expires_at   timestamptz,
    reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    granted_by   uuid NOT NULL,
    granted_at   timestamptz NOT NULL DEFAULT now(),
    replaced_at  timestamptz
);
CREATE UNIQUE INDEX comps_one_current ON comps (user_id) WHERE replaced_at IS NULL;
ALTER TABLE comps ENABLE ROW LEVEL SECURITY;
ALTER TABLE comps FORCE ROW LEVEL SECURITY;
CREATE POLICY comps_own ON comps FOR SELECT USING (user_id = (SELECT auth.uid()));
CREATE POLICY comps_admin ON comps USING ((SELECT auth.is_admin())) WITH CHECK ((SELECT auth.is_admin()));
CREATE POLICY comps_worker ON comps FOR SELECT TO ex7_worker USING (true);
GRANT SELECT, INSERT, UPDATE ON comps TO ex7_app;
GRANT SELECT ON comps TO ex7_worker;
GRANT USAGE ON SEQUENCE comps_id_seq TO ex7_app;

-- Stripe's events, stored by id before they are handled: a redelivery of a handled event changes
-- nothing, and one whose handling failed (handled_at still NULL) is handled when it comes again.
CREATE TABLE stripe_events (
    id           text PRIMARY KEY,
    type         text NOT NULL,
    created      bigint NOT NULL,
    payload      jsonb NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    handled_at   timestamptz
);
GRANT SELECT, INSERT, UPDATE ON stripe_events TO ex7_worker;

-- Checkout retries with an Idempotency-Key return the session the first attempt made.
CREATE TABLE checkout_sessions (
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key  text NOT NULL,
    request_hash     text NOT NULL,
    session_id       text NOT NULL,
    url              text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);
ALTER TABLE checkout_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE checkout_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY checkout_sessions_own ON checkout_sessions
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
GRANT SELECT, INSERT ON checkout_sessions TO ex7_app;

-- A downgrade stops the runtimes above the new cap: the webhook (ex7_worker) drains them.
GRANT SELECT ON strategy_runtimes TO ex7_worker;
