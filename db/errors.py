"""Database-level failures that are not about the caller's input."""


class DatabaseUnavailable(Exception):
    """The database cannot be reached or did not answer in time (mapped to 503)."""
