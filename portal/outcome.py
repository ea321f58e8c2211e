"""What a build reports. Kept apart from the stages, which load much of the portal: a build that
has nothing to do (portal/uptodate.py) answers from the last build's record without loading them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Report


@dataclass(frozen=True)
class IndexFigures:
    """What the index stage wrote (portal/index.py)."""

    pagefind_files: int
    pagefind_bytes: int
    offline_bytes: int
    documents: int
    reindexed: tuple = ()  # the Pagefind shards this build indexed (the others were kept)


@dataclass
class BuildResult:
    report: Report
    output: Path | None = None
    pages: int = 0
    timings: dict = field(default_factory=dict)  # stage -> seconds
    figures: dict = field(default_factory=dict)
    search: IndexFigures | None = None
    changed: int = 0  # files written because their bytes changed (the others were kept as they were)
    up_to_date: bool = False  # site/ already held what these inputs give: nothing was done

    @property
    def ok(self) -> bool:
        return self.output is not None
