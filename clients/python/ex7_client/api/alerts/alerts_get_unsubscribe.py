from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_unsubscribe_preview import AlertUnsubscribePreview
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    *,
    token: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["token"] = token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/alerts/unsubscribe",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertUnsubscribePreview | Problem | None:
    if response.status_code == 200:
        response_200 = AlertUnsubscribePreview.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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
) -> Response[AlertUnsubscribePreview | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    token: str,
) -> Response[AlertUnsubscribePreview | Problem]:
    """Unsubscribe Landing

     Public; authenticated by the signed, expiring `token` from the alert's unsubscribe link (valid
    90 days). Describes what would be unsubscribed: a whole channel (`strategy_name` null) or one
    subscription on it. A GET never changes anything, because mail scanners follow links; the
    change happens on POST. A browser (`Accept: text/html`) gets a small page saying what will stop,
    with a button that POSTs the one-click form; other clients get JSON. A bad, tampered or expired
    token is a 422 with code `invalid_link_token`. 404 when the channel or subscription the token
    names no longer exists.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertUnsubscribePreview | Problem]
    """

    kwargs = _get_kwargs(
        token=token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    token: str,
) -> AlertUnsubscribePreview | Problem | None:
    """Unsubscribe Landing

     Public; authenticated by the signed, expiring `token` from the alert's unsubscribe link (valid
    90 days). Describes what would be unsubscribed: a whole channel (`strategy_name` null) or one
    subscription on it. A GET never changes anything, because mail scanners follow links; the
    change happens on POST. A browser (`Accept: text/html`) gets a small page saying what will stop,
    with a button that POSTs the one-click form; other clients get JSON. A bad, tampered or expired
    token is a 422 with code `invalid_link_token`. 404 when the channel or subscription the token
    names no longer exists.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertUnsubscribePreview | Problem
    """

    return sync_detailed(
        client=client,
        token=token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    token: str,
) -> Response[AlertUnsubscribePreview | Problem]:
    """Unsubscribe Landing

     Public; authenticated by the signed, expiring `token` from the alert's unsubscribe link (valid
    90 days). Describes what would be unsubscribed: a whole channel (`strategy_name` null) or one
    subscription on it. A GET never changes anything, because mail scanners follow links; the
    change happens on POST. A browser (`Accept: text/html`) gets a small page saying what will stop,
    with a button that POSTs the one-click form; other clients get JSON. A bad, tampered or expired
    token is a 422 with code `invalid_link_token`. 404 when the channel or subscription the token
    names no longer exists.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertUnsubscribePreview | Problem]
    """

    kwargs = _get_kwargs(
        token=token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    token: str,
) -> AlertUnsubscribePreview | Problem | None:
    """Unsubscribe Landing

     Public; authenticated by the signed, expiring `token` from the alert's unsubscribe link (valid
    90 days). Describes what would be unsubscribed: a whole channel (`strategy_name` null) or one
    subscription on it. A GET never changes anything, because mail scanners follow links; the
    change happens on POST. A browser (`Accept: text/html`) gets a small page saying what will stop,
    with a button that POSTs the one-click form; other clients get JSON. A bad, tampered or expired
    token is a 422 with code `invalid_link_token`. 404 when the channel or subscription the token
    names no longer exists.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertUnsubscribePreview | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            token=token,
        )
    ).parsed
