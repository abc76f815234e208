from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from ex7.app import create_app
from tests.support.db import PostgresForTests
from tests.support.http import serve
from tests.support.settings import make_settings
from tests.support.users import User, new_user


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresForTests]:
    pg = PostgresForTests()
    yield pg
    pg.close()


@pytest.fixture(scope="session")
def dsn(postgres: PostgresForTests) -> str:
    """The shared test database. Tests stay independent by acting as users of their own."""
    return postgres.fresh_database()


@pytest.fixture(scope="session")
def base_url(dsn: str) -> Iterator[str]:
    # Streams end after half a second here: Schemathesis reads every answer to its end.
    with serve(create_app(make_settings(ex7_stream_max_seconds=0.5), dsn, validate_responses=True)) as url:
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
