"""The app on a real uvicorn in a thread (serve), configured as `ex7 serve` does, and free local ports."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import uvicorn

from ex7.server import build_config
from ex7.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


_DEFAULTS = Settings.model_fields


@contextlib.contextmanager
def serve(app: Any, *, header_timeout: float = _DEFAULTS["ex7_header_timeout_seconds"].default,
          body_timeout: float = _DEFAULTS["ex7_body_timeout_seconds"].default) -> Iterator[str]:
    """Run an ASGI app on a real uvicorn in a thread, configured as `ex7 serve` does; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(build_config(app, host="127.0.0.1", port=port, log_level="warning",
                                         header_timeout=header_timeout, body_timeout=body_timeout))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
