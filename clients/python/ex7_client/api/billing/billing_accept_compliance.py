from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.compliance_accept_request import ComplianceAcceptRequest
from ...models.compliance_acceptance import ComplianceAcceptance
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: ComplianceAcceptRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/billing/compliance/accept",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ComplianceAcceptance | Problem | None:
    if response.status_code == 200:
        response_200 = ComplianceAcceptance.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ComplianceAcceptance.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ComplianceAcceptance | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ComplianceAcceptRequest,
) -> Response[ComplianceAcceptance | Problem]:
    """Accept Compliance

     Record the caller's acceptance of one required document at its current version, with the
    time, client IP and user agent. Accepting an outdated version is a 409 that names the current
    one. Re-accepting the same version is idempotent: 200 with the acceptance already on record.

    Args:
        body (ComplianceAcceptRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComplianceAcceptance | Problem]
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
    body: ComplianceAcceptRequest,
) -> ComplianceAcceptance | Problem | None:
    """Accept Compliance

     Record the caller's acceptance of one required document at its current version, with the
    time, client IP and user agent. Accepting an outdated version is a 409 that names the current
    one. Re-accepting the same version is idempotent: 200 with the acceptance already on record.

    Args:
        body (ComplianceAcceptRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComplianceAcceptance | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ComplianceAcceptRequest,
) -> Response[ComplianceAcceptance | Problem]:
    """Accept Compliance

     Record the caller's acceptance of one required document at its current version, with the
    time, client IP and user agent. Accepting an outdated version is a 409 that names the current
    one. Re-accepting the same version is idempotent: 200 with the acceptance already on record.

    Args:
        body (ComplianceAcceptRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ComplianceAcceptance | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ComplianceAcceptRequest,
) -> ComplianceAcceptance | Problem | None:
    """Accept Compliance

     Record the caller's acceptance of one required document at its current version, with the
    time, client IP and user agent. Accepting an outdated version is a 409 that names the current
    one. Re-accepting the same version is idempotent: 200 with the acceptance already on record.

    Args:
        body (ComplianceAcceptRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ComplianceAcceptance | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
