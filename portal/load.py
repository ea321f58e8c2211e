"""Stage 1, load: find the record files under content/, read them as safe YAML (plus a Markdown
body for .md records) and keep every value's position. Bad files become problems; the loader
always goes on to the next file."""

from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import forking, yamlsafe
from .characters import character_problem
from .ids import suggest_id  # noqa: F401 (the file-name hint uses it; other modules import it from here)
from .problems import Problem
from .kept import KeptTable
from .files import LINK_HINT, SPECIAL_HINT, FileTooLarge, NotRegular, not_regular, read_regular, unreadable, walk
from .kinds import BY_COLLECTION, KINDS, Kind

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80
MAX_FILE_BYTES = 256 * 1024
IGNORED_NAMES = {"README.md", ".gitkeep", ".DS_Store"}


@dataclass(frozen=True)
class RawRecord:
    """One record file as read: plain data from YAML, with positions, before any checking."""

    kind: Kind
    id: str
    path: str  # relative to the project root, forward slashes
    parsed: yamlsafe.Parsed
    line_offset: int  # lines before the YAML text in the file (1 for front matter)
    body: str
    body_line: int


def id_problem(stem: str) -> str | None:
    hidden = character_problem(stem, one_line=True)
    if hidden:  # say which: it cannot be seen in the name
        return f"the file name '{stem}' contains {hidden[1]}"
    if len(stem) > MAX_ID_LENGTH:
        return f"the file name '{stem}' is {len(stem)} characters long; the limit is {MAX_ID_LENGTH}"
    if not ID_RE.match(stem):
        return f"the file name '{stem}' is not a valid record id"
    return None


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter YAML, body, line the body starts on), or None when there is no front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n").rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1:]), i + 2
    return None


def discover(content_dir: Path, root: Path) -> tuple[list[tuple[Kind, Path]], list[Problem]]:
    """Every record file, sorted, and a problem for each file that cannot be a record."""
    found, problems = [], []
    if os.path.islink(content_dir):
        return found, [not_regular(content_dir, content_dir.relative_to(root).as_posix())]
    if not content_dir.is_dir():
        return found, problems
    for path, problem in walk(content_dir, root):
        if problem is not None:
            problems.append(problem)
            continue
        if path.is_dir() or path.name in IGNORED_NAMES or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        parts = path.relative_to(content_dir).parts
        kind = BY_COLLECTION.get(parts[0]) if len(parts) == 2 else None
        if kind is None:
            folders = ", ".join(f"content/{k.collection}/" for k in KINDS)
            problems.append(Problem(rel, 1, 1, "file-type", "this file is not inside a collection folder",
                                    f"Record files go directly in one of: {folders}"))
            continue
        if path.suffix != kind.extension:
            problems.append(Problem(rel, 1, 1, "file-type",
                                    f"'{path.name}' is not a {kind.extension} file; {kind.label_plural} are {kind.extension} files",
                                    f"Rename it to '{path.stem}{kind.extension}' if it is {kind.a_label} record."))
            continue
        found.append((kind, path))
    return found, problems


PARSED_CACHE = "parsed-records.kept"  # in .cache/: ParsedCache


class ParsedCache:
    """Each record file's YAML as parsed, kept from build to build in .cache/parsed-records.kept (a
    KeptTable): parsing is most of loading (10,000 records take a core about 3 s), and an edit
    changes a file or two. Keyed by a digest of the YAML text under portal/yamlsafe.py's recipe (its
    code, PyYAML's version and parser): an entry made under another is never read. Only the data is
    kept; the positions of its values are found again in the text, by parsing it, the first time a
    problem about the record needs one. tests/test_content.py loads the same content with the cache
    and without it, and requires the same records and problems."""

    def __init__(self, path: Path | None):
        self.table = KeptTable(path, yamlsafe.RECIPE)
        self.last: tuple[str, bool] | None = None  # the key of the text `parse` was last given, and if it was kept

    def parse(self, text: str) -> yamlsafe.Parsed:
        key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
        data = self.table.get(key)
        self.last = (key, isinstance(data, dict))
        if isinstance(data, dict):
            return yamlsafe.Parsed(data=data, text=text)
        return yamlsafe.parse(text)

    def save(self, now: dict) -> None:
        """Keep `now` (key -> (data, whether it was read from the table): this build's records)."""
        for key, (data, kept) in now.items():
            if not (kept and self.table.used(key)):
                self.table.keep(key, data)
        self.table.save()


