"""Module paths cited in docstrings, comments and the README exist, so a move cannot leave them stale.

Two forms are checked: file paths (`domain/market/bars.py`, `ex7/workers/feeds`) wherever they
appear, and dotted names of our modules and their members (`domain.market.bars.SessionClock`) in
docstrings, comments and the README, where they are references for a reader (in code, a dotted name
is checked by Python itself).
"""

from __future__ import annotations

import ast
import importlib
import io
import re
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("domain", "db", "services", "handlers", "ex7", "tests", "bench", "tools")
_FOLDERS = "domain|db|services|handlers|ex7|tests|generated|bench|tools|openapi"
FILE_PATH = re.compile(rf"(?<![\w./@-])((?:{_FOLDERS})(?:/[\w.-]+)+)")
DOTTED = re.compile(r"(?<![\w@./-])((?:domain|db|services|handlers|ex7)(?:\.[A-Za-z_]\w*)+)(?![\w/(-])")


def _python_files() -> Iterator[Path]:
    for folder in SOURCES:
        yield from (ROOT / folder).rglob("*.py")


def _prose(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of the docstrings and comments of a Python file."""
    source = path.read_text()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                for offset, line in enumerate(body[0].value.value.splitlines()):
                    yield body[0].lineno + offset, line


def _dotted_problem(name: str) -> str | None:
    parts = name.split(".")
    for i in range(len(parts), 0, -1):
        module = ROOT.joinpath(*parts[:i])
        if module.with_suffix(".py").is_file() or (module / "__init__.py").is_file():
            obj = importlib.import_module(".".join(parts[:i]))
            for attr in parts[i:]:
                if not hasattr(obj, attr):
                    return f"{'.'.join(parts[:i])} has no {attr}"
                obj = getattr(obj, attr)
            return None
    return "no such module"


def _problems(where: str, lineno: int, text: str, *, dotted: bool) -> Iterator[str]:
    for match in FILE_PATH.finditer(text):
        ref = match.group(1).rstrip(".,:;)`'\"")
        if not (ROOT / ref).exists():
            yield f"{where}:{lineno}: {ref} does not exist"
    if dotted:
        for match in DOTTED.finditer(text):
            ref = match.group(1).rstrip(".")
            problem = _dotted_problem(ref)
            if problem:
                yield f"{where}:{lineno}: {ref}: {problem}"


def test_paths_and_modules_cited_in_the_sources_exist() -> None:
    found = []
    for path in _python_files():
        where = str(path.relative_to(ROOT))
        prose = dict(_prose(path))
        for lineno, line in enumerate(path.read_text().splitlines(), 1):
            found += _problems(where, lineno, line, dotted=False)
        for lineno, text in prose.items():
            found += [p for p in _problems(where, lineno, text, dotted=True) if "does not exist" not in p]
    assert found == []


def test_paths_and_modules_cited_in_the_readme_exist() -> None:
    found = []
    for lineno, line in enumerate((ROOT / "README.md").read_text().splitlines(), 1):
        found += _problems("README.md", lineno, line, dotted=True)
    assert found == []
