"""A table kept in .cache/ from build to build: key -> value (plain JSON), made under a recipe.

The build keeps some work by content (portal/load.py: each record file's parsed YAML; portal/index.py:
each text's search terms), where a key is a digest of the input and the recipe a digest of all else
that decides the value (the code that makes it, its libraries' versions). A file made under another
recipe is never read. An edit changes a few of tens of thousands of entries, so a build appends
what it made to the file as one line instead of writing the whole table again (at 10,000 records in
six languages that was 100 MB written on every edit), and writes it anew, with only the entries it
used, once those it no longer uses are a quarter of what it holds.

The file is JSON Lines: the first line {"recipe": ...}, then objects of entries, each line adding
to the ones before. JSON, as the build's other records, so that reading it runs no code; a line
that is not an object of entries (a build killed while appending, a damaged disk) ends the table,
and the next save writes it anew. Values are checked by the caller when it reads one: a table can
only ever save work, never be trusted to be well formed."""

from __future__ import annotations

import json
from pathlib import Path

from .publish import write_atomically

STALE_SHARE = 4  # the table is written anew once its unused entries are more than 1/4 of the used


class KeptTable:
    def __init__(self, path: Path | None, recipe: str):
        self.path, self.recipe = path, recipe
        self.before: dict = {}  # what the file holds
        self.now: dict = {}  # what this build used, read or made
        self._whole = False  # the file as read cannot be appended to (none, another recipe, a bad line)
        if path is None:
            return
        try:
            with open(path, encoding="utf-8") as lines:
                head = json.loads(next(lines, "null"))
                if not isinstance(head, dict) or head.get("recipe") != recipe:
                    return
                self._whole = True
                for line in lines:
                    entries = json.loads(line)
                    if not isinstance(entries, dict):
                        raise ValueError("not an object of entries")
                    self.before.update(entries)
        except (OSError, ValueError, UnicodeDecodeError):
            self._whole = False  # what was read before the bad line is used; the file is written anew

    def get(self, key: str):
        """The value kept under `key`, or None; the caller checks its form."""
        return self.before.get(key)

    def keep(self, key: str, value) -> None:
        """`value` is used by this build under `key` (read from the table or made again)."""
        self.now[key] = value

    def save(self) -> None:
        """What this build made, appended; or the whole table anew, with only what this build used,
        when the file could not be read whole or holds too much that is no longer used."""
        if self.path is None:
            return
        before = self.before
        new = {key: value for key, value in self.now.items()
               if key not in before or (before[key] is not value and before[key] != value)}
        unused = len(before) - sum(1 for key in self.now if key in before)
        if self._whole and unused * STALE_SHARE <= len(self.now):
            if new:
                with open(self.path, "a", encoding="utf-8") as out:
                    out.write(_line(new))
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, (_line({"recipe": self.recipe}) + _line(self.now)).encode("utf-8"))


def _line(entries: dict) -> str:
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":")) + "\n"

