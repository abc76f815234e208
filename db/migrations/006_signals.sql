-- The signal pipeline: leased runtimes, signals, the audit trail, blocked signals, the event log and
-- per-user risk limits.
--
-- Two roles touch these tables. `ex7_app` (the API) sees the caller's rows only, through the policies
-- keyed on auth.uid(). `ex7_worker` (the dispatcher, in `ex7 worker` or inside `ex7 serve`) works for
-- every user at once: it claims runtimes across users and writes their signals, so it has policies of
-- its own that admit every row. It owns nothing and has no BYPASSRLS either: what it may touch is
-- exactly the policies below, and it cannot reach billing, compliance or alert tables at all.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ex7_worker') THEN
        CREATE ROLE ex7_worker NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;
GRANT ex7_worker TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO ex7_worker;
GRANT USAGE ON SCHEMA auth TO ex7_worker;
GRANT SELECT ON instruments, bars TO ex7_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON workers TO ex7_worker;

-- The dispatcher reads the strategy and the pinned version of each runtime it runs.
GRANT SELECT ON strategies, strategy_versions TO ex7_worker;
CREATE POLICY strategies_worker ON strategies FOR SELECT TO ex7_worker USING (true);
CREATE POLICY strategy_versions_worker ON strategy_versions FOR SELECT TO ex7_worker USING (true);

-- A runtime pins what it was started with (version, instrument, timeframe): editing the strategy
-- changes nothing for a running runtime until it is started again. The lease says which worker runs
-- it and until when (database time, so that workers on several hosts agree); a worker that stops
-- renewing it loses the runtime to another. `snapshot` is the evaluator's state after `last_bar_ts`,
-- the last bar it processed; `position` is what it holds, as the API shows it.
ALTER TABLE strategy_runtimes
    ADD COLUMN strategy_version   integer CHECK (strategy_version >= 1),
    ADD COLUMN instrument         text,
    ADD COLUMN timeframe          text,
    ADD COLUMN lease_owner        uuid,
    ADD COLUMN lease_expires_at   timestamptz,
    ADD COLUMN last_heartbeat_at  timestamptz,
    ADD COLUMN last_bar_ts        timestamptz,
    ADD COLUMN snapshot           jsonb,
    ADD COLUMN position           jsonb,
    ADD COLUMN last_error         text,
    ADD COLUMN warmup_bars        integer,
    -- Database time of the start: bars that arrived (bars.updated_at) by then are the warm-up, later
    -- ones are live. Arrival, not bar time, so that a replay of old history plays as live.
    ADD COLUMN live_after         timestamptz;
-- The claim query's scan: active runtimes whose lease is free, expired or the claimer's own.
CREATE INDEX strategy_runtimes_active ON strategy_runtimes (lease_expires_at)
    WHERE status IN ('starting', 'running', 'draining');
CREATE INDEX strategy_runtimes_user_started ON strategy_runtimes (user_id, started_at DESC NULLS LAST, id);
GRANT SELECT, UPDATE ON strategy_runtimes TO ex7_worker;
CREATE POLICY strategy_runtimes_worker ON strategy_runtimes TO ex7_worker USING (true) WITH CHECK (true);

