"""Strategies: the node catalogue, graph validation, the lifecycle, the export format, fixtures."""
