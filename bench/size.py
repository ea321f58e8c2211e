"""The size of a built site by category, per language and per record, and what 10,000 records in
six languages would weigh.

    python bench/size.py 200 1000 --languages 6 --work DIR   # builds N = 200 and 1,000, fits, extrapolates
    python bench/size.py 1000 --languages 6 --work DIR       # one size: per record only, no fit
    python bench/size.py --site DIR/portal-1000-6/site --records 1000   # measure a site already built

Each N is written with bench/synthetic.py (deterministic), in the languages of bench/peer.py's
`prepare` (1: English; 6: those of site.toml), then built once with the project's templates (the
prepared project gets a fresh copy of `templates/` and `data/`, so a changed template is measured
without preparing again). Sizes are bytes of file contents (not blocks on disk) and counts of
files, so they are the same on every machine and in every run.

Extrapolation: with two sizes or more, every category is fitted by the straight line through its
points at the two largest N (a fixed part and a part per record) and read at the target.
Categories that grow slower than the records are bent down (hub pages: there are only so many
countries, regions and topics, and each shows at most hub_size records of a kind; feeds carry at
most their newest entries), so the line overestimates them past the largest N: the extrapolation
is an upper bound, the tighter the larger the N measured. With one size, the whole site is taken
as proportional to the records (also an upper bound, cruder).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

HUBS = ("countries", "regions", "topics")
GITHUB_PAGES_BYTES = 1_000_000_000  # a published Pages site may be at most 1 GB
CATEGORIES = (
    "record pages", "list pages", "collection facet pages", "hub: countries", "hub: regions",
    "hub: topics", "other pages", "feeds and calendar", "offline search index", "Pagefind",
    "assets", "open data", "root files",
)


def collections() -> set[str]:
    from portal.kinds import KINDS

    return {kind.collection for kind in KINDS}


def category(parts: tuple[str, ...], languages: set[str], colls: set[str]) -> str:
    """What a file under site/ is, from its path."""
    top = parts[0]
    if top == "pagefind":
        return "Pagefind"
    if top == "assets":
        return "assets"
    if top == "data":
        return "open data"
    if top not in languages:
        return "root files"
    rest = parts[1:]
    name = rest[-1]
    if name.endswith((".xml", ".ics")):
        return "feeds and calendar"
    if rest[0] == "search" and name.endswith(".js"):
        return "offline search index"
    if rest[0] in HUBS and name.endswith(".html"):
        return "hub: " + rest[0]
    if rest[0] in colls and name.endswith(".html"):
        if len(rest) == 2 or rest[1] == "page":
            return "list pages"
        if len(rest) == 3 and rest[1] != "compilation":
            return "record pages"
        if len(rest) >= 4:
            return "collection facet pages"
    return "other pages"


def measure(site: Path) -> dict:
    """Bytes and files by category, and by language folder."""
    languages = {p.name for p in site.iterdir() if p.is_dir() and (p / "index.html").exists()
                 and p.name not in ("assets", "data", "pagefind")}
    colls = collections()
    by_category: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for folder, _dirs, files in os.walk(site):
        for name in files:
            path = Path(folder, name)
            parts = path.relative_to(site).parts
            size = path.stat().st_size
            cell = by_category[category(parts, languages, colls)]
            cell[0] += size
            cell[1] += 1
            lang = by_language[parts[0] if parts[0] in languages else "(shared)"]
            lang[0] += size
            lang[1] += 1
    total = [sum(v[0] for v in by_category.values()), sum(v[1] for v in by_category.values())]
    return {"languages": sorted(languages), "categories": dict(by_category), "by_language": dict(by_language),
            "total": total, "tar": tar_bytes(site)}


def tar_bytes(site: Path) -> int:
    """The size of the archive GitHub's Pages upload makes of the site (GNU tar of `.` in the site's
    folder, links stored as files), for which the action's documentation states Pages' 1 GB (the
    strictest reading of the limit; the sum of the files is the loosest): a 512-byte header
    for every file and folder, each file's bytes padded to 512, a name longer than 100 bytes given
    in a header and blocks of its own, two empty blocks at the end, all padded to tar's 10 KiB
    records. Checked against `tar -cf` in tests/test_size.py."""
    blocks = 0

    def entry(name: str, size: int) -> int:
        long_name = -(-(len(name.encode()) + 1) // 512) + 1 if len(name.encode()) > 100 else 0
        return 1 + long_name + -(-size // 512)

    for folder, dirs, files in os.walk(site):
        rel = os.path.relpath(folder, site)
        prefix = "./" if rel == "." else f"./{Path(rel).as_posix()}/"
        blocks += entry(prefix, 0)
        for name in files:
            blocks += entry(prefix + name, os.path.getsize(os.path.join(folder, name)))
    blocks += 2
    return -(-blocks * 512 // 10240) * 10240


def build(n: int, work: Path, languages: int) -> Path:
    from build import prepare
    from portal import pipeline
    from portal.project import Project

    project = work / f"portal-{n}-{languages}"
    if not (project / "content").exists():
        prepare(n, work, languages, with_hugo=False)
    for folder in ("templates", "data"):  # this checkout's, so that a change is measured at once
        shutil.rmtree(project / folder)
        shutil.copytree(ROOT / folder, project / folder)
    # Rendered again, whatever the last build recorded: the record holds the digest of the code on
    # disk, which may have changed while an earlier build of this process ran on the code it had.
    (project / ".cache" / "site-state.json").unlink(missing_ok=True)
    result = pipeline.build(Project(project))
    assert result.ok, [p.headline() for p in result.report.sorted()][:5]
    return project / "site"


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def report(n: int, m: dict) -> None:
    langs = len(m["languages"])
    print(f"\nN = {n:,} records, {langs} language(s): {mb(m['total'][0])}, {m['total'][1]:,} files")
    print(f"{'category':<26}{'bytes':>14}{'files':>9}{'KB/rec/lang':>13}{'files/rec/lang':>16}{'share':>7}")
    for name in CATEGORIES:
        size, files = m["categories"].get(name, (0, 0))
        print(f"{name:<26}{mb(size):>14}{files:>9,}{size / n / langs / 1e3:>13.2f}{files / n / langs:>16.3f}"
              f"{size / m['total'][0]:>7.1%}")
    size, files = m["total"]
    print(f"{'total':<26}{mb(size):>14}{files:>9,}{size / n / langs / 1e3:>13.2f}{files / n / langs:>16.3f}")
    print("by language folder: " + ", ".join(f"{k} {mb(v[0])} / {v[1]:,} files"
                                             for k, v in sorted(m["by_language"].items())))
    verdict = "within" if m["tar"] <= GITHUB_PAGES_BYTES else "over"
    print(f"as the Pages upload archives it (tar): {mb(m['tar'])}, {verdict} its 1 GB")


def extrapolate(points: list[tuple[int, dict]], target: int) -> None:
    print(f"\nAt {target:,} records in the same languages:")
    if len(points) == 1:
        (n, m), = points
        size, files = (v * target / n for v in m["total"])
        print(f"  proportional to N from N = {n:,}: {mb(size)}, {files:,.0f} files (upper bound)")
        return
    (n1, m1), (n2, m2) = points[-2], points[-1]
    total = [0.0, 0.0]
    print(f"  per category, the line through N = {n1:,} and N = {n2:,}:")
    for name in CATEGORIES:
        a, b = m1["categories"].get(name, (0, 0)), m2["categories"].get(name, (0, 0))
        fit = [y2 + (y2 - y1) * (target - n2) / (n2 - n1) for y1, y2 in zip(a, b)]
        total = [t + f for t, f in zip(total, fit)]
        print(f"  {name:<26}{mb(fit[0]):>14}{fit[1]:>10,.0f} files")
    verdict = "fits" if total[0] < GITHUB_PAGES_BYTES else "does NOT fit"
    print(f"  {'total':<26}{mb(total[0]):>14}{total[1]:>10,.0f} files: {verdict} in 1 GB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("records", nargs="*", type=int, help="N, one or more (ascending)")
    parser.add_argument("--languages", type=int, default=6, choices=(1, 6))
    parser.add_argument("--work", type=Path, default=Path(".bench-size"))
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--target", type=int, default=10_000)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    points = []
    if args.site:
        if len(args.records) != 1:
            parser.error("--site needs the site's number of records")
        points.append((args.records[0], measure(args.site)))
    else:
        args.work.mkdir(parents=True, exist_ok=True)
        for n in sorted(args.records):
            points.append((n, measure(build(n, args.work.resolve(), args.languages))))
    for n, m in points:
        report(n, m)
    extrapolate(points, args.target)
    if args.json:
        args.json.write_text(json.dumps([{"records": n, **m} for n, m in points], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
