"""Where a project's folders are. One object passed to every stage instead of global paths."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path
    # Work the build may skip next time (keyed by content hash); safe to delete. Default: <root>/.cache.
    # Given elsewhere, a build of this project's content leaves its folder untouched (the tests do).
    cache_dir: Path = field(default=None)  # type: ignore[assignment]

    def __post_init__(self):
        if self.cache_dir is None:
            object.__setattr__(self, "cache_dir", self.root / ".cache")

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def locale_dir(self) -> Path:
        """Translation catalogs of the interface: <lang>/LC_MESSAGES/messages.po."""
        return self.root / "data" / "locale"

    @property
    def config_file(self) -> Path:
        return self.root / "site.toml"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"