-- Signals. Money is numeric (Decimal in Python); prices are on the instrument's tick grid.
-- `entry_market_at` / `exit_market_at` are market time: the close of the bar the decision was made on
-- (for a manual or forced close, of the newest bar whose price was used). The risk gate's trading day
-- and cooldown are measured in market time, so that a replay of old bars rehearses its days as they
-- were; fired_at / closed_at are when the rows were written.
CREATE TABLE signals (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    strategy_id      uuid NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    strategy_version integer NOT NULL CHECK (strategy_version >= 1),
    runtime_id       uuid NOT NULL REFERENCES strategy_runtimes (id) ON DELETE CASCADE,
    mode             text NOT NULL CHECK (mode IN ('paper', 'live')),
    instrument       text NOT NULL,
    timeframe        text NOT NULL,
    side             text NOT NULL CHECK (side IN ('long', 'short')),
    status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
    entry_price      numeric(16, 6) NOT NULL,
    stop_price       numeric(16, 6),
    target_price     numeric(16, 6),
    size             integer NOT NULL CHECK (size >= 1),
    bar_ts           timestamptz NOT NULL,
    entry_market_at  timestamptz NOT NULL,
    fired_at         timestamptz NOT NULL,
    closed_at        timestamptz,
    exit_bar_ts      timestamptz,
    exit_market_at   timestamptz,
    close_price      numeric(16, 6),
    close_reason     text CHECK (close_reason IN
                         ('stop', 'target', 'exit', 'reverse', 'max_bars', 'runtime_stopped', 'user', 'force_close')),
    gross_pnl        numeric(14, 2),
    slippage         numeric(14, 2),
    commission       numeric(14, 2),
    net_pnl          numeric(14, 2),
    slippage_ticks   numeric(6, 2),
    event_id         bigint,
    -- A runtime fires at most one signal per bar and holds at most one open position: a retried or
    -- taken-over bar cannot fire twice, whatever the code above does.
    CONSTRAINT signals_one_per_bar UNIQUE (runtime_id, bar_ts),
    CONSTRAINT signals_closed_complete CHECK (
        (status = 'open') = (closed_at IS NULL) AND (status = 'open') = (close_reason IS NULL))
);
CREATE UNIQUE INDEX signals_one_open ON signals (runtime_id) WHERE status = 'open';
CREATE INDEX signals_user_fired ON signals (user_id, fired_at DESC, id DESC);
CREATE INDEX signals_user_mode_entry ON signals (user_id, mode, entry_market_at);
CREATE INDEX signals_user_mode_exit ON signals (user_id, mode, exit_market_at) WHERE exit_market_at IS NOT NULL;
CREATE INDEX signals_strategy_open ON signals (strategy_id) WHERE status = 'open';
ALTER TABLE signals ENABLE ROW LEVEL SECURITY;
ALTER TABLE signals FORCE ROW LEVEL SECURITY;
CREATE POLICY signals_own ON signals
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY signals_worker ON signals TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT, UPDATE ON signals TO ex7_app;
GRANT SELECT, INSERT, UPDATE ON signals TO ex7_worker;

-- One row per runtime per evaluated bar: the decision and what it was made from. The unique key is
-- what makes processing a bar exactly-once: a retried or taken-over bar conflicts here and rolls back.
CREATE TABLE signal_audit (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    runtime_id       uuid NOT NULL REFERENCES strategy_runtimes (id) ON DELETE CASCADE,
    strategy_id      uuid NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    strategy_version integer NOT NULL,
    instrument       text NOT NULL,
    timeframe        text NOT NULL,
    bar_ts           timestamptz NOT NULL,
    decision         text NOT NULL
                     CHECK (decision IN ('enter_long', 'enter_short', 'exit', 'hold', 'blocked', 'skipped', 'error')),
    inputs           jsonb NOT NULL,
    reason           text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT signal_audit_once UNIQUE (runtime_id, bar_ts)
);
CREATE INDEX signal_audit_user_bar ON signal_audit (user_id, bar_ts DESC, id DESC);
ALTER TABLE signal_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE signal_audit FORCE ROW LEVEL SECURITY;
CREATE POLICY signal_audit_own ON signal_audit
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY signal_audit_worker ON signal_audit TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT ON signal_audit TO ex7_app;
GRANT SELECT, INSERT ON signal_audit TO ex7_worker;

