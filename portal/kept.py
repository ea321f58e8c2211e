"""A table kept in .cache/ from build to build: key -> value (plain JSON), made under a recipe.

The build keeps some work by content (portal/load.py: each record file's parsed YAML; portal/index.py:
each text's search terms), where a key is a digest of the input and the recipe a digest of all else
that decides the value (the code that makes it, its libraries' versions). A file made under another
recipe is never read. An edit changes a few of tens of thousands of entries, so a build appends
the entries it made to the file instead of writing the whole table again (at 10,000 records in six
languages that was 100 MB written on every edit), and writes it anew, with only the entries it
used, once those it no longer uses are a quarter of what it holds.

The file's first line is JSON, {"recipe": ...}; then one line per entry, its key, a tab and its
value as JSON. A value is kept as its JSON text and read (json.loads, so that reading it runs no
code) when it is asked for: a language's terms at 10,000 records are 37,000 entries, which as
Python objects took some 150 MB of the process that holds them. A line that is not an entry (a
build killed while appending, a damaged disk) is left out, and the next save writes the table anew.
Values are checked by the caller when it reads one: a table can only ever save work, never be
trusted to be well formed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .publish import write_atomically

STALE_SHARE = 4  # the table is written anew once its unused entries are more than 1/4 of the used
CHUNK = 2000  # entries written at a time


def recipe(module_file: str, *versions: str) -> str:
    """A recipe: the code of the module that makes the values (its file as imported) and the versions
    of all else that decides them, as one digest."""
    return hashlib.sha256(repr((Path(module_file).read_bytes(), *versions)).encode("utf-8")).hexdigest()


class KeptTable:
    def __init__(self, path: Path | None, recipe: str):
        self.path, self.recipe = path, recipe
        self.before: dict[str, str] = {}  # what the file holds: key -> the value's JSON text
        self.now: dict[str, str] = {}  # what this build used, read or made, the same way
        self._whole = False  # the file as read can be appended to (it exists, of this recipe, every line an entry)
        if path is None:
            return
        try:
            with open(path, encoding="utf-8") as lines:
                head = json.loads(next(lines, "null"))
                if not isinstance(head, dict) or head.get("recipe") != recipe:
                    return
                self._whole = True
                for line in lines:
                    key, tab, value = line.partition("\t")
                    if not tab or not line.endswith("\n"):
                        self._whole = False
                        continue
                    self.before[key] = value[:-1]
        except (OSError, ValueError, UnicodeDecodeError):
            self._whole = False  # what was read before the bad line is used; the file is written anew

    def get(self, key: str):
        """The value under `key`, made by this build or kept before (then marked as used), or None;
        the caller checks its form and, when it makes the value again, `keep`s it."""
        text = self.now.get(key)
        if text is None:
            text = self.before.get(key)
        if text is None:
            return None
        try:
            value = json.loads(text)
        except ValueError:
            self._whole = False
            return None
        self.now[key] = text
        return value

    def used(self, key: str) -> bool:
        """Mark the value kept under `key` as used by this build (read elsewhere: in a forked process)."""
        text = self.before.get(key)
        if text is not None:
            self.now[key] = text
        return text is not None

    def keep(self, key: str, value) -> None:
        """`value`, made by this build, under `key`."""
        self.now[key] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def save(self) -> None:
        """What this build made, appended; or the whole table anew, with only what this build used,
        when the file could not be read whole or holds too much that is no longer used."""
        if self.path is None:
            return
        before = self.before
        new = [key for key, text in self.now.items() if before.get(key) != text]
        unused = len(before) - (len(self.now) - sum(1 for key in new if key not in before))
        if self._whole and unused * STALE_SHARE <= len(self.now):
            if new:
                with open(self.path, "a", encoding="utf-8") as out:
                    out.write("".join(f"{key}\t{self.now[key]}\n" for key in new))
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, self._chunks())

    def _chunks(self):
        """The whole table as the file has it, some thousands of entries at a time (not one string of
        the whole: 17 MB for a language's terms at 10,000 records, twice over once encoded)."""
        yield (json.dumps({"recipe": self.recipe}) + "\n").encode("utf-8")
        entries = list(self.now.items())
        for start in range(0, len(entries), CHUNK):
            yield "".join(f"{key}\t{text}\n" for key, text in entries[start:start + CHUNK]).encode("utf-8")
