"""Shared fixtures: a throwaway project with the real reference data and inline content files."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from portal.project import Project
from portal.reference import load_reference

ROOT = Path(__file__).resolve().parent.parent


def write_project(root: Path, files: dict[str, str | bytes]) -> Project:
    """A project in `root` with a copy of data/ and the given files (paths relative to root)."""
    if not (root / "data").exists():
        shutil.copytree(ROOT / "data", root / "data")
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return Project(root)


@pytest.fixture
def make_project(tmp_path):
    def make(files: dict[str, str | bytes]) -> Project:
        return write_project(tmp_path, files)

    return make


@pytest.fixture(scope="session")
def reference():
    return load_reference(ROOT / "data")