-- Each refusal of the publication risk gate: why a signal did not fire.
CREATE TABLE signals_blocked (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    strategy_id      uuid REFERENCES strategies (id) ON DELETE SET NULL,
    strategy_version integer,
    runtime_id       uuid REFERENCES strategy_runtimes (id) ON DELETE SET NULL,
    instrument       text NOT NULL,
    timeframe        text NOT NULL,
    bar_ts           timestamptz NOT NULL,
    mode             text NOT NULL CHECK (mode IN ('paper', 'live')),
    side             text CHECK (side IN ('long', 'short')),
    triggered_limit  text NOT NULL,
    reason           text NOT NULL,
    observed         text NOT NULL,
    "limit"          text NOT NULL,
    reason_json      jsonb NOT NULL,
    blocked_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signals_blocked_user_at ON signals_blocked (user_id, blocked_at DESC, id DESC);
ALTER TABLE signals_blocked ENABLE ROW LEVEL SECURITY;
ALTER TABLE signals_blocked FORCE ROW LEVEL SECURITY;
CREATE POLICY signals_blocked_own ON signals_blocked
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY signals_blocked_worker ON signals_blocked TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT ON signals_blocked TO ex7_app;
GRANT SELECT, INSERT ON signals_blocked TO ex7_worker;

-- Per-user overrides of the tier's risk limits, per mode; a NULL column keeps the tier's default.
CREATE TABLE risk_limits (
    user_id                  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mode                     text NOT NULL CHECK (mode IN ('paper', 'live')),
    daily_loss_limit         numeric(14, 2) CHECK (daily_loss_limit <= 0),
    max_signals_per_day      integer CHECK (max_signals_per_day >= 0),
    max_consecutive_losses   integer CHECK (max_consecutive_losses >= 0),
    max_open_positions       integer CHECK (max_open_positions >= 0),
    cooldown_minutes         integer CHECK (cooldown_minutes >= 0),
    no_entry_before_break_minutes integer CHECK (no_entry_before_break_minutes BETWEEN 0 AND 1380),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, mode)
);
ALTER TABLE risk_limits ENABLE ROW LEVEL SECURITY;
ALTER TABLE risk_limits FORCE ROW LEVEL SECURITY;
CREATE POLICY risk_limits_own ON risk_limits
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY risk_limits_worker ON risk_limits FOR SELECT TO ex7_worker USING (true);
GRANT SELECT ON risk_limits TO ex7_app, ex7_worker;

-- The event log: the truth the stream and the alerts read (pg_notify('events', id) is only a
-- doorbell). A row is written in the same transaction as the change it announces. Ids are assigned
-- at insert but transactions commit in any order, so "id > last seen" alone can skip an id that
-- commits late. `tx` (the writing transaction's id) is recorded so that a reader can bound what is
-- settled: every event whose tx is below the oldest transaction still running is final.
CREATE TABLE events (
    id           bigserial PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('signal', 'signal_closed', 'runtime_status')),
    strategy_id  uuid,
    signal_id    uuid,
    runtime_id   uuid,
    payload      jsonb NOT NULL,
    tx           xid8 NOT NULL DEFAULT pg_current_xact_id(),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_user_id ON events (user_id, id);
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY events_own ON events
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
CREATE POLICY events_worker ON events TO ex7_worker USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON events TO ex7_app, ex7_worker;
GRANT USAGE ON SEQUENCE events_id_seq TO ex7_app, ex7_worker;

-- GET /api/signals/health is public and counts runtimes of every user. The API role sees only the
-- caller's rows, so the count runs as ex7_worker (the function's owner) and returns numbers only.
CREATE FUNCTION runtime_status_counts() RETURNS TABLE (status text, runtimes bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT status, count(*) FROM strategy_runtimes GROUP BY status $$;
ALTER FUNCTION runtime_status_counts() OWNER TO ex7_worker;
REVOKE ALL ON FUNCTION runtime_status_counts() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION runtime_status_counts() TO ex7_app;

-- Starting a runtime answers 403 (not 404) for another user's strategy, as the reference requires,
-- which the API role cannot tell from a missing one under RLS. This says whose a strategy is, and
-- whether it is deleted, and nothing else.
CREATE FUNCTION strategy_owner(strategy uuid) RETURNS TABLE (user_id uuid, deleted boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
    AS $$ SELECT user_id, deleted_at IS NOT NULL FROM strategies WHERE id = strategy $$;
ALTER FUNCTION strategy_owner(uuid) OWNER TO ex7_worker;
REVOKE ALL ON FUNCTION strategy_owner(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION strategy_owner(uuid) TO ex7_app;
