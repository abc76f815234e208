"""Users with tokens: TEST_SECRET (the HS256 secret the test servers trust), User, new_user."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from ex7 import tokens

TEST_SECRET = "test-secret-" + "x" * 40


@dataclass(frozen=True)
class User:
    id: str
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_user(*, admin: bool = False, secret: str = TEST_SECRET) -> User:
    email = f"u{uuid.uuid4().hex[:12]}@example.com"
    return User(tokens.user_id_for(email), email, tokens.mint(secret, email=email, admin=admin))
