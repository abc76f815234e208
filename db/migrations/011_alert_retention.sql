-- The delivery log is pruned like the event log: settled deliveries (and their attempts, by cascade)
-- older than EX7_ALERTS_RETENTION_DAYS are deleted by the housekeeping, as ex7_worker.
GRANT DELETE ON alert_deliveries, alert_attempts TO ex7_worker;
CREATE INDEX alert_deliveries_created_at ON alert_deliveries (created_at) WHERE status NOT IN ('pending', 'sending');
