"""Reading files that strangers wrote: only regular files, never what a link points to, never a
device or a pipe, and never more than a limit. The loader, the reference data and the static
assets all read through here."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from .problems import Problem


LINK_HINT = ("The build reads only regular files, never what a link points to: put the file itself here "
             "(copy it), or remove the link.")
SPECIAL_HINT = "The build reads only regular files and folders: remove it."
CACHE_HINT = ("Remove it from the repository with 'git rm -r --cached {name}' and commit; every build makes its "
              "own. A cache that comes with a pull request can put any HTML into the published site: find out who "
              "added it.")


def committed_cache(cache_dir: Path, root: Path) -> list[Problem]:
    """A problem when the build's cache (.cache/) is tracked by git. The build takes what its cache
    holds as its own earlier work, unchecked: converted Markdown goes into pages as it is, a cached
    PDF is published as it is, and their keys are hashes anyone can compute. A cache is made on the
    machine that builds; one that came with the repository (a pull request that adds it, which
    .gitignore does not stop) is a way to publish anything, so the build refuses it before reading
    any of it. Without git, or outside a work tree, nothing can have been committed through it."""
    if not os.path.lexists(cache_dir):
        return []
    try:
        # safe.directory: a checkout owned by another user (a container) still answers, not refuses.
        done = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(cache_dir.parent), "ls-files", "-z", "--",
                               cache_dir.name], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    tracked = sorted(p for p in done.stdout.decode("utf-8", "replace").split("\0") if p)  # from cache_dir.parent
    if not tracked:
        return []
    base, top = cache_dir.parent.resolve(), root.resolve()

    def shown(rel: str) -> str:  # from the project's root, as every problem's path is
        return (base / rel).relative_to(top).as_posix() if (base / rel).is_relative_to(top) else rel

    first = shown(tracked[0])
    more = f" and {len(tracked) - 1} more file{'s' * (len(tracked) > 2)}" if len(tracked) > 1 else ""
    return [Problem(first, 1, 1, "committed-cache",
                    f"the build's cache is committed to the repository ('{first}'{more}); the build would publish "
                    "what it holds without checking it", CACHE_HINT.format(name=shown(cache_dir.name)))]


def not_regular(path: Path, rel: str) -> Problem | None:
    """A problem naming `path` when it is a symbolic link or anything but a regular file or folder
    (a device, a pipe, a socket), which the build refuses without reading it; else None. A link
    to /dev/zero made the loader read forever."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None  # gone: whoever reads it next says so
    if stat.S_ISLNK(mode):
        return Problem(rel, 1, 1, "not-a-file", f"'{rel}' is a symbolic link", LINK_HINT)
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return Problem(rel, 1, 1, "not-a-file", f"'{rel}' is not a regular file (a device, pipe or socket)",
                       SPECIAL_HINT)
    return None


def walk(base: Path, root: Path):
    """(path, problem) for everything under `base`, sorted, never following a link: folders are
    entered only when they are real folders; a problem names each link and special file."""
    for dirpath, dirs, names in os.walk(base):  # os.walk does not follow links to folders
        dirs.sort()
        here = Path(dirpath)
        for name in sorted([*names, *(d for d in dirs if os.path.islink(os.path.join(dirpath, d)))]):
            path = here / name
            yield path, not_regular(path, path.relative_to(root).as_posix())


def unreadable(base: Path, root: Path) -> list[Problem]:
    """A problem for `base` (templates/, data/) if it is a link, else for each link and special file
    under it."""
    if os.path.islink(base):
        return [not_regular(base, base.relative_to(root).as_posix())]
    return [problem for _path, problem in walk(base, root) if problem is not None]


def read_regular(path: Path, limit: int) -> bytes:
    """A regular file's bytes, opened without following a link and without waiting on a pipe.
    Raises OSError (ELOOP for a link), NotRegular, or FileTooLarge with the size."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular()
        if st.st_size > limit:
            raise FileTooLarge(st.st_size)
        data = f.read(limit + 1)  # never more, whatever the size said
        if len(data) > limit:
            raise FileTooLarge(len(data))
        return data


class NotRegular(Exception):
    pass


class FileTooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size
