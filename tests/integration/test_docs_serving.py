"""The docs site at /docs/ (ex7.docs_serving.DocsSite), served by the app from EX7_DOCS_DIR: a small stand-in
site here (the real build is tests/e2e/test_docs_site.py's), over real HTTP. Raw requests (http.client)
send paths exactly as written, dot segments and percent-escapes included, as an attacker would."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from ex7.app import create_app
from tests.support.http import serve
from tests.support.problems import assert_problem
from tests.support.settings import make_settings

INDEX = "<!DOCTYPE html><title>EX7 docs</title><h1>EX7 docs: the front page</h1>"


def _site(folder: Path) -> Path:
    (folder / "reference").mkdir(parents=True)
    (folder / "index.html").write_text(INDEX)
    (folder / "quickstart.html").write_text("<h1>Quickstart</h1>")
    (folder / "site.css").write_text("body { margin: 0; }")
    (folder / "reference" / "index.html").write_text("<h1>API reference</h1>")
    (folder / ".build-stamp").write_text("0123\n")
    return folder


@pytest.fixture(scope="module")
def docs_url(tmp_path_factory: pytest.TempPathFactory, dsn: str) -> Iterator[str]:
    site = _site(tmp_path_factory.mktemp("docs-site") / "docs")
    with serve(create_app(make_settings(ex7_docs_dir=site), dsn)) as url:
        yield url


def raw_get(base: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request with `path` sent byte for byte (httpx would normalise `..` away)."""
    where = urlsplit(base)
    conn = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port, timeout=10)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def test_the_site_is_served_at_docs(docs_url: str) -> None:
    resp = httpx.get(f"{docs_url}/docs/")
    assert resp.status_code == 200
    assert resp.text == INDEX
    assert resp.headers["content-type"].startswith("text/html")
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["cache-control"] == "no-cache"  # revalidated, so a rebuild shows at once
    assert "etag" in resp.headers
    assert httpx.get(f"{docs_url}/docs/quickstart.html").text == "<h1>Quickstart</h1>"
    assert httpx.get(f"{docs_url}/docs/site.css").headers["content-type"].startswith("text/css")
    assert httpx.get(f"{docs_url}/docs/reference/").text == "<h1>API reference</h1>"
    assert httpx.head(f"{docs_url}/docs/").status_code == 200


def test_docs_redirects_to_the_folder(docs_url: str) -> None:
    resp = httpx.get(f"{docs_url}/docs")
    assert resp.status_code == 308
    assert resp.headers["location"] == "/docs/"
    assert httpx.get(f"{docs_url}/docs", follow_redirects=True).text == INDEX
    # A folder without its slash goes to it (StaticFiles), so the page's relative links work.
    folder = httpx.get(f"{docs_url}/docs/reference")
    assert folder.status_code in (301, 307, 308)
    assert folder.headers["location"].endswith("/docs/reference/")


def test_a_missing_page_is_a_problem_404(docs_url: str) -> None:
    assert_problem(httpx.get(f"{docs_url}/docs/nope.html"), 404, "not_found")


@pytest.mark.parametrize("path", [
    "/docs/../pyproject.toml",
    "/docs/%2e%2e/pyproject.toml",
    "/docs/%2E%2E/%2E%2E/pyproject.toml",
    "/docs/..%2fpyproject.toml",
    "/docs/reference/../../pyproject.toml",
    "/docs/reference/..%2f..%2fpyproject.toml",
    "/docs/.build-stamp",
    "/docs//etc/passwd",
    "/docs/%2fetc%2fpasswd",
])
def test_nothing_outside_the_site_is_served(docs_url: str, path: str) -> None:
    status, headers, body = raw_get(docs_url, path)
    assert status == 404, (path, status, body[:200])
    assert headers["content-type"].startswith("application/problem+json")
    assert b"[project]" not in body and b"root:" not in body and b"0123" not in body


def test_only_get_and_head(docs_url: str) -> None:
    resp = httpx.post(f"{docs_url}/docs/", content=b"x")
    assert_problem(resp, 405, "method_not_allowed")
    assert resp.headers["allow"] == "GET, HEAD"


def test_an_unbuilt_site_says_how_to_build_it(tmp_path: Path, dsn: str) -> None:
    with serve(create_app(make_settings(ex7_docs_dir=tmp_path / "not-built"), dsn)) as url:
        for path in ("/docs/", "/docs/quickstart.html"):
            body = assert_problem(httpx.get(url + path), 503, "service_unavailable")
            assert "ex7 docs build" in body["detail"]
        assert httpx.get(f"{url}/docs/").headers["retry-after"]
        assert httpx.get(f"{url}/docs").status_code == 308  # the redirect does not need the site
        assert httpx.get(f"{url}/api/health").status_code == 200


def test_the_api_and_its_console_are_unaffected(docs_url: str) -> None:
    assert httpx.get(f"{docs_url}/api/health").json()["status"] == "ok"
    assert httpx.get(f"{docs_url}/openapi.json").json()["info"]["title"]
    assert httpx.get(f"{docs_url}/api/openapi.json").status_code == 200
    console = httpx.get(f"{docs_url}/api/docs/")  # Connexion's Swagger UI
    assert console.status_code == 200 and "swagger" in console.text.lower()
    # Paths that only begin like the site's are not the site's.
    assert_problem(httpx.get(f"{docs_url}/docsx"), 404, "not_found")
    assert_problem(httpx.get(f"{docs_url}/api/strategies"), 401, "invalid_token")


def test_the_default_folder_is_under_the_data_dir(tmp_path: Path) -> None:
    assert make_settings(ex7_data_dir=tmp_path).docs_dir == tmp_path / "docs"
    assert make_settings(ex7_data_dir=tmp_path, ex7_docs_dir=tmp_path / "elsewhere").docs_dir == tmp_path / "elsewhere"
