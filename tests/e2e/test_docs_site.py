"""The docs site as a reader gets it: built for real (`ex7.docs_site.build`: Redocly CLI, the guides), served by
the app at /docs/ on a real uvicorn, and opened in Debian's Chromium, headless, through playwright (no browser
of playwright's own). The reference renders every tag and operation of the contract, its search finds an
operation, every link of every guide resolves (pages 200, anchors present), no page logs a console error or
throws, and nothing is requested from anywhere but the server on 127.0.0.1. Screenshots of the reference and
the quickstart go to artifacts/ (or $EX7_ARTIFACTS_DIR), which CI keeps.

Without /usr/bin/chromium this fails rather than skips: `./dev test` installs it (Debian's `chromium`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
import pytest
import yaml

from ex7 import docs_site
from ex7.app import create_app
from tests.support.db import PostgresForTests
from tests.support.http import serve
from tests.support.live_server import live_server
from tests.support.pipeline import open_risk_limits
from tests.support.settings import make_settings
from tests.support.users import new_user

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("EX7_ARTIFACTS_DIR") or ROOT / "artifacts")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOOPBACK = "127.0.0.1"


def contract() -> dict:
    return yaml.safe_load(docs_site.SPEC.read_text())


def operations() -> list[tuple[str, str, str]]:
    """(tag, summary, operationId) of every operation of the contract."""
    found = []
    for item in contract()["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                found.append((operation["tags"][0], operation.get("summary") or operation["operationId"],
                              operation["operationId"]))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "site"
    started = time.monotonic()
    result = docs_site.build(out, progress=lambda _msg: None)
    print(f"docs site built in {time.monotonic() - started:.1f} s")
    assert result.built and docs_site.is_built(out)
    return out


@pytest.fixture(scope="module")
def docs_url(site: Path, dsn: str) -> Iterator[str]:
    with serve(create_app(make_settings(ex7_docs_dir=site), dsn)) as url:
        yield f"{url}/docs/"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watched:
    """A page with everything that must not happen recorded: console errors, uncaught exceptions, requests
    that leave loopback (aborted, so nothing leaves), failed requests and 4xx/5xx answers."""

    page: object
    problems: list[str] = field(default_factory=list)

    def check(self) -> None:
        assert not self.problems, "\n".join(self.problems)


@pytest.fixture
def watched(browser: object) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    w = Watched(page)

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        scheme = urlsplit(url).scheme
        if scheme in ("http", "https", "ws", "wss") and urlsplit(url).hostname != LOOPBACK:
            w.problems.append(f"request leaving loopback: {url}")
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    context.route("**/*", route)
    page.on("console", lambda m: w.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda exc: w.problems.append(f"page error: {exc}"))
    page.on("requestfailed", lambda r: w.problems.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: w.problems.append(f"{r.status} for {r.url}") if r.status >= 400 else None)
    try:
        yield w
    finally:
        context.close()
    w.check()


def screenshot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)  # type: ignore[attr-defined]
    assert (ARTIFACTS / name).stat().st_size > 10_000


def test_chromium_is_debians() -> None:
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"


def test_the_reference_renders_every_tag_and_operation(docs_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(docs_url + "reference/", wait_until="load")  # type: ignore[attr-defined]
    menu = page.locator('[data-testid="menu-item-label"]')  # type: ignore[attr-defined]
    menu.first.wait_for()
    by_tag: dict[str, list[tuple[str, str]]] = {}
    for tag, summary, operation_id in operations():
        by_tag.setdefault(tag, []).append((summary, operation_id))
    assert set(by_tag) <= {t["name"] for t in contract()["tags"]}
    missing = []
    for tag, ops in by_tag.items():
        label = menu.locator(f'[data-text="{tag}"]').first
        label.wait_for()
        label.click()  # unfolds the tag's operations in the side menu
        for summary, operation_id in ops:
            entry = menu.locator(f'[data-text="{summary}"]')
            try:
                entry.first.wait_for(state="visible", timeout=3000)
            except Exception:
                missing.append(f"{tag}: {summary} ({operation_id})")
    assert not missing, f"operations missing from the reference's menu: {missing}"
    page.mouse.wheel(0, -100_000)  # type: ignore[attr-defined]
    screenshot(page, "docs-reference.png")


def test_the_reference_search_finds_an_operation(docs_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(docs_url + "reference/", wait_until="load")  # type: ignore[attr-defined]
    page.get_by_test_id("search-trigger").click()  # type: ignore[attr-defined]
    box = page.get_by_placeholder(re.compile("Search", re.I))  # type: ignore[attr-defined]
    box.fill("Start Runtime")
    hit = page.get_by_text("/api/signals/runtimes/{strategy_id}/start")  # type: ignore[attr-defined]
    hit.first.wait_for(state="visible", timeout=10_000)
    result = page.get_by_text("Start Runtime", exact=True)  # type: ignore[attr-defined]
    result.first.wait_for(state="visible")
    result.first.click()  # goes to the operation
    page.wait_for_function("() => location.hash.length > 1", timeout=5000)  # type: ignore[attr-defined]


def guide_pages() -> list[str]:
    pages = ["index.html" if p.stem == "index" else f"{p.stem}.html" for p in docs_site.GUIDES.glob("*.md")]
    return sorted(pages)


def test_the_nav_lists_every_guide_and_the_reference(docs_url: str) -> None:
    front = httpx.get(docs_url).text
    for page in guide_pages():
        assert f'href="{page}"' in front, page
    assert 'href="reference/index.html"' in front


def test_every_link_of_every_guide_resolves(docs_url: str, watched: Watched) -> None:
    """Each guide page opened in the browser (no console error, nothing from elsewhere), and every link in it
    followed: same-origin pages answer 200 and have the anchor the link names."""
    page = watched.page
    origin = urlsplit(docs_url).netloc
    checked: dict[str, str] = {}
    broken = []
    for page_name in guide_pages():
        page.goto(docs_url + page_name, wait_until="load")  # type: ignore[attr-defined]
        assert page.locator("main h1").count() == 1, page_name  # type: ignore[attr-defined]
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")  # type: ignore[attr-defined]
        assert hrefs, page_name
        broken += [f"{page_name}: {problem}" for problem in _broken_links(hrefs, origin, checked)]
        if page_name == "quickstart.html":
            screenshot(page, "docs-quickstart.png")
    assert not broken, broken


def _broken_links(hrefs: list[str], origin: str, checked: dict[str, str]) -> Iterator[str]:
    for href in hrefs:
        target, fragment = urldefrag(href)
        if urlsplit(target).scheme not in ("http", "https"):
            yield f"{href}: not a web link"
            continue
        if urlsplit(target).netloc != origin:
            continue  # an outside reference (Standard Webhooks' site): a link, never loaded here
        if target not in checked:
            resp = httpx.get(target)
            if resp.status_code != 200:
                yield f"{href}: {resp.status_code}"
                continue
            checked[target] = resp.text
        if fragment and not target.endswith("/reference/index.html") \
                and not re.search(rf'\bid="{re.escape(fragment)}"', checked[target]):
            yield f"{href}: no element with id {fragment!r}"


def test_the_front_page_links_into_the_reference_in_the_browser(docs_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(docs_url, wait_until="load")  # type: ignore[attr-defined]
    page.locator("nav.guides").get_by_text("API reference").click()  # type: ignore[attr-defined]
    page.wait_for_url(urljoin(docs_url, "reference/index.html"))  # type: ignore[attr-defined]
    page.locator('[data-testid="menu-item-label"]').first.wait_for()  # type: ignore[attr-defined]
    page.get_by_text("Quickstart", exact=True).first.click()  # type: ignore[attr-defined]  # the header's link back
    page.wait_for_url(urljoin(docs_url, "quickstart.html"))  # type: ignore[attr-defined]


def test_the_quickstart_goes_from_a_strategy_to_a_streamed_signal(postgres: PostgresForTests,
                                                                   tmp_path: Path) -> None:
    """The quickstart's script, as a reader saves and runs it, against a live server whose market moves on:
    it must print its backtest and the first streamed signal."""
    blocks = re.findall(r"^```python\n(.*?)^```", (docs_site.GUIDES / "quickstart.md").read_text(), re.M | re.S)
    script = tmp_path / "first_signal.py"
    script.write_text(next(b for b in blocks if "SignalStream" in b))
    user = new_user()
    with live_server(postgres) as server:
        assert httpx.get(f"{server.url}/api/billing/me", headers=user.headers).status_code == 200
        open_risk_limits(server.dsn, user.id)
        env = {k: v for k, v in os.environ.items() if not k.startswith("EX7_")}
        env.update(EX7_URL=server.url, EX7_TOKEN=user.token)
        with server.market_running():
            done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True,
                                  timeout=120, cwd=tmp_path)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    for expected in (r"status: ready", r"backtest: \d+ bars", r"runtime [0-9a-f-]{36}: starting",
                     r"17 CFR 4\.41\(b\)\(1\)\(i\): Hypothetical", r"#\d+ signal: (long|short) MNQ at \d"):
        assert re.search(expected, done.stdout), f"no {expected!r} in:\n{done.stdout}"
