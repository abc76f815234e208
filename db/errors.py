"""Database-level failures that are not about the caller's input."""


class DatabaseUnavailable(Exception):
    """The database cannot be reached or did not answer in time (mapped to 503)."""


class TransactionConflict(DatabaseUnavailable):
    """PostgreSQL rolled the transaction back because of a concurrent one (a deadlock, a serialization
    failure): nothing it did was written, and running it again is safe (mapped to 503, retry at once)."""
