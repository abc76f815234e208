"""The docs site: the API reference built from the contract by Redocly CLI, beside hand-written guides.

`build(out)` writes a static site into `out` (served by `ex7 serve` at /docs/, see
`ex7.docs_serving.DocsSite`):

- `reference/index.html`: `npx --no-install redocly build-docs openapi/openapi.yaml` with the page
  template docs/reference.hbs and `--inlineBundle`, so the page holds Redoc's script itself and loads
  nothing from another host (no CDN, no fonts, telemetry off);
- one page per guide, docs/guides/<name>.md rendered by markdown-it-py into a shared layout (a nav of
  the guides and the reference, docs/site.css); links to `other.md` become `other.html`, every heading
  gets an id, and a link to a guide that does not exist fails the build. Two guides have generated
  parts: errors.md the contract's problem codes, cftc-4-41.md the disclaimer as the server sends it
  (domain.billing.compliance); examples.md is the runnable examples of docs/examples, a curl and a
  Python one per tag of the contract, shown as code.

Every link is relative, so the site works under any prefix (/docs/). The build goes into a temporary
folder beside `out`, which then takes its place, so a server never serves half a site. A stamp (a hash
of every source: the contract, guides, examples, template, stylesheet, the npm lock and this module)
is written with it: `if_stale=True` skips a build whose sources have not changed.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from domain.billing.compliance import CFTC_4_41_TEXT, CFTC_RULE

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SPEC = ROOT / "openapi" / "openapi.yaml"
GUIDES = DOCS / "guides"
EXAMPLES = DOCS / "examples"
TEMPLATE = DOCS / "reference.hbs"
STYLESHEET = DOCS / "site.css"
STAMP = ".build-stamp"
PREFIX = "/docs"

# The guides in the nav's order; index.md is the site's front page. Guides not listed come after, by name.
ORDER = ("index", "quickstart", "authentication", "errors", "pagination", "stream", "webhooks",
         "billing-test-mode", "cftc-4-41", "examples")
# Markers a guide's Markdown may hold on a line of its own, replaced by generated Markdown at build time.
PROBLEM_CODES_MARKER = "<!-- ex7: problem codes -->"
CFTC_MARKER = "<!-- ex7: cftc 4.41 -->"
EXAMPLES_MARKER = "<!-- ex7: examples -->"

# Redoc's sidebar footer shows Redocly's logo from their CDN, with no option to turn it off: the built page
# gets a local stand-in instead, so that it loads nothing from another host.
_LOGO = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='56' height='14'%3E%3Ctext x='0' "
         "y='11' font-family='sans-serif' font-size='11' fill='%23555761'%3ERedocly%3C/text%3E%3C/svg%3E")
_CDN_ASSETS = {"https://cdn.redoc.ly/redoc/logo-mini-full.svg": _LOGO,
               "https://cdn.redoc.ly/redoc/logo-mini.svg": _LOGO}

_REDOCLY_ENV = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_UPDATE_NOTIFIER": "1",
                "CI": "true"}


class DocsBuildError(Exception):
    """The site could not be built (no npx, Redocly failed, a guide links nowhere); the message says why."""


@dataclass(frozen=True)
class BuildResult:
    out: Path
    built: bool  # False: the site was up to date (if_stale) and left as it was
    seconds: float
    pages: list[str]


# ---------------------------------------------------------------------------------------------- the build


def sources(spec: Path = SPEC, docs: Path = DOCS) -> list[Path]:
    """Every file the site is made from (the stamp hashes them, with this module)."""
    files = [spec, docs / "reference.hbs", docs / "site.css", ROOT / "package-lock.json", Path(__file__)]
    files += sorted((docs / "guides").glob("*.md")) + sorted((docs / "examples").glob("*.*"))
    return files


def stamp_of(files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def is_built(out: Path) -> bool:
    return (out / "index.html").is_file() and (out / "reference" / "index.html").is_file()


def is_fresh(out: Path, stamp: str) -> bool:
    try:
        return is_built(out) and (out / STAMP).read_text().strip() == stamp
    except OSError:
        return False


def build(out: Path, spec: Path = SPEC, *, docs: Path = DOCS, if_stale: bool = False,
          progress: Callable[[str], None] = print) -> BuildResult:
    """Build the site into `out` (replacing what is there, all at once); see the module docstring."""
    started = time.monotonic()
    out = out.resolve()
    stamp = stamp_of(sources(spec, docs))
    if if_stale and is_fresh(out, stamp):
        progress(f"docs site up to date in {out}")
        return BuildResult(out, False, time.monotonic() - started, [])
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.building-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        progress(f"docs: building the API reference from {_shown(spec)} (Redocly CLI) ...")
        _reference(spec, docs / "reference.hbs", tmp / "reference" / "index.html")
        guides = _guides(docs)
        progress(f"docs: rendering {len(guides)} guides ...")
        pages = _render_site(guides, spec, docs, tmp)
        (tmp / STAMP).write_text(stamp + "\n")
        _swap(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    seconds = time.monotonic() - started
    progress(f"docs site built in {seconds:.1f} s: {out} ({len(pages)} pages and the API reference)")
    return BuildResult(out, True, seconds, ["reference/index.html", *pages])


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _reference(spec: Path, template: Path, output: Path) -> None:
    npx = shutil.which("npx")
    if npx is None:
        raise DocsBuildError("npx not found: the API reference is built by Redocly CLI; install Node.js 20+ "
                             "with npm and run `npm ci` in the repository")
    output.parent.mkdir(parents=True)
    command = [npx, "--no-install", "redocly", "build-docs", str(spec), "--output", str(output),
               "--template", str(template), "--inlineBundle", "--lint-config", "off"]
    try:
        done = subprocess.run(command, cwd=ROOT, env={**os.environ, **_REDOCLY_ENV}, capture_output=True,
                              text=True, timeout=300, check=False)
    except subprocess.TimeoutExpired as exc:
        raise DocsBuildError("redocly build-docs took more than 300 s") from exc
    if done.returncode != 0 or not output.is_file():
        tail = "\n".join(line for line in (done.stdout + done.stderr).splitlines()
                         if line.strip() and not line.strip().startswith(("║", "╔", "╚")))[-2000:]
        raise DocsBuildError(f"redocly build-docs failed (exit {done.returncode}); run `npm ci` if it is not "
                             f"installed:\n{tail}")
    page = output.read_text()
    for url, local in _CDN_ASSETS.items():
        page = page.replace(url, local)
    output.write_text(page)


@dataclass(frozen=True)
class Guide:
    name: str  # file stem: quickstart
    title: str  # its first heading
    markdown: str

    @property
    def page(self) -> str:
        return f"{self.name}.html"


def _guides(docs: Path) -> list[Guide]:
    found = {path.stem: path for path in (docs / "guides").glob("*.md")}
    if "index" not in found:
        raise DocsBuildError(f"{docs / 'guides' / 'index.md'} is missing: it is the site's front page")
    names = [n for n in ORDER if n in found] + sorted(n for n in found if n not in ORDER)
    guides = []
    for name in names:
        text = found[name].read_text()
        heading = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), name)
        guides.append(Guide(name, heading, text))
    return guides


def _render_site(guides: list[Guide], spec: Path, docs: Path, out: Path) -> list[str]:
    contract: dict[str, Any] = yaml.safe_load(spec.read_text())
    known = {g.name for g in guides}
    shutil.copy2(docs / "site.css", out / "site.css")
    pages = []
    for guide in guides:
        text = expand(guide.markdown, contract, docs / "examples")
        body = render_markdown(text, known, where=f"docs/guides/{guide.name}.md")
        page = "index.html" if guide.name == "index" else guide.page
        (out / page).write_text(layout(guide, guides, body, contract))
        pages.append(page)
    return pages


# ------------------------------------------------------------------------------------ generated Markdown


def expand(markdown: str, contract: dict[str, Any], examples: Path) -> str:
    """A guide's Markdown with its markers replaced by what they stand for."""
    replacements = {PROBLEM_CODES_MARKER: lambda: problem_codes_table(contract),
                    CFTC_MARKER: cftc_text, EXAMPLES_MARKER: lambda: examples_markdown(contract, examples)}
    lines = []
    for line in markdown.splitlines():
        make = replacements.get(line.strip())
        lines.append(make() if make else line)
    return "\n".join(lines) + "\n"


