"""Stage 6, publish: the staging folder replaces site/ in one rename, only after everything
succeeded. A failed build removes its staging folder and leaves the previous site/ as it was.

The staging folder starts as a copy of site/ made of hard links (no bytes copied). It is made from
the site before, which the last build kept beside site/ as its spare (`.site-spare-<name>`): that
tree is already links to most of site/'s files, so only what the last build changed is linked
again, and neither thousands of links made nor the previous site deleted on every build (4.4 s of
a one-record edit at 1,000 records in six languages, 20,000 files). Kept only after a build that
changed few files (`worth_keeping`). Every stage
writes through `Output.write`, which leaves a file alone when its bytes are unchanged (the link, and
so the file's inode and modification time, survive into the new site/) and otherwise replaces the
link by a new file, never writing through it into the live site. Files the build no longer makes are
removed before the swap. So a rebuild rewrites only what changed, and a deployment that syncs by
modification time or checksum sends only that."""

from __future__ import annotations

import contextlib
import errno
import filecmp
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path


def write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    """`data` (or its chunks, in order) into `path` whole or not at all: written to a file of this
    process beside it, flushed to the disk, then renamed over it. A build killed at any point leaves
    the old file or the new one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            for chunk in (data,) if isinstance(data, bytes) else data:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Output:
    """The staging folder as the stages see it: files written by path relative to the site root.
    `produced`: every file this build made; `changed`: those whose bytes differ from the last site."""

    def __init__(self, root: Path):
        self.root = root
        self.produced: set[str] = set()
        self.changed: set[str] = set()

    def write(self, rel: str, data: bytes | str) -> bool:
        """Write one file unless it already holds these bytes; True when it changed."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.produced.add(rel)
        target = self.root / rel
        try:
            if os.path.getsize(target) == len(data):
                with open(target, "rb") as f:
                    if f.read() == data:
                        return False
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
        # A new file renamed over the old one: never written through a link into the previous site/,
        # and never seen half-written by a reader of the live site (`serve` writes there).
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
        self.changed.add(rel)
        return True

    def stat(self, rel: str) -> list[int]:
        """The file's size and modification time (ns): whether it is still as it was written."""
        st = os.stat(self.root / rel)
        return [st.st_size, st.st_mtime_ns]

    def kept(self, rel: str, stat: list[int]) -> bool:
        """Counts `rel` as made by this build without writing it, when the file is there with this size
        and modification time (as the last build left it: the staging folder starts as links to it)."""
        try:
            if self.stat(rel) != list(stat):
                return False
        except FileNotFoundError:
            return False
        self.produced.add(rel)
        return True

    def merge(self, produced, changed) -> None:
        """What another process wrote into the same folder (render workers)."""
        self.produced.update(produced)
        self.changed.update(changed)

    def adopt(self, folder: str) -> None:
        """Count every file under `folder` as produced (a tool wrote them, or they are kept as they were)."""
        base = self.root / folder
        for dirpath, _dirs, names in os.walk(base):
            rel_dir = Path(dirpath).relative_to(self.root).as_posix()
            self.produced.update(f"{rel_dir}/{name}" for name in names)

    def remove_stale(self, keep: tuple = ()) -> list[str]:
        """Delete what the previous site had and this build did not make, except `keep` (files, and
        folders ending in '/', that a later step decides about); returns their paths. Folders left
        empty go too. A walk of its own (os.scandir, paths built as strings): os.walk made a Path of
        every folder, and a site has one per page (1.6 s at 10,000 records in six languages, now 0.5)."""
        folders = tuple(k for k in keep if k.endswith("/"))
        stale: list[str] = []

        def clear(path: str, rel: str) -> None:  # rel: "" or "a/b/"
            with os.scandir(path) as entries:
                found = list(entries)
            for entry in found:
                name = rel + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if (name + "/").startswith(folders):
                        continue
                    clear(entry.path, name + "/")
                    try:
                        os.rmdir(entry.path)  # only if now empty
                    except OSError:
                        pass
                elif name not in self.produced and name not in keep:
                    os.unlink(entry.path)
                    stale.append(name)

        clear(str(self.root), "")
        return stale


def _remove(entry: os.DirEntry) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def _mirror(source: str, target: str) -> None:
    """Make `target` the same tree as `source` in hard links: what is already a link to the same file
    stays, anything else there is replaced, and what `source` does not have goes."""
    have = {entry.name: entry for entry in os.scandir(target)}
    for entry in os.scandir(source):
        mine = have.pop(entry.name, None)
        dest = os.path.join(target, entry.name)
        if entry.is_dir(follow_symlinks=False):
            if mine is not None and not mine.is_dir(follow_symlinks=False):
                _remove(mine)
                mine = None
            if mine is None:
                os.mkdir(dest)
            _mirror(entry.path, dest)
        else:
            if mine is not None:
                if not mine.is_dir(follow_symlinks=False) and mine.inode() == entry.inode():
                    continue
                _remove(mine)
            os.link(entry.path, dest)
    for leftover in have.values():
        _remove(leftover)


def spare(site_dir: Path) -> Path:
    """Where the site before the current one waits to become the next staging folder."""
    return site_dir.parent / f"{SPARE_PREFIX}{site_dir.name}"


def _from_spare(site_dir: Path, folder: Path) -> bool:
    """The spare taken as the staging folder (renamed onto the empty `folder`: a build running beside
    this one cannot take it too) and made the same as site/; False when there is none."""
    kept = spare(site_dir)
    if kept.is_symlink() or not kept.is_dir():
        return False
    try:
        os.rename(kept, folder)
    except OSError:  # taken by another build, or `folder` not empty
        return False
    _mirror(str(site_dir), str(folder))
    return True


