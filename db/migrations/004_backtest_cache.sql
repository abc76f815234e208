-- Backtest statistics of a strategy version over a given extent of stored bars, so GET
-- /api/performance does not re-run them. The key holds the data's extent (first and last bar, count):
-- new or changed bars make a new key, never a stale answer.

CREATE TABLE backtest_cache (
    strategy_id  uuid NOT NULL REFERENCES strategies (id) ON DELETE CASCADE,
    version      integer NOT NULL,
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    instrument   text NOT NULL,
    timeframe    text NOT NULL,
    data_from    timestamptz NOT NULL,
    data_to      timestamptz NOT NULL,
    bars         integer NOT NULL,
    statistics   jsonb NOT NULL,
    computed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (strategy_id, version, instrument, timeframe, data_from, data_to, bars)
);
ALTER TABLE backtest_cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE backtest_cache FORCE ROW LEVEL SECURITY;
CREATE POLICY backtest_cache_own ON backtest_cache
    USING (user_id = (SELECT auth.uid()))
    WITH CHECK (user_id = (SELECT auth.uid()));
GRANT SELECT, INSERT, DELETE ON backtest_cache TO ex7_app;
