from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_verify_link_preview import AlertVerifyLinkPreview
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
        "url": "/api/alerts/verify",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertVerifyLinkPreview | Problem | None:
    if response.status_code == 200:
        response_200 = AlertVerifyLinkPreview.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[AlertVerifyLinkPreview | Problem]:
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
) -> Response[AlertVerifyLinkPreview | Problem]:
    """Verification Link Landing

     Public; authenticated by the single-use `token` of the link in a verification email (valid 15
    minutes). Says which channel the link verifies; a GET changes nothing (mail scanners follow
    links), the POST does. A browser (`Accept: text/html`) gets a small page with a button that
    POSTs; other clients get JSON. An unknown, used or expired token is a 422 with code
    `invalid_link_token`.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertVerifyLinkPreview | Problem]
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
) -> AlertVerifyLinkPreview | Problem | None:
    """Verification Link Landing

     Public; authenticated by the single-use `token` of the link in a verification email (valid 15
    minutes). Says which channel the link verifies; a GET changes nothing (mail scanners follow
    links), the POST does. A browser (`Accept: text/html`) gets a small page with a button that
    POSTs; other clients get JSON. An unknown, used or expired token is a 422 with code
    `invalid_link_token`.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertVerifyLinkPreview | Problem
    """

    return sync_detailed(
        client=client,
        token=token,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    token: str,
) -> Response[AlertVerifyLinkPreview | Problem]:
    """Verification Link Landing

     Public; authenticated by the single-use `token` of the link in a verification email (valid 15
    minutes). Says which channel the link verifies; a GET changes nothing (mail scanners follow
    links), the POST does. A browser (`Accept: text/html`) gets a small page with a button that
    POSTs; other clients get JSON. An unknown, used or expired token is a 422 with code
    `invalid_link_token`.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertVerifyLinkPreview | Problem]
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
) -> AlertVerifyLinkPreview | Problem | None:
    """Verification Link Landing

     Public; authenticated by the single-use `token` of the link in a verification email (valid 15
    minutes). Says which channel the link verifies; a GET changes nothing (mail scanners follow
    links), the POST does. A browser (`Accept: text/html`) gets a small page with a button that
    POSTs; other clients get JSON. An unknown, used or expired token is a 422 with code
    `invalid_link_token`.

    Args:
        token (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertVerifyLinkPreview | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            token=token,
        )
    ).parsed
