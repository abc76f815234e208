"""The real `ex7` command for the e2e tests: EX7 (its command line) and cli_env (the environment it runs in)."""

from __future__ import annotations

import os
import sys

EX7 = [sys.executable, "-m", "ex7.cli"]


def cli_env(**extra: str) -> dict[str, str]:
    """This process's environment without the database URL and JWT settings (as a newcomer has it), plus `extra`."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "SUPABASE_JWT_SECRET", "SUPABASE_JWKS_URL", "SUPABASE_JWT_ISSUER")}
    env.update(extra)
    return env
