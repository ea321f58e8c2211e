"""Where a project's folders are. One object passed to every stage instead of global paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    root: Path

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
    def cache_dir(self) -> Path:
        """Work the build may skip next time (keyed by content hash); safe to delete."""
        return self.root / ".cache"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"
