from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.vix_generate_request import VixGenerateRequest
from ...models.vix_generate_response import VixGenerateResponse
from ...types import Response


def _get_kwargs(
    *,
    body: VixGenerateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/vix/generate-strategy",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | VixGenerateResponse | None:
    if response.status_code == 200:
        response_200 = VixGenerateResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | VixGenerateResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: VixGenerateRequest,
) -> Response[Problem | VixGenerateResponse]:
    """Generate Strategy

     Turn a sentence into a strategy draft. The answer is a preview only: nothing is saved; the
    client creates the strategy from it through the strategies API. The draft graph is validated
    with the same rules as the strategy builder and the result is returned next to it, with a
    plain-language explanation and the caller's quota after this generation. `instrument` and
    `timeframe` steer the generator; an unknown instrument is a 422. Each successful generation
    uses one of the tier's monthly generations; when none are left the answer is a 429 with code
    `quota_exceeded`, a Retry-After header (seconds until the period resets) and the quota (the
    VixQuotaProblem shape); like every authenticated write it is also rate limited per user. 503
    with code `vix_unavailable` when the language-model provider is down; a failed generation does
    not use quota.

    The generator is chosen by the server (EX7_VIX_PROVIDER): `local`, a deterministic parser with
    no network that understands the common phrasings (crossovers of named averages, RSI levels,
    MACD signal crosses, Bollinger and N-bar breakouts, VWAP, opening ranges, time windows in a
    named time zone, stops and targets in ticks, points, ATRs or R, bars in trade, contracts,
    direction); what it cannot read is a 422 with code `prompt_not_understood` listing the words in
    `unrecognized`, never a guess. Or a language model asked for JSON matching the catalogue's
    schema, whose answer is checked by the same validator and sent back with its errors at most
    twice; still invalid is a 422 with code `draft_invalid`. The prompt is data: it cannot add a
    node type outside the catalogue. The explanation has one line per rule, then what was
    assumed (`Assumed: ...`) or ignored.

    Args:
        body (VixGenerateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VixGenerateResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: VixGenerateRequest,
) -> Problem | VixGenerateResponse | None:
    """Generate Strategy

     Turn a sentence into a strategy draft. The answer is a preview only: nothing is saved; the
    client creates the strategy from it through the strategies API. The draft graph is validated
    with the same rules as the strategy builder and the result is returned next to it, with a
    plain-language explanation and the caller's quota after this generation. `instrument` and
    `timeframe` steer the generator; an unknown instrument is a 422. Each successful generation
    uses one of the tier's monthly generations; when none are left the answer is a 429 with code
    `quota_exceeded`, a Retry-After header (seconds until the period resets) and the quota (the
    VixQuotaProblem shape); like every authenticated write it is also rate limited per user. 503
    with code `vix_unavailable` when the language-model provider is down; a failed generation does
    not use quota.

    The generator is chosen by the server (EX7_VIX_PROVIDER): `local`, a deterministic parser with
    no network that understands the common phrasings (crossovers of named averages, RSI levels,
    MACD signal crosses, Bollinger and N-bar breakouts, VWAP, opening ranges, time windows in a
    named time zone, stops and targets in ticks, points, ATRs or R, bars in trade, contracts,
    direction); what it cannot read is a 422 with code `prompt_not_understood` listing the words in
    `unrecognized`, never a guess. Or a language model asked for JSON matching the catalogue's
    schema, whose answer is checked by the same validator and sent back with its errors at most
    twice; still invalid is a 422 with code `draft_invalid`. The prompt is data: it cannot add a
    node type outside the catalogue. The explanation has one line per rule, then what was
    assumed (`Assumed: ...`) or ignored.

    Args:
        body (VixGenerateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VixGenerateResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: VixGenerateRequest,
) -> Response[Problem | VixGenerateResponse]:
    """Generate Strategy

     Turn a sentence into a strategy draft. The answer is a preview only: nothing is saved; the
    client creates the strategy from it through the strategies API. The draft graph is validated
    with the same rules as the strategy builder and the result is returned next to it, with a
    plain-language explanation and the caller's quota after this generation. `instrument` and
    `timeframe` steer the generator; an unknown instrument is a 422. Each successful generation
    uses one of the tier's monthly generations; when none are left the answer is a 429 with code
    `quota_exceeded`, a Retry-After header (seconds until the period resets) and the quota (the
    VixQuotaProblem shape); like every authenticated write it is also rate limited per user. 503
    with code `vix_unavailable` when the language-model provider is down; a failed generation does
    not use quota.

    The generator is chosen by the server (EX7_VIX_PROVIDER): `local`, a deterministic parser with
    no network that understands the common phrasings (crossovers of named averages, RSI levels,
    MACD signal crosses, Bollinger and N-bar breakouts, VWAP, opening ranges, time windows in a
    named time zone, stops and targets in ticks, points, ATRs or R, bars in trade, contracts,
    direction); what it cannot read is a 422 with code `prompt_not_understood` listing the words in
    `unrecognized`, never a guess. Or a language model asked for JSON matching the catalogue's
    schema, whose answer is checked by the same validator and sent back with its errors at most
    twice; still invalid is a 422 with code `draft_invalid`. The prompt is data: it cannot add a
    node type outside the catalogue. The explanation has one line per rule, then what was
    assumed (`Assumed: ...`) or ignored.

    Args:
        body (VixGenerateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VixGenerateResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: VixGenerateRequest,
) -> Problem | VixGenerateResponse | None:
    """Generate Strategy

     Turn a sentence into a strategy draft. The answer is a preview only: nothing is saved; the
    client creates the strategy from it through the strategies API. The draft graph is validated
    with the same rules as the strategy builder and the result is returned next to it, with a
    plain-language explanation and the caller's quota after this generation. `instrument` and
    `timeframe` steer the generator; an unknown instrument is a 422. Each successful generation
    uses one of the tier's monthly generations; when none are left the answer is a 429 with code
    `quota_exceeded`, a Retry-After header (seconds until the period resets) and the quota (the
    VixQuotaProblem shape); like every authenticated write it is also rate limited per user. 503
    with code `vix_unavailable` when the language-model provider is down; a failed generation does
    not use quota.

    The generator is chosen by the server (EX7_VIX_PROVIDER): `local`, a deterministic parser with
    no network that understands the common phrasings (crossovers of named averages, RSI levels,
    MACD signal crosses, Bollinger and N-bar breakouts, VWAP, opening ranges, time windows in a
    named time zone, stops and targets in ticks, points, ATRs or R, bars in trade, contracts,
    direction); what it cannot read is a 422 with code `prompt_not_understood` listing the words in
    `unrecognized`, never a guess. Or a language model asked for JSON matching the catalogue's
    schema, whose answer is checked by the same validator and sent back with its errors at most
    twice; still invalid is a 422 with code `draft_invalid`. The prompt is data: it cannot add a
    node type outside the catalogue. The explanation has one line per rule, then what was
    assumed (`Assumed: ...`) or ignored.

    Args:
        body (VixGenerateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VixGenerateResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
