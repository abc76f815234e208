"""Record a release of the contract: copy openapi/openapi.yaml to openapi/releases/<info.version>.yaml.

    python tools/release.py

Bump clients/python/pyproject.toml's version with info.version (a test checks they agree). The
snapshot is what tools/spec_breaking.py compares later contracts with (git tags do not survive the
landing process, so the snapshot is the record). Refuses when a snapshot of that version exists with other
content: a released version is never rewritten, bump info.version instead. Prints the `git tag` command to
run after committing the snapshot; it runs no git itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi" / "openapi.yaml"
RELEASES = ROOT / "openapi" / "releases"


def release(spec: Path = SPEC, releases: Path = RELEASES) -> int:
    text = spec.read_text()
    version = str(yaml.safe_load(text)["info"]["version"])
    snapshot = releases / f"{version}.yaml"
    if snapshot.exists() and snapshot.read_text() != text:
        print(f"{snapshot} exists with other content: version {version} is released; bump info.version",
              file=sys.stderr)
        return 1
    releases.mkdir(parents=True, exist_ok=True)
    snapshot.write_text(text)
    print(f"wrote {snapshot}; commit it, then run:")
    print(f"    git tag -a v{version} -m 'EX7 API contract {version}'")
    return 0


if __name__ == "__main__":
    raise SystemExit(release())
