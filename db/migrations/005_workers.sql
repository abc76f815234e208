-- One row per process that runs background loops (the market-data feed now; the dispatcher, the
-- stream hub and the delivery outbox next), kept fresh by its heartbeat. A row whose heartbeat is old
-- belongs to a process that died without saying goodbye: what it held (leases) can be taken over.
-- Not user data: no RLS. Times are the database's, so that processes on several hosts compare alike.

CREATE TABLE workers (
    id            uuid PRIMARY KEY,
    kind          text NOT NULL CHECK (kind IN ('api', 'worker')),
    hostname      text NOT NULL,
    pid           integer NOT NULL,
    started_at    timestamptz NOT NULL DEFAULT now(),
    heartbeat_at  timestamptz NOT NULL DEFAULT now(),
    loops         jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX workers_heartbeat ON workers (heartbeat_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON workers TO ex7_app;
