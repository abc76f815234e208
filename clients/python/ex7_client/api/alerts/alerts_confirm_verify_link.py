from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_unsubscribe_request import AlertUnsubscribeRequest
from ...models.alert_verify_link_result import AlertVerifyLinkResult
from ...models.alerts_confirm_verify_link_data_body import (
    AlertsConfirmVerifyLinkDataBody,
)
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AlertUnsubscribeRequest | AlertsConfirmVerifyLinkDataBody | Unset = UNSET,
    token: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["token"] = token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/alerts/verify",
        "params": params,
    }

    if isinstance(body, AlertUnsubscribeRequest):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, AlertsConfirmVerifyLinkDataBody):
        if not isinstance(body, Unset):
            _kwargs["data"] = body.to_dict()
        headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertVerifyLinkResult | Problem | None:
    if response.status_code == 200:
        response_200 = AlertVerifyLinkResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AlertVerifyLinkResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertUnsubscribeRequest | AlertsConfirmVerifyLinkDataBody | Unset = UNSET,
    token: str | Unset = UNSET,
) -> Response[AlertVerifyLinkResult | Problem]:
    """Verification Link Confirm

     Public; verifies the channel of a verification email's link. The token comes in the `token`
    query parameter (what the landing page's button sends, with an empty form body) or in a JSON
    body `{token}`. The token and the channel's code are both spent. An unknown, used or expired
    token is a 422 with code `invalid_link_token`; a browser gets a page saying it is done.

    Args:
        token (str | Unset):
        body (AlertUnsubscribeRequest | Unset):
        body (AlertsConfirmVerifyLinkDataBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertVerifyLinkResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        token=token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AlertUnsubscribeRequest | AlertsConfirmVerifyLinkDataBody | Unset = UNSET,
    token: str | Unset = UNSET,
) -> AlertVerifyLinkResult | Problem | None:
    """Verification Link Confirm

     Public; verifies the channel of a verification email's link. The token comes in the `token`
    query parameter (what the landing page's button sends, with an empty form body) or in a JSON
    body `{token}`. The token and the channel's code are both spent. An unknown, used or expired
    token is a 422 with code `invalid_link_token`; a browser gets a page saying it is done.

    Args:
        token (str | Unset):
        body (AlertUnsubscribeRequest | Unset):
        body (AlertsConfirmVerifyLinkDataBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertVerifyLinkResult | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        token=token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertUnsubscribeRequest | AlertsConfirmVerifyLinkDataBody | Unset = UNSET,
    token: str | Unset = UNSET,
) -> Response[AlertVerifyLinkResult | Problem]:
    """Verification Link Confirm

     Public; verifies the channel of a verification email's link. The token comes in the `token`
    query parameter (what the landing page's button sends, with an empty form body) or in a JSON
    body `{token}`. The token and the channel's code are both spent. An unknown, used or expired
    token is a 422 with code `invalid_link_token`; a browser gets a page saying it is done.

    Args:
        token (str | Unset):
        body (AlertUnsubscribeRequest | Unset):
        body (AlertsConfirmVerifyLinkDataBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertVerifyLinkResult | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        token=token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AlertUnsubscribeRequest | AlertsConfirmVerifyLinkDataBody | Unset = UNSET,
    token: str | Unset = UNSET,
) -> AlertVerifyLinkResult | Problem | None:
    """Verification Link Confirm

     Public; verifies the channel of a verification email's link. The token comes in the `token`
    query parameter (what the landing page's button sends, with an empty form body) or in a JSON
    body `{token}`. The token and the channel's code are both spent. An unknown, used or expired
    token is a 422 with code `invalid_link_token`; a browser gets a page saying it is done.

    Args:
        token (str | Unset):
        body (AlertUnsubscribeRequest | Unset):
        body (AlertsConfirmVerifyLinkDataBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertVerifyLinkResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            token=token,
        )
    ).parsed