_CODE_LINE = re.compile(r"^- `([a-z0-9_]+)`: (.*)$")


def problem_codes(contract: dict[str, Any]) -> list[tuple[str, str]]:
    """(code, meaning) of every code of the contract's Problem.code: its enum, described by its description's
    `- \\`code\\`: meaning` lines."""
    schema = contract["components"]["schemas"]["Problem"]["properties"]["code"]
    meanings = {}
    for line in str(schema.get("description", "")).splitlines():
        match = _CODE_LINE.match(line.strip())
        if match:
            meanings[match.group(1)] = match.group(2).strip()
    codes = list(schema.get("enum") or meanings)
    return [(code, meanings.get(code, "")) for code in codes]


def problem_codes_table(contract: dict[str, Any]) -> str:
    rows = ["| code | when |", "| --- | --- |"]
    rows += [f"| `{code}` | {_cell(meaning)} |" for code, meaning in problem_codes(contract)]
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def cftc_text() -> str:
    return f"> **{CFTC_RULE}**\n>\n> {CFTC_4_41_TEXT}"


def contract_tags(contract: dict[str, Any]) -> list[str]:
    """The contract's tags in its order: the declared ones, then any an operation uses undeclared."""
    tags = [t["name"] for t in contract.get("tags", [])]
    for item in contract.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict):
                tags += [t for t in operation.get("tags", []) if t not in tags]
    return tags


