-- The live stream reads the events table in id order, so an id must never become visible after a
-- larger one has been read. Ids are now handed out under a transaction-level advisory lock that is
-- held until commit (db/events.py), so event-writing transactions commit in id order; the `tx`
-- column that 006 kept for bounding readers by the oldest running transaction is not needed.
ALTER TABLE events DROP COLUMN tx;

-- Events older than the retention window (EX7_EVENTS_RETENTION_DAYS) are pruned as a prefix of ids;
-- `pruned_through` is the highest id removed, so a client resuming after an older id is told that
-- its replay would be incomplete (a `reset` event) instead of silently missing events.
CREATE TABLE events_pruned (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    pruned_through  bigint NOT NULL
);
INSERT INTO events_pruned (pruned_through) VALUES (0);
GRANT SELECT ON events_pruned TO ex7_app, ex7_worker;
GRANT UPDATE ON events_pruned TO ex7_worker;
GRANT DELETE ON events TO ex7_worker;
CREATE INDEX events_created_at ON events (created_at);
