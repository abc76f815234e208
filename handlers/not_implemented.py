"""The answer of every operation whose issue has not landed yet.

Operations resolve here (see ex7/app.py) instead of to Connexion's resolver-error handler, so that
authentication and request validation still run first: a request without a token is a 401 and bad
input a 422, exactly as they will be once the operation is real.
"""

from __future__ import annotations

from typing import Any

from ex7.problems import problem


async def not_implemented(**_params: Any) -> Any:
    return problem(501, "This operation is described in the contract but not implemented yet.",
                   code="not_implemented")
