"""A real local server standing in for the language-model APIs Vix speaks (services/vix_llm.py): Anthropic's
POST /v1/messages or OpenAI's POST /v1/chat/completions, on 127.0.0.1 and a free port, for the length of a
`with fake_llm(api=..., api_key=...)` block. Like the alert fakes (tests/support/alert_fakes.py, whose
LoopServer and Records it uses), it runs an aiohttp server on an event loop of its own in a thread, so
synchronous tests can drive it; every request is recorded as it arrives, before it is answered.

It checks what the real APIs check and a client could get wrong, answering 4xx in the API's own error
shape when a request fails: the key header (401; the message quotes the key presented, which the real
APIs only partly do, so that a test sees any place our client would pass it on), `anthropic-version`, the
body's model and messages, and for Anthropic the forced tool (`tool_choice` names an offered tool, roles
alternate, every `tool_use` is answered by a `tool_result` in the next user message), for OpenAI the
`response_format` json_schema.

Answers are scripted, in order: `answer_next(draft, status=200, raw=None, times=1, delay=0.0)`.
- a dict draft: the API's success answer carrying it (Anthropic: a `tool_use` block of the requested tool
  whose `input` is the draft, stop_reason tool_use; OpenAI: `choices[0].message.content` = the draft as
  JSON, finish_reason stop);
- a str draft: the model writing text instead (Anthropic: a `text` block, stop_reason end_turn; OpenAI:
  the content as is), e.g. not JSON at all;
- no draft and a status of 300 or more: the API's error answer for that status (429 rate_limit_error,
  500 api_error, ...);
- raw bytes: that body as is, with `status` (with `chunked=True`, in chunks and without a Content-Length).
With nothing scripted the fake answers 500 ("no answer scripted"): a client that calls more often than the
test planned fails loudly.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from aiohttp import web

from tests.support.alert_fakes import LoopServer, Records

Api = Literal["anthropic", "openai"]
PATHS: dict[str, str] = {"anthropic": "/v1/messages", "openai": "/v1/chat/completions"}

_ERROR_TYPES = {400: "invalid_request_error", 401: "authentication_error", 403: "permission_error",
                404: "not_found_error", 413: "request_too_large", 429: "rate_limit_error", 529: "overloaded_error"}


@dataclass(frozen=True)
class LlmRequest:
    path: str
    headers: dict[str, str]  # names in lower case
    json: Any  # the body parsed, None if it is not JSON


@dataclass(frozen=True)
class Scripted:
    draft: dict[str, Any] | str | None
    status: int
    raw: bytes | None
    delay: float
    chunked: bool = False


class FakeLlm:
    def __init__(self, api: Api, api_key: str) -> None:
        if api not in PATHS:
            raise ValueError(f"api must be one of {', '.join(PATHS)}")
        self.api = api
        self.api_key = api_key
        self.path = PATHS[api]
        self._records: Records[LlmRequest] = Records("LLM requests")
        self._queue: collections.deque[Scripted] = collections.deque()
        self._lock = threading.Lock()
        # Set when the fake closes; made by the server's loop, on first use (an asyncio.Event belongs to it).
        self._closing: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server = LoopServer(self._app, f"fake-{api}")
        self.base_url = self._server.base_url
        self.port = self._server.port

    # --- the test's side ---------------------------------------------------------------------------------

    @property
    def requests(self) -> list[LlmRequest]:
        return self._records.snapshot()

    def answer_next(self, draft_json: dict[str, Any] | str | None = None, *, status: int = 200,
                    raw: bytes | None = None, times: int = 1, delay: float = 0.0, chunked: bool = False) -> None:
        """`chunked`: a raw body is sent in chunks without a Content-Length, as a streaming proxy would."""
        with self._lock:
            self._queue.extend([Scripted(draft_json, status, raw, delay, chunked)] * times)

    def _closing_event(self) -> asyncio.Event:
        if self._closing is None:
            self._closing, self._loop = asyncio.Event(), asyncio.get_running_loop()
        return self._closing

    def close(self) -> None:
        if self._closing is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self._closing.set)
        self._server.close()

    def _pop(self) -> Scripted | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None

    # --- the server's side -------------------------------------------------------------------------------

    def _app(self) -> web.Application:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_post(self.path, self._handle)
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        return app

    def _error(self, status: int, message: str) -> web.Response:
        kind = _ERROR_TYPES.get(status, "api_error" if self.api == "anthropic" else "server_error")
        if self.api == "anthropic":
            body: dict[str, Any] = {"type": "error", "error": {"type": kind, "message": message}}
        else:
            body = {"error": {"message": message, "type": kind, "param": None, "code": None}}
        return web.json_response(body, status=status)

    async def _not_found(self, request: web.Request) -> web.Response:
        return self._error(404, f"Not found: {request.method} {request.path}")

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raw_body = await request.read()
        try:
            body = json.loads(raw_body)
        except ValueError:
            body = None
        headers = {k.lower(): v for k, v in request.headers.items()}
        self._records.add(LlmRequest(request.path, headers, body))
        if self.api == "anthropic":
            presented = headers.get("x-api-key")
            if presented != self.api_key:
                return self._error(401, f"invalid x-api-key: {presented}")
            if not headers.get("anthropic-version"):
                return self._error(400, "anthropic-version: header is required")
        else:
            presented = headers.get("authorization")
            if presented != f"Bearer {self.api_key}":
                return self._error(401, f"Incorrect API key provided: {presented}.")
        problem = _anthropic_problem(body) if self.api == "anthropic" else _openai_problem(body)
        if problem is not None:
            return self._error(400, problem)
        scripted = self._pop()
        if scripted is None:
            return self._error(500, "fake_llm: no answer scripted")
        if scripted.delay:
            # In steps, so that a delay longer than the test ends when the fake closes (aiohttp does not
            # cancel a handler whose client has gone, and a handler left sleeping outlives its loop).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing_event().wait(), timeout=scripted.delay)
        if scripted.raw is not None and scripted.chunked:
            stream = web.StreamResponse(status=scripted.status, headers={"Content-Type": "application/json"})
            stream.enable_chunked_encoding()
            await stream.prepare(request)
            with contextlib.suppress(ConnectionError):  # the client may stop reading once it has enough
                for start in range(0, len(scripted.raw), 16384):
                    await stream.write(scripted.raw[start:start + 16384])
                await stream.write_eof()
            return stream
        if scripted.raw is not None:
            return web.Response(status=scripted.status, body=scripted.raw, content_type="application/json")
        if scripted.draft is None and scripted.status >= 300:
            return self._error(scripted.status, "answer scripted by the test")
        assert scripted.draft is not None, "a success answer needs a draft (or raw bytes)"
        wrap = _anthropic_answer if self.api == "anthropic" else _openai_answer
        return web.json_response(wrap(body, scripted.draft), status=scripted.status)


# --- the APIs' request checks and answer shapes ------------------------------------------------------------

def _blocks(content: Any) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    return [b for b in content if isinstance(b, dict)] if isinstance(content, list) else []


def _anthropic_problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "The request body is not valid JSON."
    if not isinstance(body.get("model"), str) or not isinstance(body.get("max_tokens"), int):
        return "model: Field required; max_tokens: Field required"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "messages: at least one message is required"
    for i, message in enumerate(messages):
        expected = "user" if i % 2 == 0 else "assistant"
        if not isinstance(message, dict) or message.get("role") != expected:
            return f"messages.{i}: roles must alternate between user and assistant, starting with user"
        if not _blocks(message.get("content")):
            return f"messages.{i}: content must be non-empty"
    if messages[-1].get("role") != "user":
        return "the last message must be a user message"
    for i, message in enumerate(messages[:-1]):
        ids = [b.get("id") for b in _blocks(message.get("content")) if b.get("type") == "tool_use"]
        answered = [b.get("tool_use_id") for b in _blocks(messages[i + 1].get("content"))
                    if b.get("type") == "tool_result"]
        if ids and sorted(map(str, ids)) != sorted(map(str, answered)):
            return (f"messages.{i + 1}: `tool_use` ids were found without `tool_result` blocks immediately "
                    f"after: {', '.join(map(str, ids))}")
    tools = body.get("tools")
    names = [t.get("name") for t in tools if isinstance(t, dict) and isinstance(t.get("input_schema"), dict)
             and t["input_schema"].get("type") == "object"] if isinstance(tools, list) else []
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and choice.get("type") == "tool" and choice.get("name") not in names:
        return "tool_choice: the named tool is not among `tools` (each needs an object input_schema)"
    system = body.get("system")
    if system is not None and not isinstance(system, str | list):
        return "system: Input should be a valid string or list"
    return None


def _openai_problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "We could not parse the JSON body of your request."
    if not isinstance(body.get("model"), str):
        return "you must provide a model parameter"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array"
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("system", "developer", "user", "assistant"):
            return f"Invalid value for 'messages[{i}].role'"
        if not isinstance(message.get("content"), str | list):
            return f"Invalid type for 'messages[{i}].content'"
    response_format = body.get("response_format")
    if response_format is not None:
        if not isinstance(response_format, dict) or response_format.get("type") not in ("text", "json_object",
                                                                                       "json_schema"):
            return "Invalid value for 'response_format.type'"
        spec = response_format.get("json_schema")
        if response_format["type"] == "json_schema" and not (
                isinstance(spec, dict) and isinstance(spec.get("name"), str) and isinstance(spec.get("schema"), dict)):
            return "Missing required parameter: 'response_format.json_schema' (name and schema)"
    return None


def _anthropic_answer(request: dict[str, Any], draft: dict[str, Any] | str) -> dict[str, Any]:
    if isinstance(draft, str):
        content: list[dict[str, Any]] = [{"type": "text", "text": draft}]
        stop = "end_turn"
    else:
        choice = request.get("tool_choice") or {}
        content = [{"type": "tool_use", "id": f"toolu_{uuid.uuid4().hex[:24]}", "name": choice.get("name"),
                    "input": draft}]
        stop = "tool_use"
    return {"id": f"msg_{uuid.uuid4().hex[:24]}", "type": "message", "role": "assistant",
            "model": request.get("model"), "content": content, "stop_reason": stop, "stop_sequence": None,
            "usage": {"input_tokens": len(json.dumps(request)) // 4, "output_tokens": len(json.dumps(draft)) // 4}}


def _openai_answer(request: dict[str, Any], draft: dict[str, Any] | str) -> dict[str, Any]:
    text = draft if isinstance(draft, str) else json.dumps(draft)
    return {"id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "object": "chat.completion", "created": int(time.time()),
            "model": request.get("model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text, "refusal": None},
                         "logprobs": None, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": len(json.dumps(request)) // 4, "completion_tokens": len(text) // 4,
                      "total_tokens": (len(json.dumps(request)) + len(text)) // 4}}


@contextlib.contextmanager
def fake_llm(api: Api = "anthropic", api_key: str = "sk-test-key") -> Iterator[FakeLlm]:
    fake = FakeLlm(api, api_key)
    fake._server.start()
    try:
        yield fake
    finally:
        fake.close()
