from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.strategy import Strategy
from ...models.strategy_update import StrategyUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    strategy_id: UUID,
    *,
    body: StrategyUpdate,
    if_match: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/strategies/{strategy_id}".format(
            strategy_id=quote(str(strategy_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Strategy | None:
    if response.status_code == 200:
        response_200 = Strategy.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Strategy]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StrategyUpdate,
    if_match: str | Unset = UNSET,
) -> Response[Problem | Strategy]:
    """Update Strategy

     Change any of name, description, tags, instrument, timeframe and graph; fields left out keep
    their value. A graph whose content differs from the current version's makes a new immutable
    version (current_version + 1) carrying the optional `note`; metadata-only edits, or a graph
    identical to the current one, make no new version (`note` is then ignored). The validation is
    recomputed when the graph, instrument or timeframe changes; an invalid graph is still saved.
    Optimistic concurrency: send the strategy's ETag as `If-Match` (e.g. `"v3.5"`; it changes with every
    update, so two tabs editing
    only metadata cannot overwrite each other either) or the version
    number as `expected_version` (if both are sent, both must match); when the strategy has
    moved on, nothing is changed and the answer is 412 with code `version_mismatch`. Without
    either, the update is unconditional. A new name that clashes with another of the caller's
    strategies answers 409 with code `name_taken`. The response carries the new `ETag`. A
    missing, deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        if_match (str | Unset):  Example: "v3.5".
        body (StrategyUpdate): Every field is optional; fields left out keep their value.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Strategy]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StrategyUpdate,
    if_match: str | Unset = UNSET,
) -> Problem | Strategy | None:
    """Update Strategy

     Change any of name, description, tags, instrument, timeframe and graph; fields left out keep
    their value. A graph whose content differs from the current version's makes a new immutable
    version (current_version + 1) carrying the optional `note`; metadata-only edits, or a graph
    identical to the current one, make no new version (`note` is then ignored). The validation is
    recomputed when the graph, instrument or timeframe changes; an invalid graph is still saved.
    Optimistic concurrency: send the strategy's ETag as `If-Match` (e.g. `"v3.5"`; it changes with every
    update, so two tabs editing
    only metadata cannot overwrite each other either) or the version
    number as `expected_version` (if both are sent, both must match); when the strategy has
    moved on, nothing is changed and the answer is 412 with code `version_mismatch`. Without
    either, the update is unconditional. A new name that clashes with another of the caller's
    strategies answers 409 with code `name_taken`. The response carries the new `ETag`. A
    missing, deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        if_match (str | Unset):  Example: "v3.5".
        body (StrategyUpdate): Every field is optional; fields left out keep their value.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Strategy
    """

    return sync_detailed(
        strategy_id=strategy_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StrategyUpdate,
    if_match: str | Unset = UNSET,
) -> Response[Problem | Strategy]:
    """Update Strategy

     Change any of name, description, tags, instrument, timeframe and graph; fields left out keep
    their value. A graph whose content differs from the current version's makes a new immutable
    version (current_version + 1) carrying the optional `note`; metadata-only edits, or a graph
    identical to the current one, make no new version (`note` is then ignored). The validation is
    recomputed when the graph, instrument or timeframe changes; an invalid graph is still saved.
    Optimistic concurrency: send the strategy's ETag as `If-Match` (e.g. `"v3.5"`; it changes with every
    update, so two tabs editing
    only metadata cannot overwrite each other either) or the version
    number as `expected_version` (if both are sent, both must match); when the strategy has
    moved on, nothing is changed and the answer is 412 with code `version_mismatch`. Without
    either, the update is unconditional. A new name that clashes with another of the caller's
    strategies answers 409 with code `name_taken`. The response carries the new `ETag`. A
    missing, deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        if_match (str | Unset):  Example: "v3.5".
        body (StrategyUpdate): Every field is optional; fields left out keep their value.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Strategy]
    """

    kwargs = _get_kwargs(
        strategy_id=strategy_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    strategy_id: UUID,
    *,
    client: AuthenticatedClient | Client,
    body: StrategyUpdate,
    if_match: str | Unset = UNSET,
) -> Problem | Strategy | None:
    """Update Strategy

     Change any of name, description, tags, instrument, timeframe and graph; fields left out keep
    their value. A graph whose content differs from the current version's makes a new immutable
    version (current_version + 1) carrying the optional `note`; metadata-only edits, or a graph
    identical to the current one, make no new version (`note` is then ignored). The validation is
    recomputed when the graph, instrument or timeframe changes; an invalid graph is still saved.
    Optimistic concurrency: send the strategy's ETag as `If-Match` (e.g. `"v3.5"`; it changes with every
    update, so two tabs editing
    only metadata cannot overwrite each other either) or the version
    number as `expected_version` (if both are sent, both must match); when the strategy has
    moved on, nothing is changed and the answer is 412 with code `version_mismatch`. Without
    either, the update is unconditional. A new name that clashes with another of the caller's
    strategies answers 409 with code `name_taken`. The response carries the new `ETag`. A
    missing, deleted or another user's strategy is 404.

    Args:
        strategy_id (UUID):  Example: 3f0c6a8e-2b1d-4c5e-9f7a-1b2c3d4e5f60.
        if_match (str | Unset):  Example: "v3.5".
        body (StrategyUpdate): Every field is optional; fields left out keep their value.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Strategy
    """

    return (
        await asyncio_detailed(
            strategy_id=strategy_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
