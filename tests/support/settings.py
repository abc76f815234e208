"""make_settings: the Settings a test server runs with (the test secret, no feed, no rate limits, no tier
caps) plus overrides."""

from __future__ import annotations

from pathlib import Path

from ex7.settings import Settings
from tests.support.users import TEST_SECRET

UNCAPPED_TIERS = Path(__file__).resolve().parent / "tiers-uncapped.json"


def make_settings(**overrides: object) -> Settings:
    # No market-data feed unless a test asks for one (whatever EX7_FEED the shell exports), and no rate
    # limits: the whole suite (and Schemathesis) calls from one address as a handful of users.
    # No tier caps either (tests create many strategies as one user); the billing tests pass
    # ex7_tiers_file=None for the built-in catalogue.
    values: dict[str, object] = {"supabase_jwt_secret": TEST_SECRET, "ex7_dev": True, "db_pool_max": 5,
                                 "ex7_feed": "none", "ex7_rate_limit_public": "off", "ex7_rate_limit_writes": "off",
                                 "ex7_tiers_file": UNCAPPED_TIERS}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]