def examples_markdown(contract: dict[str, Any], examples: Path) -> str:
    """Each tag's curl and Python example (docs/examples/<tag>.sh, .py): the title and description of its
    header comment, then the file as code."""
    parts = []
    for tag in contract_tags(contract):
        parts.append(f"## {tag}")
        for suffix, label, lang in (("sh", "curl", "sh"), ("py", "Python SDK", "python")):
            path = examples / f"{tag.lower()}.{suffix}"
            if not path.is_file():
                parts.append(f"*No {label} example for {tag} yet.*")
                continue
            source = path.read_text()
            header = []
            for line in source.splitlines():
                if not line.startswith("#"):
                    break
                header.append(line.lstrip("#").strip())
            title = header[0] if header else f"{tag} ({label})"
            parts.append(f"### {label}: {title}")
            if header[1:]:
                parts.append(" ".join(header[1:]))
            parts.append(f"`docs/examples/{path.name}`:")
            fence = "~" * max(3, 1 + max((len(m) for m in re.findall(r"^~{3,}", source, re.M)), default=0))
            parts.append(f"{fence}{lang}\n{source.rstrip()}\n{fence}")
    return "\n\n".join(parts)


# ------------------------------------------------------------------------------------------- rendering


def slug(text: str) -> str:
    text = re.sub(r"[^\w\s-]", "", text.lower()).strip()
    return re.sub(r"[\s_]+", "-", text) or "section"


def rewrite_link(href: str, known: set[str], where: str) -> str:
    """`other.md#part` -> `other.html#part` (the front page: `index.html`); any other link as it is. A link to a
    guide that does not exist is a DocsBuildError."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith(("#", "/")):
        return href
    path, hash_, fragment = href.partition("#")
    if not path.endswith(".md"):
        return href
    name = path.removeprefix("./")[:-3]
    if "/" in name or name not in known:
        raise DocsBuildError(f"{where}: the link {href!r} names no guide (guides: {', '.join(sorted(known))})")
    return f"{name}.html{hash_}{fragment}"


def render_markdown(text: str, known: set[str], *, where: str = "guide") -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    tokens = md.parse(text)
    used: set[str] = set()
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            base = slug(tokens[i + 1].content)
            anchor, n = base, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
            token.attrSet("id", anchor)
        for child in token.children or []:
            if child.type == "link_open":
                child.attrSet("href", rewrite_link(str(child.attrGet("href") or ""), known, where))
    return str(md.renderer.render(tokens, md.options, {}))


def layout(guide: Guide, guides: list[Guide], body: str, contract: dict[str, Any]) -> str:
    version = html.escape(str(contract.get("info", {}).get("version", "")))
    nav = []
    for g in guides:
        page = "index.html" if g.name == "index" else g.page
        current = ' aria-current="page"' if g.name == guide.name else ""
        nav.append(f'<li><a href="{page}"{current}>{html.escape(g.title)}</a></li>')
    nav.append('<li><a href="reference/index.html">API reference</a></li>')
    title = html.escape(guide.title)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · EX7 docs</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="site.css">
</head>
<body>
<header class="top"><a class="brand" href="index.html">EX7</a> <span class="version">API {version}</span></header>
<div class="page">
<nav class="guides" aria-label="Guides">
<ul>
{chr(10).join(nav)}
</ul>
</nav>
<main>
{body}</main>
</div>
</body>
</html>
"""


def _swap(tmp: Path, out: Path) -> None:
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    try:
        tmp.rename(out)
    except OSError:
        if old.exists():
            old.rename(out)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)
