"""The outbound HTTP session every adapter of ours holds (alert transports, the language model)."""

from __future__ import annotations

from collections.abc import Callable

import aiohttp


class LazySession:
    """One aiohttp session, made on first use inside the running event loop (a session belongs to the
    loop it was made in), closed with the adapter. No cookies are kept, and the environment's proxy
    settings are ignored: a proxy would resolve names for us, past the webhook address guard."""

    def __init__(self, timeout_seconds: float, user_agent: str,
                 connector: Callable[[], aiohttp.BaseConnector] | None = None) -> None:
        self.timeout_seconds = timeout_seconds
        self.user_agent = user_agent
        self._connector = connector
        self._session: aiohttp.ClientSession | None = None

    def get(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=self._connector() if self._connector else None,
                timeout=aiohttp.ClientTimeout(total=self.timeout_seconds), headers={"User-Agent": self.user_agent},
                cookie_jar=aiohttp.DummyCookieJar(), trust_env=False)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
