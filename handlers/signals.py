"""Signals tag: runtimes (start, stop, force-close-all, lists, health), signals (lists, get, close) and
the audit trail."""

from __future__ import annotations
