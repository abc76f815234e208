"""The app on a real uvicorn in a thread (serve), configured as `ex7 serve` does, and free local ports."""

from __future__ import annotations

import asyncio
import contextlib
import io
import socket
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from typing import Any

from ex7.server import Server, build_config
from ex7.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


_DEFAULTS = Settings.model_fields


# The event loop of each server `serve` runs, by its base URL (a test that counts a server's tasks).
_LOOPS: dict[str, asyncio.AbstractEventLoop] = {}
STOP_WITHIN = 20.0


def _running(loop: asyncio.AbstractEventLoop | None, thread: threading.Thread) -> str:
    """What a server that does not stop is doing: its thread's stack and its loop's pending tasks."""
    frame = sys._current_frames().get(thread.ident or 0)
    lines = ["server thread:\n" + "".join(traceback.format_stack(frame)) if frame else "server thread: gone"]
    try:  # read from this thread while the loop runs: a diagnosis, not exact
        tasks = list(asyncio.all_tasks(loop)) if loop is not None else []
    except RuntimeError:
        tasks = []
    for task in tasks:
        where = io.StringIO()
        task.print_stack(limit=8, file=where)
        lines.append(where.getvalue())
    return "\n".join(lines)


def loop_of(base_url: str) -> asyncio.AbstractEventLoop:
    return _LOOPS[base_url]


@contextlib.contextmanager
def serve(app: Any, *, header_timeout: float = _DEFAULTS["ex7_header_timeout_seconds"].default,
          body_timeout: float = _DEFAULTS["ex7_body_timeout_seconds"].default) -> Iterator[str]:
    """Run an ASGI app on a real uvicorn in a thread, configured as `ex7 serve` does; yields its base URL."""
    port = free_port()
    server = Server(build_config(app, host="127.0.0.1", port=port, log_level="warning",
                                         header_timeout=header_timeout, body_timeout=body_timeout))
    url = f"http://127.0.0.1:{port}"

    async def run() -> None:
        _LOOPS[url] = asyncio.get_running_loop()
        await server.serve()

    thread = threading.Thread(target=asyncio.run, args=(run(),), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield url
    finally:
        server.should_exit = True
        # Longer than the app's own bound on stopping its background loops (Supervisor.stop, 10 s), so
        # that a loop ignoring its cancellation is named (in the failure below and in the app's log).
        thread.join(timeout=STOP_WITHIN)
        loop = _LOOPS.pop(url, None)
        if thread.is_alive():
            raise RuntimeError(f"uvicorn did not stop within {STOP_WITHIN:.0f} s; still running:\n"
                               + _running(loop, thread))
