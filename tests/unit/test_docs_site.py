"""The docs site's build without the browser (ex7.docs_site): link rewriting, heading ids, the generated parts of
the guides (true to the contract and the code), the guides' Python that must import, and the stamp behind
`--if-stale`. The reference itself (Redocly) is stood in for here; tests/e2e/test_docs_site.py builds it."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import yaml

from domain.billing.compliance import CFTC_4_41_TEXT, CFTC_RULE
from ex7 import docs_site

CONTRACT = yaml.safe_load(docs_site.SPEC.read_text())
KNOWN = {"index", "quickstart", "errors"}


def test_links_to_guides_become_html_pages() -> None:
    assert docs_site.rewrite_link("quickstart.md", KNOWN, "x") == "quickstart.html"
    assert docs_site.rewrite_link("./errors.md#every-code", KNOWN, "x") == "errors.html#every-code"
    assert docs_site.rewrite_link("index.md", KNOWN, "x") == "index.html"
    for unchanged in ("https://example.com/a.md", "#part", "reference/index.html", "/docs/", "mailto:a@b.c"):
        assert docs_site.rewrite_link(unchanged, KNOWN, "x") == unchanged


@pytest.mark.parametrize("href", ["nowhere.md", "../README.md", "sub/quickstart.md"])
def test_a_link_to_no_guide_fails_the_build(href: str) -> None:
    with pytest.raises(docs_site.DocsBuildError, match="names no guide"):
        docs_site.rewrite_link(href, KNOWN, "docs/guides/x.md")


def test_markdown_gets_heading_ids_and_rewritten_links() -> None:
    html = docs_site.render_markdown("# Title\n\n## A part\n\n## A part\n\nSee [errors](errors.md#a-part).\n\n"
                                     "| a | b |\n| - | - |\n| 1 | 2 |\n\n<script>x</script>\n", KNOWN)
    assert '<h1 id="title">' in html and '<h2 id="a-part">' in html and '<h2 id="a-part-2">' in html
    assert '<a href="errors.html#a-part">' in html
    assert "<table>" in html
    assert "<script>" not in html  # raw HTML is shown as text, never run


def test_the_problem_codes_table_lists_every_code_of_the_contract() -> None:
    enum = CONTRACT["components"]["schemas"]["Problem"]["properties"]["code"]["enum"]
    codes = docs_site.problem_codes(CONTRACT)
    assert [code for code, _meaning in codes] == enum
    assert all(meaning for _code, meaning in codes), [code for code, meaning in codes if not meaning]
    table = docs_site.problem_codes_table(CONTRACT)
    assert "| `tier_cap_reached` | 403: " in table


def test_the_cftc_page_has_the_text_the_server_sends() -> None:
    page = docs_site.expand((docs_site.GUIDES / "cftc-4-41.md").read_text(), CONTRACT, docs_site.EXAMPLES)
    assert CFTC_4_41_TEXT in page and CFTC_RULE in page
    html = docs_site.render_markdown(page, {g.stem for g in docs_site.GUIDES.glob("*.md")})
    assert CFTC_4_41_TEXT in html  # no typography or escaping changes a word of it


def test_the_examples_page_shows_each_tags_curl_and_python_example() -> None:
    page = docs_site.expand((docs_site.GUIDES / "examples.md").read_text(), CONTRACT, docs_site.EXAMPLES)
    for tag in docs_site.contract_tags(CONTRACT):
        assert f"## {tag}" in page
        for suffix in ("sh", "py"):
            source = (docs_site.EXAMPLES / f"{tag.lower()}.{suffix}").read_text()
            assert source.rstrip() in page
    assert "No curl example" not in page and "No Python SDK example" not in page


def _python_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", markdown, re.M | re.S)


def test_the_guides_python_compiles_and_imports_what_the_sdk_has() -> None:
    """Every Python snippet of the guides parses, and every name it imports from the SDK exists."""
    seen = 0
    for guide in sorted(docs_site.GUIDES.glob("*.md")):
        for block in _python_blocks(guide.read_text()):
            tree = ast.parse(block, filename=guide.name)
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ex7_"):
                    module = importlib.import_module(node.module)
                    for alias in node.names:
                        assert hasattr(module, alias.name) or importlib.util.find_spec(
                            f"{node.module}.{alias.name}"), f"{guide.name}: {node.module} has no {alias.name}"
                        seen += 1
    assert seen >= 10


def test_every_guide_renders(tmp_path: Path) -> None:
    guides = docs_site._guides(docs_site.DOCS)
    assert [g.name for g in guides][:2] == ["index", "quickstart"]
    assert {g.name for g in guides} >= {"index", "quickstart", "authentication", "errors", "pagination", "stream",
                                        "webhooks", "billing-test-mode", "cftc-4-41", "examples"}
    pages = docs_site._render_site(guides, docs_site.SPEC, docs_site.DOCS, tmp_path)
    assert "index.html" in pages and (tmp_path / "site.css").is_file()
    for page in pages:
        text = (tmp_path / page).read_text()
        assert "<!-- ex7:" not in text  # every marker was replaced
        assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", text.split("<main>")[0]), page  # the layout


def _fake_reference(spec: Path, template: Path, output: Path) -> None:
    output.parent.mkdir(parents=True)
    output.write_text("<h1>reference</h1>")


def _docs_copy(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(docs_site.DOCS, docs, ignore=shutil.ignore_patterns("__pycache__"))
    return docs


def test_if_stale_skips_an_unchanged_build_and_rebuilds_a_changed_one(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docs_site, "_reference", _fake_reference)
    docs, out, lines = _docs_copy(tmp_path), tmp_path / "site", []
    first = docs_site.build(out, docs=docs, progress=lines.append)
    assert first.built and docs_site.is_built(out)
    assert lines[-1].startswith("docs site built in ")
    assert docs_site.build(out, docs=docs, if_stale=True, progress=lines.append).built is False
    assert lines[-1] == f"docs site up to date in {out.resolve()}"
    # A changed guide is a new stamp: rebuilt, and the folder holds the new site only.
    (docs / "guides" / "pagination.md").write_text("# Pagination\n\nChanged.\n")
    assert docs_site.build(out, docs=docs, if_stale=True, progress=lines.append).built is True
    assert "Changed." in (out / "pagination.html").read_text()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]  # no temporary folder left
    # Without if_stale it always builds.
    assert docs_site.build(out, docs=docs, progress=lines.append).built is True


def test_a_failed_build_leaves_the_previous_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docs_site, "_reference", _fake_reference)
    docs, out = _docs_copy(tmp_path), tmp_path / "site"
    docs_site.build(out, docs=docs, progress=lambda _m: None)
    before = (out / "index.html").read_text()
    (docs / "guides" / "index.md").write_text("# EX7\n\n[broken](nowhere.md)\n")
    with pytest.raises(docs_site.DocsBuildError, match=r"nowhere\.md"):
        docs_site.build(out, docs=docs, progress=lambda _m: None)
    assert (out / "index.html").read_text() == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_the_stamp_covers_every_source() -> None:
    names = {p.name for p in docs_site.sources()}
    assert {"openapi.yaml", "reference.hbs", "site.css", "package-lock.json", "docs_site.py", "quickstart.md",
            "signals.py", "signals.sh"} <= names
