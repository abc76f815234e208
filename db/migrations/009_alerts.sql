-- Alerts: a user's verified channels (email, Telegram, webhook), their subscriptions to strategies'
-- events, and the delivery outbox the alert worker drains.
--
-- Who writes: the API as the caller (ex7_app) creates and changes their channels and subscriptions,
-- queues verification messages and replays their dead letters; the alert worker and the public
-- callbacks (Telegram, Resend, unsubscribe and verification links), which act for no caller, run as
-- ex7_worker.

-- A risk refusal is an event too: subscriptions can ask for it.
ALTER TABLE events DROP CONSTRAINT events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_check
    CHECK (kind IN ('signal', 'signal_closed', 'runtime_status', 'risk_blocked'));

CREATE TABLE alert_channels (
    id                 uuid PRIMARY KEY,
    user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    type               text NOT NULL CHECK (type IN ('email', 'telegram', 'webhook')),
    -- Normalised (domain/alerts/channels.py): the address, the URL, or for Telegram the handle given
    -- until /start tells the chat id, which replaces it.
    destination        text NOT NULL,
    label              text,   -- Telegram: the handle given at creation, for display
    secret             text,   -- webhook: the whsec_ signing secret
    template           jsonb,  -- webhook: the parsed body template
    verified_at        timestamptz,
    disabled_at        timestamptz,
    disabled_reason    text,
    -- The verification in progress: the code and the link's token, both stored as hashes, single-use
    -- (cleared when spent or replaced), valid until verify_expires_at.
    code_hash          text,
    token_hash         text UNIQUE,
    verify_expires_at  timestamptz,
    verify_sent_at     timestamptz,
    failed_codes       integer NOT NULL DEFAULT 0,
    locked_until       timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CHECK ((disabled_at IS NULL) = (disabled_reason IS NULL))
);
CREATE UNIQUE INDEX alert_channels_destination ON alert_channels (user_id, type, destination);
CREATE INDEX alert_channels_user ON alert_channels (user_id, created_at DESC, id DESC);
ALTER TABLE alert_channels ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_channels FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_channels_own ON alert_channels
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY alert_channels_worker ON alert_channels TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_channels TO ex7_app;
GRANT SELECT, UPDATE ON alert_channels TO ex7_worker;

CREATE TABLE alert_subscriptions (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    strategy_id  uuid REFERENCES strategies (id) ON DELETE CASCADE,  -- NULL: all of the user's strategies
    channel_id   uuid NOT NULL REFERENCES alert_channels (id) ON DELETE CASCADE,
    events       text[] NOT NULL CHECK (cardinality(events) >= 1
                     AND events <@ ARRAY['signal', 'signal_closed', 'runtime_error', 'risk_block']),
    enabled      boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now()
);
-- One subscription per channel and strategy, and one per channel for all strategies.
CREATE UNIQUE INDEX alert_subscriptions_one
    ON alert_subscriptions (channel_id, coalesce(strategy_id, '00000000-0000-0000-0000-000000000000'::uuid));
CREATE INDEX alert_subscriptions_user ON alert_subscriptions (user_id, created_at DESC, id DESC);
ALTER TABLE alert_subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_subscriptions_own ON alert_subscriptions
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY alert_subscriptions_worker ON alert_subscriptions TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_subscriptions TO ex7_app;
GRANT SELECT, UPDATE ON alert_subscriptions TO ex7_worker;

-- The outbox. One row per (event, channel), written by the relay (services/alert_relay.py) in the same
-- transaction that advances its place in the event log; one per verification message, written with
-- the channel. `payload` keeps what the event said: events are pruned, retries run for a day.
-- A row is due when status is pending or sending and next_attempt_at has passed: a claim sets sending
-- and moves next_attempt_at to the end of the claim's lease, so a worker that dies mid-send leaves a
-- row that comes due again by itself.
CREATE TABLE alert_deliveries (
    id                   uuid PRIMARY KEY,
    user_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    channel_id           uuid NOT NULL,  -- no foreign key: the log outlives a deleted channel
    channel_type         text NOT NULL,
    subscription_id      uuid,
    kind                 text NOT NULL
                         CHECK (kind IN ('signal', 'signal_closed', 'runtime_error', 'risk_block', 'verification')),
    event_id             bigint,
    strategy_id          uuid,
    signal_id            uuid,
    payload              jsonb NOT NULL,
    status               text NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'bounced', 'suppressed')),
    attempts             integer NOT NULL DEFAULT 0,
    failures             integer NOT NULL DEFAULT 0,  -- failed attempts since created or replayed: the schedule's place
    next_attempt_at      timestamptz,
    claimed_by           text,
    last_error           text,
    provider_message_id  text,
    created_at           timestamptz NOT NULL,
    delivered_at         timestamptz,
    UNIQUE (event_id, channel_id)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX alert_deliveries_user ON alert_deliveries (user_id, created_at DESC, id DESC);
CREATE INDEX alert_deliveries_channel ON alert_deliveries (channel_id) WHERE status IN ('pending', 'sending');
CREATE INDEX alert_deliveries_provider ON alert_deliveries (provider_message_id) WHERE provider_message_id IS NOT NULL;
ALTER TABLE alert_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_deliveries_own ON alert_deliveries
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY alert_deliveries_worker ON alert_deliveries TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON alert_deliveries TO ex7_app;
GRANT SELECT, INSERT, UPDATE ON alert_deliveries TO ex7_worker;

-- Every attempt: when, what answered, how long it took.
CREATE TABLE alert_attempts (
    id            bigserial PRIMARY KEY,
    delivery_id   uuid NOT NULL REFERENCES alert_deliveries (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL,
    attempted_at  timestamptz NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed', 'gone')),
    status_code   integer,
    error         text,
    latency_ms    integer NOT NULL
);
CREATE INDEX alert_attempts_delivery ON alert_attempts (delivery_id, id);
ALTER TABLE alert_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY alert_attempts_own ON alert_attempts FOR SELECT USING (user_id = (SELECT auth.uid()));
CREATE POLICY alert_attempts_worker ON alert_attempts TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT ON alert_attempts TO ex7_app;
GRANT SELECT, INSERT ON alert_attempts TO ex7_worker;
GRANT USAGE ON SEQUENCE alert_attempts_id_seq TO ex7_worker;

-- Addresses that bounced hard or complained: nothing more is sent to them, whoever's channel it is.
CREATE TABLE alert_suppressions (
    address     text PRIMARY KEY,
    reason      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON alert_suppressions TO ex7_worker;

-- The relay's place in the event log. It starts at the log's end: events from before alerts existed
-- alert no one.
CREATE TABLE alert_relay (
    singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_event_id  bigint NOT NULL
);
INSERT INTO alert_relay (last_event_id) SELECT coalesce(max(id), 0) FROM events;
GRANT SELECT, UPDATE ON alert_relay TO ex7_worker;

-- Resend's (Svix) message ids already applied: a redelivery changes nothing.
CREATE TABLE alert_provider_events (
    id           text PRIMARY KEY,
    received_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON alert_provider_events TO ex7_worker;
