from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from ex7.app import create_app
from ex7.settings import Settings
from tests.support.db import PostgresForTests
from tests.support.http import serve
from tests.support.users import TEST_SECRET, User, new_user


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresForTests]:
    pg = PostgresForTests()
    yield pg
    pg.close()


@pytest.fixture(scope="session")
def dsn(postgres: PostgresForTests) -> str:
    """The shared test database. Tests stay independent by acting as users of their own."""
    return postgres.fresh_database()


def make_settings(**overrides: object) -> Settings:
    # No market-data feed unless a test asks for one (whatever EX7_FEED the shell exports), and no rate
    # limits: the whole suite (and Schemathesis) calls from one address as a handful of users.
    values: dict[str, object] = {"supabase_jwt_secret": TEST_SECRET, "ex7_dev": True, "db_pool_max": 5,
                                 "ex7_feed": "none", "ex7_rate_limit_public": "off", "ex7_rate_limit_writes": "off"}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def base_url(dsn: str) -> Iterator[str]:
    with serve(create_app(make_settings(), dsn, validate_responses=True)) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


@pytest.fixture
def user() -> User:
    return new_user()


@pytest.fixture
def other_user() -> User:
    return new_user()
