-- Strategies and their immutable versions; the runtimes table they are started in.

CREATE TABLE strategies (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    description      text NOT NULL DEFAULT '',
    -- Not a foreign key: a draft may name an instrument we do not support (its validation says so).
    instrument       text NOT NULL,
    timeframe        text NOT NULL,
    tags             text[] NOT NULL DEFAULT '{}',
    status           text NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'ready', 'live', 'paused', 'archived')),
    current_version  integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
    -- Bumped by every change (graph or not): the ETag, so two tabs cannot overwrite each other.
    revision         integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    deleted_at       timestamptz
);
-- Names are unique among a user's live (not deleted) strategies.
CREATE UNIQUE INDEX strategies_user_name ON strategies (user_id, name) WHERE deleted_at IS NULL;
-- The list's keyset: newest change first, id as the tiebreaker.
CREATE INDEX strategies_user_updated ON strategies (user_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
ALTER TABLE strategies ENABLE ROW LEVEL SECURITY;
ALTER TABLE strategies FORCE ROW LEVEL SECURITY;
CREATE POLICY strategies_own ON strategies
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
GRANT SELECT, INSERT, UPDATE ON strategies TO ex7_app;

-- Immutable: the app role may insert and read versions, never change or delete them. Validation is
-- not stored: it is a pure function of (graph, instrument, timeframe), recomputed on read, so it
-- can never go stale when the strategy's instrument or timeframe changes.
CREATE TABLE strategy_versions (
    strategy_id   uuid NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    version       integer NOT NULL CHECK (version >= 1),
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    graph         jsonb NOT NULL,
    content_hash  text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    note          text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (strategy_id, version)
);
ALTER TABLE strategy_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE strategy_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY strategy_versions_own ON strategy_versions
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
GRANT SELECT, INSERT ON strategy_versions TO ex7_app;

-- One runtime per (strategy, mode). The signals pipeline owns its life; strategies read it to refuse
-- deleting a strategy that is running or starting.
CREATE TABLE strategy_runtimes (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    strategy_id   uuid NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mode          text NOT NULL CHECK (mode IN ('paper', 'live')),
    status        text NOT NULL DEFAULT 'starting'
                  CHECK (status IN ('starting', 'running', 'draining', 'stopped', 'error', 'paused')),
    started_at    timestamptz,
    stopped_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT strategy_runtimes_one_per_mode UNIQUE (strategy_id, mode)
);
ALTER TABLE strategy_runtimes ENABLE ROW LEVEL SECURITY;
ALTER TABLE strategy_runtimes FORCE ROW LEVEL SECURITY;
CREATE POLICY strategy_runtimes_own ON strategy_runtimes
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
GRANT SELECT, INSERT, UPDATE ON strategy_runtimes TO ex7_app;
