"""Stage 6, publish: the staging folder replaces site/ in one rename, only after everything
succeeded. A failed build removes its staging folder and leaves the previous site/ as it was."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staging(site_dir: Path):
    """A fresh folder beside site/ (same file system, so the final rename is atomic)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=site_dir.parent))
    try:
        yield folder
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def swap_into_place(staged: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site_dir.parent))
        os.rename(site_dir, old / "site")
    os.rename(staged, site_dir)
    os.chmod(site_dir, 0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
