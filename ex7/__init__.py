"""EX7 composition root: settings, app factory, CLI and long-running services."""

__version__ = "1.0.0"
