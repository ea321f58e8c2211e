"""One side of the benchmark at a time, as one process, for a harness that runs two commands in
turn and pairs their figures (bench/build.py alternates the sides itself; this script lets an
outside timer do it, and measure processor time and memory of each whole process).

    python bench/peer.py prepare 1000 DIR --languages 6   # DIR/portal-1000-6 and DIR/hugo-1000-6
    python bench/peer.py ours-html DIR/portal-1000-6      # cold build, up to the HTML written (no search index)
    python bench/peer.py ours DIR/portal-1000-6           # cold build, search and PDF included
    python bench/peer.py hugo DIR/hugo-1000-6             # Hugo's cold build of the peer
    python bench/peer.py hugo-pagefind DIR/hugo-1000-6    # the same, then Pagefind on its pages
    python bench/peer.py ours-edit DIR/portal-1000-6      # one activity's title changed, then `build`
    python bench/peer.py ours-noop DIR/portal-1000-6      # `build` with nothing changed

A cold build first moves the last output (and, for the portal, .cache/) into DIR/../set-aside/,
which nothing deletes: delete it between runs of the timer, not while one is timed (this machine's
file system makes files slowly right after many were deleted; see docs/performance.md). Every
command ends by writing what it made out to disk (`sync`), so neither side pays for the other's.
The portal's own figures (stages, peak memory of its process, pages) are appended as one JSON line
to DIR/../peer-log.jsonl.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def set_aside(*folders: Path) -> None:
    for folder in folders:
        if folder.exists():
            trash = folder.parent.parent / "set-aside"
            trash.mkdir(exist_ok=True)
            folder.rename(trash / f"{folder.parent.name}-{folder.name}-{time.monotonic_ns()}")


def log(project: Path, side: str, figures: dict) -> None:
    with open(project.parent / "peer-log.jsonl", "a", encoding="utf-8") as out:
        out.write(json.dumps({"side": side, "project": project.name, **figures}) + "\n")


class HtmlWritten(Exception):
    pass


def current(project: Path) -> None:
    """The project's templates/ and data/ made this checkout's where they differ, so that every run
    measures the templates as they are, not as they were when the project was prepared (a copy left
    from then measured pages with head tags the templates no longer write). Untouched when equal: the copy
    would change nothing the build reads, but costs time and leaves files new."""
    for folder in ("templates", "data"):
        ours_, theirs = ROOT / folder, project / folder
        mine = {p.relative_to(ours_): p.read_bytes() for p in ours_.rglob("*") if p.is_file()}
        have = {p.relative_to(theirs): p.read_bytes() for p in theirs.rglob("*") if p.is_file()}
        if mine != have:
            shutil.rmtree(theirs)
            shutil.copytree(ours_, theirs)


def ours(project: Path, side: str) -> None:
    if side == "ours-noop":
        return noop(project)
    from portal import editions, pipeline
    from portal.project import Project

    current(project)  # before the clock starts, and not timed as the build's
    if side in ("ours", "ours-html"):
        set_aside(project / ".cache", project / "site", project / ".site-spare-site")
    if side == "ours-edit":  # a real change each time: the title alternates between two texts
        record = sorted((project / "content" / "activities").glob("*.yml"))[len(list((project / "content" / "activities").glob("*.yml"))) // 3]
        text = record.read_text(encoding="utf-8")
        title = re.search(r"^title: (.*)$", text, re.M).group(1)
        new = "Edited once more" if title == "Edited once" else "Edited once"
        record.write_text(re.sub(r"^title: .*$", f"title: {new}", text, count=1, flags=re.M), encoding="utf-8")
    timings: dict = {}
    start = time.perf_counter()
    if side == "ours-html":
        def stop(*args, **kwargs):
            raise HtmlWritten
        pipeline.index_site = stop  # the stage after the HTML; the build leaves site/ as it was

        class NoOfflineIndex:  # a search index, as Pagefind is: the full build's, not the HTML's
            def __init__(self, output):
                pass

            def add(self, edition):
                pass

            def wait(self):
                return 0

            def stop(self):
                pass

        # Written while the next language is derived, so the build would otherwise wait for it
        # before index_site; the peer's side of this line is Hugo alone, without Pagefind.
        editions.OfflineIndexing = NoOfflineIndex  # portal/editions.py makes them, in this process or its forks
        try:
            pipeline.build(Project(project))
        except HtmlWritten:
            pass
    else:
        result = pipeline.build(Project(project))
        assert result.ok, [p.headline() for p in result.report.sorted()][:5]
        timings = result.timings
    total = time.perf_counter() - start
    os.sync()
    log(project, side, {"total": total, "timings": timings,
                        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                        "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024})


def noop(project: Path) -> None:
    """`build` as the command line runs it (portal/cli.py), which asks whether site/ is up to date
    before it loads the stages. The templates are not made current first: reading them is no part of
    a no-op build, and a build that was not one fails the assertion (run `ours-edit` first)."""
    from portal.cli import run_build
    from portal.project import Project

    start = time.perf_counter()
    result = run_build(Project(project), verbosity=-1)
    total = time.perf_counter() - start
    assert result is not None and result.up_to_date, "not a no-op: build the project once first"
    log(project, "ours-noop", {"total": total, "timings": result.timings,
                               "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def hugo(hugo_dir: Path, side: str) -> None:
    from build import hugo_commands, hugo_executable

    set_aside(hugo_dir / "public")
    build_cmd, index_cmd = hugo_commands(hugo_executable(), hugo_dir)
    figures = {}
    for name, command in (("hugo", build_cmd), ("pagefind", index_cmd))[:2 if side == "hugo-pagefind" else 1]:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        figures[name] = time.perf_counter() - start
        figures[name + "_cpu"] = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    os.sync()
    log(hugo_dir, side, figures)


def main() -> int:
    side, target = sys.argv[1], Path(sys.argv[2]).resolve()
    if side == "prepare":
        from build import prepare

        languages = int(sys.argv[sys.argv.index("--languages") + 1]) if "--languages" in sys.argv else 1
        work = Path(sys.argv[3]).resolve()
        work.mkdir(parents=True, exist_ok=True)
        print(*prepare(int(sys.argv[2]), work, languages))
    elif side.startswith("ours"):
        ours(target, side)
    elif side.startswith("hugo"):
        hugo(target, side)
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
