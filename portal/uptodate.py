"""Whether site/ is already what a build would make: the build's inputs hashed into one digest,
kept with a listing of the files the build wrote (size and modification time). When both match,
a rebuild has nothing to do. Anything that can change the output is an input: every file under
content/, data/ and templates/, site.toml, the portal's own code and pinned requirements, the build
date and the build's options. The record is kept in .cache/ (safe to delete: the next build is then
a full one)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
import sys
from pathlib import Path

from .outcome import BuildResult, IndexFigures
from .problems import Problem, Report
from .publish import write_atomically

STATE_FILE = "site-state.json"
CODE_DIR = Path(__file__).resolve().parent


def build_date() -> dt.date:
    """The day the build speaks for (which needs have expired, what 'today' means on the site):
    SOURCE_DATE_EPOCH when set, for reproducible builds, else the current UTC date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.datetime.now(dt.timezone.utc).date()


def unchanged(project, site_dir: Path) -> tuple[str, BuildResult | None]:
    """The inputs' digest and, when site_dir already holds what they give, the result of the build
    that made it (`up_to_date`); else None. The build's first step (portal/pipeline.py), and what the
    command line asks before it loads the stages: this module loads little of the portal."""
    digest = inputs_digest(project, build_date())
    state = load(project, site_dir, digest)
    if state is None:
        return digest, None
    saved = state["result"]
    report = Report()
    report.extend(Problem(**p) for p in saved["problems"])
    return digest, BuildResult(report, site_dir, saved["pages"], {}, saved["figures"], IndexFigures(**saved["search"]),
                               up_to_date=True)


def _files(base: str, suffix: str):
    """`base` itself if it is a file, else every file under it ending in `suffix`, in a fixed order:
    a folder's files (and links to folders, which are listed, never entered) by name, then its
    folders, each in turn."""
    if not os.path.isdir(base) or os.path.islink(base):
        yield base
        return
    with os.scandir(base) as entries:
        found = [(entry.name, entry.is_dir() and not entry.is_symlink()) for entry in entries]  # (name, entered)
    yield from (os.path.join(base, name) for name in sorted(n for n, entered in found if not entered)
                if name.endswith(suffix))
    for name in sorted(n for n, entered in found if entered):
        yield from _files(os.path.join(base, name), suffix)


def _hash_tree(h, base: Path, root: Path, suffix: str = "") -> None:
    top = str(root) + os.sep
    for path in _files(str(base), suffix):
        rel = path[len(top):] if path.startswith(top) else os.path.relpath(path, root)
        h.update(rel.replace(os.sep, "/").encode() + b"\0" + _content(path) + b"\0")


def _content(path: str) -> bytes:
    """A regular file's bytes; for a link, where it points, and for a device, pipe or socket, its
    kind: never read through (a link to /dev/zero would be read forever). The build refuses both."""
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        return b"link:" + os.fsencode(os.readlink(path))
    if not stat.S_ISREG(mode):
        return b"special:" + str(stat.S_IFMT(mode)).encode()
    with open(path, "rb") as f:
        return f.read()


def inputs_digest(project, today, options: dict | None = None, content: bool = True) -> str:
    """Every input hashed. `content=False` leaves content/ out: what a page's HTML depends on besides
    the page's own view (portal/rendered.py)."""
    h = hashlib.sha256()
    for base in (project.content_dir,) * content + (project.data_dir, project.templates_dir, project.config_file):
        if base.exists():
            _hash_tree(h, base, project.root)
    _hash_tree(h, CODE_DIR, CODE_DIR.parent, ".py")  # not __pycache__/, which Python writes as it pleases
    requirements = CODE_DIR.parent / "requirements.txt"
    if requirements.is_file():
        h.update(requirements.read_bytes())
    h.update(json.dumps({"today": today.isoformat(), **(options or {})}, sort_keys=True).encode())
    return h.hexdigest()


def listing(site_dir: Path) -> dict:
    """Every file of the site: path -> [size, modification time in ns] (a link to a folder is not
    entered, as os.walk does not)."""
    out = {}

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir():
                    if not entry.is_symlink():
                        walk(entry.path, prefix + entry.name + "/")
                    continue
                st = entry.stat()
                out[prefix + entry.name] = [st.st_size, st.st_mtime_ns]

    walk(str(site_dir), "")
    return out


def _state_path(project) -> Path:
    return project.cache_dir / STATE_FILE


def _well_formed(state) -> bool:
    """Whether a record has the shape `save` writes (`unchanged` makes a result from it)."""
    if not isinstance(state, dict) or not isinstance(state.get("files"), dict):
        return False
    result = state.get("result")
    try:
        if not (isinstance(result["pages"], int) and isinstance(result["figures"], dict)):
            return False
        IndexFigures(**result["search"])
        [Problem(**p) for p in result["problems"]]
    except (KeyError, TypeError, ValueError):
        return False
    return True


def load(project, site_dir: Path, digest: str) -> dict | None:
    """What the last build recorded, if it was made from these inputs into this folder and the folder
    still holds exactly what that build wrote; else None. A record that cannot be read or is not one
    is removed with a warning: the build is then a full one, and writes a new record."""
    path = _state_path(project)
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        state, why = None, getattr(exc, "strerror", None) or str(exc)
    else:
        why = "it is not a record of a build"
    if not _well_formed(state):
        print(f"warning: {path.parent.name}/{path.name} cannot be used ({why}); it is removed and the site is "
              "built in full", file=sys.stderr, flush=True)
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    if state.get("inputs") != digest or state.get("site") != str(site_dir.resolve()):
        return None
    if not site_dir.is_dir() or listing(site_dir) != state.get("files"):
        return None
    return state


def save(project, site_dir: Path, digest: str, result: dict) -> None:
    state = {"inputs": digest, "site": str(site_dir.resolve()), "result": result, "files": listing(site_dir)}
    path = _state_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(state, separators=(",", ":")).encode("utf-8"))



def forget(project) -> None:
    try:
        _state_path(project).unlink()
    except FileNotFoundError:
        pass
