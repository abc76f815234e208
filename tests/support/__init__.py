"""Helpers the tests share; each in the module named for what it holds, imported from there:

- tests.support.db: PostgresForTests, real PostgreSQL databases for tests
- tests.support.http: serve (the app on a real uvicorn), free_port
- tests.support.users: User, new_user, TEST_SECRET

Test modules import helpers from here, never from one another (tests/unit/test_test_layout.py).
"""
