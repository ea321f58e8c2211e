"""Matchmaking benchmark: time to compute every suggestion list for 5,000 needs x 5,000 offers x
2,000 consultants (plus 2,000 activities for the history signal), on synthetic content.

    python bench/matching.py [NEEDS OFFERS CONSULTANTS]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synthetic  # noqa: E402

from portal.matching import suggest  # noqa: E402
from portal.pipeline import build_date, check  # noqa: E402
from portal.project import Project  # noqa: E402


def main() -> int:
    needs, offers, consultants = (int(a) for a in sys.argv[1:4]) if len(sys.argv) == 4 else (5000, 5000, 2000)
    activities = 2000
    total = needs + offers + consultants + activities
    synthetic.SHARES.update({"activities": activities / total, "consultants": consultants / total,
                             "needs": needs / total, "offers": offers / total, "case-studies": 0, "initiatives": 0})
    work = Path(tempfile.mkdtemp(prefix="bench-matching-"))
    try:
        made = synthetic.generate(total, work / "project", all_open=True)
        result = check(Project(work / "project"))
        assert not result.report.errors, result.report.errors[:3]
        catalog = result.catalog
        today = build_date()
        open_needs = sum(1 for n in catalog.records["needs"] if n.status == "open")
        print(f"{made['needs']} needs ({open_needs} open), {made['offers']} offers, {made['consultants']} consultants, "
              f"{made['activities']} activities")
        timings = []
        for _ in range(3):
            start = time.perf_counter()
            found = suggest(catalog, today, set())
            timings.append(time.perf_counter() - start)
        tracemalloc.start()  # a separate run: tracing slows Python down several times
        suggest(catalog, today, set())
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        lists = sum(1 for offers_, consultants_ in found.for_need.values() for _ in (offers_, consultants_))
        print(f"suggestions computed in {min(timings):.2f} s (best of 3; runs: "
              + ", ".join(f"{t:.2f}" for t in timings) + f"), peak Python memory {peak / 2**20:.0f} MiB, "
              f"{lists} lists for needs, {len(found.for_offer)} for offers, {len(found.for_consultant)} for consultants")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
