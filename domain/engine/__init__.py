"""The evaluation engine: one set of semantics for live runtimes and backtests (see domain.engine.evaluator)."""
