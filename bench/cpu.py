"""Processor time of a cold build up to the HTML, in one process, by stage: a measure the machine's
load disturbs less than wall time (docs/performance.md, "Where the time goes").

    python bench/peer.py prepare 1000 DIR                  # DIR/portal-1000-1
    python bench/cpu.py DIR/portal-1000-1                  # processor seconds by stage
    python bench/cpu.py DIR/portal-1000-1 --profile F      # and cProfile (processor time) into F

Forking is off (every share of loading, Markdown and rendering runs here, and the open data exports
too), so that one process's time is the whole build's; .cache/ and site/ are deleted first, and the
project's templates/ and data/ made the checkout's (as bench/peer.py does: a project prepared before
a template changed would be built with the old one). The
build stops where indexing would begin, as `bench/peer.py ours-html` does; the PDF's printer runs
in a process of its own and is not counted. Under cProfile many small calls cost far more than
they do without it (validating 0.9 s becomes 14 s): compare proportions within a stage, or
function-call counts, which do not depend on the load.
"""

from __future__ import annotations

import cProfile
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from portal import forking, pipeline  # noqa: E402
from portal.project import Project  # noqa: E402


class HtmlWritten(Exception):
    pass


def main() -> int:
    project = Path(sys.argv[1]).resolve()
    out = sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else None
    profile = cProfile.Profile(time.process_time) if out else None
    stages: dict = {}
    ended: dict = {}

    def clock(_timings, progress=None):
        @contextmanager
        def stage(name):
            start = time.process_time()
            try:
                yield
            finally:
                stages[name] = stages.get(name, 0.0) + time.process_time() - start
        return stage

    def stop(*args, **kwargs):
        if profile:
            profile.disable()
        ended["at"] = time.process_time()
        raise HtmlWritten

    from peer import current  # the checkout's templates/ and data/, as bench/peer.py's sides use them

    current(project)
    forking.can_fork = lambda: False
    pipeline._clock = clock
    pipeline.index_site = stop
    for folder in (".cache", "site"):
        shutil.rmtree(project / folder, ignore_errors=True)
    start = time.process_time()
    if profile:
        profile.enable()
    try:
        pipeline.build(Project(project), workers=1)
    except HtmlWritten:
        pass
    if profile:
        profile.dump_stats(out)
    stages.pop("index", None)
    print(f"processor time up to the HTML: {ended['at'] - start:.2f} s;",
          ", ".join(f"{name} {seconds:.2f}" for name, seconds in stages.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
