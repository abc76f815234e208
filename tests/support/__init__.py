"""Helpers the tests share; each in the module named for what it holds, and imported from there:

- tests.support.bars: T0 and bars(), hand-written OHLC bars for engine scenarios
- tests.support.cli: EX7 (the `ex7` command line) and cli_env, for the e2e tests
- tests.support.db: PostgresForTests (real PostgreSQL databases) and sql_as_owner
- tests.support.graphs: strategy graph builders (node, edge, make_graph, sma_crossover, threshold_graph, ...)
- tests.support.http: serve (the app on a real uvicorn in a thread) and free_port
- tests.support.pipeline: Pipeline (a database, the API and dispatchers ticked by hand), write_bars and
  store_bars (bars as a feed stores them), open_risk_limits, wait_until
- tests.support.problems: PROBLEM and assert_problem, for problem+json answers
- tests.support.settings: make_settings, the Settings a test server runs with
- tests.support.signals: arrange_strategy, arrange_signal, arrange_audit, arrange_bar (signal pipeline rows as
  the database owner writes them, for the read side's tests)
- tests.support.users: User, new_user and TEST_SECRET

Test modules import helpers from here (or take conftest's fixtures), never from one another.
"""
