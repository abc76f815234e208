-- Foundation: the application role, Supabase-style auth helpers, users, waitlist, instruments,
-- compliance acceptances. Row-level security from the first user-scoped table on.

-- The role the API runs as (SET ROLE on every pooled connection). It owns nothing and cannot bypass
-- RLS. Roles are cluster-wide, so several EX7 databases on one server share it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ex7_app') THEN
        CREATE ROLE ex7_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
END
$$;
-- The connecting (owner) role must be a member to SET ROLE; harmless for a superuser.
GRANT ex7_app TO CURRENT_USER;

CREATE SCHEMA IF NOT EXISTS auth;
GRANT USAGE ON SCHEMA auth TO ex7_app;
GRANT USAGE ON SCHEMA public TO ex7_app;

-- As Supabase: the caller's id comes from the per-transaction claims; NULL when none are set.
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid $$;

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text,
    is_admin      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY users_self ON users
    USING (id = (SELECT auth.uid()))
    WITH CHECK (id = (SELECT auth.uid()));
GRANT SELECT, INSERT, UPDATE ON users TO ex7_app;

-- Public sign-ups: not user-scoped. Addresses are stored normalised (trimmed, lower-cased).
CREATE TABLE waitlist (
    id          bigserial PRIMARY KEY,
    email       text NOT NULL UNIQUE CHECK (email = lower(btrim(email))),
    source      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON waitlist TO ex7_app;
GRANT USAGE ON SEQUENCE waitlist_id_seq TO ex7_app;

-- Reference data, upserted by `ex7 migrate` from domain/instruments.py.
CREATE TABLE instruments (
    symbol               text PRIMARY KEY,
    name                 text NOT NULL,
    exchange             text NOT NULL,
    currency             text NOT NULL,
    tick_size            numeric(12, 6) NOT NULL CHECK (tick_size > 0),
    tick_value           numeric(12, 2) NOT NULL CHECK (tick_value > 0),
    commission_per_side  numeric(12, 2) NOT NULL CHECK (commission_per_side >= 0),
    session_timezone     text NOT NULL,
    session_open         text NOT NULL,
    session_close        text NOT NULL
);
GRANT SELECT ON instruments TO ex7_app;

-- One row per (user, document, version) accepted: an audit record, never updated.
CREATE TABLE compliance_acceptances (
    id           bigserial PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    document     text NOT NULL,
    version      text NOT NULL,
    accepted_at  timestamptz NOT NULL DEFAULT now(),
    ip           text,
    user_agent   text,
    CONSTRAINT compliance_acceptances_once UNIQUE (user_id, document, version)
);
ALTER TABLE compliance_acceptances ENABLE ROW LEVEL SECURITY;
ALTER TABLE compliance_acceptances FORCE ROW LEVEL SECURITY;
CREATE POLICY compliance_acceptances_own ON compliance_acceptances
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
GRANT SELECT, INSERT ON compliance_acceptances TO ex7_app;
GRANT USAGE ON SEQUENCE compliance_acceptances_id_seq TO ex7_app;