def load_file(kind: Kind, path: Path, root: Path,
              cache: ParsedCache | None = None) -> tuple[RawRecord | None, list[Problem]]:
    rel = path.relative_to(root).as_posix()
    problems: list[Problem] = []
    stem = path.stem
    message = id_problem(stem)
    if message:
        problems.append(Problem(rel, 1, 1, "file-name", message,
                                f"Use lowercase letters, digits and single hyphens, at most {MAX_ID_LENGTH} "
                                f"characters; for example '{suggest_id(stem)}{kind.extension}'."))
    refused = not_regular(path, rel)
    if refused is not None:
        return None, problems + [refused]
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileTooLarge as exc:
        problems.append(Problem(rel, 1, 1, "file-too-large",
                                f"the file is {exc.size // 1024} KiB; the limit is {MAX_FILE_BYTES // 1024} KiB",
                                "Shorten the text or move long material to a linked source."))
        return None, problems
    except NotRegular:
        return None, problems + [Problem(rel, 1, 1, "not-a-file", f"'{rel}' is not a regular file (a device, "
                                         "pipe or socket)", SPECIAL_HINT)]
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # it became a link since it was listed
            return None, problems + [Problem(rel, 1, 1, "not-a-file", f"'{rel}' is a symbolic link", LINK_HINT)]
        problems.append(Problem(rel, 1, 1, "encoding", f"the file cannot be read: {exc.strerror}",
                                "Check that the file exists and is readable."))
        return None, problems
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.append(Problem(rel, line, column, "encoding", "the file is not valid UTF-8 text",
                                "Save the file as UTF-8 in your editor (often under 'Save as' → 'Encoding')."))
        return None, problems
    text = text.removeprefix("\ufeff")

    line_offset, body, body_line = 0, "", 0
    if kind.has_body:
        split = split_front_matter(text)
        if split is None:
            problems.append(Problem(rel, 1, 1, "front-matter",
                                    "the file does not start with a front matter block between two '---' lines",
                                    "Start the file with a line '---', the fields, and another '---' line; "
                                    "the story follows below. Run '.venv/bin/python build.py new "
                                    f"{kind.name}' for an example."))
            return None, problems
        text, body, body_line = split
        line_offset = 1

    parsed = cache.parse(text) if cache is not None else yamlsafe.parse(text)
    for issue in parsed.issues:
        problems.append(Problem(rel, issue.line + line_offset, issue.column, issue.code, issue.message, issue.hint))
    if parsed.issues:
        return None, problems
    if not isinstance(parsed.data, dict):
        what = "empty" if parsed.data is None else "not a set of 'field: value' lines"
        problems.append(Problem(rel, 1 + line_offset, 1, "not-a-mapping", f"the record is {what}",
                                f"A record is a list of 'field: value' lines; run "
                                f"'.venv/bin/python build.py new {kind.name}' "
                                "for a template."))
        return None, problems
    if message:
        return None, problems
    return RawRecord(kind, stem, rel, parsed, line_offset, body, body_line), problems


# Files to parse below which loading stays in this one (parsing 10,000 records takes one core
# about 3 s; a few hundred take milliseconds, less than starting a process). At 10,000 records with
# every file's parse kept (ParsedCache), one process loads in 0.51 s and two in 0.63.
PARALLEL_MIN_FILES = 2000


def _load_share(job: tuple, worker: int, workers: int) -> list:
    """Every workers-th file from `worker` on, each as (the record's fields but its kind, problems,
    its YAML's key in the cache and whether it was read from there): what a forked worker sends
    back; the parent, which has the kinds, makes the records again and keeps their parsed YAML."""
    files, root, cache = job
    out = []
    for kind, path in files[worker::workers]:
        cache.last = None
        record, problems = load_file(kind, path, root, cache)
        fields = None if record is None else (record.id, record.path, record.parsed, record.line_offset,
                                               record.body, record.body_line)
        out.append((fields, problems, cache.last))
    return out


def load_content(content_dir: Path, root: Path, workers: int | None = None,
                 cache_file: Path | None = None) -> tuple[list[RawRecord], list[Problem]]:
    """Every record file under content/, in order, and the problems found. Many files are read and
    parsed by one forked process per core, this one included, each taking every workers-th file (so
    that each gets its share of every collection's sizes); the result is the same as from one process.
    `cache_file`: where the files' parsed YAML is kept from build to build (ParsedCache), if it is."""
    files, problems = discover(content_dir, root)
    # The templates are read by the render stage: a link or a device there is refused now, by name.
    problems += unreadable(root / "templates", root)
    cache = ParsedCache(cache_file)
    if workers is None:  # parsing is what is worth sharing out: with a warm cache, one process reads faster
        to_parse = len(files) - min(len(cache.table.before), len(files))
        workers = min(os.cpu_count() or 1, 8) if to_parse >= PARALLEL_MIN_FILES else 1
    loaded = forking.interleave(forking.shares((files, root, cache), _load_share, workers, collect=False, here=True))
    records = []
    now = {}
    for (kind, _path), (fields, found, key) in zip(files, loaded):
        problems.extend(found)
        if fields is not None:
            records.append(RawRecord(kind, *fields))
            if key is not None:
                now[key[0]] = (fields[2].data, key[1])  # a record's data, before any stage has seen it
    cache.save(now)
    return records, problems
