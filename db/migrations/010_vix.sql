-- Vix: each generation of a strategy from a sentence, counted against the tier's monthly quota.
--
-- A generation reserves its slot first (status `reserved`, under the user's billing lock, so two at
-- the last slot cannot both pass), runs with no transaction open (a language model can take
-- seconds), then becomes `done`, or is deleted when it failed: a failed generation uses no quota. A
-- reservation whose process died mid-generation stops counting after a few minutes.
CREATE TABLE vix_generations (
    id           uuid PRIMARY KEY,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status       text NOT NULL CHECK (status IN ('reserved', 'done')),
    provider     text NOT NULL,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz
);
CREATE INDEX vix_generations_user ON vix_generations (user_id, created_at);
ALTER TABLE vix_generations ENABLE ROW LEVEL SECURITY;
ALTER TABLE vix_generations FORCE ROW LEVEL SECURITY;
CREATE POLICY vix_generations_own ON vix_generations
    USING (user_id = (SELECT auth.uid())) WITH CHECK (user_id = (SELECT auth.uid()));
GRANT SELECT, INSERT, UPDATE, DELETE ON vix_generations TO ex7_app;