def _done_with(previous: Path, site_dir: Path, keep_spare: bool) -> None:
    """The site just replaced: kept as the spare for the next build to start from, or removed (when
    not worth keeping, or when it cannot be kept)."""
    kept = spare(site_dir)
    if keep_spare and previous.is_dir() and not previous.is_symlink():
        try:
            if kept.is_dir() and not kept.is_symlink():
                shutil.rmtree(kept)
            elif kept.exists() or kept.is_symlink():
                kept.unlink()
            os.rename(previous, kept)
            return
        except OSError:
            pass
    if previous.is_dir() and not previous.is_symlink():
        shutil.rmtree(previous, ignore_errors=True)


STAGING_PREFIX = ".site-staging-"
OLD_PREFIX = ".site-old-"
SPARE_PREFIX = ".site-spare-"


def _owner_alive(folder: Path, prefix: str) -> bool:
    """Whether the build that made `folder` ('<prefix><pid>-<random>') may still be running."""
    pid = folder.name[len(prefix):].split("-", 1)[0]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def tidy(site_dir: Path) -> None:
    """What an interrupted build left beside site/: staging folders of builds that are no longer
    running are removed; a previous site moved aside by a swap that did not finish is put back when
    site/ is missing (else removed); the spare goes when site/ is gone (it would then hold the only
    copy of an old site's bytes)."""
    for folder in sorted(site_dir.parent.glob(OLD_PREFIX + "*")):
        if not folder.is_dir() or os.path.islink(folder) or _owner_alive(folder, OLD_PREFIX):
            continue
        if not site_dir.exists() and (folder / site_dir.name).is_dir():
            os.rename(folder / site_dir.name, site_dir)
        shutil.rmtree(folder, ignore_errors=True)
    for folder in sorted(site_dir.parent.glob(STAGING_PREFIX + "*")):
        if folder.is_dir() and not os.path.islink(folder) and not _owner_alive(folder, STAGING_PREFIX):
            shutil.rmtree(folder, ignore_errors=True)
    kept = spare(site_dir)
    if not site_dir.exists() and kept.is_dir() and not kept.is_symlink():  # site/ deleted: nothing to start from
        shutil.rmtree(kept, ignore_errors=True)


@contextmanager
def staging(site_dir: Path):
    """A folder beside site/ (same file system, so the final rename is atomic), seeded with links to
    the current site/ so that unchanged files are kept rather than rewritten. Its name carries this
    process's id, so that the next build can tell a stale one (see `tidy`)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tidy(site_dir)
    folder = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=site_dir.parent))
    try:
        if site_dir.is_dir():
            try:
                if not _from_spare(site_dir, folder):
                    _mirror(str(site_dir), str(folder))  # every file linked into the empty folder
            except OSError:  # no hard links on this file system: start empty
                shutil.rmtree(folder)
                folder.mkdir()
        yield Output(folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def relink_unchanged(output: Output, folder: str, site_dir: Path) -> None:
    """After a tool rewrote a whole folder (Pagefind): files whose bytes equal the previous site's
    become links to those again, so they keep their modification time."""
    base = output.root / folder
    for dirpath, _dirs, names in os.walk(base):
        for name in names:
            new = os.path.join(dirpath, name)
            rel = os.path.relpath(new, output.root)
            old = site_dir / rel
            try:
                before = os.stat(old)
            except FileNotFoundError:
                before = None
            now = os.stat(new)
            if before is not None and (before.st_ino, before.st_dev) == (now.st_ino, now.st_dev):
                continue  # the previous site's file itself, left alone by the tool
            if before is not None and stat.S_ISREG(before.st_mode) and filecmp.cmp(old, new, shallow=False):
                os.unlink(new)
                os.link(old, new)
            else:
                output.changed.add(Path(rel).as_posix())


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux's renameat2 with RENAME_EXCHANGE): True when done, False
    where the system or the file system cannot."""
    try:
        import ctypes

        renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    except (OSError, ImportError):
        return False
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(b))


def worth_keeping(output: Output) -> bool:
    """Whether the site this build replaces is worth keeping as the spare: when the build changed at
    most a tenth of its files. The spare's unchanged files are links to the new site's; a changed
    file is an old copy. After a build that changed most files (a template edited) the spare would
    be a whole old site's bytes, and the next build would link nearly every file again anyway."""
    return len(output.changed) * 10 <= len(output.produced)


def swap_into_place(staged: Path, site_dir: Path, keep_spare: bool = True) -> None:
    """The staging folder becomes site/. Where the system can exchange two folders in one step,
    site/ is never missing, not even for an instant; elsewhere it is two renames, and a build
    interrupted between them has the previous site put back by the next (`tidy`). The site replaced
    is kept as the spare (`keep_spare`, see `worth_keeping`), else removed."""
    os.chmod(staged, 0o755)
    if site_dir.is_dir() and not os.path.islink(site_dir) and _exchange(staged, site_dir):
        _done_with(staged, site_dir, keep_spare)  # now the previous site
        return
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{OLD_PREFIX}{os.getpid()}-", dir=site_dir.parent))
        os.rename(site_dir, old / site_dir.name)
    os.rename(staged, site_dir)
    if old is not None:
        _done_with(old / site_dir.name, site_dir, keep_spare)
        shutil.rmtree(old, ignore_errors=True)
